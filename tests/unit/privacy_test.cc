// The retention of records: when a person's data may be erased, and the
// last day their records are kept.

#include "domain/privacy/privacy.h"

#include <gtest/gtest.h>

#include "domain/berlin_time.h"

namespace trainhub::domain {
namespace {

absl::Time Berlin(int y, int m, int d, int h = 12) {
  return absl::FromCivil(absl::CivilHour(y, m, d, h), DisplayTimeZone());
}

SeriesRecordOf Record(Id series, EnrolmentState state, bool seat, std::optional<absl::Time> end,
                      int years) {
  SeriesRecordOf r;
  r.series_id = series;
  r.series_title = "Reihe " + std::to_string(series);
  r.series_status = SeriesStatus::kRunning;
  r.state = state;
  r.has_records = seat;
  r.last_session_end = end;
  r.retention_years = years;
  return r;
}

TEST(RetentionTest, TheLatestEndPlusItsOwnersYearsIsTheLastDay) {
  const absl::Time now = Berlin(2026, 12, 2);
  // IKOE ended 06.06.2020 (17:00), kept 10 years; a forum ended in 2025,
  // kept 3 years: the IKOE's records are kept longer.
  const Retention r =
      RetentionOf({Record(1, EnrolmentState::kConfirmed, true, Berlin(2020, 6, 6, 17), 10),
                   Record(2, EnrolmentState::kEnrolled, true, Berlin(2025, 3, 1, 17), 3)},
                  now);
  EXPECT_FALSE(r.still_enrolled);
  ASSERT_TRUE(r.keep_until);
  EXPECT_EQ(*r.keep_until, absl::CivilDay(2030, 6, 6));
  EXPECT_EQ(r.kept_for->series_id, 1);
}

TEST(RetentionTest, ASessionEndingAtMidnightBelongsToItsDay) {
  const Retention r = RetentionOf(
      {Record(1, EnrolmentState::kEnrolled, true, Berlin(2024, 2, 29, 0) + absl::Hours(24), 1)},
      Berlin(2026, 1, 1));
  ASSERT_TRUE(r.keep_until);
  EXPECT_EQ(*r.keep_until, absl::CivilDay(2025, 3, 1));  // 29.02.2025 does not exist
}

TEST(RetentionTest, WhoStillTakesPartMustBeWithdrawnFirst) {
  const absl::Time now = Berlin(2026, 12, 2);
  const Retention waiting =
      RetentionOf({Record(3, EnrolmentState::kWaitlisted, false, Berlin(2027, 5, 1), 0)}, now);
  ASSERT_TRUE(waiting.still_enrolled);
  EXPECT_EQ(waiting.still_enrolled->series_id, 3);
  // A series without sessions that is still planned counts as running.
  EXPECT_TRUE(
      RetentionOf({Record(4, EnrolmentState::kPendingApproval, false, std::nullopt, 0)}, now)
          .still_enrolled);
  // Withdrawn, or the series cancelled: nothing to wait for.
  EXPECT_FALSE(
      RetentionOf({Record(3, EnrolmentState::kWithdrawn, false, Berlin(2027, 5, 1), 5)}, now)
          .still_enrolled);
  SeriesRecordOf cancelled = Record(5, EnrolmentState::kEnrolled, true, Berlin(2027, 5, 1), 0);
  cancelled.series_status = SeriesStatus::kCancelled;
  EXPECT_FALSE(RetentionOf({cancelled}, now).still_enrolled);
}

TEST(RetentionTest, NoSeatOrNoDutyMeansNoRetention) {
  const absl::Time now = Berlin(2026, 12, 2);
  // Only waited, then withdrew: no records of attendance to keep.
  EXPECT_FALSE(
      RetentionOf({Record(1, EnrolmentState::kWithdrawn, false, Berlin(2026, 1, 1), 10)}, now)
          .keep_until);
  // The owner set no retention.
  EXPECT_FALSE(
      RetentionOf({Record(1, EnrolmentState::kConfirmed, true, Berlin(2026, 1, 1), 0)}, now)
          .keep_until);
  EXPECT_FALSE(RetentionOf({}, now).keep_until);
}

}  // namespace
}  // namespace trainhub::domain
