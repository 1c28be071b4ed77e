#ifndef TRAINHUB_SERVICES_API_ERRORS_H_
#define TRAINHUB_SERVICES_API_ERRORS_H_

#include <grpcpp/support/status.h>

#include "absl/status/status.h"

namespace trainhub::api {

// The one mapping from domain/store errors to gRPC: same code, the message,
// and trainhub.v1.ErrorDetails (field violations, conflicting session) as
// error_details. INTERNAL errors are logged in full and answered with a
// generic message so that no internals reach clients.
grpc::Status ToGrpcStatus(const absl::Status& status);

}  // namespace trainhub::api

#endif  // TRAINHUB_SERVICES_API_ERRORS_H_
