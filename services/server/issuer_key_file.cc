#include "server/issuer_key_file.h"

#include <sodium.h>

#include <cerrno>
#include <cstring>

#include "absl/strings/str_cat.h"
#include "domain/status_macros.h"
#include "store/secret_file.h"

namespace trainhub::server {
namespace {

constexpr char kHeader[] = "trainhub-issuer-key-v1 ";

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
  TH_ASSIGN_OR_RETURN(std::string seed,
                      store::LoadOrCreateSecretFile(
                          path, {kHeader, "issuer key", crypto_sign_SEEDBYTES}));
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
