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

// A module's row as printed, measured before the rows are placed on pages.
struct ModuleRow {
  const CertificateModuleLine* line;
  std::string title, topics, units;
  double title_height = 0, height = 0;
};

constexpr double kNumberColumn = 22, kDatesColumn = 92, kUnitsColumn = 70;
constexpr double kTitleColumn = kWidth - kNumberColumn - kDatesColumn - kUnitsColumn;
constexpr double kTotalHeight = 40;  // the line "Umfang: ..." and space below it
constexpr TextStyle kRowStyle{.size = 10.5};
constexpr TextStyle kTopicStyle{.size = 9.5, .grey = 0.3};
constexpr TextStyle kDatesStyle{.size = 9.5, .grey = 0.25};

// One certificate drawn on `page`: the head (issuer, kind, holder, series,
// outcome), the modules over as many pages as they need, each page but the
// last with the foot that lets it be checked on its own, then the total,
// the place, date and signatory, and the last page's foot. Not thread-safe.
class CertificateLayout {
 public:
  CertificateLayout(Page& page, const CertificateContent& c, const std::string& verification_url)
      : page_(page),
        c_(c),
        url_(verification_url),
        full_(c.outcome == CompletionOutcome::kCertificate),
        // A Teilnahmebestätigung of a series that issues nothing else is
        // worded for an event, with the days the holder was there.
        event_(!full_ && c.issued_documents == IssuedDocuments::kConfirmationOnly),
        v2_(c.format_version >= 2),
        // The signatory's block (place, date, name, role) comes above the
        // last page's foot.
        signature_top_(v2_ ? kFoot - 78 : kFoot),
        number_(absl::StrCat(full_ ? "Zertifikatsnummer: " : "Nummer: ", c.serial)),
        check_(absl::StrCat("Echtheit prüfen: ", verification_url)) {}

  // Draws every page; false when a QR code could not be made.
  bool Draw() {
    page_.set_font_scale(0.75);  // sizes below are PDF points
    DrawHead();
    std::vector<ModuleRow> rows = MeasureRows();
    const std::vector<int> page_of = Paginate(rows);
    for (size_t i = 0; i < rows.size(); ++i) {
      if (page_of[i] > current_) EndPage();
      DrawRow(rows[i]);
    }
    if (current_ < pages_) EndPage();
    y_ += 8;
    page_.Text(absl::StrCat("Umfang: ", c_.teaching_units_attended,
                            " Unterrichtseinheiten (UE) zu je 45 Minuten"),
               kMargin, y_, kWidth, {.size = 12});
    DrawLastFoot();
    return qr_ok_;
  }

 private:
  // The foot (number, verification, QR code) is at the bottom of every page.
  static constexpr double kFoot = kA4Height - kMargin - kQrSize;
  static constexpr double kFootWidth = kWidth - kQrSize - 16;

  // Adds a centered paragraph's height to y_.
  void Centered(const std::string& text, double size, bool bold = false) {
    y_ += page_.Text(text, kMargin, y_, kWidth, {.size = size, .bold = bold, .centered = true});
  }

