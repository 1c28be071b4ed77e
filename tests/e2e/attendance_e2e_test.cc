// End to end, with the real binaries on a fresh demo: the trainer walks
// through today's sheet and signs it off, a participant checks in with the
// code the trainer's client shows, the sign-in sheet is a PDF with every
// script readable, and a record changed in the database file is found: in
// the ledger (also set back to an older hash version, also in an export),
// in the statuses the reports count, and in the audit log.

#include <google/protobuf/util/json_util.h>
#include <sqlite3.h>

#include "e2e/e2e_fixture.h"
#include "trainhub/v1/attendance.pb.h"

namespace trainhub::e2e {
namespace {

constexpr char kDemo[] = "trainhub-demo\n";
constexpr char kTodaysSession[] = "37";  // the demo's one-day course (series 6)

class AttendanceE2eTest : public E2eTest {
 protected:
  void SetUp() override {
    E2eTest::SetUp();
    StartAsAdmin();
    MustCli({"demo", "load"});
  }
  void LogIn(const std::string& email) {
    MustCli({"login", "--email", email, "--password-stdin"}, kDemo);
  }
};

TEST_F(AttendanceE2eTest, TheTrainerTakesTodaysSheetAndAParticipantChecksIn) {
  LogIn("nuran.sahin@example.org");
  const Result opened = MustCli(
      {"--output", "json", "attendance", "checkin", "open", kTodaysSession, "--minutes", "15"});
  v1::CheckInWindow window;
  ASSERT_TRUE(google::protobuf::util::JsonStringToMessage(opened.out, &window).ok()) << opened.out;
  ASSERT_EQ(window.code().size(), 6u);

  LogIn("teilnehmerin@example.org");  // Jana Beispiel, participant 1
  const Result wrong = Cli({"checkin", window.code() == "000000" ? "000001" : "000000"});
  EXPECT_EQ(wrong.exit_code, 3);
  EXPECT_NE(wrong.err.find("wrong or expired code"), std::string::npos) << wrong.err;
  Result in = Cli({"checkin", window.code()});
  if (in.exit_code != 0) {  // the 30-second slot turned twice in between: take the new code
    LogIn("nuran.sahin@example.org");
    const Result again =
        MustCli({"--output", "json", "attendance", "checkin", "code", kTodaysSession});
    ASSERT_TRUE(google::protobuf::util::JsonStringToMessage(again.out, &window).ok());
    LogIn("teilnehmerin@example.org");
    in = Cli({"checkin", window.code()});
  }
  ASSERT_EQ(in.exit_code, 0) << in.err;
  EXPECT_NE(in.out.find("present at session 37"), std::string::npos) << in.out;
  const Result own = MustCli({"attendance", "sheet", kTodaysSession});
  EXPECT_NE(own.out.find("Jana Beispiel"), std::string::npos) << own.out;
  EXPECT_EQ(own.out.find("Олена Коваль"), std::string::npos) << "only their own line";

  // The trainer goes through the others one by one: Enter keeps Jana's check-in.
  LogIn("nuran.sahin@example.org");
  const Result taken = MustCli({"attendance", "take", kTodaysSession}, "\np\nl 20\ne\na\n");
  EXPECT_NE(taken.out.find("Recorded:  5 of 5"), std::string::npos) << taken.out;
  EXPECT_NE(taken.out.find("late (20 min)"), std::string::npos) << taken.out;
  EXPECT_NE(taken.out.find("present (checked in)"), std::string::npos) << taken.out;
  MustCli({"attendance", "signoff", kTodaysSession});
  const Result after = Cli({"attendance", "record", kTodaysSession, "--present", "2"});
  EXPECT_EQ(after.exit_code, 3);
  EXPECT_NE(after.err.find("signed off"), std::string::npos) << after.err;

  // The coordinator corrects one with a reason; the history keeps both.
  LogIn("koordination@agsa.example.org");
  MustCli({"attendance", "record", kTodaysSession, "--present", "2", "--reason",
           "kam doch, Unterschrift auf der Liste"});
  const Result history = MustCli({"attendance", "history", kTodaysSession, "--participant", "2"});
  EXPECT_NE(history.out.find("Nuran Şahin"), std::string::npos) << history.out;
  EXPECT_NE(history.out.find("Koordination"), std::string::npos) << history.out;
  EXPECT_NE(history.out.find("kam doch"), std::string::npos) << history.out;
  EXPECT_NE(history.out.find("excused -> present"), std::string::npos) << history.out;
}

TEST_F(AttendanceE2eTest, TheSignInSheetIsAPdfWithEveryScriptReadable) {
  LogIn("nuran.sahin@example.org");
  MustCli({"attendance", "signin-sheet", kTodaysSession, "-o", "liste.pdf"});
  const fs::path pdf = dir_ / "liste.pdf";
  ASSERT_TRUE(fs::exists(pdf));
  EXPECT_EQ(fs::status(pdf).permissions() & fs::perms::all,
            fs::perms::owner_read | fs::perms::owner_write);
  const std::string text_file = (dir_ / "liste.txt").string();
  ASSERT_EQ(std::system(("pdftotext -enc UTF-8 " + pdf.string() + " " + text_file).c_str()), 0);
  const std::string text = ReadFile(text_file);
  for (const char* expected : {"Teilnehmer- und Unterschriftenliste", "Nuran Şahin",
                               "Дмитро Шевчук", "Trần Thị Thu", "خليل",
                               "Interkulturelle "
                               "Kommunikation kompakt"}) {
    EXPECT_NE(text.find(expected), std::string::npos) << expected << "\n" << text;
  }
}

TEST_F(AttendanceE2eTest, ARecordChangedInTheDatabaseFileIsFound) {
  const Result intact = MustCli({"attendance", "verify", "1"});
  EXPECT_NE(intact.out.find("is intact"), std::string::npos) << intact.out;
  MustCli({"attendance", "ledger", "1", "-o", "journal.json"});
  EXPECT_NE(MustCli({"attendance", "verify", "--file", "journal.json"}).out.find("is intact"),
            std::string::npos);
  // Someone turns Jonas' absence into presence with an SQLite tool.
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(db_.c_str(), &db), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(db,
                         "DROP TRIGGER attendance_entry_frozen;"
                         " UPDATE attendance_entry SET status = 1 WHERE status = 4;",
                         nullptr, nullptr, nullptr),
            SQLITE_OK);
  sqlite3_close(db);
  const Result changed = Cli({"attendance", "verify", "1"});
  EXPECT_EQ(changed.exit_code, 3);
  EXPECT_NE(changed.out.find("was CHANGED"), std::string::npos) << changed.out;
  // The export made before still verifies: it is the evidence.
  EXPECT_EQ(Cli({"attendance", "verify", "--file", "journal.json"}).exit_code, 0);
}

// Runs `sql` on the database file as someone holding it would.
void Tamper(const std::string& db_path, const std::string& sql) {
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(db_path.c_str(), &db), SQLITE_OK);
  sqlite3_busy_timeout(db, 5000);
  char* error = nullptr;
  EXPECT_EQ(sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &error), SQLITE_OK)
      << (error != nullptr ? error : "") << "\n"
      << sql;
  sqlite3_free(error);
  sqlite3_close(db);
}

