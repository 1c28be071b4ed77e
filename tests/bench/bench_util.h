#ifndef TRAINHUB_TESTS_BENCH_BENCH_UTIL_H_
#define TRAINHUB_TESTS_BENCH_BENCH_UTIL_H_

// What the benchmarks share: timing calls over threads, the median, and the
// process's memory. Benchmarks compare ratios measured in one run.

#include <grpcpp/grpcpp.h>
#include <spdlog/spdlog.h>
#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "absl/time/clock.h"
#include "server/trainhub_server.h"

namespace trainhub::bench {

// A trainhubd on a free loopback port with a temporary database and an
// admin logged in from `client_address`; shut down and removed when
// destroyed.
class BenchServer {
 public:
  // nullptr (after printing why) when it cannot start.
  static std::unique_ptr<BenchServer> Start(const std::string& name,
                                            const std::string& client_address) {
    auto bench = std::unique_ptr<BenchServer>(new BenchServer());
    bench->db_ =
        (std::filesystem::temp_directory_path() / (name + "-" + std::to_string(::getpid()) + ".db"))
            .string();
    server::ServerOptions options;
    options.listen_address = "127.0.0.1:0";
    options.db_path = bench->db_;
    spdlog::set_level(spdlog::level::warn);
    auto started = server::TrainhubServer::Start(options);
    if (!started.ok()) {
      std::fprintf(stderr, "cannot start: %s\n", std::string(started.status().message()).c_str());
      return nullptr;
    }
    bench->server_ = *std::move(started);
    domain::Account admin;
    admin.email = "bench@example.org";
    admin.display_name = "Bench";
    admin.roles = {{domain::Role::kAdmin}};
    auto& accounts = bench->server_->accounts();
    if (!accounts.CreateAccount(domain::Principal::System(), admin, kPassword).ok()) return nullptr;
    bench->client_address_ = client_address;
    auto login = accounts.Login(admin.email, kPassword, client_address);
    if (!login.ok()) return nullptr;
    bench->bearer_ = "Bearer " + login->token;
    bench->channel_ = grpc::CreateChannel("127.0.0.1:" + std::to_string(bench->server_->port()),
                                          grpc::InsecureChannelCredentials());
    return bench;
  }
  // Shuts the server down; the database stays for Restart().
  void Stop() {
    if (server_) server_->Shutdown(absl::Seconds(5));
    server_.reset();
  }
  // Stops the server and starts it again on the same database (its caches
  // start empty); the admin's token stays valid. False after printing why.
  bool Restart() {
    Stop();
    server::ServerOptions options;
    options.listen_address = "127.0.0.1:0";
    options.db_path = db_;
    auto started = server::TrainhubServer::Start(options);
    if (!started.ok()) {
      std::fprintf(stderr, "cannot restart: %s\n", std::string(started.status().message()).c_str());
      return false;
    }
    server_ = *std::move(started);
    channel_ = grpc::CreateChannel("127.0.0.1:" + std::to_string(server_->port()),
                                   grpc::InsecureChannelCredentials());
    return true;
  }

  ~BenchServer() {
    if (server_) server_->Shutdown(absl::Seconds(5));
    server_.reset();
    for (const char* suffix : {"", "-wal", "-shm", ".issuer-key", ".request-key"}) {
      std::filesystem::remove(db_ + suffix);
    }
  }

  // A new account with `roles`, logged in: its "authorization" value, or
  // nullopt after printing why.
  std::optional<std::string> LoginAs(const std::string& email,
                                     std::vector<domain::RoleGrant> roles) {
    domain::Account account;
    account.email = email;
    account.display_name = email;
    account.roles = std::move(roles);
    auto& accounts = server_->accounts();
    auto created = accounts.CreateAccount(domain::Principal::System(), account, kPassword);
    if (!created.ok()) {
      std::fprintf(stderr, "cannot create %s: %s\n", email.c_str(),
                   std::string(created.status().message()).c_str());
      return std::nullopt;
    }
    auto login = accounts.Login(email, kPassword, client_address_);
    if (!login.ok()) return std::nullopt;
    return "Bearer " + login->token;
  }

