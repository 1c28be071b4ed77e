#ifndef TRAINHUB_SERVICES_DOMAIN_BERLIN_TIME_H_
#define TRAINHUB_SERVICES_DOMAIN_BERLIN_TIME_H_

// Users plan in German local time; instants are stored in UTC.

#include <string>

#include "absl/time/time.h"

namespace trainhub::domain {

inline constexpr char kDisplayTimeZone[] = "Europe/Berlin";

// Europe/Berlin with its summer-time rules (from the system's tzdata; UTC
// if tzdata is missing, which the server refuses at start-up).
const absl::TimeZone& DisplayTimeZone();

// "23.11.2018 09:00" in Europe/Berlin.
std::string FormatLocal(absl::Time t);

// "12.03.2027 09:00–17:00 (Europe/Berlin)" within a day, else both ends
// with their dates: "23.11.2018 09:00 – 24.11.2018 17:00 (Europe/Berlin)".
std::string FormatLocalRange(absl::Time start, absl::Time end);

// "2018-11-23T08:00:00Z": UTC to the second, as signed documents and JSON
// answers carry instants.
std::string FormatUtcSeconds(absl::Time t);

}  // namespace trainhub::domain

#endif  // TRAINHUB_SERVICES_DOMAIN_BERLIN_TIME_H_
