// The statements the store prepares, as SQLite runs them: every query of
// attendance, reports and the visible lists searches an index, visible
// people come page by page, and the statement cache stays bounded.

#include <gtest/gtest.h>

#include <algorithm>
#include <functional>

#include "store/connection.h"
#include "store/sqlite_unit.h"

namespace trainhub::store {
namespace {

using domain::Id;

// The steps of `sql`'s query plan on `db`, one a line, leaving out those
// `skip` names (e.g. ids from a parameter).
std::string PlanSteps(SQLite::Database& db, const std::string& sql,
                      const std::function<bool(const std::string&)>& skip = nullptr) {
  SQLite::Statement q(db, "EXPLAIN QUERY PLAN " + sql);
  std::string plan;
  while (q.executeStep()) {
    const std::string step = q.getColumn(3).getString();
    if (!skip || !skip(step)) plan += step + "\n";
  }
  return plan;
}

// Steps that read only what a query was handed: ids from a parameter, a
// constant row, the rows a subquery made.
bool ReadsOnlyWhatItWasHanded(const std::string& step) {
  return step.rfind("SCAN json_each", 0) == 0 || step == "SCAN CONSTANT ROW" ||
         step.rfind("SCAN (subquery", 0) == 0;
}

// Every query the attendance store runs, as it runs it, searches an index:
// none scans a table (EXPLAIN QUERY PLAN of the prepared statements).
TEST(SqliteUnitStatementsTest, EveryAttendanceQuerySearchesAnIndex) {
  auto db = OpenWriteConnection(":memory:");
  ASSERT_TRUE(db.ok()) << db.status();
  SqliteUnit unit(**db);
  auto& a = unit.attendance();
  EXPECT_TRUE(a.ListForSession(1).ok());
  EXPECT_TRUE(a.ListForSeries(1).ok());
  EXPECT_TRUE(a.ListHistory(1, 0, {}).ok());
  EXPECT_TRUE(a.ListHistory(1, 2, {.limit = 10, .after = domain::Cursor{5, 5}}).ok());
  EXPECT_TRUE(a.Get(1).status().code() == absl::StatusCode::kNotFound);
  EXPECT_TRUE(a.Head(1).ok());
  EXPECT_TRUE(a.GetCheckIn(1).ok());
  EXPECT_TRUE(a.ListOpenCheckIns(absl::Now()).ok());
  EXPECT_TRUE(unit.enrolments().ListSeatChanges(1).ok());
  int checked = 0;
  for (const std::string& sql : unit.sql().cached_sql()) {
    if (sql.rfind("SELECT", 0) != 0) continue;
    const std::string plan = PlanSteps(**db, sql);
    EXPECT_EQ(plan.find("SCAN "), std::string::npos) << sql << "\n" << plan;
    EXPECT_NE(plan.find("SEARCH "), std::string::npos) << sql << "\n" << plan;
    ++checked;
  }
  EXPECT_GE(checked, 9);
}

// The outbox's queries search an index: what is due and how deep the
// outbox is read the partial index of pending notifications (their cost
// does not grow with sent ones), and each filter of a list has its index.
TEST(SqliteUnitStatementsTest, EveryOutboxQuerySearchesAnIndex) {
  auto db = OpenWriteConnection(":memory:");
  ASSERT_TRUE(db.ok()) << db.status();
  SqliteUnit unit(**db);
  auto& n = unit.notifications();
  EXPECT_TRUE(n.Due(absl::Now(), 50).ok());
  EXPECT_TRUE(n.Depth().ok());
  EXPECT_TRUE(n.Attempts(1).ok());
  const domain::PageRequest next{.limit = 10, .after = domain::Cursor{5, 5}};
  EXPECT_TRUE(n.List({.organization_id = 1}, {}).ok());
  EXPECT_TRUE(n.List({.series_id = 2}, next).ok());
  EXPECT_TRUE(n.List({.organization_id = 1, .series_id = 2}, {}).ok());
  EXPECT_TRUE(
      n.List({.recipient_kind = domain::RecipientKind::kParticipant, .recipient_id = 3}, next)
          .ok());
  EXPECT_TRUE(n.List({.organization_id = 1, .status = domain::NotificationStatus::kGivenUp}, {})
                  .ok());
  int checked = 0;
  for (const std::string& sql : unit.sql().cached_sql()) {
    if (sql.rfind("SELECT", 0) != 0) continue;
    // Scanning the pending ones' index reads only pending notifications.
    const std::string plan = PlanSteps(**db, sql, [](const std::string& step) {
      return step == "SCAN notification USING INDEX notification_due" ||
             step == "SCAN notification USING COVERING INDEX notification_due";
    });
    EXPECT_EQ(plan.find("SCAN "), std::string::npos) << sql << "\n" << plan;
    if (sql.find("status = 1") != std::string::npos &&
        sql.find("count(*)") == std::string::npos) {
      EXPECT_NE(plan.find("notification_due"), std::string::npos) << sql << "\n" << plan;
    }
    ++checked;
  }
  EXPECT_GE(checked, 8);
}

// A funder report reads sessions by start, statuses by session,
// certificates by issue time and withdrawals by time: no query scans a table
// for any scope (EXPLAIN QUERY PLAN of the prepared statements).
TEST(SqliteUnitStatementsTest, EveryReportQuerySearchesAnIndex) {
  auto db = OpenWriteConnection(":memory:");
  ASSERT_TRUE(db.ok()) << db.status();
  SqliteUnit unit(**db);
  const absl::Time from = absl::FromUnixSeconds(1609459200);  // 2021-01-01
  const absl::Time to = from + absl::Hours(24 * 365);
  for (const domain::ReportScope& scope :
       {domain::ReportScope{.everything = true}, domain::ReportScope{.organization_id = 1},
        domain::ReportScope{.series_ids = {1, 2}}}) {
    auto& r = unit.reports();
    EXPECT_TRUE(r.ScopeSeries(scope).ok());
    EXPECT_TRUE(r.Participations(scope, from, to).ok());
    // A period of whole years and days before and after them.
    EXPECT_TRUE(
        r.Participations(scope, from - absl::Hours(24 * 40), to + absl::Hours(24 * 800)).ok());
    EXPECT_TRUE(r.HeldSessions(scope, from, to).ok());
    EXPECT_TRUE(r.Completions(scope, from, to).ok());
  }
  EXPECT_TRUE(unit.reports().ModuleLengths({1, 2, 3}).ok());
  int checked = 0;
  for (const std::string& sql : unit.sql().cached_sql()) {
    if (sql.rfind("SELECT", 0) != 0) continue;
    // Every series is the scope of an installation-wide report.
    if (sql.find("SELECT id, title FROM series WHERE 1") == 0) continue;
    const std::string plan = PlanSteps(**db, sql, [](const std::string& step) {
      return ReadsOnlyWhatItWasHanded(step) || step.rfind("SCAN g", 0) == 0;  // grouped rows
    });
    EXPECT_EQ(plan.find("SCAN "), std::string::npos) << sql << "\n" << plan;
    // Certificates are counted from an index: their rows hold the PDFs.
    if (sql.find("FROM certificate") != std::string::npos) {
      EXPECT_NE(plan.find("COVERING INDEX certificate_by"), std::string::npos) << sql << plan;
    }
    // A report on some series reads their sessions, not the period's.
    if (sql.find("FROM session") != std::string::npos && sql.find(":scope_") != std::string::npos) {
      EXPECT_EQ(plan.find("session_by_start"), std::string::npos) << sql << "\n" << plan;
    }
    ++checked;
  }
  EXPECT_GE(checked, 12);
}

// What a coordinator, trainer or participant may see drives their lists:
// no list scans the series or participants of the whole installation to
// find theirs (EXPLAIN QUERY PLAN of the prepared statements).
TEST(SqliteUnitStatementsTest, VisibleListsAreReadThroughIndexes) {
  auto db = OpenWriteConnection(":memory:");
  ASSERT_TRUE(db.ok()) << db.status();
  SqliteUnit unit(**db);
  domain::SeriesFilter series;
  series.visible_to =
      domain::Visibility{.organizations = {1, 2}, .trainer_id = 3, .enrolled_participant_id = 4};
  EXPECT_TRUE(unit.series().List(series, {.limit = 20, .after = domain::Cursor{9, 9}}).ok());
  domain::SeriesFilter open;
  open.visible_to = domain::Visibility{.open_series = true, .enrolled_participant_id = 4};
  EXPECT_TRUE(unit.series().List(open, {.limit = 20}).ok());
  domain::ParticipantFilter people;
  people.visible = domain::ParticipantFilter::Scope{{1, 2}, 5};
  EXPECT_TRUE(unit.participants().List(people, {.limit = 20, .after = domain::Cursor{9, 9}}).ok());
  people.name_search_key = "celik";
  EXPECT_TRUE(unit.participants().List(people, {.limit = 20}).ok());
  EXPECT_TRUE(unit.audit().List({.organizations = {1}}, {.limit = 20}).ok());
  // Everyone's own sessions (ListMySessions): a trainer's and participant's at once.
  domain::SessionFilter mine;
  mine.from = absl::FromUnixSeconds(1800000000);
  mine.of = domain::SessionParties{.trainer_id = 3, .participant_id = 4};
  mine.visible_to = domain::Visibility{.trainer_id = 3, .enrolled_participant_id = 4};
  EXPECT_TRUE(unit.sessions().List(mine, {.limit = 20, .after = domain::Cursor{9, 9}}).ok());
  mine.of = domain::SessionParties{.organizations = {1, 2}};
  mine.visible_to = domain::Visibility{.organizations = {1, 2}};
  EXPECT_TRUE(unit.sessions().List(mine, {.limit = 20}).ok());
  // A series' enrolments whose person lacks the qualification it requires.
  domain::EnrolmentFilter unmet;
  unmet.series_id = 7;
  unmet.requirement_unmet_only = true;
  EXPECT_TRUE(unit.enrolments().List(unmet, {.limit = 20}).ok());
  int checked = 0;
  for (const std::string& sql : unit.sql().cached_sql()) {
    if (sql.rfind("SELECT", 0) != 0) continue;
    const std::string plan = PlanSteps(**db, sql, ReadsOnlyWhatItWasHanded);
    EXPECT_EQ(plan.find("SCAN "), std::string::npos) << sql << "\n" << plan;
    // An organisation's audit log is read newest first, without sorting it.
    if (sql.find("audit_event") != std::string::npos) {
      EXPECT_EQ(plan.find("TEMP B-TREE"), std::string::npos) << sql << "\n" << plan;
    }
    ++checked;
  }
  EXPECT_GE(checked, 8);
}

// Page by page, a coordinator sees their organisation's people and those
// enrolled in its series, each once and in order, however the ids of other
// organisations lie between them.
TEST(SqliteUnitStatementsTest, VisiblePeopleComePageByPageEachOnce) {
  auto db = OpenWriteConnection(":memory:");
  ASSERT_TRUE(db.ok()) << db.status();
  SqliteUnit unit(**db);
  std::vector<Id> orgs;
  for (const char* name : {"Landkreis Harz", "Stadt Halle (Saale)"}) {
    domain::Organization org;
    org.name = name;
    org.kind = domain::OrganizationKind::kMunicipality;
    orgs.push_back(unit.organizations().Insert(org).value());
  }
  std::vector<Id> own, others;
  for (int i = 0; i < 60; ++i) {
    domain::Participant p;
    p.display_name = "Person " + std::to_string(i);
    p.organization_id = orgs[i % 3 == 0 ? 0 : 1];
    (i % 3 == 0 ? own : others).push_back(unit.participants().Insert(p).value());
  }
  std::vector<Id> expected = own;
  for (int s = 0; s < 2; ++s) {
    domain::Series series;
    series.organization_id = orgs[0];
    series.title = "Interkultur im Ehrenamt";
    series.kind = domain::SeriesKind::kVolunteerCourse;
    series.capacity = 20;
    series.status = domain::SeriesStatus::kOpenForEnrolment;
    const Id series_id = unit.series().Insert(series).value();
    // Both series take others[0..9]: they count once.
    for (int i = 0; i < 10; ++i) {
      domain::Enrolment e;
      e.series_id = series_id;
      e.participant_id = others[i * 3];
      e.state = domain::EnrolmentState::kEnrolled;
      e.queue_number = i + 1;
      ASSERT_TRUE(unit.enrolments().Insert(e).ok());
      if (s == 0) expected.push_back(others[i * 3]);
    }
  }
  std::sort(expected.begin(), expected.end());
  domain::ParticipantFilter filter;
  filter.visible = domain::ParticipantFilter::Scope{{orgs[0]}, 0};
  std::vector<Id> seen;
  domain::PageRequest page{.limit = 7};
  for (;;) {
    auto batch = unit.participants().List(filter, page);
    ASSERT_TRUE(batch.ok()) << batch.status();
    for (const domain::Participant& p : batch->items) seen.push_back(p.id);
    if (!batch->next) break;
    page.after = batch->next;
  }
  EXPECT_EQ(seen, expected);
}

TEST(SqliteUnitStatementsTest, TheStatementCacheDoesNotGrowWithTheIdsAsked) {
  auto db = OpenWriteConnection(":memory:");
  ASSERT_TRUE(db.ok()) << db.status();
  SqliteUnit unit(**db);
  auto list_as = [&](domain::Id organization, domain::Id participant) {
    domain::SeriesFilter series;
    series.visible_to = domain::Visibility{.organizations = {organization, organization + 1},
                                           .trainer_id = organization,
                                           .enrolled_participant_id = participant};
    EXPECT_TRUE(unit.series().List(series, {}).ok());
    domain::ParticipantFilter people;
    people.visible = domain::ParticipantFilter::Scope{{organization}, participant};
    EXPECT_TRUE(unit.participants().List(people, {}).ok());
    domain::EnrolmentFilter enrolments;
    enrolments.organizations = std::vector<domain::Id>{organization};
    enrolments.states = {domain::EnrolmentState::kEnrolled};
    EXPECT_TRUE(unit.enrolments().List(enrolments, {}).ok());
    EXPECT_TRUE(unit.audit().List({.organizations = {organization}}, {}).ok());
  };
  list_as(1, 1);
  const size_t after_first = unit.sql().cached_statements();
  for (domain::Id id = 2; id < 50; ++id) list_as(id, id * 7);
  EXPECT_EQ(unit.sql().cached_statements(), after_first);
}

}  // namespace
}  // namespace trainhub::store
