// attendance_year and held_session, the figures funder reports read: derived
// data the store's writes keep, checked against a recount on random records.

#include <gtest/gtest.h>

#include <algorithm>
#include <functional>
#include <random>

#include "domain/berlin_time.h"
#include "domain/status_macros.h"
#include "store/connection.h"
#include "store/sql_support.h"
#include "store/sqlite_unit.h"

namespace trainhub::store {
namespace {

using domain::Id;

// Reproducible random choices: times around the turns of the years and of
// summer time, report scopes and periods.
class RandomChoices {
 public:
  int Pick(int n) { return static_cast<int>(random_() % static_cast<unsigned>(n)); }

  // A session's start around the turns of the years and of summer time, and
  // between.
  absl::Time Start() {
    const absl::TimeZone& berlin = domain::DisplayTimeZone();
    const int year = 2018 + Pick(5);
    switch (Pick(4)) {
      case 0:  // the last and first hours of a year, Berlin time
        return absl::FromCivil(absl::CivilMinute(year, 12, 31, 22 + Pick(2), 30), berlin) +
               absl::Hours(Pick(4));
      case 1:
        return absl::FromCivil(absl::CivilDay(year, 3, 25 + Pick(7)), berlin) +
               absl::Hours(Pick(24));
      default:
        return absl::FromCivil(absl::CivilDay(year, 1, 1), berlin) + absl::Hours(Pick(365 * 24));
    }
  }

 private:
  std::mt19937 random_{20190312};
};

// Two organisations, six running series of two modules with three sessions
// each, and 25 people (every third an apprentice).
struct RandomPlan {
  std::vector<Id> orgs, series, sessions, people;

