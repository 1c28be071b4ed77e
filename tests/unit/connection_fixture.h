#ifndef TRAINHUB_TESTS_UNIT_CONNECTION_FIXTURE_H_
#define TRAINHUB_TESTS_UNIT_CONNECTION_FIXTURE_H_

// The connection tests' fixture (connection_test.cc,
// connection_migration_test.cc): a database file of its own in a fresh
// folder per test, and rows as an earlier schema holds them.

#include <SQLiteCpp/Database.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <string>

#include "store/connection.h"

namespace trainhub::store {

// Organisation 1 with series 1 ("Interkultur im Ehrenamt", `capacity`
// seats, status `status`), written as the schema of an earlier version
// holds them.
inline void InsertOrganizationAndSeries(SQLite::Database& db, int capacity, int status) {
  db.exec(
      "INSERT INTO organization (id, name, kind, city, website, create_time, update_time)"
      " VALUES (1, 'Landesnetzwerk', 1, '', '', 0, 0)");
  SQLite::Statement series(db,
                           "INSERT INTO series (id, organization_id, title, kind, description,"
                           " target_groups, capacity, status, cancellation_reason, create_time,"
                           " update_time) VALUES (1, 1, 'Interkultur im Ehrenamt', 2, '', '', ?,"
                           " ?, '', 0, 0)");
  series.bind(1, capacity);
  series.bind(2, status);
  series.exec();
}

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

  // The test's database file with the schema of `version`, for writing rows
  // as a server of that version did.
  SQLite::Database AtVersion(int version) {
    SQLite::Database db(path_, SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
    const absl::Status migrated = Migrate(db, version);
    EXPECT_TRUE(migrated.ok()) << migrated;
    return db;
  }

  std::filesystem::path dir_;
  std::string path_;
};

}  // namespace trainhub::store

#endif  // TRAINHUB_TESTS_UNIT_CONNECTION_FIXTURE_H_
