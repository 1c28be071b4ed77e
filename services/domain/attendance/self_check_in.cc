// Self check-in: windows a trainer opens, codes that change every 30
// seconds, participants marking themselves present.

#include "domain/attendance/self_check_in.h"

#include <sodium.h>

#include <algorithm>
#include <utility>

#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/strip.h"
#include "domain/attendance/attendance_sheet.h"
#include "domain/audit_trail.h"
#include "domain/berlin_time.h"
#include "domain/errors.h"
#include "domain/status_macros.h"
#include "domain/text.h"

namespace trainhub::domain {
namespace {

constexpr char kQrPrefix[] = "trainhub-checkin:";
constexpr char kOpenCheckInMethod[] = "trainhub.v1.AttendanceService/OpenCheckIn";
constexpr char kCloseCheckInMethod[] = "trainhub.v1.AttendanceService/CloseCheckIn";
constexpr char kCheckInMethod[] = "trainhub.v1.AttendanceService/CheckIn";

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

// `text` without what people type between groups of digits: spaces
// (also no-break and thin ones), hyphens and dashes ("482 915",
// "482-915", "482–915" as a word processor makes it), dots.
std::string WithoutSeparators(absl::string_view text) {
  static constexpr absl::string_view kWide[] = {"\u00a0", "\u2009", "\u202f", "\u2010",
                                                "\u2011", "\u2012", "\u2013", "\u2212"};
  std::string out;
  while (!text.empty()) {
    bool skipped = false;
    for (absl::string_view wide : kWide) {
      if (absl::ConsumePrefix(&text, wide)) {
        skipped = true;
        break;
      }
    }
    if (skipped) continue;
    const char c = text.front();
    text.remove_prefix(1);
    if (c != ' ' && c != '\t' && c != '-' && c != '.') out += c;
  }
  return out;
}

// The six digits of a typed code or a scanned QR payload; the session the
// payload names goes to `session_id` when that is 0.
absl::StatusOr<std::string> ParseCode(std::string code, Id& session_id) {
  const Message six_digits = Msg("must be six digits, as the trainer shows them (e.g. 482 915)");
  const std::string trimmed = Trimmed(code);
  if (trimmed.size() > 100) return InvalidField("code", six_digits);
  absl::string_view view = trimmed;
  const bool scanned = absl::ConsumePrefix(&view, kQrPrefix);
  std::string text(view);
  if (scanned) {
    const size_t colon = text.find(':');
    Id named = 0;
    if (colon == std::string::npos || !absl::SimpleAtoi(text.substr(0, colon), &named) ||
        named <= 0) {
      return InvalidField("code", Msg("is not a trainhub check-in code"));
    }
    if (session_id != 0 && session_id != named) {
      return FieldError(absl::StatusCode::kFailedPrecondition, "code",
                        Msg("this code is for another session"));
    }
    session_id = named;
    text = text.substr(colon + 1);
  }
  text = WithoutSeparators(text);
  if (text.size() != 6 || !std::all_of(text.begin(), text.end(), absl::ascii_isdigit)) {
    return InvalidField("code", six_digits);
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

// FAILED_PRECONDITION unless check-in of `access`'s session may open now:
// its series goes on, and it records PRESENT, which nobody can be before
// the start or after the end.
absl::Status CheckCheckInMayOpen(const SessionAccess& access, absl::Time now) {
  if (access.series.status == SeriesStatus::kCancelled) {
    return FieldError(absl::StatusCode::kFailedPrecondition, "session_id",
                      Msg("the series was cancelled"));
  }
  if (now < access.session.start || now >= access.session.end) {
    return FieldError(absl::StatusCode::kFailedPrecondition, "session_id",
                      Msg("check-in is open from the session's start until its end ({range})",
                          {{"range", FormatLocalRange(access.session.start, access.session.end)}}));
  }
  return absl::OkStatus();
}

// The session whose check-in window shows `code` now (or showed it in the
// slot before) and which `who` may check in to: `session_id`'s, or of every
// open window when it is 0; nullopt when none.
absl::StatusOr<std::optional<SessionAccess>> SessionShowing(ReadView& r, const Principal& who,
                                                            Id session_id, const std::string& code,
                                                            absl::Time now) {
  std::vector<CheckInWindow> candidates;
  if (session_id != 0) {
    TH_ASSIGN_OR_RETURN(std::optional<CheckInWindow> window, r.attendance().GetCheckIn(session_id));
    if (window) candidates.push_back(*window);
  } else {
    TH_ASSIGN_OR_RETURN(candidates, r.attendance().ListOpenCheckIns(now));
  }
  for (const CheckInWindow& window : candidates) {
    if (!CodeMatches(window, code, now)) continue;
    absl::StatusOr<SessionAccess> access =
        AccessSession(r, who, window.session_id, AttendanceRole::kParticipant);
    if (access.ok()) return *std::move(access);
  }
  return std::nullopt;
}

struct CheckedIn {
  AttendanceEntry record;
  bool recorded_now = false;  // false: the participant had checked in before
};

// Records the caller (a participant) PRESENT at `access`'s session, by self
// check-in; answers their earlier self check-in instead when there is one.
// FAILED_PRECONDITION "code" once the sheet is signed off or before the start.
absl::StatusOr<CheckedIn> RecordPresent(UnitOfWork& w, const RequestContext& ctx,
                                        const SessionAccess& access, absl::Time now) {
  TH_ASSIGN_OR_RETURN(SheetWriter writer, SheetWriter::For(w, access, now, ctx.who.account.id));
  if (writer.ledger().sign_off) {
    return FieldError(absl::StatusCode::kFailedPrecondition, "code",
                      Msg("the sheet is already signed off; ask the trainer"));
  }
  const Id participant_id = ctx.who.ParticipantId();
  auto cell = writer.ledger().cells.find(participant_id);
  if (cell != writer.ledger().cells.end() && cell->second.current &&
      cell->second.current->source == AttendanceSource::kSelfCheckIn) {
    return CheckedIn{*cell->second.current, false};
  }
  if (now < access.session.start) {  // a window opened before this rule
    return FieldError(
        absl::StatusCode::kFailedPrecondition, "code",
        Msg("session {session} begins at {time} (Europe/Berlin); check in from then "
            "on",
            {{"session", access.session.id}, {"time", FormatLocal(access.session.start)}}));
  }
  AttendanceMark mark;
  mark.participant_id = participant_id;
  mark.status = AttendanceStatus::kPresent;
  TH_RETURN_IF_ERROR(writer.Check(mark, "", ""));
  CheckedIn out;
  TH_ASSIGN_OR_RETURN(out.record, writer.Append(mark, AttendanceSource::kSelfCheckIn, ""));
  out.recorded_now = true;
  TH_RETURN_IF_ERROR(writer.Finish());
  AuditTrail trail(w, ctx, now);
  TH_RETURN_IF_ERROR(
      trail.Changed("attendance_sheet", access.session.id, access.series.organization_id));
  return out;
}

// A write unit on `session_id`'s check-in window by one who records the
// session's attendance, once per request id under `method`:
// `change(w, access, window)` changes it, leaves the window as it is then in
// `window` and answers what OncePerRequest records (nullopt: nothing
// changed); a retry gets the window as stored. Answers the window's code now.
template <typename Change>
absl::StatusOr<CheckInCode> ChangeWindowOnce(Store& store, const RequestContext& ctx, Id session_id,
                                             absl::string_view method, const RequestKey& key,
                                             absl::Time now, Change change) {
  TH_RETURN_IF_ERROR(ValidateRequestId(key.request_id));
  CheckInCode code;
  TH_RETURN_IF_ERROR(store.Write([&](UnitOfWork& w) -> absl::Status {
    TH_ASSIGN_OR_RETURN(SessionAccess access,
                        AccessSession(w, ctx.who, session_id, AttendanceRole::kRecorder));
    std::optional<CheckInWindow> window;
    auto replay = [&](const RequestRecord&) -> absl::Status {
      TH_ASSIGN_OR_RETURN(window, w.attendance().GetCheckIn(session_id));
      return absl::OkStatus();
    };
    TH_RETURN_IF_ERROR(
        OncePerRequest(w, method, key, replay, [&] { return change(w, access, window); }));
    code = CodeOf(window, now);
    code.session_id = session_id;
    return absl::OkStatus();
  }));
  return code;
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

SelfCheckIn::SelfCheckIn(Store& store, Clock clock) : store_(store), clock_(std::move(clock)) {}

absl::StatusOr<CheckInCode> SelfCheckIn::OpenCheckIn(const RequestContext& ctx, Id session_id,
                                                     int minutes, const RequestKey& key) {
  if (minutes < 0 || minutes > kMaxCheckInMinutes) {
    return InvalidField("minutes",
                        Msg("1 to {max} (0: {default})",
                            {{"max", static_cast<int64_t>(kMaxCheckInMinutes)},
                             {"default", static_cast<int64_t>(kDefaultCheckInMinutes)}}));
  }
  if (minutes == 0) minutes = kDefaultCheckInMinutes;
  const absl::Time now = clock_();
  return ChangeWindowOnce(
      store_, ctx, session_id, kOpenCheckInMethod, key, now,
      [&](UnitOfWork& w, const SessionAccess& access,
          std::optional<CheckInWindow>& window) -> absl::StatusOr<std::optional<Id>> {
        TH_RETURN_IF_ERROR(CheckCheckInMayOpen(access, now));
        CheckInWindow opened;
        opened.session_id = session_id;
        opened.secret.resize(32);
        randombytes_buf(opened.secret.data(), opened.secret.size());
        opened.open_time = now;
        opened.close_time = now + absl::Minutes(minutes);
        opened.opened_by = ctx.who.account.id;
        TH_RETURN_IF_ERROR(w.attendance().PutCheckIn(opened));
        AuditTrail trail(w, ctx, now);
        TH_RETURN_IF_ERROR(trail.Changed("check_in", session_id, access.series.organization_id));
        TH_ASSIGN_OR_RETURN(window, w.attendance().GetCheckIn(session_id));
        return session_id;
      });
}

absl::StatusOr<CheckInCode> SelfCheckIn::CurrentCheckInCode(const Principal& who, Id session_id) {
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

absl::StatusOr<CheckInCode> SelfCheckIn::CloseCheckIn(const RequestContext& ctx, Id session_id,
                                                      const RequestKey& key) {
  const absl::Time now = clock_();
  return ChangeWindowOnce(
      store_, ctx, session_id, kCloseCheckInMethod, key, now,
      [&](UnitOfWork& w, const SessionAccess& access,
          std::optional<CheckInWindow>& window) -> absl::StatusOr<std::optional<Id>> {
        TH_ASSIGN_OR_RETURN(ClosedWindow closed, CloseCheckInWindow(w, session_id, now));
        window = std::move(closed.window);
        if (!closed.changed) return std::nullopt;  // closed already: nothing to record
        AuditTrail trail(w, ctx, now);
        TH_RETURN_IF_ERROR(trail.Changed("check_in", session_id, access.series.organization_id));
        return session_id;
      });
}

absl::StatusOr<AttendanceEntry> SelfCheckIn::CheckIn(const RequestContext& ctx, std::string code,
                                                     Id session_id, const RequestKey& key) {
  if (session_id < 0) return InvalidField("session_id", Msg("must be a positive id"));
  TH_ASSIGN_OR_RETURN(std::string digits, ParseCode(std::move(code), session_id));
  TH_RETURN_IF_ERROR(ValidateRequestId(key.request_id));
  const Id participant_id = ctx.who.ParticipantId();
  if (participant_id == 0) {
    return Refusal(absl::StatusCode::kFailedPrecondition,
                   Msg("only participants check in; this account has no participant record"));
  }
  const absl::Time now = clock_();
  const std::string throttle_key = absl::StrCat("account:", ctx.who.account.id);
  if (!check_in_throttle_.MayTry(throttle_key, "check-in", now)) {
    return Refusal(absl::StatusCode::kResourceExhausted,
                   Msg("too many wrong codes; wait a moment or ask the trainer to record you"));
  }
  AttendanceEntry record;
  bool wrong_code = false;
  // Only a check-in recorded now resets the guessing throttle: a replay of
  // an earlier request, or a code for a session the participant has
  // checked in to already, proves no new code and would let them guess
  // another session's code without ever waiting.
  bool checked_in_now = false;
  absl::Status status = store_.Write([&](UnitOfWork& w) -> absl::Status {
    auto replay = [&](const RequestRecord& earlier) -> absl::Status {
      TH_ASSIGN_OR_RETURN(record, w.attendance().Get(earlier.resource_id));
      return absl::OkStatus();
    };
    return OncePerRequest(
        w, kCheckInMethod, key, replay, [&]() -> absl::StatusOr<std::optional<Id>> {
          TH_ASSIGN_OR_RETURN(std::optional<SessionAccess> access,
                              SessionShowing(w, ctx.who, session_id, digits, now));
          if (!access) {
            wrong_code = true;
            return FieldError(absl::StatusCode::kFailedPrecondition, "code",
                              Msg("wrong or expired code; enter the code the trainer shows now"));
          }
          TH_ASSIGN_OR_RETURN(CheckedIn checked_in, RecordPresent(w, ctx, *access, now));
          record = std::move(checked_in.record);
          if (!checked_in.recorded_now) return std::nullopt;  // checked in before
          checked_in_now = true;
          return record.id;
        });
  });
  if (wrong_code) {
    check_in_throttle_.RecordFailure(throttle_key, "check-in", now);
  } else if (status.ok() && checked_in_now) {
    check_in_throttle_.RecordSuccess(throttle_key, "check-in");
  }
  TH_RETURN_IF_ERROR(status);
  HideFromParticipant(record);
  return record;
}

}  // namespace trainhub::domain
