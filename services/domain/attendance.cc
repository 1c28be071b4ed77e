#include "domain/attendance.h"

#include <sodium.h>

#include <algorithm>
#include <map>
#include <set>
#include <utility>

#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/strip.h"
#include "domain/access.h"
#include "domain/attendance_rules.h"
#include "domain/audit_trail.h"
#include "domain/berlin_time.h"
#include "domain/errors.h"
#include "domain/limits.h"
#include "domain/sign_in_sheet_pdf.h"
#include "domain/status_macros.h"
#include "domain/text.h"

namespace trainhub::domain {
namespace {

constexpr char kQrPrefix[] = "trainhub-checkin:";
constexpr char kRecordSheetMethod[] = "trainhub.v1.AttendanceService/RecordAttendanceSheet";
constexpr char kRecordMethod[] = "trainhub.v1.AttendanceService/RecordAttendance";
constexpr char kSignOffMethod[] = "trainhub.v1.AttendanceService/SignOffAttendanceSheet";
constexpr char kOpenCheckInMethod[] = "trainhub.v1.AttendanceService/OpenCheckIn";
constexpr char kCloseCheckInMethod[] = "trainhub.v1.AttendanceService/CloseCheckIn";
constexpr char kCheckInMethod[] = "trainhub.v1.AttendanceService/CheckIn";

// INVALID_ARGUMENT naming each bad field of `mark`, a request field
// prefixed `prefix` ("marks[3]." or "mark.").
void ValidateMark(AttendanceMark& mark, const std::string& prefix, absl::Time now, Violations& v) {
  if (mark.participant_id <= 0) v.Add(prefix + "participant_id", "must be a positive id");
  if (!IsKnown(mark.status)) {
    v.Add(prefix + "status", mark.status == AttendanceStatus::kUnspecified
                                 ? "give present, late, excused or absent"
                                 : absl::StrCat("unknown value ", static_cast<int>(mark.status)));
  }
  if (mark.minutes_missed < 0) v.Add(prefix + "minutes_missed", "must not be negative");
  if (mark.minutes_missed > 0 && !Attended(mark.status)) {
    v.Add(prefix + "minutes_missed", "only with present or late");
  }
  mark.note = Trimmed(mark.note);
  if (std::string p = TextProblem(mark.note, 0, kMaxAttendanceNoteChars, true); !p.empty()) {
    v.Add(prefix + "note", p);
  }
  for (auto [field, value] :
       {std::pair{"client_nonce", &mark.client_nonce}, std::pair{"device_id", &mark.device_id}}) {
    if (std::string p = TextProblem(*value, 0, kMaxClientTokenChars); !p.empty()) {
      v.Add(prefix + field, p);
    }
  }
  if (mark.client_time) {
    if (*mark.client_time > now + kClientClockTolerance) {
      v.Add(prefix + "client_time", "lies in the future; check the device's clock");
    } else if (*mark.client_time < EarliestSessionTime()) {
      v.Add(prefix + "client_time", "lies before 2000");
    }
  }
}

absl::Status CheckReason(std::string& reason) {
  reason = Trimmed(reason);
  if (std::string p = TextProblem(reason, 0, kMaxReasonChars, true); !p.empty()) {
    return InvalidField("reason", p);
  }
  return absl::OkStatus();
}

// FAILED_PRECONDITION unless the session takes changes of its attendance
// from `access`'s caller now; `reason` is required after sign-off.
absl::Status CheckSheetOpen(const SessionAccess& access, const SessionLedger& ledger,
                            const std::string& reason) {
  if (access.series.status == SeriesStatus::kCancelled) {
    return FieldError(absl::StatusCode::kFailedPrecondition, "session_id",
                      "the series was cancelled; its sessions take no attendance");
  }
  if (!ledger.sign_off) return absl::OkStatus();
  if (access.role < AttendanceRole::kPlanner) {
    return FieldError(absl::StatusCode::kFailedPrecondition, "session_id",
                      "the sheet is signed off; a coordinator of the series can still correct it");
  }
  if (reason.empty()) {
    return InvalidField("reason", "required once the sheet is signed off");
  }
  return absl::OkStatus();
}

// The recording of marks in one unit: checks each against the session and
// its expected people, then appends them to the ledger.
class SheetWriter {
 public:
  SheetWriter(UnitOfWork& w, const SessionAccess& access, std::vector<SeatHolder> holders,
              SessionLedger ledger, LedgerAppender appender, absl::Time now, Id account_id)
      : w_(w),
        access_(access),
        holders_(std::move(holders)),
        ledger_(std::move(ledger)),
        appender_(std::move(appender)),
        now_(now),
        account_id_(account_id) {}

