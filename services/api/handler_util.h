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
#include "domain/idempotency.h"
#include "domain/request_context.h"
#include "domain/validation.h"

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

// The request context of an admitted call: the caller, the RPC, a valid
// request_id (an invalid one is never recorded; the change it asks for
// fails), the client's address.
template <typename Request>
domain::RequestContext ContextOf(domain::Principal who, const grpc::ServerContext& context,
                                 absl::string_view service, absl::string_view method,
                                 const Request* request) {
  std::string request_id = RequestIdOf(request);
  if (!domain::ValidateRequestId(request_id).ok()) request_id.clear();
  return domain::RequestContext(std::move(who), absl::StrCat(service, "/", method),
                                std::move(request_id), ClientAddress(context.peer()));
}

// Admits the call per the policy (api/auth.h), or returns the refusal from
// the handler; then declares `call`, its request context, which the
// handler passes to use cases that change data (they record it in the
// audit log) and whose `who` it passes to those that read. Needs `auth_`.
#define TH_ADMIT(call, context, request, service, method)                   \
  auto call##_admitted = auth_.Admit(context, service, method);             \
  if (!call##_admitted.ok()) return ToGrpcStatus(call##_admitted.status()); \
  [[maybe_unused]] const domain::RequestContext call =                      \
      ContextOf(*std::move(call##_admitted), context, service, method, request)

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
