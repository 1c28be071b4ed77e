#include "store/sqlite_store.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iterator>
#include <random>

#include "domain/berlin_time.h"
#include "domain/status_macros.h"
#include "store/connection.h"
#include "store/sqlite_unit.h"
#include "testing/temp_files.h"

namespace trainhub::store {
namespace {

using domain::Id;

absl::Time Utc(int y, int m, int d, int hh, int mm) {
  return absl::FromCivil(absl::CivilMinute(y, m, d, hh, mm), absl::UTCTimeZone());
}

// A file-backed store: reads go through the read-only connection pool.
class SqliteStoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    path_ = testing::TempDbPath("trainhub-repo");
    auto store = SqliteStore::Open(path_, 2);
    ASSERT_TRUE(store.ok()) << store.status();
    store_ = *std::move(store);
  }
  void TearDown() override {
    store_.reset();
    testing::RemoveDb(path_);
  }

  Id InsertOrganization(const std::string& name) {
    Id id = 0;
    EXPECT_TRUE(store_
                    ->Write([&](domain::UnitOfWork& w) -> absl::Status {
                      domain::Organization org;
                      org.name = name;
                      org.kind = domain::OrganizationKind::kNgo;
                      TH_ASSIGN_OR_RETURN(id, w.organizations().Insert(org));
                      return absl::OkStatus();
                    })
                    .ok());
    return id;
  }

  std::string path_;
  std::unique_ptr<SqliteStore> store_;
};

TEST_F(SqliteStoreTest, ReadersSeeEachCommittedWrite) {
  // Each read must start a fresh snapshot, also after the same reader
  // connection has served earlier reads.
  for (int i = 1; i <= 5; ++i) {
    InsertOrganization("Organisation " + std::to_string(i));
    size_t count = 0;
    ASSERT_TRUE(store_
                    ->Read([&](domain::ReadView& r) -> absl::Status {
                      TH_ASSIGN_OR_RETURN(auto page, r.organizations().List({.limit = 100}));
                      count = page.items.size();
                      return absl::OkStatus();
                    })
                    .ok());
    EXPECT_EQ(count, static_cast<size_t>(i));
  }
}

TEST_F(SqliteStoreTest, PagesUseTheKeysetCursor) {
  for (int i = 0; i < 5; ++i) InsertOrganization("O" + std::to_string(i));
  domain::PageRequest page{.limit = 2};
  std::vector<std::string> names;
  for (;;) {
    domain::Page<domain::Organization> result;
    ASSERT_TRUE(store_
                    ->Read([&](domain::ReadView& r) -> absl::Status {
                      TH_ASSIGN_OR_RETURN(result, r.organizations().List(page));
                      return absl::OkStatus();
                    })
                    .ok());
    for (const auto& o : result.items) names.push_back(o.name);
    if (!result.next) break;
    page.after = result.next;
  }
  EXPECT_EQ(names, (std::vector<std::string>{"O0", "O1", "O2", "O3", "O4"}));
}

