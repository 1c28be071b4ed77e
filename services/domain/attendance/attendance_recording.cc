#include "domain/attendance/attendance_recording.h"

#include <algorithm>
#include <map>
#include <set>
#include <utility>

#include "absl/strings/str_cat.h"
#include "domain/access.h"
#include "domain/attendance/attendance_rules.h"
#include "domain/attendance/attendance_sheet.h"
#include "domain/audit_trail.h"
#include "domain/berlin_time.h"
#include "domain/errors.h"
#include "domain/limits.h"
#include "domain/status_macros.h"
#include "domain/text.h"
#include "domain/validation.h"

namespace trainhub::domain {
namespace {

constexpr char kRecordSheetMethod[] = "trainhub.v1.AttendanceService/RecordAttendanceSheet";
constexpr char kRecordMethod[] = "trainhub.v1.AttendanceService/RecordAttendance";
constexpr char kSignOffMethod[] = "trainhub.v1.AttendanceService/SignOffAttendanceSheet";

// INVALID_ARGUMENT naming each bad field of `mark`, a request field
// prefixed `prefix` ("marks[3]." or "mark.").
void ValidateMark(AttendanceMark& mark, const std::string& prefix, absl::Time now, Violations& v) {
  if (mark.participant_id <= 0) v.Add(prefix + "participant_id", Msg("must be a positive id"));
  if (!IsKnown(mark.status)) {
    v.Add(prefix + "status", mark.status == AttendanceStatus::kUnspecified
                                 ? Msg("give present, late, excused or absent")
                                 : UnknownValue(static_cast<int>(mark.status)));
  }
  if (mark.minutes_missed < 0) v.Add(prefix + "minutes_missed", Msg("must not be negative"));
  if (mark.minutes_missed > 0 && !Attended(mark.status)) {
    v.Add(prefix + "minutes_missed", Msg("only with present or late"));
  }
  mark.note = Trimmed(mark.note);
  if (std::optional<Message> p = TextProblem(mark.note, 0, kMaxAttendanceNoteChars, true)) {
    v.Add(prefix + "note", *std::move(p));
  }
  for (auto [field, value] :
       {std::pair{"client_nonce", &mark.client_nonce}, std::pair{"device_id", &mark.device_id}}) {
    if (std::optional<Message> p = TextProblem(*value, 0, kMaxClientTokenChars)) {
      v.Add(prefix + field, *std::move(p));
    }
  }
  if (mark.client_time) {
    if (*mark.client_time > now + kClientClockTolerance) {
      v.Add(prefix + "client_time", Msg("lies in the future; check the device's clock"));
    } else if (*mark.client_time < EarliestSessionTime()) {
      v.Add(prefix + "client_time", Msg("lies before 2000"));
    }
  }
}

absl::Status CheckReason(std::string& reason) {
  reason = Trimmed(reason);
  if (std::optional<Message> p = TextProblem(reason, 0, kMaxReasonChars, true)) {
    return InvalidField("reason", *std::move(p));
  }
  return absl::OkStatus();
}

// FAILED_PRECONDITION unless the session takes changes of its attendance
// from `access`'s caller now; `reason` is required after sign-off.
absl::Status CheckSheetOpen(const SessionAccess& access, const SessionLedger& ledger,
                            const std::string& reason) {
  if (access.series.status == SeriesStatus::kCancelled) {
    return FieldError(absl::StatusCode::kFailedPrecondition, "session_id",
                      Msg("the series was cancelled; its sessions take no attendance"));
  }
  if (!ledger.sign_off) return absl::OkStatus();
  if (access.role < AttendanceRole::kPlanner) {
    return FieldError(absl::StatusCode::kFailedPrecondition, "session_id",
                      Msg("the sheet is signed off; a coordinator of the series can still correct "
                          "it"));
  }
  if (reason.empty()) {
    return InvalidField("reason", Msg("required once the sheet is signed off"));
  }
  return absl::OkStatus();
}

// FAILED_PRECONDITION unless the sheet `before` may be signed off now: not
// signed off yet, the session begun, everyone expected recorded.
absl::Status CheckReadyForSignOff(const AttendanceSheet& before, const Session& session,
                                  absl::Time now) {
  if (before.sign_off) {
    return FieldError(absl::StatusCode::kFailedPrecondition, "session_id",
                      Msg("the sheet was already signed off on {time}",
                          {{"time", FormatLocal(before.sign_off->record_time)}}));
  }
  if (now < session.start) {
    return FieldError(absl::StatusCode::kFailedPrecondition, "session_id",
                      Msg("the session has not begun; sign off after it"));
  }
  if (before.unrecorded_count == 0) return absl::OkStatus();
  std::string names;
  for (const SheetEntry& e : before.entries) {
    if (e.record) continue;
    absl::StrAppend(&names, names.empty() ? "" : ", ", e.participant_name, " (", e.participant_id,
                    ")");
  }
  return FieldError(absl::StatusCode::kFailedPrecondition, "session_id",
                    Msg("record everyone first; without a status: {names}", {{"names", names}}));
}

// A write unit on `session_id`'s sheet by one who records its attendance,
// once per request id under `method`: `change(w, access)` changes it and
// answers the sheet after; a retry is answered with the sheet as it stands.
template <typename Change>
absl::StatusOr<AttendanceSheet> ChangeSheetOnce(Store& store, const RequestContext& ctx,
                                                Id session_id, absl::string_view method,
                                                const RequestKey& key, absl::Time now,
                                                Change change) {
  TH_RETURN_IF_ERROR(ValidateRequestId(key.request_id));
  AttendanceSheet sheet;
  TH_RETURN_IF_ERROR(store.Write([&](UnitOfWork& w) -> absl::Status {
    TH_ASSIGN_OR_RETURN(SessionAccess access,
                        AccessSession(w, ctx.who, session_id, AttendanceRole::kRecorder));
    auto replay = [&](const RequestRecord&) -> absl::Status {
      TH_ASSIGN_OR_RETURN(sheet, BuildSheet(w, access, ctx.who, now));
      return absl::OkStatus();
    };
    return OncePerRequest(w, method, key, replay, [&]() -> absl::StatusOr<Id> {
      TH_ASSIGN_OR_RETURN(sheet, change(w, access));
      return session_id;
    });
  }));
  return sheet;
}

}  // namespace

AttendanceRecording::AttendanceRecording(Store& store, Clock clock)
    : store_(store), clock_(std::move(clock)) {}

absl::StatusOr<AttendanceSheet> AttendanceRecording::Sheet(const Principal& who, Id session_id) {
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

absl::StatusOr<AttendanceSheet> AttendanceRecording::RecordSheet(const RequestContext& ctx,
                                                                 Id session_id,
                                                                 std::vector<AttendanceMark> marks,
                                                                 std::string reason,
                                                                 const RequestKey& key) {
  const absl::Time now = clock_();
  Violations v;
  if (marks.empty()) v.Add("marks", Msg("give at least one person's status"));
  if (marks.size() > kMaxSheetMarks) {
    v.Add("marks", Msg("at most {max}", {{"max", static_cast<int64_t>(kMaxSheetMarks)}}));
  }
  std::set<Id> seen;
  for (size_t i = 0; i < marks.size() && i < kMaxSheetMarks; ++i) {
    const std::string prefix = absl::StrCat("marks[", i, "].");
    ValidateMark(marks[i], prefix, now, v);
    if (marks[i].participant_id > 0 && !seen.insert(marks[i].participant_id).second) {
      v.Add(prefix + "participant_id", Msg("appears twice; give one status per person"));
    }
  }
  if (!v.empty()) return v.ToStatus();
  TH_RETURN_IF_ERROR(CheckReason(reason));
  return ChangeSheetOnce(
      store_, ctx, session_id, kRecordSheetMethod, key, now,
      [&](UnitOfWork& w, const SessionAccess& access) -> absl::StatusOr<AttendanceSheet> {
        TH_ASSIGN_OR_RETURN(SheetWriter writer,
                            SheetWriter::For(w, access, now, ctx.who.account.id));
        // Marks stored before (an offline queue sending them again) keep their
        // record; only new ones must find the sheet open and fit the session.
        std::vector<size_t> fresh;
        for (size_t i = 0; i < marks.size(); ++i) {
          if (writer.Stored(marks[i]) == nullptr) fresh.push_back(i);
        }
        if (!fresh.empty()) {
          TH_RETURN_IF_ERROR(CheckSheetOpen(access, writer.ledger(), reason));
          for (size_t i : fresh) {
            TH_RETURN_IF_ERROR(writer.Check(marks[i], absl::StrCat("marks[", i, "]."), reason));
          }
          for (size_t i : fresh) {
            TH_RETURN_IF_ERROR(writer.Append(marks[i], AttendanceSource::kStaff, reason).status());
          }
          TH_RETURN_IF_ERROR(writer.Finish());
          AuditTrail trail(w, ctx, now);
          TH_RETURN_IF_ERROR(
              trail.Changed("attendance_sheet", session_id, access.series.organization_id));
        }
        return BuildSheet(w, access, ctx.who, now, writer.holders(), writer.ledger());
      });
}

absl::StatusOr<AttendanceEntry> AttendanceRecording::Record(const RequestContext& ctx,
                                                            Id session_id, AttendanceMark mark,
                                                            std::string reason,
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
    auto replay = [&](const RequestRecord& earlier) -> absl::Status {
      TH_ASSIGN_OR_RETURN(record, w.attendance().Get(earlier.resource_id));
      return absl::OkStatus();
    };
    TH_RETURN_IF_ERROR(OncePerRequest(w, kRecordMethod, key, replay, [&]() -> absl::StatusOr<Id> {
      TH_ASSIGN_OR_RETURN(SheetWriter writer, SheetWriter::For(w, access, now, ctx.who.account.id));
      if (const AttendanceEntry* stored = writer.Stored(mark)) {
        record = *stored;  // sent again (an offline queue): answered as the first time
        return record.id;
      }
      TH_RETURN_IF_ERROR(CheckSheetOpen(access, writer.ledger(), reason));
      TH_RETURN_IF_ERROR(writer.Check(mark, "mark.", reason));
      TH_ASSIGN_OR_RETURN(record, writer.Append(mark, AttendanceSource::kStaff, reason));
      TH_RETURN_IF_ERROR(writer.Finish());
      AuditTrail trail(w, ctx, now);
      TH_RETURN_IF_ERROR(
          trail.Changed("attendance_sheet", session_id, access.series.organization_id));
      return record.id;
    }));
    record.account_name = AccountName(w, record.account_id);
    return absl::OkStatus();
  }));
  return record;
}

