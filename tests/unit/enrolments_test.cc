// Enrolments: waiting lists in arrival order, requests, approvals, target
// groups and required qualifications, deadlines, capacity and cohorts. What
// each role sees is in enrolments_visibility_test.cc.

#include "domain/enrolment/enrolments.h"

#include <gtest/gtest.h>

#include "domain/errors.h"
#include "unit/enrolments_fixture.h"

namespace trainhub::domain {
namespace {

using S = EnrolmentState;

TEST_F(EnrolmentsTest, AFullSeriesWaitlistsInArrivalOrderAndPromotesTheFirstOnWithdrawal) {
  std::vector<Enrolment> e;
  for (const char* name : {"Anna", "Bülent", "Chiara", "Dmitrij", "Emine"}) {
    e.push_back(Enrol(Person(name)));
  }
  EXPECT_EQ(e[0].state, S::kEnrolled);
  EXPECT_EQ(e[1].state, S::kEnrolled);
  for (int i = 2; i < 5; ++i) {
    EXPECT_EQ(e[i].state, S::kWaitlisted);
    EXPECT_EQ(e[i].waitlist_position, i - 1);
  }
  Series series = *planner_->series.GetSeries(admin_, series_);
  EXPECT_EQ(series.seats_taken, 2);
  EXPECT_EQ(series.waitlist_length, 3);

  now_ += absl::Hours(1);
  auto withdrawn = enrolments_->Withdraw(coordinator_, e[1].id, "moved away", {});
  ASSERT_TRUE(withdrawn.ok()) << withdrawn.status();
  EXPECT_EQ(withdrawn->state, S::kWithdrawn);
  EXPECT_EQ(Get(e[2].id).state, S::kEnrolled);  // Chiara, first in the list
  EXPECT_EQ(Get(e[3].id).waitlist_position, 1);
  EXPECT_EQ(Get(e[4].id).waitlist_position, 2);

  std::vector<EnrolmentChange> promoted = History(e[2].id);
  ASSERT_EQ(promoted.size(), 2u);
  EXPECT_EQ(promoted[0].to, S::kWaitlisted);
  EXPECT_EQ(promoted[1].from, S::kWaitlisted);
  EXPECT_EQ(promoted[1].to, S::kEnrolled);
  EXPECT_EQ(promoted[1].account_id, 0);  // the system
  EXPECT_EQ(promoted[1].time, now_);
  std::vector<EnrolmentChange> left = History(e[1].id);
  ASSERT_EQ(left.size(), 2u);
  EXPECT_EQ(left[1].reason, "moved away");
  EXPECT_EQ(left[1].account_id, 77);
}

TEST_F(EnrolmentsTest, WithdrawingFromTheWaitingListMovesLaterPeopleUpWithoutPromotion) {
  std::vector<Enrolment> e;
  for (const char* name : {"A", "B", "C", "D"}) e.push_back(Enrol(Person(name)));
  ASSERT_TRUE(enrolments_->Withdraw(coordinator_, e[2].id, "no time", {}).ok());
  EXPECT_EQ(Get(e[0].id).state, S::kEnrolled);
  EXPECT_EQ(Get(e[1].id).state, S::kEnrolled);
  EXPECT_EQ(Get(e[3].id).state, S::kWaitlisted);
  EXPECT_EQ(Get(e[3].id).waitlist_position, 1);
}

TEST_F(EnrolmentsTest, BadRequestsAreRefusedClearlyAndChangeNothing) {
  const Id anna = Person("Anna");
  Enrolment e = Enrol(anna);
  auto twice = enrolments_->Request(coordinator_, series_, anna, false, "", {});
  EXPECT_EQ(twice.status().code(), absl::StatusCode::kAlreadyExists);
  EXPECT_EQ(GetFieldViolations(twice.status())[0].field, "participant_id");
  EXPECT_NE(twice.status().message().find("already enrolled"), std::string::npos);

  auto unknown = enrolments_->Request(coordinator_, series_, 999, false, "", {});
  EXPECT_EQ(unknown.status().code(), absl::StatusCode::kNotFound);
  EXPECT_EQ(GetFieldViolations(unknown.status())[0].field, "participant_id");

  auto no_reason = enrolments_->Withdraw(coordinator_, e.id, "  ", {});
  EXPECT_EQ(no_reason.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(GetFieldViolations(no_reason.status())[0].field, "reason");
  ASSERT_TRUE(enrolments_->Withdraw(coordinator_, e.id, "ill", {}).ok());
  auto again = enrolments_->Withdraw(coordinator_, e.id, "ill", {});
  EXPECT_EQ(again.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_NE(again.status().message().find("already withdrawn"), std::string::npos);
  EXPECT_EQ(History(e.id).size(), 2u);

  const Id cancelled = NewSeries(5);
  ASSERT_TRUE(planner_->series.CancelSeries(admin_, cancelled, "no trainer").ok());
  auto into_cancelled = enrolments_->Request(coordinator_, cancelled, anna, false, "", {});
  EXPECT_EQ(into_cancelled.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_NE(into_cancelled.status().message().find("cancelled"), std::string::npos);
  const Id completed = NewSeries(5);
  SetStatus(completed, SeriesStatus::kRunning);
  SetStatus(completed, SeriesStatus::kCompleted);
  EXPECT_EQ(enrolments_->Request(coordinator_, completed, anna, false, "", {}).status().code(),
            absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(enrolments_->List(admin_, {.series_id = cancelled}, {})->items.size(), 0u);
}

TEST_F(EnrolmentsTest, ARenewedRequestArrivesAnewAtTheEndOfTheWaitingList) {
  std::vector<Enrolment> e;
  for (const char* name : {"A", "B", "C"}) e.push_back(Enrol(Person(name)));
  ASSERT_TRUE(enrolments_->Withdraw(coordinator_, e[0].id, "changed plans", {}).ok());
  EXPECT_EQ(Get(e[2].id).state, S::kEnrolled);
  const Id d = Person("D");
  Enrol(d);  // waits at position 1
  auto back = enrolments_->Request(coordinator_, series_, e[0].participant_id, false, "", {});
  ASSERT_TRUE(back.ok()) << back.status();
  EXPECT_EQ(back->id, e[0].id);  // one enrolment per person and series, with its history
  EXPECT_EQ(back->state, S::kWaitlisted);
  EXPECT_EQ(back->waitlist_position, 2);
  EXPECT_EQ(History(e[0].id).size(), 3u);
}

TEST_F(EnrolmentsTest, ParticipantsRequestThemselvesOnlyWhileOpenAndBeforeTheDeadline) {
  const Id jana = Person("Jana Beispiel");
  const Principal self = As({Role::kParticipant, 0, 0, jana});
  const Id planned = NewSeries(5, SeriesStatus::kPlanned);
  EXPECT_EQ(enrolments_->Request(self, planned, 0, false, "", {}).status().code(),
            absl::StatusCode::kPermissionDenied);  // not in the catalogue yet

  Series patch;
  patch.id = series_;
  patch.enrolment_deadline = now_ + absl::Hours(24);
  ASSERT_TRUE(planner_->series.UpdateSeries(admin_, patch, {"enrolment_deadline"}).ok());
  now_ += absl::Hours(25);
  auto late = enrolments_->Request(self, series_, 0, false, "", {});
  EXPECT_EQ(late.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_NE(late.status().message().find("closed on"), std::string::npos);
  // Coordinators can still add people afterwards.
  EXPECT_TRUE(enrolments_->Request(coordinator_, series_, jana, false, "", {}).ok());

  const Id other = Person("Someone Else");
  EXPECT_EQ(enrolments_->Request(self, series_, other, false, "", {}).status().code(),
            absl::StatusCode::kPermissionDenied);
}

TEST_F(EnrolmentsTest, ApprovalHoldsRequestsUntilACoordinatorDecides) {
  Series patch;
  patch.id = series_;
  patch.requires_approval = true;
  ASSERT_TRUE(planner_->series.UpdateSeries(admin_, patch, {"requires_approval"}).ok());
  const Id jana = Person("Jana"), omar = Person("Omar");
  auto asked = enrolments_->Request(As({Role::kParticipant, 0, 0, jana}), series_, 0, false,
                                    "I run a café for newcomers", {});
  ASSERT_TRUE(asked.ok()) << asked.status();
  EXPECT_EQ(asked->state, S::kPendingApproval);
  EXPECT_EQ(planner_->series.GetSeries(admin_, series_)->seats_taken, 0);
  auto second =
      enrolments_->Request(As({Role::kParticipant, 0, 0, omar}), series_, 0, false, "", {});
  ASSERT_TRUE(second.ok());

  EXPECT_EQ(
      enrolments_->Approve(As({Role::kParticipant, 0, 0, jana}), asked->id, {}).status().code(),
      absl::StatusCode::kPermissionDenied);
  auto approved = enrolments_->Approve(coordinator_, asked->id, {});
  ASSERT_TRUE(approved.ok()) << approved.status();
  EXPECT_EQ(approved->state, S::kEnrolled);
  EXPECT_EQ(enrolments_->Reject(coordinator_, second->id, "", {}).status().code(),
            absl::StatusCode::kInvalidArgument);
  auto rejected = enrolments_->Reject(coordinator_, second->id, "not a volunteer yet", {});
  ASSERT_TRUE(rejected.ok());
  EXPECT_EQ(rejected->state, S::kRejected);
  EXPECT_EQ(enrolments_->Approve(coordinator_, second->id, {}).status().code(),
            absl::StatusCode::kFailedPrecondition);
  // A coordinator's enrolment is the approval.
  EXPECT_EQ(Enrol(Person("Lea")).state, S::kEnrolled);
}

TEST_F(EnrolmentsTest, TargetGroupsRefuseOthersUnlessACoordinatorOverrides) {
  const Id manager = Person("Dr. Weber", TargetGroup::kManagers);
  auto refused = enrolments_->Request(coordinator_, series_, manager, false, "", {});
  EXPECT_EQ(refused.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(GetFieldViolations(refused.status())[0].field, "participant_id");
  EXPECT_NE(refused.status().message().find("belongs to managers"), std::string::npos);
  EXPECT_NE(refused.status().message().find("is for volunteers"), std::string::npos);
  // The coordinator learns how to enrol anyway; the participant whom to ask.
  EXPECT_NE(refused.status().message().find("set override_eligibility to enrol them anyway"),
            std::string::npos)
      << refused.status();

  const Principal self = As({Role::kParticipant, 0, 0, manager});
  EXPECT_EQ(enrolments_->Request(self, series_, 0, true, "", {}).status().code(),
            absl::StatusCode::kPermissionDenied);
  auto own = enrolments_->Request(self, series_, 0, false, "", {});
  EXPECT_EQ(own.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_NE(own.status().message().find("a coordinator can enrol you anyway"), std::string::npos)
      << own.status();
  EXPECT_EQ(own.status().message().find("override"), std::string::npos) << own.status();
  auto overridden = enrolments_->Request(coordinator_, series_, manager, true, "", {});
  ASSERT_TRUE(overridden.ok()) << overridden.status();
  EXPECT_TRUE(overridden->eligibility_overridden);
  EXPECT_NE(History(overridden->id)[0].reason.find("overridden"), std::string::npos);
}

TEST_F(EnrolmentsTest, ARequiredQualificationIsMetByARecordedEarlierQualification) {
  Series patch;
  patch.id = series_;
  patch.required_qualification = "Diversity Trainer:in und Berater:in im Handlungsfeld Verwaltung";
  ASSERT_TRUE(planner_->series.UpdateSeries(admin_, patch, {"required_qualification"}).ok());
  const Id katrin = Person("Katrin Vogel");
  auto refused = enrolments_->Request(coordinator_, series_, katrin, false, "", {});
  EXPECT_EQ(refused.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_NE(refused.status().message().find("requires the qualification"), std::string::npos);
  // Overriding the target groups does not waive the qualification.
  EXPECT_EQ(enrolments_->Request(coordinator_, series_, katrin, true, "", {}).status().code(),
            absl::StatusCode::kFailedPrecondition);

  Qualification q;
  q.participant_id = katrin;
  q.title = "diversity trainer:in  und Berater:in im Handlungsfeld Verwaltung";
  q.note = "Zertifikat 2016";
  auto recorded = participants_->RecordQualification(coordinator_, q, {});
  ASSERT_TRUE(recorded.ok()) << recorded.status();
  EXPECT_EQ(participants_->RecordQualification(coordinator_, q, {}).status().code(),
            absl::StatusCode::kAlreadyExists);
  EXPECT_TRUE(enrolments_->Request(coordinator_, series_, katrin, false, "", {}).ok());

  // A qualification recorded in error is removed (a retry answers OK again).
  EXPECT_TRUE(
      participants_->DeleteQualification(coordinator_, katrin, recorded->id, {"del-1", "f"}).ok());
  EXPECT_TRUE(
      participants_->DeleteQualification(coordinator_, katrin, recorded->id, {"del-1", "f"}).ok());
  EXPECT_EQ(participants_->DeleteQualification(coordinator_, katrin, recorded->id, {}).code(),
            absl::StatusCode::kNotFound);
  EXPECT_TRUE(participants_->ListQualifications(coordinator_, katrin)->empty());
  EXPECT_EQ(
      participants_->ListQualifications(As({Role::kCoordinator, dessau_}), katrin).status().code(),
      absl::StatusCode::kPermissionDenied);
}

TEST_F(EnrolmentsTest, UnconfirmedSeatsAreReleasedAfterTheDeadlineAndTheWaitingListMovesUp) {
  Series patch;
  patch.id = series_;
  patch.requires_confirmation = true;
  patch.confirmation_deadline = now_ + absl::Hours(48);
  ASSERT_TRUE(planner_->series
                  .UpdateSeries(admin_, patch, {"requires_confirmation", "confirmation_deadline"})
                  .ok());
  const Id anna = Person("Anna");
  Enrolment a = Enrol(anna), b = Enrol(Person("Bülent")), c = Enrol(Person("Chiara"));
  auto confirmed = enrolments_->Confirm(As({Role::kParticipant, 0, 0, anna}), a.id, {});
  ASSERT_TRUE(confirmed.ok()) << confirmed.status();
  EXPECT_EQ(confirmed->state, S::kConfirmed);
  EXPECT_EQ(enrolments_->Confirm(coordinator_, c.id, {}).status().code(),
            absl::StatusCode::kFailedPrecondition);  // waiting, no seat to confirm

  auto early = enrolments_->ReleaseUnconfirmed(coordinator_, series_, "", {});
  EXPECT_EQ(early.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_NE(early.status().message().find("has not passed yet"), std::string::npos);

  now_ += absl::Hours(49);
  auto released = enrolments_->ReleaseUnconfirmed(coordinator_, series_, "", {});
  ASSERT_TRUE(released.ok()) << released.status();
  ASSERT_EQ(released->released.size(), 1u);
  EXPECT_EQ(released->released[0].id, b.id);
  EXPECT_EQ(released->released[0].state, S::kReleased);
  ASSERT_EQ(released->promoted.size(), 1u);
  EXPECT_EQ(released->promoted[0].id, c.id);
  EXPECT_EQ(Get(a.id).state, S::kConfirmed);
  EXPECT_EQ(History(b.id).back().reason, "no binding confirmation by the deadline");
  // A seat given after the deadline gets its own chance to be confirmed.
  auto again = enrolments_->ReleaseUnconfirmed(coordinator_, series_, "", {});
  ASSERT_TRUE(again.ok());
  EXPECT_TRUE(again->released.empty());
  EXPECT_EQ(Get(c.id).state, S::kEnrolled);
}

TEST_F(EnrolmentsTest, MoreCapacityPromotesFromTheWaitingListAtOnce) {
  std::vector<Enrolment> e;
  for (const char* name : {"A", "B", "C", "D"}) e.push_back(Enrol(Person(name)));
  Series patch;
  patch.id = series_;
  patch.capacity = 3;
  auto updated = planner_->series.UpdateSeries(admin_, patch, {"capacity"});
  ASSERT_TRUE(updated.ok());
  EXPECT_EQ(updated->seats_taken, 3);
  EXPECT_EQ(Get(e[2].id).state, S::kEnrolled);
  EXPECT_EQ(Get(e[3].id).waitlist_position, 1);
  // Fewer seats take nobody's seat away; newcomers wait.
  patch.capacity = 1;
  ASSERT_TRUE(planner_->series.UpdateSeries(admin_, patch, {"capacity"}).ok());
  EXPECT_EQ(Get(e[2].id).state, S::kEnrolled);
  EXPECT_EQ(planner_->series.DeleteSeries(admin_, series_, true).code(),
            absl::StatusCode::kFailedPrecondition);  // enrolments are never deleted with a plan
}

TEST_F(EnrolmentsTest, ACohortEnrolsAllMatchingApprenticesOrNone) {
  const Id parcours = NewSeries(3);
  Series patch;
  patch.id = parcours;
  patch.target_groups = {TargetGroup::kApprentices};
  ASSERT_TRUE(planner_->series.UpdateSeries(admin_, patch, {"target_groups"}).ok());
  std::vector<Id> year2;
  for (const char* name : {"Mehmet", "Lisa", "Tran", "Jonas"}) {
    year2.push_back(Person(name, TargetGroup::kApprentices));
  }
  Participant first_year;
  first_year.display_name = "Paula";
  first_year.organization_id = agsa_;
  first_year.target_groups = {TargetGroup::kApprentices};
  first_year.stated_training_year = 1;
  ASSERT_TRUE(participants_->Create(admin_, first_year, {}).ok());
  Person("Volunteer Vera");

  Cohort cohort;
  cohort.organization_id = agsa_;
  cohort.target_group = TargetGroup::kApprentices;
  cohort.training_year = 2;
  auto enrolled =
      enrolments_->EnrolCohort(coordinator_, parcours, cohort, false, {"cohort-1", "x"});
  ASSERT_TRUE(enrolled.ok()) << enrolled.status();
  ASSERT_EQ(enrolled->size(), 4u);
  EXPECT_EQ((*enrolled)[0].state, S::kEnrolled);
  EXPECT_EQ((*enrolled)[2].state, S::kEnrolled);
  EXPECT_EQ((*enrolled)[3].state, S::kWaitlisted);
  // The retry answers the same and enrols nobody twice.
  auto retry = enrolments_->EnrolCohort(coordinator_, parcours, cohort, false, {"cohort-1", "x"});
  ASSERT_TRUE(retry.ok());
  EXPECT_EQ(retry->size(), 4u);
  EXPECT_EQ(planner_->series.GetSeries(admin_, parcours)->waitlist_length, 1);

  // A cohort with someone outside the target groups enrols nobody.
  Cohort everybody;
  everybody.organization_id = agsa_;
  auto mixed = enrolments_->EnrolCohort(coordinator_, parcours, everybody, false, {});
  EXPECT_EQ(mixed.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_NE(mixed.status().message().find("Volunteer Vera"), std::string::npos);
  // Named once, by the reason; the field is the person's place in the cohort.
  const std::vector<FieldViolation> why = GetFieldViolations(mixed.status());
  ASSERT_EQ(why.size(), 1u) << mixed.status();
  EXPECT_EQ(why[0].field.rfind("participant_ids[", 0), 0u) << why[0].field;
  EXPECT_EQ(why[0].description.rfind("participant ", 0), 0u) << why[0].description;
  EXPECT_NE(why[0].description.find("set override_eligibility"), std::string::npos);
  EXPECT_EQ(planner_->series.GetSeries(admin_, parcours)->seats_taken, 3);
  EXPECT_EQ(planner_->series.GetSeries(admin_, parcours)->waitlist_length, 1);

  Cohort foreign;
  foreign.organization_id = dessau_;
  EXPECT_EQ(enrolments_->EnrolCohort(coordinator_, parcours, foreign, false, {}).status().code(),
            absl::StatusCode::kPermissionDenied);
}

}  // namespace
}  // namespace trainhub::domain
