// End to end: the real trainhubd on a free loopback port with a temporary
// database, driven by the real trainhub CLI, as a coordinator would. What
// fits 80 columns and enrolment from an import are in
// cli_e2e_display_test.cc and cli_e2e_enrolment_test.cc.

#include <google/protobuf/util/json_util.h>
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <algorithm>
#include <ctime>
#include <regex>

#include "e2e/e2e_fixture.h"
#include "trainhub/v1/series.pb.h"

namespace trainhub::e2e {
namespace {

// `r` failed with `exit_code`, saying `text`.
void ExpectFailure(const Result& r, int exit_code, const std::string& text) {
  EXPECT_EQ(r.exit_code, exit_code) << r.err;
  EXPECT_NE(r.err.find(text), std::string::npos) << r.err;
}

// The day `days` days before today, local time, as "31.12.2026".
std::string DayBefore(int days) {
  const std::time_t then = std::time(nullptr) - days * 24 * 3600;
  std::tm day{};
  localtime_r(&then, &day);
  char text[16];
  std::strftime(text, sizeof text, "%d.%m.%Y", &day);
  return text;
}

TEST_F(E2eTest, ACoordinatorTakesTheTour) {
  StartAsAdmin();
  Result loaded = MustCli({"demo", "load"});
  EXPECT_NE(loaded.out.find("7 series"), std::string::npos) << loaded.out;
  EXPECT_NE(loaded.out.find("17 attendance sheets"), std::string::npos) << loaded.out;
  // Loading again creates nothing twice.
  MustCli({"demo", "load"});

  Result list = MustCli({"series", "list"});
  for (const char* title : {"Systemische Organisationsberatung", "Interkultur im Ehrenamt",
                            "Gemeinsam verschieden", "Vielfalts-Montag"}) {
    EXPECT_NE(list.out.find(title), std::string::npos) << title << "\n" << list.out;
  }
  std::istringstream lines(list.out);
  for (std::string line; std::getline(lines, line);) {
    size_t columns = 0;
    for (unsigned char c : line) columns += (c & 0xC0) != 0x80;
    EXPECT_LE(columns, 80u) << line;
  }

  Result json = MustCli({"--output", "json", "series", "list"});
  v1::ListSeriesResponse parsed;
  ASSERT_TRUE(google::protobuf::util::JsonStringToMessage(json.out, &parsed).ok()) << json.out;
  EXPECT_EQ(parsed.series_size(), 7);

  Result show = MustCli({"series", "show", "1"});
  EXPECT_NE(show.out.find("8. Systemische"), std::string::npos) << show.out;
  EXPECT_NE(show.out.find("Organisationsberatung II"), std::string::npos) << show.out;
  // Each day of a multi-day module is a session of its own (the WHEN column wraps).
  for (const char* when : {"1   23.11.2018", "2   24.11.2018", "13  14.05.2020", "14  15.05.2020",
                           "15  16.05.2020", "17  06.06.2020"}) {
    EXPECT_NE(show.out.find(when), std::string::npos) << when << "\n" << show.out;
  }

  Result pending = MustCli({"schedule", "pending"});
  EXPECT_NE(pending.out.find("? "), std::string::npos) << pending.out;

  // Lindqvist (trainer 7) teaches the double block of modules 7 and 8, a session per day.
  Result block = MustCli({"schedule", "trainer", "7"});
  EXPECT_NE(block.out.find("16.05.2020 09:00–13:00"), std::string::npos) << block.out;
  EXPECT_NE(block.out.find("06.06.2020 09:00–16:00"), std::string::npos) << block.out;
  Result may = MustCli({"schedule", "trainer", "7", "--from", "2020-05-01", "--to", "2020-06-01"});
  EXPECT_EQ(may.out.find("05.06. 09:00"), std::string::npos) << may.out;
  Result spring = MustCli({"schedule", "range", "--from", "01.03.2027", "--to", "01.04.2027"});
  EXPECT_NE(spring.out.find("Vielfalts-Montag"), std::string::npos) << spring.out;
  EXPECT_NE(spring.out.find("Interkultur im Ehrenamt"), std::string::npos) << spring.out;
}

// The server's refusals come in the language of the user's locale; the
// CLI's own words (the "error:" prefix, its flags) stay as they are.
TEST_F(E2eTest, RefusalsComeInTheLanguageOfTheUsersLocale) {
  StartAsAdmin();
  const std::vector<std::string> german = {"LANG=de_DE.UTF-8"};
  Result series = Cli({"series", "show", "987654"}, "", german);
  EXPECT_EQ(series.exit_code, 4) << series.err;
  EXPECT_NE(series.err.find("Die Reihe 987654 gibt es nicht"), std::string::npos) << series.err;
  EXPECT_EQ(series.err.find("does not exist"), std::string::npos) << series.err;
  Result enrolment = Cli({"enrolment", "show", "987654"}, "", {"LC_ALL=de_AT.UTF-8"});
  EXPECT_NE(enrolment.err.find("Die Anmeldung 987654 gibt es nicht"), std::string::npos)
      << enrolment.err;
  // LC_ALL wins over LANG; English when the locale is English.
  Result english = Cli({"series", "show", "987654"}, "", {"LANG=de_DE.UTF-8", "LC_ALL=en_GB.UTF-8"});
  EXPECT_NE(english.err.find("series 987654 does not exist"), std::string::npos) << english.err;
  Result plain = Cli({"series", "show", "987654"});
  EXPECT_NE(plain.err.find("series 987654 does not exist"), std::string::npos) << plain.err;

  // An import's problems, checked and refused, in German too.
  MustCli({"demo", "load"});
  const std::string csv = (dir_ / "liste.csv").string();
  std::ofstream(csv) << "Name;Zielgruppe;Ausbildungsjahr\nJana Test;Astronauten;\n"
                        "Ali Test;Auszubildende;zwei\n";
  for (const char* dry_run : {"--dry-run", ""}) {
    std::vector<std::string> args = {"import", "participants", csv, "--org", "1"};
    if (*dry_run != '\0') args.push_back(dry_run);
    Result checked = Cli(args, "", german);
    EXPECT_EQ(checked.exit_code, 3) << checked.err;
    // The lines wrapped at 80 columns joined again.
    const std::string said =
        std::regex_replace(checked.out + checked.err, std::regex("\n +"), " ");
    EXPECT_NE(said.find("unbekannte Zielgruppe „Astronauten“"), std::string::npos) << said;
    EXPECT_NE(said.find("„zwei“ ist keine Zahl"), std::string::npos) << said;
    EXPECT_EQ(said.find("unknown target group"), std::string::npos) << said;
  }
}

TEST_F(E2eTest, ADoubleBookingIsRefusedWithAClearMessage) {
  StartAsAdmin();
  MustCli({"demo", "load"});
  // Trainer 2 teaches the first Vielfalts-Montag on 01.03.2027 13:00-16:30.
  Result clash = Cli({"session", "add", "2", "9", "--start", "2027-03-01 14:00", "--end",
                      "2027-03-01 17:00", "--trainer", "2"});
  EXPECT_EQ(clash.exit_code, 3);
  EXPECT_NE(clash.err.find("already booked"), std::string::npos) << clash.err;
  EXPECT_NE(clash.err.find("Dr. Jonas Keller"), std::string::npos) << clash.err;
  EXPECT_NE(clash.err.find("conflicting session: 28"), std::string::npos) << clash.err;

  Result intended = Cli({"session", "add", "2", "9", "--start", "2027-03-01 14:00", "--end",
                         "2027-03-01 17:00", "--trainer", "2", "--allow-overlap"});
  EXPECT_EQ(intended.exit_code, 0) << intended.err;
}

TEST_F(E2eTest, TheCalendarFileCarriesTheTimeZone) {
  StartAsAdmin();
  MustCli({"demo", "load"});
  const fs::path file = dir_ / "ikoe.ics";
  Result exported = MustCli({"ical", "series", "1", "-o", file.string()});
  EXPECT_NE(exported.err.find("17 events"), std::string::npos) << exported.err;
  const std::string ics = ReadFile(file);
  EXPECT_EQ(ics.rfind("BEGIN:VCALENDAR\r\n", 0), 0u);
  EXPECT_NE(ics.find("BEGIN:VTIMEZONE\r\nTZID:Europe/Berlin"), std::string::npos);
  EXPECT_NE(ics.find("DTSTART;TZID=Europe/Berlin:20181123T090000"), std::string::npos);
  EXPECT_NE(ics.find("DTEND;TZID=Europe/Berlin:20200606T160000"), std::string::npos);
  size_t events = 0;
  for (size_t pos = 0; (pos = ics.find("BEGIN:VEVENT", pos)) != std::string::npos; ++pos) {
    ++events;
  }
  EXPECT_EQ(events, 17u);
  Result trainer = MustCli({"ical", "trainer", "7"});
  EXPECT_NE(trainer.out.find("Systemische Organisationsberatung I"), std::string::npos);
}

TEST_F(E2eTest, EveryBadInputGetsAClearErrorAndChangesNothing) {
  StartAsAdmin();
  MustCli({"demo", "load"});
  const std::string before = MustCli({"--output", "json", "series", "list"}).out +
                             MustCli({"--output", "json", "session", "list", "2"}).out;
  const std::vector<BadInput> cases = {
      {{"series", "create", "--title", "", "--kind", "other", "--org", "1", "--capacity", "5"},
       3,
       "--title: must not be empty"},
      {{"series", "create", "--title", std::string(201, 'x'), "--kind", "other", "--org", "1",
        "--capacity", "5"},
       3,
       "at most 200 characters"},
      {{"series", "create", "--title", "Neu", "--kind", "other", "--org", "1", "--capacity", "0"},
       3,
       "--capacity: must be between 1 and"},
      {{"series", "create", "--title", "Neu", "--kind", "other", "--org", "99", "--capacity", "5"},
       3,
       "organisation 99 does not exist"},
      {{"series", "create", "--title", "Neu", "--kind", "unknown-kind", "--org", "1", "--capacity",
        "5"},
       2,
       "--kind"},
      {{"series", "create", "--title", "Bad \xff title", "--kind", "other", "--org", "1",
        "--capacity", "5"},
       3,
       "--title: the text is not valid UTF-8"},
      {{"session", "add", "2", "9", "--start", "2027-03-06 10:00", "--end", "2027-03-06 09:00"},
       3,
       "--end: must be after --start"},
      {{"session", "add", "2", "1", "--start", "2027-03-06 10:00", "--end", "2027-03-06 12:00"},
       3,
       "module 1 belongs to series 1, not to series 2"},
      {{"session", "add", "2", "9", "--start", "someday", "--end", "2027-03-06 12:00"},
       2,
       "--start"},
      {{"session", "add", "2", "9", "--start", "2027-03-06 10:00", "--end", "2027-03-06 12:00",
        "--trainer", "999"},
       3,
       "trainer 999 does not exist"},
      {{"series", "show", "999"}, 4, "series 999 does not exist"},
      {{"session", "show", "999"}, 4, "session 999 does not exist"},
      {{"series", "list", "--page-token", "bogus"}, 3, "--page-token"},
      {{"series", "update", "2", "--status", "completed"}, 3, "cannot go from open"},
      {{"series", "update", "2"}, 2, "nothing to update"},
      {{"series", "delete", "2"}, 3, "has 2 enrolment(s); cancel the series instead"},
      {{"series", "delete", "1"}, 3, "has 5 enrolment(s); cancel the series instead"},
      {{"module", "move", "2", "9", "--to", "9"}, 3, "position: must be between 1 and 5"},
      {{"session", "update", "19", "--note", "x"}, 0, ""},  // sanity: a valid change
      {{"series"}, 2, ""},
  };
  ExpectBadInputs(cases);
  MustCli({"session", "update", "19", "--note", ""});  // undo the sanity change
  const std::string after = MustCli({"--output", "json", "series", "list"}).out +
                            MustCli({"--output", "json", "session", "list", "2"}).out;
  EXPECT_EQ(after, before);
}

TEST_F(E2eTest, AnUnreachableServerIsReportedAsSuch) {
  address_ = "127.0.0.1:1";
  Result r = Cli({"series", "list"});
  EXPECT_EQ(r.exit_code, 5);
  EXPECT_NE(r.err.find("cannot reach trainhubd"), std::string::npos) << r.err;
}

TEST_F(E2eTest, SigtermStopsCleanlyAndSettingsComeFromTheEnvironment) {
  CreateAdmin();
  StartServer(/*via_env=*/true);
  MustCli({"login", "--email", kAdminEmail, "--password-stdin"},
          std::string(kAdminPassword) + "\n");
  MustCli({"org", "create", "--name", "Umweltbundesamt", "--kind", "federal-agency"});
  EXPECT_EQ(StopServer(SIGTERM), 0);
  const std::string log = ReadFile(server_log_);
  EXPECT_NE(log.find("trainhubd stopped"), std::string::npos) << log;
  EXPECT_NE(log.find("rpc /trainhub.v1.OrganizationService/CreateOrganization OK"),
            std::string::npos)
      << log;
  EXPECT_EQ(log.find("Umweltbundesamt"), std::string::npos) << "the log holds data: " << log;
  EXPECT_EQ(log.find(kAdminPassword), std::string::npos) << "the log holds a password";
  const std::string token = ReadFile(dir_ / "config" / "trainhub" / "token");
  ASSERT_GT(token.size(), 40u);
  EXPECT_EQ(log.find(token.substr(0, 40)), std::string::npos) << "the log holds a token";
}

TEST_F(E2eTest, AcknowledgedWritesSurviveKillNine) {
  StartAsAdmin();
  MustCli({"org", "create", "--name", "Stadt Dessau-Roßlau", "--kind", "municipality"});
  MustCli({"trainer", "create", "--name", "Алина Петрова", "--email", "alina@example.org"});
  MustCli({"participant", "create", "--name", "Jana Beispiel", "--org", "1", "--target-group",
           "volunteers"});
  MustCli({"series", "create", "--title", "Interkultur im Ehrenamt", "--kind", "volunteer-course",
           "--org", "1", "--capacity", "1"});
  MustCli({"enrolment", "request", "1", "1"});
  EXPECT_EQ(StopServer(SIGKILL), 128 + SIGKILL);
  StartServer();
  EXPECT_NE(MustCli({"org", "list"}).out.find("Stadt Dessau-Roßlau"), std::string::npos);
  EXPECT_NE(MustCli({"trainer", "show", "1"}).out.find("Алина Петрова"), std::string::npos);
  EXPECT_NE(MustCli({"enrolment", "show", "1"}).out.find("State:        enrolled"),
            std::string::npos);
}

TEST_F(E2eTest, TlsCarriesTheLoginAndPlaintextIsRefused) {
  MakeTestCertificates(dir_);
  CreateAdmin();
  StartServer(false, {"--tls-cert", (dir_ / "server.pem").string(), "--tls-key",
                      (dir_ / "server.key").string()});
  EXPECT_NE(ReadFile(server_log_).find("TLS"), std::string::npos);
  const std::string ca = (dir_ / "ca.pem").string();
  MustCli({"--ca-file", ca, "login", "--email", kAdminEmail, "--password-stdin"},
          std::string(kAdminPassword) + "\n");
  Result whoami = MustCli({"--ca-file", ca, "whoami"});
  EXPECT_NE(whoami.out.find(kAdminEmail), std::string::npos);
  // Plaintext to a TLS server, and TLS without trusting the test CA, fail.
  EXPECT_EQ(Cli({"whoami"}).exit_code, 5);
  EXPECT_EQ(Cli({"--tls", "whoami"}).exit_code, 5);
}

TEST_F(E2eTest, PlaintextOnANetworkAddressIsRefused) {
  const fs::path log = dir_ / "refused.log";
  pid_t pid = Spawn({TRAINHUBD_PATH, "--listen", "0.0.0.0:0", "--db", db_}, log);
  EXPECT_EQ(WaitExit(pid), 1);
  EXPECT_NE(ReadFile(log).find("without TLS"), std::string::npos) << ReadFile(log);
  EXPECT_FALSE(fs::exists(db_)) << "a refused start must not create the database";
}

TEST_F(E2eTest, ADatabaseOfANewerSchemaIsRefused) {
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(db_.c_str(), &db), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(db, "PRAGMA application_id = 1414021681; PRAGMA user_version = 99;",
                         nullptr, nullptr, nullptr),
            SQLITE_OK);
  sqlite3_close(db);
  const fs::path log = dir_ / "refused.log";
  pid_t pid = Spawn({TRAINHUBD_PATH, "--listen", "127.0.0.1:0", "--db", db_}, log);
  EXPECT_EQ(WaitExit(pid), 1);
  EXPECT_NE(ReadFile(log).find("newer than this trainhubd understands"), std::string::npos)
      << ReadFile(log);
}

TEST_F(E2eTest, LoggingInAsEachDemoRole) {
  StartAsAdmin();
  Result loaded = MustCli({"demo", "load"});
  EXPECT_NE(loaded.out.find("demo login: trainhub login --email koordination@agsa.example.org"),
            std::string::npos)
      << loaded.out;
  // The token file is the user's alone.
  struct stat info {};
  ASSERT_EQ(stat((dir_ / "config" / "trainhub" / "token").c_str(), &info), 0);
  EXPECT_EQ(info.st_mode & 0777, 0600);

  Result whoami = MustCli({"whoami"});
  EXPECT_NE(whoami.out.find("admin"), std::string::npos) << whoami.out;

  MustCli({"login", "--email", "teilnehmerin@example.org", "--password-stdin"}, "trainhub-demo\n");
  Result own_record = MustCli({"participant", "list"});
  EXPECT_NE(own_record.out.find("Jana Beispiel"), std::string::npos) << own_record.out;
  EXPECT_EQ(own_record.out.find("Олена Коваль"), std::string::npos) << own_record.out;
  ExpectFailure(Cli({"series", "create", "--title", "Neu", "--kind", "other", "--org", "1",
                     "--capacity", "5"}),
                6, "this command is for an admin or a coordinator");

  MustCli({"login", "--email", "koordination@agsa.example.org", "--password-stdin"},
          "trainhub-demo\n");
  MustCli(
      {"series", "create", "--title", "Neu", "--kind", "other", "--org", "1", "--capacity", "5"});
  Result people = MustCli({"participant", "list"});
  EXPECT_NE(people.out.find("Олена Коваль"), std::string::npos) << people.out;
  // Dessau's apprentices are enrolled in the parcours AGSA partners; Dr. Sommer
  // only in Dessau's own Vielfalts-Montag.
  EXPECT_NE(people.out.find("Lena Hoffmann"), std::string::npos) << people.out;
  EXPECT_EQ(people.out.find("Petra Sommer"), std::string::npos) << people.out;
  ExpectFailure(Cli({"participant", "create", "--name", "Neu", "--org", "1", "--target-group",
                     "apprentices"}),
                3, "--training-start: apprentices need the start of their training");
  ExpectFailure(Cli({"participant", "create", "--name", "Neu", "--org", "1", "--target-group",
                     "apprentices", "--training-start", "31.02.2027"}),
                2, "--training-start: give a day");
  // Started 400 days ago: in the 2nd year today.
  const std::string start = DayBefore(400);
  Result created = MustCli({"participant", "create", "--name", "Neu", "--org", "1",
                            "--target-group", "apprentices", "--training-start", start});
  EXPECT_NE(created.out.find("training since " + start + ", year 2 today"), std::string::npos)
      << created.out;
  // AGSA owns series 1 and 2 and is a partner of 3; series 4 is Dessau's.
  Result mine = MustCli({"series", "list"});
  EXPECT_NE(mine.out.find("Gemeinsam verschieden"), std::string::npos) << mine.out;
  EXPECT_EQ(mine.out.find("Vielfalts-Montag"), std::string::npos) << mine.out;
  Result foreign = Cli({"series", "show", "4"});
  EXPECT_EQ(foreign.exit_code, 6) << foreign.err;
  Result missing = Cli({"series", "show", "999"});
  EXPECT_EQ(missing.exit_code, 6) << "a missing series must look like a foreign one";
  Result partner_change = Cli({"series", "update", "3", "--title", "Umbenannt"});
  EXPECT_EQ(partner_change.exit_code, 6) << partner_change.err;

  MustCli({"login", "--email", "nuran.sahin@example.org", "--password-stdin"}, "trainhub-demo\n");
  Result own = MustCli({"schedule", "trainer", "1"});
  EXPECT_NE(own.out.find("23.11.2018 09:00–16:00"), std::string::npos) << own.out;
  EXPECT_EQ(Cli({"schedule", "trainer", "2"}).exit_code, 6);

  ExpectFailure(Cli({"login", "--email", "nuran.sahin@example.org", "--password-stdin"},
                    "falsches-passwort\n"),
                6, "e-mail or password is wrong");

  // The admin sees who changed what, and the refused calls.
  MustCli({"login", "--email", kAdminEmail, "--password-stdin"},
          std::string(kAdminPassword) + "\n");
  Result audit = MustCli({"audit", "list"});
  EXPECT_NE(audit.out.find("CreateSeries"), std::string::npos) << audit.out;
  EXPECT_NE(audit.out.find("PERMISSION_DENIED"), std::string::npos) << audit.out;

  MustCli({"logout"});
  ExpectFailure(Cli({"series", "list"}), 6, "trainhub login");
}

}  // namespace
}  // namespace trainhub::e2e
