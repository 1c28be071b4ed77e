#ifndef TRAINHUB_SERVICES_STORE_SQLITE_REPORT_STORE_H_
#define TRAINHUB_SERVICES_STORE_SQLITE_REPORT_STORE_H_

// The SQLite side of domain::ReportReader: counts over sessions, the
// current attendance statuses (attendance_current) and the figures kept of
// them (attendance_year, held_session: store/attendance_years.h),
// certificates and enrolment histories of a scope of series.

#include "domain/ports/reports.h"
#include "store/sql_support.h"

namespace trainhub::store {

class SqliteReportStore : public domain::ReportReader {
 public:
  // `sql` must outlive this object.
  explicit SqliteReportStore(Sql& sql) : sql_(sql) {}

  absl::StatusOr<std::vector<domain::ScopedSeries>> ScopeSeries(
      const domain::ReportScope& scope) override;
  // The whole calendar years of the period from attendance_year, the days
  // before and after them from attendance_current.
  absl::StatusOr<std::vector<domain::ParticipationFacts>> Participations(
      const domain::ReportScope& scope, absl::Time from, absl::Time to) override;
  absl::StatusOr<std::vector<domain::HeldSession>> HeldSessions(const domain::ReportScope& scope,
                                                                absl::Time from,
                                                                absl::Time to) override;
  absl::StatusOr<std::vector<domain::ModuleLength>> ModuleLengths(
      const std::vector<domain::Id>& module_ids) override;
  absl::StatusOr<domain::CompletionFacts> Completions(const domain::ReportScope& scope,
                                                      absl::Time from, absl::Time to) override;

  // Participations counted from every status in attendance_current, without
  // the yearly figures: what Participations must equal.
  absl::StatusOr<std::vector<domain::ParticipationFacts>> ParticipationsFromStatuses(
      const domain::ReportScope& scope, absl::Time from, absl::Time to);
  // How many rows of the figures kept for reports (attendance_year,
  // held_session) differ from a recount from attendance_current; 0 when
  // they are right. Throws SQLite's exceptions: call inside Guarded().
  int64_t StaleReportFigures();

 private:
  absl::StatusOr<std::vector<domain::ParticipationFacts>> ReadParticipations(
      const domain::ReportScope& scope, absl::Time from, absl::Time to, bool use_years);

  Sql& sql_;
};

}  // namespace trainhub::store

#endif  // TRAINHUB_SERVICES_STORE_SQLITE_REPORT_STORE_H_
