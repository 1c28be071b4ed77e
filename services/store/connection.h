#ifndef TRAINHUB_SERVICES_STORE_CONNECTION_H_
#define TRAINHUB_SERVICES_STORE_CONNECTION_H_

// Opening SQLite connections with the settings trainhub relies on.

#include <SQLiteCpp/Database.h>

#include <memory>
#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace trainhub::store {

// How long a connection waits for a lock another connection holds.
inline constexpr int kBusyTimeoutMs = 5000;

// The path ":memory:" gives a private in-memory database (tests).
bool IsInMemory(const std::string& path);

// Opens or creates the database for writing: WAL, foreign_keys=ON,
// synchronous=FULL, busy_timeout; each is set and read back. Then migrates
// the schema to LatestSchemaVersion() in one transaction.
// FAILED_PRECONDITION when the file is not a trainhub database or has a
// newer schema than this build knows; UNAVAILABLE when it cannot be opened.
// Like every connection opened here, it has no lock of its own (SQLite's
// multi-thread mode): one thread at a time may use it.
absl::StatusOr<std::unique_ptr<SQLite::Database>> OpenWriteConnection(const std::string& path);

// Applies the migrations from the database's version up to `target_version`
// (tests use it to build earlier versions).
absl::Status Migrate(SQLite::Database& db, int target_version);

// Opens a read-only connection to a database that a write connection has
// already opened and migrated.
absl::StatusOr<std::unique_ptr<SQLite::Database>> OpenReadConnection(const std::string& path);

// OK, or the SQLite error of `e` as INTERNAL/UNAVAILABLE with `context`.
absl::Status FromSqliteError(const std::exception& e, absl::string_view context);

}  // namespace trainhub::store

#endif  // TRAINHUB_SERVICES_STORE_CONNECTION_H_
