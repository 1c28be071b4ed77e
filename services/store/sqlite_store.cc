#include "store/sqlite_store.h"

#include <SQLiteCpp/Statement.h>

#include "absl/time/clock.h"
#include "store/connection.h"
#include "store/database_copy.h"

namespace trainhub::store {

absl::StatusOr<std::unique_ptr<SqliteStore>> SqliteStore::Open(const std::string& path,
                                                               int read_connections) {
  absl::StatusOr<std::unique_ptr<SQLite::Database>> db = OpenWriteConnection(path);
  if (!db.ok()) return db.status();
  std::unique_ptr<SqliteStore> store(new SqliteStore());
  store->path_ = path;
  store->write_unit_ = std::make_unique<SqliteUnit>(**db);
  store->writer_ = std::make_unique<Writer>(*std::move(db));
  if (!IsInMemory(path)) {
    for (int i = 0; i < read_connections; ++i) {
      absl::StatusOr<std::unique_ptr<SQLite::Database>> reader = OpenReadConnection(path);
      if (!reader.ok()) return reader.status();
      auto r = std::make_unique<Reader>();
      r->unit = std::make_unique<SqliteUnit>(**reader);
      r->db = *std::move(reader);
      store->idle_readers_.push_back(r.get());
      store->readers_.push_back(std::move(r));
    }
  }
  return store;
}

absl::Status SqliteStore::CopyTo(const std::string& path) { return CopyDatabase(path_, path); }

absl::Status SqliteStore::DropOverwrittenData() {
  if (IsInMemory(path_)) return absl::OkStatus();
  // TRUNCATE waits (busy timeout) for readers of older snapshots; a reader
  // that keeps one longer makes it answer busy, and it is tried again.
  for (int attempt = 0; attempt < 5; ++attempt) {
    bool busy = false;
    absl::Status s = writer_->RunAlone([&](SQLite::Database& db) {
      SQLite::Statement q(db, "PRAGMA wal_checkpoint(TRUNCATE)");
      busy = q.executeStep() && q.getColumn(0).getInt() != 0;
      return absl::OkStatus();
    });
    if (!s.ok()) return s;
    if (!busy) return absl::OkStatus();
  }
  return absl::UnavailableError("readers kept the write-ahead log busy; it is emptied later");
}

SqliteStore::~SqliteStore() {
  // Queued writes still need the unit; its statements must be gone
  // before the connection closes.
  writer_->Stop();
  write_unit_.reset();
  writer_.reset();
}

absl::Status SqliteStore::Write(std::function<absl::Status(domain::UnitOfWork&)> work) {
  return writer_->Run([&](SQLite::Database&) {
    absl::Status status = work(*write_unit_);
    write_unit_->sql().ResetStatements();
    return status;
  });
}

absl::Status SqliteStore::Read(const std::function<absl::Status(domain::ReadView&)>& work) {
  if (readers_.empty()) {
    return writer_->Run([&](SQLite::Database&) {
      absl::Status status = work(*write_unit_);
      write_unit_->sql().ResetStatements();
      return status;
    });
  }
  Reader* reader;
  {
    std::unique_lock<std::mutex> lock(readers_mu_);
    reader_free_.wait(lock, [this] { return !idle_readers_.empty(); });
    reader = idle_readers_.back();
    idle_readers_.pop_back();
  }
  absl::Status status;
  try {
    reader->db->exec("BEGIN");
    status = work(*reader->unit);
    reader->unit->sql().ResetStatements();
    reader->db->exec("COMMIT");
  } catch (const std::exception& e) {
    status = FromSqliteError(e, "read failed");
    reader->unit->sql().ResetStatements();
    try {
      reader->db->exec("ROLLBACK");
    } catch (const std::exception&) {
      // No transaction was open.
    }
  }
  {
    std::lock_guard<std::mutex> lock(readers_mu_);
    idle_readers_.push_back(reader);
  }
  reader_free_.notify_one();
  return status;
}

}  // namespace trainhub::store
