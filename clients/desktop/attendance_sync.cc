#include "clients/desktop/attendance_sync.h"

#include <google/protobuf/util/time_util.h>

#include "clients/desktop/background.h"
#include "clients/desktop/error_text.h"

namespace trainhub::desktop {

namespace v1 = trainhub::v1;

namespace {

// How often waiting marks are tried again while the server is away.
constexpr int kRetryMilliseconds = 5000;

}  // namespace

std::string SheetKey(qint64 session_id) { return "sheet/" + std::to_string(session_id); }

AttendanceSync::AttendanceSync(Connection& connection, OfflineQueue& queue, std::string scope,
                               QObject* parent)
    : QObject(parent), connection_(connection), queue_(queue), scope_(std::move(scope)) {
  retry_.setInterval(kRetryMilliseconds);
  connect(&retry_, &QTimer::timeout, this, &AttendanceSync::Flush);
  if (WaitingCount() > 0) QTimer::singleShot(0, this, &AttendanceSync::Flush);
}

void AttendanceSync::Record(qint64 session_id, v1::AttendanceMark mark) {
  Record(session_id, std::vector<v1::AttendanceMark>{std::move(mark)});
}

void AttendanceSync::Record(qint64 session_id, const std::vector<v1::AttendanceMark>& marks) {
  const std::string server = scope_;
  for (v1::AttendanceMark mark : marks) {
    *mark.mutable_client_time() = google::protobuf::util::TimeUtil::GetCurrentTime();
    mark.set_client_nonce(NewNonce());
    mark.set_device_id(queue_.device_id());
    queue_.Add(server, session_id, mark);
  }
  emit stateChanged(WaitingCount(), offline_);
  Flush();
}

std::vector<OfflineQueue::Pending> AttendanceSync::Waiting(qint64 session_id) const {
  std::vector<OfflineQueue::Pending> out;
  for (auto& pending : queue_.List(scope_)) {
    if (pending.session_id == session_id) out.push_back(std::move(pending));
  }
  return out;
}

int AttendanceSync::WaitingCount() const { return static_cast<int>(queue_.List(scope_).size()); }

void AttendanceSync::Discard(qint64 session_id) {
  queue_.Remove(scope_, session_id);
  emit stateChanged(WaitingCount(), offline_);
}

void AttendanceSync::Flush() {
  if (flushing_) {
    again_ = true;
    return;
  }
  std::vector<int64_t> sessions = queue_.SessionsToSend(scope_);
  if (sessions.empty()) {
    Finish(false);
    return;
  }
  flushing_ = true;
  FlushNext(std::move(sessions));
}

void AttendanceSync::FlushNext(std::vector<int64_t> sessions) {
  if (sessions.empty()) {
    flushing_ = false;
    Finish(false);
    if (again_) {
      again_ = false;
      Flush();
    }
    return;
  }
  const int64_t session_id = sessions.front();
  sessions.erase(sessions.begin());
  const std::string server = scope_;
  v1::RecordAttendanceSheetRequest request;
  request.set_session_id(session_id);
  for (const auto& pending : queue_.List(server)) {
    if (pending.session_id == session_id && pending.error.empty()) {
      *request.add_marks() = pending.mark;
    }
  }
  // The same request id for a resend of the same marks.
  std::string key;
  for (const auto& mark : request.marks()) key += mark.client_nonce();
  request.set_request_id("desktop-sheet-" + std::to_string(std::hash<std::string>{}(key)));
  RunInBackground<Reply<v1::AttendanceSheet>>(
      this,
      [this, request]() {
        Reply<v1::AttendanceSheet> reply;
        reply.status = connection_.Call(connection_.attendance(),
                                        &v1::AttendanceService::Stub::RecordAttendanceSheet,
                                        request, &reply.value);
        return reply;
      },
      [this, server, session_id, sessions](Reply<v1::AttendanceSheet> reply) mutable {
        if (reply.ok()) {
          queue_.Remove(server, session_id);
          queue_.Remember(server, SheetKey(session_id), reply.value);
          emit sheetUpdated(reply.value);
          FlushNext(std::move(sessions));
          return;
        }
        const ErrorText error = DescribeError(reply.status);
        if (error.unreachable || error.cancelled || error.signed_out) {
          flushing_ = false;
          again_ = false;
          Finish(error.unreachable);
          return;
        }
        queue_.MarkRefused(server, session_id, error.ToString().toStdString());
        emit refused(session_id, error.ToString());
        FlushNext(std::move(sessions));
      });
}

void AttendanceSync::Finish(bool offline) {
  offline_ = offline;
  const int waiting = WaitingCount();
  const bool unsent = !queue_.SessionsToSend(scope_).empty();
  if (unsent && offline) {
    if (!retry_.isActive()) retry_.start();
  } else {
    retry_.stop();
  }
  emit stateChanged(waiting, offline_);
}

}  // namespace trainhub::desktop
