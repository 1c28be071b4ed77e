#include "domain/documents/pdf_canvas.h"

#include <cairo-pdf.h>

#include "absl/strings/str_cat.h"
#include "domain/errors.h"
#include "domain/work_gate.h"

namespace trainhub::domain {
namespace {

constexpr char kFont[] = "Noto Sans";

WorkGate& RenderingGate() {
  static WorkGate* gate = new WorkGate(2, 16, absl::Seconds(20));
  return *gate;
}

cairo_status_t AppendTo(void* closure, const unsigned char* data, unsigned int length) {
  static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
  return CAIRO_STATUS_SUCCESS;
}

}  // namespace

Page::Page(cairo_t* cr) : cr_(cr), layout_(pango_cairo_create_layout(cr)) {}

Page::~Page() { g_object_unref(layout_); }

double Page::Text(const std::string& text, double x, double y, double width, const TextStyle& style,
                  bool draw) {
  PangoFontDescription* font = pango_font_description_from_string(kFont);
  pango_font_description_set_size(font, static_cast<int>(style.size * font_scale_ * PANGO_SCALE));
  pango_font_description_set_weight(font, style.bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
  pango_font_description_set_style(font, style.italic ? PANGO_STYLE_ITALIC : PANGO_STYLE_NORMAL);
  pango_layout_set_font_description(layout_, font);
  pango_font_description_free(font);
  pango_layout_set_width(layout_, static_cast<int>(width * PANGO_SCALE));
  pango_layout_set_wrap(layout_, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_alignment(layout_, style.centered ? PANGO_ALIGN_CENTER : PANGO_ALIGN_LEFT);
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

void Page::Line(double x1, double y1, double x2, double y2, double width, double grey) {
  cairo_set_source_rgb(cr_, grey, grey, grey);
  cairo_set_line_width(cr_, width);
  cairo_move_to(cr_, x1, y1);
  cairo_line_to(cr_, x2, y2);
  cairo_stroke(cr_);
}

void Page::Box(double x, double y, double width, double height, double grey) {
  cairo_set_source_rgb(cr_, grey, grey, grey);
  cairo_rectangle(cr_, x, y, width, height);
  cairo_fill(cr_);
}

absl::StatusOr<std::string> RenderPdf(const std::string& title,
                                      const std::function<void(Page&)>& draw) {
  WorkGate::Pass pass = RenderingGate().Enter();
  if (!pass.ok()) {
    return Refusal(absl::StatusCode::kResourceExhausted,
                   Msg("too many documents are being made; try again shortly"));
  }
  std::string out;
  cairo_surface_t* surface =
      cairo_pdf_surface_create_for_stream(AppendTo, &out, kA4Width, kA4Height);
  cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_TITLE, title.c_str());
  cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATOR, "trainhub");
  cairo_t* cr = cairo_create(surface);
  {
    Page page(cr);
    draw(page);
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

}  // namespace trainhub::domain
