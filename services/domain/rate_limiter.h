#ifndef TRAINHUB_SERVICES_DOMAIN_RATE_LIMITER_H_
#define TRAINHUB_SERVICES_DOMAIN_RATE_LIMITER_H_

// Requests per key (a client address or group of addresses): a token bucket
// per key, `burst` requests at once and `per_minute` on average. It
// remembers at most `max_keys`; when full it forgets keys idle long enough
// to have a full bucket again, and refuses new ones while none is.
// Thread-safe.

#include <mutex>
#include <string>
#include <unordered_map>

#include "absl/time/time.h"

namespace trainhub::domain {

class RateLimiter {
 public:
  RateLimiter(int per_minute, int burst, size_t max_keys)
      : per_minute_(per_minute), burst_(burst), max_keys_(max_keys) {}

  // Whether a request of `key` may go on at `now`; when not, how long
  // until it may (`retry_after`).
  bool Allow(const std::string& key, absl::Time now, absl::Duration* retry_after);

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
  const size_t max_keys_;
  std::mutex mu_;
  std::unordered_map<std::string, Bucket> buckets_;
};

}  // namespace trainhub::domain

#endif  // TRAINHUB_SERVICES_DOMAIN_RATE_LIMITER_H_
