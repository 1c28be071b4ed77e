#ifndef TRAINHUB_SERVICES_STORE_SQLITE_ATTENDANCE_STORE_H_
#define TRAINHUB_SERVICES_STORE_SQLITE_ATTENDANCE_STORE_H_

// The SQLite side of domain::AttendanceWriter: the attendance ledger with
// the head of each series' chain, and the check-in windows.

#include "domain/ports/attendance.h"
#include "store/sql_support.h"

namespace trainhub::store {

// The columns ReadAttendanceEntry reads, in its order.
extern const char kAttendanceEntryColumns[];
// One row of kAttendanceEntryColumns.
domain::AttendanceEntry ReadAttendanceEntry(SQLite::Statement& q);
// The id AUTOINCREMENT gives the next attendance entry.
domain::Id NextAttendanceEntryId(SQLite::Database& db);

class SqliteAttendanceStore : public domain::AttendanceWriter {
 public:
  // `sql` must outlive this object.
  explicit SqliteAttendanceStore(Sql& sql) : sql_(sql) {}

  absl::StatusOr<std::vector<domain::AttendanceEntry>> ListForSession(
      domain::Id session_id) override;
  absl::StatusOr<std::vector<domain::AttendanceEntry>> ListForSeries(domain::Id series_id) override;
  absl::StatusOr<domain::Page<domain::AttendanceEntry>> ListHistory(
      domain::Id session_id, domain::Id participant_id, const domain::PageRequest& page) override;
  absl::StatusOr<domain::AttendanceEntry> Get(domain::Id entry_id) override;
  absl::StatusOr<domain::LedgerHead> Head(domain::Id series_id) override;
  absl::StatusOr<std::vector<domain::CurrentStatus>> ListCurrent(domain::Id series_id) override;
  absl::StatusOr<std::optional<domain::CheckInWindow>> GetCheckIn(domain::Id session_id) override;
  absl::StatusOr<std::vector<domain::CheckInWindow>> ListOpenCheckIns(absl::Time now) override;
  absl::StatusOr<domain::Id> NextEntryId() override;
  absl::StatusOr<domain::Id> Append(const domain::AttendanceEntry& entry) override;
  absl::Status SetHead(domain::Id series_id, const domain::LedgerHead& head) override;
  absl::Status PutCheckIn(const domain::CheckInWindow& window) override;

 private:
  absl::StatusOr<std::vector<domain::AttendanceEntry>> ListWhere(absl::string_view what,
                                                                 const std::string& condition,
                                                                 domain::Id value);
  Sql& sql_;
};

}  // namespace trainhub::store

#endif  // TRAINHUB_SERVICES_STORE_SQLITE_ATTENDANCE_STORE_H_
