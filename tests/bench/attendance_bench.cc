// Attendance against its targets, measured in one run over loopback TCP:
// recording a 25-person sheet (one durable write unit) as a ratio to one
// durable single create (the median of 5 rounds in which they take turns,
// with its range and the CPU time per call), and the summary and matrix of a large series
// (1,000 people x 16 sessions) and the completion evaluation of everyone in
// it (with 4 sessions still to come) in milliseconds; issuing 200
// certificates with their PDFs (per second) and verifying a number without
// an account (ratio to the health check's rate). Exits non-zero if any call
// fails; prints the figures, never asserts them.
//   attendance_bench [--calls N] [--people N]

#include <grpcpp/grpcpp.h>
#include <spdlog/spdlog.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "absl/time/clock.h"
#include "bench/bench_util.h"
#include "domain/attendance/attendance_ledger.h"
#include "domain/ports/unit_of_work.h"
#include "grpc/health/v1/health.grpc.pb.h"
#include "server/trainhub_server.h"
#include "trainhub/v1/attendance.grpc.pb.h"
#include "trainhub/v1/certificate.grpc.pb.h"
#include "trainhub/v1/enrolment.grpc.pb.h"
#include "trainhub/v1/organization.grpc.pb.h"
#include "trainhub/v1/participant.grpc.pb.h"
#include "trainhub/v1/series.grpc.pb.h"

namespace {

namespace v1 = ::trainhub::v1;
using trainhub::bench::Measure;
using trainhub::bench::Measurement;

constexpr int kSheetPeople = 25;
constexpr int kLargeSeriesSessions = 16;
constexpr size_t kRemainingSessions = 4;
constexpr int kCertificatePeople = 200;
constexpr int kSessionsPerModule = 50;
constexpr int kRounds = 5;
constexpr double kSheetTarget = 1.2;

// A nonce of the CLI's length (35 characters), distinct for each pair.
std::string ClientNonce(int64_t a, int64_t b) {
  char nonce[40];
  std::snprintf(nonce, sizeof nonce, "cli-%016llx%015llx", static_cast<unsigned long long>(a),
                static_cast<unsigned long long>(b));
  return nonce;
}

void SetTime(absl::Time t, google::protobuf::Timestamp* out) {
  out->set_seconds(absl::ToUnixSeconds(t));
}

// An admin's calls to one running server; each returns whether it succeeded.
class AttendanceBench {
 public:
  AttendanceBench(const std::shared_ptr<grpc::Channel>& channel, std::string bearer)
      : bearer_(std::move(bearer)),
        orgs_(v1::OrganizationService::NewStub(channel)),
        series_(v1::SeriesService::NewStub(channel)),
        people_(v1::ParticipantService::NewStub(channel)),
        enrolments_(v1::EnrolmentService::NewStub(channel)),
        attendance_(v1::AttendanceService::NewStub(channel)),
        certificates_(v1::CertificateService::NewStub(channel)),
        health_(grpc::health::v1::Health::NewStub(channel)) {}

  template <typename Stub, typename Request, typename Response>
  bool Call(Stub& stub,
            grpc::Status (Stub::*method)(grpc::ClientContext*, const Request&, Response*),
            const Request& request, Response* response) {
    grpc::ClientContext context;
    context.AddMetadata("authorization", bearer_);
    const grpc::Status status = (stub.*method)(&context, request, response);
    if (!status.ok()) std::fprintf(stderr, "%s\n", status.error_message().c_str());
    return status.ok();
  }

  bool CreateOrganization(const std::string& name) {
    v1::CreateOrganizationRequest request;
    request.set_request_id("bench-org-" + std::to_string(++organizations_));
    request.mutable_organization()->set_name(name);
    request.mutable_organization()->set_kind(v1::ORGANIZATION_KIND_NGO);
    v1::Organization org;
    if (!Call(*orgs_, &v1::OrganizationService::Stub::CreateOrganization, request, &org)) {
      return false;
    }
    organization_id_ = org.id();
    return true;
  }

