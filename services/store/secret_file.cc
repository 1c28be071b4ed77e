#include "store/secret_file.h"

#include <fcntl.h>
#include <sodium.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>

#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"

namespace trainhub::store {
namespace {

absl::Status WriteNewSecret(const std::string& path, const SecretFileKind& kind) {
  (void)sodium_init();  // idempotent; without a random source libsodium aborts itself
  std::string secret(kind.bytes, '\0');
  randombytes_buf(secret.data(), secret.size());
  std::string line = absl::StrCat(kind.header, absl::WebSafeBase64Escape(secret), "\n");
  sodium_memzero(secret.data(), secret.size());
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0) {
    sodium_memzero(line.data(), line.size());
    return absl::UnavailableError(
        absl::StrCat("cannot create the ", kind.what, " ", path, ": ", std::strerror(errno)));
  }
  const bool written = ::write(fd, line.data(), line.size()) == static_cast<ssize_t>(line.size()) &&
                       ::fchmod(fd, 0600) == 0 && ::fsync(fd) == 0;
  const int saved = errno;
  ::close(fd);
  sodium_memzero(line.data(), line.size());
  if (!written) {
    ::unlink(path.c_str());
    return absl::UnavailableError(
        absl::StrCat("cannot write the ", kind.what, " ", path, ": ", std::strerror(saved)));
  }
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<std::string> LoadOrCreateSecretFile(const std::string& path,
                                                   const SecretFileKind& kind) {
  struct stat info {};
  if (::stat(path.c_str(), &info) != 0) {
    if (errno != ENOENT) {
      return absl::UnavailableError(
          absl::StrCat("cannot read the ", kind.what, " ", path, ": ", std::strerror(errno)));
    }
    const absl::Status created = WriteNewSecret(path, kind);
    if (::stat(path.c_str(), &info) != 0) {
      return created.ok() ? absl::UnavailableError(
                                absl::StrCat("cannot read the ", kind.what, " ", path))
                          : created;
    }
  }
  if ((info.st_mode & 077) != 0) {
    return absl::FailedPreconditionError(absl::StrCat("the ", kind.what, " ", path,
                                                      " may be read by others; make it private: "
                                                      "chmod 600 ",
                                                      path));
  }
  std::ifstream in(path);
  std::string line;
  std::getline(in, line);
  absl::string_view rest = line;
  std::string secret;
  const bool read = absl::ConsumePrefix(&rest, kind.header) &&
                    absl::WebSafeBase64Unescape(rest, &secret) && secret.size() == kind.bytes;
  sodium_memzero(line.data(), line.size());
  if (!read) {
    sodium_memzero(secret.data(), secret.size());
    return absl::FailedPreconditionError(
        absl::StrCat(path, " is not a trainhub ", kind.what, " file"));
  }
  return secret;
}

}  // namespace trainhub::store