// The attack of issue 28: an entry set back to hash version 1 with any text
// digest, its status changed. The server's check and the offline check of
// a new export find it; the export made before still verifies.
TEST_F(AttendanceE2eTest, AnEntrySetBackToAnOlderHashVersionIsFoundAlsoInAnExport) {
  MustCli({"attendance", "ledger", "1", "-o", "before.json"});
  Tamper(db_,
         "DROP TRIGGER attendance_entry_frozen; DROP TRIGGER attendance_entry_erasure;"
         " UPDATE attendance_entry SET hash_version = 1, text_digest = randomblob(32),"
         " status = 1 WHERE id = (SELECT min(id) FROM attendance_entry WHERE series_id = 1"
         " AND status = 4)");
  const Result changed = Cli({"attendance", "verify", "1"});
  EXPECT_EQ(changed.exit_code, 3);
  EXPECT_NE(changed.out.find("was CHANGED"), std::string::npos) << changed.out;
  MustCli({"attendance", "ledger", "1", "-o", "after.json"});
  const Result file = Cli({"attendance", "verify", "--file", "after.json"});
  EXPECT_EQ(file.exit_code, 3) << file.out;
  EXPECT_NE(file.out.find("was CHANGED"), std::string::npos) << file.out;
  EXPECT_EQ(Cli({"attendance", "verify", "--file", "before.json"}).exit_code, 0);
}

// The funder report counts from the statuses kept per person and session:
// changed behind the server's back, verification says what differs.
TEST_F(AttendanceE2eTest, AChangedCountOfTheReportsIsFound) {
  ASSERT_EQ(Cli({"attendance", "verify", "1"}).exit_code, 0);
  Tamper(db_, "UPDATE attendance_current SET status = 4 WHERE series_id = 1 AND status IN (1, 2)");
  const Result changed = Cli({"attendance", "verify", "1"});
  EXPECT_EQ(changed.exit_code, 3);
  EXPECT_NE(changed.out.find("the reports count absent"), std::string::npos) << changed.out;
  EXPECT_NE(changed.out.find("the ledger says present"), std::string::npos) << changed.out;
}

// The audit log's chain: intact after the demo, CHANGED (exit 3) once an
// event is edited after its triggers were dropped.
TEST_F(AttendanceE2eTest, AnAuditEventChangedInTheDatabaseFileIsFound) {
  const Result intact = MustCli({"audit", "verify"});
  EXPECT_NE(intact.out.find("the audit log is intact"), std::string::npos) << intact.out;
  Tamper(db_,
         "DROP TRIGGER audit_event_no_update;"
         " UPDATE audit_event SET object = 'series/999' WHERE id = (SELECT min(id)"
         " FROM audit_event WHERE object LIKE 'series/%')");
  const Result changed = Cli({"audit", "verify"});
  EXPECT_EQ(changed.exit_code, 3);
  EXPECT_NE(changed.out.find("the audit log was CHANGED"), std::string::npos) << changed.out;
  const Result json = Cli({"--output", "json", "audit", "verify"});
  EXPECT_EQ(json.exit_code, 3);
  EXPECT_NE(json.out.find("\"intact\":false"), std::string::npos) << json.out;
}

}  // namespace
}  // namespace trainhub::e2e
