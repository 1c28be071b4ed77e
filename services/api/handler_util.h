#ifndef TRAINHUB_SERVICES_API_HANDLER_UTIL_H_
#define TRAINHUB_SERVICES_API_HANDLER_UTIL_H_

// Small pieces every handler uses.

#include <google/protobuf/message.h>

#include <optional>
#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "api/auth.h"
#include "api/convert.h"
#include "api/errors.h"
#include "api/page_token.h"
#include "domain/audit.h"
#include "domain/planner.h"

namespace trainhub::api {

// The request_id of a request that has one, else "".
template <typename Request>
std::string RequestIdOf(const Request* request) {
  if constexpr (requires { request->request_id(); }) {
    return request->request_id();
  } else {
    return "";
  }
}

// Admits the call per the policy (api/auth.h) into `principal`, or returns
// the refusal from the handler; then opens the audit scope that records the
// call's changes with them (domain/audit.h). Needs an `auth_` member.
#define TH_ADMIT(principal, context, request, service, method)                          \
  auto principal##_admitted = auth_.Admit(context, service, method);                    \
  if (!principal##_admitted.ok()) return ToGrpcStatus(principal##_admitted.status());   \
  [[maybe_unused]] const domain::Principal& principal = *principal##_admitted;          \
  std::optional<domain::AuditScope> principal##_audit;                                  \
  if (principal.account.id != 0) {                                                      \
    principal##_audit.emplace(principal.account.id, absl::StrCat(service, "/", method), \
                              RequestIdOf(request));                                    \
  }

// The idempotency key of `who`'s request with a `request_id` field.
template <typename Request>
domain::RequestKey KeyOf(const domain::Principal& who, const Request& request) {
  return {request.request_id(), RequestFingerprint(request, {"request_id"}), who.account.id};
}

// Converts an OK result into `out`, or maps the error.
template <typename T, typename Out>
grpc::Status Reply(const absl::StatusOr<T>& result, Out* out) {
  if (!result.ok()) return ToGrpcStatus(result.status());
  ToProto(*result, out);
  return grpc::Status::OK;
}

// Fills a List response: `add` appends one item, then the next token.
template <typename Request, typename T, typename Response, typename Add>
grpc::Status ReplyPage(const Request& request, const absl::StatusOr<domain::Page<T>>& result,
                       Response* response, Add add) {
  if (!result.ok()) return ToGrpcStatus(result.status());
  for (const T& item : result->items) ToProto(item, add(response));
  response->set_next_page_token(NextPageToken(request, result->next));
  return grpc::Status::OK;
}

}  // namespace trainhub::api

#endif  // TRAINHUB_SERVICES_API_HANDLER_UTIL_H_
