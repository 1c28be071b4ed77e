#include "store/connection.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>

#include "store/schema.h"

namespace trainhub::store {
namespace {

class ConnectionTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("trainhub-conn-" + std::to_string(::getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
    path_ = (dir_ / "t.db").string();
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  std::filesystem::path dir_;
  std::string path_;
};

TEST_F(ConnectionTest, SetsAndVerifiesEveryPragma) {
  auto db = OpenWriteConnection(path_);
  ASSERT_TRUE(db.ok()) << db.status();
  EXPECT_EQ((*db)->execAndGet("PRAGMA journal_mode").getString(), "wal");
  EXPECT_EQ((*db)->execAndGet("PRAGMA synchronous").getInt(), 2);  // FULL
  EXPECT_EQ((*db)->execAndGet("PRAGMA foreign_keys").getInt(), 1);
  EXPECT_EQ((*db)->execAndGet("PRAGMA busy_timeout").getInt(), 5000);
  EXPECT_EQ((*db)->execAndGet("PRAGMA user_version").getInt(), LatestSchemaVersion());
  EXPECT_EQ((*db)->execAndGet("PRAGMA application_id").getInt(), kApplicationId);
}

TEST_F(ConnectionTest, MigratesFromEachEarlierVersion) {
  for (int from = 0; from < LatestSchemaVersion(); ++from) {
    std::filesystem::remove(path_);
    {
      SQLite::Database db(path_, SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
      ASSERT_TRUE(Migrate(db, from).ok());
      EXPECT_EQ(db.execAndGet("PRAGMA user_version").getInt(), from);
    }
    auto db = OpenWriteConnection(path_);
    ASSERT_TRUE(db.ok()) << "from version " << from << ": " << db.status();
    EXPECT_EQ((*db)->execAndGet("PRAGMA user_version").getInt(), LatestSchemaVersion());
    EXPECT_TRUE((*db)->tableExists("session"));
  }
}

TEST_F(ConnectionTest, ReopeningKeepsData) {
  {
    auto db = OpenWriteConnection(path_);
    ASSERT_TRUE(db.ok());
    (*db)->exec(
        "INSERT INTO organization (name, kind, city, website, create_time, update_time)"
        " VALUES ('Stadt Dessau-Roßlau', 2, '', '', 0, 0)");
  }
  auto db = OpenWriteConnection(path_);
  ASSERT_TRUE(db.ok());
  EXPECT_EQ((*db)->execAndGet("SELECT name FROM organization").getString(), "Stadt Dessau-Roßlau");
}

TEST_F(ConnectionTest, RefusesANewerSchemaWithAClearMessage) {
  {
    auto db = OpenWriteConnection(path_);
    ASSERT_TRUE(db.ok());
    (*db)->exec("PRAGMA user_version = 99");
  }
  auto db = OpenWriteConnection(path_);
  ASSERT_EQ(db.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_NE(db.status().message().find("schema version 99"), std::string::npos) << db.status();
  EXPECT_NE(db.status().message().find("newer trainhubd"), std::string::npos);
}

TEST_F(ConnectionTest, RefusesAForeignDatabase) {
  {
    SQLite::Database db(path_, SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
    db.exec("CREATE TABLE something_else (x)");
  }
  auto db = OpenWriteConnection(path_);
  ASSERT_EQ(db.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_NE(db.status().message().find("not a trainhub database"), std::string::npos);
}

TEST_F(ConnectionTest, UnopenablePathIsUnavailable) {
  auto db = OpenWriteConnection((dir_ / "missing-dir" / "t.db").string());
  EXPECT_EQ(db.status().code(), absl::StatusCode::kUnavailable) << db.status();
}

TEST_F(ConnectionTest, ReadConnectionsCannotWrite) {
  auto writer = OpenWriteConnection(path_);
  ASSERT_TRUE(writer.ok());
  auto reader = OpenReadConnection(path_);
  ASSERT_TRUE(reader.ok()) << reader.status();
  EXPECT_THROW((*reader)->exec("DELETE FROM organization"), SQLite::Exception);
}

}  // namespace
}  // namespace trainhub::store
