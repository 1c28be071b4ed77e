#ifndef TRAINHUB_CLIENTS_DESKTOP_REPORTS_PAGE_H_
#define TRAINHUB_CLIENTS_DESKTOP_REPORTS_PAGE_H_

// The funder report for coordinators and admins: a calendar year or a range
// of days, one organisation's series or a chosen set of series, and the
// smallest count shown; the figures and their breakdowns on screen, and the
// same report saved as PDF (German, as funders receive it) or CSV.

#include <QComboBox>
#include <QDateEdit>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QRadioButton>
#include <QSpinBox>
#include <QTabWidget>
#include <QTableWidget>
#include <memory>
#include <optional>

#include "clients/desktop/connection.h"
#include "clients/desktop/dialogs.h"

namespace trainhub::desktop {

class ReportsPage : public QWidget {
  Q_OBJECT
 public:
  ReportsPage(std::shared_ptr<Connection> connection, const trainhub::v1::Account& account,
              QWidget* parent = nullptr);

  // Loads the organisations and series to choose from.
  void Reload();
  // Asks the server for the report the form describes and shows it.
  void ShowReport();
  // Saves the report the form describes as a file (asks where).
  void SaveReport(trainhub::v1::ReportFileFormat format);

  void set_choose_file(ChooseSaveFile choose) { choose_file_ = std::move(choose); }
  QRadioButton* by_year() { return by_year_; }
  QSpinBox* year() { return year_; }
  QRadioButton* by_range() { return by_range_; }
  QDateEdit* first_day() { return first_day_; }
  QDateEdit* last_day() { return last_day_; }
  QRadioButton* by_organization() { return by_organization_; }
  QComboBox* organization() { return organization_; }
  QRadioButton* by_series() { return by_series_; }
  QListWidget* series_list() { return series_; }
  QSpinBox* min_persons() { return min_persons_; }
  QTableWidget* figures() { return figures_; }
  QTabWidget* breakdowns() { return breakdowns_; }
  QLabel* message() { return message_; }
  const std::optional<trainhub::v1::FunderReport>& report() const { return report_; }

 signals:
  void choicesLoaded();
  void reportShown();
  // A file was saved at `path`, or saving failed (`path` empty).
  void fileSaved(const QString& path);

 private:
  // The constructor's parts: the fields of the period and of the scope;
  // the form with its buttons; what shows the report; the page.
  void CreatePeriodFields();
  void CreateScopeFields();
  QLayout* LayOutForm();
  void CreateResultWidgets();
  void LayOut(QLayout* form);
  // The request the form describes; nullopt (with the message set) when
  // the form is incomplete.
  std::optional<trainhub::v1::GetFunderReportRequest> Request();
  void Render(const trainhub::v1::FunderReport& report);
  // The table of figures.
  void ShowFigures(const trainhub::v1::FunderReport& report);
  // One breakdown's tab, counts of fewer than `min_persons` not shown.
  QTableWidget* NewBreakdownTable(const trainhub::v1::ReportTable& table, int min_persons);
  void UpdateForm();

  std::shared_ptr<Connection> connection_;
  trainhub::v1::Account account_;
  bool admin_ = false;
  ChooseSaveFile choose_file_;
  std::optional<trainhub::v1::FunderReport> report_;
  QRadioButton* by_year_;
  QSpinBox* year_;
  QRadioButton* by_range_;
  QDateEdit* first_day_;
  QDateEdit* last_day_;
  QRadioButton* by_organization_;
  QComboBox* organization_;
  QRadioButton* by_series_;
  QListWidget* series_;
  QSpinBox* min_persons_;
  QPushButton* show_;
  QPushButton* save_pdf_;
  QPushButton* save_csv_;
  QLabel* heading_;
  QTableWidget* figures_;
  QTabWidget* breakdowns_;
  QLabel* notes_;
  QLabel* message_;
};

}  // namespace trainhub::desktop

#endif  // TRAINHUB_CLIENTS_DESKTOP_REPORTS_PAGE_H_
