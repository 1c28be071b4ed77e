#include "domain/enrolment/enrolments.h"

#include <SQLiteCpp/Database.h>
#include <gtest/gtest.h>

#include "domain/errors.h"
#include "domain/enrolment/participants.h"
#include "store/connection.h"
#include "store/sqlite_store.h"
#include "testing/planning.h"
#include "testing/temp_files.h"

namespace trainhub::domain {
namespace {

using S = EnrolmentState;

class EnrolmentsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto store = store::SqliteStore::Open(":memory:");
    ASSERT_TRUE(store.ok());
    store_ = *std::move(store);
    auto clock = [this] { return now_; };
    planner_ = std::make_unique<trainhub::testing::Planning>(*store_, clock);
    participants_ = std::make_unique<Participants>(*store_, clock);
    enrolments_ = std::make_unique<Enrolments>(*store_, clock);
    for (Id* org : {&agsa_, &dessau_}) {
      Organization o;
      o.name = org == &agsa_ ? "Auslandsgesellschaft Sachsen-Anhalt e.V." : "Stadt Dessau-Roßlau";
      o.kind = OrganizationKind::kNgo;
      *org = planner_->organizations.Create(admin_, o, {})->id;
    }
    coordinator_ = As({Role::kCoordinator, agsa_});
    series_ = NewSeries(2);
  }

  Id NewSeries(int capacity, SeriesStatus status = SeriesStatus::kOpenForEnrolment) {
    Series s;
    s.organization_id = agsa_;
    s.title = "Interkultur im Ehrenamt";
    s.kind = SeriesKind::kVolunteerCourse;
    s.capacity = capacity;
    s.target_groups = {TargetGroup::kVolunteers};
    auto created = planner_->series.CreateSeries(admin_, s, {});
    EXPECT_TRUE(created.ok()) << created.status();
    if (status != SeriesStatus::kDraft) SetStatus(created->id, status);
    return created->id;
  }

  void SetStatus(Id series, SeriesStatus status) {
    Series patch;
    patch.id = series;
    patch.status = status;
    ASSERT_TRUE(planner_->series.UpdateSeries(admin_, patch, {"status"}).ok());
  }

  Id Person(const std::string& name, TargetGroup group = TargetGroup::kVolunteers) {
    Participant p;
    p.display_name = name;
    p.organization_id = agsa_;
    p.target_groups = {group};
    if (group == TargetGroup::kApprentices) p.stated_training_year = 2;
    auto created = participants_->Create(admin_, p, {});
    EXPECT_TRUE(created.ok()) << created.status();
    return created->id;
  }

  Enrolment Enrol(Id person, Id series = 0) {
    auto e = enrolments_->Request(coordinator_, series ? series : series_, person, false, "", {});
    EXPECT_TRUE(e.ok()) << e.status();
    return e.ok() ? *e : Enrolment{};
  }

  Enrolment Get(Id enrolment) { return *enrolments_->Get(admin_, enrolment); }

  std::vector<EnrolmentChange> History(Id enrolment) {
    return enrolments_->History(admin_, enrolment, {100, {}})->items;
  }

  static Principal As(RoleGrant grant) {
    Principal p;
    p.account.id = 77;
    p.account.roles = {grant};
    return p;
  }

  absl::Time now_ = absl::FromCivil(absl::CivilSecond(2026, 3, 1, 10, 0, 0), absl::UTCTimeZone());
  std::unique_ptr<store::SqliteStore> store_;
  std::unique_ptr<trainhub::testing::Planning> planner_;
  std::unique_ptr<Participants> participants_;
  std::unique_ptr<Enrolments> enrolments_;
  const Principal admin_ = Principal::System();
  Principal coordinator_;
  Id agsa_ = 0, dessau_ = 0, series_ = 0;
};

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

