#ifndef TRAINHUB_SERVICES_API_AUTH_H_
#define TRAINHUB_SERVICES_API_AUTH_H_

// Who may call which RPC: authentication from the "authorization: Bearer"
// metadata and the one policy table of role rules per RPC. Object-level
// rules (whose series) live in the domain.

#include <grpcpp/server_context.h>

#include <atomic>
#include <map>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "domain/accounts.h"

namespace trainhub::api {

// Who may call an RPC at all.
enum class Callers {
  kAnyone,    // no token (Login only)
  kSignedIn,  // any valid token
  kAdmin,
  kPlanners,  // admin or coordinator
  kStaff,     // admin, coordinator or trainer
};

// The rule of every RPC, keyed "trainhub.v1.SeriesService/CreateSeries".
// An RPC without an entry is refused for everyone.
const std::map<std::string, Callers, std::less<>>& Policy();

// The client's address from gRPC's peer string without the port
// ("ipv4:192.0.2.7:51234" -> "ipv4:192.0.2.7", "ipv6:[::1]:5" -> "ipv6:[::1]"),
// at most 128 bytes.
std::string ClientAddress(absl::string_view peer);

class Authenticator {
 public:
  // `accounts` must outlive this object.
  explicit Authenticator(domain::Accounts& accounts) : accounts_(accounts) {}

  // Admits a call of `service`/`method` per Policy(): the caller's
  // principal, or UNAUTHENTICATED (no/invalid token) or PERMISSION_DENIED.
  // kAnyone RPCs get an empty principal.
  absl::StatusOr<domain::Principal> Admit(const grpc::ServerContext& context,
                                          absl::string_view service, absl::string_view method);

  // The raw bearer token of the call, or UNAUTHENTICATED.
  static absl::StatusOr<std::string> BearerToken(const grpc::ServerContext& context);

  // From now on every call is answered UNAVAILABLE (the server is stopping).
  void RefuseNewCalls() { refusing_ = true; }

 private:
  domain::Accounts& accounts_;
  std::atomic<bool> refusing_{false};
};

}  // namespace trainhub::api

#endif  // TRAINHUB_SERVICES_API_AUTH_H_
