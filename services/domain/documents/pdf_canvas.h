#ifndef TRAINHUB_SERVICES_DOMAIN_DOCUMENTS_PDF_CANVAS_H_
#define TRAINHUB_SERVICES_DOMAIN_DOCUMENTS_PDF_CANVAS_H_

// What trainhub's printed documents (sign-in sheets, certificates) share:
// A4 pages drawn with cairo, text shaped by pango (any script, right to
// left included; fonts from fonts-noto-core, embedded as subsets), and a
// gate that bounds how many documents render at once.

#include <cairo.h>
#include <pango/pangocairo.h>

#include <functional>
#include <string>

#include "absl/status/statusor.h"
#include "absl/time/civil_time.h"

namespace trainhub::domain {

// A4 in PostScript points.
inline constexpr double kA4Width = 595.28;
inline constexpr double kA4Height = 841.89;

struct TextStyle {
  double size = 10;  // times Page::font_scale()
  bool bold = false;
  bool italic = false;
  double grey = 0;  // 0 black .. 1 white
  bool single_line = false;
  int max_lines = 0;  // with single_line false: at most this many lines, ellipsized (0: any)
  bool centered = false;
};

// One cairo context's drawing helpers. Not thread-safe.
class Page {
 public:
  explicit Page(cairo_t* cr);
  ~Page();
  Page(const Page&) = delete;
  Page& operator=(const Page&) = delete;

  cairo_t* cr() { return cr_; }
  // Sizes of TextStyle are multiplied by this. At 1 they are pango points
  // at its 96 dpi, a third larger than the PDF's points; 0.75 makes them
  // PDF points.
  void set_font_scale(double scale) { font_scale_ = scale; }
  // Lays out `text` in `width` points at (x, y), drawing it when `draw`;
  // returns its height. Paragraphs in right-to-left scripts align right
  // (centered ones stay centered).
  double Text(const std::string& text, double x, double y, double width, const TextStyle& style,
              bool draw = true);
  void Line(double x1, double y1, double x2, double y2, double width = 0.6, double grey = 0);
  // A filled rectangle.
  void Box(double x, double y, double width, double height, double grey = 0);
  // Ends the page; drawing goes on on a new one.
  void ShowPage() { cairo_show_page(cr_); }

 private:
  cairo_t* cr_;
  PangoLayout* layout_;
  double font_scale_ = 1;
};

// Renders a document of A4 pages titled `title` (PDF metadata): `draw`
// draws them, ending each with Page::ShowPage(). At most two documents
// render at once and 16 wait up to 20 s: RESOURCE_EXHAUSTED beyond that;
// INTERNAL when cairo fails.
absl::StatusOr<std::string> RenderPdf(const std::string& title,
                                      const std::function<void(Page&)>& draw);

// "Montag" .. "Sonntag".
const char* GermanWeekday(absl::Weekday day);

}  // namespace trainhub::domain

#endif  // TRAINHUB_SERVICES_DOMAIN_DOCUMENTS_PDF_CANVAS_H_
