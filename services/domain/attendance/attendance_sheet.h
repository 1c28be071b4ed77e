#ifndef TRAINHUB_SERVICES_DOMAIN_ATTENDANCE_ATTENDANCE_SHEET_H_
#define TRAINHUB_SERVICES_DOMAIN_ATTENDANCE_ATTENDANCE_SHEET_H_

// A session's sheet inside a read or write unit: writing marks to the
// ledger (SheetWriter) and building the sheet a caller sees. Recording and
// self check-in build on it.

#include <map>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "domain/attendance/attendance_recording.h"
#include "domain/attendance/attendance_rules.h"
#include "domain/ports/unit_of_work.h"
#include "domain/principal.h"

namespace trainhub::domain {

// The recording of marks in one write unit: checks each against the
// session and its expected people, then appends them to the ledger. Not
// thread-safe; the unit and `access` must outlive it.
class SheetWriter {
 public:
  // The series' seat holders and the session's ledger as they stand in `w`.
  static absl::StatusOr<SheetWriter> For(UnitOfWork& w, const SessionAccess& access, absl::Time now,
                                         Id account_id);

  const SessionLedger& ledger() const { return ledger_; }
  const std::vector<SeatHolder>& holders() const { return holders_; }
  // FAILED_PRECONDITION/NOT_FOUND naming `prefix`'s fields when `mark`
  // does not fit the session; a planner's `reason` admits people who held
  // a seat in the series only at another time (paper lists transferred).
  absl::Status Check(const AttendanceMark& mark, const std::string& prefix,
                     const std::string& reason);
  // Appends `mark` unless the session has seen its nonce; returns the
  // stored record (the earlier one for a seen nonce).
  absl::StatusOr<AttendanceEntry> Append(const AttendanceMark& mark, AttendanceSource source,
                                         const std::string& reason);
  // The record the session stored for `mark`'s client nonce (a device
  // sending it again), or null: such a mark is answered with it whatever
  // changed since (sign-off, seats), as the first sending was.
  const AttendanceEntry* Stored(const AttendanceMark& mark) const;
  // Stores the ledger's new head; call once after the last Append.
  absl::Status Finish() { return appender_.Finish(); }

 private:
  SheetWriter(UnitOfWork& w, const SessionAccess& access, std::vector<SeatHolder> holders,
              SessionLedger ledger, std::map<std::string, AttendanceEntry> by_nonce,
              LedgerAppender appender, absl::Time now, Id account_id)
      : w_(w),
        access_(access),
        holders_(std::move(holders)),
        ledger_(std::move(ledger)),
        by_nonce_(std::move(by_nonce)),
        appender_(std::move(appender)),
        now_(now),
        account_id_(account_id) {}
  const SeatHolder* Holder(Id participant_id) const;

  UnitOfWork& w_;
  const SessionAccess& access_;
  std::vector<SeatHolder> holders_;
  SessionLedger ledger_;
  // The session's records that carried a client nonce, by nonce.
  std::map<std::string, AttendanceEntry> by_nonce_;
  LedgerAppender appender_;
  absl::Time now_;
  Id account_id_;
};

// The sheet of `access`'s session for `who`, from the series' seat holders
// and the session's ledger (as loaded, or as a SheetWriter left them).
absl::StatusOr<AttendanceSheet> BuildSheet(ReadView& r, const SessionAccess& access,
                                           const Principal& who, absl::Time now,
                                           const std::vector<SeatHolder>& holders,
                                           const SessionLedger& ledger);
absl::StatusOr<AttendanceSheet> BuildSheet(ReadView& r, const SessionAccess& access,
                                           const Principal& who, absl::Time now);

// The display name of account `account_id`, "" for 0 or a gone account.
std::string AccountName(ReadView& r, Id account_id);
// `e` as a participant sees their own record: without note, reason,
// device, nonce and who recorded it.
void HideFromParticipant(AttendanceEntry& e);

}  // namespace trainhub::domain

#endif  // TRAINHUB_SERVICES_DOMAIN_ATTENDANCE_ATTENDANCE_SHEET_H_
