// The printed sign-in sheet: a real PDF whose text (read back with
// poppler's pdftotext) has every name in any script, and the header on
// every page.

#include "domain/sign_in_sheet_pdf.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "absl/strings/str_cat.h"
#include "absl/time/civil_time.h"
#include "domain/berlin_time.h"

namespace trainhub::domain {
namespace {

namespace fs = std::filesystem;

SignInSheetData Example(int people) {
  SignInSheetData d;
  d.organization = "Auslandsgesellschaft Sachsen-Anhalt e.V.";
  d.partners = {"Landkreis Anhalt-Bitterfeld"};
  d.series_title = "Interkulturelle Kommunikation kompakt";
  d.module_position = 1;
  d.module_title = "Praxistag: Kommunikation im Ehrenamt";
  d.start = absl::FromCivil(absl::CivilMinute(2026, 12, 1, 9, 0), DisplayTimeZone());
  d.end = d.start + absl::Hours(7);
  d.place = "Seminarraum 2, Magdeburg";
  d.trainers = {"Nuran Şahin"};
  d.printed = d.start;
  const char* names[] = {"سمير خليل", "Дмитро Шевчук", "Trần Thị Thu", "Jana Beispiel"};
  for (int i = 0; i < people; ++i) {
    d.rows.push_back({absl::StrCat(names[i % 4], i < 4 ? "" : absl::StrCat(" ", i)),
                      "Auslandsgesellschaft Sachsen-Anhalt e.V.", i == 1 ? "entschuldigt" : ""});
  }
  return d;
}

// The text of `pdf` as pdftotext reads it ("" when it cannot).
std::string TextOf(const std::string& pdf) {
  const fs::path dir = fs::temp_directory_path() / ("sheet-test-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  std::ofstream(dir / "sheet.pdf", std::ios::binary) << pdf;
  const std::string command = absl::StrCat("pdftotext -enc UTF-8 '", (dir / "sheet.pdf").string(),
                                           "' '", (dir / "sheet.txt").string(), "'");
  std::string text;
  if (std::system(command.c_str()) == 0) {
    std::ifstream in(dir / "sheet.txt");
    std::stringstream s;
    s << in.rdbuf();
    text = s.str();
  }
  fs::remove_all(dir);
  return text;
}

size_t Count(const std::string& text, const std::string& what) {
  size_t n = 0;
  for (size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
  return n;
}

TEST(SignInSheetPdfTest, NamesInEveryScriptAreInTheText) {
  absl::StatusOr<std::string> pdf = RenderSignInSheetPdf(Example(4));
  ASSERT_TRUE(pdf.ok()) << pdf.status();
  ASSERT_EQ(pdf->rfind("%PDF-", 0), 0u);
  const std::string text = TextOf(*pdf);
  ASSERT_FALSE(text.empty()) << "pdftotext (poppler-utils) is needed";
  EXPECT_NE(text.find("Teilnehmer- und Unterschriftenliste"), std::string::npos);
  EXPECT_NE(text.find("Дмитро Шевчук"), std::string::npos);
  EXPECT_NE(text.find("Trần Thị Thu"), std::string::npos);
  EXPECT_NE(text.find("Nuran Şahin"), std::string::npos);
  EXPECT_NE(text.find("Dienstag, 01.12.2026, 09:00–16:00 Uhr"), std::string::npos);
  EXPECT_NE(text.find("entschuldigt"), std::string::npos);
  // Arabic comes back in logical order with its letters (pango shaped it).
  EXPECT_NE(text.find("خليل"), std::string::npos);
  EXPECT_EQ(Count(text, "Seite 1 von 1"), 1u);
}

TEST(SignInSheetPdfTest, LongListsBreakPagesWithTheHeaderRepeated) {
  absl::StatusOr<std::string> pdf = RenderSignInSheetPdf(Example(60));
  ASSERT_TRUE(pdf.ok()) << pdf.status();
  const std::string text = TextOf(*pdf);
  ASSERT_FALSE(text.empty());
  const size_t pages = Count(text, "Seite ");
  EXPECT_GE(pages, 3u);  // 63 rows of 30 points on A4
  EXPECT_EQ(Count(text, "Teilnehmer- und Unterschriftenliste"), pages);
  EXPECT_EQ(Count(text, "Interkulturelle Kommunikation kompakt"), pages);
  EXPECT_NE(text.find(absl::StrCat("Seite ", pages, " von ", pages)), std::string::npos);
  EXPECT_NE(text.find("Jana Beispiel 59"), std::string::npos);
}

}  // namespace
}  // namespace trainhub::domain