TEST_F(EnrolmentsTest, EachRoleSeesWhatItShould) {
  const Id jana = Person("Jana");
  Enrolment mine = Enrol(jana), other = Enrol(Person("Omar")), waiting = Enrol(Person("Uwe"));
  const Principal self = As({Role::kParticipant, 0, 0, jana});
  auto own = enrolments_->List(self, {}, {});
  ASSERT_TRUE(own.ok());
  ASSERT_EQ(own->items.size(), 1u);
  EXPECT_EQ(own->items[0].id, mine.id);
  EXPECT_EQ(enrolments_->Get(self, other.id).status().code(), absl::StatusCode::kPermissionDenied);
  EXPECT_EQ(enrolments_->List(self, {.participant_id = other.participant_id}, {}).status().code(),
            absl::StatusCode::kPermissionDenied);
  // A series' list without naming oneself is its roster: not for participants.
  EXPECT_EQ(enrolments_->List(self, {.series_id = series_}, {}).status().code(),
            absl::StatusCode::kPermissionDenied);
  EXPECT_EQ(
      enrolments_->List(self, {.series_id = series_, .participant_id = jana}, {})->items.size(),
      1u);
  EXPECT_TRUE(enrolments_->History(self, mine.id, {}).ok());

  const Principal other_coordinator = As({Role::kCoordinator, dessau_});
  EXPECT_EQ(enrolments_->List(other_coordinator, {.series_id = series_}, {}).status().code(),
            absl::StatusCode::kPermissionDenied);
  EXPECT_EQ(enrolments_->Withdraw(other_coordinator, mine.id, "x", {}).status().code(),
            absl::StatusCode::kPermissionDenied);
  EXPECT_EQ(enrolments_->List(coordinator_, {.series_id = series_}, {})->items.size(), 3u);
  EXPECT_EQ(enrolments_->List(coordinator_, {}, {})->items.size(), 3u);
  // Coordinators see the people enrolled in their series, also from elsewhere.
  Participant guest;
  guest.display_name = "Gast aus Dessau";
  guest.organization_id = dessau_;
  guest.target_groups = {TargetGroup::kVolunteers};
  const Id guest_id = participants_->Create(admin_, guest, {})->id;
  EXPECT_EQ(participants_->Get(coordinator_, guest_id).status().code(),
            absl::StatusCode::kPermissionDenied);
  const size_t before = participants_->List(coordinator_, 0, "", {})->items.size();
  Enrol(guest_id);
  EXPECT_TRUE(participants_->Get(coordinator_, guest_id).ok());
  EXPECT_EQ(participants_->List(coordinator_, 0, "", {})->items.size(), before + 1);
  EXPECT_TRUE(participants_->Get(coordinator_, jana).ok());

  Trainer t;
  t.display_name = "Katrin Vogel";
  t.email = "katrin@example.org";
  const Id trainer = planner_->trainers.Create(admin_, t, {})->id;
  Module m;
  m.title = "Modul 1";
  const Id module = planner_->series.CreateModule(admin_, series_, m, 0, {})->id;
  Session s;
  s.start = now_ + absl::Hours(24 * 30);
  s.end = s.start + absl::Hours(6);
  s.trainers = {{trainer}};
  ASSERT_TRUE(planner_->sessions.CreateSession(admin_, series_, module, s, false, {}).ok());
  const Principal teacher = As({Role::kTrainer, 0, trainer});
  auto roster = enrolments_->List(teacher, {.series_id = series_}, {});
  ASSERT_TRUE(roster.ok()) << roster.status();
  ASSERT_EQ(roster->items.size(), 2u);  // seats only; the waiting list is the coordinators'
  EXPECT_EQ(roster->items[0].participant_name, "Jana");
  EXPECT_EQ(enrolments_->Get(teacher, waiting.id).status().code(),
            absl::StatusCode::kPermissionDenied);
  EXPECT_EQ(enrolments_->History(teacher, mine.id, {}).status().code(),
            absl::StatusCode::kPermissionDenied);
}

TEST_F(EnrolmentsTest, RetriesWithTheSameRequestIdChangeNothingMore) {
  const Id anna = Person("Anna");
  auto first = enrolments_->Request(coordinator_, series_, anna, false, "", {"req-1", "f1"});
  auto retry = enrolments_->Request(coordinator_, series_, anna, false, "", {"req-1", "f1"});
  ASSERT_TRUE(first.ok());
  ASSERT_TRUE(retry.ok()) << retry.status();
  EXPECT_EQ(first->id, retry->id);
  auto withdraw = enrolments_->Withdraw(coordinator_, first->id, "ill", {"req-2", "f2"});
  auto withdraw_retry = enrolments_->Withdraw(coordinator_, first->id, "ill", {"req-2", "f2"});
  ASSERT_TRUE(withdraw.ok());
  ASSERT_TRUE(withdraw_retry.ok()) << withdraw_retry.status();
  EXPECT_EQ(History(first->id).size(), 2u);
  EXPECT_EQ(
      enrolments_->Withdraw(coordinator_, first->id, "ill", {"req-1", "other"}).status().code(),
      absl::StatusCode::kAlreadyExists);
}

