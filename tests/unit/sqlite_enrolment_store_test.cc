#include "store/sqlite_enrolment_store.h"

#include <SQLiteCpp/Statement.h>
#include <gtest/gtest.h>

#include <map>
#include <random>
#include <string>
#include <vector>

#include "domain/limits.h"
#include "store/connection.h"
#include "store/sqlite_unit.h"

namespace trainhub::store {
namespace {

using domain::EnrolmentState;
using domain::Id;

// Two series with people to enrol, on an in-memory database with the full
// schema (the counting triggers included).
class SqliteEnrolmentStoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto db = OpenWriteConnection(":memory:");
    ASSERT_TRUE(db.ok()) << db.status();
    db_ = *std::move(db);
    unit_ = std::make_unique<SqliteUnit>(*db_);
    domain::Organization org;
    org.name = "Landesnetzwerk Migrantenorganisationen";
    org.kind = domain::OrganizationKind::kNgo;
    auto org_id = unit_->organizations().Insert(org);
    ASSERT_TRUE(org_id.ok()) << org_id.status();
    for (const char* title : {"Interkultur im Ehrenamt", "Vielfalts-Montag"}) {
      domain::Series s;
      s.organization_id = *org_id;
      s.title = title;
      s.kind = domain::SeriesKind::kVolunteerCourse;
      s.capacity = 40;
      s.status = domain::SeriesStatus::kOpenForEnrolment;
      auto id = unit_->series().Insert(s);
      ASSERT_TRUE(id.ok()) << id.status();
      series_.push_back(*id);
    }
    for (int i = 0; i < 400; ++i) {
      domain::Participant p;
      p.display_name = "Teilnehmerin " + std::to_string(i);
      p.organization_id = *org_id;
      auto id = unit_->participants().Insert(p);
      ASSERT_TRUE(id.ok()) << id.status();
      people_.push_back(*id);
    }
  }

  // Every enrolment of the series in queue order, as the store reads them.
  std::vector<domain::Enrolment> All(Id series_id) {
    std::vector<domain::Enrolment> out;
    domain::EnrolmentFilter filter;
    filter.series_id = series_id;
    domain::PageRequest page{.limit = domain::kMaxPageSize};
    for (;;) {
      auto batch = unit_->enrolments().List(filter, page);
      EXPECT_TRUE(batch.ok()) << batch.status();
      if (!batch.ok()) return out;
      out.insert(out.end(), batch->items.begin(), batch->items.end());
      if (!batch->next) return out;
      page.after = batch->next;
    }
  }

  // The counts and positions the store derives equal those counted from
  // the rows themselves.
  void ExpectPlacesMatchTheRows(Id series_id) {
    const std::vector<domain::Enrolment> all = All(series_id);
    int seats = 0, waiting = 0;
    for (const domain::Enrolment& e : all) {
      if (domain::HoldsSeat(e.state)) ++seats;
      if (e.state == EnrolmentState::kWaitlisted) {
        ++waiting;
        EXPECT_EQ(e.waitlist_position, waiting)
            << "enrolment " << e.id << " queue number " << e.queue_number;
        auto one = unit_->enrolments().Get(e.id);
        ASSERT_TRUE(one.ok()) << one.status();
        EXPECT_EQ(one->waitlist_position, waiting);
      } else {
        EXPECT_EQ(e.waitlist_position, 0);
      }
    }
    auto places = unit_->enrolments().CountPlaces(series_id);
    ASSERT_TRUE(places.ok()) << places.status();
    EXPECT_EQ(places->seats_taken, seats);
    EXPECT_EQ(places->waitlist_length, waiting);
    auto series = unit_->series().Get(series_id);
    ASSERT_TRUE(series.ok()) << series.status();
    EXPECT_EQ(series->seats_taken, seats);
    EXPECT_EQ(series->waitlist_length, waiting);
  }

  std::unique_ptr<SQLite::Database> db_;
  std::unique_ptr<SqliteUnit> unit_;
  std::vector<Id> series_;
  std::vector<Id> people_;
};

TEST_F(SqliteEnrolmentStoreTest, ASeriesWithoutEnrolmentsHasNoPlacesTaken) {
  auto places = unit_->enrolments().CountPlaces(series_[0]);
  ASSERT_TRUE(places.ok()) << places.status();
  EXPECT_EQ(places->seats_taken, 0);
  EXPECT_EQ(places->waitlist_length, 0);
}

