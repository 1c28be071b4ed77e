#include "domain/enrolment/participant_import.h"

#include <gtest/gtest.h>

#include "domain/berlin_time.h"
#include "domain/documents/csv_table.h"
#include "domain/enrolment/enrolments.h"
#include "domain/errors.h"
#include "domain/enrolment/participants.h"
#include "store/sqlite_store.h"
#include "testing/planning.h"

namespace trainhub::domain {
namespace {

TEST(CsvTableTest, ReadsWhatGermanSpreadsheetProgramsWrite) {
  // Byte order mark, CRLF, a quoted field with the separator, a doubled
  // quote and a line break inside, and an empty row.
  auto table = ParseCsv(
      "\xEF\xBB\xBFName;E-Mail;Zielgruppe\r\n"
      "Jana Beispiel;jana@example.org;Ehrenamt\r\n"
      "\r\n"
      "\"Yılmaz; Mehmet \"\"Memo\"\"\";;\"Auszubildende\r\nab Sommer\"\r\n"
      "Ольга Иванова;olga@example.org;Ehrenamt\r\n",
      "csv");
  ASSERT_TRUE(table.ok()) << table.status();
  EXPECT_EQ(table->delimiter, ';');
  EXPECT_EQ(table->header.fields, (std::vector<std::string>{"Name", "E-Mail", "Zielgruppe"}));
  ASSERT_EQ(table->rows.size(), 3u);
  EXPECT_EQ(table->rows[0].line, 2);
  EXPECT_EQ(table->rows[1].line, 4);
  EXPECT_EQ(table->rows[1].fields[0], "Yılmaz; Mehmet \"Memo\"");
  EXPECT_EQ(table->rows[1].fields[2], "Auszubildende\r\nab Sommer");
  EXPECT_EQ(table->rows[2].line, 6);
  EXPECT_EQ(table->rows[2].fields[0], "Ольга Иванова");
}

TEST(CsvTableTest, FallsBackToCommasWhenTheHeaderHasNoSemicolon) {
  auto table = ParseCsv("Name,E-Mail\nJana,jana@example.org\n", "csv");
  ASSERT_TRUE(table.ok());
  EXPECT_EQ(table->delimiter, ',');
  EXPECT_EQ(table->rows[0].fields[1], "jana@example.org");
}

// "CSV (Macintosh)" files end lines with a CR alone: their rows are
// numbered as the user sees them.
TEST(CsvTableTest, CountsLinesEndedByACarriageReturnAlone) {
  auto table = ParseCsv("Name,E-Mail\rJana,jana@example.org\rOmar;Haddad,\r", "csv");
  ASSERT_TRUE(table.ok()) << table.status();
  EXPECT_EQ(table->delimiter, ',');
  ASSERT_EQ(table->rows.size(), 2u);
  EXPECT_EQ(table->rows[0].line, 2);
  EXPECT_EQ(table->rows[1].line, 3);
  EXPECT_EQ(table->rows[1].fields[0], "Omar;Haddad");
  auto bad = ParseCsv("Name;E-Mail\rJana;a@example.org\rOmar\r", "csv");
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.status().message().find("line 3: has 1 fields"), std::string::npos)
      << bad.status().message();
}

TEST(CsvTableTest, RefusesMalformedFilesNamingTheLine) {
  struct Case {
    std::string bytes;
    std::string expected;
  };
  const std::vector<Case> cases = {
      {"", "the file is empty"},
      {"Name;E-Mail\nJ\xE4nsch;a@example.org\n", "line 2: the file is not UTF-8"},
      {"Name;E-Mail\nJana;a@example.org\n\"Omar;b@example.org\n", "line 3: a quoted field is not"},
      {"Name;E-Mail\nJa\"na;a@example.org\n", "line 2: a quote"},
      {"Name;E-Mail\nJana;a@example.org;extra\n", "line 2: has 3 fields, the header has 2"},
  };
  for (const Case& c : cases) {
    auto table = ParseCsv(c.bytes, "csv");
    ASSERT_EQ(table.status().code(), absl::StatusCode::kInvalidArgument) << c.bytes;
    EXPECT_EQ(GetFieldViolations(table.status())[0].field, "csv");
    EXPECT_NE(table.status().message().find(c.expected), std::string::npos)
        << table.status().message();
  }
}

class ParticipantImportTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto store = store::SqliteStore::Open(":memory:");
    ASSERT_TRUE(store.ok());
    store_ = *std::move(store);
    planner_ = std::make_unique<trainhub::testing::Planning>(*store_);
    participants_ = std::make_unique<Participants>(*store_);
    enrolments_ = std::make_unique<Enrolments>(*store_);
    import_ = std::make_unique<ParticipantImport>(*store_, [this] { return now_; });
    Organization o;
    o.name = "Landkreis Harz";
    o.kind = OrganizationKind::kMunicipality;
    org_ = planner_->organizations.Create(admin_, o, {})->id;
    coordinator_.account.id = 5;
    coordinator_.account.roles = {{Role::kCoordinator, org_}};
  }

  int64_t CountParticipants() {
    return static_cast<int64_t>(participants_->List(admin_, 0, "", {500, {}})->items.size());
  }

  // A volunteer course of the organisation with `capacity` seats.
  Id NewVolunteerCourse(int capacity) {
    Series s;
    s.organization_id = org_;
    s.title = "Interkultur im Ehrenamt";
    s.kind = SeriesKind::kVolunteerCourse;
    s.capacity = capacity;
    s.target_groups = {TargetGroup::kVolunteers};
    return planner_->series.CreateSeries(admin_, s, {})->id;
  }

  // Jana Beispiel, a volunteer of the organisation, with `email`.
  Id Jana(const std::string& email) {
    Participant known;
    known.display_name = "Jana Beispiel";
    known.email = email;
    known.organization_id = org_;
    known.target_groups = {TargetGroup::kVolunteers};
    return participants_->Create(admin_, known, {})->id;
  }

  ImportOptions Options() {
    ImportOptions options;
    options.organization_id = org_;
    return options;
  }

  absl::Time now_ = absl::FromCivil(absl::CivilHour(2025, 3, 10, 9), DisplayTimeZone());
  std::unique_ptr<store::SqliteStore> store_;
  std::unique_ptr<trainhub::testing::Planning> planner_;
  std::unique_ptr<Participants> participants_;
  std::unique_ptr<Enrolments> enrolments_;
  std::unique_ptr<ParticipantImport> import_;
  const Principal admin_ = Principal::System();
  Principal coordinator_;
  Id org_ = 0;
};

