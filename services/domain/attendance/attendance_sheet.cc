#include "domain/attendance/attendance_sheet.h"

#include <map>
#include <optional>
#include <utility>

#include "absl/strings/str_cat.h"
#include "domain/access.h"
#include "domain/berlin_time.h"
#include "domain/errors.h"
#include "domain/policy.h"
#include "domain/status_macros.h"

namespace trainhub::domain {
namespace {

// A record made on another device before `earlier` reached the server,
// which says something else: neither device saw the other's.
bool Conflicts(const AttendanceEntry& earlier, const AttendanceEntry& later) {
  return earlier.device_id != later.device_id && later.client_time < earlier.record_time &&
         (earlier.status != later.status || earlier.minutes_missed != later.minutes_missed);
}

}  // namespace

absl::StatusOr<SheetWriter> SheetWriter::For(UnitOfWork& w, const SessionAccess& access,
                                             absl::Time now, Id account_id) {
  TH_ASSIGN_OR_RETURN(std::vector<SeatHolder> holders, SeatHoldersOf(w, access.series.id));
  TH_ASSIGN_OR_RETURN(std::vector<AttendanceEntry> entries,
                      w.attendance().ListForSession(access.session.id));
  TH_ASSIGN_OR_RETURN(LedgerAppender appender, LedgerAppender::For(w, access.series.id));
  std::map<std::string, AttendanceEntry> by_nonce;
  for (const AttendanceEntry& e : entries) {
    if (!e.client_nonce.empty()) by_nonce.emplace(e.client_nonce, e);
  }
  SessionLedger ledger = Reduce(entries);
  return SheetWriter(w, access, std::move(holders), std::move(ledger), std::move(by_nonce),
                     std::move(appender), now, account_id);
}

std::string AccountName(ReadView& r, Id account_id) {
  if (account_id == 0) return "";
  absl::StatusOr<Account> a = r.accounts().Get(account_id);
  return a.ok() ? a->display_name : "";
}

absl::StatusOr<AttendanceSheet> BuildSheet(ReadView& r, const SessionAccess& access,
                                           const Principal& who, absl::Time now,
                                           const std::vector<SeatHolder>& holders,
                                           const SessionLedger& ledger) {
  AttendanceSheet sheet;
  sheet.session = access.session;
  sheet.internals_hidden = access.role == AttendanceRole::kParticipant;
  if (sheet.internals_hidden) StripInternals(sheet.session);
  std::map<Id, std::string> organization_names;
  for (const SeatHolder& h : holders) {
    auto cell = ledger.cells.find(h.participant_id);
    const bool recorded = cell != ledger.cells.end() && cell->second.current;
    if (!recorded && !h.HeldSeat(access.session.start, access.session.end)) continue;
    if (sheet.internals_hidden && h.participant_id != who.ParticipantId()) continue;
    SheetEntry entry;
    entry.participant_id = h.participant_id;
    entry.participant_name = h.name;
    if (h.organization_id != 0 && !organization_names.count(h.organization_id)) {
      absl::StatusOr<Organization> org = r.organizations().Get(h.organization_id);
      organization_names[h.organization_id] = org.ok() ? org->name : "";
    }
    entry.organization_name = organization_names[h.organization_id];
    if (recorded) {
      entry.record = cell->second.current;
      entry.needs_review = cell->second.needs_review;
      if (sheet.internals_hidden) entry.record->note.clear();
      ++sheet.recorded_count;
    } else {
      ++sheet.unrecorded_count;
    }
    sheet.entries.push_back(std::move(entry));
  }
  sheet.sign_off = ledger.sign_off;
  if (ledger.sign_off && !sheet.internals_hidden) {
    sheet.signed_off_by = AccountName(r, ledger.sign_off->account_id);
  }
  TH_ASSIGN_OR_RETURN(std::optional<CheckInWindow> window,
                      r.attendance().GetCheckIn(access.session.id));
  sheet.check_in_open = window && window->open_time <= now && now < window->close_time;
  return sheet;
}

absl::StatusOr<AttendanceSheet> BuildSheet(ReadView& r, const SessionAccess& access,
                                           const Principal& who, absl::Time now) {
  TH_ASSIGN_OR_RETURN(std::vector<SeatHolder> holders, SeatHoldersOf(r, access.series.id));
  TH_ASSIGN_OR_RETURN(std::vector<AttendanceEntry> entries,
                      r.attendance().ListForSession(access.session.id));
  return BuildSheet(r, access, who, now, holders, Reduce(entries));
}

absl::Status SheetWriter::Check(const AttendanceMark& mark, const std::string& prefix,
                                const std::string& reason) {
  if (mark.minutes_missed > LengthMinutes(access_.session)) {
    return InvalidField(
        prefix + "minutes_missed",
        Msg("longer than the session ({minutes} minutes)",
            {{"minutes", static_cast<int64_t>(LengthMinutes(access_.session))}}));
  }
  // Before the session begins (by the server's clock, and when the mark
  // was made on its device) nobody can have been there.
  const absl::Time made = mark.client_time.value_or(now_);
  if ((now_ < access_.session.start || made < access_.session.start) &&
      mark.status != AttendanceStatus::kExcused) {
    return FieldError(
        absl::StatusCode::kFailedPrecondition, prefix + "status",
        Msg("session {session} begins at {time} (Europe/Berlin){made_before, select, yes { and "
            "this mark was made before} other {}}; before a session begins only excused "
            "absences can be recorded",
            {{"session", access_.session.id},
             {"time", FormatLocal(access_.session.start)},
             {"made_before", now_ < access_.session.start ? "no" : "yes"}}));
  }
  const SeatHolder* holder = Holder(mark.participant_id);
  if (holder == nullptr) {
    absl::StatusOr<Participant> p = w_.participants().Get(mark.participant_id);
    if (absl::IsNotFound(p.status())) return NameField(p.status(), prefix + "participant_id");
    TH_RETURN_IF_ERROR(p.status());
  }
  if (holder != nullptr && holder->HeldSeat(access_.session.start, access_.session.end)) {
    return absl::OkStatus();
  }
  // Attendance taken on paper before the person was entered in trainhub:
  // planners may transfer it for anyone who held a seat in the series at
  // some time, giving a reason.
  const bool ever_seated = holder != nullptr && !holder->seats.empty();
  if (ever_seated && access_.role == AttendanceRole::kPlanner) {
    if (!reason.empty()) return absl::OkStatus();
    return InvalidField("reason",
                        Msg("required: participant {participant} held no seat during this session",
                            {{"participant", mark.participant_id}}));
  }
  return FieldError(absl::StatusCode::kFailedPrecondition, prefix + "participant_id",
                    Msg("participant {participant} held no seat in the series during this session",
                        {{"participant", mark.participant_id}}));
}

absl::StatusOr<AttendanceEntry> SheetWriter::Append(const AttendanceMark& mark,
                                                    AttendanceSource source,
                                                    const std::string& reason) {
  if (const AttendanceEntry* stored = Stored(mark)) return *stored;
  AttendanceEntry e;
  e.series_id = access_.series.id;
  e.session_id = access_.session.id;
  e.kind = LedgerEntryKind::kRecord;
  e.participant_id = mark.participant_id;
  e.status = mark.status;
  e.minutes_missed = mark.minutes_missed;
  e.note = mark.note;
  e.source = source;
  e.client_time = mark.client_time.value_or(now_);
  e.client_nonce = mark.client_nonce;
  e.device_id = mark.device_id;
  e.account_id = account_id_;
  e.record_time = now_;
  e.reason = reason;
  CellState& cell = ledger_.cells[mark.participant_id];
  if (cell.current && Conflicts(*cell.current, e)) e.conflicting_record_id = cell.current->id;
  TH_ASSIGN_OR_RETURN(e, appender_.Add(std::move(e)));
  cell.Add(e);
  if (!e.client_nonce.empty()) by_nonce_.emplace(e.client_nonce, e);
  return e;
}

const AttendanceEntry* SheetWriter::Stored(const AttendanceMark& mark) const {
  if (mark.client_nonce.empty()) return nullptr;
  auto seen = by_nonce_.find(mark.client_nonce);
  return seen == by_nonce_.end() ? nullptr : &seen->second;
}

const SeatHolder* SheetWriter::Holder(Id participant_id) const {
  for (const SeatHolder& h : holders_) {
    if (h.participant_id == participant_id) return &h;
  }
  return nullptr;
}

void HideFromParticipant(AttendanceEntry& e) {
  e.note.clear();
  e.reason.clear();
  e.device_id.clear();
  e.client_nonce.clear();
  e.account_id = 0;
  e.account_name.clear();
}

}  // namespace trainhub::domain