TEST_F(EnrolmentsTest, CancellingASeriesEndsItsEnrolmentsWithTheReasonInTheirHistory) {
  std::vector<Enrolment> e;
  for (const char* name : {"Anna", "Bülent", "Chiara"}) e.push_back(Enrol(Person(name)));
  ASSERT_EQ(e[2].state, S::kWaitlisted);
  now_ += absl::Hours(1);
  ASSERT_TRUE(planner_->series.CancelSeries(coordinator_, series_, "Referentin erkrankt").ok());
  for (const Enrolment& before : e) {
    const Enrolment after = Get(before.id);
    EXPECT_EQ(after.state, S::kWithdrawn) << before.id;
    const std::vector<EnrolmentChange> history = History(before.id);
    ASSERT_FALSE(history.empty());
    EXPECT_EQ(history.back().reason, "the series was cancelled: Referentin erkrankt");
    EXPECT_EQ(history.back().account_id, coordinator_.account.id);
  }
  // Cancelling again changes nothing more.
  ASSERT_TRUE(planner_->series.CancelSeries(coordinator_, series_, "").ok());
  EXPECT_EQ(History(e[0].id).size(), 2u);
}

TEST_F(EnrolmentsTest, ParticipantsKeepTheirSeriesOnceItRunsButNotItsInternals) {
  const Id jana = Person("Jana Beispiel");
  Enrol(jana);
  Trainer t;
  t.display_name = "Sabine Roth";
  t.email = "sabine.roth@example.org";
  const Id roth = planner_->trainers.Create(admin_, t, {})->id;
  t.display_name = "Dr. Jonas Keller";
  t.email = "jonas.keller@example.org";
  const Id keller = planner_->trainers.Create(admin_, t, {})->id;
  Module m;
  m.title = "Grundlagen";
  m.teaching_units = 4;
  const Id module = planner_->series.CreateModule(admin_, series_, m, 0, {})->id;
  Session s;
  s.start = now_ + absl::Hours(24 * 30);
  s.end = s.start + absl::Hours(3);
  s.note = "Honorar 600 EUR; Vertrag noch nicht unterschrieben";
  s.trainers = {{roth, BookingStatus::kRequested}, {keller, BookingStatus::kRequested}};
  auto session = planner_->sessions.CreateSession(admin_, series_, module, s, false, {});
  ASSERT_TRUE(session.ok()) << session.status();
  ASSERT_TRUE(planner_->sessions
                  .SetBookingStatus(admin_, session->id, keller, BookingStatus::kConfirmed, false)
                  .ok());
  SetStatus(series_, SeriesStatus::kRunning);

  const Principal self = As({Role::kParticipant, 0, 0, jana});
  ASSERT_TRUE(planner_->series.GetSeries(self, series_).ok());
  auto seen = planner_->sessions.GetSession(self, session->id);
  ASSERT_TRUE(seen.ok()) << seen.status();
  EXPECT_EQ(seen->note, "");
  ASSERT_EQ(seen->trainers.size(), 1u);
  EXPECT_EQ(seen->trainers[0].trainer_id, keller);
  auto listed = planner_->sessions.ListSessions(self, series_, 0, {});
  ASSERT_TRUE(listed.ok()) << listed.status();
  ASSERT_EQ(listed->items.size(), 1u);
  EXPECT_EQ(listed->items[0].note, "");
  auto calendar = planner_->calendars.ExportSeriesCalendar(self, series_);
  ASSERT_TRUE(calendar.ok()) << calendar.status();
  EXPECT_EQ(calendar->ical.find("Honorar"), std::string::npos) << calendar->ical;
  EXPECT_EQ(calendar->ical.find("Sabine Roth"), std::string::npos) << calendar->ical;
  auto series_list = planner_->series.ListSeries(self, {}, {});
  ASSERT_TRUE(series_list.ok());
  ASSERT_EQ(series_list->items.size(), 1u);

  // The series' planners and the trainer booked see everything; a partner who
  // only reads sees what participants see.
  EXPECT_EQ(planner_->sessions.GetSession(coordinator_, session->id)->note, s.note);
  Series partnered;
  partnered.id = series_;
  partnered.partner_organization_ids = {dessau_};
  ASSERT_TRUE(planner_->series.UpdateSeries(admin_, partnered, {"partner_organization_ids"}).ok());
  auto partner_view = planner_->sessions.GetSession(As({Role::kCoordinator, dessau_}), session->id);
  ASSERT_TRUE(partner_view.ok()) << partner_view.status();
  EXPECT_EQ(partner_view->note, "");
  EXPECT_EQ(partner_view->trainers.size(), 1u);
  const Principal roth_login = As({Role::kTrainer, 0, roth});
  EXPECT_EQ(planner_->sessions.GetSession(roth_login, session->id)->trainers.size(), 2u);

  // Someone never enrolled does not see a running series.
  const Principal other = As({Role::kParticipant, 0, 0, Person("Omar")});
  EXPECT_EQ(planner_->series.GetSeries(other, series_).status().code(),
            absl::StatusCode::kPermissionDenied);
}

