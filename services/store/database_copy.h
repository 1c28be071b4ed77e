#ifndef TRAINHUB_SERVICES_STORE_DATABASE_COPY_H_
#define TRAINHUB_SERVICES_STORE_DATABASE_COPY_H_

// Whole-database copies for backup and restore, through SQLite's online
// backup: the copy is consistent as of one moment while the source stays
// in use by readers and the writer.

#include <string>

#include "absl/status/status.h"

namespace trainhub::store {

// Copies the trainhub database at `source` into a new file `destination`
// (it must not exist: ALREADY_EXISTS), created 0600, standing alone (no WAL
// file), synced to disk and checked with PRAGMA quick_check. On error the
// partial copy is removed.
absl::Status CopyDatabase(const std::string& source, const std::string& destination);

// OK when `path` is an intact trainhub database this build can open
// (application id, schema version not newer than this build's, PRAGMA
// integrity_check); FAILED_PRECONDITION naming what is wrong otherwise.
absl::Status CheckDatabaseFile(const std::string& path);

// Makes the database `db_path` from the backup `backup` (trainhub admin
// backup, or the file of a cleanly stopped trainhubd). Refused, changing
// nothing: FAILED_PRECONDITION when `backup` has a -wal or -journal file
// beside it or was left in WAL mode (copied while a server ran or after it
// crashed: committed writes may be missing from the file alone), when
// CheckDatabaseFile refuses it, or when another process locks `db_path`;
// ALREADY_EXISTS when `db_path` or its -wal, -shm or -journal exists.
// Holds the DatabaseLock of `db_path` meanwhile, so no trainhubd starts on
// it; copies to "<db_path>.restoring" and renames that when complete.
absl::Status RestoreDatabase(const std::string& backup, const std::string& db_path);

}  // namespace trainhub::store

#endif  // TRAINHUB_SERVICES_STORE_DATABASE_COPY_H_
