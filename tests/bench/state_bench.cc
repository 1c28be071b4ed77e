// A state-wide programme as the scale data set: --orgs organisations (200),
// each with 500 participants and 25 series of 4 modules x 3 days (12
// sessions), 17 people enrolled in each series and everyone's attendance at
// every session recorded (200 organisations: 100,000 participants, 5,000
// series, 60,000 sessions, 1,020,000 attendance records). Everything is
// written through the API, as coordinators would.
//
// The same reads (lists, searches, a sheet, a matrix) are measured on the
// small data set (the first 20 organisations) and again with everything
// loaded, each time against a freshly started trainhubd (the real binary)
// as a ratio to its health check; the target is a large/small ratio of at
// least 1/1.5 (a page costs at most 1.5x), and the server's memory stays
// under 200 MB. On the whole data set, funder reports (state-wide for a
// year, for all seven years and for six years from July, one organisation's
// year) are timed against the target of 500 ms each. Exits non-zero if a call fails (figures are
// printed, never asserted). `--reports DB` times only the funder reports, on
// a copy of a database kept by an earlier run with `--keep DB` (the copy is
// migrated by the trainhubd under test; the file stays as it was), also of
// another build's trainhubd (`--trainhubd PATH`, e.g. to compare with the
// version before a change on the same machine).
//   state_bench [--orgs N] [--calls N] [--threads N] [--keep DB]
//   state_bench [--trainhubd PATH] --reports DB

#include "bench/state_bench.h"

#include <fcntl.h>
#include <grpcpp/grpcpp.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <functional>
#include <regex>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "absl/time/clock.h"
#include "bench/bench_util.h"
#include "grpc/health/v1/health.grpc.pb.h"
#include "trainhub/v1/account.grpc.pb.h"
#include "trainhub/v1/attendance.grpc.pb.h"
#include "trainhub/v1/audit.grpc.pb.h"
#include "trainhub/v1/enrolment.grpc.pb.h"
#include "trainhub/v1/organization.grpc.pb.h"
#include "trainhub/v1/participant.grpc.pb.h"
#include "trainhub/v1/series.grpc.pb.h"

extern char** environ;

namespace {

namespace v1 = ::trainhub::v1;
namespace fs = std::filesystem;
using trainhub::bench::Authorized;
using trainhub::bench::kDaysPerModule;
using trainhub::bench::kModulesPerSeries;
using trainhub::bench::kPeoplePerOrganization;
using trainhub::bench::kSeatsPerSeries;
using trainhub::bench::kSeriesPerOrganization;
using trainhub::bench::Load;
using trainhub::bench::Measure;
using trainhub::bench::Measurement;
using trainhub::bench::MeasureReports;
using trainhub::bench::Ok;
using trainhub::bench::PrintReportTimes;
using trainhub::bench::ReportTimes;

constexpr char kClientAddress[] = "ipv4:192.0.2.12";
constexpr char kCoordinatorEmail[] = "koordination@example.org";
// The small data set: enough organisations for a full page of them.
constexpr int kSmallOrganizations = 20;

// The trainhubd binary the reads and reports are measured on.
std::string trainhubd_path = TRAINHUBD_PATH;

// The real trainhubd on `db`, started and stopped by this object.
class ServerProcess {
 public:
  explicit ServerProcess(const std::string& db) : log_(db + ".log") {
    std::vector<std::string> argv = {trainhubd_path, "--listen", "127.0.0.1:0", "--db", db};
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, 1, log_.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    posix_spawn_file_actions_adddup2(&actions, 1, 2);
    std::vector<char*> args;
    for (auto& a : argv) args.push_back(a.data());
    args.push_back(nullptr);
    if (posix_spawn(&pid_, args[0], &actions, nullptr, args.data(), environ) != 0) pid_ = 0;
    posix_spawn_file_actions_destroy(&actions);
    const std::regex port_line(R"(\(port (\d+))");
    for (int i = 0; pid_ > 0 && i < 400 && port_ == 0; ++i) {
      std::ifstream in(log_);
      std::stringstream text;
      text << in.rdbuf();
      std::smatch match;
      const std::string log = text.str();
      if (std::regex_search(log, match, port_line)) port_ = std::stoi(match[1].str());
      std::this_thread::sleep_for(std::chrono::milliseconds(25));
    }
  }
  ~ServerProcess() {
    if (pid_ > 0) {
      kill(pid_, SIGTERM);
      int status = 0;
      waitpid(pid_, &status, 0);
    }
    fs::remove(log_);
  }
  int port() const { return port_; }
  // The server's resident memory in KiB.
  long ResidentKib() const {
    std::ifstream status("/proc/" + std::to_string(pid_) + "/status");
    for (std::string line; std::getline(status, line);) {
      if (line.rfind("VmRSS:", 0) == 0) return std::stol(line.substr(6));
    }
    return 0;
  }

