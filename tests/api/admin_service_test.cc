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
#include "store/database_lock.h"
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
  for (const std::string& f : {existing, copy}) std::filesystem::remove(f);
  testing::RemoveDb(source);
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

// Writes `count` organisations into a new database at `path` and returns
// their names, and closes it.
std::vector<std::string> Organizations(const std::string& path, int count) {
  auto store = store::SqliteStore::Open(path);
  EXPECT_TRUE(store.ok()) << store.status();
  std::vector<std::string> names;
  for (int i = 0; i < count; ++i) {
    names.push_back("Verein " + std::to_string(i));
    EXPECT_TRUE((*store)
                    ->Write([&](domain::UnitOfWork& w) -> absl::Status {
                      domain::Organization o;
                      o.name = names.back();
                      o.kind = domain::OrganizationKind::kNgo;
                      return w.organizations().Insert(o).status();
                    })
                    .ok());
  }
  return names;
}

int OrganizationCount(const std::string& path) {
  SQLite::Database db(path, SQLite::OPEN_READONLY);
  return db.execAndGet("SELECT count(*) FROM organization").getInt();
}

TEST(RestoreTest, AClosedStoreIsOneCompleteFileThatRestores) {
  const std::string source = testing::TempDbPath("trainhub-restore-source");
  const std::string target = testing::TempDbPath("trainhub-restore-target");
  EXPECT_EQ(Organizations(source, 30).size(), 30u);  // the store is closed
  EXPECT_FALSE(std::filesystem::exists(source + "-wal"));
  EXPECT_FALSE(std::filesystem::exists(source + "-shm"));
  const std::string copy = source + ".copy";
  std::filesystem::copy_file(source, copy);
  EXPECT_EQ(OrganizationCount(copy), 30);
  ASSERT_TRUE(store::RestoreDatabase(copy, target).ok()) << store::RestoreDatabase(copy, target);
  EXPECT_EQ(OrganizationCount(target), 30);
  EXPECT_FALSE(std::filesystem::exists(target + ".restoring"));
  std::filesystem::remove(copy);
  testing::RemoveDb(source);
  testing::RemoveDb(target);
}

TEST(RestoreTest, AFileWithItsLogBesideItOrLeftInWalModeIsRefused) {
  const std::string source = testing::TempDbPath("trainhub-restore-open");
  const std::string target = testing::TempDbPath("trainhub-restore-new");
  auto store = store::SqliteStore::Open(source);
  ASSERT_TRUE(store.ok());
  ASSERT_TRUE((*store)
                  ->Write([](domain::UnitOfWork& w) -> absl::Status {
                    domain::Organization o;
                    o.name = "Stadt Köthen";
                    o.kind = domain::OrganizationKind::kMunicipality;
                    return w.organizations().Insert(o).status();
                  })
                  .ok());
  // Copied while the server runs: the file and its log, or the file alone.
  const std::string copy = source + ".copy";
  std::filesystem::copy_file(source, copy);
  std::filesystem::copy_file(source + "-wal", copy + "-wal");
  absl::Status refused = store::RestoreDatabase(copy, target);
  EXPECT_EQ(refused.code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_NE(refused.message().find("-wal beside it"), absl::string_view::npos) << refused;
  EXPECT_FALSE(std::filesystem::exists(target));
  std::filesystem::remove(copy + "-wal");
  refused = store::RestoreDatabase(copy, target);
  EXPECT_EQ(refused.code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_NE(refused.message().find("copied while trainhubd ran"), absl::string_view::npos)
      << refused;
  EXPECT_FALSE(std::filesystem::exists(target));
  std::ofstream(copy + "-journal") << "hot";
  EXPECT_EQ(store::RestoreDatabase(copy, target).code(), absl::StatusCode::kFailedPrecondition);
  std::filesystem::remove(copy + "-journal");
  // A stale log at the target would be read into the restored file.
  const std::string backup = source + ".backup";
  ASSERT_TRUE((*store)->CopyTo(backup).ok());
  std::ofstream(target + "-wal") << "stale";
  EXPECT_EQ(store::RestoreDatabase(backup, target).code(), absl::StatusCode::kAlreadyExists);
  EXPECT_FALSE(std::filesystem::exists(target));
  std::filesystem::remove(target + "-wal");
  ASSERT_TRUE(store::RestoreDatabase(backup, target).ok());
  EXPECT_EQ(OrganizationCount(target), 1);
  EXPECT_EQ(store::RestoreDatabase(backup, target).code(), absl::StatusCode::kAlreadyExists);
  for (const std::string& f : {copy, backup}) std::filesystem::remove(f);
  store->reset();
  testing::RemoveDb(source);
  testing::RemoveDb(target);
}

TEST(DatabaseLockTest, OneHolderAtATimeAlsoThroughALink) {
  const std::string path = testing::TempDbPath("trainhub-lock");
  {
    auto first = store::DatabaseLock::Acquire(path);
    ASSERT_TRUE(first.ok()) << first.status();
    auto second = store::DatabaseLock::Acquire(path);
    EXPECT_EQ(second.status().code(), absl::StatusCode::kFailedPrecondition);
    EXPECT_NE(second.status().message().find("in use by another trainhubd"),
              absl::string_view::npos);
    const std::string link = path + ".link";
    std::filesystem::create_symlink(path, link);
    EXPECT_FALSE(store::DatabaseLock::Acquire(link).ok());
    std::filesystem::remove(link);
    EXPECT_EQ(store::DatabaseLock::AcquireNew(path).status().code(),
              absl::StatusCode::kAlreadyExists);
    // SQLite's own locks are another kind: the file still opens and reads.
    auto store = store::SqliteStore::Open(path);
    ASSERT_TRUE(store.ok()) << store.status();
    SQLite::Database reader(path, SQLite::OPEN_READONLY);
    EXPECT_EQ(reader.execAndGet("SELECT count(*) FROM organization").getInt(), 0);
  }
  EXPECT_TRUE(store::DatabaseLock::Acquire(path).ok()) << "released with its holder";
  testing::RemoveDb(path);
}

}  // namespace
}  // namespace trainhub::api_test
