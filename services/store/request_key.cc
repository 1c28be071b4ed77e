#include "store/request_key.h"

#include <fcntl.h>
#include <sodium.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>

#include "absl/strings/escaping.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"

namespace trainhub::store {
namespace {

constexpr char kHeader[] = "trainhub-request-key-v1 ";
constexpr char kKeyedPrefix[] = "k1:";
constexpr size_t kKeyBytes = crypto_generichash_KEYBYTES;  // 32

absl::Status WriteNewKey(const std::string& path) {
  std::string key = RandomRequestKey();
  const std::string line = absl::StrCat(kHeader, absl::WebSafeBase64Escape(key), "\n");
  sodium_memzero(key.data(), key.size());
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0) {
    return absl::UnavailableError(
        absl::StrCat("cannot create the request key ", path, ": ", std::strerror(errno)));
  }
  const bool written = ::write(fd, line.data(), line.size()) == static_cast<ssize_t>(line.size()) &&
                       ::fchmod(fd, 0600) == 0 && ::fsync(fd) == 0;
  const int saved = errno;
  ::close(fd);
  if (!written) {
    ::unlink(path.c_str());
    return absl::UnavailableError(
        absl::StrCat("cannot write the request key ", path, ": ", std::strerror(saved)));
  }
  return absl::OkStatus();
}

}  // namespace

std::string RequestKeyPathFor(const std::string& db_path) {
  if (db_path.empty() || db_path == ":memory:") return "";
  return db_path + ".request-key";
}

std::string RandomRequestKey() {
  (void)sodium_init();  // idempotent; without a random source libsodium aborts itself
  std::string key(kKeyBytes, '\0');
  randombytes_buf(key.data(), key.size());
  return key;
}

absl::StatusOr<std::string> LoadOrCreateRequestKey(const std::string& path) {
  if (path.empty()) return RandomRequestKey();
  struct stat info {};
  if (::stat(path.c_str(), &info) != 0) {
    if (errno != ENOENT) {
      return absl::UnavailableError(
          absl::StrCat("cannot read the request key ", path, ": ", std::strerror(errno)));
    }
    const absl::Status created = WriteNewKey(path);
    // Another process may have created it meanwhile: then read that one.
    if (::stat(path.c_str(), &info) != 0) return created;
  }
  if ((info.st_mode & 077) != 0) {
    return absl::FailedPreconditionError(absl::StrCat(
        "the request key ", path, " may be read by others; make it private: chmod 600 ", path));
  }
  std::ifstream in(path);
  std::string line;
  std::getline(in, line);
  absl::string_view rest = line;
  std::string key;
  if (!absl::ConsumePrefix(&rest, kHeader) || !absl::WebSafeBase64Unescape(rest, &key) ||
      key.size() != kKeyBytes) {
    return absl::FailedPreconditionError(absl::StrCat(path, " is not a trainhub request key file"));
  }
  return key;
}

std::string KeyedFingerprint(absl::string_view key, absl::string_view fingerprint) {
  unsigned char digest[32];
  crypto_generichash(digest, sizeof digest,
                     reinterpret_cast<const unsigned char*>(fingerprint.data()), fingerprint.size(),
                     reinterpret_cast<const unsigned char*>(key.data()), key.size());
  return absl::StrCat(kKeyedPrefix, absl::BytesToHexString(absl::string_view(
                                        reinterpret_cast<const char*>(digest), sizeof digest)));
}

bool IsKeyedFingerprint(absl::string_view stored) { return absl::StartsWith(stored, kKeyedPrefix); }

}  // namespace trainhub::store
