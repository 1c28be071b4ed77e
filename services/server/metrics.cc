#include "server/metrics.h"

#include <grpcpp/support/status.h>
#include <unistd.h>

#include <algorithm>
#include <fstream>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "api/request_log.h"

namespace trainhub::server {
namespace {

// Shortest decimal that keeps 15 significant digits (Prometheus reads any float).
std::string Number(double value) { return absl::StrFormat("%.15g", value); }

void Help(std::string* out, const char* name, const char* type, const char* help) {
  absl::StrAppend(out, "# HELP ", name, " ", help, "\n# TYPE ", name, " ", type, "\n");
}

void Gauge(std::string* out, const char* name, const char* help, double value) {
  Help(out, name, "gauge", help);
  absl::StrAppend(out, name, " ", Number(value), "\n");
}

// Method names come from gRPC's table of registered methods; quoting them
// still keeps the exposition valid for anything else.
std::string LabelValue(const std::string& text) {
  std::string out;
  for (char c : text) {
    if (c == '\\' || c == '"') out += '\\';
    if (c == '\n') {
      out += "\\n";
      continue;
    }
    out += c;
  }
  return out;
}

}  // namespace

const std::vector<double> ServerMetrics::kRpcSecondsBounds = {
    0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025,
    0.05,   0.1,     0.25,   0.5,   1,      2.5,   5,    10};
const std::vector<double> ServerMetrics::kCommitSecondsBounds = {
    0.00005, 0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1};
const std::vector<double> ServerMetrics::kCommitUnitsBounds = {1, 2, 4, 8, 16, 32, 64, 128};

void Histogram::Observe(double value) {
  const auto at = std::lower_bound(bounds_->begin(), bounds_->end(), value);
  if (at != bounds_->end()) ++counts_[at - bounds_->begin()];
  ++count_;
  sum_ += value;
}

void Histogram::Render(const std::string& name, const std::string& labels, std::string* out) const {
  const std::string prefix = labels.empty() ? "" : labels + ",";
  uint64_t cumulative = 0;
  for (size_t i = 0; i < bounds_->size(); ++i) {
    cumulative += counts_[i];
    absl::StrAppend(out, name, "_bucket{", prefix, "le=\"", Number((*bounds_)[i]), "\"} ",
                    cumulative, "\n");
  }
  absl::StrAppend(out, name, "_bucket{", prefix, "le=\"+Inf\"} ", count_, "\n");
  const std::string braces = labels.empty() ? "" : "{" + labels + "}";
  absl::StrAppend(out, name, "_sum", braces, " ", Number(sum_), "\n");
  absl::StrAppend(out, name, "_count", braces, " ", count_, "\n");
}

void ServerMetrics::ObserveRpc(const std::string& method, int code, double seconds) {
  std::lock_guard<std::mutex> lock(mu_);
  auto by_method = rpcs_.find(method);
  if (by_method == rpcs_.end()) {
    const bool room = rpcs_.size() < kMaxMethods;
    by_method = rpcs_.try_emplace(room ? method : std::string(kOtherMethod)).first;
  }
  std::map<int, Histogram>& by_code = by_method->second;
  auto histogram = by_code.find(code);
  if (histogram == by_code.end()) {
    histogram = by_code.try_emplace(code, &kRpcSecondsBounds).first;
  }
  histogram->second.Observe(seconds);
}

void ServerMetrics::ObserveCommit(size_t units, double seconds) {
  std::lock_guard<std::mutex> lock(mu_);
  commit_seconds_.Observe(seconds);
  commit_units_.Observe(static_cast<double>(units));
}

void ServerMetrics::ObserveDeliveries(int sent, int retrying, int given_up) {
  std::lock_guard<std::mutex> lock(mu_);
  mails_sent_ += sent;
  mails_retrying_ += retrying;
  mails_given_up_ += given_up;
}

std::string ServerMetrics::Render(const ServerGauges& gauges) const {
  std::string out;
  {
    std::lock_guard<std::mutex> lock(mu_);
    Help(&out, "trainhub_rpc_duration_seconds", "histogram",
         "Time from a call's arrival to its status, by method and gRPC status code; "
         "_count is the number of calls.");
    for (const auto& [method, by_code] : rpcs_) {
      for (const auto& [code, histogram] : by_code) {
        const std::string labels =
            absl::StrCat("method=\"", LabelValue(method), "\",code=\"",
                         api::StatusCodeName(static_cast<grpc::StatusCode>(code)), "\"");
        histogram.Render("trainhub_rpc_duration_seconds", labels, &out);
      }
    }
    Help(&out, "trainhub_commit_duration_seconds", "histogram",
         "Time of one COMMIT of the writer: writing its WAL frames and their fsync.");
    commit_seconds_.Render("trainhub_commit_duration_seconds", "", &out);
    Help(&out, "trainhub_commit_batch_units", "histogram",
         "Write requests made durable by one commit (group commit).");
    commit_units_.Render("trainhub_commit_batch_units", "", &out);
    Help(&out, "trainhub_mail_deliveries_total", "counter",
         "Attempts to deliver a notification by what became of it: sent, retrying (a "
         "temporary failure, tried again later), given_up.");
    absl::StrAppend(&out, "trainhub_mail_deliveries_total{result=\"sent\"} ", mails_sent_, "\n",
                    "trainhub_mail_deliveries_total{result=\"retrying\"} ", mails_retrying_,
                    "\n", "trainhub_mail_deliveries_total{result=\"given_up\"} ",
                    mails_given_up_, "\n");
  }
  Gauge(&out, "trainhub_rpcs_in_flight", "Calls that have arrived and not finished.",
        gauges.rpcs_in_flight);
  Gauge(&out, "trainhub_writer_queue_depth",
        "Write requests waiting for the writer thread to take them.", gauges.writer_queue_depth);
  Gauge(&out, "trainhub_active_tokens",
        "Sign-in tokens in use: checked and found valid, remembered until revoked, pushed out "
        "of the bounded cache, or found expired at their next use.",
        gauges.cached_tokens);
  Gauge(&out, "trainhub_database_bytes", "Size of the database file.", gauges.database_bytes);
  Gauge(&out, "trainhub_database_wal_bytes", "Size of the database's write-ahead log file.",
        gauges.wal_bytes);
  Gauge(&out, "process_resident_memory_bytes", "Resident memory of trainhubd.",
        gauges.resident_memory_bytes);
  Gauge(&out, "process_start_time_seconds", "Start of trainhubd, seconds since the Unix epoch.",
        gauges.start_time_seconds);
  Gauge(&out, "trainhub_outbox_pending", "Notifications waiting to be sent.",
        gauges.outbox_pending);
  Gauge(&out, "trainhub_outbox_oldest_pending_seconds",
        "How long the pending notification due longest has been due; 0 when none is.",
        gauges.outbox_oldest_pending_seconds);
  return out;
}

int64_t ResidentMemoryBytes() {
  std::ifstream statm("/proc/self/statm");
  int64_t pages_total = 0;
  int64_t pages_resident = 0;
  if (!(statm >> pages_total >> pages_resident)) return 0;
  return pages_resident * sysconf(_SC_PAGESIZE);
}

}  // namespace trainhub::server
