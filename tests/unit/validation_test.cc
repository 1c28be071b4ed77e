#include "domain/validation.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "domain/errors.h"

namespace trainhub::domain {
namespace {

using ::testing::ElementsAre;
using ::testing::Field;
using ::testing::IsEmpty;

absl::Time Berlin(int y, int m, int d, int hh, int mm) {
  absl::TimeZone tz;
  EXPECT_TRUE(absl::LoadTimeZone("Europe/Berlin", &tz));
  return absl::FromCivil(absl::CivilMinute(y, m, d, hh, mm), tz);
}

std::vector<std::string> FieldsOf(const Violations& v) {
  std::vector<std::string> fields;
  for (const auto& f : GetFieldViolations(v.ToStatus())) fields.push_back(f.field);
  return fields;
}

Series ValidSeries() {
  Series s;
  s.organization_id = 1;
  s.title = "Interkultur im Ehrenamt";
  s.kind = SeriesKind::kVolunteerCourse;
  s.capacity = 20;
  return s;
}

TEST(ValidateSeriesTest, AcceptsAndTrimsAValidSeries) {
  Series s = ValidSeries();
  s.title = "  Interkultur im Ehrenamt ";
  s.target_groups = {TargetGroup::kVolunteers, TargetGroup::kVolunteers, TargetGroup::kOther};
  Violations v;
  ValidateSeries(s, "series", v);
  EXPECT_TRUE(v.empty());
  EXPECT_EQ(s.title, "Interkultur im Ehrenamt");
  EXPECT_THAT(s.target_groups, ElementsAre(TargetGroup::kVolunteers, TargetGroup::kOther));
}

TEST(ValidateSeriesTest, NamesEveryBadField) {
  Series s = ValidSeries();
  s.title = "";
  s.kind = static_cast<SeriesKind>(99);
  s.capacity = 0;
  s.partner_organization_ids = {1, 2, 2, -3};
  s.target_groups = {static_cast<TargetGroup>(42)};
  Violations v;
  ValidateSeries(s, "series", v);
  EXPECT_THAT(
      FieldsOf(v),
      ElementsAre("series.title", "series.kind", "series.capacity",
                  "series.partner_organization_ids[0]", "series.partner_organization_ids[2]",
                  "series.partner_organization_ids[3]", "series.target_groups[0]"));
  EXPECT_EQ(v.ToStatus().code(), absl::StatusCode::kInvalidArgument);
}

TEST(ValidateSeriesTest, RequiresKindAndOrganisation) {
  Series s = ValidSeries();
  s.kind = SeriesKind::kUnspecified;
  s.organization_id = 0;
  Violations v;
  ValidateSeries(s, "series", v);
  auto violations = GetFieldViolations(v.ToStatus());
  ASSERT_EQ(violations.size(), 2u);
  EXPECT_EQ(violations[0].description, "is required");
  EXPECT_EQ(violations[1].field, "series.organization_id");
}

Session ValidSession() {
  Session s;
  s.start = Berlin(2020, 5, 14, 9, 0);
  s.end = Berlin(2020, 5, 16, 13, 0);  // a three-day module block
  s.place = {"Seminarraum", "Magdeburg"};
  s.trainers = {{.trainer_id = 7}};
  return s;
}

TEST(ValidateSessionTest, AcceptsAThreeDayBlockAndDefaultsBookingsToRequested) {
  Session s = ValidSession();
  Violations v;
  ValidateSession(s, "session", v);
  EXPECT_TRUE(v.empty()) << v.ToStatus();
  EXPECT_EQ(s.trainers[0].status, BookingStatus::kRequested);
}

TEST(ValidateSessionTest, RefusesEndBeforeStart) {
  Session s = ValidSession();
  s.end = s.start - absl::Hours(1);
  Violations v;
  ValidateSession(s, "session", v);
  EXPECT_THAT(FieldsOf(v), ElementsAre("session.end_time"));
}

TEST(ValidateSessionTest, RefusesMissingAndFarAwayTimes) {
  Session s = ValidSession();
  s.start = absl::UnixEpoch();
  s.end = absl::FromCivil(absl::CivilDay(2150, 1, 1), absl::UTCTimeZone());
  Violations v;
  ValidateSession(s, "session", v);
  auto violations = GetFieldViolations(v.ToStatus());
  ASSERT_EQ(violations.size(), 2u);
  EXPECT_EQ(violations[0].field, "session.start_time");
  EXPECT_EQ(violations[0].description, "is required");
  EXPECT_EQ(violations[1].field, "session.end_time");
}

TEST(ValidateSessionTest, RefusesSessionsLongerThanTwoWeeks) {
  Session s = ValidSession();
  s.end = s.start + absl::Hours(24 * 15);
  Violations v;
  ValidateSession(s, "session", v);
  EXPECT_THAT(FieldsOf(v), ElementsAre("session.end_time"));
}

TEST(ValidateSessionTest, RefusesDuplicateTrainersAndUnknownStatuses) {
  Session s = ValidSession();
  s.trainers = {{.trainer_id = 7},
                {.trainer_id = 7},
                {.trainer_id = 8, .status = static_cast<BookingStatus>(9)}};
  Violations v;
  ValidateSession(s, "session", v);
  EXPECT_THAT(FieldsOf(v),
              ElementsAre("session.trainers[1].trainer_id", "session.trainers[2].status"));
}

TEST(ValidateModuleTest, ChecksTopicsAndUnits) {
  Module m;
  m.title = "Change Management";
  m.topics = {"VUKA-Prinzipien", ""};
  m.teaching_units = -1;
  Violations v;
  ValidateModule(m, "module", v);
  EXPECT_THAT(FieldsOf(v), ElementsAre("module.topics[1]", "module.teaching_units"));
}

TEST(ValidateRequestIdTest, AcceptsPrintableAsciiUpTo128) {
  EXPECT_TRUE(ValidateRequestId("").ok());
  EXPECT_TRUE(ValidateRequestId("cli-0123abcd").ok());
  EXPECT_FALSE(ValidateRequestId(std::string(129, 'a')).ok());
  EXPECT_FALSE(ValidateRequestId("with space").ok());
  EXPECT_FALSE(ValidateRequestId("ümlaut").ok());
}

TEST(StatusTransitionTest, FollowsTheLifecycle) {
  using S = SeriesStatus;
  EXPECT_TRUE(CheckStatusTransition(S::kDraft, S::kPlanned).ok());
  EXPECT_TRUE(CheckStatusTransition(S::kPlanned, S::kDraft).ok());
  EXPECT_TRUE(CheckStatusTransition(S::kPlanned, S::kOpenForEnrolment).ok());
  EXPECT_TRUE(CheckStatusTransition(S::kOpenForEnrolment, S::kRunning).ok());
  EXPECT_TRUE(CheckStatusTransition(S::kRunning, S::kCompleted).ok());
  EXPECT_TRUE(CheckStatusTransition(S::kRunning, S::kRunning).ok());
  EXPECT_EQ(CheckStatusTransition(S::kDraft, S::kCompleted).code(),
            absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(CheckStatusTransition(S::kCompleted, S::kRunning).code(),
            absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(CheckStatusTransition(S::kPlanned, S::kCancelled).code(),
            absl::StatusCode::kFailedPrecondition);
}

TEST(PlaceKeyTest, IgnoresCaseAndSpacing) {
  EXPECT_EQ(PlaceKey({"Rathaus  Dessau", "Zerbster Str. 4"}),
            PlaceKey({" rathaus dessau", "zerbster str. 4 "}));
  EXPECT_NE(PlaceKey({"Rathaus", "Dessau"}), PlaceKey({"Rathaus", "Köthen"}));
  EXPECT_EQ(PlaceKey({"", "  "}), "");
}

TEST(ErrorsTest, ViolationsRoundTripThroughThePayload) {
  Violations v;
  v.Add("series.title", Msg("must not be empty"));
  v.Add("series.title", Msg("second one is ignored"));
  v.Add("series.capacity", Msg("must be between 1 and 10000"));
  absl::Status status = v.ToStatus();
  EXPECT_EQ(status.message(),
            "series.title: must not be empty; series.capacity: must be between 1 and 10000");
  EXPECT_THAT(GetFieldViolations(status),
              ElementsAre(FieldViolation{"series.title", "must not be empty",
                                         Msg("must not be empty")},
                          FieldViolation{"series.capacity", "must be between 1 and 10000",
                                         Msg("must be between 1 and 10000")}));
  EXPECT_THAT(GetFieldViolations(absl::NotFoundError("x")), IsEmpty());
  EXPECT_EQ(GetConflictingSessionId(ConflictError(Msg("busy"), 42)), 42);
}

}  // namespace
}  // namespace trainhub::domain