constexpr char kVolunteers[] =
    "Vorname;Nachname;E-Mail;Zielgruppe\r\n"
    "Jana;Beispiel;jana@example.org;Ehrenamt\r\n"
    "Omar;Haddad;;ehrenamtliche\r\n"
    "Ольга;Иванова;olga@example.org;Ehrenamt, Verwaltung\r\n";

TEST_F(ParticipantImportTest, ImportsAVolunteerListWithGermanHeaders) {
  auto report = import_->Import(coordinator_, kVolunteers, Options(), {});
  ASSERT_TRUE(report.ok()) << report.status();
  EXPECT_TRUE(report->applied);
  EXPECT_EQ(report->rows, 3);
  EXPECT_TRUE(report->problems.empty());
  ASSERT_EQ(report->imported.size(), 3u);
  EXPECT_EQ(report->imported[2].line, 4);
  auto olga = participants_->Get(admin_, report->imported[2].participant_id);
  ASSERT_TRUE(olga.ok());
  EXPECT_EQ(olga->display_name, "Ольга Иванова");
  EXPECT_EQ(olga->target_groups, (std::vector<TargetGroup>{TargetGroup::kVolunteers,
                                                           TargetGroup::kAdministrationStaff}));
  EXPECT_EQ(olga->organization_id, org_);
}

