#include "clients/desktop/offline_queue.h"

#include <SQLiteCpp/Statement.h>
#include <SQLiteCpp/Transaction.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <QDir>
#include <QFileInfo>
#include <random>

namespace trainhub::desktop {

namespace {

constexpr char kSchema[] = R"(
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS pending_mark (
  id INTEGER PRIMARY KEY,
  scope TEXT NOT NULL,
  session_id INTEGER NOT NULL,
  participant_id INTEGER NOT NULL,
  mark BLOB NOT NULL,
  error TEXT NOT NULL DEFAULT '',
  UNIQUE (scope, session_id, participant_id)
);
CREATE TABLE IF NOT EXISTS remembered (
  scope TEXT NOT NULL,
  key TEXT NOT NULL,
  answer BLOB NOT NULL,
  PRIMARY KEY (scope, key)
);
)";

std::string RandomHex(int bytes) {
  std::random_device device;
  std::string out;
  static constexpr char kDigits[] = "0123456789abcdef";
  for (int i = 0; i < bytes; ++i) {
    const unsigned value = device() & 0xff;
    out += kDigits[value >> 4];
    out += kDigits[value & 0xf];
  }
  return out;
}

}  // namespace

std::string NewNonce() { return RandomHex(16); }

OfflineQueue::OfflineQueue(const QString& path) {
  QDir().mkpath(QFileInfo(path).absolutePath());
  const std::string file = path.toStdString();
  // Created 0600 before SQLite opens it: it holds names of participants.
  const int fd = ::open(file.c_str(), O_CREAT | O_RDWR | O_CLOEXEC, 0600);
  if (fd >= 0) ::close(fd);
  ::chmod(file.c_str(), 0600);
  db_ = std::make_unique<SQLite::Database>(file, SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
  db_->exec("PRAGMA journal_mode=WAL");
  // A mark the trainer saw accepted on screen must survive a power cut.
  db_->exec("PRAGMA synchronous=FULL");
  db_->exec("PRAGMA busy_timeout=5000");
  db_->exec(kSchema);
  SQLite::Statement read(*db_, "SELECT value FROM meta WHERE key = 'device_id'");
  if (read.executeStep()) {
    device_id_ = read.getColumn(0).getString();
  } else {
    device_id_ = "desktop-" + RandomHex(8);
    SQLite::Statement write(*db_, "INSERT INTO meta (key, value) VALUES ('device_id', ?)");
    write.bind(1, device_id_);
    write.exec();
  }
}

void OfflineQueue::Add(const std::string& scope, int64_t session_id,
                       const trainhub::v1::AttendanceMark& mark) {
  std::lock_guard lock(mutex_);
  SQLite::Statement insert(*db_,
                           "INSERT INTO pending_mark (scope, session_id, participant_id, mark) "
                           "VALUES (?, ?, ?, ?) ON CONFLICT (scope, session_id, participant_id) "
                           "DO UPDATE SET mark = excluded.mark, error = ''");
  const std::string blob = mark.SerializeAsString();
  insert.bind(1, scope);
  insert.bind(2, static_cast<int64_t>(session_id));
  insert.bind(3, static_cast<int64_t>(mark.participant_id()));
  insert.bind(4, blob.data(), static_cast<int>(blob.size()));
  insert.exec();
}

std::vector<OfflineQueue::Pending> OfflineQueue::List(const std::string& scope) const {
  std::lock_guard lock(mutex_);
  SQLite::Statement select(
      *db_, "SELECT session_id, mark, error FROM pending_mark WHERE scope = ? ORDER BY id");
  select.bind(1, scope);
  std::vector<Pending> out;
  while (select.executeStep()) {
    Pending pending;
    pending.scope = scope;
    pending.session_id = select.getColumn(0).getInt64();
    const SQLite::Column blob = select.getColumn(1);
    pending.mark.ParseFromArray(blob.getBlob(), blob.getBytes());
    pending.error = select.getColumn(2).getString();
    out.push_back(std::move(pending));
  }
  return out;
}

std::vector<int64_t> OfflineQueue::SessionsToSend(const std::string& scope) const {
  std::lock_guard lock(mutex_);
  SQLite::Statement select(*db_,
                           "SELECT session_id FROM pending_mark WHERE scope = ? AND error = '' "
                           "GROUP BY session_id ORDER BY MIN(id)");
  select.bind(1, scope);
  std::vector<int64_t> out;
  while (select.executeStep()) out.push_back(select.getColumn(0).getInt64());
  return out;
}

void OfflineQueue::Remove(const std::string& scope, int64_t session_id) {
  std::lock_guard lock(mutex_);
  SQLite::Statement remove(*db_, "DELETE FROM pending_mark WHERE scope = ? AND session_id = ?");
  remove.bind(1, scope);
  remove.bind(2, static_cast<int64_t>(session_id));
  remove.exec();
}

void OfflineQueue::MarkRefused(const std::string& scope, int64_t session_id,
                               const std::string& reason) {
  std::lock_guard lock(mutex_);
  SQLite::Statement update(*db_,
                           "UPDATE pending_mark SET error = ? WHERE scope = ? AND session_id = ?");
  update.bind(1, reason.empty() ? std::string("refused") : reason);
  update.bind(2, scope);
  update.bind(3, static_cast<int64_t>(session_id));
  update.exec();
}

void OfflineQueue::Remember(const std::string& scope, const std::string& key,
                            const google::protobuf::Message& answer) {
  std::lock_guard lock(mutex_);
  SQLite::Statement upsert(*db_,
                           "INSERT OR REPLACE INTO remembered (scope, key, answer) "
                           "VALUES (?, ?, ?)");
  const std::string blob = answer.SerializeAsString();
  upsert.bind(1, scope);
  upsert.bind(2, key);
  upsert.bind(3, blob.data(), static_cast<int>(blob.size()));
  upsert.exec();
}

bool OfflineQueue::Recall(const std::string& scope, const std::string& key,
                          google::protobuf::Message* answer) const {
  std::lock_guard lock(mutex_);
  SQLite::Statement select(*db_, "SELECT answer FROM remembered WHERE scope = ? AND key = ?");
  select.bind(1, scope);
  select.bind(2, key);
  if (!select.executeStep()) return false;
  const SQLite::Column blob = select.getColumn(0);
  return answer->ParseFromArray(blob.getBlob(), blob.getBytes());
}

}  // namespace trainhub::desktop
