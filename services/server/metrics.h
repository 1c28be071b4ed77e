#ifndef TRAINHUB_SERVICES_SERVER_METRICS_H_
#define TRAINHUB_SERVICES_SERVER_METRICS_H_

// What trainhubd counts about itself, rendered in the Prometheus text
// exposition format (version 0.0.4). docs/operations.md lists each metric.

#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

namespace trainhub::server {

// Counts of observed values per upper bound, their sum and count.
// Not thread-safe.
class Histogram {
 public:
  // `upper_bounds` ascending; +Inf is implied.
  explicit Histogram(const std::vector<double>* upper_bounds) : bounds_(upper_bounds) {
    counts_.resize(bounds_->size(), 0);
  }
  void Observe(double value);
  // Appends the _bucket, _sum and _count lines of `name` with `labels`
  // ("method=\"x\"" or empty).
  void Render(const std::string& name, const std::string& labels, std::string* out) const;

 private:
  const std::vector<double>* bounds_;  // static, shared by every histogram of a metric
  std::vector<uint64_t> counts_;       // not cumulative
  uint64_t count_ = 0;
  double sum_ = 0;
};

// Values read at scrape time.
struct ServerGauges {
  int64_t rpcs_in_flight = 0;
  int64_t writer_queue_depth = 0;
  int64_t cached_tokens = 0;
  int64_t database_bytes = 0;
  int64_t wal_bytes = 0;
  int64_t resident_memory_bytes = 0;
  double start_time_seconds = 0;
  int64_t outbox_pending = 0;                 // notifications not yet sent
  double outbox_oldest_pending_seconds = 0;   // how long the longest due one has been due
};

// Counters and histograms of RPCs and commits. Thread-safe; memory is
// bounded (at most kMaxMethods method labels, the rest count as "other").
class ServerMetrics {
 public:
  static constexpr size_t kMaxMethods = 200;

  // `method` as gRPC names it ("/trainhub.v1.X/Y"), `code` a gRPC status code.
  void ObserveRpc(const std::string& method, int code, double seconds);
  // One commit of the writer: how many units it made durable, and the time
  // of its COMMIT (writing the WAL frames and their fsync).
  void ObserveCommit(size_t units, double seconds);
  // What one pass of mail delivery did.
  void ObserveDeliveries(int sent, int retrying, int given_up);

  std::string Render(const ServerGauges& gauges) const;

 private:
  mutable std::mutex mu_;
  static constexpr char kOtherMethod[] = "other";
  // By method, then by status code; at most kMaxMethods + 1 methods.
  std::map<std::string, std::map<int, Histogram>, std::less<>> rpcs_;
  Histogram commit_seconds_{&kCommitSecondsBounds};
  Histogram commit_units_{&kCommitUnitsBounds};
  uint64_t mails_sent_ = 0;
  uint64_t mails_retrying_ = 0;
  uint64_t mails_given_up_ = 0;

  static const std::vector<double> kRpcSecondsBounds;
  static const std::vector<double> kCommitSecondsBounds;
  static const std::vector<double> kCommitUnitsBounds;
};

// Resident set size of this process in bytes (0 when it cannot be read).
int64_t ResidentMemoryBytes();

}  // namespace trainhub::server

#endif  // TRAINHUB_SERVICES_SERVER_METRICS_H_
