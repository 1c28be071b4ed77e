// End to end: enrolment from a coordinator's imported volunteer list to a
// promotion from the waiting list, as coordinators and volunteers see it
// through the real trainhub CLI.

#include <google/protobuf/util/json_util.h>
#include <gtest/gtest.h>

#include "e2e/e2e_fixture.h"
#include "trainhub/v1/enrolment.pb.h"

namespace trainhub::e2e {
namespace {

// The walk-through: a coordinator imports a volunteer list from a
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

}  // namespace
}  // namespace trainhub::e2e