TEST_F(EnrolmentsTest, ARosterIsRefusedToParticipantsAndAMissingSeriesLooksForeign) {
  const Id jana = Person("Jana Beispiel");
  Enrol(jana);
  Enrol(Person("Anna"));
  const Principal self = As({Role::kParticipant, 0, 0, jana});
  EXPECT_EQ(enrolments_->List(self, {.series_id = series_}, {}).status().code(),
            absl::StatusCode::kPermissionDenied);
  auto own = enrolments_->List(self, {.series_id = series_, .participant_id = jana}, {});
  ASSERT_TRUE(own.ok()) << own.status();
  EXPECT_EQ(own->items.size(), 1u);
  EXPECT_EQ(enrolments_->List(self, {.series_id = 999}, {}).status().code(),
            absl::StatusCode::kPermissionDenied);
  EXPECT_EQ(enrolments_->List(coordinator_, {.series_id = 999}, {}).status().code(),
            absl::StatusCode::kPermissionDenied);
  EXPECT_EQ(enrolments_->List(admin_, {.series_id = 999}, {}).status().code(),
            absl::StatusCode::kNotFound);
  // History names its field as the request does.
  auto history = enrolments_->History(admin_, 999, {});
  ASSERT_EQ(history.status().code(), absl::StatusCode::kNotFound);
  EXPECT_NE(std::string(history.status().message()).find("enrolment 999"), std::string::npos);
  EXPECT_EQ(GetFieldViolations(history.status()).at(0).field, "enrolment_id");
}

TEST_F(EnrolmentsTest, NotesAreKeptOnTheEnrolmentForItsCoordinatorsOnly) {
  const Id jana = Person("Jana Beispiel");
  auto e = enrolments_->Request(coordinator_, series_, jana, false, "kommt mit Rollstuhl", {});
  ASSERT_TRUE(e.ok()) << e.status();
  EXPECT_EQ(enrolments_->Get(coordinator_, e->id)->note, "kommt mit Rollstuhl");
  EXPECT_EQ(enrolments_->List(coordinator_, {.series_id = series_}, {})->items[0].note,
            "kommt mit Rollstuhl");
  const Principal self = As({Role::kParticipant, 0, 0, jana});
  EXPECT_EQ(enrolments_->Get(self, e->id)->note, "");
  EXPECT_EQ(enrolments_->List(self, {}, {})->items[0].note, "");
}