constexpr char kWithBadRows[] =
    "Name;E-Mail;Zielgruppe;Ausbildungsjahr\n"
    "Jana Beispiel;jana@example.org;Ehrenamt;\n"
    "Kein At;not-an-address;Ehrenamt;\n"
    "Mehmet Yılmaz;;Azubi;zwei\n"
    "Lisa Sommer;;Astronauten;\n"
    ";;Ehrenamt;\n"
    "Jana Doppelt;JANA@example.org;Ehrenamt;\n"
    "Tran Van;;Auszubildende;2\n";

TEST_F(ParticipantImportTest, ADryRunReportsEveryBadRowAndStoresNothing) {
  ImportOptions options = Options();
  options.dry_run = true;
  auto report = import_->Import(coordinator_, kWithBadRows, options, {});
  ASSERT_TRUE(report.ok()) << report.status();
  EXPECT_FALSE(report->applied);
  const std::vector<ImportProblem> expected_lines = {
      {3, "E-Mail", {}}, {4, "Ausbildungsjahr", {}}, {5, "Zielgruppe", {}},
      {6, "Name", {}},   {7, "E-Mail", {}},
  };
  ASSERT_EQ(report->problems.size(), expected_lines.size());
  for (size_t i = 0; i < expected_lines.size(); ++i) {
    EXPECT_EQ(report->problems[i].line, expected_lines[i].line);
    EXPECT_EQ(report->problems[i].column, expected_lines[i].column);
    EXPECT_FALSE(report->problems[i].reason.English().empty());
    // Said in the caller's language when the import is refused.
    EXPECT_TRUE(report->problems[i].reason.translatable()) << report->problems[i].reason.English();
  }
  EXPECT_NE(report->problems[4].reason.English().find("same e-mail address as line 2"),
            std::string::npos);
  EXPECT_NE(report->problems[2].reason.English().find("Astronauten"), std::string::npos);
  EXPECT_EQ(report->imported.size(), 2u);
  EXPECT_EQ(CountParticipants(), 0);
}

TEST_F(ParticipantImportTest, AllRowsOrNoneByDefaultOrOnlyTheGoodRowsWhenAsked) {
  auto refused = import_->Import(coordinator_, kWithBadRows, Options(), {});
  ASSERT_EQ(refused.status().code(), absl::StatusCode::kInvalidArgument);
  std::vector<FieldViolation> violations = GetFieldViolations(refused.status());
  EXPECT_EQ(violations[0].field, "csv line 3 E-Mail");
  EXPECT_EQ(violations.back().field, "accept_good_rows");
  EXPECT_EQ(CountParticipants(), 0);

  ImportOptions options = Options();
  options.accept_good_rows = true;
  auto partial = import_->Import(coordinator_, kWithBadRows, options, {});
  ASSERT_TRUE(partial.ok()) << partial.status();
  EXPECT_TRUE(partial->applied);
  EXPECT_EQ(partial->problems.size(), 5u);
  ASSERT_EQ(partial->imported.size(), 2u);
  EXPECT_EQ(partial->imported[1].line, 8);
  EXPECT_EQ(CountParticipants(), 2);
  // "2" (the older column) on 10.03.2025: the 2nd year since 01.08.2023.
  auto tran = participants_->Get(admin_, partial->imported[1].participant_id);
  EXPECT_EQ(tran->training_start, absl::CivilDay(2023, 8, 1));

  // Importing the same file again finds the e-mail addresses taken.
  auto again = import_->Import(coordinator_, kWithBadRows, options, {});
  ASSERT_TRUE(again.ok());
  EXPECT_NE(again->problems[0].reason.English().find("already has this e-mail address"),
            std::string::npos);
}