  struct Planned {
    int64_t series_id = 0;
    std::vector<int64_t> session_ids;
  };
  // A series of `people` enrolled volunteers with `sessions` sessions that
  // began a minute ago (all recordable now).
  // `ended`: the sessions took place this morning (certificates need every
  // session ended); otherwise they run now.
  std::optional<Planned> Series(const std::string& title, int people, int sessions,
                                bool ended = false) {
    v1::CreateSeriesRequest create;
    create.mutable_series()->set_organization_id(organization_id_);
    create.mutable_series()->set_title(title);
    create.mutable_series()->set_kind(v1::SERIES_KIND_VOLUNTEER_COURSE);
    create.mutable_series()->set_capacity(people);
    create.mutable_series()->add_target_groups(v1::TARGET_GROUP_VOLUNTEERS);
    v1::Series series;
    if (!Call(*series_, &v1::SeriesService::Stub::CreateSeries, create, &series)) return {};
    v1::EnrolCohortRequest cohort;
    cohort.set_series_id(series.id());
    for (int i = 0; i < people; ++i) {
      v1::CreateParticipantRequest person;
      person.mutable_participant()->set_display_name(title + " " + std::to_string(i));
      person.mutable_participant()->set_organization_id(organization_id_);
      person.mutable_participant()->add_target_groups(v1::TARGET_GROUP_VOLUNTEERS);
      v1::Participant created;
      if (!Call(*people_, &v1::ParticipantService::Stub::CreateParticipant, person, &created)) {
        return {};
      }
      cohort.add_participant_ids(created.id());
    }
    v1::EnrolCohortResponse enrolled;
    if (!Call(*enrolments_, &v1::EnrolmentService::Stub::EnrolCohort, cohort, &enrolled)) {
      return {};
    }
    participants_[series.id()].assign(cohort.participant_ids().begin(),
                                      cohort.participant_ids().end());
    std::vector<int64_t> ids;
    const absl::Time start = absl::Now() - (ended ? absl::Hours(4) : absl::Minutes(1));
    v1::Module module;
    for (int s = 0; s < sessions; ++s) {
      if (s % kSessionsPerModule == 0) {  // a module holds at most 50 sessions
        v1::CreateModuleRequest module_request;
        module_request.set_series_id(series.id());
        module_request.mutable_module()->set_title("Modul " + std::to_string(s / 50 + 1));
        module_request.mutable_module()->set_teaching_units(8);
        if (!Call(*series_, &v1::SeriesService::Stub::CreateModule, module_request, &module)) {
          return {};
        }
      }
      v1::CreateSessionRequest request;
      request.set_series_id(series.id());
      request.set_module_id(module.id());
      SetTime(start, request.mutable_session()->mutable_start_time());
      SetTime(start + absl::Hours(3), request.mutable_session()->mutable_end_time());
      v1::Session session;
      if (!Call(*series_, &v1::SeriesService::Stub::CreateSession, request, &session)) return {};
      ids.push_back(session.id());
    }
    return Planned{series.id(), std::move(ids)};
  }

  // Everyone of `series_id` present at `session_id`; `reason` for a paper
  // list transferred afterwards (people enrolled after the session began).
  bool RecordAllPresent(int64_t series_id, int64_t session_id, const std::string& reason = "") {
    v1::RecordAttendanceSheetRequest request;
    request.set_session_id(session_id);
    request.set_reason(reason);
    for (int64_t person : participants_[series_id]) {
      v1::AttendanceMark* mark = request.add_marks();
      mark->set_participant_id(person);
      mark->set_status(v1::ATTENDANCE_STATUS_PRESENT);
    }
    v1::AttendanceSheet sheet;
    return Call(*attendance_, &v1::AttendanceService::Stub::RecordAttendanceSheet, request, &sheet);
  }

  // Issues everyone's certificate of `series_id`; their numbers, or
  // nullopt on failure.
  std::optional<std::vector<std::string>> IssueAll(int64_t series_id) {
    v1::IssueCertificatesRequest request;
    request.set_series_id(series_id);
    v1::IssueCertificatesResponse response;
    if (!Call(*certificates_, &v1::CertificateService::Stub::IssueCertificates, request,
              &response)) {
      return std::nullopt;
    }
    std::vector<std::string> serials;
    for (const auto& c : response.issued()) serials.push_back(c.serial());
    return serials;
  }

