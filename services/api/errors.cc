#include "api/errors.h"

#include <spdlog/spdlog.h>

#include "absl/strings/str_cat.h"
#include "domain/errors.h"
#include "trainhub/v1/common.pb.h"

namespace trainhub::api {

namespace {

// gRPC clients refuse trailers above 8 KiB by default: the message and the
// details each keep within their part of that (Violations lists at most 21
// entries, so only unusually long descriptions are cut).
constexpr size_t kMaxMessageBytes = 3 * 1024;
constexpr size_t kMaxDetailsBytes = 4 * 1024;

// `text` cut to at most `limit` bytes at a UTF-8 character boundary, with
// "…" when cut.
std::string Bounded(absl::string_view text, size_t limit) {
  if (text.size() <= limit) return std::string(text);
  size_t end = limit - 3;  // room for "…"
  while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) --end;
  return absl::StrCat(text.substr(0, end), "\u2026");
}

}  // namespace

grpc::Status ToGrpcStatus(const absl::Status& status) {
  if (status.ok()) return grpc::Status::OK;
  if (status.code() == absl::StatusCode::kInternal || status.code() == absl::StatusCode::kUnknown) {
    spdlog::error("internal error: {}", std::string(status.message()));
    return grpc::Status(grpc::StatusCode::INTERNAL,
                        "internal server error; the server log has details");
  }
  trainhub::v1::ErrorDetails details;
  const std::vector<domain::FieldViolation> violations = domain::GetFieldViolations(status);
  for (const domain::FieldViolation& v : violations) {
    if (details.ByteSizeLong() + v.field.size() + v.description.size() > kMaxDetailsBytes) break;
    auto* out = details.add_field_violations();
    out->set_field(v.field);
    out->set_description(v.description);
    if (v.message.translatable()) out->set_internal_message(v.message.Encode());
  }
  if (std::optional<domain::Message> message = domain::GetMessage(status)) {
    details.set_internal_message(message->Encode());
  }
  details.set_conflicting_session_id(domain::GetConflictingSessionId(status));
  details.set_double_booking(domain::IsDoubleBooking(status));
  return grpc::Status(static_cast<grpc::StatusCode>(status.code()),
                      Bounded(status.message(), kMaxMessageBytes), details.SerializeAsString());
}

}  // namespace trainhub::api
