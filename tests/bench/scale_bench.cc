// Whether a call's cost stays the same as a series grows: each call is
// measured in a series of --small and of --large enrolments (half of them
// seated, half waiting; the attendance sheet in a series of 25 seats with
// the rest waiting), as a ratio to the health check of the same turn; the
// target is a large/small ratio of at least 0.9. Exits non-zero if any call
// fails (the ratios are printed, never asserted).
//   scale_bench [--small N] [--large N] [--calls N]

#include <grpcpp/grpcpp.h>

#include <algorithm>
#include <array>
#include <cstdio>
#include <functional>
#include <string>
#include <vector>

#include "absl/time/clock.h"
#include "bench/bench_util.h"
#include "grpc/health/v1/health.grpc.pb.h"
#include "trainhub/v1/attendance.grpc.pb.h"
#include "trainhub/v1/enrolment.grpc.pb.h"
#include "trainhub/v1/organization.grpc.pb.h"
#include "trainhub/v1/participant.grpc.pb.h"
#include "trainhub/v1/series.grpc.pb.h"

namespace {

namespace v1 = ::trainhub::v1;
using trainhub::bench::Measure;
using trainhub::bench::Measurement;
using trainhub::bench::Median;

constexpr char kClientAddress[] = "ipv4:192.0.2.11";
constexpr int kMaxRowsPerImport = 10000;  // ImportParticipantsRequest.csv
constexpr int kSheetSeats = 25;

// One organisation with a series of `size` enrolments and `calls` more
// people to enrol; every call the round measures, on an admin's token.
class SizedSeries {
 public:
  SizedSeries(const std::shared_ptr<grpc::Channel>& channel, std::string bearer)
      : bearer_(std::move(bearer)) {
    Connect(channel);
  }
  // Calls go to `channel` from now on.
  void Connect(const std::shared_ptr<grpc::Channel>& channel) {
    health_ = grpc::health::v1::Health::NewStub(channel);
    orgs_ = v1::OrganizationService::NewStub(channel);
    series_ = v1::SeriesService::NewStub(channel);
    people_ = v1::ParticipantService::NewStub(channel);
    enrolments_ = v1::EnrolmentService::NewStub(channel);
    attendance_ = v1::AttendanceService::NewStub(channel);
  }

  // False (after printing why) when a call failed.
  bool Fill(int size, int extra_people) {
    grpc::ClientContext context;
    context.AddMetadata("authorization", bearer_);
    v1::CreateOrganizationRequest org;
    org.mutable_organization()->set_name("Landkreis mit " + std::to_string(size));
    org.mutable_organization()->set_kind(v1::ORGANIZATION_KIND_MUNICIPALITY);
    v1::Organization created_org;
    if (!Check(orgs_->CreateOrganization(&context, org, &created_org), "CreateOrganization")) {
      return false;
    }
    organization_id_ = created_org.id();
    series_id_ = NewSeries("Interkultur im Ehrenamt", std::max(1, size / 2));
    if (series_id_ == 0) return false;
    for (int first = 0; first < size; first += kMaxRowsPerImport) {
      const int rows = std::min(kMaxRowsPerImport, size - first);
      if (!Import(first, rows, series_id_, &enrolled_)) return false;
    }
    if (!Import(size, extra_people, 0, &newcomers_)) return false;
    // A series of 25 seats whose waiting list holds the rest, with a session
    // that started a minute ago: its sheet has 25 people at any size.
    const int64_t sheet_series = NewSeries("Vielfalts-Montag", kSheetSeats);
    if (sheet_series == 0) return false;
    std::vector<v1::ImportedRow> sheet_people;
    for (int first = 0; first < size; first += kMaxRowsPerImport) {
      const int rows = std::min(kMaxRowsPerImport, size - first);
      if (!Import(size + extra_people + first, rows, sheet_series, &sheet_people)) return false;
    }
    return AddSession(sheet_series);
  }

