// Trainers: unique e-mail addresses.

#include "unit/planning_fixture.h"

namespace trainhub::domain {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

TEST_F(PlanningTest, TrainerEmailsAreUniqueIgnoringCase) {
  Trainer t;
  t.display_name = "Someone Else";
  t.email = "NURAN.SAHIN@example.org";
  auto created = planner_->trainers.Create(admin_, t, {});
  EXPECT_EQ(created.status().code(), absl::StatusCode::kAlreadyExists);
  EXPECT_EQ(FirstField(created.status()), "trainer.email");

  Trainer patch;
  patch.id = petrova_;
  patch.email = "Nuran.Sahin@example.org";
  auto updated = planner_->trainers.Update(admin_, patch, {"email"});
  EXPECT_EQ(updated.status().code(), absl::StatusCode::kAlreadyExists);
  EXPECT_EQ(planner_->trainers.Get(admin_, petrova_)->email, "alina.petrova@example.org");
}

}  // namespace
}  // namespace trainhub::domain
