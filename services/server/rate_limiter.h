#ifndef TRAINHUB_SERVICES_SERVER_RATE_LIMITER_H_
#define TRAINHUB_SERVICES_SERVER_RATE_LIMITER_H_

// Requests per client address for the public verification page: a token
// bucket per address (IPv4 address, or the /64 network of an IPv6 one),
// `burst` requests at once and `per_minute` on average. It remembers at
// most `max_addresses`; when full it forgets addresses idle long enough to
// have a full bucket again, and refuses new ones while none is. Thread-safe.

#include <mutex>
#include <string>
#include <unordered_map>

#include "absl/time/time.h"

struct sockaddr;

namespace trainhub::server {

class RateLimiter {
 public:
  RateLimiter(int per_minute, int burst, size_t max_addresses)
      : per_minute_(per_minute), burst_(burst), max_addresses_(max_addresses) {}

  // Whether a request of `client` may go on at `now`; when not, how long
  // until it may (`retry_after`).
  bool Allow(const std::string& client, absl::Time now, absl::Duration* retry_after);

  // The key Allow takes for a socket address: the IPv4 address, or the
  // first 64 bits of an IPv6 one; "" for other families.
  static std::string ClientKey(const struct sockaddr* address);

  size_t remembered() {
    std::lock_guard<std::mutex> lock(mu_);
    return buckets_.size();
  }

 private:
  struct Bucket {
    double tokens = 0;
    absl::Time updated;
  };
  double Refilled(const Bucket& b, absl::Time now) const;

  const int per_minute_;
  const int burst_;
  const size_t max_addresses_;
  std::mutex mu_;
  std::unordered_map<std::string, Bucket> buckets_;
};

}  // namespace trainhub::server

#endif  // TRAINHUB_SERVICES_SERVER_RATE_LIMITER_H_
