#ifndef TRAINHUB_SERVICES_API_CONVERT_H_
#define TRAINHUB_SERVICES_API_CONVERT_H_

// proto <-> domain: what every capability's conversions share (times,
// days, update masks, enums); each capability's are in convert_<capability>.h.
// Conversions from requests do no business validation (the domain does);
// they refuse only what cannot be represented, naming the field.

#include <google/protobuf/field_mask.pb.h>
#include <google/protobuf/timestamp.pb.h>

#include <optional>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "domain/field_mask.h"

namespace trainhub::v1 {
class LocalDate;
class LocalTime;
}  // namespace trainhub::v1

namespace trainhub::api {

// An unset timestamp becomes absl::UnixEpoch() (the domain's "missing").
absl::StatusOr<absl::Time> TimeFromProto(const google::protobuf::Timestamp& t,
                                         absl::string_view field);
// nullopt when the request did not set the field (`has` is false).
absl::StatusOr<std::optional<absl::Time>> OptionalTimeFromProto(
    bool has, const google::protobuf::Timestamp& t, absl::string_view field);
void TimeToProto(absl::Time t, google::protobuf::Timestamp* out);

// A real calendar day of the years 2000 to 2100, else INVALID_ARGUMENT on
// `field` (an unset day included).
absl::StatusOr<absl::CivilDay> DayFromProto(bool has, const trainhub::v1::LocalDate& day,
                                            absl::string_view field);
// The time since midnight, else INVALID_ARGUMENT on `field`.
absl::StatusOr<absl::Duration> TimeOfDayFromProto(bool has, const trainhub::v1::LocalTime& time,
                                                  absl::string_view field);

domain::UpdateMask MaskFromProto(const google::protobuf::FieldMask& mask);

// `value` as the enum of the other layer: every API enum has the same
// numbers in the domain and in the protos (checked in api/enums.h).
template <typename To, typename From>
constexpr To ConvertEnum(From value) {
  return static_cast<To>(static_cast<int>(value));
}

}  // namespace trainhub::api

#endif  // TRAINHUB_SERVICES_API_CONVERT_H_
