// The printed sign-in sheet: a real PDF whose text (read back with
// poppler's pdftotext) has every name in any script, and the header on
// every page.

#include "domain/attendance/sign_in_sheet_pdf.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <vector>

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

// Page 1 of `pdf` as a grey image at 144 dpi (2 pixels per point), read
// from poppler's pdftoppm; empty when it cannot be made.
struct GreyImage {
  int width = 0, height = 0;
  std::string pixels;  // row by row, 0 black .. 255 white
  int At(int x, int y) const { return static_cast<unsigned char>(pixels[y * width + x]); }
};

GreyImage FirstPageImage(const std::string& pdf) {
  const fs::path dir = fs::temp_directory_path() / ("sheet-image-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  std::ofstream(dir / "sheet.pdf", std::ios::binary) << pdf;
  const std::string command =
      absl::StrCat("pdftoppm -gray -r 144 -f 1 -l 1 '", (dir / "sheet.pdf").string(), "' '",
                   (dir / "page").string(), "'");
  GreyImage image;
  if (std::system(command.c_str()) == 0) {
    for (const auto& entry : fs::directory_iterator(dir)) {
      if (entry.path().extension() != ".pgm") continue;
      std::ifstream in(entry.path(), std::ios::binary);
      std::string magic;
      int max = 0;
      in >> magic >> image.width >> image.height >> max;
      in.get();
      image.pixels.resize(static_cast<size_t>(image.width) * image.height);
      in.read(image.pixels.data(), static_cast<std::streamsize>(image.pixels.size()));
      if (magic != "P5" || !in) image = GreyImage();
    }
  }
  fs::remove_all(dir);
  return image;
}

// Organisations long enough to need two lines keep clear of the cell's
// borders: no ink of the organisation column within 2 points above or
// below a row's rule.
TEST(SignInSheetPdfTest, TheOrganisationKeepsClearOfTheCellBorders) {
  SignInSheetData d = Example(6);
  d.rows[0].organization = "Landesnetzwerk Migrantenorganisationen Sachsen-Anhalt (LAMSA) e. V.";
  d.rows[2].organization = "Stadt Magdeburg";
  d.rows[3].organization =
      "Kreisverwaltung Anhalt-Bitterfeld, Fachdienst Integration und Gleichstellung";
  d.rows[4].organization = "Jugendmigrationsdienst gGmbH";
  absl::StatusOr<std::string> pdf = RenderSignInSheetPdf(d);
  ASSERT_TRUE(pdf.ok()) << pdf.status();
  const GreyImage image = FirstPageImage(*pdf);
  ASSERT_GT(image.width, 0) << "pdftoppm (poppler-utils) is needed";
  // The table's rules: rows of pixels dark across most of the page's width.
  std::vector<int> rules;
  for (int y = 0; y < image.height; ++y) {
    int dark = 0;
    for (int x = 0; x < image.width; ++x) dark += image.At(x, y) < 128;
    if (dark > image.width * 3 / 4 && (rules.empty() || rules.back() != y - 1)) rules.push_back(y);
    if (dark > image.width * 3 / 4 && !rules.empty() && rules.back() == y - 1) rules.back() = y;
  }
  ASSERT_GE(rules.size(), 8u) << "head rules and a rule under each of 9 rows";
  // The organisation column: 206 to 352 points right of the 42-point margin.
  const int x0 = (42 + 206) * 2 + 4, x1 = (42 + 352) * 2 - 4;
  int checked = 0;
  for (size_t i = 1; i < rules.size(); ++i) {
    const int rule_bottom = rules[i];
    // The rule's first row: walk up while the row is dark across the page.
    int rule_top = rule_bottom;
    while (rule_top > 0 && image.At(image.width / 2, rule_top - 1) < 128) --rule_top;
    for (int y : {rule_top - 4, rule_top - 3, rule_top - 2, rule_top - 1, rule_bottom + 1,
                  rule_bottom + 2, rule_bottom + 3, rule_bottom + 4}) {
      for (int x = x0; x < x1; ++x) {
        ASSERT_GE(image.At(x, y), 160) << "ink at " << x / 2.0 << "/" << y / 2.0
                                       << " pt, beside the rule at " << rule_top / 2.0 << " pt";
      }
    }
    ++checked;
  }
  EXPECT_GE(checked, 7);
}

}  // namespace
}  // namespace trainhub::domain
