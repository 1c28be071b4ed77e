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

#include "absl/time/civil_time.h"
#include "absl/time/clock.h"
#include "bench/bench_util.h"
#include "grpc/health/v1/health.grpc.pb.h"
#include "trainhub/v1/account.grpc.pb.h"
#include "trainhub/v1/attendance.grpc.pb.h"
#include "trainhub/v1/audit.grpc.pb.h"
#include "trainhub/v1/enrolment.grpc.pb.h"
#include "trainhub/v1/organization.grpc.pb.h"
#include "trainhub/v1/participant.grpc.pb.h"
#include "trainhub/v1/report.grpc.pb.h"
#include "trainhub/v1/series.grpc.pb.h"

extern char** environ;

namespace {

namespace v1 = ::trainhub::v1;
namespace fs = std::filesystem;
using trainhub::bench::Measure;
using trainhub::bench::Measurement;

constexpr char kClientAddress[] = "ipv4:192.0.2.12";
constexpr int kPeoplePerOrganization = 500;
constexpr int kSeriesPerOrganization = 25;
constexpr int kModulesPerSeries = 4;
constexpr int kDaysPerModule = 3;
constexpr int kSeatsPerSeries = 17;
constexpr char kCoordinatorEmail[] = "koordination@example.org";
// The small data set: enough organisations for a full page of them.
constexpr int kSmallOrganizations = 20;

constexpr std::array<const char*, 20> kGivenNames = {
    "Jana",  "Omar",  "Ольга", "Zoë",   "Mehmet", "Aylin", "Lukas", "Fatima", "Jürgen", "Anh",
    "Chidi", "Marta", "Yusuf", "Sören", "Leyla",  "Paweł", "Ngozi", "Hana",   "Elif",   "Björn"};
constexpr std::array<const char*, 15> kFamilyNames = {
    "Beispiel", "Haddad",   "Иванова",  "Çelik", "Yılmaz", "Müller", "Nguyen", "Okafor",
    "Kowalski", "Schröder", "Al-Ahmad", "Weiß",  "Demir",  "Öztürk", "Kraus"};

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

bool Ok(const grpc::Status& status, const char* what) {
  if (!status.ok()) std::fprintf(stderr, "%s: %s\n", what, status.error_message().c_str());
  return status.ok();
}

v1::LocalDate Day(absl::CivilDay d) {
  v1::LocalDate out;
  out.set_year(static_cast<int>(d.year()));
  out.set_month(d.month());
  out.set_day(d.day());
  return out;
}

// Writes one organisation of the programme through the API.
class Loader {
 public:
  Loader(const std::shared_ptr<grpc::Channel>& channel, std::string bearer)
      : call_(std::move(bearer)),
        orgs_(v1::OrganizationService::NewStub(channel)),
        series_(v1::SeriesService::NewStub(channel)),
        people_(v1::ParticipantService::NewStub(channel)),
        enrolments_(v1::EnrolmentService::NewStub(channel)),
        attendance_(v1::AttendanceService::NewStub(channel)) {}

  // Organisation `index` with its people, series, sessions, enrolments and
  // attendance; its id, or 0 after printing why.
  int64_t LoadOrganization(int index) {
    v1::CreateOrganizationRequest org;
    org.mutable_organization()->set_name("Träger " + std::to_string(index + 1) + " im Land");
    org.mutable_organization()->set_kind(index % 3 == 0 ? v1::ORGANIZATION_KIND_MUNICIPALITY
                                                        : v1::ORGANIZATION_KIND_NGO);
    v1::Organization created;
    if (!Ok(call_.Call(*orgs_, &v1::OrganizationService::Stub::CreateOrganization, org, &created),
            "CreateOrganization")) {
      return 0;
    }
    std::vector<int64_t> people = ImportPeople(created.id(), index);
    if (people.size() != kPeoplePerOrganization) return 0;
    for (int s = 0; s < kSeriesPerOrganization; ++s) {
      if (!LoadSeries(created.id(), index * kSeriesPerOrganization + s, people)) return 0;
    }
    return created.id();
  }

