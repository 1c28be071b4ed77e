#ifndef TRAINHUB_CLIENTS_DESKTOP_TRAINER_PAGE_H_
#define TRAINHUB_CLIENTS_DESKTOP_TRAINER_PAGE_H_

// The trainer's page: their sessions from two weeks back on (the list last
// seen when offline), and the attendance sheet of the one chosen.

#include <QLabel>
#include <QListWidget>
#include <memory>

#include "clients/desktop/attendance_sheet_widget.h"
#include "clients/desktop/attendance_sync.h"
#include "clients/desktop/connection.h"

namespace trainhub::desktop {

class TrainerPage : public QWidget {
  Q_OBJECT
 public:
  TrainerPage(std::shared_ptr<Connection> connection, AttendanceSync& sync, qint64 trainer_id,
              QWidget* parent = nullptr);

  void Reload();
  // Opens the sheet of `session_id` if it is in the list.
  bool OpenSession(qint64 session_id);

  QListWidget* sessions() { return sessions_; }
  AttendanceSheetWidget* sheet() { return sheet_; }

 signals:
  void sessionsLoaded();

 private:
  void Show(const trainhub::v1::ListScheduleResponse& schedule, bool remembered);

  std::shared_ptr<Connection> connection_;
  AttendanceSync& sync_;
  qint64 trainer_id_;
  QLabel* state_;
  QListWidget* sessions_;
  AttendanceSheetWidget* sheet_;
};

}  // namespace trainhub::desktop

#endif  // TRAINHUB_CLIENTS_DESKTOP_TRAINER_PAGE_H_
