#include "domain/accounts/audit.h"

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "domain/audit_trail.h"
#include "domain/status_macros.h"
#include "store/sqlite_store.h"
#include "testing/temp_files.h"

namespace trainhub::domain {
namespace {

constexpr char kMethod[] = "trainhub.v1.SeriesService/ListSeries";

class AuditTest : public ::testing::Test {
 protected:
  void SetUp() override {
    path_ = testing::TempDbPath("trainhub-audit");
    auto store = store::SqliteStore::Open(path_, 1);
    ASSERT_TRUE(store.ok()) << store.status();
    store_ = *std::move(store);
    audit_ = std::make_unique<AuditLog>(*store_, [this] { return now_; });
  }
  void TearDown() override {
    audit_.reset();
    store_.reset();
    testing::RemoveDb(path_);
  }

  std::vector<AuditEvent> All() {
    EXPECT_TRUE(audit_->FlushRefusals().ok());
    Page<AuditEvent> page;
    EXPECT_TRUE(store_
                    ->Read([&](ReadView& r) -> absl::Status {
                      TH_ASSIGN_OR_RETURN(page, r.audit().List({}, PageRequest{500, {}}));
                      return absl::OkStatus();
                    })
                    .ok());
    return page.items;
  }

  // Changes by account 7 (one per unit, as use cases make them).
  void Change(const std::string& object) {
    Principal who;
    who.account.id = 7;
    RequestContext ctx(who, "trainhub.v1.SeriesService/UpdateSeries", "req-1", "ipv4:192.0.2.7");
    ASSERT_TRUE(store_
                    ->Write([&](UnitOfWork& w) {
                      AuditTrail trail(w, ctx, now_);
                      return trail.Changed(object);
                    })
                    .ok());
  }

  AuditChainCheck Verify() {
    absl::StatusOr<AuditChainCheck> check = audit_->Verify(Principal::System());
    EXPECT_TRUE(check.ok()) << check.status();
    return check.ok() ? *check : AuditChainCheck{};
  }

  // A connection of someone holding the file, with the table's triggers gone.
  std::unique_ptr<SQLite::Database> Tamperer() {
    auto db = std::make_unique<SQLite::Database>(path_, SQLite::OPEN_READWRITE);
    db->setBusyTimeout(5000);
    std::vector<std::string> triggers;
    SQLite::Statement q(*db,
                        "SELECT name FROM sqlite_schema WHERE type = 'trigger'"
                        " AND tbl_name = 'audit_event'");
    while (q.executeStep()) triggers.push_back(q.getColumn(0).getString());
    q.reset();
    for (const std::string& t : triggers) db->exec("DROP TRIGGER " + t);
    return db;
  }

  std::string path_;
  absl::Time now_ = absl::FromUnixSeconds(1800000000);
  std::unique_ptr<store::SqliteStore> store_;
  std::unique_ptr<AuditLog> audit_;
};

TEST_F(AuditTest, RepeatedRefusalsFromOnePeerBecomeOneRowWithACountPerWindow) {
  for (int i = 0; i < 500; ++i) {
    ASSERT_TRUE(audit_->RecordRefusal(0, kMethod, "UNAUTHENTICATED", "", "ipv4:192.0.2.9").ok());
  }
  std::vector<AuditEvent> rows = All();
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].repeat_count, 500);
  EXPECT_EQ(rows[0].peer, "ipv4:192.0.2.9");

  // Another address, another method: rows of their own.
  ASSERT_TRUE(audit_->RecordRefusal(0, kMethod, "UNAUTHENTICATED", "", "ipv4:192.0.2.10").ok());
  ASSERT_TRUE(audit_
                  ->RecordRefusal(0, "trainhub.v1.SeriesService/GetSeries", "UNAUTHENTICATED", "",
                                  "ipv4:192.0.2.9")
                  .ok());
  EXPECT_EQ(All().size(), 3u);

  // The next window starts a new row.
  now_ += AuditLog::kRefusalWindow;
  ASSERT_TRUE(audit_->RecordRefusal(0, kMethod, "UNAUTHENTICATED", "", "ipv4:192.0.2.9").ok());
  rows = All();
  ASSERT_EQ(rows.size(), 4u);
  EXPECT_EQ(rows[0].repeat_count, 1);
}

TEST_F(AuditTest, ARefusalKeepsOnlyAValidRequestIdAndEveryRowStaysSmall) {
  const std::string huge(3 * 1024 * 1024, 'x');
  ASSERT_TRUE(audit_->RecordRefusal(0, kMethod, "UNAUTHENTICATED", huge, "ipv4:192.0.2.9").ok());
  ASSERT_TRUE(audit_
                  ->RecordRefusal(0, std::string(5000, 'm'), "PERMISSION_DENIED", "retry-7",
                                  std::string(5000, 'p'))
                  .ok());
  const std::vector<AuditEvent> rows = All();
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[1].request_id, "");  // the 3 MiB one was dropped
  EXPECT_EQ(rows[0].request_id, "retry-7");
  for (const AuditEvent& e : rows) {
    EXPECT_LE(e.method.size() + e.peer.size() + e.request_id.size() + e.result.size(), 1024u);
  }
}

