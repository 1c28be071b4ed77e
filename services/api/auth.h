#ifndef TRAINHUB_SERVICES_API_AUTH_H_
#define TRAINHUB_SERVICES_API_AUTH_H_

// Who is calling: authentication from the "authorization: Bearer" metadata,
// then the domain's policy (domain/policy.h) decides whether the role may
// call the RPC at all; the use cases apply its object rules.

#include <grpcpp/server_context.h>

#include <atomic>
#include <map>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "domain/accounts/accounts.h"
#include "domain/policy.h"

namespace trainhub::api {

// The client's address from gRPC's peer string without the port
// ("ipv4:192.0.2.7:51234" -> "ipv4:192.0.2.7", "ipv6:[::1]:5" -> "ipv6:[::1]"),
// at most 128 bytes.
std::string ClientAddress(absl::string_view peer);

class Authenticator {
 public:
  // `accounts` must outlive this object.
  explicit Authenticator(domain::Accounts& accounts) : accounts_(accounts) {}

  // Admits a call of `service`/`method` per domain::RolePolicy(): the caller's
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