TEST_F(ParticipantImportTest, ApprenticesComeWithTheStartOfTheirTraining) {
  ImportOptions options = Options();
  options.dry_run = true;
  auto report = import_->Import(coordinator_,
                                "Name;Zielgruppe;Ausbildungsbeginn\n"
                                "Emre Aydın;Auszubildende;01.08.2024\n"
                                "Sophie Krüger;Azubi;2024-09\n"
                                "Tim Lange;Azubi;30.02.2024\n"
                                "Ina Wolf;Azubi;\n"
                                "Vera Ehrenamt;Ehrenamt;01.08.2024\n"
                                "Kai Roth;Azubi;01.08.24\n",
                                options, {});
  ASSERT_TRUE(report.ok()) << report.status();
  ASSERT_EQ(report->problems.size(), 4u);
  const std::vector<std::pair<int, std::string>> expected = {
      {4, "not a day of the calendar"},
      {5, "apprentices need the start of their training"},
      {6, "only apprentices have a start of training"},
      {7, "four digits"}};
  for (size_t i = 0; i < expected.size(); ++i) {
    EXPECT_EQ(report->problems[i].line, expected[i].first);
    EXPECT_EQ(report->problems[i].column, "Ausbildungsbeginn");
    EXPECT_NE(report->problems[i].reason.English().find(expected[i].second), std::string::npos)
        << report->problems[i].reason.English();
  }

  auto imported = import_->Import(coordinator_,
                                  "Name;Zielgruppe;Ausbildungsbeginn;Lehrjahr\n"
                                  "Emre Aydın;Auszubildende;01.08.2024;1\n"
                                  "Sophie Krüger;Azubi;2024-09;\n"
                                  "Jonas Ott;Azubi;;3\n",
                                  Options(), {});
  ASSERT_TRUE(imported.ok()) << imported.status();
  std::vector<std::optional<absl::CivilDay>> starts;
  for (const ImportedRow& row : imported->imported) {
    starts.push_back(participants_->Get(admin_, row.participant_id)->training_start);
  }
  EXPECT_EQ(starts, (std::vector<std::optional<absl::CivilDay>>{absl::CivilDay(2024, 8, 1),
                                                                absl::CivilDay(2024, 9, 1),
                                                                absl::CivilDay(2022, 8, 1)}));
  // A year that the start does not give today is a problem of the year.
  auto disagree = import_->Import(coordinator_,
                                  "Name;Zielgruppe;Ausbildungsbeginn;Lehrjahr\n"
                                  "Lea Busch;Azubi;01.08.2024;2\n",
                                  options, {});
  ASSERT_TRUE(disagree.ok()) << disagree.status();
  ASSERT_EQ(disagree->problems.size(), 1u);
  EXPECT_EQ(disagree->problems[0].column, "Lehrjahr");
}

