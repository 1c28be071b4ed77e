#ifndef TRAINHUB_TESTS_BENCH_BENCH_UTIL_H_
#define TRAINHUB_TESTS_BENCH_BENCH_UTIL_H_

// What the benchmarks share: timing calls over threads, the median, and the
// process's memory. Benchmarks compare ratios measured in one run.

#include <algorithm>
#include <atomic>
#include <fstream>
#include <functional>
#include <string>
#include <thread>
#include <vector>

#include "absl/time/clock.h"

namespace trainhub::bench {

struct Measurement {
  double calls_per_second = 0;
  double p50_us = 0;
  int failures = 0;
};

// Runs `call(thread, i)` `calls` times spread over `threads` threads.
inline Measurement Measure(int calls, int threads, const std::function<bool(int, int)>& call) {
  std::atomic<int> failures{0};
  std::vector<std::vector<double>> latencies(threads);
  const absl::Time start = absl::Now();
  std::vector<std::thread> workers;
  for (int t = 0; t < threads; ++t) {
    workers.emplace_back([&, t] {
      for (int i = t; i < calls; i += threads) {
        const absl::Time before = absl::Now();
        if (!call(t, i)) ++failures;
        latencies[t].push_back(absl::ToDoubleMicroseconds(absl::Now() - before));
      }
    });
  }
  for (auto& w : workers) w.join();
  const double seconds = absl::ToDoubleSeconds(absl::Now() - start);
  std::vector<double> all;
  for (auto& l : latencies) all.insert(all.end(), l.begin(), l.end());
  std::nth_element(all.begin(), all.begin() + all.size() / 2, all.end());
  return {calls / seconds, all.empty() ? 0 : all[all.size() / 2], failures.load()};
}

// The process's resident memory in KiB (the server runs in this process).
inline long ResidentKib() {
  std::ifstream status("/proc/self/status");
  for (std::string line; std::getline(status, line);) {
    if (line.rfind("VmRSS:", 0) == 0) return std::stol(line.substr(6));
  }
  return 0;
}

inline double Median(std::vector<double> values) {
  if (values.empty()) return 0;
  std::nth_element(values.begin(), values.begin() + values.size() / 2, values.end());
  return values[values.size() / 2];
}

}  // namespace trainhub::bench

#endif  // TRAINHUB_TESTS_BENCH_BENCH_UTIL_H_
