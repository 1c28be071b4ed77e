// What is made of the records: the matrix, per-person summaries, the
// files for download and the ledger's verification.

#include <map>
#include <utility>

#include "absl/strings/str_cat.h"
#include "domain/access.h"
#include "domain/attendance/attendance.h"
#include "domain/attendance/attendance_rules.h"
#include "domain/attendance/attendance_sheet.h"
#include "domain/errors.h"
#include "domain/attendance/sign_in_sheet_pdf.h"
#include "domain/status_macros.h"

namespace trainhub::domain {

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

absl::StatusOr<AttendanceMatrix> Attendance::Matrix(const Principal& who, Id series_id) {
  const absl::Time now = clock_();
  AttendanceMatrix matrix;
  TH_RETURN_IF_ERROR(store_.Read([&](ReadView& r) -> absl::Status {
    TH_ASSIGN_OR_RETURN(auto access, AccessSeries(r, who, series_id, AttendanceRole::kReader));
    TH_ASSIGN_OR_RETURN(matrix, BuildMatrix(r, std::move(access.first)));
    return absl::OkStatus();
  }));
  CountMatrix(matrix, now);
  return matrix;
}

absl::StatusOr<AttendanceSummary> Attendance::Summary(const Principal& who, Id series_id,
                                                      Id participant_id) {
  if (participant_id < 0) return InvalidField("participant_id", Msg("must be a positive id"));
  const absl::Time now = clock_();
  // Participants get their own row only; readers everyone's.
  std::optional<Id> only;
  if (participant_id != 0) only = participant_id;
  AttendanceRole role = AttendanceRole::kNone;
  AttendanceMatrix matrix;
  TH_RETURN_IF_ERROR(store_.Read([&](ReadView& r) -> absl::Status {
    TH_ASSIGN_OR_RETURN(auto access, AccessSeries(r, who, series_id, AttendanceRole::kParticipant));
    role = access.second;
    if (role == AttendanceRole::kParticipant) {
      if (only && *only != who.ParticipantId()) {
        return Denied(Msg("your account may not see the attendance of participant {participant}",
                              {{"participant", participant_id}}));
      }
      only = who.ParticipantId();
    }
    TH_ASSIGN_OR_RETURN(matrix, BuildMatrix(r, std::move(access.first)));
    return absl::OkStatus();
  }));
  CountMatrix(matrix, now);
  AttendanceSummary summary;
  summary.series = matrix.series;
  summary.session_count = static_cast<int>(matrix.columns.size());
  for (const MatrixColumn& c : matrix.columns) summary.teaching_units += c.teaching_units;
  for (const MatrixRow& row : matrix.rows) {
    if (only && row.participant_id != *only) continue;
    summary.people.push_back(row.totals);
  }
  if (only && summary.people.empty() && role != AttendanceRole::kParticipant) {
    return FieldError(
        absl::StatusCode::kNotFound, "participant_id",
        Msg("participant {participant} has no enrolment in series {series}",
            {{"participant", *only}, {"series", series_id}}));
  }
  return summary;
}

namespace {

std::string CountedText(AttendanceStatus status) {
  return IsKnown(status) ? ToString(status) : absl::StrCat("status ", static_cast<int>(status));
}

// Where `stored` (the statuses reports count, of one series) differs from
// what the series' `entries` say counts: one sentence each, in session and
// participant order.
std::vector<std::string> CurrentStatusMismatches(Id series_id,
                                                 const std::vector<AttendanceEntry>& entries,
                                                 const std::vector<CurrentStatus>& stored) {
  using Key = std::pair<Id, Id>;  // session, participant
  std::map<Key, CellState> cells;
  for (const AttendanceEntry& e : entries) {
    if (e.kind == LedgerEntryKind::kRecord) cells[{e.session_id, e.participant_id}].Add(e);
  }
  std::map<Key, const CurrentStatus*> kept;
  for (const CurrentStatus& c : stored) kept[{c.session_id, c.participant_id}] = &c;
  std::vector<std::string> out;
  auto where = [](const Key& k) {
    return absl::StrCat("session ", k.first, ", participant ", k.second, ": ");
  };
  for (const auto& [key, cell] : cells) {
    const AttendanceEntry& record = *cell.current;
    auto it = kept.find(key);
    if (it == kept.end()) {
      out.push_back(absl::StrCat(where(key), "the reports count nothing, the ledger says ",
                                 CountedText(record.status), " (entry ", record.id, ")"));
      continue;
    }
    const CurrentStatus& c = *it->second;
    kept.erase(it);
    if (c.status != record.status || c.entry_id != record.id) {
      out.push_back(absl::StrCat(where(key), "the reports count ", CountedText(c.status),
                                 " (entry ", c.entry_id, "), the ledger says ",
                                 CountedText(record.status), " (entry ", record.id, ")"));
    } else if (c.series_id != series_id || c.client_time != record.client_time) {
      out.push_back(absl::StrCat(where(key), "the reports count ", CountedText(c.status),
                                 " in series ", c.series_id, " at ",
                                 absl::ToUnixMicros(c.client_time), " us, the ledger says series ",
                                 series_id, " at ", absl::ToUnixMicros(record.client_time), " us"));
    }
  }
  for (const auto& [key, c] : kept) {
    out.push_back(absl::StrCat(where(key), "the reports count ", CountedText(c->status), " (entry ",
                               c->entry_id, "), the ledger has no record"));
  }
  return out;
}

}  // namespace

absl::StatusOr<LedgerCheck> Attendance::VerifyLedger(const Principal& who, Id series_id) {
  LedgerCheck check;
  TH_RETURN_IF_ERROR(store_.Read([&](ReadView& r) -> absl::Status {
    TH_RETURN_IF_ERROR(AccessSeries(r, who, series_id, AttendanceRole::kReader).status());
    TH_ASSIGN_OR_RETURN(std::vector<AttendanceEntry> entries,
                        r.attendance().ListForSeries(series_id));
    check = CheckLedger(entries);
    TH_ASSIGN_OR_RETURN(LedgerHead head, r.attendance().Head(series_id));
    if (check.intact &&
        (head.entry_count != check.entry_count || HexOf(head.hash) != check.head_hash)) {
      check.intact = false;
      check.problem = absl::StrCat("the ledger ends early: ", head.entry_count,
                                   " entries were recorded, ", check.entry_count, " are left");
    }
    TH_ASSIGN_OR_RETURN(std::vector<CurrentStatus> stored, r.attendance().ListCurrent(series_id));
    std::vector<std::string> mismatches = CurrentStatusMismatches(series_id, entries, stored);
    check.current_status_mismatch_count = static_cast<int64_t>(mismatches.size());
    if (!mismatches.empty()) {
      if (check.intact) {
        check.intact = false;
        check.problem = absl::StrCat(
            "the statuses the reports count differ from the ledger for ", mismatches.size(),
            mismatches.size() == 1 ? " person and session" : " people and sessions",
            " (first: ", mismatches.front(), ")");
      }
      if (mismatches.size() > kMaxListedMismatches) mismatches.resize(kMaxListedMismatches);
      check.current_status_mismatches = std::move(mismatches);
    }
    return absl::OkStatus();
  }));
  return check;
}

absl::StatusOr<AttendanceFile> Attendance::LedgerExport(const Principal& who, Id series_id) {
  std::vector<AttendanceEntry> entries;
  TH_RETURN_IF_ERROR(store_.Read([&](ReadView& r) -> absl::Status {
    TH_RETURN_IF_ERROR(AccessSeries(r, who, series_id, AttendanceRole::kReader).status());
    TH_ASSIGN_OR_RETURN(entries, r.attendance().ListForSeries(series_id));
    return absl::OkStatus();
  }));
  return AttendanceFile{absl::StrCat("anwesenheit-journal-reihe-", series_id, ".json"),
                        "application/json", LedgerToJson(series_id, entries)};
}

absl::StatusOr<AttendanceFile> Attendance::Export(const Principal& who, Id series_id,
                                                  ExportFormat format) {
  TH_ASSIGN_OR_RETURN(AttendanceMatrix matrix, Matrix(who, series_id));
  if (format == ExportFormat::kJson) {
    return AttendanceFile{absl::StrCat("anwesenheit-reihe-", series_id, ".json"),
                          "application/json", MatrixJson(matrix)};
  }
  return AttendanceFile{absl::StrCat("anwesenheit-reihe-", series_id, ".csv"),
                        "text/csv; charset=utf-8", MatrixCsv(matrix)};
}

absl::StatusOr<AttendanceFile> Attendance::SignInSheet(const Principal& who, Id session_id) {
  const absl::Time now = clock_();
  SignInSheetData data;
  TH_RETURN_IF_ERROR(store_.Read([&](ReadView& r) -> absl::Status {
    TH_ASSIGN_OR_RETURN(SessionAccess access,
                        AccessSession(r, who, session_id, AttendanceRole::kReader));
    TH_ASSIGN_OR_RETURN(AttendanceSheet sheet, BuildSheet(r, access, who, now));
    auto name_of = [&](Id organization_id) -> std::string {
      absl::StatusOr<Organization> org = r.organizations().Get(organization_id);
      return org.ok() ? org->name : "";
    };
    data.organization = name_of(access.series.organization_id);
    for (Id partner : access.series.partner_organization_ids) {
      data.partners.push_back(name_of(partner));
    }
    data.series_title = access.series.title;
    data.module_position = access.session.module_position;
    data.module_title = access.session.module_title;
    data.start = access.session.start;
    data.end = access.session.end;
    data.place = access.session.place.name;
    if (!access.session.place.address.empty()) {
      absl::StrAppend(&data.place, data.place.empty() ? "" : ", ", access.session.place.address);
    }
    for (const TrainerBooking& b : access.session.trainers) {
      if (b.status == BookingStatus::kConfirmed) data.trainers.push_back(b.trainer_name);
    }
    for (const SheetEntry& e : sheet.entries) {
      SignInSheetRow row{e.participant_name, e.organization_name, ""};
      if (e.record && e.record->status == AttendanceStatus::kExcused) row.remark = "entschuldigt";
      data.rows.push_back(std::move(row));
    }
    data.printed = now;
    return absl::OkStatus();
  }));
  TH_ASSIGN_OR_RETURN(std::string pdf, RenderSignInSheetPdf(data));
  return AttendanceFile{absl::StrCat("teilnehmerliste-sitzung-", session_id, ".pdf"),
                        "application/pdf", std::move(pdf)};
}

}  // namespace trainhub::domain
