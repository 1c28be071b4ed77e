#ifndef TRAINHUB_SERVICES_STORE_SQLITE_REPORT_STORE_H_
#define TRAINHUB_SERVICES_STORE_SQLITE_REPORT_STORE_H_

// The SQLite side of domain::ReportReader: counts over sessions, the
// current attendance statuses (attendance_current), certificates and
// enrolment histories of a scope of series.

#include "domain/ports/reports.h"
#include "store/sql_support.h"

namespace trainhub::store {

class SqliteReportStore : public domain::ReportReader {
 public:
  // `sql` must outlive this object.
  explicit SqliteReportStore(Sql& sql) : sql_(sql) {}

  absl::StatusOr<std::vector<domain::Id>> ScopeSeries(const domain::ReportScope& scope) override;
  absl::StatusOr<std::vector<domain::ParticipationFacts>> Participations(
      const domain::ReportScope& scope, absl::Time from, absl::Time to) override;
  absl::StatusOr<std::vector<domain::HeldSession>> HeldSessions(const domain::ReportScope& scope,
                                                                absl::Time from,
                                                                absl::Time to) override;
  absl::StatusOr<domain::CompletionFacts> Completions(const domain::ReportScope& scope,
                                                      absl::Time from, absl::Time to) override;

 private:
  Sql& sql_;
};

}  // namespace trainhub::store

#endif  // TRAINHUB_SERVICES_STORE_SQLITE_REPORT_STORE_H_
