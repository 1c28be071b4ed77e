// A funder report as files: CSV for German spreadsheet programs, JSON, and
// a printable PDF (cairo + pango). Suppressed cells show as "." (the German
// statistical offices' sign for "geheim zu halten"), never their value.

#include <functional>
#include <nlohmann/json.hpp>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "domain/berlin_time.h"
#include "domain/documents/csv_writer.h"
#include "domain/reports/funder_report.h"
#include "domain/documents/pdf_canvas.h"

namespace trainhub::domain {
namespace {

constexpr char kSuppressedSign[] = ".";

std::string Shown(const ReportCount& c) {
  return c.suppressed ? kSuppressedSign : absl::StrCat(c.value);
}

std::string GermanDay(absl::CivilDay day) {
  return absl::StrFormat("%02d.%02d.%04d", day.day(), day.month(), day.year());
}

std::string GermanGroup(TargetGroup g) {
  switch (g) {
    case TargetGroup::kVolunteers:
      return "Ehrenamtliche";
    case TargetGroup::kApprentices:
      return "Auszubildende";
    case TargetGroup::kAdministrationStaff:
      return "Verwaltungsmitarbeitende";
    case TargetGroup::kManagers:
      return "Führungskräfte";
    case TargetGroup::kTrainers:
      return "Trainer:innen";
    case TargetGroup::kOther:
      return "Sonstige";
    case TargetGroup::kUnspecified:
      break;
  }
  return "nicht angegeben";
}

std::string RowLabel(const ReportTable& table, const ReportRow& row) {
  switch (table.breakdown) {
    case ReportBreakdown::kTargetGroup:
      return GermanGroup(row.target_group);
    case ReportBreakdown::kTrainingYear:
      return row.training_year == 0 ? "nicht angegeben"
                                    : absl::StrCat(row.training_year, ". Ausbildungsjahr");
    default:
      return row.name;
  }
}

const char* TableTitle(ReportBreakdown b) {
  switch (b) {
    case ReportBreakdown::kTargetGroup:
      return "Zielgruppe";
    case ReportBreakdown::kOrganization:
      return "Träger";
    case ReportBreakdown::kSeries:
      return "Reihe";
    case ReportBreakdown::kTrainingYear:
      return "Ausbildungsjahr (Auszubildende)";
    case ReportBreakdown::kUnspecified:
      break;
  }
  return "";
}

std::string AttendanceText(const FunderReport& r) {
  if (r.attendance_suppressed) return kSuppressedSign;
  if (r.statuses_recorded == 0) return "–";
  return absl::StrCat(GermanDecimal(100.0 * static_cast<double>(r.statuses_attended) /
                                        static_cast<double>(r.statuses_recorded),
                                    1),
                      " %");
}

// The key figures in report order, as label and shown value.
std::vector<std::pair<std::string, std::string>> KeyFigures(const FunderReport& r) {
  return {
      {"Personen", Shown(r.persons)},
      {"Teilnahmen", Shown(r.participations)},
      {"Durchgeführte Termine", absl::StrCat(r.sessions_held)},
      {"Unterrichtseinheiten (UE)", GermanDecimal(r.teaching_units, 1)},
      {"Anwesenheitsquote", AttendanceText(r)},
      {"Zertifikate", Shown(r.certificates)},
      {"Teilnahmebestätigungen", Shown(r.confirmations)},
      {"Abbrüche", Shown(r.dropouts)},
  };
}

std::string Created(const FunderReport& r) {
  return absl::FormatTime("%d.%m.%Y %H:%M", r.create_time, DisplayTimeZone());
}

std::string PeriodText(const FunderReport& r) {
  return absl::StrCat(GermanDay(r.first_day), " – ", GermanDay(r.last_day));
}

nlohmann::ordered_json CountJson(const ReportCount& c) {
  if (c.suppressed) return nlohmann::ordered_json{{"suppressed", true}};
  return nlohmann::ordered_json{{"value", c.value}};
}

const char* BreakdownKey(ReportBreakdown b) {
  switch (b) {
    case ReportBreakdown::kTargetGroup:
      return "target_group";
    case ReportBreakdown::kOrganization:
      return "organization";
    case ReportBreakdown::kSeries:
      return "series";
    case ReportBreakdown::kTrainingYear:
      return "training_year";
    case ReportBreakdown::kUnspecified:
      break;
  }
  return "";
}

}  // namespace

std::string FunderReportCsv(const FunderReport& r) {
  std::string out = kUtf8Bom;
  out += CsvLine({"Förderbericht"});
  out += CsvLine({"Umfang", r.scope_name});
  out += CsvLine({"Zeitraum", GermanDay(r.first_day), GermanDay(r.last_day)});
  out += CsvLine({"Mindestzahl Personen je Zelle (k)", absl::StrCat(r.min_persons)});
  out += CsvLine({"Erstellt", Created(r)});
  out += CsvLine({"Prüfsumme der Eingaben", r.inputs_hash});
  out += "\r\n";
  out += CsvLine({"Kennzahl", "Wert"});
  for (const auto& [label, value] : KeyFigures(r)) out += CsvLine({label, value});
  for (const ReportTable& t : r.tables) {
    out += "\r\n";
    out += CsvLine({TableTitle(t.breakdown), "Personen"});
    for (const ReportRow& row : t.rows) out += CsvLine({RowLabel(t, row), Shown(row.persons)});
    out += CsvLine({"Summe", Shown(t.total)});
  }
  out += "\r\n";
  out += CsvLine({"Begriff", "Definition"});
  for (const ReportDefinition& d : FunderReportDefinitions()) out += CsvLine({d.figure, d.text});
  out += CsvLine({"Hinweis", SuppressionNote(r.min_persons)});
  return out;
}

std::string FunderReportJson(const FunderReport& r) {
  nlohmann::ordered_json tables = nlohmann::ordered_json::array();
  for (const ReportTable& t : r.tables) {
    nlohmann::ordered_json rows = nlohmann::ordered_json::array();
    for (const ReportRow& row : t.rows) {
      nlohmann::ordered_json j{{"label", RowLabel(t, row)}, {"persons", CountJson(row.persons)}};
      if (row.id != 0) j["id"] = row.id;
      if (t.breakdown == ReportBreakdown::kTrainingYear) j["training_year"] = row.training_year;
      rows.push_back(std::move(j));
    }
    tables.push_back(
        {{"breakdown", BreakdownKey(t.breakdown)}, {"rows", rows}, {"total", CountJson(t.total)}});
  }
  nlohmann::ordered_json definitions = nlohmann::ordered_json::array();
  for (const ReportDefinition& d : FunderReportDefinitions()) {
    definitions.push_back({{"figure", d.figure}, {"text", d.text}});
  }
  nlohmann::ordered_json attendance;
  if (r.attendance_suppressed) {
    attendance = {{"suppressed", true}};
  } else {
    attendance = {{"statuses_recorded", r.statuses_recorded},
                  {"statuses_attended", r.statuses_attended}};
  }
  nlohmann::ordered_json j{
      {"report", "funder"},
      {"first_day", absl::FormatCivilTime(r.first_day)},
      {"last_day", absl::FormatCivilTime(r.last_day)},
      {"scope", r.scope_name},
      {"organization_id", r.organization_id},
      {"series_ids", r.series_ids},
      {"min_persons", r.min_persons},
      {"persons", CountJson(r.persons)},
      {"participations", CountJson(r.participations)},
      {"sessions_held", r.sessions_held},
      {"teaching_units", r.teaching_units},
      {"attendance", attendance},
      {"certificates", CountJson(r.certificates)},
      {"confirmations", CountJson(r.confirmations)},
      {"dropouts", CountJson(r.dropouts)},
      {"tables", tables},
      {"definitions", definitions},
      {"suppression_note", SuppressionNote(r.min_persons)},
      {"inputs_hash", r.inputs_hash},
      {"create_time", FormatUtcSeconds(r.create_time)},
  };
  return j.dump(2) + "\n";
}

namespace {

constexpr double kMargin = 48;
constexpr double kContentWidth = kA4Width - 2 * kMargin;
constexpr double kFooterHeight = 24;
constexpr double kBottom = kA4Height - kMargin - kFooterHeight;

// A part of the page laid out top to bottom, kept on one page: `lay`
// returns its height and draws only when asked to. A block that keeps with
// the next one moves to a new page together with it, so that a heading
// never ends a page, a table's sum never starts one alone, and the checksum
// never fills a page by itself. A spacer takes no room at the top of a page.
struct Block {
  std::function<double(Page&, double y, bool draw)> lay;
  bool keep_with_next = false;
  bool spacer = false;
};

// Lays out `blocks`; returns the pages used. Draws only when `draw`.
int Flow(Page& page, const std::vector<Block>& blocks, bool draw, int pages,
         const FunderReport& r) {
  int number = 1;
  auto footer = [&] {
    if (!draw) return;
    page.Text(absl::StrCat("Seite ", number, " von ", pages, " · ", r.scope_name, " · ",
                           PeriodText(r), " · erstellt am ", Created(r)),
              kMargin, kBottom + 10, kContentWidth, {.size = 7.5, .grey = 0.35, .max_lines = 2});
    page.ShowPage();
  };
  double y = kMargin;
  for (size_t i = 0; i < blocks.size(); ++i) {
    if (blocks[i].spacer && y == kMargin) continue;
    // The room this block needs on the page: with the blocks it keeps with,
    // unless an earlier block of the chain already made that room.
    double needed = blocks[i].lay(page, y, false);
    if (i == 0 || !blocks[i - 1].keep_with_next) {
      for (size_t j = i; blocks[j].keep_with_next && j + 1 < blocks.size(); ++j) {
        needed += blocks[j + 1].lay(page, y, false);
      }
    }
    if (y + needed > kBottom && y > kMargin) {
      footer();
      ++number;
      y = kMargin;
      if (blocks[i].spacer) continue;
    }
    y += blocks[i].lay(page, y, draw);
  }
  footer();
  return number;
}

Block Spacer(double height) {
  return {[height](Page&, double, bool) { return height; }, /*keep_with_next=*/true,
          /*spacer=*/true};
}

Block Heading(std::string text, double size) {
  return {[text = std::move(text), size](Page& page, double y, bool draw) {
            return page.Text(text, kMargin, y, kContentWidth, {.size = size, .bold = true}, draw) +
                   6;
          },
          /*keep_with_next=*/true};
}

Block Paragraph(std::string text, double size = 9, double grey = 0) {
  return {[text = std::move(text), size, grey](Page& page, double y, bool draw) {
    return page.Text(text, kMargin, y, kContentWidth, {.size = size, .grey = grey}, draw) + 4;
  }};
}

// A two-column row: label and value (right-aligned in its column).
Block Row(std::string label, std::string value, bool bold = false, double label_width = 300) {
  return {[=](Page& page, double y, bool draw) {
    const double h1 = page.Text(label, kMargin + 4, y + 3, label_width - 8,
                                {.size = 9.5, .bold = bold, .max_lines = 2}, draw);
    const double h2 = page.Text(value, kMargin + label_width, y + 3, 90,
                                {.size = 9.5, .bold = bold, .single_line = true}, draw);
    const double h = std::max(h1, h2) + 6;
    if (draw) page.Line(kMargin, y + h, kMargin + label_width + 90, y + h, 0.4, 0.6);
    return h;
  }};
}

}  // namespace

absl::StatusOr<std::string> FunderReportPdf(const FunderReport& r) {
  std::vector<Block> blocks;
  blocks.push_back(Heading("Förderbericht: Teilnahme und Abschlüsse", 15));
  for (const auto& [label, value] : std::vector<std::pair<std::string, std::string>>{
           {"Umfang", r.scope_name},
           {"Zeitraum", PeriodText(r)},
           {"Mindestzahl Personen je Zelle (k)", absl::StrCat(r.min_persons)},
           {"Erstellt", Created(r)}}) {
    // Copies named anew: clang 14 (the fuzz build) cannot capture
    // structured bindings.
    blocks.push_back({[label = label, value = value](Page& page, double y, bool draw) {
      const double h1 =
          page.Text(label + ":", kMargin, y, 190, {.size = 10, .bold = true, .max_lines = 2}, draw);
      const double h2 = page.Text(value, kMargin + 190, y, kContentWidth - 190, {.size = 10}, draw);
      return std::max(h1, h2) + 2;
    }});
  }
  blocks.push_back(Spacer(10));
  blocks.push_back(Heading("Kennzahlen", 12));
  for (const auto& [label, value] : KeyFigures(r)) blocks.push_back(Row(label, value));
  for (const ReportTable& t : r.tables) {
    if (t.breakdown == ReportBreakdown::kTrainingYear && t.total.value == 0 &&
        !t.total.suppressed) {
      continue;  // no apprentices
    }
    blocks.push_back(Spacer(12));
    blocks.push_back(Heading(absl::StrCat("Personen nach ", TableTitle(t.breakdown)), 12));
    for (const ReportRow& row : t.rows) blocks.push_back(Row(RowLabel(t, row), Shown(row.persons)));
    blocks.back().keep_with_next = true;  // the sum goes with the table's last row
    blocks.push_back(Row(t.breakdown == ReportBreakdown::kSeries ? "Summe (Teilnahmen)" : "Summe",
                         Shown(t.total), true));
  }
  blocks.push_back(Spacer(12));
  blocks.push_back(Heading("Hinweis zur Geheimhaltung", 12));
  blocks.push_back(Paragraph(SuppressionNote(r.min_persons)));
  blocks.push_back(Spacer(8));
  blocks.push_back(Heading("Definitionen", 12));
  for (const ReportDefinition& d : FunderReportDefinitions()) {
    blocks.push_back({[d](Page& page, double y, bool draw) {
      const double h1 = page.Text(d.figure, kMargin, y, 180, {.size = 9, .bold = true}, draw);
      const double h2 = page.Text(d.text, kMargin + 185, y, kContentWidth - 185, {.size = 9}, draw);
      return std::max(h1, h2) + 4;
    }});
  }
  blocks.back().keep_with_next = true;  // the checksum never stands alone on a page
  blocks.push_back(Spacer(8));
  blocks.push_back(Paragraph(absl::StrCat("Prüfsumme der Eingaben: ", r.inputs_hash), 7.5, 0.35));
  const std::string title = absl::StrCat("Förderbericht ", r.scope_name, " ", PeriodText(r));
  return RenderPdf(title, [&](Page& page) {
    const int pages = Flow(page, blocks, false, 0, r);
    Flow(page, blocks, true, pages, r);
  });
}

}  // namespace trainhub::domain