TEST_F(SqliteStoreTest, StoresSeriesModulesSessionsAndBookings) {
  const Id org = InsertOrganization("Stadt Dessau-Roßlau");
  const Id partner = InsertOrganization("Hochschule Anhalt");
  Id series_id = 0, module_id = 0, session_id = 0, trainer_id = 0;
  ASSERT_TRUE(store_
                  ->Write([&](domain::UnitOfWork& w) -> absl::Status {
                    domain::Trainer t;
                    t.display_name = "محمد الأحمد";
                    t.email = "M.AlAhmad@example.org";
                    TH_ASSIGN_OR_RETURN(trainer_id, w.trainers().Insert(t));
                    domain::Series s;
                    s.organization_id = org;
                    s.partner_organization_ids = {partner};
                    s.title = "Vielfalts-Montag – Verwaltung neu (er)leben";
                    s.kind = domain::SeriesKind::kVielfaltsMontag;
                    s.target_groups = {domain::TargetGroup::kAdministrationStaff,
                                       domain::TargetGroup::kManagers};
                    s.capacity = 24;
                    s.status = domain::SeriesStatus::kDraft;
                    TH_ASSIGN_OR_RETURN(series_id, w.series().Insert(s));
                    domain::Module m;
                    m.series_id = series_id;
                    m.position = 1;
                    m.title = "Einführung";
                    m.topics = {"Barrierefreiheit", "Chancengleichheit", "Empowerment"};
                    TH_ASSIGN_OR_RETURN(module_id, w.series().InsertModule(m));
                    domain::Session session;
                    session.module_id = module_id;
                    session.start = Utc(2027, 3, 1, 12, 0);
                    session.end = Utc(2027, 3, 1, 15, 30);
                    session.place = {"Umweltbundesamt", "Dessau-Roßlau"};
                    session.trainers = {
                        {.trainer_id = trainer_id, .status = domain::BookingStatus::kConfirmed}};
                    TH_ASSIGN_OR_RETURN(session_id, w.sessions().Insert(session));
                    return absl::OkStatus();
                  })
                  .ok());
  ASSERT_TRUE(
      store_
          ->Read([&](domain::ReadView& r) -> absl::Status {
            TH_ASSIGN_OR_RETURN(domain::Series s, r.series().Get(series_id));
            EXPECT_EQ(s.partner_organization_ids, std::vector<Id>{partner});
            EXPECT_EQ(s.target_groups.size(), 2u);
            EXPECT_EQ(s.module_count, 1);
            EXPECT_EQ(*s.first_session_start, Utc(2027, 3, 1, 12, 0));
            // GetStored: the same stored fields, no derived figures.
            TH_ASSIGN_OR_RETURN(domain::Series stored, r.series().GetStored(series_id));
            EXPECT_EQ(stored.title, s.title);
            EXPECT_EQ(stored.organization_id, org);
            EXPECT_EQ(stored.partner_organization_ids, std::vector<Id>{partner});
            EXPECT_EQ(stored.target_groups, s.target_groups);
            EXPECT_EQ(stored.capacity, 24);
            EXPECT_EQ(stored.module_count, 0);
            EXPECT_FALSE(stored.first_session_start.has_value());
            TH_ASSIGN_OR_RETURN(domain::Module m, r.series().GetModule(module_id));
            EXPECT_EQ(m.topics.size(), 3u);
            EXPECT_EQ(m.session_count, 1);
            TH_ASSIGN_OR_RETURN(domain::Session session, r.sessions().Get(session_id));
            EXPECT_EQ(session.series_id, series_id);
            EXPECT_EQ(session.series_title, "Vielfalts-Montag – Verwaltung neu (er)leben");
            EXPECT_EQ(session.trainers.at(0).trainer_name, "محمد الأحمد");
            TH_ASSIGN_OR_RETURN(auto found, r.trainers().FindByEmail("m.alahmad@EXAMPLE.org"));
            EXPECT_TRUE(found.has_value());
            // Overlap: touching ends do not overlap; one minute does.
            TH_ASSIGN_OR_RETURN(auto touching, r.sessions().FindOverlapping(Utc(2027, 3, 1, 15, 30),
                                                                            Utc(2027, 3, 1, 17, 0),
                                                                            {trainer_id}, "", 0));
            EXPECT_TRUE(touching.empty());
            TH_ASSIGN_OR_RETURN(auto overlapping, r.sessions().FindOverlapping(
                                                      Utc(2027, 3, 1, 15, 29),
                                                      Utc(2027, 3, 1, 17, 0), {trainer_id}, "", 0));
            EXPECT_EQ(overlapping.size(), 1u);
            TH_ASSIGN_OR_RETURN(auto self, r.sessions().FindOverlapping(
                                               Utc(2027, 3, 1, 12, 0), Utc(2027, 3, 1, 13, 0),
                                               {trainer_id}, "", session_id));
            EXPECT_TRUE(self.empty());
            return absl::OkStatus();
          })
          .ok());
  // Deleting the series removes its modules, sessions and bookings.
  ASSERT_TRUE(
      store_->Write([&](domain::UnitOfWork& w) { return w.series().Delete(series_id); }).ok());
  EXPECT_EQ(store_->Read([&](domain::ReadView& r) { return r.sessions().Get(session_id).status(); })
                .code(),
            absl::StatusCode::kNotFound);
}

