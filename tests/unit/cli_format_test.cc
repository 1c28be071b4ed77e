#include <gtest/gtest.h>

#include <sstream>

#include "absl/strings/str_split.h"
#include "clients/cli/format.h"

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

TEST(FormatRangeTest, IsCompactAndLocal) {
  EXPECT_EQ(FormatRange(Ts(Utc(2019, 1, 18, 8, 0)), Ts(Utc(2019, 1, 18, 15, 0))),
            "18.01.2019 09:00–16:00");
  EXPECT_EQ(FormatRange(Ts(Utc(2020, 5, 14, 7, 0)), Ts(Utc(2020, 5, 16, 11, 0))),
            "14.–16.05.2020 09:00–13:00");
  EXPECT_EQ(FormatRange(Ts(Utc(2020, 1, 31, 8, 0)), Ts(Utc(2020, 2, 1, 15, 0))),
            "31.01.–01.02.2020 09:00–16:00");
  EXPECT_EQ(FormatRange(Ts(Utc(2019, 12, 31, 8, 0)), Ts(Utc(2020, 1, 1, 15, 0))),
            "31.12.2019 09:00 – 01.01.2020 16:00");
}

size_t Columns(const std::string& line) {
  size_t n = 0;
  for (unsigned char c : line) n += (c & 0xC0) != 0x80;
  return n;
}

TEST(TableTest, FitsEightyColumnsAndCutsWithEllipsis) {
  Table table({"ID", "TITLE", "WHEN"});
  table.KeepWidth(2);
  table.Add({"1", std::string(120, 'x'), "14.–16.05.2020 09:00–13:00"});
  table.Add({"2", "Gemeinsam verschieden – vielfältiges Dessau-Roßlau", "x"});
  std::ostringstream out;
  table.Print(out, 80);
  for (absl::string_view line : absl::StrSplit(out.str(), '\n', absl::SkipEmpty())) {
    EXPECT_LE(Columns(std::string(line)), 80u) << line;
  }
  EXPECT_NE(out.str().find("…"), std::string::npos);
  EXPECT_NE(out.str().find("14.–16.05.2020 09:00–13:00"), std::string::npos);
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
