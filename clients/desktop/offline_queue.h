#ifndef TRAINHUB_CLIENTS_DESKTOP_OFFLINE_QUEUE_H_
#define TRAINHUB_CLIENTS_DESKTOP_OFFLINE_QUEUE_H_

// Attendance recorded while the server cannot be reached, kept in a local
// SQLite file (mode 0600) until it is sent, and the last sheets seen, so
// that a trainer can take attendance without network. Each mark carries
// the client's time of recording, a nonce and this device's id, so that a
// resend changes nothing on the server (exactly once) and the server can
// flag records of two devices that disagree. Thread-safe.

#include <SQLiteCpp/Database.h>

#include <QString>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "trainhub/v1/attendance.pb.h"

namespace trainhub::desktop {

class OfflineQueue {
 public:
  // Opens or creates the file at `path` (folders too). Throws
  // SQLite::Exception when it cannot.
  explicit OfflineQueue(const QString& path);

  // This installation's device id (random, made once).
  const std::string& device_id() const { return device_id_; }

  // Every call takes a `scope`: whose marks these are (a server and an
  // account), so that accounts sharing a computer never send each other's.
  struct Pending {
    std::string scope;
    int64_t session_id = 0;
    trainhub::v1::AttendanceMark mark;
    std::string error;  // why the server refused it; empty while unsent
  };
  // Queues `mark` (its client_time, nonce and device id already set) for
  // `session_id`, replacing an unsent mark of the same person there.
  void Add(const std::string& scope, int64_t session_id, const trainhub::v1::AttendanceMark& mark);
  // Unsent and refused marks of `scope`, in the order queued.
  std::vector<Pending> List(const std::string& scope) const;
  // Sessions with unsent (not refused) marks.
  std::vector<int64_t> SessionsToSend(const std::string& scope) const;
  // Forgets the marks of `session_id` (sent, or discarded by the user).
  void Remove(const std::string& scope, int64_t session_id);
  // Keeps the marks of `session_id` with the server's reason for refusing.
  void MarkRefused(const std::string& scope, int64_t session_id, const std::string& reason);

  // The last answer seen under `key` (e.g. a session's sheet, the list of
  // one's sessions), for working without network.
  void Remember(const std::string& scope, const std::string& key,
                const google::protobuf::Message& answer);
  // False when nothing is remembered under `key` (or it no longer parses).
  bool Recall(const std::string& scope, const std::string& key,
              google::protobuf::Message* answer) const;

 private:
  mutable std::mutex mutex_;
  std::unique_ptr<SQLite::Database> db_;
  std::string device_id_;
};

// A fresh random nonce for one attendance mark.
std::string NewNonce();

}  // namespace trainhub::desktop

#endif  // TRAINHUB_CLIENTS_DESKTOP_OFFLINE_QUEUE_H_