  bool Health() {
    grpc::ClientContext context;
    grpc::health::v1::HealthCheckResponse response;
    return health_->Check(&context, grpc::health::v1::HealthCheckRequest{}, &response).ok();
  }
  // The i-th newcomer asks for a place: it joins the end of the waiting list.
  bool Enrol(int i) {
    grpc::ClientContext context;
    context.AddMetadata("authorization", bearer_);
    v1::RequestEnrolmentRequest request;
    request.set_series_id(series_id_);
    request.set_participant_id(newcomers_[i].participant_id());
    request.set_request_id("scale-enrol-" + std::to_string(series_id_) + "-" + std::to_string(i));
    v1::Enrolment response;
    if (!enrolments_->RequestEnrolment(&context, request, &response).ok()) return false;
    last_waiting_ = response.id();
    return response.state() == v1::ENROLMENT_STATE_WAITLISTED;
  }
  // The i-th seated person withdraws; the first one waiting takes the seat.
  bool Withdraw(int i) {
    grpc::ClientContext context;
    context.AddMetadata("authorization", bearer_);
    v1::WithdrawEnrolmentRequest request;
    request.set_id(enrolled_[i].enrolment_id());
    request.set_reason("Umzug nach Magdeburg");
    v1::Enrolment response;
    return enrolments_->WithdrawEnrolment(&context, request, &response).ok() &&
           response.state() == v1::ENROLMENT_STATE_WITHDRAWN;
  }
  // The last person on the waiting list, with their position.
  bool GetLastWaiting() {
    grpc::ClientContext context;
    context.AddMetadata("authorization", bearer_);
    v1::GetEnrolmentRequest request;
    request.set_id(last_waiting_);
    v1::Enrolment response;
    return enrolments_->GetEnrolment(&context, request, &response).ok() &&
           response.waitlist_position() > 0;
  }
  // A page of 20 of the waiting list; `token` "" for the first.
  bool WaitingPage(const std::string& token, std::string* next = nullptr) {
    grpc::ClientContext context;
    context.AddMetadata("authorization", bearer_);
    v1::ListEnrolmentsRequest request;
    request.set_series_id(series_id_);
    request.add_states(v1::ENROLMENT_STATE_WAITLISTED);
    request.set_page_size(20);
    request.set_page_token(token);
    v1::ListEnrolmentsResponse response;
    if (!enrolments_->ListEnrolments(&context, request, &response).ok()) return false;
    if (next) *next = response.next_page_token();
    return response.enrolments_size() > 0;
  }
  // A page of 20 of the organisation's participants; `token` "" for the first.
  bool PeoplePage(const std::string& token, std::string* next = nullptr) {
    grpc::ClientContext context;
    context.AddMetadata("authorization", bearer_);
    v1::ListParticipantsRequest request;
    request.set_organization_id(organization_id_);
    request.set_page_size(20);
    request.set_page_token(token);
    v1::ListParticipantsResponse response;
    if (!people_->ListParticipants(&context, request, &response).ok()) return false;
    if (next) *next = response.next_page_token();
    return response.participants_size() > 0;
  }
  // The sheet of the session of the series of 25 seats.
  bool Sheet() {
    grpc::ClientContext context;
    context.AddMetadata("authorization", bearer_);
    v1::GetAttendanceSheetRequest request;
    request.set_session_id(sheet_session_);
    v1::AttendanceSheet response;
    return attendance_->GetAttendanceSheet(&context, request, &response).ok() &&
           response.entries_size() == kSheetSeats;
  }