  // The issuer, the kind of document, whom it names and for what, down to
  // the heading of the modules.
  void DrawHead() {
    std::string issuer = Isolated(c_.organization_name);
    if (!c_.partner_names.empty()) {
      std::vector<std::string> partners;
      for (const std::string& p : c_.partner_names) partners.push_back(Isolated(p));
      absl::StrAppend(&issuer, "\nin Kooperation mit ", absl::StrJoin(partners, ", "));
    }
    y_ += page_.Text(issuer, kMargin, y_, kWidth, {.size = 12, .grey = 0.3, .centered = true});
    y_ += 24;
    Centered(full_ ? "Zertifikat" : "Teilnahmebestätigung", 36, true);
    y_ += 10;
    Centered("Hiermit wird bestätigt, dass", 14);
    y_ += 10;
    Centered(Isolated(c_.holder_name), 26, true);
    y_ += 10;
    std::string lead = full_ ? "die Weiterbildungsreihe" : "an der Weiterbildungsreihe";
    if (event_) {
      const std::string when = AttendedWhen(c_.attended_days);
      lead = when.empty() ? "an der Veranstaltung" : absl::StrCat(when, " an der Veranstaltung");
    }
    Centered(lead, 14);
    y_ += 8;
    Centered(Isolated(c_.series_title), 18, true);
    y_ += 8;
    Centered(full_ ? "erfolgreich abgeschlossen hat." : "teilgenommen hat.", 14);
    if (full_ && !c_.qualification.empty()) {
      y_ += 8;
      Centered(
          absl::StrCat("Damit ist die Qualifikation „", Isolated(c_.qualification), "“ erworben."),
          12);
    }
    y_ += 18;
    const char* heading = full_    ? "Inhalte der Weiterbildungsreihe:"
                          : event_ ? "Inhalte der Veranstaltung:"
                                   : "Besuchte Module:";
    y_ += page_.Text(heading, kMargin, y_, kWidth, {.size = 13, .bold = true});
    y_ += 6;
  }

  // The rows of the modules printed (a confirmation leaves out those not
  // attended at all), measured.
  std::vector<ModuleRow> MeasureRows() {
    std::vector<ModuleRow> rows;
    for (const CertificateModuleLine& m : c_.modules) {
      if (!full_ && m.teaching_units_attended == "0") continue;
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
      const double x = kMargin + kNumberColumn;
      r.title_height = page_.Text(r.title, x, y_, kTitleColumn - 8, kRowStyle, false);
      const double topics_height =
          r.topics.empty() ? 0
                           : 2 + page_.Text(r.topics, x, y_, kTitleColumn - 8, kTopicStyle, false);
      r.height =
          std::max(r.title_height + topics_height,
                   page_.Text(m.dates, x + kTitleColumn, y_, kDatesColumn, kDatesStyle, false)) +
          4;
      rows.push_back(std::move(r));
    }
    return rows;
  }

  // The page of each row (from 1), counting the pages into pages_: a page
  // is filled down to its foot unless the rest, the total and the
  // signatory's block fit on it; the total goes with that block.
  std::vector<int> Paginate(const std::vector<ModuleRow>& rows) {
    std::vector<int> page_of(rows.size());
    double at = y_, rest = kTotalHeight;
    for (const ModuleRow& r : rows) rest += r.height;
    for (size_t i = 0; i < rows.size(); ++i) {
      if (at + rest > signature_top_ && at + rows[i].height > kFoot - 8) {
        ++pages_;
        at = kMargin;
      }
      page_of[i] = pages_;
      at += rows[i].height;
      rest -= rows[i].height;
    }
    if (at + kTotalHeight > signature_top_) ++pages_;
    return page_of;
  }

  void DrawRow(const ModuleRow& r) {
    const CertificateModuleLine& m = *r.line;
    const double x = kMargin + kNumberColumn;
    page_.Text(absl::StrCat(m.position, "."), kMargin, y_, kNumberColumn, kRowStyle);
    page_.Text(r.title, x, y_, kTitleColumn - 8, kRowStyle);
    if (!r.topics.empty()) {
      page_.Text(r.topics, x, y_ + r.title_height + 2, kTitleColumn - 8, kTopicStyle);
    }
    page_.Text(m.dates, x + kTitleColumn, y_, kDatesColumn, kDatesStyle);
    page_.Text(absl::StrCat(r.units, " UE"), kMargin + kWidth - kUnitsColumn, y_, kUnitsColumn,
               {.size = 10.5, .single_line = true});
    y_ += r.height;
    page_.Line(kMargin, y_ - 2, kMargin + kWidth, y_ - 2, 0.3, 0.6);
  }

  void DrawQrCode() {
    qr_ok_ = qr_ok_ && DrawQr(page_, url_, kMargin + kWidth - kQrSize, kFoot, kQrSize);
  }

