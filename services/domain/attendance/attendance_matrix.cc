// The attendance matrix: built from the ledger and the seats, counted, and
// as files (CSV for German spreadsheet programs, JSON).

#include "domain/attendance/attendance_matrix.h"

#include <algorithm>
#include <map>
#include <nlohmann/json.hpp>
#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/time/time.h"
#include "domain/attendance/attendance_rules.h"
#include "domain/berlin_time.h"
#include "domain/documents/csv_writer.h"
#include "domain/status_macros.h"

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

absl::StatusOr<AttendanceMatrix> BuildMatrix(ReadView& r, Series series) {
  const Id series_id = series.id;
  AttendanceMatrix matrix;
  matrix.series = std::move(series);
  TH_ASSIGN_OR_RETURN(std::vector<Session> sessions, SessionsOf(r, series_id));
  TH_ASSIGN_OR_RETURN(std::vector<Module> modules, ModulesOf(r, series_id));
  const std::map<Id, double> units = TeachingUnits(sessions, modules);
  TH_ASSIGN_OR_RETURN(std::vector<AttendanceEntry> entries,
                      r.attendance().ListForSeries(series_id));
  std::map<Id, std::vector<AttendanceEntry>> by_session;
  for (AttendanceEntry& e : entries) by_session[e.session_id].push_back(std::move(e));
  std::vector<SessionLedger> ledgers;
  for (Session& s : sessions) {
    ledgers.push_back(Reduce(by_session[s.id]));
    MatrixColumn column;
    column.teaching_units = units.at(s.id);
    column.signed_off = ledgers.back().sign_off.has_value();
    column.session = std::move(s);
    matrix.columns.push_back(std::move(column));
  }
  TH_ASSIGN_OR_RETURN(std::vector<SeatHolder> holders, SeatHoldersOf(r, series_id));
  for (const SeatHolder& h : holders) {
    MatrixRow row;
    row.participant_id = h.participant_id;
    row.participant_name = h.name;
    bool any = false;
    for (size_t i = 0; i < matrix.columns.size(); ++i) {
      const Session& s = matrix.columns[i].session;
      MatrixCell cell;
      auto it = ledgers[i].cells.find(h.participant_id);
      if (it != ledgers[i].cells.end() && it->second.current) {
        cell.status = it->second.current->status;
        cell.minutes_missed = it->second.current->minutes_missed;
        cell.needs_review = it->second.needs_review;
      }
      // A record transferred by a planner counts although the seat came later.
      cell.expected = h.HeldSeat(s.start, s.end) || cell.status != AttendanceStatus::kUnspecified;
      any = any || cell.expected;
      row.cells.push_back(cell);
    }
    if (any) matrix.rows.push_back(std::move(row));
  }
  return matrix;
}

void CountMatrix(AttendanceMatrix& matrix, absl::Time now) {
  for (MatrixColumn& column : matrix.columns) column.held = column.session.start <= now;
  for (MatrixRow& row : matrix.rows) {
    PersonAttendance& p = row.totals;
    p = PersonAttendance{};
    p.participant_id = row.participant_id;
    p.participant_name = row.participant_name;
    for (size_t i = 0; i < row.cells.size(); ++i) {
      const MatrixCell& cell = row.cells[i];
      const MatrixColumn& column = matrix.columns[i];
      if (!cell.expected) continue;
      ++p.sessions_expected;
      if (!column.held) {
        ++p.upcoming;
        continue;
      }
      ++p.sessions_held;
      p.teaching_units_held += column.teaching_units;
      switch (cell.status) {
        case AttendanceStatus::kLate:
          ++p.late;
          break;
        case AttendanceStatus::kPresent:
          ++p.present_only;
          break;
        case AttendanceStatus::kExcused:
          ++p.excused;
          break;
        case AttendanceStatus::kAbsent:
          ++p.absent;
          break;
        case AttendanceStatus::kUnspecified:
          ++p.unrecorded;
          break;
      }
      if (Attended(cell.status)) {
        p.minutes_missed += cell.minutes_missed;
        const int length = LengthMinutes(column.session);
        const double share =
            length > 0 ? std::max(0, length - cell.minutes_missed) / double(length) : 0;
        p.teaching_units_attended += column.teaching_units * share;
      }
    }
    p.present = p.present_only + p.late;
    const int recorded = p.present + p.excused + p.absent;
    p.attendance_rate = recorded > 0 ? double(p.present) / recorded : 0;
  }
}

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