  const SessionLedger& ledger() const { return ledger_; }
  const std::vector<SeatHolder>& holders() const { return holders_; }
  // Stores the ledger's new head; call once after the last Append.
  absl::Status Finish() { return appender_.Finish(); }

  // FAILED_PRECONDITION/NOT_FOUND naming `prefix`'s fields when `mark`
  // does not fit the session.
  absl::Status Check(const AttendanceMark& mark, const std::string& prefix,
                     const std::string& reason) {
    if (mark.minutes_missed > LengthMinutes(access_.session)) {
      return InvalidField(
          prefix + "minutes_missed",
          absl::StrCat("longer than the session (", LengthMinutes(access_.session), " minutes)"));
    }
    if (now_ < FirstDayStart(access_.session) && mark.status != AttendanceStatus::kExcused) {
      return FieldError(absl::StatusCode::kFailedPrecondition, prefix + "status",
                        "the session has not begun; only excused absences can be recorded "
                        "in advance");
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
      return InvalidField("reason", absl::StrCat("required: participant ", mark.participant_id,
                                                 " held no seat during this session"));
    }
    return FieldError(absl::StatusCode::kFailedPrecondition, prefix + "participant_id",
                      absl::StrCat("participant ", mark.participant_id,
                                   " held no seat in the series during this session"));
  }

  // Appends `mark` unless the session has seen its nonce; returns the
  // stored record (the earlier one for a seen nonce).
  absl::StatusOr<AttendanceEntry> Append(const AttendanceMark& mark, AttendanceSource source,
                                         const std::string& reason) {
    if (!mark.client_nonce.empty()) {
      TH_ASSIGN_OR_RETURN(std::optional<AttendanceEntry> seen,
                          w_.attendance().FindByNonce(access_.session.id, mark.client_nonce));
      if (seen) return *seen;
    }
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
    return e;
  }

 private:
  // A record made on another device before `earlier` reached the server,
  // which says something else: neither device saw the other's.
  static bool Conflicts(const AttendanceEntry& earlier, const AttendanceEntry& later) {
    return earlier.device_id != later.device_id && later.client_time < earlier.record_time &&
           (earlier.status != later.status || earlier.minutes_missed != later.minutes_missed);
  }

  const SeatHolder* Holder(Id participant_id) const {
    for (const SeatHolder& h : holders_) {
      if (h.participant_id == participant_id) return &h;
    }
    return nullptr;
  }