 private:
  std::string log_;
  pid_t pid_ = 0;
  int port_ = 0;
};

constexpr int kReads = 9;
constexpr std::array<const char*, kReads> kReadNames = {
    "ListOrganizations (page of 20)",
    "ListSeries (coordinator, last page)",
    "ListParticipants (coordinator, last page)",
    "ListParticipants (coordinator, name search)",
    "ListSessions (a series)",
    "ListEnrolments (a series)",
    "GetAttendanceSheet (17 people)",
    "GetAttendanceMatrix (17 x 12)",
    "ListAuditEvents (coordinator, page of 20)"};

// The stubs of the reads, on one channel to the server at `port`.
struct ReadClients {
  explicit ReadClients(int port)
      : channel(grpc::CreateChannel("127.0.0.1:" + std::to_string(port),
                                    grpc::InsecureChannelCredentials())),
        health(grpc::health::v1::Health::NewStub(channel)),
        orgs(v1::OrganizationService::NewStub(channel)),
        series(v1::SeriesService::NewStub(channel)),
        people(v1::ParticipantService::NewStub(channel)),
        enrolments(v1::EnrolmentService::NewStub(channel)),
        attendance(v1::AttendanceService::NewStub(channel)),
        audit(v1::AuditService::NewStub(channel)) {}

