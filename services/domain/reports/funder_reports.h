#ifndef TRAINHUB_SERVICES_DOMAIN_REPORTS_FUNDER_REPORTS_H_
#define TRAINHUB_SERVICES_DOMAIN_REPORTS_FUNDER_REPORTS_H_

// The funder report use case: checks the query and who asks, counts the
// facts of one snapshot, suppresses counts of persons below k with
// secondary suppression so that none can be worked out from the rest
// (domain/reports/suppression.h), and records every report in the audit log with
// its parameters and a hash of the facts it counted.

#include <functional>

#include "absl/status/statusor.h"
#include "absl/time/clock.h"
#include "domain/reports/funder_report.h"
#include "domain/ports/unit_of_work.h"
#include "domain/request_context.h"

namespace trainhub::domain {

class FunderReports {
 public:
  using Clock = std::function<absl::Time()>;
  explicit FunderReports(
      Store& store, Clock clock = [] { return absl::Now(); });

  // INVALID_ARGUMENT naming the field (no period or an empty one, more than
  // kMaxReportYears years, k below 2 or above kMaxMinPersons, both or -
  // for coordinators - neither scope, bad series ids); PERMISSION_DENIED
  // unless admin or coordinating the organisation (or every series);
  // NOT_FOUND for an admin's unknown organisation or series. At most two
  // reports are counted at once and four wait (RESOURCE_EXHAUSTED beyond).
  absl::StatusOr<FunderReport> Build(const RequestContext& ctx, const FunderReportQuery& query);
  // The report as a file: CSV (semicolon, UTF-8 with BOM), JSON or PDF.
  absl::StatusOr<ReportFile> Export(const RequestContext& ctx, const FunderReportQuery& query,
                                    ReportFormat format);

 private:
  Store& store_;
  Clock clock_;
};

}  // namespace trainhub::domain

#endif  // TRAINHUB_SERVICES_DOMAIN_REPORTS_FUNDER_REPORTS_H_