TEST_F(ParticipantImportTest, RefusesFilesItCannotReadAndForeignOrganisations) {
  auto unknown = import_->Import(coordinator_, "Name;Telefon\nJana;0345\n", Options(), {});
  ASSERT_EQ(unknown.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_NE(unknown.status().message().find("unknown column \"Telefon\""), std::string::npos);
  auto no_name = import_->Import(coordinator_, "E-Mail\njana@example.org\n", Options(), {});
  EXPECT_NE(no_name.status().message().find("no name column"), std::string::npos);
  auto header_only = import_->Import(coordinator_, "Name;E-Mail\n", Options(), {});
  EXPECT_NE(header_only.status().message().find("no rows"), std::string::npos);
  auto open_quote =
      import_->Import(coordinator_, "Name;Zielgruppe\n\"Jana;Ehrenamt\n", Options(), {});
  EXPECT_NE(open_quote.status().message().find("line 2: a quoted field is not closed"),
            std::string::npos);
  ImportOptions defaults = Options();
  auto no_group = import_->Import(coordinator_, "Name\nJana\n", defaults, {});
  EXPECT_EQ(no_group.status().code(), absl::StatusCode::kInvalidArgument);
  defaults.default_target_groups = {TargetGroup::kVolunteers};
  EXPECT_TRUE(import_->Import(coordinator_, "Name\nJana\n", defaults, {}).ok());

  Principal other;
  other.account.roles = {{Role::kCoordinator, org_ + 1}};
  EXPECT_EQ(import_->Import(other, kVolunteers, Options(), {}).status().code(),
            absl::StatusCode::kPermissionDenied);
  EXPECT_EQ(CountParticipants(), 1);
}

TEST_F(ParticipantImportTest, EnrolsTheRowsInFileOrderPastCapacityAndMatchesKnownPeople) {
  const Id series = NewVolunteerCourse(2);
  const Id jana = Jana("jana@example.org");

  ImportOptions options = Options();
  options.series_id = series;
  auto report = import_->Import(coordinator_, kVolunteers, options, {"import-1", "f"});
  ASSERT_TRUE(report.ok()) << report.status();
  ASSERT_EQ(report->imported.size(), 3u);
  EXPECT_EQ(report->imported[0].participant_id, jana);
  EXPECT_FALSE(report->imported[0].created);
  EXPECT_EQ(report->imported[0].enrolment_state, EnrolmentState::kEnrolled);
  EXPECT_EQ(report->imported[1].enrolment_state, EnrolmentState::kEnrolled);
  EXPECT_EQ(report->imported[2].enrolment_state, EnrolmentState::kWaitlisted);
  EXPECT_EQ(report->imported[2].waitlist_position, 1);

  auto retry = import_->Import(coordinator_, kVolunteers, options, {"import-1", "f"});
  ASSERT_TRUE(retry.ok());
  EXPECT_TRUE(retry->repeated);
  EXPECT_EQ(CountParticipants(), 3);

  // The same list again: everybody is enrolled already, so nothing happens.
  auto twice = import_->Import(coordinator_, kVolunteers, options, {});
  EXPECT_EQ(twice.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_NE(twice.status().message().find("is already enrolled"), std::string::npos);
  EXPECT_EQ(CountParticipants(), 3);
}

TEST_F(ParticipantImportTest, AnEMailOfAnotherPersonIsAConflictNeverAMerge) {
  const Id series = NewVolunteerCourse(10);
  const Id jana = Jana("teilnehmerin@example.org");

  constexpr char kList[] =
      "Name;E-Mail\n"
      "Eva Lang;teilnehmerin@example.org\n"
      "Ali Yılmaz;ali@example.org\n";
  ImportOptions options = Options();
  options.series_id = series;
  options.default_target_groups = {TargetGroup::kVolunteers};
  options.dry_run = true;
  auto dry = import_->Import(coordinator_, kList, options, {});
  ASSERT_TRUE(dry.ok()) << dry.status();
  ASSERT_EQ(dry->problems.size(), 1u);
  EXPECT_EQ(dry->problems[0].line, 2);
  EXPECT_NE(dry->problems[0].reason.English().find("belongs to participant"), std::string::npos);
  EXPECT_NE(dry->problems[0].reason.English().find("Jana Beispiel"), std::string::npos);
  // A dry run shows no ids that were never stored.
  ASSERT_EQ(dry->imported.size(), 1u);
  for (const ImportedRow& row : dry->imported) {
    EXPECT_EQ(row.enrolment_id, 0);
    if (row.created) {
      EXPECT_EQ(row.participant_id, 0);
    }
  }
  // ... but the names it would create.
  EXPECT_EQ(dry->imported[0].display_name, "Ali Yılmaz");

  options.dry_run = false;
  auto real = import_->Import(coordinator_, kList, options, {});
  EXPECT_EQ(real.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(CountParticipants(), 1);
  EXPECT_EQ(participants_->Get(admin_, jana)->display_name, "Jana Beispiel");

  // The same person written differently is matched, not a conflict.
  auto same = import_->Import(
      coordinator_, "Name;E-Mail\nJANA  beispiel;TEILNEHMERIN@example.org\n", options, {});
  ASSERT_TRUE(same.ok()) << same.status();
  ASSERT_EQ(same->imported.size(), 1u);
  EXPECT_EQ(same->imported[0].participant_id, jana);
  // The match is named as stored, whatever the row's spelling.
  EXPECT_EQ(same->imported[0].display_name, "Jana Beispiel");
  EXPECT_FALSE(same->imported[0].created);
}

}  // namespace
}  // namespace trainhub::domain