  std::shared_ptr<grpc::Channel> channel;
  std::unique_ptr<grpc::health::v1::Health::Stub> health;
  std::unique_ptr<v1::OrganizationService::Stub> orgs;
  std::unique_ptr<v1::SeriesService::Stub> series;
  std::unique_ptr<v1::ParticipantService::Stub> people;
  std::unique_ptr<v1::EnrolmentService::Stub> enrolments;
  std::unique_ptr<v1::AttendanceService::Stub> attendance;
  std::unique_ptr<v1::AuditService::Stub> audit;
};

// What the reads of one organisation read: its first series and that
// series' first session, and the coordinator's last pages of all the series
// and people they see.
struct ReadTargets {
  int64_t series_id = 0, session_id = 0;
  v1::ListSessionsRequest sessions_request;
  v1::ListSeriesRequest last_series;
  v1::ListParticipantsRequest last_people;
};

// The targets in organisation `organization_id`; false (printed) if it has
// no series or its series no session.
bool FindTargets(const ReadClients& c, const Authorized& as_admin, const Authorized& as_coordinator,
                 int64_t organization_id, ReadTargets* t) {
  v1::ListSeriesRequest series_request;
  series_request.set_organization_id(organization_id);
  series_request.set_page_size(20);
  v1::ListSeriesResponse series_page;
  if (!Ok(as_admin.Call(*c.series, &v1::SeriesService::Stub::ListSeries, series_request,
                        &series_page),
          "ListSeries") ||
      series_page.series_size() == 0) {
    return false;
  }
  t->series_id = series_page.series(0).id();
  t->sessions_request.set_series_id(t->series_id);
  t->sessions_request.set_page_size(20);
  v1::ListSessionsResponse sessions_page;
  if (!Ok(as_admin.Call(*c.series, &v1::SeriesService::Stub::ListSessions, t->sessions_request,
                        &sessions_page),
          "ListSessions") ||
      sessions_page.sessions_size() == 0) {
    return false;
  }
  t->session_id = sessions_page.sessions(0).id();
  t->last_series.set_page_size(20);
  t->last_people.set_page_size(20);
  t->last_series.set_page_token(
      trainhub::bench::LastPageToken([&](const std::string& token, std::string* next) {
        v1::ListSeriesRequest r = t->last_series;
        r.set_page_token(token);
        v1::ListSeriesResponse page;
        const bool ok =
            as_coordinator.Call(*c.series, &v1::SeriesService::Stub::ListSeries, r, &page).ok();
        *next = page.next_page_token();
        return ok;
      }));
  t->last_people.set_page_token(trainhub::bench::LastPageToken([&](const std::string& token,
                                                                   std::string* next) {
    v1::ListParticipantsRequest r = t->last_people;
    r.set_page_token(token);
    v1::ListParticipantsResponse page;
    const bool ok =
        as_coordinator.Call(*c.people, &v1::ParticipantService::Stub::ListParticipants, r, &page)
            .ok();
    *next = page.next_page_token();
    return ok;
  }));
  return true;
}

// The reads of kReadNames, in that order; each true if it succeeded.
std::array<std::function<bool()>, kReads> Reads(const ReadClients& c, const Authorized& as_admin,
                                                const Authorized& as_coordinator,
                                                const ReadTargets& t) {
  return {
      [&] {
        v1::ListOrganizationsRequest r;
        r.set_page_size(20);
        v1::ListOrganizationsResponse out;
        return as_admin.Call(*c.orgs, &v1::OrganizationService::Stub::ListOrganizations, r, &out)
            .ok();
      },
      [&] {
        v1::ListSeriesResponse out;
        return as_coordinator
                   .Call(*c.series, &v1::SeriesService::Stub::ListSeries, t.last_series, &out)
                   .ok() &&
               out.series_size() > 0;
      },
      [&] {
        v1::ListParticipantsResponse out;
        return as_coordinator
                   .Call(*c.people, &v1::ParticipantService::Stub::ListParticipants, t.last_people,
                         &out)
                   .ok() &&
               out.participants_size() > 0;
      },
      [&] {
        v1::ListParticipantsRequest r;
        r.set_page_size(20);
        r.set_name("celik");
        v1::ListParticipantsResponse out;
        return as_coordinator
                   .Call(*c.people, &v1::ParticipantService::Stub::ListParticipants, r, &out)
                   .ok() &&
               out.participants_size() > 0;
      },
      [&] {
        v1::ListSessionsResponse out;
        return as_coordinator
            .Call(*c.series, &v1::SeriesService::Stub::ListSessions, t.sessions_request, &out)
            .ok();
      },
      [&] {
        v1::ListEnrolmentsRequest r;
        r.set_series_id(t.series_id);
        r.set_page_size(20);
        v1::ListEnrolmentsResponse out;
        return as_coordinator
                   .Call(*c.enrolments, &v1::EnrolmentService::Stub::ListEnrolments, r, &out)
                   .ok() &&
               out.enrolments_size() == kSeatsPerSeries;
      },
      [&] {
        v1::GetAttendanceSheetRequest r;
        r.set_session_id(t.session_id);
        v1::AttendanceSheet out;
        return as_coordinator
                   .Call(*c.attendance, &v1::AttendanceService::Stub::GetAttendanceSheet, r, &out)
                   .ok() &&
               out.entries_size() == kSeatsPerSeries;
      },
      [&] {
        v1::GetAttendanceMatrixRequest r;
        r.set_series_id(t.series_id);
        v1::AttendanceMatrix out;
        return as_coordinator
            .Call(*c.attendance, &v1::AttendanceService::Stub::GetAttendanceMatrix, r, &out)
            .ok();
      },
      [&] {
        v1::ListAuditEventsRequest r;
        r.set_page_size(20);
        v1::ListAuditEventsResponse out;
        return as_coordinator.Call(*c.audit, &v1::AuditService::Stub::ListAuditEvents, r, &out)
            .ok();
      }};
}

// Three rounds over all reads, each read against a health check measured
// just before it, `calls` each; the median ratio of each read to the health
// check. Adds failures to `failures`.
std::array<double, kReads> MedianRatios(const ReadClients& c,
                                        const std::array<std::function<bool()>, kReads>& reads,
                                        int calls, int* failures) {
  auto health_check = [&] {
    grpc::ClientContext context;
    grpc::health::v1::HealthCheckResponse out;
    return c.health->Check(&context, {}, &out).ok();
  };
  std::array<std::vector<double>, kReads> rounds;
  for (int round = 0; round < 3; ++round) {
    for (int k = 0; k < kReads; ++k) {
      const Measurement base = Measure(calls, 1, [&](int, int) { return health_check(); });
      const Measurement m = Measure(calls, 1, [&](int, int) { return reads[k](); });
      *failures += base.failures + m.failures;
      if (m.failures > 0) std::fprintf(stderr, "%s failed %d times\n", kReadNames[k], m.failures);
      rounds[k].push_back(m.calls_per_second / base.calls_per_second);
    }
  }
  std::array<double, kReads> ratios{};
  for (int k = 0; k < kReads; ++k) ratios[k] = trainhub::bench::Median(rounds[k]);
  return ratios;
}

// The reads of organisation `organization_id` (its first series and session)
// as ratios to the health check, `calls` each; adds failures to `failures`.
std::array<double, kReads> MeasureReads(int port, const std::string& admin,
                                        const std::string& coordinator, int64_t organization_id,
                                        int calls, int* failures) {
  const ReadClients c(port);
  const Authorized as_admin(admin), as_coordinator(coordinator);
  ReadTargets t;
  if (!FindTargets(c, as_admin, as_coordinator, organization_id, &t)) {
    ++*failures;
    return {};
  }
  const std::array<std::function<bool()>, kReads> reads = Reads(c, as_admin, as_coordinator, t);
  for (const auto& read : reads) read();  // warm the caches
  return MedianRatios(c, reads, calls, failures);
}

// The funder reports on a copy of `kept` (a database kept by --keep): the
// real trainhubd starts on it (migrating it), the bench's admin logs in.
int MeasureKeptReports(const std::string& kept) {
  const std::string db =
      (fs::temp_directory_path() / ("trainhub-state-reports-" + std::to_string(::getpid()) + ".db"))
          .string();
  std::error_code error;
  fs::copy_file(kept, db, fs::copy_options::overwrite_existing, error);
  if (error) {
    std::fprintf(stderr, "cannot copy %s: %s\n", kept.c_str(), error.message().c_str());
    return 1;
  }
  int failures = 0;
  {
    const absl::Time starting = absl::Now();
    ServerProcess server(db);
    if (server.port() == 0) {
      fs::remove(db);
      return 1;
    }
    std::printf("trainhubd started on the copy (migrations included) in %.1f s\n",
                absl::ToDoubleSeconds(absl::Now() - starting));
    auto channel = grpc::CreateChannel("127.0.0.1:" + std::to_string(server.port()),
                                       grpc::InsecureChannelCredentials());
    auto accounts = v1::AccountService::NewStub(channel);
    v1::LoginRequest login;
    login.set_email("bench@example.org");
    login.set_password(trainhub::bench::BenchServer::kPassword);
    v1::LoginResponse session;
    grpc::ClientContext context;
    if (!Ok(accounts->Login(&context, login, &session), "Login")) {
      fs::remove(db);
      return 1;
    }
    const std::string bearer = "Bearer " + session.token();
    auto orgs = v1::OrganizationService::NewStub(channel);
    v1::ListOrganizationsRequest first;
    first.set_page_size(1);
    v1::ListOrganizationsResponse page;
    if (!Ok(Authorized(bearer).Call(*orgs, &v1::OrganizationService::Stub::ListOrganizations, first,
                                    &page),
            "ListOrganizations") ||
        page.organizations_size() == 0) {
      fs::remove(db);
      return 1;
    }
    PrintReportTimes(MeasureReports(server.port(), bearer, page.organizations(0).id(), &failures));
  }
  for (const char* suffix : {"", "-wal", "-shm", ".issuer-key"}) fs::remove(db + suffix, error);
  return failures == 0 ? 0 : 1;
}

}  // namespace

