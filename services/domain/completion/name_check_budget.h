#ifndef TRAINHUB_SERVICES_DOMAIN_COMPLETION_NAME_CHECK_BUDGET_H_
#define TRAINHUB_SERVICES_DOMAIN_COMPLETION_NAME_CHECK_BUDGET_H_

// Anonymous name checks (a name checked against an erased holder's salted
// argon2id hash, on the verification page or through VerifyCertificate)
// cost a password hash and need no account. They get a small budget of
// their own that never takes a login's turn:
// - per client address (an IPv4 address, or the /64 network of an IPv6
//   one): kPerAddressBurst at once, kPerAddressPerMinute on average;
// - overall: kOverallBurst at once, kOverallPerMinute on average;
// - kSlots hash at a time (kMaxWaiting wait up to kMaxWait), and none while
//   every login hashing slot is taken or a login waits for one.
// Refusals are RESOURCE_EXHAUSTED and say when to try again (retry_after).
// Thread-safe; in memory only.

#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "domain/rate_limiter.h"
#include "domain/work_gate.h"

namespace trainhub::domain {

class NameCheckBudget {
 public:
  static constexpr int kPerAddressBurst = 5;
  static constexpr int kPerAddressPerMinute = 10;
  static constexpr int kOverallBurst = 20;
  static constexpr int kOverallPerMinute = 60;
  static constexpr int kSlots = 1;
  static constexpr int kMaxWaiting = 2;
  static constexpr absl::Duration kMaxWait = absl::Seconds(1);
  static constexpr size_t kMaxAddresses = 10000;

  // A slot for one name check's hashing, or RESOURCE_EXHAUSTED; then
  // `retry_after` (may be null) says when to try again.
  // `client_address` as gRPC names a peer ("ipv4:192.0.2.7",
  // "ipv6:[2001:db8::1]"); "" for in-process callers.
  absl::StatusOr<WorkGate::Pass> Admit(absl::string_view client_address, absl::Time now,
                                       absl::Duration* retry_after = nullptr);

  // The budget's key for `client_address`: IPv6 addresses by their /64
  // network (one host has many), IPv4 ones (also mapped into IPv6) as they are.
  static std::string AddressGroup(absl::string_view client_address);

 private:
  RateLimiter per_address_{kPerAddressPerMinute, kPerAddressBurst, kMaxAddresses};
  RateLimiter overall_{kOverallPerMinute, kOverallBurst, 1};
  WorkGate hashing_{kSlots, kMaxWaiting, kMaxWait};
};

}  // namespace trainhub::domain

#endif  // TRAINHUB_SERVICES_DOMAIN_COMPLETION_NAME_CHECK_BUDGET_H_