// Earlier versions wrote a coordinator's internal note, given with an
// enrolment, as the reason of its history entry, which the participant
// reads. A database written then (schema version 15), once opened, shows
// the participant the plain step instead; their own words and a
// coordinator's reasons for other steps stay, the note stays on the
// enrolment for coordinators, and the history is append-only again.
TEST(EnrolmentHistoryUpgradeTest, ACoordinatorsOldNoteNoLongerReachesTheParticipant) {
  const std::string path = trainhub::testing::TempDbPath("trainhub-history");
  {
    SQLite::Database db(path, SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
    ASSERT_TRUE(store::Migrate(db, 15).ok());
    db.exec(R"sql(
INSERT INTO organization (id, name, kind, city, website, create_time, update_time)
  VALUES (1, 'Auslandsgesellschaft Sachsen-Anhalt e.V.', 1, '', '', 0, 0);
INSERT INTO series (id, organization_id, title, kind, description, target_groups, capacity,
  status, cancellation_reason, create_time, update_time)
  VALUES (1, 1, 'Interkultur im Ehrenamt', 2, '', '[1]', 10, 3, '', 0, 0);
INSERT INTO participant (id, display_name, email, organization_id, target_groups,
  training_year, create_time, update_time)
  VALUES (1, 'Jana Beispiel', '', 1, '[1]', 0, 0, 0), (2, 'سمير خليل', '', 1, '[6]', 0, 0, 0);
INSERT INTO account (id, email, email_key, display_name, password_hash, create_time)
  VALUES (5, 'jana@example.org', 'jana@example.org', 'Jana', 'x', 0),
         (7, 'koordination@example.org', 'koordination@example.org', 'Koordination', 'x', 0);
INSERT INTO account_role (account_id, position, role, organization_id, participant_id)
  VALUES (5, 0, 4, NULL, 1), (7, 0, 2, 1, NULL);
INSERT INTO enrolment (id, series_id, participant_id, state, queue_number, request_time,
  eligibility_overridden, update_time, note)
  VALUES (1, 1, 1, 2, 3, 0, 0, 0, 'Zahlt erst im März, bitte nachhaken'),
         (2, 1, 2, 3, 2, 0, 1, 0, 'Zielgruppe passt nicht, Ausnahme');
INSERT INTO enrolment_change (id, enrolment_id, time, from_state, to_state, account_id, reason)
  VALUES (1, 1, 1, 0, 3, 7, 'Zahlt erst im März, bitte nachhaken'),
         (2, 1, 2, 3, 5, 7, 'auf eigenen Wunsch'),
         (3, 1, 3, 5, 2, 5, 'Ich komme doch, mit dem Zug'),
         (4, 2, 4, 0, 2, 7, 'Zielgruppe passt nicht, Ausnahme (target groups overridden)'),
         (5, 2, 5, 2, 3, 0, 'promoted from the waiting list: a seat became free');
)sql");
  }
  auto store = store::SqliteStore::Open(path);
  ASSERT_TRUE(store.ok()) << store.status();
  Enrolments enrolments(**store, [] { return absl::Now(); });
  auto reasons = [&](const Principal& who, Id enrolment) {
    std::vector<std::string> out;
    absl::StatusOr<Page<EnrolmentChange>> history = enrolments.History(who, enrolment, {100, {}});
    EXPECT_TRUE(history.ok()) << history.status();
    if (history.ok()) {
      for (const EnrolmentChange& c : history->items) out.push_back(c.reason);
    }
    return out;
  };
  Principal jana;
  jana.account.id = 5;
  jana.account.roles = {{Role::kParticipant, 0, 0, 1}};
  Principal samir;
  samir.account.id = 6;
  samir.account.roles = {{Role::kParticipant, 0, 0, 2}};
  Principal coordinator;
  coordinator.account.id = 7;
  coordinator.account.roles = {{Role::kCoordinator, 1}};
  EXPECT_EQ(reasons(jana, 1),
            (std::vector<std::string>{"enrolled by a coordinator", "auf eigenen Wunsch",
                                      "Ich komme doch, mit dem Zug"}));
  EXPECT_EQ(reasons(samir, 2),
            (std::vector<std::string>{"enrolled by a coordinator (target groups overridden)",
                                      "promoted from the waiting list: a seat became free"}));
  absl::StatusOr<Enrolment> seen = enrolments.Get(coordinator, 1);
  ASSERT_TRUE(seen.ok()) << seen.status();
  EXPECT_EQ(seen->note, "Zahlt erst im März, bitte nachhaken");
  EXPECT_TRUE(enrolments.Get(jana, 1)->note.empty());
  store->reset();
  SQLite::Database db(path, SQLite::OPEN_READWRITE);
  EXPECT_THROW(db.exec("UPDATE enrolment_change SET reason = '' WHERE id = 3"), SQLite::Exception);
  trainhub::testing::RemoveDb(path);
}

}  // namespace
}  // namespace trainhub::domain
