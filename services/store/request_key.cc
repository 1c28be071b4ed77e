#include "store/request_key.h"

#include <sodium.h>

#include "absl/strings/escaping.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "store/secret_file.h"

namespace trainhub::store {
namespace {

constexpr char kHeader[] = "trainhub-request-key-v1 ";
constexpr char kKeyedPrefix[] = "k1:";
constexpr size_t kKeyBytes = crypto_generichash_KEYBYTES;  // 32

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
  return LoadOrCreateSecretFile(path, {kHeader, "request key", kKeyBytes});
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
