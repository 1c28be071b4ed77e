#ifndef TRAINHUB_SERVICES_STORE_SQLITE_STORE_H_
#define TRAINHUB_SERVICES_STORE_SQLITE_STORE_H_

// domain::Store on SQLite: writes through the single Writer, reads
// on a pool of read-only connections (WAL lets them run beside the writer).

#include <atomic>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "domain/ports/unit_of_work.h"
#include "store/sqlite_unit.h"
#include "store/writer.h"

namespace trainhub::store {

class SqliteStore : public domain::Store {
 public:
  // Opens (creating and migrating) the database at `path`. ":memory:" gives
  // a private in-memory database whose reads go through the writer. The
  // request key comes from "<path>.request-key" (created at the first
  // open; store/request_key.h); request fingerprints stored before it
  // existed are keyed once. A purge an erasure left pending is finished if
  // no other process reads the file, else retried in the background.
  static absl::StatusOr<std::unique_ptr<SqliteStore>> Open(const std::string& path,
                                                           int read_connections = 4);
  // Close(), ignoring what it could not do.
  ~SqliteStore() override;

  // Finishes the queued writes, closes the read connections, moves every
  // committed change into the database file and leaves it as one complete
  // file: rollback-journal mode, no -wal or -shm file. UNAVAILABLE, with
  // the file still complete but in WAL mode, while another process has the
  // file open (an operator's sqlite3); UNAVAILABLE with the write-ahead log
  // kept when such a process holds a read transaction longer than
  // kCloseWait (the next Open folds it in). Afterwards reads and writes
  // answer UNAVAILABLE. Call it with no read or write in flight. Idempotent.
  absl::Status Close();
  static constexpr absl::Duration kCloseWait = absl::Seconds(5);

  absl::Status Read(const std::function<absl::Status(domain::ReadView&)>& work) override;
  absl::Status Write(std::function<absl::Status(domain::UnitOfWork&)> work) override;

  absl::Status CopyTo(const std::string& path) override;
  // Never waits for another process's readers: while one keeps the
  // write-ahead log, the purge stays pending (PurgePending()) and is retried
  // every kPurgeRetry, at Close and at the next Open.
  absl::Status DropOverwrittenData() override;
  bool PurgePending() const override { return purge_pending_; }
  static constexpr absl::Duration kPurgeRetry = absl::Milliseconds(250);

  Writer::Stats writer_stats() const { return writer_->stats(); }
  size_t writer_queue_depth() const { return writer_->pending(); }
  void SetCommitObserver(Writer::CommitObserver observer) {
    writer_->SetCommitObserver(std::move(observer));
  }
  // The database file ("" for an in-memory database).
  const std::string& path() const { return path_; }

 private:
  struct Reader {
    std::unique_ptr<SQLite::Database> db;
    std::unique_ptr<SqliteUnit> unit;
  };
  SqliteStore() = default;

  // One attempt to empty the write-ahead log into the file while a purge is
  // pending: this store's readers are held meanwhile so that only other
  // processes' snapshots can keep it; true when done (or nothing was
  // pending).
  absl::StatusOr<bool> TryPurge();
  // Keeps new reads waiting and waits up to `wait` for the reads in flight:
  // true with every reader idle (ReleaseReaders() ends it), false when a
  // read took longer (nothing held).
  bool HoldReaders(absl::Duration wait);
  void ReleaseReaders();
  // Starts (once) the thread that retries a pending purge, and wakes it.
  void WakePurger();
  void PurgeLoop();

  std::string path_;
  std::unique_ptr<SqliteUnit> write_unit_;
  std::unique_ptr<Writer> writer_;  // owns the connection write_unit_ uses
  std::vector<std::unique_ptr<Reader>> readers_;
  std::mutex readers_mu_;
  std::condition_variable reader_free_;
  std::condition_variable readers_drained_;
  std::vector<Reader*> idle_readers_;
  bool reads_through_writer_ = false;  // no read connections (in-memory)
  bool holding_readers_ = false;       // guarded by readers_mu_
  bool closed_ = false;                // guarded by readers_mu_

  std::atomic<bool> purge_pending_{false};
  std::mutex purge_mu_;  // one purge attempt (or the close) at a time
  std::mutex purger_mu_;
  std::condition_variable purger_wake_;
  bool purger_stopping_ = false;  // guarded by purger_mu_
  std::thread purger_;
  std::once_flag close_once_;
  absl::Status close_status_;
};

}  // namespace trainhub::store

#endif  // TRAINHUB_SERVICES_STORE_SQLITE_STORE_H_
