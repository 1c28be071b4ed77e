#include "domain/audit.h"

#include <gtest/gtest.h>

#include <string>

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

}  // namespace
}  // namespace trainhub::domain
