#include "domain/berlin_time.h"

#include "absl/strings/str_cat.h"

namespace trainhub::domain {

const absl::TimeZone& DisplayTimeZone() {
  static const absl::TimeZone* zone = [] {
    auto* tz = new absl::TimeZone(absl::UTCTimeZone());
    absl::LoadTimeZone(kDisplayTimeZone, tz);
    return tz;
  }();
  return *zone;
}

std::string FormatLocal(absl::Time t) {
  return absl::FormatTime("%d.%m.%Y %H:%M", t, DisplayTimeZone());
}

std::string FormatUtcSeconds(absl::Time t) {
  return absl::FormatTime("%Y-%m-%dT%H:%M:%SZ", t, absl::UTCTimeZone());
}

std::string FormatLocalRange(absl::Time start, absl::Time end) {
  const absl::TimeZone& zone = DisplayTimeZone();
  if (absl::ToCivilDay(start, zone) == absl::ToCivilDay(end, zone)) {
    return absl::StrCat(FormatLocal(start), "–", absl::FormatTime("%H:%M", end, zone), " (",
                        kDisplayTimeZone, ")");
  }
  return absl::StrCat(FormatLocal(start), " – ", FormatLocal(end), " (", kDisplayTimeZone, ")");
}

}  // namespace trainhub::domain
