#include "api/errors.h"

#include <spdlog/spdlog.h>

#include "domain/errors.h"
#include "trainhub/v1/common.pb.h"

namespace trainhub::api {

grpc::Status ToGrpcStatus(const absl::Status& status) {
  if (status.ok()) return grpc::Status::OK;
  if (status.code() == absl::StatusCode::kInternal || status.code() == absl::StatusCode::kUnknown) {
    spdlog::error("internal error: {}", std::string(status.message()));
    return grpc::Status(grpc::StatusCode::INTERNAL,
                        "internal server error; the server log has details");
  }
  trainhub::v1::ErrorDetails details;
  for (const domain::FieldViolation& v : domain::GetFieldViolations(status)) {
    auto* out = details.add_field_violations();
    out->set_field(v.field);
    out->set_description(v.description);
  }
  details.set_conflicting_session_id(domain::GetConflictingSessionId(status));
  details.set_double_booking(domain::IsDoubleBooking(status));
  return grpc::Status(static_cast<grpc::StatusCode>(status.code()), std::string(status.message()),
                      details.SerializeAsString());
}

}  // namespace trainhub::api
