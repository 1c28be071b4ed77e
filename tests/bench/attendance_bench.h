// The calls attendance_bench (attendance_bench.cc) measures: an admin's
// calls to one running server, each returning whether it succeeded, and one
// durable write unit straight to the store.

#ifndef TRAINHUB_TESTS_BENCH_ATTENDANCE_BENCH_H_
#define TRAINHUB_TESTS_BENCH_ATTENDANCE_BENCH_H_

#include <grpcpp/grpcpp.h>

#include <algorithm>
#include <cstdio>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "absl/time/clock.h"
#include "domain/attendance/attendance_ledger.h"
#include "domain/ports/unit_of_work.h"
#include "grpc/health/v1/health.grpc.pb.h"
#include "trainhub/v1/attendance.grpc.pb.h"
#include "trainhub/v1/certificate.grpc.pb.h"
#include "trainhub/v1/enrolment.grpc.pb.h"
#include "trainhub/v1/organization.grpc.pb.h"
#include "trainhub/v1/participant.grpc.pb.h"
#include "trainhub/v1/series.grpc.pb.h"

namespace trainhub::bench {

inline constexpr int kSessionsPerModule = 50;

// A nonce of the CLI's length (35 characters), distinct for each pair.
inline std::string ClientNonce(int64_t a, int64_t b) {
  char nonce[40];
  std::snprintf(nonce, sizeof nonce, "cli-%016llx%015llx", static_cast<unsigned long long>(a),
                static_cast<unsigned long long>(b));
  return nonce;
}

inline void SetTime(absl::Time t, google::protobuf::Timestamp* out) {
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
inline bool AppendRecords(trainhub::domain::Store& store, int64_t series_id, int64_t session_id,
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

}  // namespace trainhub::bench

#endif  // TRAINHUB_TESTS_BENCH_ATTENDANCE_BENCH_H_
