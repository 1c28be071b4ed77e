#ifndef TRAINHUB_SERVICES_DOMAIN_ATTENDANCE_ATTENDANCE_H_
#define TRAINHUB_SERVICES_DOMAIN_ATTENDANCE_ATTENDANCE_H_

// Attendance per session and person: trainers confirmed on a session and
// the coordinators who plan its series record it; every record is a new
// entry of the series' ledger (domain/attendance/attendance_ledger.h), so nothing is
// overwritten. Of a person's records for a session the one with the latest
// client time counts. After a sign-off only planners change the sheet, with
// a reason. Participants see only their own attendance and check in
// themselves with a code that changes every 30 seconds.
// Thread-safe: state lives in the Store; each change is one write unit.

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/clock.h"
#include "domain/attendance/attendance_ledger.h"
#include "domain/idempotency.h"
#include "domain/accounts/login_throttle.h"
#include "domain/model.h"
#include "domain/ports/unit_of_work.h"
#include "domain/principal.h"
#include "domain/request_context.h"

namespace trainhub::domain {

inline constexpr size_t kMaxAttendanceNoteChars = 1000;
inline constexpr size_t kMaxClientTokenChars = 64;  // client_nonce, device_id
inline constexpr size_t kMaxSheetMarks = 10000;
inline constexpr int kDefaultCheckInMinutes = 30;
inline constexpr int kMaxCheckInMinutes = 240;
inline constexpr absl::Duration kCheckInSlot = absl::Seconds(30);
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

struct PersonAttendance {
  Id participant_id = 0;
  std::string participant_name;
  int sessions_expected = 0;
  int sessions_held = 0;
  // Of the sessions held: present_only + late + excused + absent +
  // unrecorded = sessions_held; sessions_held + upcoming = sessions_expected.
  int present = 0;  // present and late: the sessions attended
  int present_only = 0;
  int late = 0;
  int excused = 0;
  int absent = 0;
  int unrecorded = 0;
  int upcoming = 0;
  int minutes_missed = 0;
  double teaching_units_attended = 0;
  double teaching_units_held = 0;
  double attendance_rate = 0;
};

struct AttendanceSummary {
  Series series;
  int session_count = 0;
  double teaching_units = 0;
  std::vector<PersonAttendance> people;  // by name
};

struct MatrixColumn {
  Session session;
  double teaching_units = 0;
  bool signed_off = false;
  bool held = false;  // begun as of CountMatrix's time
};

struct MatrixCell {
  bool expected = false;  // held a seat during the session
  AttendanceStatus status = AttendanceStatus::kUnspecified;
  int minutes_missed = 0;
  bool needs_review = false;
};

struct MatrixRow {
  Id participant_id = 0;
  std::string participant_name;
  std::vector<MatrixCell> cells;  // one per column
  PersonAttendance totals;        // as of CountMatrix's time
};

struct AttendanceMatrix {
  Series series;
  std::vector<MatrixColumn> columns;  // sessions by start
  std::vector<MatrixRow> rows;        // people by name
};

// The people x sessions matrix of `series` (all of its sessions, everyone
// expected at one of them) as `r` sees it; the caller has checked access.
absl::StatusOr<AttendanceMatrix> BuildMatrix(ReadView& r, Series series);

// Marks the columns of `matrix` held that had begun at `now` and counts
// each row's totals as of then: what the summary, the matrix and its files
// show alike.
void CountMatrix(AttendanceMatrix& matrix, absl::Time now);

struct CheckInCode {
  Id session_id = 0;
  bool open = false;
  std::string code;  // empty when closed
  absl::Time code_expire_time;
  absl::Time close_time;
};

// A document made for download.
struct AttendanceFile {
  std::string file_name;
  std::string content_type;
  std::string content;
};

enum class ExportFormat { kCsv, kJson };

// The six-digit code of `session_id` in 30-second slot `slot`: a MAC
// (HMAC-SHA-256, libsodium) over the session and the slot under the
// window's secret; reveals nothing of the secret.
std::string CheckInCodeFor(const std::string& secret, Id session_id, int64_t slot);
int64_t CheckInSlotOf(absl::Time t);

// The matrix (counted: CountMatrix) as CSV for German spreadsheets (UTF-8
// with byte order mark, semicolons, CRLF) and as JSON.
std::string MatrixCsv(const AttendanceMatrix& matrix);
std::string MatrixJson(const AttendanceMatrix& matrix);

class Attendance {
 public:
  using Clock = std::function<absl::Time()>;
  // `store` must outlive this object.
  explicit Attendance(
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
  absl::StatusOr<AttendanceSummary> Summary(const Principal& who, Id series_id, Id participant_id);
  absl::StatusOr<AttendanceMatrix> Matrix(const Principal& who, Id series_id);

  // Opens (or reopens with a new secret) self check-in for `minutes`
  // (0: kDefaultCheckInMinutes), from the session's day until its end.
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

  // Checks the series' chain and the stored head.
  absl::StatusOr<LedgerCheck> VerifyLedger(const Principal& who, Id series_id);
  // The series' whole ledger as JSON, verifiable offline (LedgerFromJson,
  // CheckLedger).
  absl::StatusOr<AttendanceFile> LedgerExport(const Principal& who, Id series_id);
  // The matrix as a file.
  absl::StatusOr<AttendanceFile> Export(const Principal& who, Id series_id, ExportFormat format);
  // The session's printable sign-in sheet (PDF): everyone expected, the
  // excused marked as such.
  absl::StatusOr<AttendanceFile> SignInSheet(const Principal& who, Id session_id);

 private:
  Store& store_;
  Clock clock_;
  LoginThrottle check_in_throttle_;
};

}  // namespace trainhub::domain

#endif  // TRAINHUB_SERVICES_DOMAIN_ATTENDANCE_ATTENDANCE_H_
