#ifndef TRAINHUB_SERVICES_STORE_WRITER_H_
#define TRAINHUB_SERVICES_STORE_WRITER_H_

// The single writer of a database. Units of work queue up; the writer
// thread takes all that are waiting, runs each inside its own SAVEPOINT of
// one BEGIN IMMEDIATE transaction and commits once (group commit: one fsync
// for the batch). A unit that fails is rolled back alone.

#include <SQLiteCpp/Database.h>

#include <condition_variable>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <thread>

#include "absl/status/status.h"

namespace trainhub::store {

class Writer {
 public:
  using Work = std::function<absl::Status(SQLite::Database&)>;

  // Takes the write connection; starts the writer thread.
  explicit Writer(std::unique_ptr<SQLite::Database> db);
  // Stop() if not yet stopped; then closes the connection.
  ~Writer();
  Writer(const Writer&) = delete;
  Writer& operator=(const Writer&) = delete;

  // Runs `work` on the writer thread and blocks until its transaction is
  // durable (OK) or rolled back (the error). SQLite exceptions thrown by
  // `work` become INTERNAL/UNAVAILABLE. Thread-safe.
  absl::Status Run(Work work);
  // Runs `work` on the writer thread outside any transaction, after the
  // units queued before it are durable, and blocks until it is done (for
  // statements that cannot run in a transaction, e.g. a WAL checkpoint).
  absl::Status RunAlone(Work work);

  // Finishes every queued unit and stops the thread; later Run calls
  // answer UNAVAILABLE. Idempotent.
  void Stop();
  // Stop(), then runs `last` with the connection on the calling thread (the
  // steps of closing the database) and returns its status.
  absl::Status Finish(const Work& last);

  // How many commits and units ran so far (for tests and benchmarks).
  struct Stats {
    uint64_t commits = 0;
    uint64_t units = 0;
  };
  Stats stats() const;
  // Units queued and not yet taken by the writer thread.
  size_t pending() const;

  // Told after each commit how many units it made durable and how long its
  // COMMIT took (WAL frames written and fsynced). Called on the writer
  // thread; must be thread-safe and quick. Replaces an earlier observer.
  using CommitObserver = std::function<void(size_t units, double commit_seconds)>;
  void SetCommitObserver(CommitObserver observer);

 private:
  struct Unit;
  absl::Status Enqueue(Work work, bool alone);
  void Loop();
  void RunBatch(std::deque<Unit*>& batch);
  void RunAloneUnit(Unit& unit);

  std::unique_ptr<SQLite::Database> db_;
  mutable std::mutex mu_;
  std::condition_variable cv_;
  std::deque<Unit*> queue_;
  bool stopping_ = false;
  Stats stats_;
  CommitObserver commit_observer_;  // guarded by mu_
  std::thread thread_;
};

}  // namespace trainhub::store

#endif  // TRAINHUB_SERVICES_STORE_WRITER_H_
