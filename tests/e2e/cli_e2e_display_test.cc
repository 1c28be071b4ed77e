// End to end: every command that prints for people fits 80 columns, on the
// demo with long real data added through the real trainhub CLI.

#include <gtest/gtest.h>

#include <algorithm>
#include <regex>

#include "clients/cli/format.h"
#include "e2e/e2e_fixture.h"

namespace trainhub::e2e {
namespace {

// The first id in a JSON answer ("id":"12").
std::string IdIn(const std::string& json) {
  std::smatch m;
  return std::regex_search(json, m, std::regex(R"re("id":"(\d+)")re")) ? m[1].str() : "";
}

// The commands that print for people, on the objects of the long data:
// `network`, `series` and a person in it, `person`.
std::vector<std::vector<std::string>> CommandsForPeople(const std::string& network,
                                                        const std::string& series,
                                                        const std::string& person) {
  return {
      {"whoami"},
      {"account", "list"},
      {"audit", "list"},
      {"org", "list"},
      {"org", "show", network},
      {"trainer", "list"},
      {"trainer", "show", "2"},
      {"participant", "list"},
      {"participant", "show", person},
      {"participant", "qualification", "list", person},
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
      {"enrolment", "list", "--participant", person},
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

  const std::vector<std::vector<std::string>> commands =
      CommandsForPeople(network, series, people[0]);
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

}  // namespace
}  // namespace trainhub::e2e