 private:
  static bool Check(const grpc::Status& status, const char* what) {
    if (!status.ok()) std::fprintf(stderr, "%s: %s\n", what, status.error_message().c_str());
    return status.ok();
  }
  // A new series of the organisation; its id, or 0 after printing why.
  int64_t NewSeries(const std::string& title, int capacity) {
    grpc::ClientContext context;
    context.AddMetadata("authorization", bearer_);
    v1::CreateSeriesRequest request;
    request.mutable_series()->set_organization_id(organization_id_);
    request.mutable_series()->set_title(title);
    request.mutable_series()->set_kind(v1::SERIES_KIND_VOLUNTEER_COURSE);
    request.mutable_series()->set_capacity(capacity);
    v1::Series created;
    if (!Check(series_->CreateSeries(&context, request, &created), "CreateSeries")) return 0;
    return created.id();
  }
  // A module with one session of three hours that began a minute ago.
  bool AddSession(int64_t series_id) {
    grpc::ClientContext context;
    context.AddMetadata("authorization", bearer_);
    v1::CreateModuleRequest module_request;
    module_request.set_series_id(series_id);
    module_request.mutable_module()->set_title("Modul 1: Einführung");
    module_request.mutable_module()->set_teaching_units(4);
    v1::Module module;
    if (!Check(series_->CreateModule(&context, module_request, &module), "CreateModule")) {
      return false;
    }
    grpc::ClientContext session_context;
    session_context.AddMetadata("authorization", bearer_);
    v1::CreateSessionRequest request;
    request.set_series_id(series_id);
    request.set_module_id(module.id());
    const int64_t start = absl::ToUnixSeconds(absl::Now() - absl::Minutes(1));
    request.mutable_session()->mutable_start_time()->set_seconds(start);
    request.mutable_session()->mutable_end_time()->set_seconds(start + 3 * 3600);
    v1::Session session;
    if (!Check(series_->CreateSession(&session_context, request, &session), "CreateSession")) {
      return false;
    }
    sheet_session_ = session.id();
    return true;
  }
  // Imports people `first`..`first + rows - 1`, enrolled in `series_id`
  // unless 0, and appends the rows stored to `out`.
  bool Import(int first, int rows, int64_t series_id, std::vector<v1::ImportedRow>* out) {
    std::string csv = "Name\n";
    for (int i = first; i < first + rows; ++i) {
      csv += "Person " + std::to_string(organization_id_) + "-" + std::to_string(i) + "\n";
    }
    grpc::ClientContext context;
    context.AddMetadata("authorization", bearer_);
    v1::ImportParticipantsRequest request;
    request.set_organization_id(organization_id_);
    request.set_csv(csv);
    request.add_default_target_groups(v1::TARGET_GROUP_VOLUNTEERS);
    request.set_series_id(series_id);
    v1::ImportParticipantsResponse response;
    if (!Check(people_->ImportParticipants(&context, request, &response), "ImportParticipants")) {
      return false;
    }
    out->insert(out->end(), response.imported().begin(), response.imported().end());
    return true;
  }

  std::string bearer_;
  std::unique_ptr<grpc::health::v1::Health::Stub> health_;
  std::unique_ptr<v1::OrganizationService::Stub> orgs_;
  std::unique_ptr<v1::SeriesService::Stub> series_;
  std::unique_ptr<v1::ParticipantService::Stub> people_;
  std::unique_ptr<v1::EnrolmentService::Stub> enrolments_;
  std::unique_ptr<v1::AttendanceService::Stub> attendance_;
  int64_t organization_id_ = 0, series_id_ = 0, last_waiting_ = 0, sheet_session_ = 0;
  std::vector<v1::ImportedRow> enrolled_, newcomers_;
};

// The calls measured, each a function of the call's index.
constexpr int kCalls = 6;
constexpr const char* kCallNames[kCalls] = {
    "RequestEnrolment (joins the waiting list)", "WithdrawEnrolment (promotes the next)",
    "GetEnrolment (last on the waiting list)",   "ListEnrolments (waiting, last page of 20)",
    "ListParticipants (last page of 20)",        "GetAttendanceSheet (25 seated, rest waiting)"};

// A filled series with what its measured calls need.
struct Fixture {
  std::unique_ptr<SizedSeries> series;
  std::string last_waiting_page, last_people_page;
};

// Measures `calls` of each call in slice `slice` of `slices` (so that the
// sizes take turns and a slow moment of the machine hits both), as ratios
// to a health check measured in the same slice.
std::array<double, kCalls> MeasureSlice(Fixture& f, int calls, int slice, int slices,
                                        int* failures) {
  SizedSeries& s = *f.series;
  const int first = slice * calls / slices, count = (slice + 1) * calls / slices - first;
  const Measurement base = Measure(count, 1, [&](int, int) { return s.Health(); });
  *failures += base.failures;
  const std::array<std::function<bool(int)>, kCalls> call = {
      [&](int i) { return s.Enrol(first + i + 1); },  // newcomer 0 enrolled in Fill
      [&](int i) { return s.Withdraw(first + i); },
      [&](int) { return s.GetLastWaiting(); },
      [&](int) { return s.WaitingPage(f.last_waiting_page); },
      [&](int) { return s.PeoplePage(f.last_people_page); },
      [&](int) { return s.Sheet(); }};
  std::array<double, kCalls> ratios{};
  for (int c = 0; c < kCalls; ++c) {
    // Reads change nothing: three times as many of them steady their figures.
    const int times = c < 2 ? count : 3 * count;
    const Measurement m = Measure(times, 1, [&](int, int i) { return call[c](i); });
    *failures += m.failures;
    ratios[c] = m.calls_per_second / base.calls_per_second;
  }
  return ratios;
}

}  // namespace