TEST_F(SqliteStoreTest, MissingRowsAreNotFound) {
  absl::Status status = store_->Write([](domain::UnitOfWork& w) {
    domain::Organization org;
    org.id = 77;
    org.name = "x";
    return w.organizations().Update(org);
  });
  EXPECT_EQ(status.code(), absl::StatusCode::kNotFound);
  EXPECT_EQ(store_->Read([](domain::ReadView& r) { return r.trainers().Get(5).status(); }).code(),
            absl::StatusCode::kNotFound);
  EXPECT_EQ(
      store_->Read([](domain::ReadView& r) { return r.series().GetStored(5).status(); }).code(),
      absl::StatusCode::kNotFound);
}

TEST_F(SqliteStoreTest, TheAuditLogIsAppendOnly) {
  domain::AuditEvent event;
  event.method = "trainhub.v1.SeriesService/CreateSeries";
  event.object = "series/1";
  event.result = "OK";
  ASSERT_TRUE(
      store_->Write([&](domain::UnitOfWork& w) { return w.audit().Append(event).status(); }).ok());
  SQLite::Database db(path_, SQLite::OPEN_READWRITE);
  EXPECT_THROW(db.exec("UPDATE audit_event SET result = 'forged'"), SQLite::Exception);
  EXPECT_THROW(db.exec("DELETE FROM audit_event"), SQLite::Exception);
  EXPECT_EQ(db.execAndGet("SELECT count(*) FROM audit_event").getInt(), 1);
}

TEST_F(SqliteStoreTest, ListQueriesUseIndexes) {
  // Every List query must be backed by an index (no full table scan of the
  // big tables). EXPLAIN QUERY PLAN on the write connection's schema.
  SQLite::Database db(path_, SQLite::OPEN_READONLY);
  auto plan = [&](const std::string& sql) {
    SQLite::Statement q(db, "EXPLAIN QUERY PLAN " + sql);
    std::string out;
    while (q.executeStep()) out += q.getColumn(3).getString() + "\n";
    return out;
  };
  const std::string by_trainer = plan(
      "SELECT s.id FROM session s JOIN session_trainer st ON st.session_id = s.id"
      " AND st.trainer_id = 1 AND st.status <> 3 ORDER BY s.start_time, s.id");
  EXPECT_EQ(by_trainer.find("SCAN st"), std::string::npos) << by_trainer;
  const std::string series_by_org = plan(
      "SELECT s.id FROM series s WHERE (s.organization_id = 1 OR EXISTS (SELECT 1"
      " FROM series_partner p WHERE p.series_id = s.id AND p.organization_id = 1))"
      " AND s.id > 0 ORDER BY s.id");
  EXPECT_EQ(series_by_org.find("SCAN p"), std::string::npos) << series_by_org;
  const std::string by_place = plan(
      "SELECT s.id FROM session s WHERE s.place_key = ? AND s.place_key <> ''"
      " AND s.start_time > 0 AND s.start_time < 10 AND s.end_time > 5");
  EXPECT_NE(by_place.find("USING INDEX"), std::string::npos) << by_place;
  EXPECT_EQ(by_place.find("SCAN"), std::string::npos) << by_place;
  const std::string modules =
      plan("SELECT m.id FROM module m WHERE m.series_id = 1 ORDER BY m.position, m.id");
  EXPECT_NE(modules.find("module_by_series"), std::string::npos) << modules;
}

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

