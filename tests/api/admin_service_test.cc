// AdminService: a backup of the running database, for admins only.

#include <SQLiteCpp/Database.h>

#include <filesystem>
#include <fstream>
#include <future>
#include <thread>

#include "api/access_matrix.h"
#include "api/api_fixture.h"
#include "domain/maintenance.h"
#include "store/database_copy.h"
#include "store/sqlite_store.h"
#include "trainhub/v1/admin.grpc.pb.h"

namespace trainhub::api_test {
namespace {

// AdminService's rows of the access matrix (access_matrix.h).
TH_ACCESS_ROWS(kAdminServiceRows,
               {
                   {"AdminService/BackupDatabase",
                    [](const AccessObjects&) { return Bytes(v1::BackupDatabaseRequest()); },
                    kAdminOnly},
               });

TEST_F(ApiTest, AnAdminBacksUpTheRunningDatabase) {
  const int64_t org = CreateOrganization("Stadt Dessau-Roßlau");
  auto admin = v1::AdminService::NewStub(channel_);
  grpc::ClientContext context;
  context.AddMetadata("authorization", "Bearer " + token_);
  auto reader = admin->BackupDatabase(&context, v1::BackupDatabaseRequest());
  v1::FileChunk chunk;
  std::string bytes, name;
  for (int parts = 0; reader->Read(&chunk); ++parts) {
    if (parts == 0) name = chunk.file_name();
    bytes.append(chunk.data());
  }
  grpc::Status finished = reader->Finish();
  ASSERT_TRUE(finished.ok()) << finished.error_message();
  EXPECT_TRUE(name.starts_with("trainhub-") && name.ends_with(".db")) << name;
  const std::string copy = path_ + ".backup";
  std::ofstream(copy, std::ios::binary) << bytes;
  EXPECT_TRUE(store::CheckDatabaseFile(copy).ok()) << store::CheckDatabaseFile(copy);
  {
    SQLite::Database db(copy, SQLite::OPEN_READONLY);
    SQLite::Statement q(db, "SELECT name FROM organization WHERE id = ?");
    q.bind(1, static_cast<int64_t>(org));
    ASSERT_TRUE(q.executeStep());
    EXPECT_EQ(q.getColumn(0).getString(), "Stadt Dessau-Roßlau");
  }
  std::filesystem::remove(copy);
}

TEST(DatabaseCopyTest, NeverWritesOverAFileAndRefusesWhatIsNotOurs) {
  const std::string source = testing::TempDbPath("trainhub-copy-source");
  {
    auto store = store::SqliteStore::Open(source);
    ASSERT_TRUE(store.ok());
  }
  const std::string existing = source + ".existing";
  std::ofstream(existing) << "keep me";
  EXPECT_EQ(store::CopyDatabase(source, existing).code(), absl::StatusCode::kAlreadyExists);
  std::ifstream kept(existing);
  std::string text;
  std::getline(kept, text);
  EXPECT_EQ(text, "keep me");
  EXPECT_EQ(store::CheckDatabaseFile(existing).code(), absl::StatusCode::kFailedPrecondition);
  const std::string copy = source + ".copy";
  ASSERT_TRUE(store::CopyDatabase(source, copy).ok());
  EXPECT_TRUE(store::CheckDatabaseFile(copy).ok());
  EXPECT_EQ(std::filesystem::status(copy).permissions() & std::filesystem::perms::all,
            std::filesystem::perms::owner_read | std::filesystem::perms::owner_write);
  EXPECT_FALSE(std::filesystem::exists(copy + "-wal"));
  for (const std::string& f : {source, existing, copy}) std::filesystem::remove(f);
}

// A store whose copy runs until the test lets it finish: a backup in
// progress.
class CopyingStore : public domain::Store {
 public:
  explicit CopyingStore(domain::Store& inner) : inner_(inner) {}
  absl::Status Read(const std::function<absl::Status(domain::ReadView&)>& work) override {
    return inner_.Read(work);
  }
  absl::Status Write(std::function<absl::Status(domain::UnitOfWork&)> work) override {
    return inner_.Write(std::move(work));
  }
  absl::Status CopyTo(const std::string&) override {
    copying_.set_value();
    finish_.get_future().wait();
    return absl::OkStatus();
  }
  void WaitUntilCopying() { copying_.get_future().wait(); }
  void Finish() { finish_.set_value(); }

 private:
  domain::Store& inner_;
  std::promise<void> copying_, finish_;
};

TEST(MaintenanceTest, ASecondBackupWhileOneRunsIsToldThatABackupIsRunning) {
  auto inner = store::SqliteStore::Open(":memory:");
  ASSERT_TRUE(inner.ok());
  CopyingStore store(**inner);
  domain::Maintenance maintenance(store);
  absl::Status first;
  std::thread running([&] { first = maintenance.BackupTo(domain::Principal::System(), "a.db"); });
  store.WaitUntilCopying();
  // The server answers (it is not unreachable): busy, try again later.
  const absl::Status second = maintenance.BackupTo(domain::Principal::System(), "b.db");
  EXPECT_EQ(second.code(), absl::StatusCode::kResourceExhausted) << second;
  EXPECT_NE(second.message().find("a backup is already running"), absl::string_view::npos);
  store.Finish();
  running.join();
  EXPECT_TRUE(first.ok()) << first;
}

}  // namespace
}  // namespace trainhub::api_test
