#include "domain/rate_limiter.h"

#include <algorithm>

namespace trainhub::domain {

double RateLimiter::Refilled(const Bucket& b, absl::Time now) const {
  const double minutes = std::max(0.0, absl::ToDoubleMinutes(now - b.updated));
  return std::min<double>(burst_, b.tokens + minutes * per_minute_);
}

bool RateLimiter::Allow(const std::string& key, absl::Time now, absl::Duration* retry_after) {
  std::lock_guard<std::mutex> lock(mu_);
  auto it = buckets_.find(key);
  if (it == buckets_.end()) {
    if (buckets_.size() >= max_keys_) {
      for (auto b = buckets_.begin(); b != buckets_.end();) {
        b = Refilled(b->second, now) >= burst_ ? buckets_.erase(b) : std::next(b);
      }
    }
    if (buckets_.size() >= max_keys_) {
      *retry_after = absl::Minutes(1) / per_minute_;
      return false;
    }
    it = buckets_.emplace(key, Bucket{static_cast<double>(burst_), now}).first;
  }
  Bucket& b = it->second;
  b.tokens = Refilled(b, now);
  b.updated = now;
  if (b.tokens < 1) {
    *retry_after = absl::Minutes(1) * ((1 - b.tokens) / per_minute_);
    return false;
  }
  b.tokens -= 1;
  return true;
}

}  // namespace trainhub::domain
