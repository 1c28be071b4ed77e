// The funder report's files: the PDF laid out so that no page holds only
// the checksum and no heading ends a page, read back with poppler's
// pdfinfo and pdftotext.

#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "domain/berlin_time.h"
#include "domain/reports/funder_report.h"

namespace trainhub::domain {
namespace {

namespace fs = std::filesystem;

absl::Time Berlin(int y, int m, int d, int hh = 9) {
  return absl::FromCivil(absl::CivilHour(y, m, d, hh), DisplayTimeZone());
}

// The text of page `page` of `pdf` as pdftotext reads it, and the number of
// pages (0 when poppler-utils cannot read it).
struct PdfText {
  int pages = 0;
  std::vector<std::string> page_texts;
};

PdfText ReadPdf(const std::string& pdf) {
  const fs::path dir =
      fs::temp_directory_path() / absl::StrCat("funder-report-test-", ::getpid());
  fs::create_directories(dir);
  std::ofstream(dir / "r.pdf", std::ios::binary) << pdf;
  PdfText out;
  auto read = [](const fs::path& file) {
    std::ifstream in(file);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
  };
  const std::string info = absl::StrCat("pdfinfo '", (dir / "r.pdf").string(), "' > '",
                                        (dir / "info.txt").string(), "' 2>/dev/null");
  if (std::system(info.c_str()) == 0) {
    for (absl::string_view line : absl::StrSplit(read(dir / "info.txt"), '\n')) {
      if (absl::ConsumePrefix(&line, "Pages:")) {
        out.pages = std::atoi(std::string(line).c_str());
      }
    }
  }
  for (int page = 1; page <= out.pages; ++page) {
    const std::string text =
        absl::StrCat("pdftotext -enc UTF-8 -f ", page, " -l ", page, " '",
                     (dir / "r.pdf").string(), "' '", (dir / "page.txt").string(), "'");
    out.page_texts.push_back(std::system(text.c_str()) == 0 ? read(dir / "page.txt") : "");
  }
  fs::remove_all(dir);
  return out;
}

// A line of the checksum: its label or (wrapped) its hex digits.
bool ChecksumLine(absl::string_view line) {
  if (absl::StartsWith(line, "Prüfsumme der Eingaben")) return true;
  absl::ConsumePrefix(&line, "blake2b-256:");
  return !line.empty() && line.find_first_not_of("0123456789abcdef") == absl::string_view::npos;
}

// The lines of a page's text without the footer and empty lines.
std::vector<std::string> BodyLines(const std::string& page_text) {
  std::vector<std::string> out;
  bool footer = false;
  for (absl::string_view line : absl::StrSplit(page_text, '\n')) {
    line = absl::StripAsciiWhitespace(line);
    line = absl::StripPrefix(line, "\f");
    if (line.empty()) continue;
    if (absl::StartsWith(line, "Seite ")) footer = true;  // the footer, two lines at most
    if (!footer) out.emplace_back(line);
  }
  return out;
}

TEST(FunderReportPdfTest, NoPageHoldsOnlyTheChecksumAndNoHeadingEndsAPage) {
  const std::vector<std::string> headings = {
      "Kennzahlen", "Personen nach Zielgruppe", "Personen nach Träger", "Personen nach Reihe",
      "Personen nach Ausbildungsjahr (Auszubildende)", "Hinweis zur Geheimhaltung",
      "Definitionen"};
  int three_pages = 0;
  // Reports of a growing number of series move the page breaks through
  // every block of the report.
  for (int series = 1; series <= 48; ++series) {
    FunderReport r;
    r.first_day = absl::CivilDay(2019, 1, 1);
    r.last_day = absl::CivilDay(2019, 12, 31);
    r.scope_name = "Auslandsgesellschaft Sachsen-Anhalt e.V.";
    r.create_time = Berlin(2026, 12, 7);
    r.inputs_hash = "blake2b-256:" + std::string(64, 'a');
    r.persons = {.value = 3 * series};
    r.participations = {.value = 3 * series};
    ReportTable groups{ReportBreakdown::kTargetGroup, {}, r.persons};
    for (TargetGroup g : {TargetGroup::kVolunteers, TargetGroup::kApprentices}) {
      groups.rows.push_back({.target_group = g, .persons = {.value = g == TargetGroup::kVolunteers
                                                                         ? 3 * series - 3
                                                                         : 3}});
    }
    ReportTable orgs{ReportBreakdown::kOrganization, {}, r.persons};
    orgs.rows.push_back({.id = 1, .name = r.scope_name, .persons = r.persons});
    ReportTable by_series{ReportBreakdown::kSeries, {}, r.participations};
    for (int i = 0; i < series; ++i) {
      by_series.rows.push_back({.id = i + 1,
                                .name = absl::StrCat("Interkultur im Ehrenamt ", i + 1),
                                .persons = {.value = 3}});
    }
    ReportTable years{ReportBreakdown::kTrainingYear, {}, {.value = 3}};
    for (int y : {1, 2, 3, 0}) {
      years.rows.push_back({.target_group = TargetGroup::kApprentices,
                            .training_year = y,
                            .persons = {.value = y == 1 ? 3 : 0}});
    }
    r.tables = {groups, orgs, by_series, years};
    absl::StatusOr<std::string> pdf = FunderReportPdf(r);
    ASSERT_TRUE(pdf.ok()) << pdf.status();
    const PdfText text = ReadPdf(*pdf);
    ASSERT_GT(text.pages, 0) << "pdfinfo and pdftotext (poppler-utils) are needed";
    if (text.pages >= 3) ++three_pages;
    for (int page = 0; page < text.pages; ++page) {
      const std::vector<std::string> body = BodyLines(text.page_texts[page]);
      ASSERT_FALSE(body.empty()) << series << " series: page " << page + 1 << " is empty";
      // The checksum has company on its page.
      EXPECT_FALSE(std::all_of(body.begin(), body.end(), ChecksumLine))
          << series << " series: page " << page + 1 << " holds only the checksum";
      if (page + 1 < text.pages) {
        EXPECT_EQ(std::find(headings.begin(), headings.end(), body.back()), headings.end())
            << series << " series: page " << page + 1 << " ends with the heading "
            << body.back();
      }
    }
    // The last page holds the end of the definitions with the checksum.
    const std::vector<std::string> last = BodyLines(text.page_texts.back());
    EXPECT_TRUE(std::any_of(last.begin(), last.end(), [](const std::string& line) {
      return line.rfind("Prüfsumme der Eingaben", 0) == 0;
    })) << series << " series; the last page reads:\n" << text.page_texts.back();
    EXPECT_NE(text.page_texts.back().find(r.inputs_hash), std::string::npos) << series;
  }
  EXPECT_GT(three_pages, 0) << "no report long enough for a third page";
}

}  // namespace
}  // namespace trainhub::domain
