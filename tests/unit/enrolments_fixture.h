#ifndef TRAINHUB_TESTS_UNIT_ENROLMENTS_FIXTURE_H_
#define TRAINHUB_TESTS_UNIT_ENROLMENTS_FIXTURE_H_

// The enrolment use cases on an in-memory store with two organisations, a
// coordinator of the first and its open series of two seats
// (enrolments_test.cc, enrolments_visibility_test.cc).

#include <gtest/gtest.h>

#include "domain/enrolment/enrolments.h"
#include "domain/enrolment/participants.h"
#include "store/sqlite_store.h"
#include "testing/planning.h"

namespace trainhub::domain {

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

}  // namespace trainhub::domain

#endif  // TRAINHUB_TESTS_UNIT_ENROLMENTS_FIXTURE_H_