// Arrivals, moves between every pair of states and renewed requests (a new
// queue number), with queue numbers spread far enough to fill several
// ranges of 4096: after each step the kept counts equal a count of the rows.
TEST_F(SqliteEnrolmentStoreTest, KeptCountsFollowEveryChange) {
  std::mt19937 random(20181123);
  const std::vector<EnrolmentState> states = {
      EnrolmentState::kPendingApproval, EnrolmentState::kWaitlisted, EnrolmentState::kEnrolled,
      EnrolmentState::kConfirmed,       EnrolmentState::kWithdrawn,  EnrolmentState::kRejected,
      EnrolmentState::kReleased};
  auto any_state = [&] {
    // Half of them wait, so that the waiting list is long.
    if (random() % 2 == 0) return EnrolmentState::kWaitlisted;
    return states[random() % states.size()];
  };
  std::map<Id, int64_t> next_queue_number;
  std::vector<domain::Enrolment> made;
  const absl::Time now = absl::FromUnixSeconds(1700000000);
  for (int step = 0; step < 1200; ++step) {
    const bool arrive = made.size() < people_.size() && (made.empty() || random() % 3 != 0);
    if (arrive) {
      domain::Enrolment e;
      e.series_id = series_[made.size() % 2];
      e.participant_id = people_[made.size()];
      e.state = any_state();
      int64_t& next = next_queue_number[e.series_id];
      next += 1 + random() % 60;
      e.queue_number = next;
      e.request_time = e.update_time = now;
      auto id = unit_->enrolments().Insert(e);
      ASSERT_TRUE(id.ok()) << id.status();
      e.id = *id;
      made.push_back(e);
    } else {
      domain::Enrolment& e = made[random() % made.size()];
      e.state = any_state();
      if (random() % 4 == 0) {  // a renewed request joins at the end
        int64_t& next = next_queue_number[e.series_id];
        next += 1 + random() % 60;
        e.queue_number = next;
      }
      ASSERT_TRUE(unit_->enrolments().Update(e).ok());
    }
    if (step % 100 == 99) {
      for (Id s : series_) ExpectPlacesMatchTheRows(s);
    }
  }
  EXPECT_GT(next_queue_number[series_[0]], 2 * 4096);
  for (Id s : series_) ExpectPlacesMatchTheRows(s);
}

TEST_F(SqliteEnrolmentStoreTest, AnUpdateThatKeepsStateAndNumberChangesNoCount) {
  domain::Enrolment e;
  e.series_id = series_[0];
  e.participant_id = people_[0];
  e.state = EnrolmentState::kWaitlisted;
  e.queue_number = 5000;
  auto id = unit_->enrolments().Insert(e);
  ASSERT_TRUE(id.ok()) << id.status();
  e.id = *id;
  e.note = "kommt mit dem Bus aus Halberstadt";
  ASSERT_TRUE(unit_->enrolments().Update(e).ok());
  ExpectPlacesMatchTheRows(series_[0]);
  EXPECT_EQ(db_->execAndGet("SELECT sum(waiting) FROM waitlist_range WHERE width = 64").getInt(),
            1);
}

