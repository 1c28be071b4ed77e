// Online backup: while eight clients write, `trainhub admin backup FILE`
// takes a copy; `trainhubd --restore FILE` makes a new database from it
// that holds every write acknowledged before the backup began and passes
// PRAGMA integrity_check. Bad uses are refused and change nothing.

#include <grpcpp/grpcpp.h>
#include <sqlite3.h>
#include <sys/stat.h>

#include <atomic>
#include <mutex>
#include <set>

#include "e2e/e2e_fixture.h"
#include "e2e/organization_writes.h"
#include "trainhub/v1/organization.grpc.pb.h"

namespace trainhub::e2e {
namespace {

namespace v1 = ::trainhub::v1;

constexpr int kWriters = 8;

// The names of all organisations in the database file at `path`, and
// whether PRAGMA integrity_check says ok.
std::set<std::string> OrganizationsIn(const std::string& path, bool* intact) {
  std::set<std::string> names;
  sqlite3* db = nullptr;
  if (sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK) {
    *intact = false;
    sqlite3_close(db);
    return names;
  }
  sqlite3_stmt* q = nullptr;
  sqlite3_prepare_v2(db, "SELECT name FROM organization", -1, &q, nullptr);
  while (sqlite3_step(q) == SQLITE_ROW) {
    names.insert(reinterpret_cast<const char*>(sqlite3_column_text(q, 0)));
  }
  sqlite3_finalize(q);
  sqlite3_prepare_v2(db, "PRAGMA integrity_check", -1, &q, nullptr);
  *intact = sqlite3_step(q) == SQLITE_ROW &&
            std::string(reinterpret_cast<const char*>(sqlite3_column_text(q, 0))) == "ok";
  sqlite3_finalize(q);
  sqlite3_close(db);
  return names;
}

TEST_F(E2eTest, ABackupUnderLoadRestoresEveryWriteAcknowledgedBeforeIt) {
  StartAsAdmin();
  const std::string token = SavedCliToken(dir_);

  std::mutex mu;
  std::set<std::string> acknowledged;
  std::atomic<bool> stop{false};
  std::vector<std::thread> writers;
  for (int w = 0; w < kWriters; ++w) {
    writers.emplace_back([&, w] {
      auto stub = v1::OrganizationService::NewStub(
          grpc::CreateChannel(address_, grpc::InsecureChannelCredentials()));
      for (int i = 0; !stop; ++i) {
        const std::string name = "Verein " + std::to_string(w) + "-" + std::to_string(i);
        if (CreateOrganizationNamed(*stub, token, name, std::chrono::seconds(10)).ok()) {
          std::lock_guard<std::mutex> lock(mu);
          acknowledged.insert(name);
        }
      }
    });
  }
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  std::set<std::string> before_backup;
  {
    std::lock_guard<std::mutex> lock(mu);
    before_backup = acknowledged;
  }
  const Result backup = Cli({"admin", "backup", "backup.db"});
  std::this_thread::sleep_for(std::chrono::milliseconds(100));  // writes go on after it
  stop = true;
  for (std::thread& t : writers) t.join();
  ASSERT_EQ(backup.exit_code, 0) << backup.err;
  EXPECT_NE(backup.err.find("wrote backup.db"), std::string::npos) << backup.err;
  EXPECT_GT(before_backup.size(), 0u);
  EXPECT_GT(acknowledged.size(), before_backup.size());  // the server kept serving
  struct stat info {};
  ASSERT_EQ(::stat((dir_ / "backup.db").c_str(), &info), 0);
  EXPECT_EQ(info.st_mode & 0777, 0600u);
  EXPECT_FALSE(fs::exists(dir_ / "backup.db.part"));

  // Restore into a new file; the running server's file is never touched.
  const fs::path restored = dir_ / "restored.db";
  pid_t pid =
      Spawn({TRAINHUBD_PATH, "--restore", (dir_ / "backup.db").string(), "--db", restored.string()},
            dir_ / "restore.log");
  ASSERT_EQ(WaitExit(pid), 0) << ReadFile(dir_ / "restore.log");
  bool intact = false;
  const std::set<std::string> stored = OrganizationsIn(restored.string(), &intact);
  EXPECT_TRUE(intact);
  int lost = 0;
  for (const std::string& name : before_backup) lost += stored.count(name) == 0;
  EXPECT_EQ(lost, 0) << "of " << before_backup.size() << " writes acknowledged before the backup";
  std::printf("%zu writes acknowledged before the backup, %zu in it, %d lost\n",
              before_backup.size(), stored.size(), lost);

  // Restoring over an existing database, or from what is not a backup, is
  // refused and changes nothing.
  const std::uintmax_t size = fs::file_size(restored);
  pid =
      Spawn({TRAINHUBD_PATH, "--restore", (dir_ / "backup.db").string(), "--db", restored.string()},
            dir_ / "restore-again.log");
  EXPECT_EQ(WaitExit(pid), 1);
  EXPECT_NE(ReadFile(dir_ / "restore-again.log").find("exists"), std::string::npos);
  EXPECT_EQ(fs::file_size(restored), size);
  std::ofstream(dir_ / "not-a-backup.db") << "Vorname;Nachname\n";
  pid = Spawn({TRAINHUBD_PATH, "--restore", (dir_ / "not-a-backup.db").string(), "--db",
               (dir_ / "other.db").string()},
              dir_ / "restore-bad.log");
  EXPECT_EQ(WaitExit(pid), 1);
  EXPECT_FALSE(fs::exists(dir_ / "other.db"));

  // The restored database serves: the server starts on it.
  EXPECT_EQ(StopServer(SIGTERM), 0);
  db_ = restored.string();
  StartServer();
  const Result whoami = Cli({"whoami"});
  EXPECT_EQ(whoami.exit_code, 0) << whoami.err;

  // Only admins back up.
  MustCli({"account", "create", "--email", "koordination@example.org", "--name", "Koordination",
           "--role", "coordinator:1", "--password-stdin"},
          "koordinations-passwort\n");
  MustCli({"login", "--email", "koordination@example.org", "--password-stdin"},
          "koordinations-passwort\n");
  ExpectBadInputs({{{"admin", "backup", "copy.db"}, 6, "admin"}});
  EXPECT_FALSE(fs::exists(dir_ / "copy.db"));
  EXPECT_FALSE(fs::exists(dir_ / "copy.db.part"));
}

}  // namespace
}  // namespace trainhub::e2e
