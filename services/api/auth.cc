#include "api/auth.h"

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "domain/errors.h"
#include "domain/status_macros.h"

namespace trainhub::api {

absl::StatusOr<std::string> Authenticator::BearerToken(const grpc::ServerContext& context) {
  const auto& metadata = context.client_metadata();
  auto it = metadata.find("authorization");
  if (it == metadata.end()) {
    return domain::Refusal(
        absl::StatusCode::kUnauthenticated,
        domain::Msg("this call needs a login: send \"authorization: Bearer <token>\" (trainhub "
                    "login)"));
  }
  const std::string value(it->second.data(), it->second.size());
  constexpr absl::string_view kScheme = "Bearer ";
  if (value.size() <= kScheme.size() || !absl::StartsWithIgnoreCase(value, kScheme)) {
    return domain::Refusal(absl::StatusCode::kUnauthenticated,
                           domain::Msg("the authorization metadata must read \"Bearer <token>\""));
  }
  return value.substr(kScheme.size());
}

absl::StatusOr<domain::Principal> Authenticator::Admit(const grpc::ServerContext& context,
                                                       absl::string_view service,
                                                       absl::string_view method) {
  if (refusing_) {
    return domain::Refusal(absl::StatusCode::kUnavailable,
                           domain::Msg("trainhubd is stopping; try again in a moment"));
  }
  const std::string key = absl::StrCat(service, "/", method);
  auto rule = domain::RolePolicy().find(key);
  if (rule == domain::RolePolicy().end()) {
    return absl::PermissionDeniedError(absl::StrCat(key, " has no access rule"));
  }
  if (rule->second == domain::Callers::kAnyone) return domain::Principal{};
  absl::StatusOr<std::string> token = BearerToken(context);
  if (!token.ok()) return token.status();
  absl::StatusOr<domain::Principal> principal = accounts_.Authenticate(*token);
  if (!principal.ok()) return principal.status();
  TH_RETURN_IF_ERROR(domain::CheckCallers(rule->second, *principal, method));
  return principal;
}

std::string ClientAddress(absl::string_view peer) {
  absl::string_view address = peer;
  if (absl::StartsWith(address, "ipv4:") || absl::StartsWith(address, "ipv6:")) {
    const size_t colon = address.rfind(':');
    const size_t bracket = address.rfind(']');
    if (colon != absl::string_view::npos && colon > 4 &&
        (bracket == absl::string_view::npos || colon > bracket)) {
      address = address.substr(0, colon);
    }
  }
  return std::string(address.substr(0, 128));
}

}  // namespace trainhub::api