  static constexpr char kPassword[] = "bench-password";
  const std::string& db_path() const { return db_; }
  // The "authorization" metadata value of the admin.
  const std::string& bearer() const { return bearer_; }
  const std::shared_ptr<grpc::Channel>& channel() const { return channel_; }
  server::TrainhubServer& server() { return *server_; }

 private:
  BenchServer() = default;
  std::string db_;
  std::string client_address_;
  std::unique_ptr<server::TrainhubServer> server_;
  std::string bearer_;
  std::shared_ptr<grpc::Channel> channel_;
};

// Exit code of a benchmark's main: 1 and a message when calls failed.
inline int ExitCode(int failures) {
  if (failures == 0) return 0;
  std::fprintf(stderr, "%d calls failed\n", failures);
  return 1;
}

struct Measurement {
  double calls_per_second = 0;
  double p50_us = 0;
  int failures = 0;
  // The process's CPU time per call (clients and server share the process),
  // and the part of it spent outside the kernel.
  double cpu_us_per_call = 0;
  double user_cpu_us_per_call = 0;
  // Its share of the machine's cores over the run: near 1, the run was
  // bound by the CPU, not by waiting (for a disk's sync, say).
  double cpu_share = 0;
};

struct CpuSeconds {
  double user = 0;
  double kernel = 0;
};

// The CPU time this process has used so far (all threads).
inline CpuSeconds ProcessCpuSeconds() {
  rusage usage{};
  ::getrusage(RUSAGE_SELF, &usage);
  auto seconds = [](const timeval& t) { return t.tv_sec + t.tv_usec / 1e6; };
  return {seconds(usage.ru_utime), seconds(usage.ru_stime)};
}

// Runs `call(thread, i)` `calls` times spread over `threads` threads.
inline Measurement Measure(int calls, int threads, const std::function<bool(int, int)>& call) {
  std::atomic<int> failures{0};
  std::vector<std::vector<double>> latencies(threads);
  const CpuSeconds cpu_start = ProcessCpuSeconds();
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
  const CpuSeconds cpu_end = ProcessCpuSeconds();
  const double user_seconds = cpu_end.user - cpu_start.user;
  const double cpu_seconds = user_seconds + cpu_end.kernel - cpu_start.kernel;
  const unsigned cores = std::max(1u, std::thread::hardware_concurrency());
  std::vector<double> all;
  for (auto& l : latencies) all.insert(all.end(), l.begin(), l.end());
  std::nth_element(all.begin(), all.begin() + all.size() / 2, all.end());
  return {calls / seconds,
          all.empty() ? 0 : all[all.size() / 2],
          failures.load(),
          cpu_seconds * 1e6 / calls,
          user_seconds * 1e6 / calls,
          cpu_seconds / (seconds * cores)};
}

// The process's resident memory in KiB (the server runs in this process).
inline long ResidentKib() {
  std::ifstream status("/proc/self/status");
  for (std::string line; std::getline(status, line);) {
    if (line.rfind("VmRSS:", 0) == 0) return std::stol(line.substr(6));
  }
  return 0;
}

// The page token of a list's last page. `page(token, &next)` reads the page
// at `token` ("" for the first), sets `next` to its next_page_token and
// returns false when the call failed.
inline std::string LastPageToken(
    const std::function<bool(const std::string& token, std::string* next)>& page) {
  std::string token, next;
  while (page(token, &next) && !next.empty()) token = next;
  return token;
}

inline double Median(std::vector<double> values) {
  if (values.empty()) return 0;
  std::nth_element(values.begin(), values.begin() + values.size() / 2, values.end());
  return values[values.size() / 2];
}

}  // namespace trainhub::bench

#endif  // TRAINHUB_TESTS_BENCH_BENCH_UTIL_H_
