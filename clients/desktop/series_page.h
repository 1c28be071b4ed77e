#ifndef TRAINHUB_CLIENTS_DESKTOP_SERIES_PAGE_H_
#define TRAINHUB_CLIENTS_DESKTOP_SERIES_PAGE_H_

// The coordinator's page: the series they may see, filtered by status,
// organisation and year and searched by title; for the selected series its
// modules and sessions in order (plan and change sessions), its enrolment
// board, its completion forecast with certificate issuing, its certificates
// (revoke, reissue, all PDFs as a ZIP) and its attendance per session with
// corrections.

#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QTabWidget>
#include <QTableWidget>
#include <QTreeWidget>
#include <memory>
#include <optional>
#include <vector>

#include "clients/desktop/connection.h"

namespace trainhub::desktop {

class AttendancePanel;
class CertificatesPanel;
class CompletionPanel;
class EnrolmentBoard;

class SeriesPage : public QWidget {
  Q_OBJECT
 public:
  explicit SeriesPage(std::shared_ptr<Connection> connection, QWidget* parent = nullptr);

  // Loads the series list (and the organisations for the filter).
  void Reload();
  // Selects the series with this id in the list (after it was loaded).
  bool SelectSeries(qint64 series_id);
  // Opens the dialog that plans a session in the selected module.
  void PlanSession();
  // The series dialogs: a new series, the selected one's settings.
  void NewSeries();
  void EditSeries();
  // The module dialog: a new module, or the one of the selected row.
  void EditModule(bool new_module);

  // The series chosen in the list, or null.
  const trainhub::v1::Series* selected_series() const { return Selected(); }
  QTableWidget* series_table() { return series_; }
  QTreeWidget* schedule() { return schedule_; }
  EnrolmentBoard* enrolment_board() { return board_; }
  CompletionPanel* completion_panel() { return completion_; }
  CertificatesPanel* certificates_panel() { return certificates_; }
  AttendancePanel* attendance_panel() { return attendance_; }
  QTabWidget* details() { return details_; }
  QLineEdit* search() { return search_; }

 signals:
  void seriesLoaded();
  void scheduleLoaded();

 private:
  // The constructor's parts: the filters and the list of series; the
  // selected series' heading, schedule and tabs; their places; what they do.
  void CreateListWidgets();
  void CreateDetailWidgets();
  void LayOut();
  void ConnectSignals();
  void ApplyFilter();
  void ShowSelected();
  void LoadSchedule();
  // Fills the schedule from modules_ and sessions_.
  void ShowSchedule();
  void AddSessionItem(QTreeWidgetItem* module_item, const trainhub::v1::Session& session);
  void EditSession(QTreeWidgetItem* item);
  // The session dialog for `series`: plans a session in `module_id`, or
  // changes `editing`; the schedule reloads when it saved.
  void OpenSessionDialog(const trainhub::v1::Series& series, qint64 module_id,
                         std::optional<trainhub::v1::Session> editing);
  void DeleteSession();
  const trainhub::v1::Series* Selected() const;

  std::shared_ptr<Connection> connection_;
  std::vector<trainhub::v1::Series> all_series_;
  std::vector<trainhub::v1::Module> modules_;
  std::vector<trainhub::v1::Session> sessions_;
  std::vector<trainhub::v1::Trainer> trainers_;
  std::vector<trainhub::v1::Organization> organizations_;
  QComboBox* status_;
  QComboBox* organization_;
  QSpinBox* year_;
  QLineEdit* search_;
  QTableWidget* series_;
  QLabel* problem_;
  QLabel* heading_;
  QTabWidget* details_;
  QTreeWidget* schedule_;
  QPushButton* plan_;
  QPushButton* edit_;
  QPushButton* delete_session_;
  QPushButton* add_module_;
  QPushButton* edit_module_;
  QPushButton* settings_;
  QPushButton* new_series_;
  EnrolmentBoard* board_;
  CompletionPanel* completion_;
  CertificatesPanel* certificates_;
  AttendancePanel* attendance_;
};

}  // namespace trainhub::desktop

#endif  // TRAINHUB_CLIENTS_DESKTOP_SERIES_PAGE_H_
