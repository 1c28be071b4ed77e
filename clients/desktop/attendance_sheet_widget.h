#ifndef TRAINHUB_CLIENTS_DESKTOP_ATTENDANCE_SHEET_WIDGET_H_
#define TRAINHUB_CLIENTS_DESKTOP_ATTENDANCE_SHEET_WIDGET_H_

// One session's attendance sheet for its trainer: a row per person expected
// with large P / L / E / A buttons (present, late, excused, absent), "mark
// all present", sign-off and the check-in code. Works without network: the
// marks go through AttendanceSync, rows waiting to be sent say so, and the
// sheet last seen is shown while the server cannot be reached.

#include <QButtonGroup>
#include <QGridLayout>
#include <QLabel>
#include <QPushButton>
#include <QScrollArea>
#include <map>
#include <memory>
#include <set>
#include <vector>

#include "clients/desktop/attendance_sync.h"
#include "clients/desktop/connection.h"

namespace trainhub::desktop {

class AttendanceSheetWidget : public QWidget {
  Q_OBJECT
 public:
  AttendanceSheetWidget(std::shared_ptr<Connection> connection, AttendanceSync& sync,
                        QWidget* parent = nullptr);

  // Loads the sheet of `session_id` (the remembered one when offline).
  void ShowSession(qint64 session_id);
  // Records `status` for the person; `minutes_missed` with PRESENT or LATE.
  void Mark(qint64 participant_id, trainhub::v1::AttendanceStatus status, int minutes_missed = 0);
  // The L button: asks how many minutes the person missed (a
  // LateMinutesDialog, "lateMinutesDialog"), then records LATE with them.
  void AskLateMinutes(qint64 participant_id);
  void MarkAllPresent();
  void SignOff();
  void OpenCheckIn();

  const trainhub::v1::AttendanceSheet& sheet() const { return sheet_; }
  QLabel* state_line() { return state_; }
  // The button of `status` in the person's row, or null.
  QPushButton* ButtonFor(qint64 participant_id, trainhub::v1::AttendanceStatus status) const;

 signals:
  void sheetShown();

 private:
  void Show(const trainhub::v1::AttendanceSheet& sheet, bool remembered);
  void Render();
  // The session's length in minutes, as the sheet gives it.
  int SessionMinutes() const;

  std::shared_ptr<Connection> connection_;
  AttendanceSync& sync_;
  qint64 session_id_ = 0;
  // Counts the sheets AttendanceSync handed over (answers to sent marks).
  int sheets_from_sync_ = 0;
  trainhub::v1::AttendanceSheet sheet_;
  bool remembered_ = false;
  QLabel* title_;
  QLabel* state_;
  QWidget* rows_;
  QGridLayout* grid_;
  QPushButton* all_present_;
  QPushButton* sign_off_;
  QPushButton* check_in_;
  struct Row {
    qint64 participant_id;
    QButtonGroup* group;
    QLabel* note;
  };
  std::vector<Row> row_widgets_;
};

}  // namespace trainhub::desktop

#endif  // TRAINHUB_CLIENTS_DESKTOP_ATTENDANCE_SHEET_WIDGET_H_
