#ifndef TRAINHUB_SERVICES_DOMAIN_ATTENDANCE_SELF_CHECK_IN_H_
#define TRAINHUB_SERVICES_DOMAIN_ATTENDANCE_SELF_CHECK_IN_H_

// Self check-in: staff open a session's check-in window; while it is open
// it shows a code that changes every 30 seconds, and participants expected
// at the session record themselves present with it (a record of the
// series' ledger like any other, domain/attendance/attendance_recording.h).
// Thread-safe: state lives in the Store; each change is one write unit.

#include <cstdint>
#include <functional>
#include <string>

#include "absl/status/statusor.h"
#include "absl/time/clock.h"
#include "domain/accounts/login_throttle.h"
#include "domain/idempotency.h"
#include "domain/model.h"
#include "domain/ports/unit_of_work.h"
#include "domain/principal.h"
#include "domain/request_context.h"

namespace trainhub::domain {

inline constexpr int kDefaultCheckInMinutes = 30;
inline constexpr int kMaxCheckInMinutes = 240;
inline constexpr absl::Duration kCheckInSlot = absl::Seconds(30);

struct CheckInCode {
  Id session_id = 0;
  bool open = false;
  std::string code;  // empty when closed
  absl::Time code_expire_time;
  absl::Time close_time;
};

// The six-digit code of `session_id` in 30-second slot `slot`: a MAC
// (HMAC-SHA-256, libsodium) over the session and the slot under the
// window's secret; reveals nothing of the secret.
std::string CheckInCodeFor(const std::string& secret, Id session_id, int64_t slot);
int64_t CheckInSlotOf(absl::Time t);

class SelfCheckIn {
 public:
  using Clock = std::function<absl::Time()>;
  // `store` must outlive this object.
  explicit SelfCheckIn(
      Store& store, Clock clock = [] { return absl::Now(); });

  // Opens (or reopens with a new secret) self check-in for `minutes`
  // (0: kDefaultCheckInMinutes), from the session's start until its end.
  absl::StatusOr<CheckInCode> OpenCheckIn(const RequestContext& ctx, Id session_id, int minutes,
                                          const RequestKey& key);
  absl::StatusOr<CheckInCode> CurrentCheckInCode(const Principal& who, Id session_id);
  absl::StatusOr<CheckInCode> CloseCheckIn(const RequestContext& ctx, Id session_id,
                                           const RequestKey& key);
  // The caller's participant record PRESENT (source: self check-in) at the
  // session whose open window shows `code` now or showed it in the slot
  // before; `session_id` 0 searches every open window. Wrong codes are
  // throttled per account.
  absl::StatusOr<AttendanceEntry> CheckIn(const RequestContext& ctx, std::string code,
                                          Id session_id, const RequestKey& key);

 private:
  Store& store_;
  Clock clock_;
  LoginThrottle check_in_throttle_;
};

}  // namespace trainhub::domain

#endif  // TRAINHUB_SERVICES_DOMAIN_ATTENDANCE_SELF_CHECK_IN_H_
