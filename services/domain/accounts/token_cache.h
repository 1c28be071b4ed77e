#ifndef TRAINHUB_SERVICES_DOMAIN_ACCOUNTS_TOKEN_CACHE_H_
#define TRAINHUB_SERVICES_DOMAIN_ACCOUNTS_TOKEN_CACHE_H_

// Tokens already checked against the store, by the hash of the token, with
// the principal behind each and when it expires: a token check that finds
// one here reads nothing. The owner forgets a token the moment it is
// revoked, and an account's tokens the moment any of them is (accounts
// themselves do not change today; a use case that changes one must forget
// its tokens too). Expired tokens are never answered. At most `capacity`
// tokens; when full, expired ones are dropped, and if none is, the new one
// is not kept (it is read from the store each time). Thread-safe.

#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <shared_mutex>
#include <string>
#include <unordered_map>

#include "absl/time/time.h"
#include "domain/principal.h"

namespace trainhub::domain {

class TokenCache {
 public:
  explicit TokenCache(size_t capacity) : capacity_(capacity) {}

  // The principal of `token_hash` when it is kept and has not expired at `now`.
  std::optional<Principal> Find(const std::string& token_hash, absl::Time now);
  // Counts the forgetting so far. Take it before reading a token from the
  // store and pass it to Keep: a token read before a revocation committed
  // and forgotten is then not kept.
  uint64_t generation();
  // Keeps the token unless something was forgotten since `generation`.
  void Keep(const std::string& token_hash, const Principal& principal, absl::Time expire_time,
            absl::Time now, uint64_t generation);
  // Call after the revocation has committed.
  void Forget(const std::string& token_hash);
  void ForgetAccount(Id account_id);

  size_t size() {
    std::shared_lock<std::shared_mutex> lock(mu_);
    return tokens_.size();
  }

 private:
  struct Entry {
    std::shared_ptr<const Principal> principal;  // copied outside the lock
    absl::Time expire_time;
  };
  const size_t capacity_;
  // Checks share it; keeping and forgetting hold it alone.
  std::shared_mutex mu_;
  uint64_t generation_ = 0;
  std::unordered_map<std::string, Entry> tokens_;
};

}  // namespace trainhub::domain

#endif  // TRAINHUB_SERVICES_DOMAIN_ACCOUNTS_TOKEN_CACHE_H_
