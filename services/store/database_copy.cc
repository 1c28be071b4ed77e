#include "store/database_copy.h"

#include <SQLiteCpp/Database.h>
#include <fcntl.h>
#include <sqlite3.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <thread>

#include "absl/strings/str_cat.h"
#include "store/connection.h"
#include "store/schema.h"

namespace trainhub::store {

namespace {

// How long a backup waits for a moment when no writer holds the file.
constexpr auto kBusyGiveUp = std::chrono::seconds(30);

// Forces the file's data to disk (SQLite syncs its own writes; this covers
// the final state after journal_mode changes).
absl::Status SyncFile(const std::string& path) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return absl::UnavailableError(absl::StrCat("cannot open ", path, " to sync it"));
  const int synced = ::fsync(fd);
  ::close(fd);
  if (synced != 0) return absl::UnavailableError(absl::StrCat("cannot sync ", path));
  return absl::OkStatus();
}

absl::Status Copy(const std::string& source, const std::string& destination) {
  SQLite::Database from(source, SQLite::OPEN_READONLY);
  from.exec("PRAGMA busy_timeout = 5000");
  SQLite::Database to(destination, SQLite::OPEN_READWRITE);
  sqlite3_backup* backup = sqlite3_backup_init(to.getHandle(), "main", from.getHandle(), "main");
  if (backup == nullptr) {
    return absl::InternalError(
        absl::StrCat("cannot start the backup: ", sqlite3_errmsg(to.getHandle())));
  }
  // One step for all pages: the copy is of one read snapshot; under WAL the
  // writer goes on meanwhile.
  const auto give_up = std::chrono::steady_clock::now() + kBusyGiveUp;
  int rc = SQLITE_OK;
  do {
    rc = sqlite3_backup_step(backup, -1);
    if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED) {
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
  } while ((rc == SQLITE_OK || rc == SQLITE_BUSY || rc == SQLITE_LOCKED) &&
           std::chrono::steady_clock::now() < give_up);
  sqlite3_backup_finish(backup);
  if (rc != SQLITE_DONE) {
    return rc == SQLITE_BUSY || rc == SQLITE_LOCKED
               ? absl::UnavailableError("the database stayed busy; try the backup again")
               : absl::InternalError(absl::StrCat("the backup failed: ", sqlite3_errstr(rc)));
  }
  // A file of its own: no WAL beside it.
  to.exec("PRAGMA journal_mode = DELETE");
  const std::string check = to.execAndGet("PRAGMA quick_check").getString();
  if (check != "ok") return absl::InternalError(absl::StrCat("the copy is damaged: ", check));
  return absl::OkStatus();
}

}  // namespace

absl::Status CopyDatabase(const std::string& source, const std::string& destination) {
  if (IsInMemory(source)) return absl::UnimplementedError("an in-memory database has no file");
  // Created here, not by SQLite: 0600 from the start, and never over a file.
  const int fd = ::open(destination.c_str(), O_CREAT | O_EXCL | O_WRONLY | O_CLOEXEC, 0600);
  if (fd < 0) {
    return errno == EEXIST ? absl::AlreadyExistsError(absl::StrCat(destination, " exists"))
                           : absl::UnavailableError(absl::StrCat("cannot create ", destination));
  }
  ::close(fd);
  absl::Status status;
  try {
    status = Copy(source, destination);
  } catch (const std::exception& e) {
    status = FromSqliteError(e, "copying the database");
  }
  if (status.ok()) status = SyncFile(destination);
  if (!status.ok()) {
    std::error_code ignored;
    for (const char* suffix : {"", "-journal", "-wal", "-shm"}) {
      std::filesystem::remove(destination + suffix, ignored);
    }
  }
  return status;
}

absl::Status CheckDatabaseFile(const std::string& path) {
  try {
    SQLite::Database db(path, SQLite::OPEN_READONLY);
    if (db.execAndGet("PRAGMA application_id").getInt() != kApplicationId) {
      return absl::FailedPreconditionError(absl::StrCat(path, " is not a trainhub database"));
    }
    const int version = db.execAndGet("PRAGMA user_version").getInt();
    if (version > LatestSchemaVersion()) {
      return absl::FailedPreconditionError(
          absl::StrCat(path, " has schema version ", version, "; this trainhubd knows up to ",
                       LatestSchemaVersion(), " (install the newer trainhub first)"));
    }
    const std::string check = db.execAndGet("PRAGMA integrity_check").getString();
    if (check != "ok") {
      return absl::FailedPreconditionError(absl::StrCat(path, " is damaged: ", check));
    }
  } catch (const std::exception& e) {
    return absl::FailedPreconditionError(
        absl::StrCat(path, " cannot be read as a database: ", e.what()));
  }
  return absl::OkStatus();
}

}  // namespace trainhub::store
