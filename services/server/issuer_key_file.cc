#include "server/issuer_key_file.h"

#include <fcntl.h>
#include <sodium.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>

#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"

namespace trainhub::server {
namespace {

constexpr char kHeader[] = "trainhub-issuer-key-v1 ";

absl::Status WriteNewKey(const std::string& path) {
  std::string seed(crypto_sign_SEEDBYTES, '\0');
  randombytes_buf(seed.data(), seed.size());
  const std::string line = absl::StrCat(kHeader, absl::WebSafeBase64Escape(seed), "\n");
  sodium_memzero(seed.data(), seed.size());
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0) {
    return absl::UnavailableError(
        absl::StrCat("cannot create the issuer key ", path, ": ", std::strerror(errno)));
  }
  const bool written = ::write(fd, line.data(), line.size()) == static_cast<ssize_t>(line.size()) &&
                       ::fchmod(fd, 0600) == 0 && ::fsync(fd) == 0;
  const int saved = errno;
  ::close(fd);
  if (!written) {
    ::unlink(path.c_str());
    return absl::UnavailableError(
        absl::StrCat("cannot write the issuer key ", path, ": ", std::strerror(saved)));
  }
  return absl::OkStatus();
}

}  // namespace

std::string IssuerKeyPathFor(const std::string& db_path) {
  if (db_path.empty() || db_path == ":memory:") return "";
  return db_path + ".issuer-key";
}

absl::StatusOr<std::unique_ptr<domain::Ed25519Signer>> LoadOrCreateIssuerKey(
    const std::string& path) {
  if (path.empty()) {
    std::string seed(crypto_sign_SEEDBYTES, '\0');
    randombytes_buf(seed.data(), seed.size());
    return domain::Ed25519Signer::FromSeed(seed);
  }
  struct stat info {};
  if (::stat(path.c_str(), &info) != 0) {
    if (errno != ENOENT) {
      return absl::UnavailableError(
          absl::StrCat("cannot read the issuer key ", path, ": ", std::strerror(errno)));
    }
    if (absl::Status s = WriteNewKey(path); !s.ok()) return s;
    if (::stat(path.c_str(), &info) != 0) {
      return absl::UnavailableError(absl::StrCat("cannot read the issuer key ", path));
    }
  }
  if ((info.st_mode & 077) != 0) {
    return absl::FailedPreconditionError(absl::StrCat(
        "the issuer key ", path, " may be read by others; make it private: chmod 600 ", path));
  }
  std::ifstream in(path);
  std::string line;
  std::getline(in, line);
  absl::string_view rest = line;
  std::string seed;
  if (!absl::ConsumePrefix(&rest, kHeader) || !absl::WebSafeBase64Unescape(rest, &seed) ||
      seed.size() != crypto_sign_SEEDBYTES) {
    return absl::FailedPreconditionError(absl::StrCat(path, " is not a trainhub issuer key file"));
  }
  auto signer = domain::Ed25519Signer::FromSeed(seed);
  sodium_memzero(seed.data(), seed.size());
  return signer;
}

absl::StatusOr<std::string> RotateIssuerKey(const std::string& path) {
  if (path.empty()) return absl::FailedPreconditionError("an in-memory database has no key file");
  auto old = LoadOrCreateIssuerKey(path);
  if (!old.ok()) return old.status();
  const std::string retired = absl::StrCat(path, ".", (*old)->key_id(), ".retired");
  if (::rename(path.c_str(), retired.c_str()) != 0) {
    return absl::UnavailableError(
        absl::StrCat("cannot move ", path, " to ", retired, ": ", std::strerror(errno)));
  }
  auto fresh = LoadOrCreateIssuerKey(path);
  if (!fresh.ok()) return fresh.status();
  return (*fresh)->key_id();
}

}  // namespace trainhub::server
