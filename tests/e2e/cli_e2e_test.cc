// End to end: the real trainhubd on a free loopback port with a temporary
// database, driven by the real trainhub CLI, as a coordinator would.

#include <google/protobuf/util/json_util.h>
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <algorithm>
#include <ctime>
#include <regex>

#include "clients/cli/format.h"
#include "e2e/e2e_fixture.h"
#include "trainhub/v1/enrolment.pb.h"
#include "trainhub/v1/series.pb.h"

namespace trainhub::e2e {
namespace {

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

// The first id in a JSON answer ("id":"12").
std::string IdIn(const std::string& json) {
  std::smatch m;
  return std::regex_search(json, m, std::regex(R"re("id":"(\d+)")re")) ? m[1].str() : "";
}

// Every command that prints a table or text for people fits a terminal of
// 80 columns (display columns: wide characters two, combining marks none),
// on the demo with longer data added as coordinators type it: an Arabic
// name, a Vietnamese one, long German titles and places, long e-mail
// addresses. --output json stays one unwrapped document.
TEST_F(E2eTest, EveryCommandForPeopleFitsEightyColumnsWithLongRealData) {
  StartAsAdmin();
  MustCli({"demo", "load"});
  const std::string network = IdIn(
      MustCli({"--output", "json", "org", "create", "--name",
               "Landesnetzwerk der Migrantenorganisationen Sachsen-Anhalt e.V. – Regionalstelle "
               "Dessau-Roßlau",
               "--kind", "network", "--city", "Dessau-Roßlau"})
          .out);
  const std::string series = IdIn(
      MustCli({"--output", "json", "series", "create", "--title",
               "Vielfaltsorientierte Personalentwicklung in der Kommunalverwaltung – "
               "Führungskräftequalifizierung 2027/2028",
               "--kind", "other", "--org", "1", "--partner", network, "--target-group", "managers",
               "--capacity", "12", "--description",
               "Fünf Module für Führungskräfte der Stadtverwaltung, mit Praxisprojekten in den "
               "Fachbereichen und einer Abschlussveranstaltung im Rathaus."})
          .out);
  const std::string module = IdIn(
      MustCli({"--output", "json", "module", "add", series, "--title",
               "Diskriminierungskritische Perspektiven auf Verwaltungshandeln und Bürgerkontakt",
               "--topic", "Rassismuskritische Öffentlichkeitsarbeit der Verwaltung", "--units",
               "8"})
          .out);
  MustCli({"session", "add", series, module, "--start", "2027-09-14 09:00", "--end",
           "2027-09-14 16:30", "--place",
           "Technisches Rathaus Dessau-Roßlau, Großer Sitzungssaal (3. Obergeschoss)", "--address",
           "Zerbster Straße 4, 06844 Dessau-Roßlau", "--trainer", "2", "--trainer", "3"});
  std::vector<std::string> people;
  for (const auto& [name, email] :
       {std::pair{"عبد الرحمن بن محمد الحسيني",
                  "abdulrahman.al-husseini@auslandsgesellschaft-sachsen-anhalt.example.org"},
        std::pair{"Nguyễn Thị Thanh Hương",
                  "thanh-huong.nguyen@integrationsbuero.dessau-rosslau.example.org"}}) {
    people.push_back(IdIn(MustCli({"--output", "json", "participant", "create", "--name", name,
                                   "--org", "1", "--target-group", "volunteers", "--email", email})
                              .out));
    MustCli({"participant", "qualification", "add", people.back(), "--title",
             "Diversity Trainer:in und Berater:in im Handlungsfeld Verwaltung", "--note",
             "Zertifikat der Auslandsgesellschaft Sachsen-Anhalt e.V. vom 12.03.2016"});
    MustCli({"enrolment", "request", series, people.back(), "--override-eligibility", "--note",
             "kommt mit dem Regionalzug aus Köthen, braucht einen barrierefreien Zugang"});
    MustCli({"enrolment", "request", "6", people.back(), "--override-eligibility"});
  }
  // Today's session of series 6 (the demo's session 37): the newcomers'
  // statuses with a note, transferred by the coordinator.
  MustCli({"attendance", "record", "37", "--present", people[0], "--late", people[1] + ":25",
           "--note",
           people[1] + "=Zug aus Köthen verspätet, hat die Einführung in die Methoden verpasst",
           "--reason", "nach der Anmeldung vor Ort nachgetragen"});

  const std::vector<std::vector<std::string>> commands = {
      {"whoami"},
      {"account", "list"},
      {"audit", "list"},
      {"org", "list"},
      {"org", "show", network},
      {"trainer", "list"},
      {"trainer", "show", "2"},
      {"participant", "list"},
      {"participant", "show", people[0]},
      {"participant", "qualification", "list", people[0]},
      {"series", "list"},
      {"series", "show", series},
      {"series", "show", "1"},
      {"module", "list", series},
      {"session", "list", series},
      {"session", "show", "37"},
      {"schedule", "trainer", "2"},
      {"schedule", "range", "--from", "2027-09-01", "--to", "2027-10-01"},
      {"schedule", "pending"},
      {"enrolment", "list", "--series", series},
      {"enrolment", "list", "--participant", people[0]},
      {"roster", "6"},
      {"attendance", "sheet", "37"},
      {"attendance", "history", "37"},
      {"attendance", "summary", "1"},
      {"attendance", "summary", "6"},
      {"attendance", "verify", "1"},
      {"completion", "rule", "1"},
      {"completion", "status", "1"},
      {"completion", "status", "6"},
      {"completion", "history", "1"},
      {"certificate", "issue-all", "1", "--preview"},
      {"certificate", "list"},
      {"certificate", "keys"},
      {"report", "funder", "--year", "2019", "--org", "1"},
      {"privacy", "due"},
  };
  const auto check = [](const std::string& shown, const Result& r) {
    EXPECT_EQ(r.exit_code, 0) << shown << "\n" << r.err;
    std::istringstream lines(r.out);
    for (std::string line; std::getline(lines, line);) {
      EXPECT_LE(cli::DisplayWidth(line), 80u) << shown << "\n" << line << "\n\n" << r.out;
    }
  };
  for (const auto& args : commands) {
    std::string shown = "trainhub";
    for (const auto& a : args) shown += " " + a;
    check(shown, Cli(args));
  }
  // A certificate of series 1, shown and verified.
  std::smatch serial;
  const std::string certificates = MustCli({"--output", "json", "certificate", "list"}).out;
  ASSERT_TRUE(std::regex_search(certificates, serial, std::regex(R"re("serial":"([^"]+)")re")));
  check("certificate show", Cli({"certificate", "show", serial[1].str()}));
  check("certificate verify", Cli({"certificate", "verify", serial[1].str()}));

  const Result json = MustCli({"--output", "json", "attendance", "summary", "1"});
  EXPECT_EQ(std::count(json.out.begin(), json.out.end(), '\n'), 1) << json.out;
  EXPECT_GT(json.out.size(), 80u);
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

// The issue's walk-through: a coordinator imports a volunteer list from a
// semicolon CSV into the volunteer course past its capacity, withdraws one
// person and sees the first waiting person promoted; a volunteer sees only
// their own enrolment and position; the trainer qualification refuses a
// person without the earlier qualification and accepts them once recorded.
// The volunteer course of the demo (series 2) filling up from an imported
// list, as the agsa coordinator.
class EnrolmentE2eTest : public E2eTest {
 protected:
  // Imports four volunteers (a dry run first) into series 2, where two of
  // them get the last seats and two wait; the series' enrolments after it.
  v1::ListEnrolmentsResponse ImportVolunteersIntoSeries2() {
    const fs::path csv = dir_ / "ehrenamt.csv";
    std::ofstream(csv, std::ios::binary)
        << "\xEF\xBB\xBFVorname;Nachname;E-Mail;Zielgruppe\r\n"
           "Anna;Schulz;anna.schulz@example.org;Ehrenamt\r\n"
           "B\xC3\xBClent;Kaya;;Ehrenamt\r\n"
           "\"Chiara\";\"Rossi; geb. Conti\";chiara@example.org;Ehrenamt\r\n"
           "Emine;Demir;emine@example.org;ehrenamtliche\r\n";
    Result dry = MustCli(
        {"import", "participants", csv.string(), "--org", "1", "--series", "2", "--dry-run"});
    EXPECT_NE(dry.out.find("4 would be imported, 0 with problems; nothing was stored"),
              std::string::npos)
        << dry.out;
    Result imported = MustCli({"import", "enrolments", "2", csv.string(), "--org", "1"});
    EXPECT_NE(imported.out.find("line 3: Bülent Kaya (participant"), std::string::npos)
        << imported.out;
    EXPECT_NE(imported.out.find("line 4: Chiara Rossi; geb. Conti (participant"),
              std::string::npos)
        << imported.out;
    EXPECT_NE(imported.out.find("waitlist #1"), std::string::npos) << imported.out;
    EXPECT_NE(imported.out.find("waitlist #2"), std::string::npos) << imported.out;

    Result list = MustCli({"--output", "json", "enrolment", "list", "--series", "2"});
    v1::ListEnrolmentsResponse before;
    EXPECT_TRUE(google::protobuf::util::JsonStringToMessage(list.out, &before).ok()) << list.out;
    EXPECT_EQ(before.enrolments_size(), 6);
    return before;
  }

  // Bad enrolment and import input: a clear error each, and nothing
  // changed; `withdrawn` is an enrolment withdrawn before.
  void ExpectBadEnrolmentInputsChangeNothing(int64_t withdrawn) {
    // Bad input: a clear error each, and nothing changed.
    const std::string snapshot = MustCli({"--output", "json", "enrolment", "list"}).out +
                                 MustCli({"--output", "json", "participant", "list"}).out;
    const fs::path latin1 = dir_ / "latin1.csv";
    std::ofstream(latin1, std::ios::binary) << "Name;Zielgruppe\nJ\xFCrgen;Ehrenamt\n";
    const fs::path open_quote = dir_ / "quote.csv";
    std::ofstream(open_quote, std::ios::binary) << "Name;Zielgruppe\n\"Omar;Ehrenamt\n";
    const fs::path columns = dir_ / "columns.csv";
    std::ofstream(columns, std::ios::binary) << "Name;Telefon\nOmar;0340 123\n";
    const fs::path bad_row = dir_ / "row.csv";
    std::ofstream(bad_row, std::ios::binary) << "Name;E-Mail;Zielgruppe\nOmar;omar@example.org;"
                                                "Ehrenamt\nLea;lea(at)example.org;Ehrenamt\n";
    const std::vector<BadInput> cases = {
        {{"enrolment", "request", "5", "6"}, 3, "is already enrolled in series 5"},
        {{"enrolment", "request", "2", "999"}, 4, "participant 999 does not exist"},
        {{"enrolment", "request", "1", "6"}, 3, "series 1 is completed; it takes no enrolments"},
        {{"enrolment", "withdraw", std::to_string(withdrawn), "--reason", "again"},
         3,
         "is already withdrawn"},
        {{"enrolment", "withdraw", "999", "--reason", "x"}, 6, "may not change enrolment 999"},
        {{"enrolment", "withdraw", "1"}, 2, "--reason"},
        {{"enrolment", "list", "--state", "sleeping"}, 2, "--state"},
        {{"import", "participants", latin1.string(), "--org", "1"},
         3,
         "line 2: the file is not UTF-8"},
        {{"import", "participants", open_quote.string(), "--org", "1"},
         3,
         "line 2: a quoted field is not closed"},
        {{"import", "participants", columns.string(), "--org", "1"},
         3,
         "unknown column \"Telefon\""},
        {{"import", "participants", bad_row.string(), "--org", "1"},
         3,
         "line 3 (E-Mail): is not an e-mail address"},
        {{"import", "participants", (dir_ / "missing.csv").string(), "--org", "1"},
         2,
         "cannot read"},
    };
    ExpectBadInputs(cases);
    EXPECT_EQ(MustCli({"--output", "json", "enrolment", "list"}).out +
                  MustCli({"--output", "json", "participant", "list"}).out,
              snapshot);
    // Only the good rows, when asked.
    Result good =
        MustCli({"import", "participants", bad_row.string(), "--org", "1", "--good-rows-only"});
    EXPECT_NE(good.out.find("2 row(s) read, 1 imported, 1 with problems"), std::string::npos)
        << good.out;
  }
};

TEST_F(EnrolmentE2eTest, EnrolmentFromImportToPromotionAsCoordinatorsAndVolunteersSeeIt) {
  StartAsAdmin();
  MustCli({"demo", "load"});
  MustCli({"login", "--email", "koordination@agsa.example.org", "--password-stdin"},
          "trainhub-demo\n");
  MustCli({"series", "update", "2", "--capacity", "4"});  // Jana and Olena hold two seats
  const v1::ListEnrolmentsResponse before = ImportVolunteersIntoSeries2();
  ASSERT_EQ(before.enrolments_size(), 6);
  EXPECT_EQ(before.enrolments(4).participant_name(), "Chiara Rossi; geb. Conti");
  EXPECT_EQ(before.enrolments(4).state(), v1::ENROLMENT_STATE_WAITLISTED);
  const int64_t anna = before.enrolments(2).id();
  MustCli({"enrolment", "withdraw", std::to_string(anna), "--reason", "zieht nach Halle"});
  Result after = MustCli({"enrolment", "list", "--series", "2"});
  EXPECT_NE(after.out.find("Chiara Rossi; geb. Conti"), std::string::npos);
  Result chiara = MustCli({"enrolment", "show", std::to_string(before.enrolments(4).id())});
  EXPECT_NE(chiara.out.find("State:        enrolled"), std::string::npos) << chiara.out;
  Result history = MustCli({"enrolment", "history", std::to_string(before.enrolments(4).id())});
  EXPECT_NE(history.out.find("waitlisted -> enrolled  by trainhub (automatic)"), std::string::npos)
      << history.out;
  EXPECT_NE(history.out.find("promoted from the waiting list"), std::string::npos);
  Result emine = MustCli({"enrolment", "show", std::to_string(before.enrolments(5).id())});
  EXPECT_NE(emine.out.find("waitlist #1"), std::string::npos) << emine.out;

  // Emine gets an account and sees only her own enrolment, with her position.
  MustCli({"login", "--email", kAdminEmail, "--password-stdin"},
          std::string(kAdminPassword) + "\n");
  MustCli(
      {"account", "create", "--email", "emine@example.org", "--name", "Emine Demir", "--role",
       "participant:" + std::to_string(before.enrolments(5).participant_id()), "--password-stdin"},
      "emine-password-1\n");
  MustCli({"login", "--email", "emine@example.org", "--password-stdin"}, "emine-password-1\n");
  Result own = MustCli({"enrolment", "list"});
  EXPECT_NE(own.out.find("Emine Demir"), std::string::npos) << own.out;
  EXPECT_NE(own.out.find("waitlist #1"), std::string::npos) << own.out;
  EXPECT_EQ(own.out.find("Chiara"), std::string::npos) << own.out;
  EXPECT_EQ(Cli({"enrolment", "show", std::to_string(anna)}).exit_code, 6);
  EXPECT_EQ(Cli({"enrolment", "withdraw", std::to_string(anna), "--reason", "x"}).exit_code, 6);

  // The trainer qualification (second run, series 5) requires the earlier one.
  MustCli({"login", "--email", "koordination@agsa.example.org", "--password-stdin"},
          "trainhub-demo\n");
  Result refused = Cli({"enrolment", "request", "5", "6"});  // Tobias Richter
  EXPECT_EQ(refused.exit_code, 3);
  EXPECT_NE(refused.err.find("requires the qualification"), std::string::npos) << refused.err;
  MustCli({"participant", "qualification", "add", "6", "--title",
           "Diversity Trainer:in und Berater:in im Handlungsfeld Verwaltung", "--note",
           "Zertifikat 2017"});
  Result accepted = MustCli({"enrolment", "request", "5", "6"});
  EXPECT_NE(accepted.out.find("State:        enrolled"), std::string::npos) << accepted.out;

  ExpectBadEnrolmentInputsChangeNothing(anna);
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
  Result denied = Cli(
      {"series", "create", "--title", "Neu", "--kind", "other", "--org", "1", "--capacity", "5"});
  EXPECT_EQ(denied.exit_code, 6) << denied.err;
  EXPECT_NE(denied.err.find("this command is for an admin or a coordinator"), std::string::npos)
      << denied.err;

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
  Result apprentice = Cli(
      {"participant", "create", "--name", "Neu", "--org", "1", "--target-group", "apprentices"});
  EXPECT_EQ(apprentice.exit_code, 3);
  EXPECT_NE(apprentice.err.find("--training-start: apprentices need the start of their training"),
            std::string::npos)
      << apprentice.err;
  Result bad_day = Cli({"participant", "create", "--name", "Neu", "--org", "1", "--target-group",
                        "apprentices", "--training-start", "31.02.2027"});
  EXPECT_EQ(bad_day.exit_code, 2) << bad_day.err;
  EXPECT_NE(bad_day.err.find("--training-start: give a day"), std::string::npos) << bad_day.err;
  // Started 400 days ago: in the 2nd year today.
  const std::time_t then = std::time(nullptr) - 400 * 24 * 3600;
  std::tm day{};
  localtime_r(&then, &day);
  char start[16];
  std::strftime(start, sizeof start, "%d.%m.%Y", &day);
  Result created = MustCli({"participant", "create", "--name", "Neu", "--org", "1",
                            "--target-group", "apprentices", "--training-start", start});
  EXPECT_NE(created.out.find(std::string("training since ") + start + ", year 2 today"),
            std::string::npos)
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

  Result wrong = Cli({"login", "--email", "nuran.sahin@example.org", "--password-stdin"},
                     "falsches-passwort\n");
  EXPECT_EQ(wrong.exit_code, 6);
  EXPECT_NE(wrong.err.find("e-mail or password is wrong"), std::string::npos) << wrong.err;

  // The admin sees who changed what, and the refused calls.
  MustCli({"login", "--email", kAdminEmail, "--password-stdin"},
          std::string(kAdminPassword) + "\n");
  Result audit = MustCli({"audit", "list"});
  EXPECT_NE(audit.out.find("CreateSeries"), std::string::npos) << audit.out;
  EXPECT_NE(audit.out.find("PERMISSION_DENIED"), std::string::npos) << audit.out;

  MustCli({"logout"});
  Result after = Cli({"series", "list"});
  EXPECT_EQ(after.exit_code, 6);
  EXPECT_NE(after.err.find("trainhub login"), std::string::npos) << after.err;
}

}  // namespace
}  // namespace trainhub::e2e
