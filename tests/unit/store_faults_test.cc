// What the use cases answer when storage fails, through the fault-injecting
// store (tests/testing/faulty_store.h): the store's status passes through
// unchanged (UNAVAILABLE stays UNAVAILABLE, ABORTED stays ABORTED), and a
// write that fails keeps nothing.

#include <gtest/gtest.h>

#include "domain/accounts/accounts.h"
#include "domain/accounts/audit.h"
#include "domain/enrolment/enrolments.h"
#include "domain/enrolment/participants.h"
#include "store/sqlite_store.h"
#include "testing/faulty_store.h"
#include "testing/planning.h"

namespace trainhub::domain {
namespace {

using testing::FaultyStore;

class StoreFaultsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto store = store::SqliteStore::Open(":memory:");
    ASSERT_TRUE(store.ok()) << store.status();
    real_ = *std::move(store);
    faulty_ = std::make_unique<FaultyStore>(*real_);
    planner_ = std::make_unique<trainhub::testing::Planning>(*faulty_);
    participants_ = std::make_unique<Participants>(*faulty_);
    enrolments_ = std::make_unique<Enrolments>(*faulty_);
    Organization org;
    org.name = "Landkreis Harz";
    org.kind = OrganizationKind::kMunicipality;
    org_ = planner_->organizations.Create(admin_, org, {})->id;
    Series s;
    s.organization_id = org_;
    s.title = "Interkultur im Ehrenamt";
    s.kind = SeriesKind::kVolunteerCourse;
    s.capacity = 1;
    series_ = planner_->series.CreateSeries(admin_, s, {})->id;
    Series open;
    open.id = series_;
    open.status = SeriesStatus::kPlanned;
    ASSERT_TRUE(planner_->series.UpdateSeries(admin_, open, {"status"}).ok());
    open.status = SeriesStatus::kOpenForEnrolment;
    ASSERT_TRUE(planner_->series.UpdateSeries(admin_, open, {"status"}).ok());
    Participant p;
    p.display_name = "Jana Beispiel";
    p.organization_id = org_;
    p.target_groups = {TargetGroup::kVolunteers};
    jana_ = participants_->Create(admin_, p, {})->id;
  }

  int64_t Organisations() { return planner_->organizations.List({})->items.size(); }

  std::unique_ptr<store::SqliteStore> real_;
  std::unique_ptr<FaultyStore> faulty_;
  std::unique_ptr<trainhub::testing::Planning> planner_;
  std::unique_ptr<Participants> participants_;
  std::unique_ptr<Enrolments> enrolments_;
  const Principal admin_ = Principal::System();
  Id org_ = 0, series_ = 0, jana_ = 0;
};

TEST_F(StoreFaultsTest, AStoreThatIsGoneAnswersUnavailableForReadsAndWrites) {
  faulty_->Fail(FaultyStore::When::kBeforeReads, absl::UnavailableError("database gone"));
  EXPECT_EQ(planner_->series.GetSeries(admin_, series_).status().code(),
            absl::StatusCode::kUnavailable);
  EXPECT_EQ(enrolments_->List(admin_, {.series_id = series_}, {}).status().code(),
            absl::StatusCode::kUnavailable);
  faulty_->Fail(FaultyStore::When::kBeforeWrites, absl::UnavailableError("disk full"));
  Organization org;
  org.name = "Hochschule Harz";
  org.kind = OrganizationKind::kUniversity;
  EXPECT_EQ(planner_->organizations.Create(admin_, org, {"retry-me", "f"}).status().code(),
            absl::StatusCode::kUnavailable);
  faulty_->Heal();
  EXPECT_EQ(Organisations(), 1);
  // The retry with the same request id, once the store is back, creates it once.
  ASSERT_TRUE(planner_->organizations.Create(admin_, org, {"retry-me", "f"}).ok());
  ASSERT_TRUE(planner_->organizations.Create(admin_, org, {"retry-me", "f"}).ok());
  EXPECT_EQ(Organisations(), 2);
}

TEST_F(StoreFaultsTest, AWriteThatFailsAtTheEndKeepsNothingAndItsHistoryNeither) {
  faulty_->Fail(FaultyStore::When::kAfterWrites, absl::AbortedError("lost a write race"));
  auto enrolled = enrolments_->Request(admin_, series_, jana_, false, "", {});
  EXPECT_EQ(enrolled.status().code(), absl::StatusCode::kAborted);
  EXPECT_EQ(planner_->series.CancelSeries(admin_, series_, "x").status().code(),
            absl::StatusCode::kAborted);
  faulty_->Heal();
  EXPECT_TRUE(enrolments_->List(admin_, {.series_id = series_}, {})->items.empty());
  const Series series = *planner_->series.GetSeries(admin_, series_);
  EXPECT_EQ(series.status, SeriesStatus::kOpenForEnrolment);
  EXPECT_EQ(series.seats_taken, 0);
  // And it works once the store does.
  EXPECT_TRUE(enrolments_->Request(admin_, series_, jana_, false, "", {}).ok());
}

TEST_F(StoreFaultsTest, LoginsAndTheAuditLogPassTheFaultOn) {
  Accounts accounts(*faulty_);
  AuditLog audit(*faulty_);
  Account a;
  a.email = "a@example.org";
  a.display_name = "A";
  a.roles = {{Role::kAdmin}};
  faulty_->Fail(FaultyStore::When::kBeforeWrites, absl::UnavailableError("busy"));
  EXPECT_EQ(accounts.CreateAccount(Principal::System(), a, "ein-langes-passwort").status().code(),
            absl::StatusCode::kUnavailable);
  EXPECT_EQ(audit.RecordRefusal(0, "m", "UNAUTHENTICATED", "", "ipv4:192.0.2.1").code(),
            absl::StatusCode::kUnavailable);
  faulty_->Heal();
  ASSERT_TRUE(accounts.CreateAccount(Principal::System(), a, "ein-langes-passwort").ok());
  faulty_->Fail(FaultyStore::When::kBeforeReads, absl::UnavailableError("busy"));
  EXPECT_EQ(
      accounts.Login("a@example.org", "ein-langes-passwort", "ipv4:192.0.2.1").status().code(),
      absl::StatusCode::kUnavailable);
}

}  // namespace
}  // namespace trainhub::domain