 private:
  std::vector<int64_t> ImportPeople(int64_t organization_id, int index) {
    std::string csv = "Vorname;Nachname;E-Mail;Zielgruppe\n";
    for (int i = 0; i < kPeoplePerOrganization; ++i) {
      const int n = index * kPeoplePerOrganization + i;
      csv += std::string(kGivenNames[n % kGivenNames.size()]) + ";" +
             kFamilyNames[(n / kGivenNames.size()) % kFamilyNames.size()] + ";person" +
             std::to_string(n) + "@example.org;" + (i % 5 == 0 ? "Verwaltung" : "Ehrenamt") + "\n";
    }
    v1::ImportParticipantsRequest request;
    request.set_organization_id(organization_id);
    request.set_csv(csv);
    v1::ImportParticipantsResponse response;
    std::vector<int64_t> ids;
    if (!Ok(call_.Call(*people_, &v1::ParticipantService::Stub::ImportParticipants, request,
                       &response),
            "ImportParticipants")) {
      return ids;
    }
    for (const auto& row : response.imported()) ids.push_back(row.participant_id());
    return ids;
  }

  // Series `n` of the programme: its sessions lie between 2019 and 2025.
  bool LoadSeries(int64_t organization_id, int n, const std::vector<int64_t>& people) {
    v1::CreateSeriesRequest create;
    create.mutable_series()->set_organization_id(organization_id);
    create.mutable_series()->set_title(n % 2 == 0 ? "Interkultur im Ehrenamt " + std::to_string(n)
                                                  : "Vielfalts-Montag " + std::to_string(n));
    create.mutable_series()->set_kind(n % 2 == 0 ? v1::SERIES_KIND_VOLUNTEER_COURSE
                                                 : v1::SERIES_KIND_VIELFALTS_MONTAG);
    create.mutable_series()->set_capacity(kSeatsPerSeries);
    v1::Series series;
    if (!Ok(call_.Call(*series_, &v1::SeriesService::Stub::CreateSeries, create, &series),
            "CreateSeries")) {
      return false;
    }
    const absl::CivilDay first = absl::CivilDay(2019, 1, 7) + (n * 7) % (6 * 365);
    std::vector<int64_t> sessions;
    for (int m = 0; m < kModulesPerSeries; ++m) {
      v1::CreateModuleRequest module;
      module.set_series_id(series.id());
      module.mutable_module()->set_title("Modul " + std::to_string(m + 1));
      module.mutable_module()->set_teaching_units(24);
      v1::Module created;
      if (!Ok(call_.Call(*series_, &v1::SeriesService::Stub::CreateModule, module, &created),
              "CreateModule")) {
        return false;
      }
      v1::CreateSessionDaysRequest days;
      days.set_series_id(series.id());
      days.set_module_id(created.id());
      *days.mutable_first_day() = Day(first + 14 * m);
      *days.mutable_last_day() = Day(first + 14 * m + kDaysPerModule - 1);
      days.mutable_daily_start()->set_hours(9);
      days.mutable_daily_end()->set_hours(16);
      v1::CreateSessionDaysResponse made;
      if (!Ok(call_.Call(*series_, &v1::SeriesService::Stub::CreateSessionDays, days, &made),
              "CreateSessionDays")) {
        return false;
      }
      for (const auto& s : made.sessions()) sessions.push_back(s.id());
    }
    v1::EnrolCohortRequest cohort;
    cohort.set_series_id(series.id());
    std::vector<int64_t> seated;
    for (int i = 0; i < kSeatsPerSeries; ++i) {
      seated.push_back(people[(n * kSeatsPerSeries + i) % people.size()]);
      cohort.add_participant_ids(seated.back());
    }
    v1::EnrolCohortResponse enrolled;
    if (!Ok(call_.Call(*enrolments_, &v1::EnrolmentService::Stub::EnrolCohort, cohort, &enrolled),
            "EnrolCohort")) {
      return false;
    }
    for (size_t s = 0; s < sessions.size(); ++s) {
      v1::RecordAttendanceSheetRequest sheet;
      sheet.set_session_id(sessions[s]);
      // The seats were taken today: the paper lists of then are transferred.
      sheet.set_reason("Übertrag aus der Papierliste");
      for (size_t i = 0; i < seated.size(); ++i) {
        v1::AttendanceMark* mark = sheet.add_marks();
        mark->set_participant_id(seated[i]);
        const size_t roll = (s * 31 + i * 17 + n) % 100;
        if (roll < 80) {
          mark->set_status(v1::ATTENDANCE_STATUS_PRESENT);
        } else if (roll < 88) {
          mark->set_status(v1::ATTENDANCE_STATUS_LATE);
          mark->set_minutes_missed(20);
        } else if (roll < 95) {
          mark->set_status(v1::ATTENDANCE_STATUS_EXCUSED);
        } else {
          mark->set_status(v1::ATTENDANCE_STATUS_ABSENT);
        }
      }
      v1::AttendanceSheet recorded;
      if (!Ok(call_.Call(*attendance_, &v1::AttendanceService::Stub::RecordAttendanceSheet, sheet,
                         &recorded),
              "RecordAttendanceSheet")) {
        return false;
      }
    }
    return true;
  }

