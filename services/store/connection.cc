#include "store/connection.h"

#include <SQLiteCpp/Exception.h>
#include <SQLiteCpp/Transaction.h>
#include <fcntl.h>
#include <sqlite3.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <mutex>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "store/schema.h"

namespace trainhub::store {
namespace {

// Process-wide SQLite settings, applied before the first connection opens
// (SQLite takes them only then; later calls are refused and change nothing).
// Without memory statistics, which trainhub never reads, an allocation takes
// no global lock: every statement allocates, on every thread.
void ConfigureSqliteOnce() {
  static std::once_flag once;
  std::call_once(once, [] { sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0); });
}

// Runs `PRAGMA name = value` and checks that reading it back gives `expect`.
absl::Status SetPragma(SQLite::Database& db, absl::string_view name, absl::string_view value,
                       absl::string_view expect) {
  db.exec(absl::StrCat("PRAGMA ", name, " = ", value));
  const std::string actual = db.execAndGet(absl::StrCat("PRAGMA ", name)).getString();
  if (absl::AsciiStrToLower(actual) != expect) {
    return absl::FailedPreconditionError(
        absl::StrCat("SQLite refused PRAGMA ", name, " = ", value, " (it is ", actual, ")"));
  }
  return absl::OkStatus();
}

// Creates `path` (and tightens it and its -wal and -shm companions when they
// exist) with mode 0600 whatever the umask: the file holds password hashes
// and personal data. SQLite gives the companions the main file's mode.
absl::Status RestrictToOwner(const std::string& path) {
  const int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
  if (fd < 0) {
    return absl::UnavailableError(
        absl::StrCat("cannot open database ", path, ": ", std::strerror(errno)));
  }
  const int changed = ::fchmod(fd, 0600);
  const int saved_errno = errno;
  ::close(fd);
  if (changed != 0) {
    return absl::UnavailableError(absl::StrCat(
        "cannot make database ", path, " private (mode 0600): ", std::strerror(saved_errno)));
  }
  for (const char* suffix : {"-wal", "-shm"}) {
    const std::string companion = path + suffix;
    if (::chmod(companion.c_str(), 0600) != 0 && errno != ENOENT) {
      return absl::UnavailableError(
          absl::StrCat("cannot make ", companion, " private (mode 0600): ", std::strerror(errno)));
    }
  }
  return absl::OkStatus();
}

}  // namespace

bool IsInMemory(const std::string& path) { return path == ":memory:"; }

absl::Status FromSqliteError(const std::exception& e, absl::string_view context) {
  int code = SQLITE_ERROR;
  if (const auto* se = dynamic_cast<const SQLite::Exception*>(&e)) {
    code = se->getExtendedErrorCode();
  }
  const std::string message = absl::StrCat(context, ": ", e.what());
  switch (code & 0xFF) {
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
    case SQLITE_CANTOPEN:
    case SQLITE_FULL:
    case SQLITE_IOERR:
    case SQLITE_READONLY:
      return absl::UnavailableError(message);
    case SQLITE_CONSTRAINT:
      if (code == SQLITE_CONSTRAINT_UNIQUE || code == SQLITE_CONSTRAINT_PRIMARYKEY) {
        return absl::AlreadyExistsError(message);
      }
      return absl::FailedPreconditionError(message);
    default:
      return absl::InternalError(message);
  }
}

