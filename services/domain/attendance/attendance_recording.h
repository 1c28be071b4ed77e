#ifndef TRAINHUB_SERVICES_DOMAIN_ATTENDANCE_ATTENDANCE_RECORDING_H_
#define TRAINHUB_SERVICES_DOMAIN_ATTENDANCE_ATTENDANCE_RECORDING_H_

// Recording attendance per session and person: trainers confirmed on a
// session and the coordinators who plan its series record it, correct it
// and sign the sheet off; every record is a new entry of the series' ledger
// (domain/attendance/attendance_ledger.h), so nothing is overwritten. Of a
// person's records for a session the one with the latest client time
// counts. After a sign-off only planners change the sheet, with a reason.
// Participants see only their own attendance (and check in themselves:
// domain/attendance/self_check_in.h).
// Thread-safe: state lives in the Store; each change is one write unit.

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/clock.h"
#include "domain/idempotency.h"
#include "domain/model.h"
#include "domain/ports/unit_of_work.h"
#include "domain/principal.h"
#include "domain/request_context.h"

namespace trainhub::domain {

inline constexpr size_t kMaxAttendanceNoteChars = 1000;
inline constexpr size_t kMaxClientTokenChars = 64;  // client_nonce, device_id
inline constexpr size_t kMaxSheetMarks = 10000;
// How far a client's clock may run ahead of the server's.
inline constexpr absl::Duration kClientClockTolerance = absl::Minutes(5);

// One status for one person, as a client sends it (attendance.proto's
// AttendanceMark).
struct AttendanceMark {
  Id participant_id = 0;
  AttendanceStatus status = AttendanceStatus::kUnspecified;
  int minutes_missed = 0;
  std::string note;
  std::optional<absl::Time> client_time;  // unset: now
  std::string client_nonce;
  std::string device_id;
};

struct SheetEntry {
  Id participant_id = 0;
  std::string participant_name;
  std::string organization_name;
  std::optional<AttendanceEntry> record;  // the one that counts
  bool needs_review = false;
};

struct AttendanceSheet {
  Session session;
  std::vector<SheetEntry> entries;  // by name
  int recorded_count = 0;
  int unrecorded_count = 0;
  std::optional<AttendanceEntry> sign_off;
  std::string signed_off_by;
  bool check_in_open = false;
  bool internals_hidden = false;  // the caller is a participant
};

class AttendanceRecording {
 public:
  using Clock = std::function<absl::Time()>;
  // `store` must outlive this object.
  explicit AttendanceRecording(
      Store& store, Clock clock = [] { return absl::Now(); });

  // Everyone expected at the session with their status; a participant gets
  // only their own entry, without notes.
  absl::StatusOr<AttendanceSheet> Sheet(const Principal& who, Id session_id);
  // Records every mark in one write unit, all or none. `reason` is required
  // for planners after sign-off. A mark whose client_nonce the session has
  // seen changes nothing.
  absl::StatusOr<AttendanceSheet> RecordSheet(const RequestContext& ctx, Id session_id,
                                              std::vector<AttendanceMark> marks, std::string reason,
                                              const RequestKey& key);
  // Records one mark; answers the stored record (the earlier one for a
  // repeated client_nonce).
  absl::StatusOr<AttendanceEntry> Record(const RequestContext& ctx, Id session_id,
                                         AttendanceMark mark, std::string reason,
                                         const RequestKey& key);
  // FAILED_PRECONDITION while an expected person has no status, before the
  // session's day and when already signed off.
  absl::StatusOr<AttendanceSheet> SignOff(const RequestContext& ctx, Id session_id,
                                          const RequestKey& key);
  // Records of the session (of one person unless 0), oldest first.
  absl::StatusOr<Page<AttendanceEntry>> History(const Principal& who, Id session_id,
                                                Id participant_id, const PageRequest& page);

 private:
  Store& store_;
  Clock clock_;
};

}  // namespace trainhub::domain

#endif  // TRAINHUB_SERVICES_DOMAIN_ATTENDANCE_ATTENDANCE_RECORDING_H_
