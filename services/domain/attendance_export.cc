// The attendance matrix as files: CSV for German spreadsheet programs and JSON.

#include <nlohmann/json.hpp>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/time/time.h"
#include "domain/attendance.h"
#include "domain/berlin_time.h"
#include "domain/csv_writer.h"

namespace trainhub::domain {
namespace {

std::string CellText(const MatrixCell& cell) {
  if (!cell.expected) return "";
  std::string text;
  switch (cell.status) {
    case AttendanceStatus::kPresent:
      text = "anwesend";
      break;
    case AttendanceStatus::kLate:
      text = "verspätet";
      break;
    case AttendanceStatus::kExcused:
      return "entschuldigt";
    case AttendanceStatus::kAbsent:
      return "abwesend";
    case AttendanceStatus::kUnspecified:
      return "offen";
  }
  if (cell.minutes_missed > 0) absl::StrAppend(&text, " (", cell.minutes_missed, " min)");
  return text;
}

std::string ColumnTitle(const MatrixColumn& c) {
  return absl::StrCat(absl::FormatTime("%d.%m.%Y %H:%M", c.session.start, DisplayTimeZone()), " M",
                      c.session.module_position, " ", c.session.module_title);
}

}  // namespace

std::string MatrixCsv(const AttendanceMatrix& matrix) {
  std::string out = kUtf8Bom;
  std::vector<std::string> header = {"Teilnehmer-ID", "Name"};
  for (const MatrixColumn& c : matrix.columns) header.push_back(ColumnTitle(c));
  for (const char* title : {"anwesend", "entschuldigt", "abwesend", "offen", "UE anwesend"}) {
    header.push_back(title);
  }
  out += CsvLine(header);
  for (const MatrixRow& row : matrix.rows) {
    std::vector<std::string> fields = {absl::StrCat(row.participant_id), row.participant_name};
    int present = 0, excused = 0, absent = 0, open = 0;
    double units = 0;
    for (size_t i = 0; i < row.cells.size(); ++i) {
      const MatrixCell& cell = row.cells[i];
      fields.push_back(CellText(cell));
      if (!cell.expected) continue;
      const MatrixColumn& column = matrix.columns[i];
      if (Attended(cell.status)) {
        ++present;
        const double length = absl::ToDoubleMinutes(column.session.end - column.session.start);
        if (length > 0) units += column.teaching_units * (length - cell.minutes_missed) / length;
      } else if (cell.status == AttendanceStatus::kExcused) {
        ++excused;
      } else if (cell.status == AttendanceStatus::kAbsent) {
        ++absent;
      } else {
        ++open;
      }
    }
    for (int n : {present, excused, absent, open}) fields.push_back(absl::StrCat(n));
    fields.push_back(GermanDecimal(units));
    out += CsvLine(fields);
  }
  return out;
}

std::string MatrixJson(const AttendanceMatrix& matrix) {
  nlohmann::ordered_json doc;
  doc["series_id"] = matrix.series.id;
  doc["series_title"] = matrix.series.title;
  nlohmann::ordered_json sessions = nlohmann::ordered_json::array();
  for (const MatrixColumn& c : matrix.columns) {
    sessions.push_back(
        {{"session_id", c.session.id},
         {"module_position", c.session.module_position},
         {"module_title", c.session.module_title},
         {"start_time", absl::FormatTime(absl::RFC3339_sec, c.session.start, absl::UTCTimeZone())},
         {"end_time", absl::FormatTime(absl::RFC3339_sec, c.session.end, absl::UTCTimeZone())},
         {"teaching_units", c.teaching_units},
         {"signed_off", c.signed_off}});
  }
  doc["sessions"] = std::move(sessions);
  nlohmann::ordered_json rows = nlohmann::ordered_json::array();
  for (const MatrixRow& row : matrix.rows) {
    nlohmann::ordered_json cells = nlohmann::ordered_json::array();
    for (const MatrixCell& cell : row.cells) {
      if (!cell.expected) {
        cells.push_back(nullptr);  // not enrolled then
        continue;
      }
      nlohmann::ordered_json j;
      j["status"] =
          cell.status == AttendanceStatus::kUnspecified ? "unrecorded" : ToString(cell.status);
      j["minutes_missed"] = cell.minutes_missed;
      if (cell.needs_review) j["needs_review"] = true;
      cells.push_back(std::move(j));
    }
    rows.push_back({{"participant_id", row.participant_id},
                    {"participant_name", row.participant_name},
                    {"cells", std::move(cells)}});
  }
  doc["rows"] = std::move(rows);
  return doc.dump(2) + "\n";
}

}  // namespace trainhub::domain