int main(int argc, char** argv) {
  int small = 2000, large = 20000, calls = 1000;
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string flag = argv[i];
    if (flag == "--small") small = std::stoi(argv[i + 1]);
    if (flag == "--large") large = std::stoi(argv[i + 1]);
    if (flag == "--calls") calls = std::stoi(argv[i + 1]);
  }
  calls = std::min(calls, small / 2);  // withdrawals need that many seated people
  auto bench = trainhub::bench::BenchServer::Start("trainhub-scale-bench", kClientAddress);
  if (!bench) return 1;
  int failures = 0;
  std::array<Fixture, 2> fixtures;
  const std::array<int, 2> sizes = {small, large};
  for (int k = 0; k < 2; ++k) {
    Fixture& f = fixtures[k];
    f.series = std::make_unique<SizedSeries>(bench->channel(), bench->bearer());
    SizedSeries& s = *f.series;
    if (!s.Fill(sizes[k], calls)) return trainhub::bench::ExitCode(1);
    f.last_waiting_page = trainhub::bench::LastPageToken(
        [&](const std::string& t, std::string* n) { return s.WaitingPage(t, n); });
    f.last_people_page = trainhub::bench::LastPageToken(
        [&](const std::string& t, std::string* n) { return s.PeoplePage(t, n); });
    if (!s.Enrol(0)) ++failures;  // someone is waiting at the end of the list
  }
  // The server starts again on the filled database, so that what was
  // written last (still in the write-ahead log) does not make one series
  // slower to read than the other.
  if (!bench->Restart()) return trainhub::bench::ExitCode(1);
  for (Fixture& f : fixtures) f.series->Connect(bench->channel());
  constexpr int kSlices = 7;
  std::array<std::array<std::vector<double>, kCalls>, 2> ratios;
  for (int slice = 0; slice < kSlices; ++slice) {
    for (int turn = 0; turn < 2; ++turn) {
      const int k = (slice + turn) % 2;  // who goes first alternates
      const std::array<double, kCalls> r =
          MeasureSlice(fixtures[k], calls - 1, slice, kSlices, &failures);
      for (int c = 0; c < kCalls; ++c) ratios[k][c].push_back(r[c]);
    }
  }
  std::printf(
      "series of %d and %d enrolments; %d writes and %d reads of each call in %d slices taking\n"
      "turns; median ratio to the health check of the same slice\n",
      small, large, calls - 1, 3 * (calls - 1), kSlices);
  std::printf("%-42s %8s %8s %12s\n", "call", "small", "large", "large/small");
  for (int c = 0; c < kCalls; ++c) {
    const double at_small = Median(ratios[0][c]), at_large = Median(ratios[1][c]);
    const double kept = at_small > 0 ? at_large / at_small : 0;
    std::printf("%-42s %8.2f %8.2f %12.2f %s\n", kCallNames[c], at_small, at_large, kept,
                kept >= 0.9 ? "(target 0.90 met)" : "(target 0.90 NOT met)");
  }
  return trainhub::bench::ExitCode(failures);
}