  // As anyone: no token.
  bool Verify(const std::string& serial) {
    grpc::ClientContext context;
    v1::VerifyCertificateRequest request;
    request.set_serial(serial);
    v1::CertificateVerification verification;
    return certificates_->VerifyCertificate(&context, request, &verification).ok() &&
           verification.status() == v1::CERTIFICATE_STATUS_VALID;
  }

  bool Health() {
    grpc::ClientContext context;
    grpc::health::v1::HealthCheckResponse response;
    return health_->Check(&context, grpc::health::v1::HealthCheckRequest{}, &response).ok();
  }

  // A mark as the CLI and the desktop client send it: with the device's
  // time, a nonce and the device.
  static void AsClientsSendIt(v1::AttendanceMark* mark, int64_t session_id, int round) {
    SetTime(absl::Now(), mark->mutable_client_time());
    mark->set_client_nonce(ClientNonce(session_id, mark->participant_id() * 1000 + round));
    mark->set_device_id("cli@trainer-laptop");
  }

  // Records everyone of `series_id` at `session_id` in one call, each mark
  // as the clients send it unless `as_clients_send` is false (statuses
  // only); the statuses vary with `round`.
  bool RecordSheet(int64_t series_id, int64_t session_id, int round, bool as_clients_send = true) {
    v1::RecordAttendanceSheetRequest request;
    request.set_session_id(session_id);
    request.set_request_id("bench-sheet-" + std::to_string(session_id) + "-" +
                           std::to_string(round));
    const std::vector<int64_t>& people = participants_[series_id];
    for (size_t i = 0; i < people.size(); ++i) {
      v1::AttendanceMark* mark = request.add_marks();
      mark->set_participant_id(people[i]);
      const int kind = static_cast<int>((i + round) % 10);
      mark->set_status(kind == 0   ? v1::ATTENDANCE_STATUS_ABSENT
                       : kind == 1 ? v1::ATTENDANCE_STATUS_EXCUSED
                       : kind == 2 ? v1::ATTENDANCE_STATUS_LATE
                                   : v1::ATTENDANCE_STATUS_PRESENT);
      if (kind == 2) mark->set_minutes_missed(15);
      if (as_clients_send) AsClientsSendIt(mark, session_id, round);
    }
    v1::AttendanceSheet sheet;
    return Call(*attendance_, &v1::AttendanceService::Stub::RecordAttendanceSheet, request, &sheet);
  }

  // Records one person of `series_id` at `session_id`.
  bool RecordOne(int64_t series_id, int64_t session_id, int round) {
    v1::RecordAttendanceRequest request;
    request.set_session_id(session_id);
    request.set_request_id("bench-one-" + std::to_string(session_id) + "-" + std::to_string(round));
    request.mutable_mark()->set_participant_id(participants_[series_id][0]);
    request.mutable_mark()->set_status(v1::ATTENDANCE_STATUS_PRESENT);
    AsClientsSendIt(request.mutable_mark(), session_id, round);
    v1::AttendanceRecord record;
    return Call(*attendance_, &v1::AttendanceService::Stub::RecordAttendance, request, &record);
  }

  bool Summary(int64_t series_id) {
    v1::GetAttendanceSummaryRequest request;
    request.set_series_id(series_id);
    v1::AttendanceSummary summary;
    return Call(*attendance_, &v1::AttendanceService::Stub::GetAttendanceSummary, request,
                &summary);
  }

  // Everyone's outcome and forecast under the default rule.
  bool Evaluate(int64_t series_id) {
    v1::EvaluateCompletionRequest request;
    request.set_series_id(series_id);
    v1::CompletionReport report;
    return Call(*certificates_, &v1::CertificateService::Stub::EvaluateCompletion, request,
                &report);
  }

  const std::vector<int64_t>& People(int64_t series_id) { return participants_[series_id]; }

