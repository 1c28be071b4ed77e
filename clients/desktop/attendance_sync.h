#ifndef TRAINHUB_CLIENTS_DESKTOP_ATTENDANCE_SYNC_H_
#define TRAINHUB_CLIENTS_DESKTOP_ATTENDANCE_SYNC_H_

// Sends attendance marks to the server through the offline queue: every
// mark is first kept in the local file, then sent; while the server cannot
// be reached the marks wait and are sent later, each with its own nonce, so
// that they arrive exactly once. UI thread only.

#include <QObject>
#include <QTimer>

#include "clients/desktop/connection.h"
#include "clients/desktop/offline_queue.h"

namespace trainhub::desktop {

// The key under which a session's last sheet is remembered.
std::string SheetKey(qint64 session_id);

class AttendanceSync : public QObject {
  Q_OBJECT
 public:
  // `scope` keeps the marks of one account on one server apart from
  // others' in the shared queue (e.g. "host:port#account-id").
  AttendanceSync(Connection& connection, OfflineQueue& queue, std::string scope,
                 QObject* parent = nullptr);

  const std::string& scope() const { return scope_; }

  // Keeps `mark` for `session_id` (stamped with the time now, a nonce and
  // this device) and sends what is waiting.
  void Record(qint64 session_id, trainhub::v1::AttendanceMark mark);
  void Record(qint64 session_id, const std::vector<trainhub::v1::AttendanceMark>& marks);
  // Sends every waiting mark, one sheet per session.
  void Flush();
  // Marks of the session that the server has not accepted yet.
  std::vector<OfflineQueue::Pending> Waiting(qint64 session_id) const;
  int WaitingCount() const;
  bool offline() const { return offline_; }
  // Drops the refused marks of `session_id`.
  void Discard(qint64 session_id);

  OfflineQueue& queue() { return queue_; }

 signals:
  // The server's sheet after it took marks (conflicts it flagged included).
  void sheetUpdated(const trainhub::v1::AttendanceSheet& sheet);
  // The number of marks waiting changed, or the server went away or came back.
  void stateChanged(int waiting, bool offline);
  // The server refused the marks of a session; they stay listed with `reason`.
  void refused(qint64 session_id, const QString& reason);

 private:
  void FlushNext(std::vector<int64_t> sessions);
  void Finish(bool offline);

  Connection& connection_;
  OfflineQueue& queue_;
  std::string scope_;
  QTimer retry_;
  bool flushing_ = false;
  bool again_ = false;
  bool offline_ = false;
};

}  // namespace trainhub::desktop

#endif  // TRAINHUB_CLIENTS_DESKTOP_ATTENDANCE_SYNC_H_
