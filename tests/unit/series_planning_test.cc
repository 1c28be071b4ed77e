// Series and modules: creating, ordering, the status lifecycle, masks, deadlines, deletion.

#include "unit/planning_fixture.h"

namespace trainhub::domain {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

TEST_F(PlanningTest, NewSeriesStartsAsDraftWithNormalizedFields) {
  auto series = planner_->series.GetSeries(admin_, series_);
  ASSERT_TRUE(series.ok());
  EXPECT_EQ(series->status, SeriesStatus::kDraft);
  EXPECT_EQ(series->module_count, 0);
  EXPECT_FALSE(series->first_session_start.has_value());
}

TEST_F(PlanningTest, RetriedCreateWithTheSameRequestIdReturnsTheFirstResource) {
  Organization org;
  org.name = "Hochschule Anhalt";
  org.kind = OrganizationKind::kUniversity;
  auto first = planner_->organizations.Create(admin_, org, {"req-1", "fp-a"});
  auto again = planner_->organizations.Create(admin_, org, {"req-1", "fp-a"});
  ASSERT_TRUE(first.ok() && again.ok());
  EXPECT_EQ(first->id, again->id);
  auto all = planner_->organizations.List({});
  EXPECT_EQ(all->items.size(), 2u);  // setup's organisation + this one

  auto reused = planner_->organizations.Create(admin_, org, {"req-1", "fp-b"});
  EXPECT_EQ(reused.status().code(), absl::StatusCode::kAlreadyExists);
  EXPECT_EQ(FirstField(reused.status()), "request_id");
}

TEST_F(PlanningTest, SeriesRefusesUnknownOrganisations) {
  Series s;
  s.organization_id = 999;
  s.title = "x";
  s.kind = SeriesKind::kOther;
  s.capacity = 5;
  s.partner_organization_ids = {org_ + 1000};
  auto created = planner_->series.CreateSeries(admin_, s, {});
  ASSERT_EQ(created.status().code(), absl::StatusCode::kInvalidArgument);
  auto violations = GetFieldViolations(created.status());
  ASSERT_EQ(violations.size(), 2u);
  EXPECT_EQ(violations[0].field, "series.organization_id");
  EXPECT_EQ(violations[1].field, "series.partner_organization_ids[0]");
}

TEST_F(PlanningTest, ModulesKeepTheirOrderWhenInsertedMovedAndRemoved) {
  Id m1 = MustCreateModule(series_, "Veränderungsprozesse I");
  Id m3 = MustCreateModule(series_, "Change Management");
  MustCreateModule(series_, "Veränderungsprozesse II", /*position=*/2);
  EXPECT_THAT(
      ModuleTitles(series_),
      ElementsAre("1 Veränderungsprozesse I", "2 Veränderungsprozesse II", "3 Change Management"));
  ASSERT_TRUE(planner_->series.MoveModule(admin_, series_, m3, 1).ok());
  EXPECT_THAT(ModuleTitles(series_), ElementsAre("1 Change Management", "2 Veränderungsprozesse I",
                                                 "3 Veränderungsprozesse II"));
  ASSERT_TRUE(planner_->series.DeleteModule(admin_, series_, m1, false).ok());
  EXPECT_THAT(ModuleTitles(series_),
              ElementsAre("1 Change Management", "2 Veränderungsprozesse II"));

  auto bad_move = planner_->series.MoveModule(admin_, series_, m3, 5);
  EXPECT_EQ(FirstField(bad_move.status()), "position");
  Module m;
  m.title = "too far";
  auto bad_insert = planner_->series.CreateModule(admin_, series_, m, 9, {});
  EXPECT_EQ(FirstField(bad_insert.status()), "position");
  EXPECT_EQ(ModuleTitles(series_).size(), 2u);  // nothing was added
}

TEST_F(PlanningTest, FrozenSeriesRefuseChanges) {
  Id m1 = MustCreateModule(series_, "Modul 1");
  ASSERT_TRUE(planner_->series.CancelSeries(admin_, series_, "").ok());
  Module m;
  m.title = "late";
  EXPECT_EQ(planner_->series.CreateModule(admin_, series_, m, 0, {}).status().code(),
            absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(planner_->series.DeleteModule(admin_, series_, m1, true).code(),
            absl::StatusCode::kFailedPrecondition);
  Series patch;
  patch.id = series_;
  patch.title = "renamed";
  EXPECT_EQ(planner_->series.UpdateSeries(admin_, patch, {"title"}).status().code(),
            absl::StatusCode::kFailedPrecondition);
  EXPECT_TRUE(planner_->series.CancelSeries(admin_, series_, "again").ok());  // idempotent
}

TEST_F(PlanningTest, StatusFollowsTheLifecycle) {
  Series patch;
  patch.id = series_;
  patch.status = SeriesStatus::kRunning;
  auto skipped = planner_->series.UpdateSeries(admin_, patch, {"status"});
  EXPECT_EQ(skipped.status().code(), absl::StatusCode::kFailedPrecondition);
  for (SeriesStatus next : {SeriesStatus::kPlanned, SeriesStatus::kOpenForEnrolment,
                            SeriesStatus::kRunning, SeriesStatus::kCompleted}) {
    patch.status = next;
    auto updated = planner_->series.UpdateSeries(admin_, patch, {"status"});
    ASSERT_TRUE(updated.ok()) << updated.status();
    EXPECT_EQ(updated->status, next);
  }
  EXPECT_EQ(planner_->series.CancelSeries(admin_, series_, "").status().code(),
            absl::StatusCode::kFailedPrecondition);
}

TEST_F(PlanningTest, UpdateMaskMustNameKnownFields) {
  Series patch;
  patch.id = series_;
  EXPECT_EQ(FirstField(planner_->series.UpdateSeries(admin_, patch, {}).status()), "update_mask");
  EXPECT_EQ(FirstField(planner_->series.UpdateSeries(admin_, patch, {"module_count"}).status()),
            "update_mask");
  EXPECT_EQ(planner_->series.UpdateSeries(admin_, patch, {"capacity"}).status().code(),
            absl::StatusCode::kInvalidArgument);  // capacity 0
  EXPECT_EQ(planner_->series.GetSeries(admin_, series_)->capacity, 16);
}

TEST_F(PlanningTest, DeletingASeriesWithModulesNeedsForce) {
  Id m1 = MustCreateModule(series_, "Modul 1");
  ASSERT_TRUE(
      AddSession(series_, m1,
                 MakeSession(Berlin(2019, 1, 18, 9, 0), Berlin(2019, 1, 18, 16, 0), {sahin_}))
          .ok());
  EXPECT_EQ(planner_->series.DeleteSeries(admin_, series_, false).code(),
            absl::StatusCode::kFailedPrecondition);
  EXPECT_TRUE(planner_->series.GetSeries(admin_, series_).ok());
  EXPECT_TRUE(planner_->series.DeleteSeries(admin_, series_, true).ok());
  EXPECT_EQ(planner_->series.GetSeries(admin_, series_).status().code(),
            absl::StatusCode::kNotFound);
  EXPECT_TRUE(
      planner_->schedules.ListTrainerSessions(admin_, sahin_, std::nullopt, std::nullopt, {})
          ->items.empty());
}

TEST_F(PlanningTest, DeadlinesMustFitTheSeriesOwnDates) {
  const Id module = MustCreateModule(series_, "Veränderungsprozesse I");
  ASSERT_TRUE(AddSession(series_, module,
                         MakeSession(Berlin(2027, 3, 5, 9, 0), Berlin(2027, 3, 6, 16, 0), {}))
                  .ok());
  Series patch;
  patch.id = series_;
  patch.enrolment_deadline = Berlin(2027, 3, 7, 0, 0);
  auto late = planner_->series.UpdateSeries(admin_, patch, {"enrolment_deadline"});
  EXPECT_EQ(late.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(FirstField(late.status()), "series.enrolment_deadline");
  patch.enrolment_deadline = Berlin(2027, 3, 1, 0, 0);
  EXPECT_TRUE(planner_->series.UpdateSeries(admin_, patch, {"enrolment_deadline"}).ok());

  patch.requires_confirmation = true;
  patch.confirmation_deadline = Berlin(2026, 1, 1, 0, 0);  // the series exists since 2026-11-22
  auto early = planner_->series.UpdateSeries(admin_, patch,
                                             {"requires_confirmation", "confirmation_deadline"});
  EXPECT_EQ(early.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(FirstField(early.status()), "series.confirmation_deadline");
}

}  // namespace
}  // namespace trainhub::domain
