#ifndef TRAINHUB_SERVICES_STORE_DATABASE_LOCK_H_
#define TRAINHUB_SERVICES_STORE_DATABASE_LOCK_H_

// One trainhubd per database file: an exclusive flock(2) on the file, held
// while the object lives. SQLite's own locks are POSIX record locks, which
// flock does not touch on a local file system, so other processes' SQLite
// connections (an operator's sqlite3, a backup tool) still read the file.
// A symbolic or hard link to the file is the same file.

#include <memory>
#include <string>

#include "absl/status/statusor.h"

namespace trainhub::store {

class DatabaseLock {
 public:
  // Locks the database at `path`, creating an empty file (mode 0600) when
  // there is none. FAILED_PRECONDITION naming the file when another process
  // holds the lock; UNAVAILABLE when the file cannot be opened.
  static absl::StatusOr<std::unique_ptr<DatabaseLock>> Acquire(const std::string& path);
  // Creates `path`, which must not exist (ALREADY_EXISTS), mode 0600, and
  // locks it: a placeholder that keeps servers away while a database is
  // being made (restored) in its place.
  static absl::StatusOr<std::unique_ptr<DatabaseLock>> AcquireNew(const std::string& path);

  // Releases the lock. Closing the descriptor also drops this process's
  // POSIX locks on the file, so destroy it only after every SQLite
  // connection to the file is closed.
  ~DatabaseLock();
  DatabaseLock(const DatabaseLock&) = delete;
  DatabaseLock& operator=(const DatabaseLock&) = delete;

 private:
  explicit DatabaseLock(int fd) : fd_(fd) {}
  static absl::StatusOr<std::unique_ptr<DatabaseLock>> Lock(const std::string& path, int flags);
  int fd_;
};

}  // namespace trainhub::store

#endif  // TRAINHUB_SERVICES_STORE_DATABASE_LOCK_H_