  bool Matrix(int64_t series_id) {
    v1::GetAttendanceMatrixRequest request;
    request.set_series_id(series_id);
    v1::AttendanceMatrix matrix;
    return Call(*attendance_, &v1::AttendanceService::Stub::GetAttendanceMatrix, request, &matrix);
  }

 private:
  std::string bearer_;
  std::unique_ptr<v1::OrganizationService::Stub> orgs_;
  std::unique_ptr<v1::SeriesService::Stub> series_;
  std::unique_ptr<v1::ParticipantService::Stub> people_;
  std::unique_ptr<v1::EnrolmentService::Stub> enrolments_;
  std::unique_ptr<v1::AttendanceService::Stub> attendance_;
  std::unique_ptr<v1::CertificateService::Stub> certificates_;
  std::unique_ptr<grpc::health::v1::Health::Stub> health_;
  int64_t organization_id_ = 0;
  int organizations_ = 0;
  std::map<int64_t, std::vector<int64_t>> participants_;
};

// One durable write unit straight to the store (no RPC, no checks, no
// hashing) that appends a record, as the clients send it, for each of
// `people` at `session_id`: what the storage alone costs for them.
bool AppendRecords(trainhub::domain::Store& store, int64_t series_id, int64_t session_id,
                   const std::vector<int64_t>& people, int call) {
  namespace domain = trainhub::domain;
  return store
      .Write([&](domain::UnitOfWork& w) -> absl::Status {
        const absl::Time now = absl::Now();
        for (int64_t person : people) {
          domain::AttendanceEntry e;
          e.series_id = series_id;
          e.session_id = session_id;
          e.participant_id = person;
          e.status = domain::AttendanceStatus::kPresent;
          e.source = domain::AttendanceSource::kStaff;
          e.client_time = e.record_time = now;
          e.client_nonce = ClientNonce(call, person * 100 + static_cast<int64_t>(people.size()));
          e.device_id = "cli@trainer-laptop";
          e.account_id = 1;
          e.prev_hash = e.hash = std::string(domain::kLedgerHashBytes, '\0');
          if (absl::Status s = w.attendance().Append(e).status(); !s.ok()) return s;
        }
        return absl::OkStatus();
      })
      .ok();
}

// `issued` gets the numbers of the certificates issued.
int Run(AttendanceBench& bench, trainhub::domain::Store& store, int calls, int people,
        std::vector<std::string>* issued) {
  int failures = 0;
  if (!bench.CreateOrganization("Netzwerk Vielfalt")) return 1;
  // The sheet: a 25-person series with a session per call, each recorded
  // once as a trainer does after the session (corrections are single records).
  const auto small = bench.Series("Kurs", kSheetPeople, calls);
  const auto bare = bench.Series("Kurs ohne Geraet", kSheetPeople, calls);
  const auto single = bench.Series("Einzeln", kSheetPeople, calls);
  const auto large = bench.Series("Reihe", people, kLargeSeriesSessions);
  const auto storage = bench.Series("Speicher", kSheetPeople, 1);
  if (!small || !bare || !single || !large || !storage) return 1;
  const std::vector<int64_t>& stored_people = bench.People(storage->series_id);
  const std::vector<int64_t> one_person(stored_people.begin(), stored_people.begin() + 1);

  // Rounds in which the writes take turns: a machine whose speed drifts
  // during the run (a shared virtual machine) moves them alike, so each
  // round's ratios hold. The first is the create the others are compared to.
  struct Write {
    const char* name;
    std::function<bool(int)> call;
    std::vector<Measurement> rounds;
    std::vector<double> to_create, to_record;
  };
  std::vector<Write> writes = {
      {"CreateOrganization (durable)",
       [&](int i) { return bench.CreateOrganization("Organisation " + std::to_string(i)); }},
      {"RecordAttendance (1 person, durable)",
       [&](int i) { return bench.RecordOne(single->series_id, single->session_ids[i], i); }},
      {"RecordAttendanceSheet (25 people)",
       [&](int i) { return bench.RecordSheet(small->series_id, small->session_ids[i], i); }},
      {"  the same, statuses only (no device)",
       [&](int i) { return bench.RecordSheet(bare->series_id, bare->session_ids[i], i, false); }},
      {"Storage only: 1 record in a unit",
       [&](int i) {
         return AppendRecords(store, storage->series_id, storage->session_ids[0], one_person, i);
       }},
      {"Storage only: 25 records in a unit", [&](int i) {
         return AppendRecords(store, storage->series_id, storage->session_ids[0], stored_people, i);
       }}};
  const int per_round = std::max(calls / kRounds, 1);
  std::vector<double> floors;
  for (int round = 0; round < kRounds; ++round) {
    const int first = round * per_round;
    for (Write& w : writes) {
      const Measurement m = Measure(per_round, 1, [&](int, int i) { return w.call(first + i); });
      failures += m.failures;
      w.rounds.push_back(m);
    }
    const double create_us = writes[0].rounds.back().p50_us;
    for (size_t k = 1; k < writes.size(); ++k) {
      writes[k].to_create.push_back(writes[k].rounds.back().p50_us / create_us);
      if (k == 2 || k == 3) {
        writes[k].to_record.push_back(writes[k].rounds.back().p50_us /
                                      writes[1].rounds.back().p50_us);
      }
    }
    // A create plus what 24 more rows cost the storage: no sheet can be
    // cheaper, whatever the server does around the rows.
    floors.push_back((create_us + writes[5].rounds.back().p50_us - writes[4].rounds.back().p50_us) /
                     create_us);
  }
  auto median_of = [](const std::vector<Measurement>& ms, double Measurement::*field) {
    std::vector<double> values;
    for (const Measurement& m : ms) values.push_back(m.*field);
    return trainhub::bench::Median(values);
  };
  auto range_of = [](const std::vector<double>& r) {
    char out[32] = "";
    if (!r.empty()) {
      std::snprintf(out, sizeof out, "%.2f-%.2f", *std::min_element(r.begin(), r.end()),
                    *std::max_element(r.begin(), r.end()));
    }
    return std::string(out);
  };
  std::printf("%-38s %8s %9s %8s %11s %8s %8s %8s\n", "write (p50 over rounds)", "calls/s",
              "p50 us", "x create", "(range)", "x record", "cpu us", "user us");
  auto row = [&](const Write& w, const std::string& note) {
    char x_record[16] = "";
    if (!w.to_record.empty()) {
      std::snprintf(x_record, sizeof x_record, "%.2f", trainhub::bench::Median(w.to_record));
    }
    std::printf("%-38s %8.0f %9.1f %8.2f %11s %8s %8.0f %8.0f  %s\n", w.name,
                median_of(w.rounds, &Measurement::calls_per_second),
                median_of(w.rounds, &Measurement::p50_us),
                w.to_create.empty() ? 1.0 : trainhub::bench::Median(w.to_create),
                range_of(w.to_create).c_str(), x_record,
                median_of(w.rounds, &Measurement::cpu_us_per_call),
                median_of(w.rounds, &Measurement::user_cpu_us_per_call), note.c_str());
  };
  const bool sheet_reached = trainhub::bench::Median(writes[2].to_create) <= kSheetTarget;
  row(writes[0], "");
  row(writes[1], "");
  row(writes[2],
      sheet_reached ? "target: <= 1.2 x create" : "target: <= 1.2 x create (not reached)");
  row(writes[3], "");
  row(writes[4], "");
  row(writes[5], "");
  std::printf("Lowest sheet ratio the storage allows (create + 25 rows - 1 row): %.2f (%s)\n",
              trainhub::bench::Median(floors), range_of(floors).c_str());

  // The large series: all but the last sessions recorded once (those
  // remain, so the completion forecast has work), then read.
  for (size_t s = 0; s + kRemainingSessions < large->session_ids.size(); ++s) {
    if (!bench.RecordSheet(large->series_id, large->session_ids[s], static_cast<int>(s))) {
      ++failures;
    }
  }
  const int reads = std::max(5, calls / 20);
  const Measurement summary =
      Measure(reads, 1, [&](int, int) { return bench.Summary(large->series_id); });
  const Measurement matrix =
      Measure(reads, 1, [&](int, int) { return bench.Matrix(large->series_id); });
  const Measurement evaluation =
      Measure(reads, 1, [&](int, int) { return bench.Evaluate(large->series_id); });
  failures += summary.failures + matrix.failures + evaluation.failures;
  std::printf("GetAttendanceSummary (%d people x %d sessions): p50 %.1f ms   target < 50 ms\n",
              people, kLargeSeriesSessions, summary.p50_us / 1000);
  std::printf("GetAttendanceMatrix  (%d people x %d sessions): p50 %.1f ms   target < 50 ms\n",
              people, kLargeSeriesSessions, matrix.p50_us / 1000);
  std::printf(
      "EvaluateCompletion   (%d people x %d sessions, %d remaining): p50 %.1f ms   "
      "target < 50 ms\n",
      people, kLargeSeriesSessions, static_cast<int>(kRemainingSessions), evaluation.p50_us / 1000);

  // Certificates: everyone of a series issued at once (PDFs included), then
  // their numbers verified without an account against the health check.
  const int holders = std::min(kCertificatePeople, people);
  const auto course = bench.Series("Zertifikatskurs", holders, 2, /*ended=*/true);
  if (!course) return failures + 1;
  for (int64_t session : course->session_ids) {
    if (!bench.RecordAllPresent(course->series_id, session, "Teilnehmerliste auf Papier")) {
      ++failures;
    }
  }
  const absl::Time issue_start = absl::Now();
  const auto serials = bench.IssueAll(course->series_id);
  const double issue_seconds = absl::ToDoubleSeconds(absl::Now() - issue_start);
  if (!serials || serials->empty()) return failures + 1;
  std::printf("IssueCertificates (%zu with PDFs): %.2f s, %.0f certificates/s   target >= 50/s\n",
              serials->size(), issue_seconds, serials->size() / issue_seconds);
  *issued = *serials;
  const Measurement health = Measure(calls, 1, [&](int, int) { return bench.Health(); });
  const Measurement verify =
      Measure(calls, 1, [&](int, int i) { return bench.Verify((*serials)[i % serials->size()]); });
  failures += health.failures + verify.failures;
  std::printf("%-40s %10.0f %10.1f\n", "Health.Check (baseline)", health.calls_per_second,
              health.p50_us);
  std::printf("%-40s %10.0f %10.1f %8.2f  target: >= 0.7 x health rate\n",
              "VerifyCertificate (no account)", verify.calls_per_second, verify.p50_us,
              verify.calls_per_second / health.calls_per_second);
  return failures;
}

}  // namespace

