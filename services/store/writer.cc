#include "store/writer.h"

#include <SQLiteCpp/Savepoint.h>
#include <SQLiteCpp/Transaction.h>

#include <chrono>
#include <future>

#include "store/connection.h"

namespace trainhub::store {
namespace {
constexpr size_t kMaxBatch = 128;
}  // namespace

struct Writer::Unit {
  Work work;
  bool alone = false;  // outside a transaction, in a batch of its own
  absl::Status result;
  std::promise<void> done;
};

Writer::Writer(std::unique_ptr<SQLite::Database> db)
    : db_(std::move(db)), thread_([this] { Loop(); }) {}

Writer::~Writer() { Stop(); }

void Writer::Stop() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    stopping_ = true;
  }
  cv_.notify_all();
  if (thread_.joinable()) thread_.join();
}

absl::Status Writer::Finish(const Work& last) {
  Stop();
  try {
    return last(*db_);
  } catch (const std::exception& e) {
    return FromSqliteError(e, "closing the database");
  }
}

absl::Status Writer::Run(Work work) { return Enqueue(std::move(work), false); }

absl::Status Writer::RunAlone(Work work) { return Enqueue(std::move(work), true); }

absl::Status Writer::Enqueue(Work work, bool alone) {
  Unit unit;
  unit.work = std::move(work);
  unit.alone = alone;
  std::future<void> done = unit.done.get_future();
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (stopping_) return absl::UnavailableError("the database is closing");
    queue_.push_back(&unit);
  }
  cv_.notify_one();
  done.wait();
  return unit.result;
}

Writer::Stats Writer::stats() const {
  std::lock_guard<std::mutex> lock(mu_);
  return stats_;
}

void Writer::SetCommitObserver(CommitObserver observer) {
  std::lock_guard<std::mutex> lock(mu_);
  commit_observer_ = std::move(observer);
}

size_t Writer::pending() const {
  std::lock_guard<std::mutex> lock(mu_);
  return queue_.size();
}

void Writer::Loop() {
  for (;;) {
    std::deque<Unit*> batch;
    {
      std::unique_lock<std::mutex> lock(mu_);
      cv_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
      if (queue_.empty()) return;  // stopping and drained
      while (!queue_.empty() && batch.size() < kMaxBatch &&
             (batch.empty() || !queue_.front()->alone) && (batch.empty() || !batch[0]->alone)) {
        batch.push_back(queue_.front());
        queue_.pop_front();
      }
    }
    if (batch[0]->alone) {
      RunAloneUnit(*batch[0]);
    } else {
      RunBatch(batch);
    }
  }
}

void Writer::RunAloneUnit(Unit& unit) {
  try {
    unit.result = unit.work(*db_);
  } catch (const std::exception& e) {
    unit.result = FromSqliteError(e, "write failed");
  }
  unit.done.set_value();
}

void Writer::RunBatch(std::deque<Unit*>& batch) {
  SQLite::Database& db = *db_;
  absl::Status begin;
  double commit_seconds = 0;
  try {
    // Rolled back by its destructor unless committed.
    SQLite::Transaction transaction(db, SQLite::TransactionBehavior::IMMEDIATE);
    for (Unit* unit : batch) {
      try {
        SQLite::Savepoint savepoint(db, "unit");
        try {
          unit->result = unit->work(db);
        } catch (const std::exception& e) {
          unit->result = FromSqliteError(e, "write failed");
        }
        if (!unit->result.ok()) savepoint.rollback();
        savepoint.release();
      } catch (const std::exception& e) {
        // The savepoint is gone only if SQLite rolled back the whole
        // transaction; the commit below then fails for everyone.
        if (unit->result.ok()) unit->result = FromSqliteError(e, "write failed");
      }
    }
    const auto commit_start = std::chrono::steady_clock::now();
    transaction.commit();
    commit_seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - commit_start).count();
  } catch (const std::exception& e) {
    begin = FromSqliteError(e, "cannot write the transaction");
  }
  CommitObserver observer;
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (begin.ok()) ++stats_.commits;
    stats_.units += batch.size();
    observer = commit_observer_;
  }
  if (observer && begin.ok()) observer(batch.size(), commit_seconds);
  for (Unit* unit : batch) {
    if (!begin.ok() && unit->result.ok()) unit->result = begin;
    unit->done.set_value();
  }
}

}  // namespace trainhub::store