TEST_F(AuditTest, ManyAddressesAtOnceAreCountedPerMethodBeyondTheLimit) {
  for (size_t i = 0; i < AuditLog::kMaxRefusalKinds + 50; ++i) {
    ASSERT_TRUE(audit_
                    ->RecordRefusal(0, kMethod, "UNAUTHENTICATED", "",
                                    "ipv6:[2001:db8::" + std::to_string(i) + "]")
                    .ok());
  }
  const std::vector<AuditEvent> rows = All();
  EXPECT_LE(rows.size(), AuditLog::kMaxRefusalKinds + 1);
  EXPECT_EQ(rows[0].peer, "*");
  EXPECT_EQ(rows[0].repeat_count, 50);
}

TEST_F(AuditTest, CountsNotWrittenYetAreWrittenWhenTheLogCloses) {
  for (int i = 0; i < 10; ++i) {
    ASSERT_TRUE(audit_->RecordRefusal(0, kMethod, "UNAUTHENTICATED", "", "ipv4:192.0.2.9").ok());
  }
  audit_.reset();  // as at shutdown
  Page<AuditEvent> page;
  ASSERT_TRUE(store_
                  ->Read([&](ReadView& r) -> absl::Status {
                    TH_ASSIGN_OR_RETURN(page, r.audit().List({}, PageRequest{10, {}}));
                    return absl::OkStatus();
                  })
                  .ok());
  ASSERT_EQ(page.items.size(), 1u);
  EXPECT_EQ(page.items[0].repeat_count, 10);
  audit_ = std::make_unique<AuditLog>(*store_, [this] { return now_; });
}

// Every stored field of every event is covered by the chain: each column
// changed behind the server's back (the append-only triggers dropped), on a
// change event and on a sealed refusal row, is found; put back, the log is
// intact again with the same head.
TEST_F(AuditTest, EveryColumnOfEveryEventChangedBehindTheServersBackIsFound) {
  Change("series/1");
  for (int i = 0; i < 70; ++i) {
    ASSERT_TRUE(
        audit_->RecordRefusal(9, kMethod, "PERMISSION_DENIED", "r-1", "ipv4:192.0.2.9").ok());
  }
  Change("series/2");
  now_ += AuditLog::kRefusalWindow;  // the refusal row's minute ends
  Change("series/3");
  AuditChainCheck before = Verify();
  ASSERT_TRUE(before.intact) << before.problem;
  EXPECT_EQ(before.event_count, 4);
  EXPECT_EQ(before.open_count, 0);
  EXPECT_EQ(before.head_hash.size(), 64u);

  auto db = Tamperer();
  std::vector<std::pair<std::string, std::string>> columns;
  {
    SQLite::Statement q(*db, "SELECT name, type FROM pragma_table_info('audit_event')");
    while (q.executeStep()) {
      columns.emplace_back(q.getColumn(0).getString(), q.getColumn(1).getString());
    }
  }
  ASSERT_GE(columns.size(), 15u);
  // The first change (chained at once) and the refusal row (sealed later).
  for (const char* target : {"object = 'series/1'", "object = ''"}) {
    const int64_t id =
        db->execAndGet(absl::StrCat("SELECT id FROM audit_event WHERE ", target)).getInt64();
    for (const auto& [column, type] : columns) {
      SCOPED_TRACE(absl::StrCat("event ", id, ", column ", column));
      const std::string changed = type == "INTEGER"
                                      ? absl::StrCat("coalesce(", column, ", 0) + 1000")
                                  : type == "TEXT" ? absl::StrCat(column, " || 'x'")
                                                   : "randomblob(32)";
      db->exec("DROP TABLE IF EXISTS temp.saved");
      db->exec(
          absl::StrCat("CREATE TEMP TABLE saved AS SELECT * FROM audit_event WHERE id = ", id));
      db->exec(absl::StrCat("UPDATE audit_event SET ", column, " = ", changed, " WHERE id = ", id));
      const AuditChainCheck broken = Verify();
      EXPECT_FALSE(broken.intact);
      EXPECT_FALSE(broken.problem.empty());
      db->exec(absl::StrCat("UPDATE audit_event SET ", column, " = (SELECT ", column,
                            " FROM temp.saved) WHERE id = ", column == "id" ? id + 1000 : id));
      const AuditChainCheck restored = Verify();
      ASSERT_TRUE(restored.intact) << restored.problem;
      ASSERT_EQ(restored.head_hash, before.head_hash);
    }
  }
}

