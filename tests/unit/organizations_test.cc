// Organisations: unique names, missing ids.

#include "unit/planning_fixture.h"

namespace trainhub::domain {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

TEST_F(PlanningTest, OrganisationNamesAreUniqueIgnoringCaseAndSpaces) {
  Organization org;
  org.name = "AUSLANDSGESELLSCHAFT  Sachsen-Anhalt e.V.";
  org.kind = OrganizationKind::kNgo;
  auto duplicate = planner_->organizations.Create(admin_, org, {});
  EXPECT_EQ(duplicate.status().code(), absl::StatusCode::kAlreadyExists);
  EXPECT_EQ(FirstField(duplicate.status()), "organization.name");
  org.name = "Stadt Dessau-Roßlau";
  auto dessau = planner_->organizations.Create(admin_, org, {});
  ASSERT_TRUE(dessau.ok());
  // Renaming into another's name is refused too; keeping one's own name is fine.
  Organization patch;
  patch.id = dessau->id;
  patch.name = "auslandsgesellschaft sachsen-anhalt e.v.";
  EXPECT_EQ(planner_->organizations.Update(admin_, patch, {"name"}).status().code(),
            absl::StatusCode::kAlreadyExists);
  patch.name = "Stadt Dessau-Rosslau";
  EXPECT_TRUE(planner_->organizations.Update(admin_, patch, {"name"}).ok());
}

TEST_F(PlanningTest, UnknownIdsAreNotFoundNamingTheField) {
  EXPECT_EQ(planner_->series.GetSeries(admin_, 404).status().code(), absl::StatusCode::kNotFound);
  EXPECT_EQ(FirstField(planner_->series.GetSeries(admin_, 404).status()), "id");
  EXPECT_EQ(FirstField(planner_->series.GetSeries(admin_, -1).status()), "id");
  EXPECT_EQ(planner_->series.ListModules(admin_, 404, {}).status().code(),
            absl::StatusCode::kNotFound);
  EXPECT_EQ(FirstField(
                planner_->schedules.ListTrainerSessions(admin_, 404, std::nullopt, std::nullopt, {})
                    .status()),
            "trainer_id");
  EXPECT_EQ(FirstField(planner_->calendars.ExportSeriesCalendar(admin_, 404).status()),
            "series_id");
}

}  // namespace
}  // namespace trainhub::domain