  // The series of one of `sessions`.
  Id SeriesOf(Id session) const { return series[(session - sessions.front()) / 6]; }
};

absl::Status InsertRandomPlan(SqliteUnit& unit, RandomChoices& choose, RandomPlan& plan) {
  for (int o = 0; o < 2; ++o) {
    domain::Organization org;
    org.name = "Träger " + std::to_string(o);
    org.kind = domain::OrganizationKind::kNgo;
    TH_ASSIGN_OR_RETURN(Id id, unit.organizations().Insert(org));
    plan.orgs.push_back(id);
  }
  for (int i = 0; i < 6; ++i) {
    domain::Series s;
    s.organization_id = plan.orgs[i % 2];
    s.title = "Reihe " + std::to_string(i);
    s.kind = domain::SeriesKind::kVolunteerCourse;
    s.target_groups = {domain::TargetGroup::kVolunteers};
    s.capacity = 30;
    s.status = domain::SeriesStatus::kRunning;
    TH_ASSIGN_OR_RETURN(Id series_id, unit.series().Insert(s));
    plan.series.push_back(series_id);
    for (int m = 0; m < 2; ++m) {
      domain::Module module;
      module.series_id = series_id;
      module.position = m + 1;
      module.title = "Modul";
      TH_ASSIGN_OR_RETURN(Id module_id, unit.series().InsertModule(module));
      for (int k = 0; k < 3; ++k) {
        domain::Session session;
        session.module_id = module_id;
        session.start = choose.Start();
        session.end = session.start + absl::Hours(3);
        TH_ASSIGN_OR_RETURN(Id session_id, unit.sessions().Insert(session));
        plan.sessions.push_back(session_id);
      }
    }
  }
  for (int p = 0; p < 25; ++p) {
    domain::Participant person;
    person.display_name = "Person " + std::to_string(p);
    person.organization_id = plan.orgs[p % 2];
    person.target_groups = {p % 3 == 0 ? domain::TargetGroup::kApprentices
                                       : domain::TargetGroup::kVolunteers};
    if (p % 3 == 0) person.training_start = absl::CivilDay(2018, 8, 1);
    TH_ASSIGN_OR_RETURN(Id id, unit.participants().Insert(person));
    plan.people.push_back(id);
  }
  return absl::OkStatus();
}

// 1500 random records (corrections, older offline marks arriving late),
// and every 60th step a session moved, also into another year.
void RecordRandomly(SqliteUnit& unit, RandomChoices& choose, const RandomPlan& plan) {
  const absl::Time base = absl::FromCivil(absl::CivilDay(2023, 6, 1), domain::DisplayTimeZone());
  for (int i = 0; i < 1500; ++i) {
    if (i % 60 == 59) {
      const Id moved = plan.sessions[choose.Pick(static_cast<int>(plan.sessions.size()))];
      absl::StatusOr<domain::Session> session = unit.sessions().Get(moved);
      ASSERT_TRUE(session.ok()) << session.status();
      session->start =
          choose.Pick(2) == 0 ? choose.Start() : session->start + absl::Hours(24 * 300);
      session->end = session->start + absl::Hours(3);
      ASSERT_TRUE(unit.sessions().Update(*session).ok());
      continue;
    }
    domain::AttendanceEntry e;
    e.session_id = plan.sessions[choose.Pick(static_cast<int>(plan.sessions.size()))];
    e.series_id = plan.SeriesOf(e.session_id);
    e.participant_id = plan.people[choose.Pick(static_cast<int>(plan.people.size()))];
    e.status = static_cast<domain::AttendanceStatus>(1 + choose.Pick(4));
    e.source = domain::AttendanceSource::kStaff;
    // Marks made offline arrive late: an older one does not count.
    e.client_time =
        base + absl::Minutes(i) - absl::Minutes(choose.Pick(3) == 0 ? choose.Pick(600) : 0);
    e.record_time = base + absl::Minutes(i);
    e.account_id = 1;
    e.prev_hash = std::string(32, '\0');
    e.hash = std::string(32, 'h');
    ASSERT_TRUE(unit.attendance().Append(e).ok());
  }
}

// How many kept report figures differ from a recount; -1 if it fails.
int64_t StaleFigures(SqliteUnit& unit) {
  int64_t stale = -1;
  EXPECT_TRUE(Guarded("check", [&]() -> absl::Status {
                stale = unit.reports().StaleReportFigures();
                return absl::OkStatus();
              }).ok());
  return stale;
}

bool SameFacts(const std::vector<domain::ParticipationFacts>& a,
               const std::vector<domain::ParticipationFacts>& b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (a[i].participant_id != b[i].participant_id || a[i].series_id != b[i].series_id ||
        a[i].attended != b[i].attended || a[i].excused != b[i].excused ||
        a[i].absent != b[i].absent || a[i].first_attended != b[i].first_attended ||
        a[i].organization_id != b[i].organization_id ||
        a[i].first_target_group != b[i].first_target_group ||
        a[i].training_start != b[i].training_start) {
      return false;
    }
  }
  return true;
}

// Everything, one organisation, or two series of both.
domain::ReportScope RandomScope(RandomChoices& choose, const RandomPlan& plan) {
  domain::ReportScope scope;
  switch (choose.Pick(3)) {
    case 0:
      scope.everything = true;
      break;
    case 1:
      scope.organization_id = plan.orgs[choose.Pick(2)];
      break;
    default:
      scope.series_ids = {plan.series[choose.Pick(3)], plan.series[3 + choose.Pick(3)]};
      std::sort(scope.series_ids.begin(), scope.series_ids.end());
  }
  return scope;
}

// attendance_year and held_session, the figures funder reports read, are
// derived data kept by the store's writes: on random records (corrections,
// older records arriving late, sessions moved across the turn of a year)
// they always equal a recount, and every report period and scope counts the
// same from them as from every status.
TEST(AttendanceYearsTest, TheKeptYearsCountWhatEveryStatusCounts) {
  auto db = OpenWriteConnection(":memory:");
  ASSERT_TRUE(db.ok()) << db.status();
  SqliteUnit unit(**db);
  RandomChoices choose;
  RandomPlan plan;
  ASSERT_TRUE(Guarded("fill", [&] { return InsertRandomPlan(unit, choose, plan); }).ok());
  ASSERT_NO_FATAL_FAILURE(RecordRandomly(unit, choose, plan));
  EXPECT_EQ(StaleFigures(unit), 0);

  const absl::TimeZone& berlin = domain::DisplayTimeZone();
  int whole_years = 0, nonempty = 0;
  for (int i = 0; i < 200; ++i) {
    const domain::ReportScope scope = RandomScope(choose, plan);
    // Whole calendar years, ranges of days across years, single days.
    absl::CivilDay first = absl::CivilDay(2018, 1, 1) + choose.Pick(6 * 365);
    absl::CivilDay last = first;
    switch (choose.Pick(3)) {
      case 0:
        first = absl::CivilDay(first.year(), 1, 1);
        last = absl::CivilDay(first.year() + choose.Pick(4), 12, 31);
        ++whole_years;
        break;
      case 1:
        last = first + choose.Pick(3 * 365);
        break;
      default:
        break;
    }
    const absl::Time from = absl::FromCivil(first, berlin);
    const absl::Time to = absl::FromCivil(last + 1, berlin);
    auto kept = unit.reports().Participations(scope, from, to);
    auto counted = unit.reports().ParticipationsFromStatuses(scope, from, to);
    ASSERT_TRUE(kept.ok()) << kept.status();
    ASSERT_TRUE(counted.ok()) << counted.status();
    EXPECT_TRUE(SameFacts(*kept, *counted)) << first << ".." << last;
    nonempty += counted->empty() ? 0 : 1;
  }
  EXPECT_GT(whole_years, 30);
  EXPECT_GT(nonempty, 80);

  // An edit behind the store's back is found.
  (*db)->exec(
      "UPDATE attendance_year SET attended = attended + 1"
      " WHERE (year, series_id, participant_id) ="
      " (SELECT year, series_id, participant_id FROM attendance_year LIMIT 1)");
  EXPECT_EQ(StaleFigures(unit), 2);  // the recounted row has no equal, nor has the changed one
  (*db)->exec(
      "DELETE FROM held_session WHERE session_id = (SELECT min(session_id) FROM"
      " held_session)");
  EXPECT_EQ(StaleFigures(unit), 3);
}

}  // namespace
}  // namespace trainhub::store
