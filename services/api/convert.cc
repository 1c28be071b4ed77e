#include "api/convert.h"

#include "api/enums.h"  // the enum numbers checked once, here
#include "trainhub/v1/series.pb.h"

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "domain/berlin_time.h"
#include "domain/errors.h"
#include "domain/status_macros.h"
#include "domain/enrolment/training_year.h"

namespace trainhub::api {
namespace {
// google.protobuf.Timestamp's documented range: 0001-01-01 to 9999-12-31.
constexpr int64_t kMinTimestampSeconds = -62135596800;
constexpr int64_t kMaxTimestampSeconds = 253402300799;
}  // namespace

absl::StatusOr<absl::Time> TimeFromProto(const google::protobuf::Timestamp& t,
                                         absl::string_view field) {
  if (t.nanos() < 0 || t.nanos() > 999999999 || t.seconds() < kMinTimestampSeconds ||
      t.seconds() > kMaxTimestampSeconds) {
    return domain::InvalidField(std::string(field), domain::Msg("is not a valid timestamp"));
  }
  return absl::FromUnixSeconds(t.seconds()) + absl::Nanoseconds(t.nanos());
}

absl::StatusOr<std::optional<absl::Time>> OptionalTimeFromProto(
    bool has, const google::protobuf::Timestamp& t, absl::string_view field) {
  if (!has) return std::optional<absl::Time>();
  absl::StatusOr<absl::Time> time = TimeFromProto(t, field);
  if (!time.ok()) return time.status();
  return std::optional<absl::Time>(*time);
}

void TimeToProto(absl::Time t, google::protobuf::Timestamp* out) {
  const int64_t nanos = absl::ToUnixNanos(t);
  out->set_seconds(absl::ToUnixSeconds(t));
  out->set_nanos(static_cast<int32_t>(nanos - out->seconds() * 1000000000));
}

domain::UpdateMask MaskFromProto(const google::protobuf::FieldMask& mask) {
  return domain::UpdateMask(mask.paths().begin(), mask.paths().end());
}

absl::StatusOr<absl::CivilDay> DayFromProto(bool has, const trainhub::v1::LocalDate& day,
                                            absl::string_view field) {
  if (!has) return domain::InvalidField(std::string(field), domain::Msg("is required"));
  const absl::CivilDay civil(day.year(), day.month(), day.day());
  if (day.year() < 2000 || day.year() > 2100 || civil.year() != day.year() ||
      civil.month() != day.month() || civil.day() != day.day()) {
    return domain::InvalidField(
        std::string(field),
        domain::Msg("{day} is not a day of the years 2000 to 2100",
                    {{"day", absl::StrCat(day.year(), "-", day.month(), "-", day.day())}}));
  }
  return civil;
}

absl::StatusOr<absl::Duration> TimeOfDayFromProto(bool has, const trainhub::v1::LocalTime& time,
                                                  absl::string_view field) {
  if (!has) return domain::InvalidField(std::string(field), domain::Msg("is required"));
  if (time.hours() < 0 || time.hours() > 23 || time.minutes() < 0 || time.minutes() > 59) {
    return domain::InvalidField(std::string(field),
                                domain::Msg("hours must be 0 to 23, minutes 0 to 59"));
  }
  return absl::Hours(time.hours()) + absl::Minutes(time.minutes());
}

}  // namespace trainhub::api
