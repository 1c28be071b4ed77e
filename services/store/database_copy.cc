#include "store/database_copy.h"

#include <SQLiteCpp/Database.h>
#include <fcntl.h>
#include <sqlite3.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <thread>

#include "absl/strings/str_cat.h"
#include "store/connection.h"
#include "store/database_lock.h"
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

// The first of `path`'s -wal, -journal (and with `with_shm` -shm) files
// that exists, or "".
std::string CompanionOf(const std::string& path, bool with_shm) {
  std::error_code ignored;
  for (const char* suffix : {"-wal", "-journal", "-shm"}) {
    if (!with_shm && std::string(suffix) == "-shm") continue;
    if (std::filesystem::exists(path + suffix, ignored)) return path + suffix;
  }
  return "";
}

// Whether the SQLite header of `path` says WAL mode (file format versions
// 2 at offsets 18 and 19): the file was open in a server, which keeps
// recent commits in the -wal file until it stops cleanly.
bool LeftInWalMode(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  char header[20] = {};
  if (!in.read(header, sizeof header)) return false;
  return std::string(header, 16) == std::string("SQLite format 3\0", 16) &&
         (header[18] == 2 || header[19] == 2);
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

absl::Status RestoreDatabase(const std::string& backup, const std::string& db_path) {
  if (std::string companion = CompanionOf(backup, false); !companion.empty()) {
    return absl::FailedPreconditionError(absl::StrCat(
        backup, " has ", companion,
        " beside it: it was copied while trainhubd ran or after it stopped uncleanly, and "
        "committed writes may be only in that file. Take a backup with 'trainhub admin backup', "
        "or start and stop trainhubd on it once (a clean stop leaves one complete file)"));
  }
  if (LeftInWalMode(backup)) {
    return absl::FailedPreconditionError(absl::StrCat(
        backup,
        " was copied while trainhubd ran (or after it crashed): its latest writes may be "
        "missing from it. Take a backup with 'trainhub admin backup', or stop trainhubd "
        "(a clean stop leaves one complete file) and copy it then"));
  }
  if (absl::Status checked = CheckDatabaseFile(backup); !checked.ok()) return checked;
  if (std::string companion = CompanionOf(db_path, true); !companion.empty()) {
    return absl::AlreadyExistsError(absl::StrCat(
        companion, " exists; move it aside with the database it belongs to before restoring"));
  }
  // The placeholder keeps servers off db_path until the restored file
  // replaces it.
  absl::StatusOr<std::unique_ptr<DatabaseLock>> lock = DatabaseLock::AcquireNew(db_path);
  if (!lock.ok()) {
    if (absl::IsAlreadyExists(lock.status())) {
      return absl::AlreadyExistsError(absl::StrCat(
          db_path,
          " exists; stop trainhubd and move it aside (with its -wal and -shm files) before "
          "restoring"));
    }
    return lock.status();
  }
  const std::string restoring = db_path + ".restoring";
  std::error_code ignored;
  std::filesystem::remove(restoring, ignored);
  absl::Status status = CopyDatabase(backup, restoring);
  if (status.ok() && std::rename(restoring.c_str(), db_path.c_str()) != 0) {
    std::filesystem::remove(restoring, ignored);
    status = absl::UnavailableError(absl::StrCat("cannot rename ", restoring, " to ", db_path));
  }
  if (!status.ok()) std::filesystem::remove(db_path, ignored);  // the placeholder
  return status;
}

}  // namespace trainhub::store