// A database from before request fingerprints were keyed: the first open
// keys each stored fingerprint (a retry still matches), and the bare one,
// computable from a guessed request, is left in no file.
TEST(RequestFingerprintTest, StoredFingerprintsAreKeyedAtTheFirstOpenAndStillMatch) {
  const std::string path = testing::TempDbPath("trainhub-fingerprints");
  const std::string bare = "0f1e2d3c4b5a69788796a5b4c3d2e1f0";
  {
    SQLite::Database db(path, SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
    db.exec("PRAGMA journal_mode = WAL");
    ASSERT_TRUE(Migrate(db, 7).ok());  // client_request as it was kept then
    db.exec(
        "INSERT INTO client_request (account_id, request_id, method, fingerprint, resource_id,"
        " create_time) VALUES (1, 'demo-participant-amal', 'CreateParticipant', '" +
        bare + "', 8, 0)");
  }
  auto store = SqliteStore::Open(path, 1);
  ASSERT_TRUE(store.ok()) << store.status();
  const std::string key_file = path + ".request-key";
  ASSERT_TRUE(std::filesystem::exists(key_file));
  EXPECT_EQ(std::filesystem::status(key_file).permissions() & std::filesystem::perms::all,
            std::filesystem::perms::owner_read | std::filesystem::perms::owner_write);
  ASSERT_TRUE((*store)
                  ->Write([&](domain::UnitOfWork& w) -> absl::Status {
                    TH_ASSIGN_OR_RETURN(std::optional<domain::RequestRecord> found,
                                        w.requests().Find(1, "demo-participant-amal"));
                    EXPECT_TRUE(found.has_value());
                    if (!found) return absl::OkStatus();
                    EXPECT_NE(found->fingerprint, bare);
                    EXPECT_TRUE(w.requests().SameFingerprint(*found, bare));
                    EXPECT_FALSE(w.requests().SameFingerprint(*found, "another request"));
                    return absl::OkStatus();
                  })
                  .ok());
  store->reset();
  std::string files;
  for (const char* suffix : {"", "-wal"}) {
    std::ifstream in(path + suffix, std::ios::binary);
    files.append(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  }
  EXPECT_EQ(files.find(bare), std::string::npos);
  // The same key next time: the record still matches.
  store = SqliteStore::Open(path, 1);
  ASSERT_TRUE(store.ok()) << store.status();
  ASSERT_TRUE((*store)
                  ->Write([&](domain::UnitOfWork& w) -> absl::Status {
                    TH_ASSIGN_OR_RETURN(std::optional<domain::RequestRecord> found,
                                        w.requests().Find(1, "demo-participant-amal"));
                    EXPECT_TRUE(found && w.requests().SameFingerprint(*found, bare));
                    return absl::OkStatus();
                  })
                  .ok());
  store->reset();
  // A key file others may read is refused.
  std::filesystem::permissions(key_file, std::filesystem::perms::group_read,
                               std::filesystem::perm_options::add);
  EXPECT_EQ(SqliteStore::Open(path, 1).status().code(), absl::StatusCode::kFailedPrecondition);
  testing::RemoveDb(path);
}

// A clean close leaves one file: the read connections close before the
// writer's, every commit is in the file, and no -wal or -shm remains.
TEST(SqliteStoreCloseTest, AClosedStoreLeavesOneCompleteFile) {
  const std::string path = testing::TempDbPath("trainhub-close");
  auto store = SqliteStore::Open(path, 4);
  ASSERT_TRUE(store.ok()) << store.status();
  for (int i = 0; i < 30; ++i) {
    ASSERT_TRUE((*store)
                    ->Write([&](domain::UnitOfWork& w) -> absl::Status {
                      domain::Organization o;
                      o.name = "Verein " + std::to_string(i);
                      o.kind = domain::OrganizationKind::kNgo;
                      return w.organizations().Insert(o).status();
                    })
                    .ok());
  }
  // Every reader has read, so each holds the log open.
  for (int i = 0; i < 8; ++i) {
    ASSERT_TRUE((*store)
                    ->Read([](domain::ReadView& r) -> absl::Status {
                      return r.organizations().Get(1).status();
                    })
                    .ok());
  }
  ASSERT_TRUE(std::filesystem::exists(path + "-wal"));
  EXPECT_TRUE((*store)->Close().ok()) << (*store)->Close();
  EXPECT_EQ((*store)->Read([](domain::ReadView&) { return absl::OkStatus(); }).code(),
            absl::StatusCode::kUnavailable);
  EXPECT_FALSE(std::filesystem::exists(path + "-wal"));
  EXPECT_FALSE(std::filesystem::exists(path + "-shm"));
  const std::string copy = path + ".copy";
  std::filesystem::copy_file(path, copy);
  {
    SQLite::Database db(copy, SQLite::OPEN_READONLY);
    EXPECT_EQ(db.execAndGet("SELECT count(*) FROM organization").getInt(), 30);
    EXPECT_EQ(db.execAndGet("PRAGMA journal_mode").getString(), "delete");
  }
  store->reset();
  std::filesystem::remove(copy);
  testing::RemoveDb(path);
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
  std::mt19937 random(20190312);
  auto pick = [&](int n) { return static_cast<int>(random() % static_cast<unsigned>(n)); };
  const absl::TimeZone& berlin = domain::DisplayTimeZone();
  // Starts around the turns of the years and of summer time, and between.
  auto random_start = [&] {
    const int year = 2018 + pick(5);
    switch (pick(4)) {
      case 0:  // the last and first hours of a year, Berlin time
        return absl::FromCivil(absl::CivilMinute(year, 12, 31, 22 + pick(2), 30), berlin) +
               absl::Hours(pick(4));
      case 1:
        return absl::FromCivil(absl::CivilDay(year, 3, 25 + pick(7)), berlin) +
               absl::Hours(pick(24));
      default:
        return absl::FromCivil(absl::CivilDay(year, 1, 1), berlin) + absl::Hours(pick(365 * 24));
    }
  };
  std::vector<Id> orgs, series, sessions, people;
  ASSERT_TRUE(Guarded("fill", [&]() -> absl::Status {
                for (int o = 0; o < 2; ++o) {
                  domain::Organization org;
                  org.name = "Träger " + std::to_string(o);
                  org.kind = domain::OrganizationKind::kNgo;
                  TH_ASSIGN_OR_RETURN(Id id, unit.organizations().Insert(org));
                  orgs.push_back(id);
                }
                for (int i = 0; i < 6; ++i) {
                  domain::Series s;
                  s.organization_id = orgs[i % 2];
                  s.title = "Reihe " + std::to_string(i);
                  s.kind = domain::SeriesKind::kVolunteerCourse;
                  s.target_groups = {domain::TargetGroup::kVolunteers};
                  s.capacity = 30;
                  s.status = domain::SeriesStatus::kRunning;
                  TH_ASSIGN_OR_RETURN(Id series_id, unit.series().Insert(s));
                  series.push_back(series_id);
                  for (int m = 0; m < 2; ++m) {
                    domain::Module module;
                    module.series_id = series_id;
                    module.position = m + 1;
                    module.title = "Modul";
                    TH_ASSIGN_OR_RETURN(Id module_id, unit.series().InsertModule(module));
                    for (int k = 0; k < 3; ++k) {
                      domain::Session session;
                      session.module_id = module_id;
                      session.start = random_start();
                      session.end = session.start + absl::Hours(3);
                      TH_ASSIGN_OR_RETURN(Id session_id, unit.sessions().Insert(session));
                      sessions.push_back(session_id);
                    }
                  }
                }
                for (int p = 0; p < 25; ++p) {
                  domain::Participant person;
                  person.display_name = "Person " + std::to_string(p);
                  person.organization_id = orgs[p % 2];
                  person.target_groups = {p % 3 == 0 ? domain::TargetGroup::kApprentices
                                                     : domain::TargetGroup::kVolunteers};
                  if (p % 3 == 0) person.training_start = absl::CivilDay(2018, 8, 1);
                  TH_ASSIGN_OR_RETURN(Id id, unit.participants().Insert(person));
                  people.push_back(id);
                }
                return absl::OkStatus();
              }).ok());
  auto series_of = [&](Id session) { return series[(session - sessions.front()) / 6]; };

  const absl::Time base = absl::FromCivil(absl::CivilDay(2023, 6, 1), berlin);
  for (int i = 0; i < 1500; ++i) {
    if (i % 60 == 59) {
      // A planner moves a session, also into another year.
      const Id moved = sessions[pick(static_cast<int>(sessions.size()))];
      absl::StatusOr<domain::Session> session = unit.sessions().Get(moved);
      ASSERT_TRUE(session.ok()) << session.status();
      session->start = pick(2) == 0 ? random_start() : session->start + absl::Hours(24 * 300);
      session->end = session->start + absl::Hours(3);
      ASSERT_TRUE(unit.sessions().Update(*session).ok());
      continue;
    }
    domain::AttendanceEntry e;
    e.session_id = sessions[pick(static_cast<int>(sessions.size()))];
    e.series_id = series_of(e.session_id);
    e.participant_id = people[pick(static_cast<int>(people.size()))];
    e.status = static_cast<domain::AttendanceStatus>(1 + pick(4));
    e.source = domain::AttendanceSource::kStaff;
    // Marks made offline arrive late: an older one does not count.
    e.client_time = base + absl::Minutes(i) - absl::Minutes(pick(3) == 0 ? pick(600) : 0);
    e.record_time = base + absl::Minutes(i);
    e.account_id = 1;
    e.prev_hash = std::string(32, '\0');
    e.hash = std::string(32, 'h');
    ASSERT_TRUE(unit.attendance().Append(e).ok());
  }
  int64_t stale = -1;
  ASSERT_TRUE(Guarded("check", [&]() -> absl::Status {
                stale = unit.reports().StaleReportFigures();
                return absl::OkStatus();
              }).ok());
  EXPECT_EQ(stale, 0);

  auto same = [](const std::vector<domain::ParticipationFacts>& a,
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
  };
  int whole_years = 0, nonempty = 0;
  for (int i = 0; i < 200; ++i) {
    domain::ReportScope scope;
    switch (pick(3)) {
      case 0:
        scope.everything = true;
        break;
      case 1:
        scope.organization_id = orgs[pick(2)];
        break;
      default:
        scope.series_ids = {series[pick(3)], series[3 + pick(3)]};
        std::sort(scope.series_ids.begin(), scope.series_ids.end());
    }
    // Whole calendar years, ranges of days across years, single days.
    absl::CivilDay first = absl::CivilDay(2018, 1, 1) + pick(6 * 365);
    absl::CivilDay last = first;
    switch (pick(3)) {
      case 0:
        first = absl::CivilDay(first.year(), 1, 1);
        last = absl::CivilDay(first.year() + pick(4), 12, 31);
        ++whole_years;
        break;
      case 1:
        last = first + pick(3 * 365);
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
    EXPECT_TRUE(same(*kept, *counted)) << first << ".." << last;
    nonempty += counted->empty() ? 0 : 1;
  }
  EXPECT_GT(whole_years, 30);
  EXPECT_GT(nonempty, 80);

  // An edit behind the store's back is found.
  (*db)->exec(
      "UPDATE attendance_year SET attended = attended + 1"
      " WHERE (year, series_id, participant_id) ="
      " (SELECT year, series_id, participant_id FROM attendance_year LIMIT 1)");
  ASSERT_TRUE(Guarded("check", [&]() -> absl::Status {
                stale = unit.reports().StaleReportFigures();
                return absl::OkStatus();
              }).ok());
  EXPECT_EQ(stale, 2);  // the recounted row has no equal, nor has the changed one
  (*db)->exec(
      "DELETE FROM held_session WHERE session_id = (SELECT min(session_id) FROM"
      " held_session)");
  ASSERT_TRUE(Guarded("check", [&]() -> absl::Status {
                stale = unit.reports().StaleReportFigures();
                return absl::OkStatus();
              }).ok());
  EXPECT_EQ(stale, 3);
}
}  // namespace
}  // namespace trainhub::store