TEST_F(AuditTest, DeletedAndAddedEventsAreFound) {
  Change("series/1");
  Change("series/2");
  Change("series/3");
  ASSERT_TRUE(Verify().intact);
  auto db = Tamperer();
  db->exec("CREATE TEMP TABLE saved AS SELECT * FROM audit_event");
  // A row in the middle.
  db->exec("DELETE FROM audit_event WHERE object = 'series/2'");
  AuditChainCheck check = Verify();
  EXPECT_FALSE(check.intact);
  EXPECT_NE(check.problem.find("removed or inserted"), std::string::npos) << check.problem;
  db->exec("INSERT INTO audit_event SELECT * FROM temp.saved WHERE object = 'series/2'");
  ASSERT_TRUE(Verify().intact);
  // The newest row: the stored head still counts it.
  db->exec("DELETE FROM audit_event WHERE object = 'series/3'");
  check = Verify();
  EXPECT_FALSE(check.intact);
  EXPECT_NE(check.problem.find("ends early"), std::string::npos) << check.problem;
  db->exec("INSERT INTO audit_event SELECT * FROM temp.saved WHERE object = 'series/3'");
  ASSERT_TRUE(Verify().intact);
  // A row added outside the chain, posing as a refusal still counting.
  db->exec(
      "INSERT INTO audit_event (time, account_id, method, object, organization_id, result,"
      " request_id, peer, repeat_count) VALUES (0, 0, 'm', '', 0, 'UNAUTHENTICATED', '', '', 1)");
  check = Verify();
  EXPECT_FALSE(check.intact);
  EXPECT_NE(check.problem.find("outside the chain"), std::string::npos) << check.problem;
}

// Refusal rows join the chain when their minute ends (or the log closes);
// rows left open by a crash join it at the next start.
TEST_F(AuditTest, RefusalRowsJoinTheChainWhenTheirMinuteEnds) {
  ASSERT_TRUE(audit_->RecordRefusal(0, kMethod, "UNAUTHENTICATED", "", "ipv4:192.0.2.9").ok());
  AuditChainCheck check = Verify();
  EXPECT_TRUE(check.intact) << check.problem;
  EXPECT_EQ(check.event_count, 0);
  EXPECT_EQ(check.open_count, 1);
  now_ += AuditLog::kRefusalWindow;
  check = Verify();
  EXPECT_TRUE(check.intact) << check.problem;
  EXPECT_EQ(check.event_count, 1);
  EXPECT_EQ(check.open_count, 0);
  // A log that ends without closing (kill -9) leaves its row open.
  ASSERT_TRUE(audit_->RecordRefusal(0, kMethod, "UNAUTHENTICATED", "", "ipv4:192.0.2.9").ok());
  // Never closed, as after a crash (deliberately leaked: its destructor
  // would close the row).
  static_cast<void>(audit_.release());
  audit_ = std::make_unique<AuditLog>(*store_, [this] { return now_; });
  EXPECT_FALSE(Verify().intact) << "an open row nobody counts";
  ASSERT_TRUE(audit_->SealRowsLeftOpen().ok());
  check = Verify();
  EXPECT_TRUE(check.intact) << check.problem;
  EXPECT_EQ(check.event_count, 2);
}

// An address erased without an erasure of its account in the chain is found.
TEST_F(AuditTest, AnAddressRemovedWithoutAnErasureIsFound) {
  Change("series/1");
  Change("series/2");
  ASSERT_TRUE(Verify().intact);
  auto db = Tamperer();
  SQLite::Statement q(*db, "SELECT peer, peer_salt FROM audit_event WHERE object = 'series/1'");
  ASSERT_TRUE(q.executeStep());
  const std::string peer = q.getColumn(0).getString();
  const std::string salt(static_cast<const char*>(q.getColumn(1).getBlob()),
                         q.getColumn(1).getBytes());
  q.reset();
  const std::string digest = AuditPeerDigest(salt, peer);
  SQLite::Statement erase(*db,
                          "UPDATE audit_event SET peer = '', peer_salt = NULL, peer_digest = ?"
                          " WHERE object = 'series/1'");
  erase.bind(1, digest.data(), static_cast<int>(digest.size()));
  erase.exec();
  const AuditChainCheck check = Verify();
  EXPECT_FALSE(check.intact);
  EXPECT_NE(check.problem.find("no erasure of account 7"), std::string::npos) << check.problem;
}

TEST_F(AuditTest, OnlyAdminsVerify) {
  Principal coordinator;
  coordinator.account.id = 4;
  coordinator.account.roles = {{Role::kCoordinator, 3}};
  EXPECT_TRUE(absl::IsPermissionDenied(audit_->Verify(coordinator).status()));
}

}  // namespace
}  // namespace trainhub::domain