int main(int argc, char** argv) {
  int calls = 400;
  int people = 1000;
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string flag = argv[i];
    if (flag == "--calls") calls = std::stoi(argv[i + 1]);
    if (flag == "--people") people = std::stoi(argv[i + 1]);
  }
  auto server = trainhub::bench::BenchServer::Start("trainhub-attendance-bench", "ipv4:192.0.2.10");
  if (!server) return 1;
  std::vector<std::string> serials;
  int failures = 0;
  {
    AttendanceBench bench(server->channel(), server->bearer());
    failures = Run(bench, server->server().store(), calls, people, &serials);
  }
  // After a restart nothing is remembered: each number's first check reads
  // and checks its signed document (an employer checks a number once).
  if (failures == 0 && !serials.empty() && server->Restart()) {
    AttendanceBench bench(server->channel(), server->bearer());
    const trainhub::bench::Measurement health =
        trainhub::bench::Measure(calls, 1, [&](int, int) { return bench.Health(); });
    const trainhub::bench::Measurement first = trainhub::bench::Measure(
        static_cast<int>(serials.size()), 1, [&](int, int i) { return bench.Verify(serials[i]); });
    failures += health.failures + first.failures;
    std::printf("%-40s %10.0f %10.1f\n", "Health.Check (after a restart)", health.calls_per_second,
                health.p50_us);
    std::printf("%-40s %10.0f %10.1f %8.2f  (each number once)\n",
                "VerifyCertificate, first after restart", first.calls_per_second, first.p50_us,
                first.calls_per_second / health.calls_per_second);
  }
  return trainhub::bench::ExitCode(failures);
}