absl::StatusOr<AttendanceSheet> AttendanceRecording::SignOff(const RequestContext& ctx,
                                                             Id session_id, const RequestKey& key) {
  const absl::Time now = clock_();
  return ChangeSheetOnce(
      store_, ctx, session_id, kSignOffMethod, key, now,
      [&](UnitOfWork& w, const SessionAccess& access) -> absl::StatusOr<AttendanceSheet> {
        TH_ASSIGN_OR_RETURN(AttendanceSheet before, BuildSheet(w, access, ctx.who, now));
        TH_RETURN_IF_ERROR(CheckReadyForSignOff(before, access.session, now));
        AttendanceEntry e;
        e.session_id = session_id;
        e.kind = LedgerEntryKind::kSignOff;
        e.client_time = now;
        e.record_time = now;
        e.account_id = ctx.who.account.id;
        TH_ASSIGN_OR_RETURN(LedgerAppender ledger, LedgerAppender::For(w, access.series.id));
        TH_ASSIGN_OR_RETURN(AttendanceEntry sign_off, ledger.Add(std::move(e)));
        TH_RETURN_IF_ERROR(ledger.Finish());
        // A signed-off sheet takes no more check-ins.
        TH_RETURN_IF_ERROR(CloseCheckInWindow(w, session_id, now).status());
        AuditTrail trail(w, ctx, now);
        TH_RETURN_IF_ERROR(
            trail.Changed("attendance_sheet", session_id, access.series.organization_id));
        AttendanceSheet sheet = std::move(before);
        sheet.sign_off = std::move(sign_off);
        sheet.signed_off_by = AccountName(w, ctx.who.account.id);
        sheet.check_in_open = false;
        return sheet;
      });
}

