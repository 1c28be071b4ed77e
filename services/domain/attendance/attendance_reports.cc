// What is made of the records (domain/attendance/attendance_reports.h):
// per-person summaries, the matrix and its files, the sign-in sheet and the
// ledger's verification and export.

#include "domain/attendance/attendance_reports.h"

#include <map>
#include <utility>

#include "absl/strings/str_cat.h"
#include "domain/access.h"
#include "domain/attendance/attendance_rules.h"
#include "domain/attendance/attendance_sheet.h"
#include "domain/attendance/sign_in_sheet_pdf.h"
#include "domain/errors.h"
#include "domain/status_macros.h"

namespace trainhub::domain {

AttendanceReports::AttendanceReports(Store& store, Clock clock)
    : store_(store), clock_(std::move(clock)) {}

absl::StatusOr<AttendanceMatrix> AttendanceReports::Matrix(const Principal& who, Id series_id) {
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

absl::StatusOr<AttendanceSummary> AttendanceReports::Summary(const Principal& who, Id series_id,
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

absl::StatusOr<LedgerCheck> AttendanceReports::VerifyLedger(const Principal& who, Id series_id) {
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

absl::StatusOr<AttendanceFile> AttendanceReports::LedgerExport(const Principal& who, Id series_id) {
  std::vector<AttendanceEntry> entries;
  TH_RETURN_IF_ERROR(store_.Read([&](ReadView& r) -> absl::Status {
    TH_RETURN_IF_ERROR(AccessSeries(r, who, series_id, AttendanceRole::kReader).status());
    TH_ASSIGN_OR_RETURN(entries, r.attendance().ListForSeries(series_id));
    return absl::OkStatus();
  }));
  return AttendanceFile{absl::StrCat("anwesenheit-journal-reihe-", series_id, ".json"),
                        "application/json", LedgerToJson(series_id, entries)};
}

absl::StatusOr<AttendanceFile> AttendanceReports::Export(const Principal& who, Id series_id,
                                                         ExportFormat format) {
  TH_ASSIGN_OR_RETURN(AttendanceMatrix matrix, Matrix(who, series_id));
  if (format == ExportFormat::kJson) {
    return AttendanceFile{absl::StrCat("anwesenheit-reihe-", series_id, ".json"),
                          "application/json", MatrixJson(matrix)};
  }
  return AttendanceFile{absl::StrCat("anwesenheit-reihe-", series_id, ".csv"),
                        "text/csv; charset=utf-8", MatrixCsv(matrix)};
}

absl::StatusOr<AttendanceFile> AttendanceReports::SignInSheet(const Principal& who, Id session_id) {
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
