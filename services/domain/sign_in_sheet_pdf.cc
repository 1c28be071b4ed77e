#include "domain/sign_in_sheet_pdf.h"

#include <cairo-pdf.h>
#include <cairo.h>
#include <pango/pangocairo.h>

#include <algorithm>
#include <memory>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/time/civil_time.h"
#include "domain/berlin_time.h"
#include "domain/work_gate.h"

namespace trainhub::domain {
namespace {

// A4 in PostScript points.
constexpr double kPageWidth = 595.28;
constexpr double kPageHeight = 841.89;
constexpr double kMargin = 42;
constexpr double kContentWidth = kPageWidth - 2 * kMargin;
constexpr double kRowHeight = 30;
constexpr double kFooterHeight = 24;
constexpr int kBlankRows = 3;  // for people who come unannounced
constexpr char kFont[] = "Noto Sans";

// Column x offsets and widths: number, name, organisation, signature.
constexpr double kColumnX[] = {0, 28, 206, 352};
constexpr double kColumnWidth[] = {28, 178, 146, kContentWidth - 352};

WorkGate& RenderingGate() {
  static WorkGate* gate = new WorkGate(2, 16, absl::Seconds(20));
  return *gate;
}

cairo_status_t AppendTo(void* closure, const unsigned char* data, unsigned int length) {
  static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
  return CAIRO_STATUS_SUCCESS;
}

struct TextStyle {
  double size = 10;
  bool bold = false;
  bool italic = false;
  double grey = 0;  // 0 black .. 1 white
  bool single_line = false;
  int max_lines = 0;  // with single_line false: at most this many lines, ellipsized (0: any)
};

class Page {
 public:
  explicit Page(cairo_t* cr) : cr_(cr), layout_(pango_cairo_create_layout(cr)) {}
  ~Page() { g_object_unref(layout_); }
  Page(const Page&) = delete;
  Page& operator=(const Page&) = delete;

  // Lays out `text` in `width` points at (x, y), drawing it when `draw`;
  // returns its height. Paragraphs in right-to-left scripts align right.
  double Text(const std::string& text, double x, double y, double width, const TextStyle& style,
              bool draw = true) {
    PangoFontDescription* font = pango_font_description_from_string(kFont);
    pango_font_description_set_size(font, static_cast<int>(style.size * PANGO_SCALE));
    pango_font_description_set_weight(font, style.bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
    pango_font_description_set_style(font, style.italic ? PANGO_STYLE_ITALIC : PANGO_STYLE_NORMAL);
    pango_layout_set_font_description(layout_, font);
    pango_font_description_free(font);
    pango_layout_set_width(layout_, static_cast<int>(width * PANGO_SCALE));
    pango_layout_set_wrap(layout_, PANGO_WRAP_WORD_CHAR);
    const int lines = style.single_line ? 1 : style.max_lines;
    pango_layout_set_ellipsize(layout_, lines > 0 ? PANGO_ELLIPSIZE_END : PANGO_ELLIPSIZE_NONE);
    pango_layout_set_height(layout_, lines > 0 ? -lines : -1000);
    pango_layout_set_text(layout_, text.c_str(), static_cast<int>(text.size()));
    int w = 0, h = 0;
    pango_layout_get_size(layout_, &w, &h);
    if (draw) {
      cairo_set_source_rgb(cr_, style.grey, style.grey, style.grey);
      cairo_move_to(cr_, x, y);
      pango_cairo_show_layout(cr_, layout_);
    }
    return static_cast<double>(h) / PANGO_SCALE;
  }

  void Line(double x1, double y1, double x2, double y2, double width = 0.6) {
    cairo_set_source_rgb(cr_, 0, 0, 0);
    cairo_set_line_width(cr_, width);
    cairo_move_to(cr_, x1, y1);
    cairo_line_to(cr_, x2, y2);
    cairo_stroke(cr_);
  }

 private:
  cairo_t* cr_;
  PangoLayout* layout_;
};

const char* GermanWeekday(absl::Weekday day) {
  switch (day) {
    case absl::Weekday::monday:
      return "Montag";
    case absl::Weekday::tuesday:
      return "Dienstag";
    case absl::Weekday::wednesday:
      return "Mittwoch";
    case absl::Weekday::thursday:
      return "Donnerstag";
    case absl::Weekday::friday:
      return "Freitag";
    case absl::Weekday::saturday:
      return "Samstag";
    case absl::Weekday::sunday:
      return "Sonntag";
  }
  return "";
}

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
  // The table's head row.
  const char* titles[] = {"Nr.", "Name", "Organisation", "Unterschrift"};
  for (int c = 0; c < 4; ++c) {
    page.Text(titles[c], kMargin + kColumnX[c] + 4, y + 4, kColumnWidth[c] - 8,
              {.size = 9, .bold = true, .single_line = true}, draw);
  }
  if (draw) {
    page.Line(kMargin, y, kMargin + kContentWidth, y, 1);
    page.Line(kMargin, y + 20, kMargin + kContentWidth, y + 20, 1);
  }
  return y + 20;
}

void Row(Page& page, double y, int number, const SignInSheetRow* row) {
  const TextStyle cell{.size = 10, .single_line = true};
  page.Text(absl::StrCat(number), kMargin + kColumnX[0] + 4, y + 8, kColumnWidth[0] - 8, cell);
  if (row != nullptr) {
    page.Text(row->name, kMargin + kColumnX[1] + 4, y + 8, kColumnWidth[1] - 8, cell);
    page.Text(row->organization, kMargin + kColumnX[2] + 4, y + 3, kColumnWidth[2] - 8,
              {.size = 8, .max_lines = 2});
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
  WorkGate::Pass pass = RenderingGate().Enter();
  if (!pass.ok()) {
    return absl::ResourceExhaustedError("too many documents are being made; try again shortly");
  }
  std::string out;
  cairo_surface_t* surface =
      cairo_pdf_surface_create_for_stream(AppendTo, &out, kPageWidth, kPageHeight);
  const std::string title =
      absl::StrCat("Teilnehmerliste ", data.series_title, ", Modul ", data.module_position);
  cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_TITLE, title.c_str());
  cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATOR, "trainhub");
  cairo_t* cr = cairo_create(surface);
  {
    Page page(cr);
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
      cairo_show_page(cr);
    }
  }
  cairo_destroy(cr);
  cairo_surface_finish(surface);
  const cairo_status_t status = cairo_surface_status(surface);
  cairo_surface_destroy(surface);
  if (status != CAIRO_STATUS_SUCCESS) {
    return absl::InternalError(
        absl::StrCat("PDF rendering failed: ", cairo_status_to_string(status)));
  }
  return out;
}

}  // namespace trainhub::domain