// Attendance reads the seat history of those who ever held a seat: every
// step of theirs, none of someone who only waited.
TEST_F(SqliteEnrolmentStoreTest, SeatChangesAreThoseOfEverySeatHolder) {
  const absl::Time t0 = absl::FromUnixSeconds(1700000000);
  auto arrive = [&](Id person, EnrolmentState state, int64_t queue_number, Id series_id) {
    domain::Enrolment e;
    e.series_id = series_id;
    e.participant_id = person;
    e.state = state;
    e.queue_number = queue_number;
    e.request_time = e.update_time = t0;
    auto id = unit_->enrolments().Insert(e);
    EXPECT_TRUE(id.ok()) << id.status();
    e.id = id.value_or(0);
    EXPECT_TRUE(unit_->enrolments()
                    .AppendChange({0, e.id, t0, EnrolmentState::kUnspecified, state, 0, "request"})
                    .ok());
    return e;
  };
  auto move = [&](domain::Enrolment& e, EnrolmentState to, int minutes) {
    EXPECT_TRUE(unit_->enrolments()
                    .AppendChange({0, e.id, t0 + absl::Minutes(minutes), e.state, to, 0, "move"})
                    .ok());
    e.state = to;
    EXPECT_TRUE(unit_->enrolments().Update(e).ok());
  };
  arrive(people_[0], EnrolmentState::kEnrolled, 1, series_[0]);
  arrive(people_[1], EnrolmentState::kWaitlisted, 2, series_[0]);  // never seated
  domain::Enrolment promoted = arrive(people_[2], EnrolmentState::kWaitlisted, 3, series_[0]);
  move(promoted, EnrolmentState::kEnrolled, 10);
  move(promoted, EnrolmentState::kWithdrawn, 20);
  arrive(people_[3], EnrolmentState::kEnrolled, 1, series_[1]);  // another series

  auto changes = unit_->enrolments().ListSeatChanges(series_[0]);
  ASSERT_TRUE(changes.ok()) << changes.status();
  std::vector<std::pair<Id, EnrolmentState>> seen;
  for (const domain::SeatChange& c : *changes) seen.emplace_back(c.participant_id, c.to);
  EXPECT_EQ(seen,
            (std::vector<std::pair<Id, EnrolmentState>>{{people_[0], EnrolmentState::kEnrolled},
                                                        {people_[2], EnrolmentState::kWaitlisted},
                                                        {people_[2], EnrolmentState::kEnrolled},
                                                        {people_[2], EnrolmentState::kWithdrawn}}));
}

// The queries that run on every enrolment, withdrawal and page of a list
// search an index and sort nothing: their cost stays the same however many
// people a series has.
TEST_F(SqliteEnrolmentStoreTest, EveryEnrolmentQuerySearchesAnIndexWithoutSorting) {
  auto& enrolments = unit_->enrolments();
  EXPECT_TRUE(enrolments.CountPlaces(series_[0]).ok());
  EXPECT_TRUE(enrolments.NextQueueNumber(series_[0]).ok());
  EXPECT_TRUE(enrolments.Find(series_[0], people_[0]).ok());
  EXPECT_EQ(enrolments.Get(1).status().code(), absl::StatusCode::kNotFound);
  domain::EnrolmentFilter waiting;
  waiting.series_id = series_[0];
  waiting.states = {EnrolmentState::kWaitlisted};
  EXPECT_TRUE(enrolments.List(waiting, {.limit = 1}).ok());
  EXPECT_TRUE(enrolments.List(waiting, {.limit = 20, .after = domain::Cursor{90, 90}}).ok());
  domain::EnrolmentFilter series_page;
  series_page.series_id = series_[0];
  EXPECT_TRUE(enrolments.List(series_page, {.limit = 20, .after = domain::Cursor{9, 9}}).ok());
  domain::EnrolmentFilter seated = series_page;
  seated.states = {EnrolmentState::kEnrolled, EnrolmentState::kConfirmed};
  EXPECT_TRUE(enrolments.List(seated, {.limit = 20}).ok());
  EXPECT_TRUE(enrolments.ListChanges(1, {.limit = 20}).ok());
  EXPECT_TRUE(enrolments.ListSeatChanges(series_[0]).ok());  // every attendance sheet
  int checked = 0;
  bool waiting_list_read_in_order = false;
  for (const std::string& sql : unit_->sql().cached_sql()) {
    if (sql.rfind("SELECT", 0) != 0) continue;
    SQLite::Statement q(*db_, "EXPLAIN QUERY PLAN " + sql);
    std::string plan;
    while (q.executeStep()) {
      const std::string step = q.getColumn(3).getString();
      // A list of states is read from its parameter.
      if (step.rfind("SCAN json_each", 0) != 0) plan += step + "\n";
    }
    EXPECT_EQ(plan.find("SCAN "), std::string::npos) << sql << "\n" << plan;
    EXPECT_EQ(plan.find("TEMP B-TREE"), std::string::npos) << sql << "\n" << plan;
    if (sql.find("e.state = :state") != std::string::npos) {
      waiting_list_read_in_order =
          plan.find("SEARCH e USING INDEX enrolment_by_series_state (series_id=? AND state=?") !=
          std::string::npos;
    }
    ++checked;
  }
  EXPECT_GE(checked, 8);
  EXPECT_TRUE(waiting_list_read_in_order);
}

}  // namespace
}  // namespace trainhub::store
