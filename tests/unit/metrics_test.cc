#include "server/metrics.h"

#include <gtest/gtest.h>

#include <string>

#include "absl/strings/str_cat.h"

namespace trainhub::server {
namespace {

bool Has(const std::string& text, const std::string& line) {
  return text.find("\n" + line + "\n") != std::string::npos || text.rfind(line + "\n", 0) == 0;
}

TEST(HistogramTest, CountsEachValueInTheFirstBucketThatHoldsItCumulatively) {
  const std::vector<double> bounds = {0.001, 0.01, 0.1};
  Histogram h(&bounds);
  h.Observe(0.001);  // on a bound: that bucket (le is inclusive)
  h.Observe(0.005);
  h.Observe(0.5);  // above every bound: only +Inf
  std::string out;
  h.Render("x_seconds", "code=\"OK\"", &out);
  EXPECT_EQ(out,
            "x_seconds_bucket{code=\"OK\",le=\"0.001\"} 1\n"
            "x_seconds_bucket{code=\"OK\",le=\"0.01\"} 2\n"
            "x_seconds_bucket{code=\"OK\",le=\"0.1\"} 2\n"
            "x_seconds_bucket{code=\"OK\",le=\"+Inf\"} 3\n"
            "x_seconds_sum{code=\"OK\"} 0.506\n"
            "x_seconds_count{code=\"OK\"} 3\n");
}

TEST(ServerMetricsTest, RendersRpcsByMethodAndStatusWithTypesAndGauges) {
  ServerMetrics metrics;
  metrics.ObserveRpc("/trainhub.v1.SeriesService/ListSeries", 0, 0.002);
  metrics.ObserveRpc("/trainhub.v1.SeriesService/ListSeries", 0, 0.003);
  metrics.ObserveRpc("/trainhub.v1.SeriesService/ListSeries", 5, 0.001);
  metrics.ObserveRpc("/odd\"name\\\n", 12, 0.001);
  metrics.ObserveCommit(3, 0.0004);
  ServerGauges gauges;
  gauges.writer_queue_depth = 2;
  gauges.database_bytes = 4096;
  const std::string text = metrics.Render(gauges);
  EXPECT_TRUE(Has(text, "# TYPE trainhub_rpc_duration_seconds histogram")) << text;
  EXPECT_TRUE(Has(text,
                  "trainhub_rpc_duration_seconds_count{method=\"/trainhub.v1.SeriesService/"
                  "ListSeries\",code=\"OK\"} 2"))
      << text;
  EXPECT_TRUE(Has(text,
                  "trainhub_rpc_duration_seconds_count{method=\"/trainhub.v1.SeriesService/"
                  "ListSeries\",code=\"NOT_FOUND\"} 1"))
      << text;
  EXPECT_TRUE(Has(text,
                  "trainhub_rpc_duration_seconds_count{method=\"/odd\\\"name\\\\\\n\","
                  "code=\"UNIMPLEMENTED\"} 1"))
      << text;
  EXPECT_TRUE(Has(text, "trainhub_commit_batch_units_sum 3")) << text;
  EXPECT_TRUE(Has(text, "trainhub_commit_duration_seconds_count 1")) << text;
  EXPECT_TRUE(Has(text, "trainhub_writer_queue_depth 2")) << text;
  EXPECT_TRUE(Has(text, "trainhub_database_bytes 4096")) << text;
  EXPECT_TRUE(Has(text, "# TYPE trainhub_database_bytes gauge")) << text;
}

TEST(ServerMetricsTest, BoundsTheMethodLabels) {
  ServerMetrics metrics;
  for (size_t i = 0; i < ServerMetrics::kMaxMethods + 50; ++i) {
    metrics.ObserveRpc(absl::StrCat("/x.Y/M", i), 0, 0.001);
  }
  metrics.ObserveRpc("/x.Y/M0", 0, 0.001);  // known: keeps its own label
  metrics.ObserveRpc("/x.Y/Unknown", 12, 0.001);
  const std::string text = metrics.Render({});
  EXPECT_TRUE(Has(text, "trainhub_rpc_duration_seconds_count{method=\"/x.Y/M0\",code=\"OK\"} 2"));
  EXPECT_TRUE(Has(text, "trainhub_rpc_duration_seconds_count{method=\"other\",code=\"OK\"} 50"))
      << text;
  EXPECT_EQ(text.find("M" + std::to_string(ServerMetrics::kMaxMethods + 1) + "\""),
            std::string::npos);
  EXPECT_TRUE(
      Has(text, "trainhub_rpc_duration_seconds_count{method=\"other\",code=\"UNIMPLEMENTED\"} 1"))
      << "an unknown method past the bound is counted as other";
}

}  // namespace
}  // namespace trainhub::server
