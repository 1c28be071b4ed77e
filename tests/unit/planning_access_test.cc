// Object rules of planning: who sees and changes which series and sessions.

#include "unit/planning_fixture.h"

namespace trainhub::domain {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

TEST_F(PlanningAccessTest, ACoordinatorPlansOnlyTheirOrganisationsSeries) {
  const Principal coordinator = As({{Role::kCoordinator, org_}});
  EXPECT_TRUE(planner_->series.GetSeries(coordinator, own_).ok());
  EXPECT_EQ(planner_->series.GetSeries(coordinator, foreign_).status().code(),
            absl::StatusCode::kPermissionDenied);
  // A missing series looks the same as a foreign one.
  EXPECT_EQ(planner_->series.GetSeries(coordinator, 9999).status().code(),
            absl::StatusCode::kPermissionDenied);
  EXPECT_EQ(planner_->series.GetSeries(admin_, 9999).status().code(), absl::StatusCode::kNotFound);

  auto listed = planner_->series.ListSeries(coordinator, {}, {});
  ASSERT_TRUE(listed.ok());
  ASSERT_EQ(listed->items.size(), 1u);
  EXPECT_EQ(listed->items[0].id, own_);

  Series s;
  s.organization_id = other_org_;
  s.title = "Fremde Reihe";
  s.kind = SeriesKind::kOther;
  s.capacity = 5;
  EXPECT_EQ(planner_->series.CreateSeries(coordinator, s, {}).status().code(),
            absl::StatusCode::kPermissionDenied);
  Series patch;
  patch.id = own_;
  patch.organization_id = other_org_;
  EXPECT_EQ(planner_->series.UpdateSeries(coordinator, patch, {"organization_id"}).status().code(),
            absl::StatusCode::kPermissionDenied);
  Module m;
  m.title = "eingeschmuggelt";
  EXPECT_EQ(planner_->series.CreateModule(coordinator, foreign_, m, 0, {}).status().code(),
            absl::StatusCode::kPermissionDenied);
  EXPECT_EQ(planner_->sessions.DeleteSession(coordinator, foreign_session_).code(),
            absl::StatusCode::kPermissionDenied);
  EXPECT_EQ(planner_->series.CancelSeries(coordinator, foreign_, "").status().code(),
            absl::StatusCode::kPermissionDenied);
  EXPECT_EQ(planner_->series.GetSeries(admin_, foreign_)->status, SeriesStatus::kDraft);
}

TEST_F(PlanningAccessTest, PartnersReadButDoNotChange) {
  const Principal partner = As({{Role::kCoordinator, partner_org_}});
  EXPECT_TRUE(planner_->series.GetSeries(partner, foreign_).ok());
  EXPECT_EQ(planner_->sessions.ListSessions(partner, foreign_, 0, {})->items.size(), 2u);
  Series patch;
  patch.id = foreign_;
  patch.title = "umbenannt";
  EXPECT_EQ(planner_->series.UpdateSeries(partner, patch, {"title"}).status().code(),
            absl::StatusCode::kPermissionDenied);
}

TEST_F(PlanningAccessTest, TheOwnerCanLetPartnersPlan) {
  const Principal partner = As({{Role::kCoordinator, partner_org_}});
  const Principal owner = As({{Role::kCoordinator, other_org_}});
  Series grant;
  grant.id = foreign_;
  grant.partners_may_plan = true;
  EXPECT_EQ(planner_->series.UpdateSeries(partner, grant, {"partners_may_plan"}).status().code(),
            absl::StatusCode::kPermissionDenied);
  ASSERT_TRUE(planner_->series.UpdateSeries(owner, grant, {"partners_may_plan"}).ok());
  Series patch;
  patch.id = foreign_;
  patch.title = "gemeinsam geplant";
  EXPECT_TRUE(planner_->series.UpdateSeries(partner, patch, {"title"}).ok());
  // The grant is the owner's alone to take back or widen.
  grant.partners_may_plan = false;
  EXPECT_EQ(planner_->series.UpdateSeries(partner, grant, {"partners_may_plan"}).status().code(),
            absl::StatusCode::kPermissionDenied);
  Series reowned;
  reowned.id = foreign_;
  reowned.organization_id = partner_org_;
  EXPECT_EQ(planner_->series.UpdateSeries(partner, reowned, {"organization_id"}).status().code(),
            absl::StatusCode::kPermissionDenied);
}

TEST_F(PlanningAccessTest, ATrainerSeesTheirSessionsAndAnswersTheirBookings) {
  const Principal sahin = As({{Role::kTrainer, 0, sahin_}});
  EXPECT_TRUE(planner_->series.GetSeries(sahin, foreign_).ok());
  EXPECT_EQ(planner_->series.GetSeries(sahin, own_).status().code(),
            absl::StatusCode::kPermissionDenied);
  auto sessions = planner_->sessions.ListSessions(sahin, foreign_, 0, {});
  ASSERT_EQ(sessions->items.size(), 1u);
  EXPECT_EQ(sessions->items[0].id, foreign_session_);
  EXPECT_EQ(planner_->sessions.GetSession(sahin, foreign_other_session_).status().code(),
            absl::StatusCode::kPermissionDenied);

  EXPECT_TRUE(
      planner_->sessions
          .SetBookingStatus(sahin, foreign_session_, sahin_, BookingStatus::kConfirmed, false)
          .ok());
  EXPECT_EQ(planner_->sessions
                .SetBookingStatus(sahin, foreign_other_session_, petrova_, BookingStatus::kDeclined,
                                  false)
                .status()
                .code(),
            absl::StatusCode::kPermissionDenied);
  EXPECT_EQ(planner_->schedules.ListTrainerSessions(sahin, petrova_, std::nullopt, std::nullopt, {})
                .status()
                .code(),
            absl::StatusCode::kPermissionDenied);
  EXPECT_EQ(planner_->schedules.ListTrainerSessions(sahin, sahin_, std::nullopt, std::nullopt, {})
                ->items.size(),
            1u);
  EXPECT_EQ(planner_->trainers.Get(sahin, petrova_).status().code(),
            absl::StatusCode::kPermissionDenied);
  auto pending = planner_->schedules.ListPendingBookings(sahin, 0, 0, {});
  EXPECT_TRUE(pending->items.empty());  // petrova's pending booking stays hidden
}

TEST_F(PlanningAccessTest, AParticipantSeesOnlySeriesOpenForEnrolment) {
  const Principal participant = As({{Role::kParticipant}});
  EXPECT_EQ(planner_->series.GetSeries(participant, foreign_).status().code(),
            absl::StatusCode::kPermissionDenied);
  EXPECT_TRUE(planner_->series.ListSeries(participant, {}, {})->items.empty());
  Series patch;
  patch.id = foreign_;
  for (SeriesStatus next : {SeriesStatus::kPlanned, SeriesStatus::kOpenForEnrolment}) {
    patch.status = next;
    ASSERT_TRUE(planner_->series.UpdateSeries(admin_, patch, {"status"}).ok());
  }
  EXPECT_TRUE(planner_->series.GetSeries(participant, foreign_).ok());
  EXPECT_EQ(planner_->series.ListSeries(participant, {}, {})->items.size(), 1u);
}

TEST_F(PlanningAccessTest, ConflictsWithForeignSessionsKeepTheirDetailsHidden) {
  const Principal coordinator = As({{Role::kCoordinator, org_}});
  auto clash = planner_->sessions.CreateSession(
      coordinator, own_, own_module_,
      MakeSession(Berlin(2027, 3, 1, 14, 0), Berlin(2027, 3, 1, 15, 0), {sahin_}), false, {});
  ASSERT_EQ(clash.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_THAT(std::string(clash.status().message()), HasSubstr("another organisation"));
  EXPECT_THAT(std::string(clash.status().message()), ::testing::Not(HasSubstr("Vielfalts")));
  EXPECT_EQ(GetConflictingSessionId(clash.status()), 0);
}

}  // namespace
}  // namespace trainhub::domain
