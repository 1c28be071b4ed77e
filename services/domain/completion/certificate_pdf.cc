#include "domain/completion/certificate_pdf.h"

#include <qrencode.h>

#include <algorithm>
#include <memory>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/time/civil_time.h"
#include "domain/berlin_time.h"
#include "domain/documents/pdf_canvas.h"

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

constexpr const char* kGermanMonths[] = {"Januar",    "Februar", "März",     "April",
                                         "Mai",       "Juni",    "Juli",     "August",
                                         "September", "Oktober", "November", "Dezember"};

// "12. März 2027", leaving out the year or month and year as asked.
std::string GermanDay(absl::CivilDay day, bool with_month, bool with_year) {
  std::string text = absl::StrCat(day.day(), ".");
  if (with_month) absl::StrAppend(&text, " ", kGermanMonths[day.month() - 1]);
  if (with_year) absl::StrAppend(&text, " ", day.year());
  return text;
}

// When an event was attended, as a German phrase for "... an der
// Veranstaltung": "am 12. März 2027", "vom 5. bis 6. März 2027", "am 1.,
// 8. und 15. März 2027"; "" without days.
std::string AttendedWhen(const std::vector<absl::CivilDay>& days) {
  if (days.empty()) return "";
  const absl::CivilDay first = days.front(), last = days.back();
  bool consecutive = true;
  for (size_t i = 1; i < days.size(); ++i) consecutive &= days[i] == days[i - 1] + 1;
  const bool same_year = first.year() == last.year();
  const bool same_month = same_year && first.month() == last.month();
  if (days.size() == 1) return absl::StrCat("am ", GermanDay(first, true, true));
  if (consecutive || days.size() > 4) {
    return absl::StrCat("vom ", GermanDay(first, !same_month, !same_year), " bis ",
                        GermanDay(last, true, true));
  }
  std::vector<std::string> parts;
  for (absl::CivilDay day : days) {
    const bool is_last = day == last;
    parts.push_back(GermanDay(day, is_last || !same_month, is_last || !same_year));
  }
  const std::string last_part = parts.back();
  parts.pop_back();
  return absl::StrCat("am ", absl::StrJoin(parts, ", "), " und ", last_part);
}

}  // namespace