  // Ends a page but the last: it carries the number, its place in the
  // document and the QR code, so that each page can be checked.
  void EndPage() {
    page_.Text(number_, kMargin, kFoot, kFootWidth, {.size = 13, .bold = true});
    page_.Text(check_, kMargin, kFoot + 22, kFootWidth, {.size = 9, .grey = 0.3});
    page_.Text(
        absl::StrCat("Seite ", current_, " von ", pages_, " – Fortsetzung auf der nächsten Seite"),
        kMargin, kFoot + 38, kFootWidth, {.size = 9, .grey = 0.3});
    DrawQrCode();
    page_.ShowPage();
    ++current_;
    y_ = kMargin;
  }

  // Place and date, then who signs (the organisation's signatory or the
  // coordinator who issued it).
  void DrawSignatory(const std::string& date) {
    double sy = signature_top_;
    sy += page_.Text(c_.place.empty() ? absl::StrCat("Ausgestellt am ", date)
                                      : absl::StrCat(Isolated(c_.place), ", ", date),
                     kMargin, sy, kWidth, {.size = 12});
    sy += 6;
    if (!c_.signatory_name.empty()) {
      sy += page_.Text(Isolated(c_.signatory_name), kMargin, sy, kWidth,
                       {.size = 12, .bold = true, .single_line = true});
    }
    if (!c_.signatory_role.empty()) {
      page_.Text(Isolated(c_.signatory_role), kMargin, sy, kWidth,
                 {.size = 11, .grey = 0.3, .single_line = true});
    }
  }

  // The last page's foot: the signatory (version 2) or the date, the number
  // and where to check it, the page count, the certificate it replaces, and
  // the QR code.
  void DrawLastFoot() {
    const std::string date = absl::FormatTime("%d.%m.%Y", c_.issue_time, DisplayTimeZone());
    double foot_y = kFoot;
    if (v2_) {
      DrawSignatory(date);
    } else {
      page_.Text(absl::StrCat("Ausgestellt am ", date), kMargin, foot_y, kFootWidth, {.size = 13});
      foot_y += 20;
    }
    page_.Text(number_, kMargin, foot_y, kFootWidth, {.size = 13, .bold = true});
    foot_y += 22;
    page_.Text(check_, kMargin, foot_y, kFootWidth, {.size = 9, .grey = 0.3});
    foot_y += v2_ ? 16 : 24;
    if (pages_ > 1) {
      page_.Text(absl::StrCat("Seite ", pages_, " von ", pages_), kMargin + kWidth - kQrSize,
                 kFoot - 16, kQrSize, {.size = 9, .grey = 0.3, .single_line = true});
    }
    if (!c_.supersedes.empty()) {
      page_.Text(absl::StrCat("Ersetzt die Ausstellung Nr. ", c_.supersedes), kMargin, foot_y,
                 kFootWidth, {.size = 9, .grey = 0.3});
      foot_y += 16;
    }
    if (v2_) {
      page_.Text("Dieses Dokument wurde elektronisch erstellt und ist ohne Unterschrift gültig.",
                 kMargin, foot_y, kFootWidth, {.size = 9, .grey = 0.3});
    }
    DrawQrCode();
    page_.ShowPage();
  }

  Page& page_;
  const CertificateContent& c_;
  const std::string& url_;
  const bool full_;
  const bool event_;
  const bool v2_;
  const double signature_top_;
  const std::string number_;
  const std::string check_;
  double y_ = kMargin;
  int pages_ = 1;
  int current_ = 1;
  bool qr_ok_ = true;
};

}  // namespace

absl::StatusOr<std::string> RenderCertificatePdf(const CertificateContent& c,
                                                 const std::string& verification_url) {
  const std::string kind =
      c.outcome == CompletionOutcome::kCertificate ? "Zertifikat" : "Teilnahmebestätigung";
  bool qr_ok = true;
  absl::StatusOr<std::string> pdf = RenderPdf(absl::StrCat(kind, " ", c.serial), [&](Page& page) {
    qr_ok = CertificateLayout(page, c, verification_url).Draw();
  });
  if (pdf.ok() && !qr_ok) return absl::InternalError("the QR code could not be made");
  return pdf;
}

}  // namespace trainhub::domain
