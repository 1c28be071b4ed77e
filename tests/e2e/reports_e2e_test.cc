// End to end, with the real binaries on a fresh demo: the 2019 funder report
// of the Auslandsgesellschaft hides its small cells and what would give them
// away, as a table and as a PDF; a person's data is exported by their
// coordinator (with the certificate PDFs) and by themselves; a person's data
// is erased within the retention of records, leaves no trace in the files,
// and their Zertifikat still verifies by number and by name.

#include <regex>

#include "e2e/e2e_fixture.h"

namespace trainhub::e2e {
namespace {

constexpr char kDemo[] = "trainhub-demo\n";
constexpr char kLan[] = "10";  // Nguyễn Thị Lan, with a Zertifikat of the IKOE series
constexpr char kAmal[] = "8";  // أمل حداد, with a Zertifikat of the IKOE series

class ReportsE2eTest : public E2eTest {
 protected:
  void SetUp() override {
    E2eTest::SetUp();
    StartAsAdmin();
    MustCli({"demo", "load"});
    MustCli({"login", "--email", "koordination@agsa.example.org", "--password-stdin"}, kDemo);
  }
};

TEST_F(ReportsE2eTest, TheDemosReportHidesASmallCellAndWhatWouldRevealIt) {
  const Result table = MustCli({"report", "funder", "--year", "2019", "--org", "1"});
  // Five people of the trainer qualification: one from the city's
  // administration (hidden) and four trainers (hidden with it).
  for (const char* expected :
       {"Persons (each counted once):            5", "administration-staff  suppressed",
        "trainers              suppressed", "volunteers            0", "total                 5"}) {
    EXPECT_NE(table.out.find(expected), std::string::npos) << expected << "\n" << table.out;
  }
  MustCli({"report", "funder", "--year", "2019", "--org", "1", "-o", "bericht.pdf"});
  const fs::path pdf = dir_ / "bericht.pdf";
  ASSERT_TRUE(fs::exists(pdf));
  const std::string text_file = (dir_ / "bericht.txt").string();
  ASSERT_EQ(std::system(("pdftotext -enc UTF-8 " + pdf.string() + " " + text_file).c_str()), 0);
  const std::string text = ReadFile(text_file);
  for (const char* expected :
       {"Förderbericht", "Auslandsgesellschaft Sachsen-Anhalt e.V.", "01.01.2019 – 31.12.2019",
        "Verwaltungsmitarbeitende", "Hinweis zur Geheimhaltung", "Definitionen"}) {
    EXPECT_NE(text.find(expected), std::string::npos) << expected << "\n" << text;
  }
  // Bad input in the command's words, nothing written.
  ExpectBadInputs({
      {{"report", "funder", "--org", "1"}, 3, "--year or --from/--to: the period is empty"},
      {{"report", "funder", "--year", "2019", "--org", "1", "--k", "1"},
       3,
       "--k: must be at least 2"},
      {{"report", "funder", "--from", "2000-01-01", "--to", "2020-12-31", "--org", "1"},
       3,
       "at most 10 years"},
      {{"report", "funder", "--year", "2019", "--org", "2"}, 6, "does not coordinate"},
  });
}

TEST_F(ReportsE2eTest, APersonsDataIsExportedByTheirCoordinatorAndByThemselves) {
  MustCli({"privacy", "export", kLan, "-o", "lan.zip"});
  const std::string zip = ReadFile(dir_ / "lan.zip");
  ASSERT_GT(zip.size(), 1000u);
  EXPECT_EQ(zip.substr(0, 2), "PK");
  EXPECT_NE(zip.find("personal-data.json"), std::string::npos);
  EXPECT_NE(zip.find(".pdf"), std::string::npos) << "the Zertifikat's PDF";
  MustCli({"login", "--email", "lan.nguyen@example.org", "--password-stdin"}, kDemo);
  MustCli({"privacy", "export", "-o", "meine-daten.json"});
  const std::string own = ReadFile(dir_ / "meine-daten.json");
  EXPECT_NE(own.find("\"complete\": false"), std::string::npos) << own.substr(0, 400);
  EXPECT_NE(own.find("Nguyễn Thị Lan"), std::string::npos);
  const Result other = Cli({"privacy", "export", "12", "-o", "jonas.json"});
  EXPECT_EQ(other.exit_code, 6) << other.err;
  EXPECT_FALSE(fs::exists(dir_ / "jonas.json"));
}

// True when `bytes` holds Amal's name or e-mail address.
bool HoldsAmal(const std::string& bytes) {
  return bytes.find("أمل حداد") != std::string::npos ||
         bytes.find("amal.haddad") != std::string::npos;
}

TEST_F(ReportsE2eTest, APersonsDataIsErasedAndTheirZertifikatStillVerifies) {
  const std::string list = MustCli({"certificate", "list", "--participant", kAmal}).out;
  const std::regex serial_pattern("[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}");
  std::smatch serial;
  ASSERT_TRUE(std::regex_search(list, serial, serial_pattern)) << list;
  MustCli({"privacy", "export", kAmal, "-o", "amal.json"});
  ASSERT_TRUE(HoldsAmal(ReadFile(dir_ / "amal.json")));
  ASSERT_TRUE(HoldsAmal(ReadFile(db_) + ReadFile(db_ + "-wal")));

  // The Auslandsgesellschaft keeps its records ten years after a series.
  ExpectBadInputs({
      {{"privacy", "erase", kAmal, "--reason", "Antrag vom 30.11.2026"},
       3,
       "kept until 06.06.2030"},
      {{"privacy", "erase", kAmal, "--reason", "Antrag", "--override-retention"}, 6, "admins only"},
      {{"privacy", "erase", kAmal, "--reason", "Anruf von أمل حداد"}, 3, "--reason: must not name"},
      {{"privacy", "erase", kAmal}, 2, "--reason is required"},
      {{"privacy", "erase", kLan, "--reason", "Antrag"}, 3, "withdraw the enrolment first"},
      {{"org", "update", "1", "--retention-years", "40"},
       3,
       "--retention-years: must be between 0 and 30 years"},
      {{"org", "update", "2", "--retention-years", "5"}, 6, "change organisation 2"},
  });
  // The coordinator keeps her organisation's retention herself.
  const Result kept = MustCli({"org", "update", "1", "--retention-years", "10"});
  EXPECT_NE(kept.out.find("10 years after a series ended"), std::string::npos) << kept.out;
  MustCli({"login", "--email", kAdminEmail, "--password-stdin"},
          std::string(kAdminPassword) + "\n");
  const Result erased =
      MustCli({"privacy", "erase", kAmal, "--reason",
               "Antrag vom 30.11.2026; Fördergeber informiert", "--override-retention"});
  EXPECT_NE(erased.out.find("stays as \"Person #8\""), std::string::npos) << erased.out;
  EXPECT_NE(erased.out.find("overridden by an admin"), std::string::npos) << erased.out;
  const Result twice = Cli({"privacy", "erase", kAmal, "--reason", "Antrag"});
  EXPECT_EQ(twice.exit_code, 3);
  EXPECT_NE(twice.err.find("already erased"), std::string::npos) << twice.err;

  // Anyone still verifies the Zertifikat by its number, and by the name.
  MustCli({"logout"});
  const Result plain = MustCli({"certificate", "verify", serial.str()});
  EXPECT_NE(plain.out.find("valid"), std::string::npos) << plain.out;
  EXPECT_NE(plain.out.find("name no longer stored"), std::string::npos) << plain.out;
  EXPECT_NE(plain.out.find("signature: intact"), std::string::npos) << plain.out;
  const Result named = MustCli({"certificate", "verify", serial.str(), "--name", "أمل حداد"});
  EXPECT_NE(named.out.find("is the holder's name"), std::string::npos) << named.out;
  // The README's Latin spelling checks too, through the transliteration
  // kept (hashed) at the erasure; another name does not.
  const Result latin = MustCli({"certificate", "verify", serial.str(), "--name", "Amal Haddad"});
  EXPECT_NE(latin.out.find("matches the holder's name in Latin transliteration"), std::string::npos)
      << latin.out;
  const Result other = Cli({"certificate", "verify", serial.str(), "--name", "Amal Schneider"});
  EXPECT_EQ(other.exit_code, 3);
  EXPECT_NE(other.out.find("is NOT the holder's name"), std::string::npos) << other.out;

  // The canary is nowhere: database, write-ahead log, a backup made now,
  // the server's log.
  MustCli({"login", "--email", kAdminEmail, "--password-stdin"},
          std::string(kAdminPassword) + "\n");
  MustCli({"admin", "backup", "nachher.db"});
  EXPECT_FALSE(HoldsAmal(ReadFile(db_))) << "database file";
  EXPECT_FALSE(HoldsAmal(ReadFile(db_ + "-wal"))) << "write-ahead log";
  EXPECT_FALSE(HoldsAmal(ReadFile(dir_ / "nachher.db"))) << "backup";
  EXPECT_FALSE(HoldsAmal(ReadFile(server_log_))) << "server log";
}

}  // namespace
}  // namespace trainhub::e2e
