#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cstdlib>
#include <sstream>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "clients/cli/client.h"
#include "clients/cli/format.h"
#include "clients/cli/printer.h"
#include "trainhub/v1/common.pb.h"
#include "wire/server_address.h"

namespace trainhub::cli {
namespace {

absl::Time Utc(int y, int m, int d, int hh, int mm) {
  return absl::FromCivil(absl::CivilMinute(y, m, d, hh, mm), absl::UTCTimeZone());
}

google::protobuf::Timestamp Ts(absl::Time t) {
  google::protobuf::Timestamp ts;
  SetTimestamp(t, &ts);
  return ts;
}

absl::Time Parse(const std::string& text) {
  std::string error;
  auto t = ParseUserTime(text, "--start", &error);
  EXPECT_TRUE(t.has_value()) << error;
  return t.value_or(absl::InfinitePast());
}

TEST(ParseUserTimeTest, ReadsBerlinWallClockInWinterAndSummer) {
  EXPECT_EQ(Parse("2018-11-23 09:00"), Utc(2018, 11, 23, 8, 0));  // CET
  EXPECT_EQ(Parse("23.11.2018 09:00"), Utc(2018, 11, 23, 8, 0));
  EXPECT_EQ(Parse("2020-05-14T09:00"), Utc(2020, 5, 14, 7, 0));  // CEST
  EXPECT_EQ(Parse("2027-03-01"), Utc(2027, 2, 28, 23, 0));       // midnight
  EXPECT_EQ(Parse(" 14.05.2020 "), Utc(2020, 5, 13, 22, 0));
}

TEST(ParseUserTimeTest, HonoursAnExplicitOffset) {
  EXPECT_EQ(Parse("2020-05-14T09:00:00+02:00"), Utc(2020, 5, 14, 7, 0));
  EXPECT_EQ(Parse("2020-05-14T07:00:00Z"), Utc(2020, 5, 14, 7, 0));
}

TEST(ParseUserTimeTest, RefusesTimesThatDoNotExistOrCannotBeRead) {
  std::string error;
  EXPECT_FALSE(ParseUserTime("2027-03-28 02:30", "--start", &error));
  EXPECT_NE(error.find("does not exist"), std::string::npos) << error;
  EXPECT_FALSE(ParseUserTime("next tuesday", "--end", &error));
  EXPECT_NE(error.find("--end"), std::string::npos) << error;
  EXPECT_FALSE(ParseUserTime("2019-02-30 10:00", "--start", &error));
}

TEST(FormatRangeTest, IsCompactAndLocalAndShowsBothDatesOverSeveralDays) {
  EXPECT_EQ(FormatRange(Ts(Utc(2019, 1, 18, 8, 0)), Ts(Utc(2019, 1, 18, 15, 0))),
            "18.01.2019 09:00–16:00");
  EXPECT_EQ(FormatRange(Ts(Utc(2020, 5, 14, 7, 0)), Ts(Utc(2020, 5, 16, 11, 0))),
            "14.05. 09:00 – 16.05.2020 13:00");
  // Evening to the next afternoon must not read like an end before the start.
  EXPECT_EQ(FormatRange(Ts(Utc(2027, 9, 10, 15, 0)), Ts(Utc(2027, 9, 11, 14, 0))),
            "10.09. 17:00 – 11.09.2027 16:00");
  EXPECT_EQ(FormatRange(Ts(Utc(2019, 12, 31, 8, 0)), Ts(Utc(2020, 1, 1, 15, 0))),
            "31.12.2019 09:00 – 01.01.2020 16:00");
}

TEST(ParseUserTimeTest, RefusesTheAmbiguousAutumnHourNamingBothReadings) {
  std::string error;
  EXPECT_FALSE(ParseUserTime("2027-10-31 02:30", "--start", &error));
  EXPECT_NE(error.find("happens twice"), std::string::npos) << error;
  EXPECT_NE(error.find("2027-10-31T02:30+02:00"), std::string::npos) << error;
  EXPECT_NE(error.find("2027-10-31T02:30+01:00"), std::string::npos) << error;
  // Either reading, given with its offset, is taken as written.
  EXPECT_EQ(Parse("2027-10-31T02:30+01:00"), Utc(2027, 10, 31, 1, 30));
}

// "28-01-18" reads as the year 28: a typing mistake, refused in the CLI's
// words before the server sees it.
TEST(ParseUserTimeTest, RefusesYearsTheServerDoesNotTake) {
  std::string error;
  EXPECT_FALSE(ParseUserTime("28-01-18", "--start", &error));
  EXPECT_EQ(error,
            "--start: \"28-01-18\" is in the year 28; trainhub takes dates from 2000 to 2099 "
            "(write the year with four digits)");
  EXPECT_FALSE(ParseUserTime("2100-01-01T09:00:00+01:00", "--end", &error));
  EXPECT_NE(error.find("--end"), std::string::npos) << error;
  EXPECT_EQ(Parse("2099-12-31 23:00"), Utc(2099, 12, 31, 22, 0));
  EXPECT_EQ(Parse("01.01.2000 09:00"), Utc(2000, 1, 1, 8, 0));
}

TEST(ParseUserTimeTest, ReadsTwoDigitYearsAsThisCenturyAndRefusesFractions) {
  EXPECT_EQ(Parse("04.12.27 09:00"), Parse("04.12.2027 09:00"));
  EXPECT_EQ(Parse("04.12.27"), Parse("04.12.2027"));
  std::string error;
  EXPECT_FALSE(ParseUserTime("2027-12-04T09:00:00.5+01:00", "--end", &error));
  EXPECT_NE(error.find("whole seconds"), std::string::npos) << error;
}

size_t Columns(const std::string& line) {
  size_t n = 0;
  for (unsigned char c : line) n += (c & 0xC0) != 0x80;
  return n;
}

TEST(TableTest, FitsEightyColumnsAndWrapsInsteadOfCutting) {
  Table table({"ID", "TITLE", "WHEN"});
  table.KeepWidth(2);
  const std::string long_title =
      "Systemische Organisationsberatung im interkulturellen Kontext – "
      "zweiter Durchgang 2027/2028 mit Supervision";
  table.Add({"1", long_title, "14.05. 09:00 – 16.05.2020 13:00"});
  table.Add({"2", "Gemeinsam verschieden – vielfältiges Dessau-Roßlau", "x"});
  std::ostringstream out;
  table.Print(out, 60);
  std::string joined;
  for (absl::string_view line : absl::StrSplit(out.str(), '\n', absl::SkipEmpty())) {
    EXPECT_LE(DisplayWidth(std::string(line)), 60u) << line;
    absl::StrAppend(&joined, line, " ");
  }
  EXPECT_EQ(out.str().find("…"), std::string::npos) << out.str();
  // Every word of the title is there, in order, across the wrapped lines.
  for (const char* part : {"zweiter", "Durchgang", "2027/2028", "Supervision"}) {
    EXPECT_NE(joined.find(part), std::string::npos) << part << "\n" << out.str();
  }
  EXPECT_NE(out.str().find("14.05. 09:00 – 16.05.2020 13:00"), std::string::npos);
}

TEST(DisplayWidthTest, CountsGraphemesAndWideCharacters) {
  EXPECT_EQ(DisplayWidth("Zoë"), 3u);
  EXPECT_EQ(DisplayWidth("Zoe\u0308"), 3u);  // combining diaeresis takes no column
  EXPECT_EQ(DisplayWidth("王芳"), 4u);       // wide characters take two
  EXPECT_EQ(DisplayWidth("محمد"), 4u);
  const auto lines = WrapText("王芳王芳王芳", 5);
  ASSERT_EQ(lines.size(), 3u);
  EXPECT_EQ(lines[0], "王芳");
}

TEST(ServerTargetTest, AHostAloneMeansTheDefaultPort) {
  using wire::ServerTarget;
  EXPECT_EQ(ServerTarget("127.0.0.1"), "127.0.0.1:50051");
  EXPECT_EQ(ServerTarget(" localhost "), "localhost:50051");
  EXPECT_EQ(ServerTarget("trainhub.example.org"), "trainhub.example.org:50051");
  EXPECT_EQ(ServerTarget("trainhub.example.org:"), "trainhub.example.org:50051");
  EXPECT_EQ(ServerTarget("127.0.0.1:8443"), "127.0.0.1:8443");
  EXPECT_EQ(ServerTarget("[::1]"), "[::1]:50051");
  EXPECT_EQ(ServerTarget("[::1]:"), "[::1]:50051");
  EXPECT_EQ(ServerTarget("::1"), "[::1]:50051");
  EXPECT_EQ(ServerTarget("[2001:db8::7]:9000"), "[2001:db8::7]:9000");
  EXPECT_EQ(ServerTarget("dns:///trainhub.example.org:443"), "dns:///trainhub.example.org:443");
  EXPECT_EQ(ServerTarget("unix:/run/trainhub.sock"), "unix:/run/trainhub.sock");
  for (const char* bad :
       {"", "  ", "host:0", "host:65536", "host:http", "[::1", "[::1]x", "a b", ":50051", "[]"}) {
    EXPECT_EQ(ServerTarget(bad), std::nullopt) << bad;
  }
}

TEST(InCliWordsTest, SpeaksTheCommandLinesOptions) {
  EXPECT_EQ(InCliWords("session.end_time: must be after start_time"),
            "--end: must be after --start");
  EXPECT_EQ(InCliWords("trainer 2 is booked then; set allow_overlap to book anyway"),
            "trainer 2 is booked then; pass --allow-overlap to book anyway");
  EXPECT_EQ(InCliWords("3 rows have problems; set accept_good_rows to import the others"),
            "3 rows have problems; pass --good-rows-only to import the others");
  EXPECT_EQ(InCliWords("series_id: series 999 does not exist"), "series 999 does not exist");
  EXPECT_EQ(InCliWords("session.trainers[0].trainer_id: trainer 999 does not exist"),
            "--trainer: trainer 999 does not exist");
  EXPECT_EQ(InCliWords("series.partner_organization_ids[1]: is listed twice"),
            "--partner: is listed twice");
  EXPECT_EQ(InCliWords("series 4 has modules; set force to delete them too"),
            "series 4 has modules; pass --force to delete them too");
  // Prose, addresses and method names stay as they are.
  EXPECT_EQ(InCliWords("trainhub.v1.SeriesService/CreateSeries is for an admin"),
            "trainhub.v1.SeriesService/CreateSeries is for an admin");
  EXPECT_EQ(InCliWords("teilnehmerin@example.org belongs to participant 3 (e.g. Jana)"),
            "teilnehmerin@example.org belongs to participant 3 (e.g. Jana)");
}

TEST(InCliWordsTest, AnArgumentIsTheSubjectOfABarePredicateAndOtherwiseLeftOut) {
  // No message without a subject ("error: is not a certificate number").
  EXPECT_EQ(InCliWords("serial: is not a certificate number (16 characters)"),
            "NUMBER is not a certificate number (16 characters)");
  EXPECT_EQ(InCliWords("series_id: must be a positive id"), "SERIES must be a positive id");
  EXPECT_EQ(InCliWords("serial: is not a certificate number", {{"serial", "\"ABCD\""}}),
            "\"ABCD\" is not a certificate number");
  // A file is named by its name, never by a placeholder.
  EXPECT_EQ(InCliWords("csv: line 2: the file is not UTF-8", {{"csv", "liste.csv"}}),
            "liste.csv: line 2: the file is not UTF-8");
  // A message that names the person says so once, and names the flag.
  EXPECT_EQ(InCliWords("participant_ids[0]: participant 5 (Katrin Neumann) belongs to trainers; "
                       "series 3 is for apprentices; set override_eligibility to enrol them "
                       "anyway"),
            "participant 5 (Katrin Neumann) belongs to trainers; series 3 is for apprentices; "
            "pass --override-eligibility to enrol them anyway");
}

TEST(PrinterReportTest, EachViolationIsOneLineInTheCommandsWords) {
  std::ostringstream out, err;
  Printer printer(OutputFormat::kTable, out, err);
  trainhub::v1::ErrorDetails details;
  for (auto [field, description] :
       {std::pair{"participant_ids[0]", "participant 5 (Katrin Neumann) belongs to trainers"},
        std::pair{"participant_ids[3]", "participant 9 (أمل حداد) belongs to managers"},
        std::pair{"series_id", "must be a positive id"},
        std::pair{"session.end_time", "must be after start_time"}}) {
    auto* v = details.add_field_violations();
    v->set_field(field);
    v->set_description(description);
  }
  EXPECT_EQ(printer.Report(grpc::Status(grpc::StatusCode::FAILED_PRECONDITION, "several",
                                        details.SerializeAsString()),
                           "x"),
            kExitRejected);
  EXPECT_EQ(err.str(),
            "error: the request was rejected:\n"
            "  participant 5 (Katrin Neumann) belongs to trainers\n"
            "  participant 9 (أمل حداد) belongs to managers\n"
            "  SERIES must be a positive id\n"
            "  --end: must be after --start\n");
}

TEST(PrinterReportTest, SaysHowToLogInInsteadOfTheProtocolsWords) {
  std::ostringstream out, err;
  Printer printer(OutputFormat::kTable, out, err);
  const grpc::Status no_token(
      grpc::StatusCode::UNAUTHENTICATED,
      "this call needs a login: send \"authorization: Bearer <token>\" (trainhub login)");
  EXPECT_EQ(printer.Report(no_token, "x", /*sent_token=*/false), kExitDenied);
  EXPECT_EQ(err.str(), "error: you are not logged in; run: trainhub login --email YOUR_E-MAIL\n");
  err.str("");
  EXPECT_EQ(printer.Report(grpc::Status(grpc::StatusCode::UNAUTHENTICATED,
                                        "the token is unknown, expired or revoked"),
                           "x", /*sent_token=*/true),
            kExitDenied);
  EXPECT_THAT(err.str(), ::testing::HasSubstr("log in again: trainhub login --email"));
  EXPECT_THAT(err.str(), ::testing::Not(::testing::HasSubstr("token")));
}

TEST(PrinterReportTest, NamesTheCommandNotTheServersMethodWhenARoleIsMissing) {
  std::ostringstream out, err;
  Printer printer(OutputFormat::kTable, out, err);
  const int code =
      printer.Report(grpc::Status(grpc::StatusCode::PERMISSION_DENIED,
                                  "BackupDatabase is for an admin; your account may not call it"),
                     "localhost:50051");
  EXPECT_EQ(code, kExitDenied);
  EXPECT_EQ(err.str(), "error: this command is for an admin; your account may not use it\n");
  // Other refusals keep the server's words.
  err.str("");
  printer.Report(grpc::Status(grpc::StatusCode::PERMISSION_DENIED, "see series 4"), "x");
  EXPECT_EQ(err.str(), "error: see series 4\n");
}

// The server answers in the user's language when asked; the CLI prints
// that text and keeps the English for the rest (its own words, scripts).
TEST(PrinterReportTest, ShowsTheServersWordsInTheUsersLanguage) {
  std::ostringstream out, err;
  Printer printer(OutputFormat::kTable, out, err);
  trainhub::v1::ErrorDetails details;
  details.mutable_localized_message()->set_locale("de");
  details.mutable_localized_message()->set_message(
      "Die Liste ist abgezeichnet; eine Koordinator:in der Reihe kann sie noch korrigieren");
  auto* v = details.add_field_violations();
  v->set_field("session_id");
  v->set_description("the sheet is signed off");
  EXPECT_EQ(printer.Report(grpc::Status(grpc::StatusCode::FAILED_PRECONDITION,
                                        "session_id: the sheet is signed off",
                                        details.SerializeAsString()),
                           "x"),
            kExitRejected);
  EXPECT_EQ(err.str(),
            "error: Die Liste ist abgezeichnet; eine Koordinator:in der Reihe kann sie noch "
            "korrigieren\n");
  // Several fields: one line each, in the user's language.
  details.clear_localized_message();
  v->mutable_localized_description()->set_message("muss eine positive Zahl sein");
  auto* w = details.add_field_violations();
  w->set_field("series.title");
  w->set_description("must not be empty");
  w->mutable_localized_description()->set_message("darf nicht leer sein");
  err.str("");
  printer.Report(grpc::Status(grpc::StatusCode::INVALID_ARGUMENT, "two problems",
                              details.SerializeAsString()),
                 "x");
  EXPECT_NE(err.str().find("muss eine positive Zahl sein"), std::string::npos) << err.str();
  EXPECT_NE(err.str().find("darf nicht leer sein"), std::string::npos) << err.str();
  EXPECT_EQ(err.str().find("must not be empty"), std::string::npos) << err.str();
}

TEST(UserLanguageTest, ComesFromTheLocaleEnvironment) {
  const char* saved[3];
  const char* names[] = {"LC_ALL", "LC_MESSAGES", "LANG"};
  for (int i = 0; i < 3; ++i) saved[i] = std::getenv(names[i]);
  std::vector<std::string> kept;
  for (int i = 0; i < 3; ++i) kept.push_back(saved[i] ? saved[i] : "");
  unsetenv("LC_ALL");
  unsetenv("LC_MESSAGES");
  setenv("LANG", "de_DE.UTF-8", 1);
  EXPECT_EQ(UserLanguage(), "de-DE");
  setenv("LC_MESSAGES", "en_GB.UTF-8@euro", 1);
  EXPECT_EQ(UserLanguage(), "en-GB");
  setenv("LC_ALL", "C", 1);
  EXPECT_EQ(UserLanguage(), "");
  setenv("LC_ALL", "de\r\nx-evil: 1", 1);
  EXPECT_EQ(UserLanguage(), "");
  for (int i = 0; i < 3; ++i) {
    if (saved[i]) {
      setenv(names[i], kept[i].c_str(), 1);
    } else {
      unsetenv(names[i]);
    }
  }
}

TEST(PrintFieldsTest, AlignsLabelsAndWrapsLongValues) {
  std::ostringstream out;
  std::string long_text;
  for (int i = 0; i < 30; ++i) long_text += "Verwaltung ";
  PrintFields(out, {{"Kind", "volunteer-course"}, {"Description", long_text + "\nZweite Zeile"}});
  const std::string text = out.str();
  EXPECT_EQ(text.rfind("  Kind:         volunteer-course\n", 0), 0u) << text;
  size_t lines = 0;
  for (absl::string_view line : absl::StrSplit(text, '\n', absl::SkipEmpty())) {
    EXPECT_LE(Columns(std::string(line)), 80u) << line;
    ++lines;
  }
  EXPECT_GE(lines, 6u);
  EXPECT_NE(text.find("\n                Zweite Zeile\n"), std::string::npos) << text;
}

}  // namespace
}  // namespace trainhub::cli
