#include "store/sqlite_store.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iterator>

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

// The ids of a series planned by PlanVielfaltsMontag.
struct PlannedSeries {
  Id series = 0, module = 0, session = 0, trainer = 0;
};

// A Vielfalts-Montag of `org` with `partner`: one module with topics, one
// session on 1 March 2027, 12:00-15:30 UTC, with a confirmed trainer.
absl::Status PlanVielfaltsMontag(domain::UnitOfWork& w, Id org, Id partner, PlannedSeries& ids) {
  domain::Trainer t;
  t.display_name = "محمد الأحمد";
  t.email = "M.AlAhmad@example.org";
  TH_ASSIGN_OR_RETURN(ids.trainer, w.trainers().Insert(t));
  domain::Series s;
  s.organization_id = org;
  s.partner_organization_ids = {partner};
  s.title = "Vielfalts-Montag – Verwaltung neu (er)leben";
  s.kind = domain::SeriesKind::kVielfaltsMontag;
  s.target_groups = {domain::TargetGroup::kAdministrationStaff, domain::TargetGroup::kManagers};
  s.capacity = 24;
  s.status = domain::SeriesStatus::kDraft;
  TH_ASSIGN_OR_RETURN(ids.series, w.series().Insert(s));
  domain::Module m;
  m.series_id = ids.series;
  m.position = 1;
  m.title = "Einführung";
  m.topics = {"Barrierefreiheit", "Chancengleichheit", "Empowerment"};
  TH_ASSIGN_OR_RETURN(ids.module, w.series().InsertModule(m));
  domain::Session session;
  session.module_id = ids.module;
  session.start = Utc(2027, 3, 1, 12, 0);
  session.end = Utc(2027, 3, 1, 15, 30);
  session.place = {"Umweltbundesamt", "Dessau-Roßlau"};
  session.trainers = {{.trainer_id = ids.trainer, .status = domain::BookingStatus::kConfirmed}};
  TH_ASSIGN_OR_RETURN(ids.session, w.sessions().Insert(session));
  return absl::OkStatus();
}

TEST_F(SqliteStoreTest, StoresSeriesModulesSessionsAndBookings) {
  const Id org = InsertOrganization("Stadt Dessau-Roßlau");
  const Id partner = InsertOrganization("Hochschule Anhalt");
  PlannedSeries planned;
  ASSERT_TRUE(store_
                  ->Write([&](domain::UnitOfWork& w) {
                    return PlanVielfaltsMontag(w, org, partner, planned);
                  })
                  .ok());
  const Id series_id = planned.series, module_id = planned.module, session_id = planned.session,
           trainer_id = planned.trainer;
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

}  // namespace
}  // namespace trainhub::store
