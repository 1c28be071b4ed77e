// End to end: what the hardening issue found by trying trainhub as an
// operator and as an attacker would, with the real binaries.

#include <grpcpp/grpcpp.h>
#include <gtest/gtest.h>
#include <sqlite3.h>
#include <sys/stat.h>

#include <chrono>
#include <regex>

#include "e2e/e2e_fixture.h"
#include "grpc/health/v1/health.grpc.pb.h"

namespace trainhub::e2e {
namespace {

int ModeOf(const fs::path& path) {
  struct stat info {};
  if (stat(path.c_str(), &info) != 0) return -1;
  return static_cast<int>(info.st_mode & 0777);
}

TEST_F(E2eTest, ASecondServerOnABusyPortExitsWithAddressInUse) {
  CreateAdmin();
  StartServer();
  const fs::path log = dir_ / "second.log";
  pid_t second =
      Spawn({TRAINHUBD_PATH, "--listen", address_, "--db", (dir_ / "other.db").string()}, log);
  EXPECT_EQ(WaitExit(second), 1) << ReadFile(log);
  EXPECT_NE(ReadFile(log).find("in use"), std::string::npos) << ReadFile(log);
}

// One trainhubd per database file: a second one on the same file (also
// through a link) is refused with a clear message, while an operator's
// read-only sqlite3 still reads it; a restore onto it is refused too.
TEST_F(E2eTest, ASecondServerOnTheSameDatabaseIsRefused) {
  CreateAdmin();
  // Stopped cleanly, the file is a backup.
  fs::copy_file(db_, dir_ / "backup.db");
  StartServer();
  const fs::path link = dir_ / "link.db";
  fs::create_symlink(db_, link);
  for (const std::string& path : {db_, link.string()}) {
    const fs::path log = dir_ / "second.log";
    pid_t second = Spawn({TRAINHUBD_PATH, "--listen", "127.0.0.1:0", "--db", path}, log);
    EXPECT_EQ(WaitExit(second), 1) << ReadFile(log);
    EXPECT_NE(ReadFile(log).find("is in use by another trainhubd"), std::string::npos)
        << ReadFile(log);
    EXPECT_EQ(ReadFile(log).find("listening"), std::string::npos) << ReadFile(log);
  }
  sqlite3* reader = nullptr;
  ASSERT_EQ(sqlite3_open_v2(db_.c_str(), &reader, SQLITE_OPEN_READONLY, nullptr), SQLITE_OK);
  sqlite3_stmt* q = nullptr;
  ASSERT_EQ(sqlite3_prepare_v2(reader, "SELECT count(*) FROM account", -1, &q, nullptr), SQLITE_OK);
  ASSERT_EQ(sqlite3_step(q), SQLITE_ROW);
  EXPECT_EQ(sqlite3_column_int(q, 0), 1);
  sqlite3_finalize(q);
  sqlite3_close(reader);
  const fs::path log = dir_ / "restore.log";
  pid_t restore =
      Spawn({TRAINHUBD_PATH, "--restore", (dir_ / "backup.db").string(), "--db", db_}, log);
  EXPECT_EQ(WaitExit(restore), 1) << ReadFile(log);
  EXPECT_NE(ReadFile(log).find("exists"), std::string::npos) << ReadFile(log);
  // The first still serves; once it stopped, a server starts on the file.
  EXPECT_EQ(Cli({"health"}).exit_code, 0);
  EXPECT_EQ(StopServer(SIGTERM), 0);
  StartServer();
  EXPECT_EQ(Cli({"health"}).exit_code, 0);
}

TEST_F(E2eTest, ATlsKeyThatDoesNotMatchItsCertificateIsNamedAsSuch) {
  MakeTestCertificates(dir_);
  const fs::path log = dir_ / "mismatch.log";
  // ca.key is a valid key, but not the one server.pem was made for.
  pid_t pid = Spawn({TRAINHUBD_PATH, "--listen", "127.0.0.1:0", "--db", db_, "--tls-cert",
                     (dir_ / "server.pem").string(), "--tls-key", (dir_ / "ca.key").string()},
                    log);
  EXPECT_EQ(WaitExit(pid), 1);
  EXPECT_NE(ReadFile(log).find("the TLS key does not belong to the TLS certificate"),
            std::string::npos)
      << ReadFile(log);
  EXPECT_EQ(ReadFile(log).find("in use"), std::string::npos) << ReadFile(log);
}

TEST_F(E2eTest, DatabaseFilesAreTheOperatorsAloneWhateverTheUmask) {
  const mode_t saved = umask(0);
  CreateAdmin();
  StartServer();
  umask(saved);
  MustCli({"login", "--email", kAdminEmail, "--password-stdin"},
          std::string(kAdminPassword) + "\n");
  MustCli({"org", "create", "--name", "Stadt Köthen", "--kind", "municipality"});
  // The certificate signing key and the request key beside the database too.
  for (const std::string suffix : {"", "-wal", "-shm", ".issuer-key", ".request-key"}) {
    const fs::path file = db_ + suffix;
    ASSERT_TRUE(fs::exists(file)) << file;
    EXPECT_EQ(ModeOf(file), 0600) << file;
  }
}

TEST_F(E2eTest, AnOlderWorldReadableDatabaseIsTightenedAtStart) {
  CreateAdmin();
  ASSERT_EQ(chmod(db_.c_str(), 0644), 0);
  StartServer();
  EXPECT_EQ(ModeOf(db_), 0600);
}

TEST_F(E2eTest, SigtermStopsPromptlyWhileIdleClientsStayConnected) {
  StartAsAdmin();
  // A client that keeps its channel open (as the desktop client does).
  auto channel = grpc::CreateChannel(address_, grpc::InsecureChannelCredentials());
  auto health = grpc::health::v1::Health::NewStub(channel);
  grpc::ClientContext context;
  grpc::health::v1::HealthCheckRequest request;
  grpc::health::v1::HealthCheckResponse response;
  ASSERT_TRUE(health->Check(&context, request, &response).ok());
  std::this_thread::sleep_for(std::chrono::milliseconds(200));
  const auto start = std::chrono::steady_clock::now();
  EXPECT_EQ(StopServer(SIGTERM), 0);
  const auto took = std::chrono::steady_clock::now() - start;
  // Not a timing assertion on the code's speed: the grace period for
  // in-flight calls is 10 s, and there are none.
  EXPECT_LT(took, std::chrono::seconds(3)) << ReadFile(server_log_);
}

TEST_F(E2eTest, ParticipantsSeeTheirRunningSeriesWithoutInternalNotesOrBookingStates) {
  StartAsAdmin();
  MustCli({"demo", "load"});
  MustCli(
      {"session", "update", "19", "--note", "Honorar 600 EUR; Vertrag noch nicht unterschrieben"});
  MustCli({"series", "update", "2", "--status", "running"});
  MustCli({"login", "--email", "teilnehmerin@example.org", "--password-stdin"}, "trainhub-demo\n");
  EXPECT_NE(MustCli({"series", "show", "2"}).out.find("Interkultur im Ehrenamt"),
            std::string::npos);
  const Result ical = MustCli({"ical", "series", "2"});
  EXPECT_EQ(ical.out.find("Honorar"), std::string::npos) << ical.out;
  EXPECT_EQ(ical.out.find("requested"), std::string::npos) << ical.out;
  EXPECT_EQ(ical.out.find("Петрова"), std::string::npos) << ical.out;
  const Result sessions = MustCli({"--output", "json", "session", "list", "2"});
  EXPECT_EQ(sessions.out.find("Honorar"), std::string::npos) << sessions.out;
  EXPECT_EQ(sessions.out.find("REQUESTED"), std::string::npos) << sessions.out;
  // The roster is not theirs to see, whatever the series.
  EXPECT_EQ(Cli({"roster", "2"}).exit_code, 6);
  EXPECT_EQ(Cli({"enrolment", "list", "--series", "2"}).exit_code, 6);
  EXPECT_EQ(Cli({"enrolment", "list", "--series", "999"}).exit_code, 6);
  EXPECT_EQ(Cli({"session", "list", "999"}).exit_code, 6);
}

TEST_F(E2eTest, CancellingASeriesEndsItsEnrolmentsAndMarksItsSessions) {
  StartAsAdmin();
  MustCli({"demo", "load"});
  MustCli({"series", "cancel", "2", "--reason", "Kreisvolkshochschule geschlossen"});
  const Result enrolments = MustCli({"enrolment", "list", "--series", "2"});
  EXPECT_EQ(enrolments.out.find("enrolled"), std::string::npos) << enrolments.out;
  EXPECT_NE(enrolments.out.find("withdrawn"), std::string::npos) << enrolments.out;
  const Result history = MustCli({"enrolment", "history", "11"});  // Jana in series 2
  EXPECT_NE(history.out.find("the series was cancelled: Kreisvolkshochschule geschlossen"),
            std::string::npos)
      << history.out;
  const Result schedule =
      MustCli({"schedule", "range", "--from", "01.03.2027", "--to", "01.08.2027"});
  EXPECT_NE(schedule.out.find("CANCELLED"), std::string::npos) << schedule.out;
  const Result json = MustCli({"--output", "json", "session", "list", "2"});
  EXPECT_NE(json.out.find("SERIES_STATUS_CANCELLED"), std::string::npos) << json.out;
  const Result ical = MustCli({"ical", "series", "2"});
  EXPECT_EQ(ical.out.find("STATUS:CONFIRMED"), std::string::npos) << ical.out;
  EXPECT_NE(ical.out.find("STATUS:CANCELLED"), std::string::npos) << ical.out;
}

TEST_F(E2eTest, TheCommandLineSpeaksItsOwnWords) {
  StartAsAdmin();
  MustCli({"demo", "load"});
  ExpectBadInputs({
      {{"sereis", "list"}, 2, "did you mean: trainhub series?"},
      {{"series", "lsit"}, 2, "did you mean: trainhub series list?"},
      {{"session", "add", "2", "9", "--start", "2027-03-06 10:00", "--end", "2027-03-06 09:00"},
       3,
       "--end: must be after --start"},
      {{"session", "add", "2", "9", "--start", "2027-10-31 02:30", "--end", "2027-10-31 04:00"},
       2,
       "2027-10-31T02:30+02:00"},
      {{"session", "add", "2", "9", "--start", "2027-03-06T10:00:00.5+01:00", "--end",
        "2027-03-06 12:00"},
       2,
       "whole seconds"},
      {{"session", "add", "2", "9", "--start", "01.03.27 14:00", "--end", "01.03.27 17:00",
        "--trainer", "2"},
       3,
       "pass --allow-overlap"},
      {{"org", "create", "--name", "AUSLANDSGESELLSCHAFT Sachsen-Anhalt e.V.", "--kind", "ngo"},
       3,
       "--name: organisation 1 is already called"},
  });
  const Result help = MustCli({"series", "update", "--help"});
  EXPECT_NE(help.out.find("remove all partner organisations"), std::string::npos) << help.out;
  EXPECT_NE(help.out.find("remove all target groups"), std::string::npos) << help.out;
  EXPECT_NE(MustCli({"module", "update", "--help"}).out.find("remove all topics"),
            std::string::npos);
  EXPECT_NE(MustCli({"--help"}).out.find("TRAINHUB_SERVER"), std::string::npos);
  const Result failed =
      Cli({"login", "--email", kAdminEmail, "--password-stdin"}, "falsch-falsch\n");
  EXPECT_EQ(failed.exit_code, 6);
  EXPECT_EQ(failed.err.find("log in first"), std::string::npos) << failed.err;
}

TEST_F(E2eTest, ImportProblemsExitThreeInJsonTooAndTooLargeFilesSayTheLimit) {
  StartAsAdmin();
  MustCli({"demo", "load"});
  const fs::path csv = dir_ / "liste.csv";
  std::ofstream(csv) << "Name;E-Mail;Zielgruppe\nEva Lang;teilnehmerin@example.org;Ehrenamt\n"
                        "Ali Yılmaz;ali@example.org;Ehrenamt\n";
  const Result json = Cli(
      {"--output", "json", "import", "enrolments", "2", csv.string(), "--org", "1", "--dry-run"});
  EXPECT_EQ(json.exit_code, 3) << json.err;
  EXPECT_NE(json.out.find("belongs to participant"), std::string::npos) << json.out;
  EXPECT_EQ(json.out.find("\"enrolment_id\": \"1"), std::string::npos) << json.out;
  const fs::path big = dir_ / "gross.csv";
  {
    std::ofstream out(big);
    out << "Name;E-Mail\n";
    for (int i = 0; i < 120000; ++i) out << "Person " << i << ";person" << i << "@example.org\n";
  }
  const Result large = Cli({"import", "participants", big.string(), "--org", "1"});
  EXPECT_EQ(large.exit_code, 3);
  EXPECT_NE(large.err.find("split the file"), std::string::npos) << large.err;
  EXPECT_EQ(large.err.find("Received message larger"), std::string::npos) << large.err;
}

TEST_F(E2eTest, EverydayLookUpsFindPeopleScheduleAndUnconfirmedSeats) {
  StartAsAdmin();
  MustCli({"demo", "load"});
  const Result found = MustCli({"participant", "list", "--name", "коваль"});
  EXPECT_NE(found.out.find("Олена Коваль"), std::string::npos) << found.out;
  EXPECT_EQ(found.out.find("Jana"), std::string::npos) << found.out;
  const Result unconfirmed = MustCli({"enrolment", "list", "--series", "2", "--unconfirmed"});
  EXPECT_NE(unconfirmed.out.find("Jana Beispiel"), std::string::npos) << unconfirmed.out;
  const Result audit = MustCli({"audit", "list", "--page-size", "5"});
  EXPECT_NE(audit.out.find("Administrator (1)"), std::string::npos) << audit.out;
  EXPECT_EQ(audit.out.find("UTC"), std::string::npos) << audit.out;

  MustCli({"login", "--email", "nuran.sahin@example.org", "--password-stdin"}, "trainhub-demo\n");
  const Result mine = MustCli({"schedule", "mine", "--from", "2018-01-01"});
  EXPECT_NE(mine.out.find("23.11.2018 09:00–16:00"), std::string::npos) << mine.out;
  const Result upcoming = MustCli({"schedule", "mine"});
  EXPECT_EQ(upcoming.out.find("2018"), std::string::npos) << upcoming.out;
  // A participant's own: today's session of the one-day course (series 6)
  // and the volunteer course's (series 2) she holds seats in; nothing else.
  MustCli({"login", "--email", "teilnehmerin@example.org", "--password-stdin"}, "trainhub-demo\n");
  const Result own = MustCli({"--output", "json", "schedule", "mine"});
  EXPECT_NE(own.out.find("\"id\":\"37\""), std::string::npos) << own.out;
  EXPECT_NE(own.out.find("\"series_id\":\"2\""), std::string::npos) << own.out;
  EXPECT_EQ(own.out.find("\"series_id\":\"1\""), std::string::npos) << own.out;
  EXPECT_EQ(own.out.find("\"series_id\":\"5\""), std::string::npos) << own.out;
}

TEST_F(E2eTest, DemoLoadIsRepeatableAndRefusedUpFrontForAnotherAccount) {
  StartAsAdmin();
  MustCli({"demo", "load"});
  MustCli({"demo", "load"});
  MustCli({"account", "create", "--email", "zweite@example.org", "--name", "Zweite Admin", "--role",
           "admin", "--password-stdin"},
          "zweites-passwort-1\n");
  MustCli({"login", "--email", "zweite@example.org", "--password-stdin"}, "zweites-passwort-1\n");
  const std::string before = MustCli({"--output", "json", "org", "list"}).out;
  const Result again = Cli({"demo", "load"});
  EXPECT_EQ(again.exit_code, 3) << again.err;
  EXPECT_NE(again.err.find("loaded by another account"), std::string::npos) << again.err;
  EXPECT_EQ(MustCli({"--output", "json", "org", "list"}).out, before);
}

}  // namespace
}  // namespace trainhub::e2e