  UnitOfWork& w_;
  const SessionAccess& access_;
  std::vector<SeatHolder> holders_;
  SessionLedger ledger_;
  LedgerAppender appender_;
  absl::Time now_;
  Id account_id_;
};

absl::StatusOr<SheetWriter> SheetWriterFor(UnitOfWork& w, const SessionAccess& access,
                                           absl::Time now, Id account_id) {
  TH_ASSIGN_OR_RETURN(std::vector<SeatHolder> holders, SeatHoldersOf(w, access.series.id));
  TH_ASSIGN_OR_RETURN(std::vector<AttendanceEntry> entries,
                      w.attendance().ListForSession(access.session.id));
  TH_ASSIGN_OR_RETURN(LedgerAppender appender, LedgerAppender::For(w, access.series.id));
  return SheetWriter(w, access, std::move(holders), Reduce(entries), std::move(appender), now,
                     account_id);
}

std::string AccountName(ReadView& r, Id account_id) {
  if (account_id == 0) return "";
  absl::StatusOr<Account> a = r.accounts().Get(account_id);
  return a.ok() ? a->display_name : "";
}

// The sheet of `access`'s session for `who`, from the series' seat holders
// and the session's ledger as they stand in this unit.
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

// Attendance records as a participant sees their own.
void HideFromParticipant(AttendanceEntry& e) {
  e.note.clear();
  e.reason.clear();
  e.device_id.clear();
  e.client_nonce.clear();
  e.account_id = 0;
  e.account_name.clear();
}

CheckInCode CodeOf(const std::optional<CheckInWindow>& window, absl::Time now) {
  CheckInCode out;
  if (!window) return out;
  out.session_id = window->session_id;
  out.close_time = window->close_time;
  out.open = window->open_time <= now && now < window->close_time;
  if (!out.open) return out;
  const int64_t slot = CheckInSlotOf(now);
  out.code = CheckInCodeFor(window->secret, window->session_id, slot);
  out.code_expire_time = std::min(
      absl::FromUnixSeconds((slot + 1) * absl::ToInt64Seconds(kCheckInSlot)), window->close_time);
  return out;
}

// The six digits of a typed code or a scanned QR payload; the session the
// payload names goes to `session_id` when that is 0.
absl::StatusOr<std::string> ParseCode(std::string code, Id& session_id) {
  const std::string trimmed = Trimmed(code);
  if (trimmed.size() > 100) return InvalidField("code", "six digits");
  absl::string_view view = trimmed;
  const bool scanned = absl::ConsumePrefix(&view, kQrPrefix);
  std::string text(view);
  if (scanned) {
    const size_t colon = text.find(':');
    Id named = 0;
    if (colon == std::string::npos || !absl::SimpleAtoi(text.substr(0, colon), &named) ||
        named <= 0) {
      return InvalidField("code", "not a trainhub check-in code");
    }
    if (session_id != 0 && session_id != named) {
      return FieldError(absl::StatusCode::kFailedPrecondition, "code",
                        "this code is for another session");
    }
    session_id = named;
    text = text.substr(colon + 1);
  }
  text.erase(std::remove(text.begin(), text.end(), ' '), text.end());
  if (text.size() != 6 || !std::all_of(text.begin(), text.end(), absl::ascii_isdigit)) {
    return InvalidField("code", "six digits, as the trainer shows them");
  }
  return text;
}

bool CodeMatches(const CheckInWindow& window, const std::string& code, absl::Time now) {
  if (!(window.open_time <= now && now < window.close_time)) return false;
  const int64_t slot = CheckInSlotOf(now);
  for (int64_t s : {slot, slot - 1}) {
    const std::string expected = CheckInCodeFor(window.secret, window.session_id, s);
    if (sodium_memcmp(expected.data(), code.data(), expected.size()) == 0) return true;
  }
  return false;
}

}  // namespace

std::string CheckInCodeFor(const std::string& secret, Id session_id, int64_t slot) {
  const std::string message = absl::StrCat("trainhub-check-in/", session_id, "/", slot);
  unsigned char mac[crypto_auth_hmacsha256_BYTES];
  crypto_auth_hmacsha256_state state;
  crypto_auth_hmacsha256_init(&state, reinterpret_cast<const unsigned char*>(secret.data()),
                              secret.size());
  crypto_auth_hmacsha256_update(&state, reinterpret_cast<const unsigned char*>(message.data()),
                                message.size());
  crypto_auth_hmacsha256_final(&state, mac);
  const uint32_t value = (uint32_t{mac[0]} << 24) | (uint32_t{mac[1]} << 16) |
                         (uint32_t{mac[2]} << 8) | uint32_t{mac[3]};
  return absl::StrFormat("%06u", value % 1000000);
}

int64_t CheckInSlotOf(absl::Time t) {
  return absl::ToUnixSeconds(t) / absl::ToInt64Seconds(kCheckInSlot);
}

Attendance::Attendance(Store& store, Clock clock) : store_(store), clock_(std::move(clock)) {}

absl::StatusOr<AttendanceSheet> Attendance::Sheet(const Principal& who, Id session_id) {
  AttendanceSheet sheet;
  const absl::Time now = clock_();
  TH_RETURN_IF_ERROR(store_.Read([&](ReadView& r) -> absl::Status {
    TH_ASSIGN_OR_RETURN(SessionAccess access,
                        AccessSession(r, who, session_id, AttendanceRole::kParticipant));
    TH_ASSIGN_OR_RETURN(sheet, BuildSheet(r, access, who, now));
    return absl::OkStatus();
  }));
  return sheet;
}

absl::StatusOr<AttendanceSheet> Attendance::RecordSheet(const RequestContext& ctx, Id session_id,
                                                        std::vector<AttendanceMark> marks,
                                                        std::string reason, const RequestKey& key) {
  const absl::Time now = clock_();
  Violations v;
  if (marks.empty()) v.Add("marks", "give at least one person's status");
  if (marks.size() > kMaxSheetMarks) v.Add("marks", absl::StrCat("at most ", kMaxSheetMarks));
  std::set<Id> seen;
  for (size_t i = 0; i < marks.size() && i < kMaxSheetMarks; ++i) {
    const std::string prefix = absl::StrCat("marks[", i, "].");
    ValidateMark(marks[i], prefix, now, v);
    if (marks[i].participant_id > 0 && !seen.insert(marks[i].participant_id).second) {
      v.Add(prefix + "participant_id", "appears twice; give one status per person");
    }
  }
  if (!v.empty()) return v.ToStatus();
  TH_RETURN_IF_ERROR(CheckReason(reason));
  TH_RETURN_IF_ERROR(ValidateRequestId(key.request_id));
  AttendanceSheet sheet;
  TH_RETURN_IF_ERROR(store_.Write([&](UnitOfWork& w) -> absl::Status {
    TH_ASSIGN_OR_RETURN(SessionAccess access,
                        AccessSession(w, ctx.who, session_id, AttendanceRole::kRecorder));
    TH_ASSIGN_OR_RETURN(std::optional<RequestRecord> earlier,
                        AlreadyDone(w, kRecordSheetMethod, key));
    if (earlier) {
      TH_ASSIGN_OR_RETURN(sheet, BuildSheet(w, access, ctx.who, now));
      return absl::OkStatus();
    }
    TH_ASSIGN_OR_RETURN(SheetWriter writer, SheetWriterFor(w, access, now, ctx.who.account.id));
    TH_RETURN_IF_ERROR(CheckSheetOpen(access, writer.ledger(), reason));
    for (size_t i = 0; i < marks.size(); ++i) {
      TH_RETURN_IF_ERROR(writer.Check(marks[i], absl::StrCat("marks[", i, "]."), reason));
    }
    for (const AttendanceMark& mark : marks) {
      TH_RETURN_IF_ERROR(writer.Append(mark, AttendanceSource::kStaff, reason).status());
    }
    TH_RETURN_IF_ERROR(writer.Finish());
    AuditTrail trail(w, ctx, now);
    TH_RETURN_IF_ERROR(
        trail.Changed("attendance_sheet", session_id, access.series.organization_id));
    TH_RETURN_IF_ERROR(MarkDone(w, kRecordSheetMethod, key, session_id));
    TH_ASSIGN_OR_RETURN(sheet,
                        BuildSheet(w, access, ctx.who, now, writer.holders(), writer.ledger()));
    return absl::OkStatus();
  }));
  return sheet;
}

absl::StatusOr<AttendanceEntry> Attendance::Record(const RequestContext& ctx, Id session_id,
                                                   AttendanceMark mark, std::string reason,
                                                   const RequestKey& key) {
  const absl::Time now = clock_();
  Violations v;
  ValidateMark(mark, "mark.", now, v);
  if (!v.empty()) return v.ToStatus();
  TH_RETURN_IF_ERROR(CheckReason(reason));
  TH_RETURN_IF_ERROR(ValidateRequestId(key.request_id));
  AttendanceEntry record;
  TH_RETURN_IF_ERROR(store_.Write([&](UnitOfWork& w) -> absl::Status {
    TH_ASSIGN_OR_RETURN(SessionAccess access,
                        AccessSession(w, ctx.who, session_id, AttendanceRole::kRecorder));
    TH_ASSIGN_OR_RETURN(std::optional<RequestRecord> earlier, AlreadyDone(w, kRecordMethod, key));
    if (earlier) {
      TH_ASSIGN_OR_RETURN(record, w.attendance().Get(earlier->resource_id));
    } else {
      TH_ASSIGN_OR_RETURN(SheetWriter writer, SheetWriterFor(w, access, now, ctx.who.account.id));
      TH_RETURN_IF_ERROR(CheckSheetOpen(access, writer.ledger(), reason));
      TH_RETURN_IF_ERROR(writer.Check(mark, "mark.", reason));
      TH_ASSIGN_OR_RETURN(record, writer.Append(mark, AttendanceSource::kStaff, reason));
      TH_RETURN_IF_ERROR(writer.Finish());
      AuditTrail trail(w, ctx, now);
      TH_RETURN_IF_ERROR(
          trail.Changed("attendance_sheet", session_id, access.series.organization_id));
      TH_RETURN_IF_ERROR(MarkDone(w, kRecordMethod, key, record.id));
    }
    record.account_name = AccountName(w, record.account_id);
    return absl::OkStatus();
  }));
  return record;
}

absl::StatusOr<AttendanceSheet> Attendance::SignOff(const RequestContext& ctx, Id session_id,
                                                    const RequestKey& key) {
  const absl::Time now = clock_();
  TH_RETURN_IF_ERROR(ValidateRequestId(key.request_id));
  AttendanceSheet sheet;
  TH_RETURN_IF_ERROR(store_.Write([&](UnitOfWork& w) -> absl::Status {
    TH_ASSIGN_OR_RETURN(SessionAccess access,
                        AccessSession(w, ctx.who, session_id, AttendanceRole::kRecorder));
    TH_ASSIGN_OR_RETURN(std::optional<RequestRecord> earlier, AlreadyDone(w, kSignOffMethod, key));
    if (!earlier) {
      TH_ASSIGN_OR_RETURN(AttendanceSheet before, BuildSheet(w, access, ctx.who, now));
      if (before.sign_off) {
        return FieldError(absl::StatusCode::kFailedPrecondition, "session_id",
                          absl::StrCat("the sheet was already signed off on ",
                                       FormatLocal(before.sign_off->record_time)));
      }
      if (now < access.session.start) {
        return FieldError(absl::StatusCode::kFailedPrecondition, "session_id",
                          "the session has not begun; sign off after it");
      }
      if (before.unrecorded_count > 0) {
        std::string names;
        for (const SheetEntry& e : before.entries) {
          if (e.record) continue;
          absl::StrAppend(&names, names.empty() ? "" : ", ", e.participant_name, " (",
                          e.participant_id, ")");
        }
        return FieldError(absl::StatusCode::kFailedPrecondition, "session_id",
                          absl::StrCat("record everyone first; without a status: ", names));
      }
      AttendanceEntry e;
      e.session_id = session_id;
      e.kind = LedgerEntryKind::kSignOff;
      e.client_time = now;
      e.record_time = now;
      e.account_id = ctx.who.account.id;
      TH_ASSIGN_OR_RETURN(LedgerAppender ledger, LedgerAppender::For(w, access.series.id));
      TH_RETURN_IF_ERROR(ledger.Add(std::move(e)).status());
      TH_RETURN_IF_ERROR(ledger.Finish());
      // A signed-off sheet takes no more check-ins.
      TH_ASSIGN_OR_RETURN(std::optional<CheckInWindow> window,
                          w.attendance().GetCheckIn(session_id));
      if (window && window->close_time > now) {
        window->close_time = now;
        TH_RETURN_IF_ERROR(w.attendance().PutCheckIn(*window));
      }
      AuditTrail trail(w, ctx, now);
      TH_RETURN_IF_ERROR(
          trail.Changed("attendance_sheet", session_id, access.series.organization_id));
      TH_RETURN_IF_ERROR(MarkDone(w, kSignOffMethod, key, session_id));
    }
    TH_ASSIGN_OR_RETURN(sheet, BuildSheet(w, access, ctx.who, now));
    return absl::OkStatus();
  }));
  return sheet;
}

absl::StatusOr<Page<AttendanceEntry>> Attendance::History(const Principal& who, Id session_id,
                                                          Id participant_id,
                                                          const PageRequest& page) {
  if (participant_id < 0) return InvalidField("participant_id", "must be a positive id");
  Page<AttendanceEntry> out;
  TH_RETURN_IF_ERROR(store_.Read([&](ReadView& r) -> absl::Status {
    TH_ASSIGN_OR_RETURN(SessionAccess access,
                        AccessSession(r, who, session_id, AttendanceRole::kParticipant));
    const bool participant = access.role == AttendanceRole::kParticipant;
    if (participant) {
      if (participant_id != 0 && participant_id != who.ParticipantId()) {
        return Denied(absl::StrCat("see the attendance of participant ", participant_id));
      }
      participant_id = who.ParticipantId();
    }
    TH_ASSIGN_OR_RETURN(out, r.attendance().ListHistory(session_id, participant_id, page));
    std::map<Id, std::string> names;
    for (AttendanceEntry& e : out.items) {
      if (participant) {
        HideFromParticipant(e);
        continue;
      }
      if (!names.count(e.account_id)) names[e.account_id] = AccountName(r, e.account_id);
      e.account_name = names[e.account_id];
    }
    return absl::OkStatus();
  }));
  return out;
}

absl::StatusOr<AttendanceMatrix> Attendance::Matrix(const Principal& who, Id series_id) {
  AttendanceMatrix matrix;
  TH_RETURN_IF_ERROR(store_.Read([&](ReadView& r) -> absl::Status {
    TH_ASSIGN_OR_RETURN(auto access, AccessSeries(r, who, series_id, AttendanceRole::kReader));
    matrix.series = access.first;
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
    return absl::OkStatus();
  }));
  return matrix;
}

absl::StatusOr<AttendanceSummary> Attendance::Summary(const Principal& who, Id series_id,
                                                      Id participant_id) {
  if (participant_id < 0) return InvalidField("participant_id", "must be a positive id");
  const absl::Time now = clock_();
  // Participants get their own row; Matrix() checks everyone else.
  Principal reader = who;
  std::optional<Id> only;
  if (participant_id != 0) only = participant_id;
  absl::StatusOr<AttendanceRole> role;
  TH_RETURN_IF_ERROR(store_.Read([&](ReadView& r) -> absl::Status {
    TH_ASSIGN_OR_RETURN(auto access, AccessSeries(r, who, series_id, AttendanceRole::kParticipant));
    role = access.second;
    return absl::OkStatus();
  }));
  if (*role == AttendanceRole::kParticipant) {
    if (only && *only != who.ParticipantId()) {
      return Denied(absl::StrCat("see the attendance of participant ", participant_id));
    }
    only = who.ParticipantId();
    reader = Principal::System();
  }
  TH_ASSIGN_OR_RETURN(AttendanceMatrix matrix, Matrix(reader, series_id));
  AttendanceSummary summary;
  summary.series = matrix.series;
  summary.session_count = static_cast<int>(matrix.columns.size());
  for (const MatrixColumn& c : matrix.columns) summary.teaching_units += c.teaching_units;
  for (const MatrixRow& row : matrix.rows) {
    if (only && row.participant_id != *only) continue;
    PersonAttendance p;
    p.participant_id = row.participant_id;
    p.participant_name = row.participant_name;
    for (size_t i = 0; i < row.cells.size(); ++i) {
      const MatrixCell& cell = row.cells[i];
      const MatrixColumn& column = matrix.columns[i];
      if (!cell.expected) continue;
      ++p.sessions_expected;
      if (column.session.start > now) continue;
      ++p.sessions_held;
      p.teaching_units_held += column.teaching_units;
      switch (cell.status) {
        case AttendanceStatus::kLate:
          ++p.late;
          [[fallthrough]];
        case AttendanceStatus::kPresent: {
          ++p.present;
          p.minutes_missed += cell.minutes_missed;
          const int length = LengthMinutes(column.session);
          const double share =
              length > 0 ? std::max(0, length - cell.minutes_missed) / double(length) : 0;
          p.teaching_units_attended += column.teaching_units * share;
          break;
        }
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
    }
    const int recorded = p.present + p.excused + p.absent;
    p.attendance_rate = recorded > 0 ? double(p.present) / recorded : 0;
    summary.people.push_back(std::move(p));
  }
  if (only && summary.people.empty() && *role != AttendanceRole::kParticipant) {
    return FieldError(
        absl::StatusCode::kNotFound, "participant_id",
        absl::StrCat("participant ", *only, " has no enrolment in series ", series_id));
  }
  return summary;
}

absl::StatusOr<CheckInCode> Attendance::OpenCheckIn(const RequestContext& ctx, Id session_id,
                                                    int minutes, const RequestKey& key) {
  if (minutes < 0 || minutes > kMaxCheckInMinutes) {
    return InvalidField(
        "minutes", absl::StrCat("1 to ", kMaxCheckInMinutes, " (0: ", kDefaultCheckInMinutes, ")"));
  }
  if (minutes == 0) minutes = kDefaultCheckInMinutes;
  TH_RETURN_IF_ERROR(ValidateRequestId(key.request_id));
  const absl::Time now = clock_();
  CheckInCode code;
  TH_RETURN_IF_ERROR(store_.Write([&](UnitOfWork& w) -> absl::Status {
    TH_ASSIGN_OR_RETURN(SessionAccess access,
                        AccessSession(w, ctx.who, session_id, AttendanceRole::kRecorder));
    TH_ASSIGN_OR_RETURN(std::optional<RequestRecord> earlier,
                        AlreadyDone(w, kOpenCheckInMethod, key));
    if (!earlier) {
      if (access.series.status == SeriesStatus::kCancelled) {
        return FieldError(absl::StatusCode::kFailedPrecondition, "session_id",
                          "the series was cancelled");
      }
      if (now < FirstDayStart(access.session) || now >= access.session.end) {
        return FieldError(
            absl::StatusCode::kFailedPrecondition, "session_id",
            absl::StrCat("check-in opens on the session's day until its end (",
                         FormatLocalRange(access.session.start, access.session.end), ")"));
      }
      CheckInWindow window;
      window.session_id = session_id;
      window.secret.resize(32);
      randombytes_buf(window.secret.data(), window.secret.size());
      window.open_time = now;
      window.close_time = now + absl::Minutes(minutes);
      window.opened_by = ctx.who.account.id;
      TH_RETURN_IF_ERROR(w.attendance().PutCheckIn(window));
      AuditTrail trail(w, ctx, now);
      TH_RETURN_IF_ERROR(trail.Changed("check_in", session_id, access.series.organization_id));
      TH_RETURN_IF_ERROR(MarkDone(w, kOpenCheckInMethod, key, session_id));
    }
    TH_ASSIGN_OR_RETURN(std::optional<CheckInWindow> window, w.attendance().GetCheckIn(session_id));
    code = CodeOf(window, now);
    return absl::OkStatus();
  }));
  return code;
}

absl::StatusOr<CheckInCode> Attendance::CurrentCheckInCode(const Principal& who, Id session_id) {
  const absl::Time now = clock_();
  CheckInCode code;
  TH_RETURN_IF_ERROR(store_.Read([&](ReadView& r) -> absl::Status {
    TH_RETURN_IF_ERROR(AccessSession(r, who, session_id, AttendanceRole::kRecorder).status());
    TH_ASSIGN_OR_RETURN(std::optional<CheckInWindow> window, r.attendance().GetCheckIn(session_id));
    code = CodeOf(window, now);
    code.session_id = session_id;
    return absl::OkStatus();
  }));
  return code;
}

absl::StatusOr<CheckInCode> Attendance::CloseCheckIn(const RequestContext& ctx, Id session_id,
                                                     const RequestKey& key) {
  TH_RETURN_IF_ERROR(ValidateRequestId(key.request_id));
  const absl::Time now = clock_();
  CheckInCode code;
  TH_RETURN_IF_ERROR(store_.Write([&](UnitOfWork& w) -> absl::Status {
    TH_ASSIGN_OR_RETURN(SessionAccess access,
                        AccessSession(w, ctx.who, session_id, AttendanceRole::kRecorder));
    TH_ASSIGN_OR_RETURN(std::optional<RequestRecord> earlier,
                        AlreadyDone(w, kCloseCheckInMethod, key));
    TH_ASSIGN_OR_RETURN(std::optional<CheckInWindow> window, w.attendance().GetCheckIn(session_id));
    if (!earlier && window && window->close_time > now) {
      window->close_time = now;
      TH_RETURN_IF_ERROR(w.attendance().PutCheckIn(*window));
      AuditTrail trail(w, ctx, now);
      TH_RETURN_IF_ERROR(trail.Changed("check_in", session_id, access.series.organization_id));
      TH_RETURN_IF_ERROR(MarkDone(w, kCloseCheckInMethod, key, session_id));
    }
    code = CodeOf(window, now);
    code.session_id = session_id;
    return absl::OkStatus();
  }));
  return code;
}

absl::StatusOr<AttendanceEntry> Attendance::CheckIn(const RequestContext& ctx, std::string code,
                                                    Id session_id, const RequestKey& key) {
  if (session_id < 0) return InvalidField("session_id", "must be a positive id");
  TH_ASSIGN_OR_RETURN(std::string digits, ParseCode(std::move(code), session_id));
  TH_RETURN_IF_ERROR(ValidateRequestId(key.request_id));
  const Id participant_id = ctx.who.ParticipantId();
  if (participant_id == 0) {
    return absl::FailedPreconditionError(
        "only participants check in; this account has no participant record");
  }
  const absl::Time now = clock_();
  const std::string throttle_key = absl::StrCat("account:", ctx.who.account.id);
  if (!check_in_throttle_.MayTry(throttle_key, "check-in", now)) {
    return absl::ResourceExhaustedError(
        "too many wrong codes; wait a moment or ask the trainer to record you");
  }
  AttendanceEntry record;
  bool wrong_code = false;
  absl::Status status = store_.Write([&](UnitOfWork& w) -> absl::Status {
    TH_ASSIGN_OR_RETURN(std::optional<RequestRecord> earlier, AlreadyDone(w, kCheckInMethod, key));
    if (earlier) {
      TH_ASSIGN_OR_RETURN(record, w.attendance().Get(earlier->resource_id));
      return absl::OkStatus();
    }
    std::vector<CheckInWindow> candidates;
    if (session_id != 0) {
      TH_ASSIGN_OR_RETURN(std::optional<CheckInWindow> window,
                          w.attendance().GetCheckIn(session_id));
      if (window) candidates.push_back(*window);
    } else {
      TH_ASSIGN_OR_RETURN(candidates, w.attendance().ListOpenCheckIns(now));
    }
    std::optional<SessionAccess> access;
    for (const CheckInWindow& window : candidates) {
      if (!CodeMatches(window, digits, now)) continue;
      absl::StatusOr<SessionAccess> a =
          AccessSession(w, ctx.who, window.session_id, AttendanceRole::kParticipant);
      if (a.ok()) {
        access = *std::move(a);
        break;
      }
    }
    if (!access) {
      wrong_code = true;
      return FieldError(absl::StatusCode::kFailedPrecondition, "code",
                        "wrong or expired code; enter the code the trainer shows now");
    }
    TH_ASSIGN_OR_RETURN(SheetWriter writer, SheetWriterFor(w, *access, now, ctx.who.account.id));
    if (writer.ledger().sign_off) {
      return FieldError(absl::StatusCode::kFailedPrecondition, "code",
                        "the sheet is already signed off; ask the trainer");
    }
    auto cell = writer.ledger().cells.find(participant_id);
    if (cell != writer.ledger().cells.end() && cell->second.current &&
        cell->second.current->source == AttendanceSource::kSelfCheckIn) {
      record = *cell->second.current;  // checked in before
      return absl::OkStatus();
    }
    AttendanceMark mark;
    mark.participant_id = participant_id;
    mark.status = AttendanceStatus::kPresent;
    TH_RETURN_IF_ERROR(writer.Check(mark, "", ""));
    TH_ASSIGN_OR_RETURN(record, writer.Append(mark, AttendanceSource::kSelfCheckIn, ""));
    TH_RETURN_IF_ERROR(writer.Finish());
    AuditTrail trail(w, ctx, now);
    TH_RETURN_IF_ERROR(
        trail.Changed("attendance_sheet", access->session.id, access->series.organization_id));
    return MarkDone(w, kCheckInMethod, key, record.id);
  });
  if (wrong_code) {
    check_in_throttle_.RecordFailure(throttle_key, "check-in", now);
  } else if (status.ok()) {
    check_in_throttle_.RecordSuccess(throttle_key, "check-in");
  }
  TH_RETURN_IF_ERROR(status);
  HideFromParticipant(record);
  return record;
}

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
