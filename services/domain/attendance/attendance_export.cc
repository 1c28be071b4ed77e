// The attendance matrix as files: CSV for German spreadsheet programs and JSON.

#include <nlohmann/json.hpp>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/time/time.h"
#include "domain/attendance/attendance.h"
#include "domain/berlin_time.h"
#include "domain/documents/csv_writer.h"

namespace trainhub::domain {
namespace {

// A cell of a session that has begun without a status is "nicht erfasst"
// (the summary's "not recorded"); one of a session still to come "offen".
std::string CellText(const MatrixCell& cell, const MatrixColumn& column) {
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
      return column.held ? "nicht erfasst" : "offen";
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
  // The counts add up: the first five to the sessions held, "offen" are
  // those still to come (as in the CLI's and the desktop's summary).
  for (const char* title : {"anwesend", "verspätet", "entschuldigt", "abwesend",
                            "nicht erfasst (stattgefunden, ohne Status)",
                            "offen (noch nicht stattgefunden)", "UE anwesend"}) {
    header.push_back(title);
  }
  out += CsvLine(header);
  for (const MatrixRow& row : matrix.rows) {
    std::vector<std::string> fields = {absl::StrCat(row.participant_id), row.participant_name};
    for (size_t i = 0; i < row.cells.size(); ++i) {
      fields.push_back(CellText(row.cells[i], matrix.columns[i]));
    }
    const PersonAttendance& t = row.totals;
    for (int n : {t.present_only, t.late, t.excused, t.absent, t.unrecorded, t.upcoming}) {
      fields.push_back(absl::StrCat(n));
    }
    fields.push_back(GermanDecimal(t.teaching_units_attended));
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
         {"signed_off", c.signed_off},
         {"held", c.held}});
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
    const PersonAttendance& t = row.totals;
    rows.push_back({{"participant_id", row.participant_id},
                    {"participant_name", row.participant_name},
                    {"cells", std::move(cells)},
                    {"totals",
                     {{"sessions_expected", t.sessions_expected},
                      {"sessions_held", t.sessions_held},
                      {"present_only", t.present_only},
                      {"late", t.late},
                      {"excused", t.excused},
                      {"absent", t.absent},
                      {"unrecorded", t.unrecorded},
                      {"upcoming", t.upcoming},
                      {"teaching_units_attended", t.teaching_units_attended}}}});
  }
  doc["rows"] = std::move(rows);
  return doc.dump(2) + "\n";
}

}  // namespace trainhub::domain