int main(int argc, char** argv) {
  int organizations = 200, calls = 500, threads = 4;
  std::string keep;
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string flag = argv[i];
    if (flag == "--orgs") organizations = std::max(2, std::stoi(argv[i + 1]));
    if (flag == "--calls") calls = std::stoi(argv[i + 1]);
    if (flag == "--threads") threads = std::stoi(argv[i + 1]);
    if (flag == "--keep") keep = argv[i + 1];
    if (flag == "--trainhubd") trainhubd_path = argv[i + 1];
    if (flag == "--reports") return MeasureKeptReports(argv[i + 1]);
  }
  auto bench = trainhub::bench::BenchServer::Start("trainhub-state-bench", kClientAddress);
  if (!bench) return 1;
  const std::string db = bench->db_path();
  std::vector<int64_t> ids;
  const absl::Time started = absl::Now();
  const int small_organizations = std::min(kSmallOrganizations, organizations - 1);
  if (!Load(*bench, 0, small_organizations, threads, &ids)) return trainhub::bench::ExitCode(1);
  auto coordinator =
      bench->LoginAs(kCoordinatorEmail, {{trainhub::domain::Role::kCoordinator, ids[0]}});
  if (!coordinator) return trainhub::bench::ExitCode(1);
  bench->Stop();
  int failures = 0;
  std::array<double, kReads> small{}, large{};
  long small_rss = 0, large_rss = 0;
  ReportTimes reports;
  {
    ServerProcess server(db);
    if (server.port() == 0) return trainhub::bench::ExitCode(1);
    small = MeasureReads(server.port(), bench->bearer(), *coordinator, ids[0], calls, &failures);
    small_rss = server.ResidentKib();
  }
  if (!bench->Restart()) return trainhub::bench::ExitCode(1);
  const absl::Time loading = absl::Now();
  if (!Load(*bench, small_organizations, organizations, threads, &ids)) {
    return trainhub::bench::ExitCode(1);
  }
  const double load_seconds = absl::ToDoubleSeconds(absl::Now() - loading);
  bench->Stop();
  {
    ServerProcess server(db);
    if (server.port() == 0) return trainhub::bench::ExitCode(1);
    large = MeasureReads(server.port(), bench->bearer(), *coordinator, ids[0], calls, &failures);
    large_rss = server.ResidentKib();
    reports = MeasureReports(server.port(), bench->bearer(), ids[0], &failures);
  }
  const int series = organizations * kSeriesPerOrganization;
  const int sessions = series * kModulesPerSeries * kDaysPerModule;
  std::printf(
      "data set: %d organisations, %d participants, %d series, %d sessions, %d attendance "
      "records\n(loaded through the API in %.0f s with %d threads; database %.0f MB)\n",
      organizations, organizations * kPeoplePerOrganization, series, sessions,
      sessions * kSeatsPerSeries, load_seconds, threads,
      static_cast<double>(fs::file_size(db)) / (1024 * 1024));
  std::printf(
      "small data set: the first %d organisations; %d calls each, median of 3 rounds of the "
      "ratio to the health check\n",
      small_organizations, calls);
  std::printf("%-46s %7s %7s %12s\n", "read", "small", "large", "small/large");
  for (int k = 0; k < kReads; ++k) {
    const double cost = large[k] > 0 ? small[k] / large[k] : 0;
    std::printf("%-46s %7.2f %7.2f %12.2f %s\n", kReadNames[k], small[k], large[k], cost,
                cost <= 1.5 ? "(target 1.5 met)" : "(target 1.5 NOT met)");
  }
  std::printf("server memory after the reads: %.0f MB small, %.0f MB large %s\n",
              small_rss / 1024.0, large_rss / 1024.0,
              large_rss < 200 * 1024 ? "(target 200 MB met)" : "(target 200 MB NOT met)");
  PrintReportTimes(reports);
  std::printf("total %.0f s\n", absl::ToDoubleSeconds(absl::Now() - started));
  if (!keep.empty()) fs::copy_file(db, keep, fs::copy_options::overwrite_existing);
  return trainhub::bench::ExitCode(failures);
}
