#include "domain/accounts/token_cache.h"

namespace trainhub::domain {

std::optional<Principal> TokenCache::Find(const std::string& token_hash, absl::Time now) {
  std::shared_ptr<const Principal> found;
  {
    std::shared_lock<std::shared_mutex> lock(mu_);
    auto it = tokens_.find(token_hash);
    // Expired ones are dropped when room is needed.
    if (it == tokens_.end() || it->second.expire_time <= now) return std::nullopt;
    found = it->second.principal;
  }
  return *found;
}

uint64_t TokenCache::generation() {
  std::shared_lock<std::shared_mutex> lock(mu_);
  return generation_;
}

void TokenCache::Keep(const std::string& token_hash, const Principal& principal,
                      absl::Time expire_time, absl::Time now, uint64_t generation) {
  auto kept = std::make_shared<const Principal>(principal);
  std::lock_guard<std::shared_mutex> lock(mu_);
  if (generation != generation_) return;
  if (tokens_.size() >= capacity_ && !tokens_.count(token_hash)) {
    for (auto it = tokens_.begin(); it != tokens_.end();) {
      it = it->second.expire_time <= now ? tokens_.erase(it) : std::next(it);
    }
    if (tokens_.size() >= capacity_) return;
  }
  tokens_[token_hash] = Entry{std::move(kept), expire_time};
}

void TokenCache::Forget(const std::string& token_hash) {
  std::lock_guard<std::shared_mutex> lock(mu_);
  ++generation_;
  tokens_.erase(token_hash);
}

void TokenCache::ForgetAccount(Id account_id) {
  std::lock_guard<std::shared_mutex> lock(mu_);
  ++generation_;
  for (auto it = tokens_.begin(); it != tokens_.end();) {
    it = it->second.principal->account.id == account_id ? tokens_.erase(it) : std::next(it);
  }
}

}  // namespace trainhub::domain
