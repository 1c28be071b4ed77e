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
#include "testing/reader_process.h"
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

// kWriters clients, each on its own channel, create organisations ("Verein
// W-I") as the bearer of `token` until `stop`; the names acknowledged go
// into `acknowledged`, guarded by `mu`.
std::vector<std::thread> StartWriters(const std::string& address, const std::string& token,
                                      const std::atomic<bool>& stop, std::mutex& mu,
                                      std::set<std::string>& acknowledged) {
  std::vector<std::thread> writers;
  for (int w = 0; w < kWriters; ++w) {
    writers.emplace_back([&, address, token, w] {
      auto stub = v1::OrganizationService::NewStub(
          grpc::CreateChannel(address, grpc::InsecureChannelCredentials()));
      for (int i = 0; !stop; ++i) {
        const std::string name = "Verein " + std::to_string(w) + "-" + std::to_string(i);
        if (CreateOrganizationNamed(*stub, token, name, std::chrono::seconds(10)).ok()) {
          std::lock_guard<std::mutex> lock(mu);
          acknowledged.insert(name);
        }
      }
    });
  }
  return writers;
}

TEST_F(E2eTest, ABackupUnderLoadRestoresEveryWriteAcknowledgedBeforeIt) {
  StartAsAdmin();
  const std::string token = SavedCliToken(dir_);

  std::mutex mu;
  std::set<std::string> acknowledged;
  std::atomic<bool> stop{false};
  std::vector<std::thread> writers = StartWriters(address_, token, stop, mu, acknowledged);
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

// A clean stop (SIGTERM, exit 0) leaves one complete file: a copy of the
// .db alone holds every write. What is no complete copy is refused by
// --restore: a file with its -wal beside it, or one copied while the
// server ran or after it was killed.
TEST_F(E2eTest, ACleanStopLeavesOneCompleteFileAndRestoreRefusesIncompleteCopies) {
  StartAsAdmin();
  const std::string token = SavedCliToken(dir_);
  auto stub = v1::OrganizationService::NewStub(
      grpc::CreateChannel(address_, grpc::InsecureChannelCredentials()));
  std::set<std::string> written;
  for (int i = 0; i < 30; ++i) {
    const std::string name = "Verein " + std::to_string(i);
    ASSERT_TRUE(CreateOrganizationNamed(*stub, token, name, std::chrono::seconds(10)).ok());
    written.insert(name);
  }
  ASSERT_TRUE(fs::exists(db_ + "-wal"));
  ASSERT_EQ(StopServer(SIGTERM), 0);
  EXPECT_NE(ReadFile(server_log_).find("one complete file"), std::string::npos)
      << ReadFile(server_log_);
  EXPECT_FALSE(fs::exists(db_ + "-wal")) << "committed writes left in the write-ahead log";
  EXPECT_FALSE(fs::exists(db_ + "-shm"));
  const fs::path copy = dir_ / "stopped-copy.db";
  fs::copy_file(db_, copy);
  bool intact = false;
  const std::set<std::string> in_copy = OrganizationsIn(copy.string(), &intact);
  EXPECT_TRUE(intact);
  int missing = 0;
  for (const std::string& name : written) missing += in_copy.count(name) == 0;
  EXPECT_EQ(missing, 0) << "of " << written.size() << " writes, the copy of the .db alone lacks";
  // Such a copy restores.
  pid_t pid = Spawn(
      {TRAINHUBD_PATH, "--restore", copy.string(), "--db", (dir_ / "from-stopped.db").string()},
      dir_ / "restore-stopped.log");
  EXPECT_EQ(WaitExit(pid), 0) << ReadFile(dir_ / "restore-stopped.log");

  // Copies of a running server's file are refused, and so is the file of a
  // killed one, changing nothing.
  StartServer();
  stub = v1::OrganizationService::NewStub(
      grpc::CreateChannel(address_, grpc::InsecureChannelCredentials()));
  ASSERT_TRUE(
      CreateOrganizationNamed(*stub, token, "Verein danach", std::chrono::seconds(10)).ok());
  const fs::path running = dir_ / "running-copy.db";
  fs::copy_file(db_, running);
  fs::copy_file(db_ + "-wal", running.string() + "-wal");
  auto refused = [&](const fs::path& backup, const std::string& says) {
    const fs::path log = dir_ / "restore-refused.log";
    const fs::path target = dir_ / "never.db";
    pid_t refused_pid =
        Spawn({TRAINHUBD_PATH, "--restore", backup.string(), "--db", target.string()}, log);
    EXPECT_EQ(WaitExit(refused_pid), 1) << ReadFile(log);
    EXPECT_NE(ReadFile(log).find(says), std::string::npos) << ReadFile(log);
    EXPECT_FALSE(fs::exists(target));
  };
  refused(running, "-wal beside it");
  fs::remove(running.string() + "-wal");
  refused(running, "copied while trainhubd ran");
  ASSERT_EQ(StopServer(SIGKILL), 128 + SIGKILL);
  const fs::path killed = dir_ / "killed-copy.db";
  fs::copy_file(db_, killed);
  refused(killed, "copied while trainhubd ran");
}

// An operator's sqlite3 holds a read transaction while a person's data is
// erased: the CLI says the purge is pending (erase and due), writes go on
// meanwhile, and once the reader is gone the name and address are in
// neither the database, its log, nor a backup.
TEST_F(E2eTest, AnErasureDuringAnotherProgramsReadIsPurgedWhenItEnds) {
  StartAsAdmin();
  MustCli({"org", "create", "--name", "Netzwerk Vielfalt e. V.", "--kind", "ngo"});
  MustCli({"participant", "create", "--name", "Greta Leselampe", "--email",
           "greta.leselampe@example.org", "--org", "1", "--target-group", "volunteers"});
  const auto holds_canary = [](const std::string& bytes) {
    return bytes.find("Leselampe") != std::string::npos ||
           bytes.find("leselampe@") != std::string::npos;
  };
  ASSERT_TRUE(holds_canary(ReadFile(db_) + ReadFile(db_ + "-wal")));
  testing::ReaderProcess reader;
  reader.Start(db_, "participant");
  if (HasFatalFailure()) return;

  const Result erased = MustCli({"privacy", "erase", "1", "--reason", "Antrag vom 30.11.2026"});
  EXPECT_NE(erased.out.find("not yet (pending)"), std::string::npos) << erased.out;
  EXPECT_NE(erased.out.find("another program holds a read"), std::string::npos) << erased.out;
  EXPECT_NE(MustCli({"privacy", "due", "--org", "1"}).out.find("Pending:"), std::string::npos);
  for (int i = 0; i < 5; ++i) {
    MustCli({"org", "create", "--name", "Verein " + std::to_string(i), "--kind", "ngo"});
  }
  EXPECT_TRUE(reader.Reading()) << "the writes must not have waited for the reader";

  reader.Release();
  std::string due = "Pending:";
  for (int i = 0; i < 100 && due.find("Pending:") != std::string::npos; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    due = MustCli({"privacy", "due", "--org", "1"}).out;
  }
  EXPECT_EQ(due.find("Pending:"), std::string::npos) << due;
  MustCli({"admin", "backup", "nachher.db"});
  EXPECT_FALSE(holds_canary(ReadFile(db_))) << "database file";
  EXPECT_FALSE(holds_canary(ReadFile(db_ + "-wal"))) << "write-ahead log";
  EXPECT_FALSE(holds_canary(ReadFile(dir_ / "nachher.db"))) << "backup";
}

}  // namespace
}  // namespace trainhub::e2e
