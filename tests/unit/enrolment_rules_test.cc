// The enrolment state machine and where a request is placed.

#include "domain/enrolment/enrolment_rules.h"

#include <gtest/gtest.h>

namespace trainhub::domain {
namespace {

using S = EnrolmentState;

TEST(EnrolmentStateMachineTest, AllowsOnlyTheDocumentedTransitions) {
  const std::vector<S> all = {S::kUnspecified, S::kPendingApproval, S::kWaitlisted, S::kEnrolled,
                              S::kConfirmed,   S::kWithdrawn,       S::kRejected,   S::kReleased};
  const std::set<std::pair<S, S>> allowed = {
      {S::kUnspecified, S::kPendingApproval},
      {S::kUnspecified, S::kWaitlisted},
      {S::kUnspecified, S::kEnrolled},
      {S::kPendingApproval, S::kWaitlisted},
      {S::kPendingApproval, S::kEnrolled},
      {S::kPendingApproval, S::kRejected},
      {S::kPendingApproval, S::kWithdrawn},
      {S::kWaitlisted, S::kEnrolled},
      {S::kWaitlisted, S::kWithdrawn},
      {S::kEnrolled, S::kConfirmed},
      {S::kEnrolled, S::kWithdrawn},
      {S::kEnrolled, S::kReleased},
      {S::kConfirmed, S::kWithdrawn},
      // Ended enrolments can be requested again.
      {S::kWithdrawn, S::kPendingApproval},
      {S::kWithdrawn, S::kWaitlisted},
      {S::kWithdrawn, S::kEnrolled},
      {S::kRejected, S::kPendingApproval},
      {S::kRejected, S::kWaitlisted},
      {S::kRejected, S::kEnrolled},
      {S::kReleased, S::kPendingApproval},
      {S::kReleased, S::kWaitlisted},
      {S::kReleased, S::kEnrolled},
  };
  for (S from : all) {
    for (S to : all) {
      EXPECT_EQ(EnrolmentTransitionAllowed(from, to), allowed.count({from, to}) == 1)
          << ToString(from) << " -> " << ToString(to);
    }
  }
}

TEST(EnrolmentStateMachineTest, PlacesRequestsBySeatsAndWaitingList) {
  Series s;
  s.capacity = 2;
  EXPECT_EQ(Placement(s, false), S::kEnrolled);
  EXPECT_EQ(Placement(s, true), S::kPendingApproval);
  s.seats_taken = 2;
  EXPECT_EQ(Placement(s, false), S::kWaitlisted);
  // A seat that is free while people wait belongs to them, not to a newcomer.
  s.seats_taken = 1;
  s.waitlist_length = 1;
  EXPECT_EQ(Placement(s, false), S::kWaitlisted);
}

}  // namespace
}  // namespace trainhub::domain