absl::StatusOr<std::string> RenderCertificatePdf(const CertificateContent& c,
                                                 const std::string& verification_url) {
  const bool full = c.outcome == CompletionOutcome::kCertificate;
  // A Teilnahmebestätigung of a series that issues nothing else is worded
  // for an event, with the days the holder was there.
  const bool event = !full && c.issued_documents == IssuedDocuments::kConfirmationOnly;
  const bool v2 = c.format_version >= 2;
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
    std::string lead = full ? "die Weiterbildungsreihe" : "an der Weiterbildungsreihe";
    if (event) {
      const std::string when = AttendedWhen(c.attended_days);
      lead = when.empty() ? "an der Veranstaltung" : absl::StrCat(when, " an der Veranstaltung");
    }
    y += page.Text(lead, kMargin, y, kWidth, {.size = 14, .centered = true});
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
    const char* heading = full    ? "Inhalte der Weiterbildungsreihe:"
                          : event ? "Inhalte der Veranstaltung:"
                                  : "Besuchte Module:";
    y += page.Text(heading, kMargin, y, kWidth, {.size = 13, .bold = true});
    y += 6;
    const double kNumber = 22, kDates = 92, kUnits = 70;
    const double kTitle = kWidth - kNumber - kDates - kUnits;
    // The foot (number, verification, QR code) is at the bottom of every
    // page; the last page has the signatory's block (place, date, name,
    // role) above it.
    const double foot = kA4Height - kMargin - kQrSize;
    const double signature_top = v2 ? foot - 78 : foot;
    // The rows as printed, measured first.
    struct ModuleRow {
      const CertificateModuleLine* line;
      std::string title, topics, units;
      double title_height = 0, height = 0;
    };
    const TextStyle row{.size = 10.5};
    const TextStyle topic_style{.size = 9.5, .grey = 0.3};
    const TextStyle dates{.size = 9.5, .grey = 0.25};
    std::vector<ModuleRow> rows;
    for (const CertificateModuleLine& m : c.modules) {
      if (!full && m.teaching_units_attended == "0") continue;
      ModuleRow r{&m};
      r.units = m.attended ? m.teaching_units
                           : absl::StrCat(m.teaching_units_attended, " von ", m.teaching_units);
      r.title = Isolated(m.title);
      if (!m.trainers.empty()) {
        std::vector<std::string> trainers;
        for (const std::string& t : m.trainers) trainers.push_back(Isolated(t));
        absl::StrAppend(&r.title, " · ", absl::StrJoin(trainers, ", "));
      }
      std::vector<std::string> topic_texts;
      for (const std::string& t : m.topics) topic_texts.push_back(Isolated(t));
      r.topics = absl::StrJoin(topic_texts, "; ");
      r.title_height = page.Text(r.title, kMargin + kNumber, y, kTitle - 8, row, false);
      const double topics_height = r.topics.empty() ? 0
                                                    : 2 + page.Text(r.topics, kMargin + kNumber, y,
                                                                    kTitle - 8, topic_style, false);
      r.height = std::max(r.title_height + topics_height,
                          page.Text(m.dates, kMargin + kNumber + kTitle, y, kDates, dates, false)) +
                 4;
      rows.push_back(std::move(r));
    }
    constexpr double kTotalHeight = 40;  // the line "Umfang: ..." and space below it
    // Pages: a page is filled down to its foot unless the rest, the total
    // and the signatory's block fit on it; the total goes with that block.
    std::vector<int> page_of(rows.size());
    int pages = 1;
    {
      double at = y, rest = kTotalHeight;
      for (const ModuleRow& r : rows) rest += r.height;
      for (size_t i = 0; i < rows.size(); ++i) {
        if (at + rest > signature_top && at + rows[i].height > foot - 8) {
          ++pages;
          at = kMargin;
        }
        page_of[i] = pages;
        at += rows[i].height;
        rest -= rows[i].height;
      }
      if (at + kTotalHeight > signature_top) ++pages;
    }
    const double foot_width = kWidth - kQrSize - 16;
    const std::string number = absl::StrCat(full ? "Zertifikatsnummer: " : "Nummer: ", c.serial);
    const std::string check = absl::StrCat("Echtheit prüfen: ", verification_url);
    // Every page but the last carries the number, its place in the
    // document and the QR code, so that each page can be checked.
    int current = 1;
    auto next_page = [&] {
      page.Text(number, kMargin, foot, foot_width, {.size = 13, .bold = true});
      page.Text(check, kMargin, foot + 22, foot_width, {.size = 9, .grey = 0.3});
      page.Text(
          absl::StrCat("Seite ", current, " von ", pages, " – Fortsetzung auf der nächsten Seite"),
          kMargin, foot + 38, foot_width, {.size = 9, .grey = 0.3});
      qr_ok = qr_ok && DrawQr(page, verification_url, kMargin + kWidth - kQrSize, foot, kQrSize);
      page.ShowPage();
      ++current;
      y = kMargin;
    };
    for (size_t i = 0; i < rows.size(); ++i) {
      if (page_of[i] > current) next_page();
      const ModuleRow& r = rows[i];
      const CertificateModuleLine& m = *r.line;
      page.Text(absl::StrCat(m.position, "."), kMargin, y, kNumber, row);
      page.Text(r.title, kMargin + kNumber, y, kTitle - 8, row);
      if (!r.topics.empty()) {
        page.Text(r.topics, kMargin + kNumber, y + r.title_height + 2, kTitle - 8, topic_style);
      }
      page.Text(m.dates, kMargin + kNumber + kTitle, y, kDates, dates);
      page.Text(absl::StrCat(r.units, " UE"), kMargin + kWidth - kUnits, y, kUnits,
                {.size = 10.5, .single_line = true});
      y += r.height;
      page.Line(kMargin, y - 2, kMargin + kWidth, y - 2, 0.3, 0.6);
    }
    if (current < pages) next_page();
    y += 8;
    page.Text(absl::StrCat("Umfang: ", c.teaching_units_attended,
                           " Unterrichtseinheiten (UE) zu je 45 Minuten"),
              kMargin, y, kWidth, {.size = 12});
    const std::string date = absl::FormatTime("%d.%m.%Y", c.issue_time, DisplayTimeZone());
    double foot_y = foot;
    if (v2) {
      // Place and date, then who signs (the organisation's signatory or the
      // coordinator who issued it).
      double sy = signature_top;
      sy += page.Text(c.place.empty() ? absl::StrCat("Ausgestellt am ", date)
                                      : absl::StrCat(Isolated(c.place), ", ", date),
                      kMargin, sy, kWidth, {.size = 12});
      sy += 6;
      if (!c.signatory_name.empty()) {
        sy += page.Text(Isolated(c.signatory_name), kMargin, sy, kWidth,
                        {.size = 12, .bold = true, .single_line = true});
      }
      if (!c.signatory_role.empty()) {
        page.Text(Isolated(c.signatory_role), kMargin, sy, kWidth,
                  {.size = 11, .grey = 0.3, .single_line = true});
      }
    } else {
      page.Text(absl::StrCat("Ausgestellt am ", date), kMargin, foot_y, foot_width, {.size = 13});
      foot_y += 20;
    }
    page.Text(number, kMargin, foot_y, foot_width, {.size = 13, .bold = true});
    foot_y += 22;
    page.Text(check, kMargin, foot_y, foot_width, {.size = 9, .grey = 0.3});
    foot_y += v2 ? 16 : 24;
    if (pages > 1) {
      page.Text(absl::StrCat("Seite ", pages, " von ", pages), kMargin + kWidth - kQrSize,
                foot - 16, kQrSize, {.size = 9, .grey = 0.3, .single_line = true});
    }
    if (!c.supersedes.empty()) {
      page.Text(absl::StrCat("Ersetzt die Ausstellung Nr. ", c.supersedes), kMargin, foot_y,
                foot_width, {.size = 9, .grey = 0.3});
      foot_y += 16;
    }
    if (v2) {
      page.Text("Dieses Dokument wurde elektronisch erstellt und ist ohne Unterschrift gültig.",
                kMargin, foot_y, foot_width, {.size = 9, .grey = 0.3});
    }
    qr_ok = qr_ok && DrawQr(page, verification_url, kMargin + kWidth - kQrSize, foot, kQrSize);
    page.ShowPage();
  });
  if (pdf.ok() && !qr_ok) return absl::InternalError("the QR code could not be made");
  return pdf;
}

}  // namespace trainhub::domain
