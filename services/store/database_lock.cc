#include "store/database_lock.h"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "absl/strings/str_cat.h"

namespace trainhub::store {

absl::StatusOr<std::unique_ptr<DatabaseLock>> DatabaseLock::Acquire(const std::string& path) {
  return Lock(path, O_RDWR | O_CREAT | O_CLOEXEC);
}

absl::StatusOr<std::unique_ptr<DatabaseLock>> DatabaseLock::AcquireNew(const std::string& path) {
  return Lock(path, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC);
}

absl::StatusOr<std::unique_ptr<DatabaseLock>> DatabaseLock::Lock(const std::string& path,
                                                                 int flags) {
  const int fd = ::open(path.c_str(), flags, 0600);
  if (fd < 0) {
    if (errno == EEXIST) return absl::AlreadyExistsError(absl::StrCat(path, " exists"));
    return absl::UnavailableError(
        absl::StrCat("cannot open database ", path, ": ", std::strerror(errno)));
  }
  if (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
    const int saved = errno;
    ::close(fd);
    if (saved == EWOULDBLOCK) {
      return absl::FailedPreconditionError(absl::StrCat(
          "the database ", path,
          " is in use by another trainhubd (or a trainhubd --restore); stop it first, or pass "
          "--db with another file"));
    }
    return absl::UnavailableError(
        absl::StrCat("cannot lock database ", path, ": ", std::strerror(saved)));
  }
  return std::unique_ptr<DatabaseLock>(new DatabaseLock(fd));
}

DatabaseLock::~DatabaseLock() { ::close(fd_); }

}  // namespace trainhub::store