absl::StatusOr<Page<AttendanceEntry>> AttendanceRecording::History(const Principal& who,
                                                                   Id session_id, Id participant_id,
                                                                   const PageRequest& page) {
  if (participant_id < 0) return InvalidField("participant_id", Msg("must be a positive id"));
  Page<AttendanceEntry> out;
  TH_RETURN_IF_ERROR(store_.Read([&](ReadView& r) -> absl::Status {
    TH_ASSIGN_OR_RETURN(SessionAccess access,
                        AccessSession(r, who, session_id, AttendanceRole::kParticipant));
    const bool participant = access.role == AttendanceRole::kParticipant;
    if (participant) {
      if (participant_id != 0 && participant_id != who.ParticipantId()) {
        return Denied(Msg("your account may not see the attendance of participant {participant}",
                          {{"participant", participant_id}}));
      }
      participant_id = who.ParticipantId();
    }
    TH_ASSIGN_OR_RETURN(out, r.attendance().ListHistory(session_id, participant_id, page));
    // What counted before each record: the session's records replayed.
    TH_ASSIGN_OR_RETURN(std::vector<AttendanceEntry> all,
                        r.attendance().ListForSession(session_id));
    std::map<Id, AttendanceStatus> before;
    std::map<Id, CellState> cells;
    for (const AttendanceEntry& e : all) {
      if (e.kind != LedgerEntryKind::kRecord) continue;
      CellState& cell = cells[e.participant_id];
      before[e.id] = cell.current ? cell.current->status : AttendanceStatus::kUnspecified;
      cell.Add(e);
    }
    std::map<Id, std::string> names;
    for (AttendanceEntry& e : out.items) {
      e.previous_status = before[e.id];
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

}  // namespace trainhub::domain