absl::Status Migrate(SQLite::Database& db, int target_version) {
  SQLite::Transaction tx(db, SQLite::TransactionBehavior::IMMEDIATE);
  const int version = db.execAndGet("PRAGMA user_version").getInt();
  const int application_id = db.execAndGet("PRAGMA application_id").getInt();
  const int tables =
      db.execAndGet("SELECT count(*) FROM sqlite_schema WHERE type = 'table'").getInt();
  if (application_id != kApplicationId && (application_id != 0 || tables > 0)) {
    return absl::FailedPreconditionError(
        absl::StrCat("the database file ", db.getFilename(),
                     " is not a trainhub database; pass --db with another path"));
  }
  if (version > LatestSchemaVersion()) {
    return absl::FailedPreconditionError(
        absl::StrCat("the database ", db.getFilename(), " has schema version ", version,
                     ", newer than this trainhubd understands (", LatestSchemaVersion(),
                     "); run a newer trainhubd"));
  }
  const auto migrations = Migrations();
  for (int v = version; v < target_version; ++v) {
    db.exec(migrations[v].sql);
    if (migrations[v].then != nullptr) {
      if (absl::Status step = migrations[v].then(db); !step.ok()) return step;
    }
  }
  // Migrations run with foreign keys off (rebuilding a table needs it).
  if (version < target_version) {
    SQLite::Statement broken(db, "PRAGMA foreign_key_check");
    if (broken.executeStep()) {
      return absl::FailedPreconditionError(
          absl::StrCat("migrating the database broke a reference from table ",
                       broken.getColumn(0).getString(), "; the file was left unchanged"));
    }
  }
  if (version < target_version) {
    db.exec(absl::StrCat("PRAGMA application_id = ", kApplicationId));
    db.exec(absl::StrCat("PRAGMA user_version = ", target_version));
  }
  tx.commit();
  return absl::OkStatus();
}

absl::StatusOr<std::unique_ptr<SQLite::Database>> OpenWriteConnection(const std::string& path) {
  if (!IsInMemory(path)) {
    if (absl::Status private_file = RestrictToOwner(path); !private_file.ok()) return private_file;
  }
  ConfigureSqliteOnce();
  try {
    auto db = std::make_unique<SQLite::Database>(
        path, SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE | SQLite::OPEN_NOMUTEX);
    db->setBusyTimeout(kBusyTimeoutMs);
    const std::string journal = IsInMemory(path) ? "memory" : "wal";
    absl::Status status = SetPragma(*db, "journal_mode", journal, journal);
    // Off while migrating (see Migrate), on for everything after.
    if (status.ok()) status = SetPragma(*db, "foreign_keys", "OFF", "0");
    // FULL: a power cut after COMMIT returns must not lose the transaction.
    if (status.ok()) status = SetPragma(*db, "synchronous", "FULL", "2");
    // Every unit of work runs in a SAVEPOINT, so its statements keep
    // statement journals; in files (Debian's default) each write opened,
    // wrote and deleted temporary files (measured: a 25-person attendance
    // sheet 2.5 ms instead of 1.5 ms). They are small and short-lived.
    if (status.ok()) status = SetPragma(*db, "temp_store", "MEMORY", "2");
    // Deleted and overwritten content is zeroed, also on freed pages: an
    // erased person's data must not stay in the file's free space.
    if (status.ok()) status = SetPragma(*db, "secure_delete", "ON", "1");
    if (status.ok()) {
      status = SetPragma(*db, "busy_timeout", absl::StrCat(kBusyTimeoutMs),
                         absl::StrCat(kBusyTimeoutMs));
    }
    if (status.ok()) status = Migrate(*db, LatestSchemaVersion());
    if (status.ok()) status = SetPragma(*db, "foreign_keys", "ON", "1");
    if (!status.ok()) return status;
    return db;
  } catch (const std::exception& e) {
    return FromSqliteError(e, absl::StrCat("cannot open database ", path));
  }
}

absl::StatusOr<std::unique_ptr<SQLite::Database>> OpenReadConnection(const std::string& path) {
  ConfigureSqliteOnce();
  try {
    auto db =
        std::make_unique<SQLite::Database>(path, SQLite::OPEN_READONLY | SQLite::OPEN_NOMUTEX);
    db->setBusyTimeout(kBusyTimeoutMs);
    if (absl::Status s = SetPragma(*db, "foreign_keys", "ON", "1"); !s.ok()) {
      return s;
    }
    return db;
  } catch (const std::exception& e) {
    return FromSqliteError(e, absl::StrCat("cannot open database ", path));
  }
}

}  // namespace trainhub::store
