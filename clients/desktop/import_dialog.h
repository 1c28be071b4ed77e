#ifndef TRAINHUB_CLIENTS_DESKTOP_IMPORT_DIALOG_H_
#define TRAINHUB_CLIENTS_DESKTOP_IMPORT_DIALOG_H_

// Importing participants from a spreadsheet (CSV, see docs/import.md):
// the file is first checked (a dry run) and its problems shown as a table,
// line by line; only then can it be imported, whole or its good rows only.

#include <QCheckBox>
#include <QComboBox>
#include <QDialog>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTableWidget>
#include <memory>

#include "clients/desktop/connection.h"

namespace trainhub::desktop {

class ImportDialog : public QDialog {
  Q_OBJECT
 public:
  // `series_id`/`series_title`: the series to enrol the rows in, if any.
  ImportDialog(std::shared_ptr<Connection> connection,
               const std::vector<trainhub::v1::Organization>& organizations, qint64 series_id,
               const QString& series_title, QWidget* parent = nullptr);

  void SetFile(const QString& path);
  // The dry run (the Check button), then the import (the Import button).
  void Check();
  void Import();

  QTableWidget* problems() { return problems_; }
  QLabel* summary() { return summary_; }
  QPushButton* import_button() { return import_; }
  QCheckBox* good_rows_only() { return good_rows_only_; }

 signals:
  void checked();
  void imported();

 private:
  void Run(bool dry_run);

  std::shared_ptr<Connection> connection_;
  qint64 series_id_;
  QByteArray csv_;
  std::string request_id_;
  QLineEdit* file_;
  QComboBox* organization_;
  QComboBox* target_group_;
  QCheckBox* enrol_;
  QCheckBox* good_rows_only_;
  QTableWidget* problems_;
  QLabel* summary_;
  QPushButton* check_;
  QPushButton* import_;
};

}  // namespace trainhub::desktop

#endif  // TRAINHUB_CLIENTS_DESKTOP_IMPORT_DIALOG_H_
