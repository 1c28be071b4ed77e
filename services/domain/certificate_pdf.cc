#include "domain/certificate_pdf.h"

#include <qrencode.h>

#include <algorithm>
#include <memory>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "domain/berlin_time.h"
#include "domain/pdf_canvas.h"

namespace trainhub::domain {
namespace {

constexpr double kMargin = 48;
constexpr double kWidth = kA4Width - 2 * kMargin;
constexpr double kQrSize = 84;

// Whether `text` holds right-to-left letters (Hebrew, Arabic, Syriac,
// Thaana, N'Ko and their presentation forms), judged by UTF-8 lead bytes.
bool HasRightToLeft(const std::string& text) {
  for (size_t i = 0; i < text.size(); ++i) {
    const auto b = static_cast<unsigned char>(text[i]);
    const auto next = i + 1 < text.size() ? static_cast<unsigned char>(text[i + 1]) : 0;
    if (b >= 0xD6 && b <= 0xDF) return true;                     // U+0580..U+07FF
    if (b == 0xE0 && next >= 0xA0 && next <= 0xA3) return true;  // U+0800..U+08FF
    if (b == 0xEF && next >= 0xAC && next <= 0xBB) return true;  // U+FB00..U+FEFF
  }
  return false;
}

// User text inside first-strong isolates when it holds right-to-left
// letters, so that it does not reorder the German words and punctuation
// around it. (Left-to-right text goes without: the isolate marks come from a
// fallback font whose taller lines would not fit the page.)
std::string Isolated(const std::string& text) {
  return HasRightToLeft(text) ? absl::StrCat("\u2068", text, "\u2069") : text;
}

// Draws the QR code of `text` with its top left corner at (x, y); false
// when libqrencode cannot encode it.
bool DrawQr(Page& page, const std::string& text, double x, double y, double size) {
  std::unique_ptr<QRcode, void (*)(QRcode*)> code(
      QRcode_encodeString(text.c_str(), 0, QR_ECLEVEL_M, QR_MODE_8, 1), QRcode_free);
  if (!code) return false;
  const int quiet = 2;
  const double cell = size / (code->width + 2 * quiet);
  for (int row = 0; row < code->width; ++row) {
    for (int col = 0; col < code->width; ++col) {
      if (code->data[row * code->width + col] & 1) {
        page.Box(x + (col + quiet) * cell, y + (row + quiet) * cell, cell, cell);
      }
    }
  }
  return true;
}

}  // namespace

absl::StatusOr<std::string> RenderCertificatePdf(const CertificateContent& c,
                                                 const std::string& verification_url) {
  const bool full = c.outcome == CompletionOutcome::kCertificate;
  const std::string kind = full ? "Zertifikat" : "Teilnahmebestätigung";
  bool qr_ok = true;
  absl::StatusOr<std::string> pdf = RenderPdf(absl::StrCat(kind, " ", c.serial), [&](Page& page) {
    page.set_font_scale(0.75);  // sizes below are PDF points
    double y = kMargin;
    std::string issuer = Isolated(c.organization_name);
    if (!c.partner_names.empty()) {
      std::vector<std::string> partners;
      for (const std::string& p : c.partner_names) partners.push_back(Isolated(p));
      absl::StrAppend(&issuer, "\nin Kooperation mit ", absl::StrJoin(partners, ", "));
    }
    y += page.Text(issuer, kMargin, y, kWidth, {.size = 12, .grey = 0.3, .centered = true});
    y += 24;
    y += page.Text(kind, kMargin, y, kWidth, {.size = 36, .bold = true, .centered = true});
    y += 10;
    y += page.Text("Hiermit wird bestätigt, dass", kMargin, y, kWidth,
                   {.size = 14, .centered = true});
    y += 10;
    y += page.Text(Isolated(c.holder_name), kMargin, y, kWidth,
                   {.size = 26, .bold = true, .centered = true});
    y += 10;
    y += page.Text(full ? "die Weiterbildungsreihe" : "an der Weiterbildungsreihe", kMargin, y,
                   kWidth, {.size = 14, .centered = true});
    y += 8;
    y += page.Text(Isolated(c.series_title), kMargin, y, kWidth,
                   {.size = 18, .bold = true, .centered = true});
    y += 8;
    y += page.Text(full ? "erfolgreich abgeschlossen hat." : "teilgenommen hat.", kMargin, y,
                   kWidth, {.size = 14, .centered = true});
    if (full && !c.qualification.empty()) {
      y += 8;
      y += page.Text(
          absl::StrCat("Damit ist die Qualifikation „", Isolated(c.qualification), "“ erworben."),
          kMargin, y, kWidth, {.size = 12, .centered = true});
    }
    y += 18;
    y += page.Text(full ? "Inhalte der Weiterbildungsreihe:" : "Besuchte Module:", kMargin, y,
                   kWidth, {.size = 13, .bold = true});
    y += 6;
    const double kNumber = 22, kDates = 92, kUnits = 70;
    const double kTitle = kWidth - kNumber - kDates - kUnits;
    // The foot (issue date, number, QR code) stays at the bottom of the
    // last page; rows that do not fit above it go on to a next page.
    const double foot = kA4Height - kMargin - kQrSize;
    for (const CertificateModuleLine& m : c.modules) {
      if (!full && m.teaching_units_attended == "0") continue;
      const std::string units =
          m.attended ? m.teaching_units
                     : absl::StrCat(m.teaching_units_attended, " von ", m.teaching_units);
      std::string title = Isolated(m.title);
      if (!m.trainers.empty()) {
        std::vector<std::string> trainers;
        for (const std::string& t : m.trainers) trainers.push_back(Isolated(t));
        absl::StrAppend(&title, " · ", absl::StrJoin(trainers, ", "));
      }
      const TextStyle row{.size = 10.5};
      const TextStyle dates{.size = 9.5, .grey = 0.25};
      const double h =
          std::max(page.Text(title, kMargin + kNumber, y, kTitle - 8, row, false),
                   page.Text(m.dates, kMargin + kNumber + kTitle, y, kDates, dates, false));
      // The last row also needs room for the total below it.
      if (y + h + 24 > foot) {
        page.ShowPage();
        y = kMargin;
      }
      page.Text(absl::StrCat(m.position, "."), kMargin, y, kNumber, row);
      page.Text(title, kMargin + kNumber, y, kTitle - 8, row);
      page.Text(m.dates, kMargin + kNumber + kTitle, y, kDates, dates);
      page.Text(absl::StrCat(units, " UE"), kMargin + kWidth - kUnits, y, kUnits,
                {.size = 10.5, .single_line = true});
      y += h + 4;
      page.Line(kMargin, y - 2, kMargin + kWidth, y - 2, 0.3, 0.6);
    }
    y += 8;
    page.Text(absl::StrCat("Umfang: ", c.teaching_units_attended,
                           " Unterrichtseinheiten (UE) zu je 45 Minuten"),
              kMargin, y, kWidth, {.size = 12});
    page.Text(absl::StrCat("Ausgestellt am ",
                           absl::FormatTime("%d.%m.%Y", c.issue_time, DisplayTimeZone())),
              kMargin, foot, kWidth - kQrSize - 16, {.size = 13});
    page.Text(absl::StrCat(full ? "Zertifikatsnummer: " : "Nummer: ", c.serial), kMargin, foot + 20,
              kWidth - kQrSize - 16, {.size = 13, .bold = true});
    page.Text(absl::StrCat("Echtheit prüfen: ", verification_url), kMargin, foot + 42,
              kWidth - kQrSize - 16, {.size = 9, .grey = 0.3});
    if (!c.supersedes.empty()) {
      page.Text(absl::StrCat("Ersetzt die Ausstellung Nr. ", c.supersedes), kMargin, foot + 66,
                kWidth - kQrSize - 16, {.size = 9, .grey = 0.3});
    }
    qr_ok = DrawQr(page, verification_url, kMargin + kWidth - kQrSize, foot, kQrSize);
    page.ShowPage();
  });
  if (pdf.ok() && !qr_ok) return absl::InternalError("the QR code could not be made");
  return pdf;
}

}  // namespace trainhub::domain
