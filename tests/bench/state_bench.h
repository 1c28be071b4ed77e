// The state-wide programme of state_bench (state_bench.cc): its size per
// organisation, and the loading of organisations through the API as
// coordinators would (state_bench_loader.cc).

#ifndef TRAINHUB_TESTS_BENCH_STATE_BENCH_H_
#define TRAINHUB_TESTS_BENCH_STATE_BENCH_H_

#include <grpcpp/grpcpp.h>

#include <chrono>
#include <cstdint>
#include <cstdio>
#include <string>
#include <vector>

#include "bench/bench_util.h"

namespace trainhub::bench {

inline constexpr int kPeoplePerOrganization = 500;
inline constexpr int kSeriesPerOrganization = 25;
inline constexpr int kModulesPerSeries = 4;
inline constexpr int kDaysPerModule = 3;
inline constexpr int kSeatsPerSeries = 17;

// Adds the admin's token to every call of a client.
class Authorized {
 public:
  explicit Authorized(std::string bearer) : bearer_(std::move(bearer)) {}
  template <typename Stub, typename Request, typename Response>
  grpc::Status Call(Stub& stub,
                    grpc::Status (Stub::*method)(grpc::ClientContext*, const Request&, Response*),
                    const Request& request, Response* response) const {
    grpc::ClientContext context;
    context.AddMetadata("authorization", bearer_);
    context.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(120));
    return (stub.*method)(&context, request, response);
  }

 private:
  std::string bearer_;
};

// Whether `status` is OK; prints `what` failed and why if not.
inline bool Ok(const grpc::Status& status, const char* what) {
  if (!status.ok()) std::fprintf(stderr, "%s: %s\n", what, status.error_message().c_str());
  return status.ok();
}

// Funder reports on the whole data set, each the median of 3 in
// milliseconds: state-wide for one year (about a sixth of the records), for
// all seven years, for a programme period of six years from 1 July, and one
// organisation's year.
struct ReportTimes {
  double state_year = 0, state_all = 0, state_programme = 0, organization_year = 0;
};

// The funder reports on the server at `port` as `admin` (a bearer), the
// organisation's year for `organization_id`; adds failures to `failures`.
ReportTimes MeasureReports(int port, const std::string& admin, int64_t organization_id,
                           int* failures);

// Prints each report's time against the target of 500 ms.
void PrintReportTimes(const ReportTimes& reports);

// Loads organisations [first, last) of the programme with `threads`
// loaders; their ids go to `ids`. False on failure (printed).
bool Load(BenchServer& bench, int first, int last, int threads, std::vector<int64_t>* ids);

}  // namespace trainhub::bench

#endif  // TRAINHUB_TESTS_BENCH_STATE_BENCH_H_