  Authorized call_;
  std::unique_ptr<v1::OrganizationService::Stub> orgs_;
  std::unique_ptr<v1::SeriesService::Stub> series_;
  std::unique_ptr<v1::ParticipantService::Stub> people_;
  std::unique_ptr<v1::EnrolmentService::Stub> enrolments_;
  std::unique_ptr<v1::AttendanceService::Stub> attendance_;
};

// Loads organisations [first, last) with `threads` loaders; false on failure.
bool Load(trainhub::bench::BenchServer& bench, int first, int last, int threads,
          std::vector<int64_t>* ids) {
  std::atomic<int> next{first};
  std::atomic<bool> failed{false};
  ids->resize(std::max<size_t>(ids->size(), last));
  std::vector<std::thread> workers;
  for (int t = 0; t < threads; ++t) {
    workers.emplace_back([&] {
      Loader loader(bench.channel(), bench.bearer());
      for (int i = next++; i < last && !failed; i = next++) {
        const int64_t id = loader.LoadOrganization(i);
        if (id == 0) failed = true;
        (*ids)[i] = id;
      }
    });
  }
  for (auto& w : workers) w.join();
  return !failed;
}

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

// The reads of organisation `organization_id` (its first series and session)
// as ratios to the health check, `calls` each; adds failures to `failures`.
std::array<double, kReads> MeasureReads(int port, const std::string& admin,
                                        const std::string& coordinator, int64_t organization_id,
                                        int calls, int* failures) {
  auto channel =
      grpc::CreateChannel("127.0.0.1:" + std::to_string(port), grpc::InsecureChannelCredentials());
  auto health = grpc::health::v1::Health::NewStub(channel);
  auto orgs = v1::OrganizationService::NewStub(channel);
  auto series = v1::SeriesService::NewStub(channel);
  auto people = v1::ParticipantService::NewStub(channel);
  auto enrolments = v1::EnrolmentService::NewStub(channel);
  auto attendance = v1::AttendanceService::NewStub(channel);
  auto audit = v1::AuditService::NewStub(channel);
  const Authorized as_admin(admin), as_coordinator(coordinator);

  v1::ListSeriesRequest series_request;
  series_request.set_organization_id(organization_id);
  series_request.set_page_size(20);
  v1::ListSeriesResponse series_page;
  if (!Ok(as_admin.Call(*series, &v1::SeriesService::Stub::ListSeries, series_request,
                        &series_page),
          "ListSeries") ||
      series_page.series_size() == 0) {
    ++*failures;
    return {};
  }
  const int64_t series_id = series_page.series(0).id();
  v1::ListSessionsRequest sessions_request;
  sessions_request.set_series_id(series_id);
  sessions_request.set_page_size(20);
  v1::ListSessionsResponse sessions_page;
  if (!Ok(as_admin.Call(*series, &v1::SeriesService::Stub::ListSessions, sessions_request,
                        &sessions_page),
          "ListSessions") ||
      sessions_page.sessions_size() == 0) {
    ++*failures;
    return {};
  }
  const int64_t session_id = sessions_page.sessions(0).id();
  // The coordinator's last pages of all the series and people they see.
  v1::ListSeriesRequest last_series;
  last_series.set_page_size(20);
  v1::ListParticipantsRequest last_people;
  last_people.set_page_size(20);
  last_series.set_page_token(
      trainhub::bench::LastPageToken([&](const std::string& token, std::string* next) {
        v1::ListSeriesRequest r = last_series;
        r.set_page_token(token);
        v1::ListSeriesResponse page;
        const bool ok =
            as_coordinator.Call(*series, &v1::SeriesService::Stub::ListSeries, r, &page).ok();
        *next = page.next_page_token();
        return ok;
      }));
  last_people.set_page_token(
      trainhub::bench::LastPageToken([&](const std::string& token, std::string* next) {
        v1::ListParticipantsRequest r = last_people;
        r.set_page_token(token);
        v1::ListParticipantsResponse page;
        const bool ok =
            as_coordinator.Call(*people, &v1::ParticipantService::Stub::ListParticipants, r, &page)
                .ok();
        *next = page.next_page_token();
        return ok;
      }));

  const std::array<std::function<bool()>, kReads> reads = {
      [&] {
        v1::ListOrganizationsRequest r;
        r.set_page_size(20);
        v1::ListOrganizationsResponse out;
        return as_admin.Call(*orgs, &v1::OrganizationService::Stub::ListOrganizations, r, &out)
            .ok();
      },
      [&] {
        v1::ListSeriesResponse out;
        return as_coordinator.Call(*series, &v1::SeriesService::Stub::ListSeries, last_series, &out)
                   .ok() &&
               out.series_size() > 0;
      },
      [&] {
        v1::ListParticipantsResponse out;
        return as_coordinator
                   .Call(*people, &v1::ParticipantService::Stub::ListParticipants, last_people,
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
                   .Call(*people, &v1::ParticipantService::Stub::ListParticipants, r, &out)
                   .ok() &&
               out.participants_size() > 0;
      },
      [&] {
        v1::ListSessionsResponse out;
        return as_coordinator
            .Call(*series, &v1::SeriesService::Stub::ListSessions, sessions_request, &out)
            .ok();
      },
      [&] {
        v1::ListEnrolmentsRequest r;
        r.set_series_id(series_id);
        r.set_page_size(20);
        v1::ListEnrolmentsResponse out;
        return as_coordinator
                   .Call(*enrolments, &v1::EnrolmentService::Stub::ListEnrolments, r, &out)
                   .ok() &&
               out.enrolments_size() == kSeatsPerSeries;
      },
      [&] {
        v1::GetAttendanceSheetRequest r;
        r.set_session_id(session_id);
        v1::AttendanceSheet out;
        return as_coordinator
                   .Call(*attendance, &v1::AttendanceService::Stub::GetAttendanceSheet, r, &out)
                   .ok() &&
               out.entries_size() == kSeatsPerSeries;
      },
      [&] {
        v1::GetAttendanceMatrixRequest r;
        r.set_series_id(series_id);
        v1::AttendanceMatrix out;
        return as_coordinator
            .Call(*attendance, &v1::AttendanceService::Stub::GetAttendanceMatrix, r, &out)
            .ok();
      },
      [&] {
        v1::ListAuditEventsRequest r;
        r.set_page_size(20);
        v1::ListAuditEventsResponse out;
        return as_coordinator.Call(*audit, &v1::AuditService::Stub::ListAuditEvents, r, &out).ok();
      }};
  auto health_check = [&] {
    grpc::ClientContext context;
    grpc::health::v1::HealthCheckResponse out;
    return health->Check(&context, {}, &out).ok();
  };
  for (const auto& read : reads) read();  // warm the caches
  // Three rounds over all reads, each read against a health check measured
  // just before it; the median of the three.
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

// Funder reports on the whole data set, each the median of 3 in
// milliseconds: state-wide for one year (about a sixth of the records), for
// all seven years, for a programme period of six years from 1 July, and one
// organisation's year.
struct ReportTimes {
  double state_year = 0, state_all = 0, state_programme = 0, organization_year = 0;
};

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
    if (!Ok(Authorized(bearer).Call(*orgs, &v1::OrganizationService::Stub::ListOrganizations,
                                    first, &page),
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
