#ifndef TRAINHUB_SERVICES_SERVER_RATE_LIMITER_H_
#define TRAINHUB_SERVICES_SERVER_RATE_LIMITER_H_

// Requests per client address for the public verification page: the
// domain's token buckets (domain/rate_limiter.h) keyed by the IPv4 address,
// or the /64 network of an IPv6 one.

#include <string>

#include "domain/rate_limiter.h"

struct sockaddr;

namespace trainhub::server {

class RateLimiter : public domain::RateLimiter {
 public:
  using domain::RateLimiter::RateLimiter;

  // The key Allow takes for a socket address: the IPv4 address, or the
  // first 64 bits of an IPv6 one; "" for other families.
  static std::string ClientKey(const struct sockaddr* address);
  // The address as gRPC names a peer without its port ("ipv4:192.0.2.7",
  // "ipv6:[2001:db8::1]"; an IPv4 address mapped into IPv6 as IPv4); ""
  // for other families.
  static std::string PeerText(const struct sockaddr* address);
};

}  // namespace trainhub::server

#endif  // TRAINHUB_SERVICES_SERVER_RATE_LIMITER_H_
