#ifndef TRAINHUB_CLIENTS_DESKTOP_ATTENDANCE_PANEL_H_
#define TRAINHUB_CLIENTS_DESKTOP_ATTENDANCE_PANEL_H_

// A series' attendance as its coordinators see it: the sheet of a chosen
// session with everyone's status (minutes missed, who recorded it), the
// history of the selected person, and corrections: one person at a time,
// each with its own reason, which the history keeps (required once the
// trainer signed the sheet off).

#include <QCheckBox>
#include <QComboBox>
#include <QDialog>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QTableWidget>
#include <memory>
#include <string>
#include <vector>

#include "clients/desktop/connection.h"

namespace trainhub::desktop {

// Changes one person's status on a session's sheet (RecordAttendance).
class CorrectionDialog : public QDialog {
  Q_OBJECT
 public:
  CorrectionDialog(std::shared_ptr<Connection> connection,
                   const trainhub::v1::AttendanceSheet& sheet,
                   const trainhub::v1::AttendanceSheet::Entry& entry, QWidget* parent = nullptr);

  QComboBox* status() { return status_; }
  QSpinBox* minutes() { return minutes_; }
  QLineEdit* note() { return note_; }
  QLineEdit* reason() { return reason_; }
  QLabel* problem() { return problem_; }
  QPushButton* save_button() { return save_; }
  // Sends the correction; closes on success, else shows why inline.
  void Save();

 signals:
  void saved(const trainhub::v1::AttendanceRecord& record);

 private:
  void UpdateForm();

  std::shared_ptr<Connection> connection_;
  qint64 session_id_;
  qint64 participant_id_;
  bool signed_off_;
  std::string request_id_;  // one per dialog: a resend after a lost answer changes nothing
  QComboBox* status_;
  QSpinBox* minutes_;
  QLineEdit* note_;
  QLineEdit* reason_;
  QLabel* problem_;
  QPushButton* save_;
};

class AttendancePanel : public QWidget {
  Q_OBJECT
 public:
  explicit AttendancePanel(std::shared_ptr<Connection> connection, QWidget* parent = nullptr);

  // Loads the series' sessions and opens the last one that has begun.
  void ShowSeries(const trainhub::v1::Series& series);
  // Chooses the session with this id (once the sessions are loaded).
  bool SelectSession(qint64 session_id);
  // Opens the correction dialog ("correctionDialog") for the selected person.
  void CorrectSelected();

  QComboBox* sessions() { return sessions_; }
  QTableWidget* table() { return table_; }
  QTableWidget* history() { return history_; }
  QLabel* state_line() { return state_; }
  const trainhub::v1::AttendanceSheet& sheet() const { return sheet_; }

 signals:
  void sessionsLoaded();
  void sheetLoaded();
  void historyLoaded();

 private:
  void LoadSheet();
  void LoadHistory();
  qint64 SelectedPerson() const;

  std::shared_ptr<Connection> connection_;
  qint64 series_id_ = 0;
  trainhub::v1::AttendanceSheet sheet_;
  QComboBox* sessions_;
  QLabel* state_;
  QTableWidget* table_;
  QTableWidget* history_;
  QPushButton* correct_;
  QPushButton* refresh_;
};

}  // namespace trainhub::desktop

#endif  // TRAINHUB_CLIENTS_DESKTOP_ATTENDANCE_PANEL_H_
