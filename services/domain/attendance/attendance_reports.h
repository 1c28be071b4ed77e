#ifndef TRAINHUB_SERVICES_DOMAIN_ATTENDANCE_ATTENDANCE_REPORTS_H_
#define TRAINHUB_SERVICES_DOMAIN_ATTENDANCE_ATTENDANCE_REPORTS_H_

// What is made of a series' attendance records for those who may read
// them: per-person summaries, the people x sessions matrix and its files,
// the printable sign-in sheet of a session, and the ledger's verification
// and export. Participants see only their own summary.
// Thread-safe: state lives in the Store.

#include <functional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/clock.h"
#include "domain/attendance/attendance_ledger.h"
#include "domain/attendance/attendance_matrix.h"
#include "domain/model.h"
#include "domain/ports/unit_of_work.h"
#include "domain/principal.h"

namespace trainhub::domain {

struct AttendanceSummary {
  Series series;
  int session_count = 0;
  double teaching_units = 0;
  std::vector<PersonAttendance> people;  // by name
};

// A document made for download.
struct AttendanceFile {
  std::string file_name;
  std::string content_type;
  std::string content;
};

enum class ExportFormat { kCsv, kJson };

class AttendanceReports {
 public:
  using Clock = std::function<absl::Time()>;
  // `store` must outlive this object.
  explicit AttendanceReports(
      Store& store, Clock clock = [] { return absl::Now(); });

  absl::StatusOr<AttendanceSummary> Summary(const Principal& who, Id series_id, Id participant_id);
  absl::StatusOr<AttendanceMatrix> Matrix(const Principal& who, Id series_id);
  // The matrix as a file.
  absl::StatusOr<AttendanceFile> Export(const Principal& who, Id series_id, ExportFormat format);
  // The session's printable sign-in sheet (PDF): everyone expected, the
  // excused marked as such.
  absl::StatusOr<AttendanceFile> SignInSheet(const Principal& who, Id session_id);
  // Checks the series' chain and the stored head.
  absl::StatusOr<LedgerCheck> VerifyLedger(const Principal& who, Id series_id);
  // The series' whole ledger as JSON, verifiable offline (LedgerFromJson,
  // CheckLedger).
  absl::StatusOr<AttendanceFile> LedgerExport(const Principal& who, Id series_id);

 private:
  Store& store_;
  Clock clock_;
};

}  // namespace trainhub::domain

#endif  // TRAINHUB_SERVICES_DOMAIN_ATTENDANCE_ATTENDANCE_REPORTS_H_
