// state_bench's funder reports (state_bench.h): state-wide for a year, for
// all seven years and for a programme period, and one organisation's year,
// each timed against the target of 500 ms.

#include <algorithm>
#include <vector>

#include "absl/time/clock.h"
#include "bench/state_bench.h"
#include "trainhub/v1/report.grpc.pb.h"

namespace trainhub::bench {

namespace v1 = ::trainhub::v1;

ReportTimes MeasureReports(int port, const std::string& admin, int64_t organization_id,
                           int* failures) {
  auto channel =
      grpc::CreateChannel("127.0.0.1:" + std::to_string(port), grpc::InsecureChannelCredentials());
  auto reports = v1::ReportService::NewStub(channel);
  const Authorized as_admin(admin);
  auto median_ms = [&](const v1::GetFunderReportRequest& request) {
    std::vector<double> ms;
    for (int round = 0; round < 3; ++round) {
      v1::FunderReport report;
      const absl::Time start = absl::Now();
      if (!Ok(as_admin.Call(*reports, &v1::ReportService::Stub::GetFunderReport, request, &report),
              "GetFunderReport") ||
          report.persons().value() == 0) {
        ++*failures;
      }
      ms.push_back(absl::ToDoubleMilliseconds(absl::Now() - start));
    }
    std::sort(ms.begin(), ms.end());
    return ms[1];
  };
  ReportTimes t;
  v1::GetFunderReportRequest year;
  year.mutable_period()->set_year(2019);
  t.state_year = median_ms(year);
  v1::GetFunderReportRequest all;
  all.mutable_period()->set_first_day("2019-01-01");
  all.mutable_period()->set_last_day("2025-12-31");
  t.state_all = median_ms(all);
  v1::GetFunderReportRequest programme;
  programme.mutable_period()->set_first_day("2019-07-01");
  programme.mutable_period()->set_last_day("2025-06-30");
  t.state_programme = median_ms(programme);
  year.set_organization_id(organization_id);
  t.organization_year = median_ms(year);
  return t;
}

void PrintReportTimes(const ReportTimes& reports) {
  auto report_row = [](const char* name, double ms) {
    std::printf("%-46s %7.0f ms %s\n", name, ms,
                ms < 500 ? "(target 500 ms met)" : "(target 500 ms NOT met)");
  };
  report_row("GetFunderReport, every series, 2019", reports.state_year);
  report_row("GetFunderReport, every series, 2019-2025", reports.state_all);
  report_row("GetFunderReport, every series, 07/2019-06/2025", reports.state_programme);
  report_row("GetFunderReport, one organisation, 2019", reports.organization_year);
}

}  // namespace trainhub::bench
