#ifndef TRAINHUB_SERVICES_DOMAIN_LIMITS_H_
#define TRAINHUB_SERVICES_DOMAIN_LIMITS_H_

// Documented limits (docs/api.md). Lengths count Unicode characters.

#include <cstddef>

#include "absl/time/time.h"

namespace trainhub::domain {

inline constexpr size_t kMaxNameChars = 200;  // names, titles
inline constexpr size_t kMaxDescriptionChars = 10000;
inline constexpr size_t kMaxTopicChars = 500;
inline constexpr size_t kMaxTopicsPerModule = 50;
inline constexpr size_t kMaxCityChars = 100;
inline constexpr size_t kMaxWebsiteChars = 500;
inline constexpr int kMaxRetentionYears = 30;
inline constexpr size_t kMaxEmailChars = 254;
inline constexpr size_t kMaxAffiliationChars = 300;
inline constexpr size_t kMaxPlaceNameChars = 200;
inline constexpr size_t kMaxPlaceAddressChars = 500;
inline constexpr size_t kMaxNoteChars = 2000;
inline constexpr size_t kMaxReasonChars = 1000;
inline constexpr size_t kMaxRequestIdChars = 128;
inline constexpr size_t kMaxPartnersPerSeries = 20;
inline constexpr size_t kMaxTrainersPerSession = 20;
inline constexpr int kMaxModulesPerSeries = 100;
inline constexpr int kMaxSessionsPerModule = 50;
inline constexpr int kMinCapacity = 1;
inline constexpr int kMaxCapacity = 10000;
inline constexpr int kMaxTeachingUnits = 1000;
inline constexpr absl::Duration kMaxSessionLength = absl::Hours(24 * 14);

// Sessions lie within [kEarliestTime, kLatestTime).
inline absl::Time EarliestSessionTime() {
  return absl::FromCivil(absl::CivilDay(2000, 1, 1), absl::UTCTimeZone());
}
inline absl::Time LatestSessionTime() {
  return absl::FromCivil(absl::CivilDay(2100, 1, 1), absl::UTCTimeZone());
}

inline constexpr int kDefaultPageSize = 50;
inline constexpr int kMaxPageSize = 500;

}  // namespace trainhub::domain

#endif  // TRAINHUB_SERVICES_DOMAIN_LIMITS_H_
