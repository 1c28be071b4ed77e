// Schedules and calendars across series.

#include "unit/planning_fixture.h"

namespace trainhub::domain {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

TEST_F(PlanningTest, ListsPageThroughEverySessionOnce) {
  Id m1 = MustCreateModule(series_, "Modul 1");
  // Two sessions share a start time: the cursor must tell them apart.
  for (int day = 1; day <= 7; ++day) {
    ASSERT_TRUE(AddSession(series_, m1,
                           MakeSession(Berlin(2027, 3, day, 9, 0), Berlin(2027, 3, day, 12, 0), {}))
                    .ok());
  }
  ASSERT_TRUE(
      AddSession(series_, m1, MakeSession(Berlin(2027, 3, 3, 9, 0), Berlin(2027, 3, 3, 10, 0), {}))
          .ok());
  std::vector<Id> seen;
  PageRequest page;
  page.limit = 3;
  for (int pages = 0; pages < 10; ++pages) {
    auto result = planner_->sessions.ListSessions(admin_, series_, 0, page);
    ASSERT_TRUE(result.ok());
    for (const Session& s : result->items) seen.push_back(s.id);
    if (!result->next) break;
    page.after = result->next;
  }
  EXPECT_EQ(seen.size(), 8u);
  std::vector<Id> sorted = seen;
  std::sort(sorted.begin(), sorted.end());
  EXPECT_EQ(std::unique(sorted.begin(), sorted.end()), sorted.end());
}

TEST_F(PlanningTest, PendingBookingsAndRanges) {
  Id m1 = MustCreateModule(series_, "Modul 1");
  auto a =
      AddSession(series_, m1,
                 MakeSession(Berlin(2027, 4, 10, 10, 0), Berlin(2027, 4, 10, 15, 30), {petrova_}));
  auto b = AddSession(series_, m1,
                      MakeSession(Berlin(2027, 5, 8, 10, 0), Berlin(2027, 5, 8, 15, 30), {sahin_}));
  ASSERT_TRUE(a.ok() && b.ok());
  ASSERT_TRUE(
      planner_->sessions.SetBookingStatus(admin_, b->id, sahin_, BookingStatus::kConfirmed, false)
          .ok());
  auto pending = planner_->schedules.ListPendingBookings(admin_, 0, 0, {});
  ASSERT_EQ(pending->items.size(), 1u);
  EXPECT_EQ(pending->items[0].id, a->id);
  EXPECT_TRUE(planner_->schedules.ListPendingBookings(admin_, sahin_, 0, {})->items.empty());

  auto april = planner_->schedules.ListSessionsInRange(admin_, Berlin(2027, 4, 1, 0, 0),
                                                       Berlin(2027, 5, 1, 0, 0), 0, {});
  ASSERT_EQ(april->items.size(), 1u);
  EXPECT_EQ(april->items[0].id, a->id);
  auto backwards = planner_->schedules.ListSessionsInRange(admin_, Berlin(2027, 5, 1, 0, 0),
                                                           Berlin(2027, 4, 1, 0, 0), 0, {});
  EXPECT_EQ(FirstField(backwards.status()), "to");
}

TEST_F(PlanningTest, CalendarOfATrainerHoldsTheirSessions) {
  Id m1 = MustCreateModule(series_, "Veränderungsprozesse I");
  ASSERT_TRUE(
      AddSession(series_, m1,
                 MakeSession(Berlin(2018, 11, 23, 9, 0), Berlin(2018, 11, 24, 16, 0), {sahin_}))
          .ok());
  auto calendar = planner_->calendars.ExportTrainerCalendar(admin_, sahin_);
  ASSERT_TRUE(calendar.ok());
  EXPECT_EQ(calendar->filename, "trainer-" + std::to_string(sahin_) + ".ics");
  EXPECT_THAT(calendar->ical, HasSubstr("DTSTART;TZID=Europe/Berlin:20181123T090000"));
  EXPECT_THAT(calendar->ical, HasSubstr("STATUS:TENTATIVE"));
}

}  // namespace
}  // namespace trainhub::domain
