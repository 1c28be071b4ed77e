#include "store/sqlite_store.h"

#include <SQLiteCpp/Statement.h>
#include <SQLiteCpp/Transaction.h>
#include <sqlite3.h>

#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "store/connection.h"
#include "store/database_copy.h"
#include "store/request_key.h"
#include "store/sql_support.h"

namespace trainhub::store {
namespace {

// How long a purge attempt waits for this store's own reads in flight (it
// waits on the writer thread: writes wait as long).
constexpr absl::Duration kHoldReadersWait = absl::Milliseconds(10);

// PRAGMA wal_checkpoint(TRUNCATE) waiting at most `busy_ms` for readers of
// older snapshots: true when every committed change is in the file and the
// write-ahead log is empty (zero bytes).
bool EmptyWriteAheadLog(SQLite::Database& db, int busy_ms) {
  sqlite3_busy_timeout(db.getHandle(), busy_ms);
  bool emptied = false;
  try {
    SQLite::Statement checkpoint(db, "PRAGMA wal_checkpoint(TRUNCATE)");
    emptied = checkpoint.executeStep() && checkpoint.getColumn(0).getInt() == 0;
  } catch (const std::exception&) {
    sqlite3_busy_timeout(db.getHandle(), kBusyTimeoutMs);
    throw;
  }
  sqlite3_busy_timeout(db.getHandle(), kBusyTimeoutMs);
  return emptied;
}

// Rows of client_request written before fingerprints were keyed get the
// keyed form of what they hold (so retries still match); once, in one
// transaction, then the old values leave the files.
absl::Status KeyStoredFingerprints(SQLite::Database& db, const std::string& key, bool in_memory) {
  try {
    if (db.execAndGet("SELECT fingerprints_keyed FROM installation WHERE id = 1").getInt() != 0) {
      return absl::OkStatus();
    }
    {
      SQLite::Transaction transaction(db, SQLite::TransactionBehavior::IMMEDIATE);
      std::vector<std::tuple<int64_t, std::string, std::string>> rows;
      SQLite::Statement read(db, "SELECT account_id, request_id, fingerprint FROM client_request");
      while (read.executeStep()) {
        const std::string stored = read.getColumn(2).getString();
        if (IsKeyedFingerprint(stored)) continue;
        rows.emplace_back(read.getColumn(0).getInt64(), read.getColumn(1).getString(),
                          KeyedFingerprint(key, stored));
      }
      SQLite::Statement update(
          db, "UPDATE client_request SET fingerprint = ? WHERE account_id = ? AND request_id = ?");
      for (const auto& [account_id, request_id, keyed] : rows) {
        update.reset();
        update.bind(1, keyed);
        update.bind(2, account_id);
        update.bind(3, request_id);
        update.exec();
      }
      db.exec("UPDATE installation SET fingerprints_keyed = 1 WHERE id = 1");
      transaction.commit();
    }
    // secure_delete zeroed the old values in the pages written; the older
    // page images in the write-ahead log go with it.
    if (!in_memory) (void)EmptyWriteAheadLog(db, kBusyTimeoutMs);
    return absl::OkStatus();
  } catch (const std::exception& e) {
    return FromSqliteError(e, "keying the stored request fingerprints");
  }
}

}  // namespace

absl::StatusOr<std::unique_ptr<SqliteStore>> SqliteStore::Open(const std::string& path,
                                                               int read_connections) {
  absl::StatusOr<std::unique_ptr<SQLite::Database>> db = OpenWriteConnection(path);
  if (!db.ok()) return db.status();
  absl::StatusOr<std::string> request_key = LoadOrCreateRequestKey(RequestKeyPathFor(path));
  if (!request_key.ok()) return request_key.status();
  if (absl::Status keyed = KeyStoredFingerprints(**db, *request_key, IsInMemory(path));
      !keyed.ok()) {
    return keyed;
  }
  bool purge_pending = false;
  try {
    purge_pending =
        !(*db)->execAndGet("SELECT purge_pending_since FROM installation WHERE id = 1").isNull();
  } catch (const std::exception& e) {
    return FromSqliteError(e, absl::StrCat("cannot open database ", path));
  }
  std::unique_ptr<SqliteStore> store(new SqliteStore());
  store->path_ = path;
  store->write_unit_ = std::make_unique<SqliteUnit>(**db, *request_key);
  store->writer_ = std::make_unique<Writer>(*std::move(db));
  if (!IsInMemory(path)) {
    for (int i = 0; i < read_connections; ++i) {
      absl::StatusOr<std::unique_ptr<SQLite::Database>> reader = OpenReadConnection(path);
      if (!reader.ok()) return reader.status();
      auto r = std::make_unique<Reader>();
      r->unit = std::make_unique<SqliteUnit>(**reader, *request_key);
      r->db = *std::move(reader);
      store->idle_readers_.push_back(r.get());
      store->readers_.push_back(std::move(r));
    }
  }
  store->reads_through_writer_ = store->readers_.empty();
  if (purge_pending) {
    store->purge_pending_ = true;
    absl::StatusOr<bool> purged = store->TryPurge();
    if (!purged.ok()) return purged.status();
    if (!*purged) store->WakePurger();
  }
  return store;
}

absl::Status SqliteStore::CopyTo(const std::string& path) { return CopyDatabase(path_, path); }

absl::Status SqliteStore::DropOverwrittenData() {
  if (IsInMemory(path_)) return absl::OkStatus();
  {
    // Under purge_mu_, so that an attempt finishing meanwhile cannot clear
    // it after this erasure.
    std::lock_guard<std::mutex> lock(purge_mu_);
    purge_pending_ = true;
  }
  absl::StatusOr<bool> purged = TryPurge();
  if (!purged.ok() || !*purged) WakePurger();
  return purged.status();
}

absl::StatusOr<bool> SqliteStore::TryPurge() {
  std::lock_guard<std::mutex> lock(purge_mu_);
  if (!purge_pending_) return true;
  {
    std::lock_guard<std::mutex> readers(readers_mu_);
    if (closed_) return absl::UnavailableError("the database is closed");
  }
  bool purged = false;
  absl::Status status = writer_->RunAlone([&](SQLite::Database& db) -> absl::Status {
    // On the writer thread, so no write can be waiting for a read held
    // here; a read of ours that takes longer makes this attempt give up.
    if (!HoldReaders(kHoldReadersWait)) return absl::OkStatus();
    struct Release {
      SqliteStore* store;
      ~Release() { store->ReleaseReaders(); }
    } release{this};
    // No wait: a reader of an older snapshot (another process) keeps the
    // log, and the writer must not stall for it.
    if (!EmptyWriteAheadLog(db, 0)) return absl::OkStatus();
    db.exec("UPDATE installation SET purge_pending_since = NULL WHERE id = 1");
    // Leaves nothing but that row's page, should a reader come meanwhile.
    (void)EmptyWriteAheadLog(db, 0);
    purged = true;
    return absl::OkStatus();
  });
  if (!status.ok()) return status;
  if (purged) purge_pending_ = false;
  return purged;
}

bool SqliteStore::HoldReaders(absl::Duration wait) {
  std::unique_lock<std::mutex> lock(readers_mu_);
  holding_readers_ = true;
  if (readers_drained_.wait_for(lock, absl::ToChronoMilliseconds(wait),
                                [this] { return idle_readers_.size() == readers_.size(); })) {
    return true;
  }
  holding_readers_ = false;
  lock.unlock();
  reader_free_.notify_all();
  return false;
}

void SqliteStore::ReleaseReaders() {
  {
    std::lock_guard<std::mutex> lock(readers_mu_);
    holding_readers_ = false;
  }
  reader_free_.notify_all();
}

void SqliteStore::WakePurger() {
  {
    std::lock_guard<std::mutex> lock(purger_mu_);
    if (purger_stopping_) return;
    if (!purger_.joinable()) purger_ = std::thread([this] { PurgeLoop(); });
  }
  purger_wake_.notify_all();
}

void SqliteStore::PurgeLoop() {
  std::unique_lock<std::mutex> lock(purger_mu_);
  while (!purger_stopping_) {
    if (!purge_pending_) {
      purger_wake_.wait(lock, [this] { return purger_stopping_ || purge_pending_; });
      continue;
    }
    purger_wake_.wait_for(lock, absl::ToChronoMilliseconds(kPurgeRetry),
                          [this] { return purger_stopping_; });
    if (purger_stopping_) break;
    lock.unlock();
    (void)TryPurge();  // failures are tried again, and at Close
    lock.lock();
  }
}

absl::Status SqliteStore::Close() {
  std::call_once(close_once_, [this] {
    {
      std::lock_guard<std::mutex> lock(purger_mu_);
      purger_stopping_ = true;
    }
    purger_wake_.notify_all();
    if (purger_.joinable()) purger_.join();
    std::lock_guard<std::mutex> purge_lock(purge_mu_);
    {
      std::unique_lock<std::mutex> lock(readers_mu_);
      closed_ = true;
      readers_drained_.wait(lock, [this] { return idle_readers_.size() == readers_.size(); });
      idle_readers_.clear();
      // A read connection cannot checkpoint: they close before the writer's.
      readers_.clear();
    }
    reader_free_.notify_all();
    // Queued writes still need the unit; its statements must be gone
    // before the connection's last steps.
    writer_->Stop();
    write_unit_.reset();
    if (IsInMemory(path_)) return;
    close_status_ = writer_->Finish([this](SQLite::Database& db) -> absl::Status {
      if (!EmptyWriteAheadLog(db, static_cast<int>(absl::ToInt64Milliseconds(kCloseWait)))) {
        return absl::UnavailableError(absl::StrCat(
            "another process holds a read transaction on ", path_, ": its write-ahead log ", path_,
            "-wal keeps the latest writes until trainhubd starts again"));
      }
      if (purge_pending_) {
        db.exec("UPDATE installation SET purge_pending_since = NULL WHERE id = 1");
        purge_pending_ = false;
        (void)EmptyWriteAheadLog(db, 0);
      }
      // One file that stands alone, like a backup: without the -wal and
      // -shm files, and marked so (trainhubd --restore refuses a file
      // copied while it was in WAL mode).
      sqlite3_busy_timeout(db.getHandle(), 0);
      std::string mode;
      try {
        mode = db.execAndGet("PRAGMA journal_mode = DELETE").getString();
      } catch (const std::exception&) {
        mode = "wal";
      }
      if (mode != "delete") {
        return absl::UnavailableError(absl::StrCat(
            "another process has ", path_,
            " open: it holds every write, but stays in WAL mode (trainhubd --restore refuses a "
            "copy of it; stop and start trainhubd once more when that process is gone)"));
      }
      return absl::OkStatus();
    });
  });
  return close_status_;
}

SqliteStore::~SqliteStore() { (void)Close(); }

absl::Status SqliteStore::Write(std::function<absl::Status(domain::UnitOfWork&)> work) {
  return writer_->Run([&](SQLite::Database&) {
    absl::Status status = work(*write_unit_);
    write_unit_->sql().ResetStatements();
    return status;
  });
}

absl::Status SqliteStore::Read(const std::function<absl::Status(domain::ReadView&)>& work) {
  if (reads_through_writer_) {
    return writer_->Run([&](SQLite::Database&) {
      absl::Status status = work(*write_unit_);
      write_unit_->sql().ResetStatements();
      return status;
    });
  }
  Reader* reader;
  {
    std::unique_lock<std::mutex> lock(readers_mu_);
    reader_free_.wait(lock,
                      [this] { return closed_ || (!holding_readers_ && !idle_readers_.empty()); });
    if (closed_) return absl::UnavailableError("the database is closed");
    reader = idle_readers_.back();
    idle_readers_.pop_back();
  }
  absl::Status status;
  try {
    // One snapshot for the whole read. A read changes nothing: it ends by
    // a rollback, once no statement of it is stepping any more.
    SQLite::Transaction snapshot(*reader->db);
    struct ResetOnExit {
      Sql& sql;
      ~ResetOnExit() { sql.ResetStatements(); }
    } reset{reader->unit->sql()};
    status = work(*reader->unit);
  } catch (const std::exception& e) {
    status = FromSqliteError(e, "read failed");
  }
  // A reader goes back to the pool without a snapshot: a later read must
  // see every write committed before it began.
  if (sqlite3_get_autocommit(reader->db->getHandle()) == 0) {
    try {
      reader->db->exec("ROLLBACK");
    } catch (const std::exception& e) {
      status = FromSqliteError(e, "read failed");
    }
  }
  bool someone_waits_for_all = false;
  {
    std::lock_guard<std::mutex> lock(readers_mu_);
    idle_readers_.push_back(reader);
    someone_waits_for_all = holding_readers_ || closed_;
  }
  if (someone_waits_for_all) readers_drained_.notify_all();
  reader_free_.notify_one();
  return status;
}

}  // namespace trainhub::store
