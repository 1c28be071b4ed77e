#ifndef TRAINHUB_SERVICES_DOMAIN_REPORTS_FUNDER_REPORT_COUNTS_H_
#define TRAINHUB_SERVICES_DOMAIN_REPORTS_FUNDER_REPORT_COUNTS_H_

// How a funder report is counted (domain/reports/funder_reports.h): the
// facts of one snapshot, their hash that the audit log records, and the
// report counted from them with small-cell suppression
// (domain/reports/suppression.h).

#include <map>
#include <string>
#include <unordered_map>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "domain/model.h"
#include "domain/ports/unit_of_work.h"
#include "domain/reports/funder_report.h"

namespace trainhub::domain {

// The days a report counts, both included (Europe/Berlin).
struct ReportPeriod {
  absl::CivilDay first;
  absl::CivilDay last;
};

// What a report is computed from, as read.
struct ReportFacts {
  std::vector<Id> series;
  std::vector<ParticipationFacts> participations;
  std::vector<HeldSession> held;
  std::unordered_map<Id, double> teaching_units;  // of the held sessions
  CompletionFacts completion;
  std::map<Id, std::string> organization_names;
  std::map<Id, std::string> series_titles;
};

// The facts of `scope` from `from` until before `to`, as `r` sees them.
absl::StatusOr<ReportFacts> ReadReportFacts(ReadView& r, const ReportScope& scope, absl::Time from,
                                            absl::Time to);

// BLAKE2b-256 over a line per fact, in the order read, and the report's
// parameters ("blake2b-256:" and hex).
std::string HashReportFacts(const ReportFacts& f, const ReportPeriod& period,
                            const ReportScope& scope, int min_persons);

// The report of `f` over `period`: every count of persons below
// `min_persons` (but 0) suppressed, and as many more as keep them from being
// worked out from totals; the attendance rate goes when the persons do.
FunderReport CountReport(const ReportFacts& f, const ReportPeriod& period, int min_persons);

}  // namespace trainhub::domain

#endif  // TRAINHUB_SERVICES_DOMAIN_REPORTS_FUNDER_REPORT_COUNTS_H_
