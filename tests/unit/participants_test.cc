#include "domain/enrolment/participants.h"

#include <gtest/gtest.h>

#include "domain/errors.h"
#include "store/sqlite_store.h"
#include "testing/planning.h"

namespace trainhub::domain {
namespace {

class ParticipantsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto store = store::SqliteStore::Open(":memory:");
    ASSERT_TRUE(store.ok());
    store_ = *std::move(store);
    planner_ = std::make_unique<trainhub::testing::Planning>(*store_);
    participants_ = std::make_unique<Participants>(*store_);
    for (Id* org : {&agsa_, &dessau_}) {
      Organization o;
      o.name = org == &agsa_ ? "Auslandsgesellschaft Sachsen-Anhalt e.V." : "Stadt Dessau-Roßlau";
      o.kind = OrganizationKind::kNgo;
      *org = planner_->organizations.Create(admin_, o, {})->id;
    }
  }

  Participant Volunteer(Id org, const std::string& email = "") {
    Participant p;
    p.display_name = "Jana Beispiel";
    p.email = email;
    p.organization_id = org;
    p.target_groups = {TargetGroup::kVolunteers};
    return p;
  }

  static Principal As(RoleGrant grant) {
    Principal p;
    p.account.roles = {grant};
    return p;
  }

  std::unique_ptr<store::SqliteStore> store_;
  std::unique_ptr<trainhub::testing::Planning> planner_;
  std::unique_ptr<Participants> participants_;
  const Principal admin_ = Principal::System();
  Id agsa_ = 0, dessau_ = 0;
};

TEST_F(ParticipantsTest, ApprenticesHaveAStartOfTrainingAndOthersNone) {
  Participant apprentice = Volunteer(dessau_);
  apprentice.display_name = "Mehmet Yılmaz";
  apprentice.target_groups = {TargetGroup::kApprentices};
  auto missing_start = participants_->Create(admin_, apprentice, {});
  ASSERT_EQ(missing_start.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(GetFieldViolations(missing_start.status())[0].field, "participant.training_start");
  apprentice.training_start = absl::CivilDay(2025, 8, 1);
  EXPECT_TRUE(participants_->Create(admin_, apprentice, {}).ok());
  Participant volunteer = Volunteer(agsa_);
  volunteer.training_start = absl::CivilDay(2025, 8, 1);
  EXPECT_EQ(participants_->Create(admin_, volunteer, {}).status().code(),
            absl::StatusCode::kInvalidArgument);
  volunteer.stated_training_year = 1;
  volunteer.training_start.reset();
  EXPECT_EQ(participants_->Create(admin_, volunteer, {}).status().code(),
            absl::StatusCode::kInvalidArgument);
  volunteer.stated_training_year = 0;
  volunteer.target_groups = {};
  EXPECT_EQ(participants_->Create(admin_, volunteer, {}).status().code(),
            absl::StatusCode::kInvalidArgument);
}

TEST_F(ParticipantsTest, EmailsAreOptionalButUnique) {
  EXPECT_TRUE(participants_->Create(admin_, Volunteer(agsa_), {}).ok());
  EXPECT_TRUE(participants_->Create(admin_, Volunteer(agsa_), {}).ok());  // two without e-mail
  EXPECT_TRUE(participants_->Create(admin_, Volunteer(agsa_, "jana@example.org"), {}).ok());
  auto duplicate = participants_->Create(admin_, Volunteer(dessau_, "JANA@example.org"), {});
  EXPECT_EQ(duplicate.status().code(), absl::StatusCode::kAlreadyExists);
}

TEST_F(ParticipantsTest, CoordinatorsKeepTheirOrganisationsRecordsOnly) {
  const Principal agsa = As({Role::kCoordinator, agsa_});
  auto own = participants_->Create(agsa, Volunteer(agsa_), {});
  ASSERT_TRUE(own.ok());
  EXPECT_EQ(participants_->Create(agsa, Volunteer(dessau_), {}).status().code(),
            absl::StatusCode::kPermissionDenied);
  auto foreign = participants_->Create(admin_, Volunteer(dessau_), {});
  ASSERT_TRUE(foreign.ok());
  EXPECT_EQ(participants_->Get(agsa, foreign->id).status().code(),
            absl::StatusCode::kPermissionDenied);
  EXPECT_EQ(participants_->Get(agsa, 9999).status().code(), absl::StatusCode::kPermissionDenied);
  auto listed = participants_->List(agsa, 0, "", {});
  ASSERT_EQ(listed->items.size(), 1u);
  EXPECT_EQ(listed->items[0].id, own->id);
  Participant move;
  move.id = own->id;
  move.organization_id = dessau_;
  EXPECT_EQ(participants_->Update(agsa, move, {"organization_id"}).status().code(),
            absl::StatusCode::kPermissionDenied);
  EXPECT_EQ(participants_->Get(admin_, own->id)->organization_id, agsa_);
}

TEST_F(ParticipantsTest, AParticipantSeesTheirOwnRecord) {
  auto own = participants_->Create(admin_, Volunteer(agsa_), {});
  auto other = participants_->Create(admin_, Volunteer(agsa_), {});
  const Principal me = As({Role::kParticipant, 0, 0, own->id});
  EXPECT_TRUE(participants_->Get(me, own->id).ok());
  EXPECT_EQ(participants_->Get(me, other->id).status().code(), absl::StatusCode::kPermissionDenied);
  auto listed = participants_->List(me, 0, "", {});
  ASSERT_EQ(listed->items.size(), 1u);
  EXPECT_EQ(listed->items[0].id, own->id);
  Participant rename;
  rename.id = own->id;
  rename.display_name = "Selbst umbenannt";
  EXPECT_EQ(participants_->Update(me, rename, {"display_name"}).status().code(),
            absl::StatusCode::kPermissionDenied);
}

}  // namespace
}  // namespace trainhub::domain
