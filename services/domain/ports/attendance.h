#ifndef TRAINHUB_SERVICES_DOMAIN_PORTS_ATTENDANCE_H_
#define TRAINHUB_SERVICES_DOMAIN_PORTS_ATTENDANCE_H_

// Storage port of attendance: the append-only ledger of records and
// sign-offs (AttendanceEntry; the chain: domain/attendance/attendance_ledger.h)
// and the self check-in windows.

#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "domain/model.h"
#include "domain/ports/page.h"

namespace trainhub::domain {

// The newest entry of a series' ledger as the store keeps it beside the
// chain: a removed last entry shows as a mismatch.
struct LedgerHead {
  int64_t entry_count = 0;
  std::string hash;  // LedgerGenesis() for an empty ledger
};

// A person's status in a session as the reports count it (each person's
// record that counts, kept beside the ledger by the store's append).
struct CurrentStatus {
  Id session_id = 0;
  Id participant_id = 0;
  Id series_id = 0;
  AttendanceStatus status = AttendanceStatus::kUnspecified;
  absl::Time client_time;
  Id entry_id = 0;
};

// Self check-in of one session. The secret never leaves the server; codes
// are derived from it (domain/attendance/self_check_in.h).
struct CheckInWindow {
  Id session_id = 0;
  std::string secret;  // 32 random bytes
  absl::Time open_time;
  absl::Time close_time;  // check-in ends then (or ended, when closed early)
  Id opened_by = 0;       // account
};

class AttendanceReader {
 public:
  virtual ~AttendanceReader() = default;
  // The session's entries, oldest first.
  virtual absl::StatusOr<std::vector<AttendanceEntry>> ListForSession(Id session_id) = 0;
  // The series' whole ledger in chain order (records and sign-offs).
  virtual absl::StatusOr<std::vector<AttendanceEntry>> ListForSeries(Id series_id) = 0;
  // Records (no sign-offs) of a session, of one participant unless 0,
  // oldest first; cursor key is the entry id.
  virtual absl::StatusOr<Page<AttendanceEntry>> ListHistory(Id session_id, Id participant_id,
                                                            const PageRequest& page) = 0;
  virtual absl::StatusOr<AttendanceEntry> Get(Id entry_id) = 0;
  virtual absl::StatusOr<LedgerHead> Head(Id series_id) = 0;
  // The kept statuses of the series' sessions (what reports count), by
  // session and participant.
  virtual absl::StatusOr<std::vector<CurrentStatus>> ListCurrent(Id series_id) = 0;
  virtual absl::StatusOr<std::optional<CheckInWindow>> GetCheckIn(Id session_id) = 0;
  // Windows with open_time <= now < close_time, in no particular order.
  virtual absl::StatusOr<std::vector<CheckInWindow>> ListOpenCheckIns(absl::Time now) = 0;
};

class AttendanceWriter : public AttendanceReader {
 public:
  // The id the next Append gets (entries of hash version 3 hash their id).
  virtual absl::StatusOr<Id> NextEntryId() = 0;
  // Appends `entry` with its id (from NextEntryId; 0: the next), prev_hash and hash set
  // by the caller (LedgerAppender in domain/attendance/attendance_rules.h, which also
  // moves the head); a record also becomes the status that counts when it
  // is the latest (CurrentStatus). ALREADY_EXISTS when the session has seen
  // its client_nonce; INTERNAL when the id is taken.
  virtual absl::StatusOr<Id> Append(const AttendanceEntry& entry) = 0;
  virtual absl::Status SetHead(Id series_id, const LedgerHead& head) = 0;
  // Creates or replaces the session's window.
  virtual absl::Status PutCheckIn(const CheckInWindow& window) = 0;
};

}  // namespace trainhub::domain

#endif  // TRAINHUB_SERVICES_DOMAIN_PORTS_ATTENDANCE_H_
