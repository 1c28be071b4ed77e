#include "server/rate_limiter.h"

#include <netinet/in.h>
#include <sys/socket.h>

#include <algorithm>
#include <cstring>

namespace trainhub::server {

double RateLimiter::Refilled(const Bucket& b, absl::Time now) const {
  const double minutes = std::max(0.0, absl::ToDoubleMinutes(now - b.updated));
  return std::min<double>(burst_, b.tokens + minutes * per_minute_);
}

bool RateLimiter::Allow(const std::string& client, absl::Time now, absl::Duration* retry_after) {
  std::lock_guard<std::mutex> lock(mu_);
  auto it = buckets_.find(client);
  if (it == buckets_.end()) {
    if (buckets_.size() >= max_addresses_) {
      for (auto b = buckets_.begin(); b != buckets_.end();) {
        b = Refilled(b->second, now) >= burst_ ? buckets_.erase(b) : std::next(b);
      }
    }
    if (buckets_.size() >= max_addresses_) {
      *retry_after = absl::Minutes(1) / per_minute_;
      return false;
    }
    it = buckets_.emplace(client, Bucket{static_cast<double>(burst_), now}).first;
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

std::string RateLimiter::ClientKey(const struct sockaddr* address) {
  if (address == nullptr) return "";
  if (address->sa_family == AF_INET) {
    const auto* in4 = reinterpret_cast<const sockaddr_in*>(address);
    return std::string(reinterpret_cast<const char*>(&in4->sin_addr), 4);
  }
  if (address->sa_family == AF_INET6) {
    const auto* in6 = reinterpret_cast<const sockaddr_in6*>(address);
    const auto* bytes = reinterpret_cast<const char*>(&in6->sin6_addr);
    // IPv4 mapped into IPv6 (dual stack): the IPv4 address.
    static const char kMapped[12] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, '\xff', '\xff'};
    if (std::memcmp(bytes, kMapped, sizeof kMapped) == 0) return std::string(bytes + 12, 4);
    return std::string(bytes, 8);
  }
  return "";
}

}  // namespace trainhub::server
