#include "domain/attendance/sign_in_sheet_pdf.h"

#include <algorithm>
#include <memory>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/time/civil_time.h"
#include "domain/berlin_time.h"
#include "domain/documents/pdf_canvas.h"

namespace trainhub::domain {
namespace {

constexpr double kPageWidth = kA4Width;
constexpr double kPageHeight = kA4Height;
constexpr double kMargin = 42;
constexpr double kContentWidth = kPageWidth - 2 * kMargin;
constexpr double kRowHeight = 30;
constexpr double kHeadRowHeight = 20;
// Text keeps at least this far from a cell's top and bottom borders.
constexpr double kCellPadding = 3;
constexpr double kFooterHeight = 24;
constexpr int kBlankRows = 3;  // for people who come unannounced

// Column x offsets and widths: number, name, organisation, signature.
constexpr double kColumnX[] = {0, 28, 206, 352};
constexpr double kColumnWidth[] = {28, 178, 146, kContentWidth - 352};

std::string When(const SignInSheetData& d) {
  const absl::TimeZone& zone = DisplayTimeZone();
  const absl::CivilDay first = absl::ToCivilDay(d.start, zone);
  const absl::CivilDay last = absl::ToCivilDay(d.end - absl::Seconds(1), zone);
  if (first == last) {
    return absl::StrCat(GermanWeekday(absl::GetWeekday(first)), ", ",
                        absl::FormatTime("%d.%m.%Y, %H:%M", d.start, zone), "–",
                        absl::FormatTime("%H:%M Uhr", d.end, zone));
  }
  return absl::StrCat(absl::FormatTime("%d.%m.%Y %H:%M", d.start, zone), " – ",
                      absl::FormatTime("%d.%m.%Y %H:%M Uhr", d.end, zone));
}

// The header block of every page; returns the y below it.
double Header(Page& page, const SignInSheetData& d, bool draw) {
  double y = kMargin;
  y += page.Text("Teilnehmer- und Unterschriftenliste", kMargin, y, kContentWidth,
                 {.size = 15, .bold = true}, draw) +
       6;
  std::vector<std::pair<std::string, std::string>> lines = {
      {"Träger", d.organization},
  };
  if (!d.partners.empty()) lines.emplace_back("Partner", absl::StrJoin(d.partners, ", "));
  lines.emplace_back("Reihe", d.series_title);
  lines.emplace_back("Modul", absl::StrCat(d.module_position, ". ", d.module_title));
  lines.emplace_back("Termin", When(d));
  lines.emplace_back("Ort", d.place.empty() ? "–" : d.place);
  lines.emplace_back("Referent:innen", d.trainers.empty() ? "–" : absl::StrJoin(d.trainers, ", "));
  constexpr double kLabelWidth = 112;
  for (const auto& [label, value] : lines) {
    const double label_height = page.Text(label + ":", kMargin, y, kLabelWidth,
                                          {.size = 10, .bold = true, .single_line = true}, draw);
    const double value_height =
        page.Text(value, kMargin + kLabelWidth, y, kContentWidth - kLabelWidth, {.size = 10}, draw);
    y += std::max(label_height, value_height) + 2;
  }
  y += 10;
  // The table's head row, its titles centred between the rules.
  const char* titles[] = {"Nr.", "Name", "Organisation", "Unterschrift"};
  const TextStyle head{.size = 9, .bold = true, .single_line = true};
  for (int c = 0; c < 4; ++c) {
    const double h = page.Text(titles[c], 0, 0, kColumnWidth[c] - 8, head, false);
    page.Text(titles[c], kMargin + kColumnX[c] + 4, y + (kHeadRowHeight - h) / 2,
              kColumnWidth[c] - 8, head, draw);
  }
  if (draw) {
    page.Line(kMargin, y, kMargin + kContentWidth, y, 1);
    page.Line(kMargin, y + kHeadRowHeight, kMargin + kContentWidth, y + kHeadRowHeight, 1);
  }
  return y + kHeadRowHeight;
}

// The organisation in its cell: up to two lines, in a smaller size when two
// lines of the usual one would come closer than kCellPadding to the
// borders, centred between them.
void OrganizationCell(Page& page, const std::string& organization, double y) {
  const double x = kMargin + kColumnX[2] + 4, width = kColumnWidth[2] - 8;
  TextStyle style{.size = 8, .max_lines = 2};
  double h = page.Text(organization, x, y, width, style, false);
  for (double smaller : {7.0, 6.5}) {
    if (h <= kRowHeight - 2 * kCellPadding) break;
    style.size = smaller;
    h = page.Text(organization, x, y, width, style, false);
  }
  page.Text(organization, x, y + std::max(kCellPadding, (kRowHeight - h) / 2), width, style);
}

void Row(Page& page, double y, int number, const SignInSheetRow* row) {
  const TextStyle cell{.size = 10, .single_line = true};
  page.Text(absl::StrCat(number), kMargin + kColumnX[0] + 4, y + 8, kColumnWidth[0] - 8, cell);
  if (row != nullptr) {
    page.Text(row->name, kMargin + kColumnX[1] + 4, y + 8, kColumnWidth[1] - 8, cell);
    OrganizationCell(page, row->organization, y);
    if (!row->remark.empty()) {
      page.Text(row->remark, kMargin + kColumnX[3] + 4, y + 8, kColumnWidth[3] - 8,
                {.size = 9, .italic = true, .grey = 0.45, .single_line = true});
    }
  }
  page.Line(kMargin, y + kRowHeight, kMargin + kContentWidth, y + kRowHeight);
  for (int c = 0; c <= 4; ++c) {
    const double x = kMargin + (c < 4 ? kColumnX[c] : kContentWidth);
    page.Line(x, y, x, y + kRowHeight);
  }
}

void Footer(Page& page, const SignInSheetData& d, int number, int pages) {
  const std::string text =
      absl::StrCat("Seite ", number, " von ", pages, " · erstellt am ",
                   absl::FormatTime("%d.%m.%Y %H:%M", d.printed, DisplayTimeZone()),
                   " · Mit meiner Unterschrift bestätige ich meine Teilnahme.");
  page.Text(text, kMargin, kPageHeight - kMargin - kFooterHeight + 8, kContentWidth,
            {.size = 8, .grey = 0.35});
}

}  // namespace

absl::StatusOr<std::string> RenderSignInSheetPdf(const SignInSheetData& data) {
  const std::string title =
      absl::StrCat("Teilnehmerliste ", data.series_title, ", Modul ", data.module_position);
  return RenderPdf(title, [&](Page& page) {
    const double table_top = Header(page, data, false);
    const double bottom = kPageHeight - kMargin - kFooterHeight;
    const int per_page = std::max(1, static_cast<int>((bottom - table_top) / kRowHeight));
    const int rows = static_cast<int>(data.rows.size()) + kBlankRows;
    const int pages = (rows + per_page - 1) / per_page;
    for (int p = 0; p < pages; ++p) {
      double y = Header(page, data, true);
      for (int i = p * per_page; i < std::min(rows, (p + 1) * per_page); ++i) {
        Row(page, y, i + 1, i < static_cast<int>(data.rows.size()) ? &data.rows[i] : nullptr);
        y += kRowHeight;
      }
      Footer(page, data, p + 1, pages);
      page.ShowPage();
    }
  });
}

}  // namespace trainhub::domain
