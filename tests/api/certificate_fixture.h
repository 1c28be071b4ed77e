// The certificate tests' fixture (tests/api/certificate_*_test.cc): a
// volunteer course with past and coming sessions, three people's attendance
// recorded, and the calls the tests make on CertificateService.

#ifndef TRAINHUB_TESTS_API_CERTIFICATE_FIXTURE_H_
#define TRAINHUB_TESTS_API_CERTIFICATE_FIXTURE_H_

#include "api/api_fixture.h"
#include "trainhub/v1/attendance.grpc.pb.h"
#include "trainhub/v1/certificate.grpc.pb.h"

namespace trainhub::api_test {

// A volunteer course: module 1 of two past days, module 2 one past day,
// module 3 (optional) ahead. Amina attended everything so far, Oleksandr
// missed module 2, Lan was excused on one day of module 1.
class CertificateServiceTest : public ApiTest {
 protected:
  void SetUp() override {
    ApiTest::SetUp();
    if (HasFatalFailure()) return;
    certificates_ = v1::CertificateService::NewStub(channel_);
    attendance_ = v1::AttendanceService::NewStub(channel_);
    org_ = CreateOrganization("Landesnetzwerk Ehrenamt e. V.");
    series_id_ = CreateSeries(org_, "Interkultur im Ehrenamt").id();
    const absl::Time now = absl::Now();
    const int64_t m1 = CreateModule(series_id_, "Grundlagen").id();
    const int64_t m2 = CreateModule(series_id_, "Kommunikation").id();
    const int64_t m3 = CreateModule(series_id_, "Vertiefung").id();
    past_ = {AddSession(m1, now - absl::Hours(24 * 21)), AddSession(m1, now - absl::Hours(24 * 20)),
             AddSession(m2, now - absl::Hours(24 * 7))};
    future_ = AddSession(m3, now + absl::Hours(24 * 7));
    for (const char* name : {"أمينة حداد", "Олександр Коваленко", "Nguyễn Thị Lan"}) {
      ids_.push_back(Enrol(name));
    }
    // Paper lists transferred: the people enrolled after these days.
    using S = v1::AttendanceStatus;
    Record(past_[0], {S::ATTENDANCE_STATUS_PRESENT, S::ATTENDANCE_STATUS_PRESENT,
                      S::ATTENDANCE_STATUS_EXCUSED});
    Record(past_[1],
           {S::ATTENDANCE_STATUS_LATE, S::ATTENDANCE_STATUS_PRESENT, S::ATTENDANCE_STATUS_PRESENT});
    Record(past_[2], {S::ATTENDANCE_STATUS_PRESENT, S::ATTENDANCE_STATUS_ABSENT,
                      S::ATTENDANCE_STATUS_PRESENT});
    domain::Account a;
    a.email = "amina@example.org";
    a.display_name = "Amina";
    a.roles = {{domain::Role::kParticipant, 0, 0, ids_[0]}};
    EXPECT_TRUE(server_->accounts().CreateAccount(domain::Principal::System(), a, kPassword).ok());
    participant_token_ = LoginAs("amina@example.org");
  }

  int64_t AddSession(int64_t module, absl::Time start) {
    v1::Session session;
    EXPECT_TRUE(CreateSession(series_id_, module, ProtoTime(start),
                              ProtoTime(start + absl::Hours(4)), {}, &session)
                    .ok());
    return session.id();
  }

  int64_t Enrol(const std::string& name) { return EnrolNewVolunteer(org_, series_id_, name); }

  void Record(int64_t session, const std::vector<v1::AttendanceStatus>& statuses) {
    v1::RecordAttendanceSheetRequest r;
    r.set_session_id(session);
    r.set_reason("Teilnehmerliste auf Papier");
    for (size_t i = 0; i < statuses.size(); ++i) {
      auto* mark = r.add_marks();
      mark->set_participant_id(ids_[i]);
      mark->set_status(statuses[i]);
      if (statuses[i] == v1::ATTENDANCE_STATUS_LATE) mark->set_minutes_missed(20);
    }
    v1::AttendanceSheet sheet;
    grpc::Status s =
        Call(*attendance_, &v1::AttendanceService::Stub::RecordAttendanceSheet, r, &sheet);
    EXPECT_TRUE(s.ok()) << s.error_message();
  }

  grpc::Status SetRule(const v1::CompletionRule& rule, v1::CompletionRule* out) {
    v1::SetCompletionRuleRequest r;
    *r.mutable_rule() = rule;
    return Call(*certificates_, &v1::CertificateService::Stub::SetCompletionRule, r, out);
  }

  v1::CompletionRule GetRule() {
    v1::GetCompletionRuleRequest r;
    r.set_series_id(series_id_);
    v1::CompletionRule out;
    grpc::Status s =
        Call(*certificates_, &v1::CertificateService::Stub::GetCompletionRule, r, &out);
    EXPECT_TRUE(s.ok()) << s.error_message();
    return out;
  }

  grpc::Status Evaluate(v1::CompletionReport* out, std::vector<v1::CompletionProgress> only = {},
                        int64_t participant = 0) {
    v1::EvaluateCompletionRequest r;
    r.set_series_id(series_id_);
    r.set_participant_id(participant);
    for (auto p : only) r.add_progress(p);
    return Call(*certificates_, &v1::CertificateService::Stub::EvaluateCompletion, r, out);
  }

  const v1::PersonCompletion& Person(const v1::CompletionReport& report, int64_t id) {
    for (const auto& p : report.people()) {
      if (p.participant_id() == id) return p;
    }
    ADD_FAILURE() << "participant " << id << " missing";
    return report.people(0);
  }

  // Certificates are issued once every session has ended: holds module 3's
  // session an hour ago instead (nobody held a seat then, nobody recorded),
  // which leaves everyone's outcome as it is. Once; Issue and IssueAll call it.
  void HoldTheLastSession() {
    if (last_session_held_) return;
    v1::UpdateSessionRequest r;
    r.mutable_session()->set_id(future_);
    const absl::Time now = absl::Now();
    *r.mutable_session()->mutable_start_time() = ProtoTime(now - absl::Hours(2));
    *r.mutable_session()->mutable_end_time() = ProtoTime(now - absl::Hours(1));
    r.mutable_update_mask()->add_paths("start_time");
    r.mutable_update_mask()->add_paths("end_time");
    v1::Session moved;
    grpc::Status s = Call(*series_, &v1::SeriesService::Stub::UpdateSession, r, &moved);
    ASSERT_TRUE(s.ok()) << s.error_message();
    last_session_held_ = true;
  }

  grpc::Status IssueAll(bool preview, v1::IssueCertificatesResponse* out) {
    HoldTheLastSession();
    v1::IssueCertificatesRequest r;
    r.set_series_id(series_id_);
    r.set_preview(preview);
    return Call(*certificates_, &v1::CertificateService::Stub::IssueCertificates, r, out);
  }

  grpc::Status Issue(int64_t participant, v1::Certificate* out) {
    HoldTheLastSession();
    v1::IssueCertificateRequest r;
    r.set_series_id(series_id_);
    r.set_participant_id(participant);
    return Call(*certificates_, &v1::CertificateService::Stub::IssueCertificate, r, out);
  }

  // Without a token, as an employer checking a number.
  grpc::Status Verify(const std::string& serial, v1::CertificateVerification* out) {
    const std::string token = token_;
    token_.clear();
    v1::VerifyCertificateRequest r;
    r.set_serial(serial);
    grpc::Status s = Call(*certificates_, &v1::CertificateService::Stub::VerifyCertificate, r, out);
    token_ = token;
    return s;
  }

  template <typename Request>
  grpc::Status Change(grpc::Status (v1::CertificateService::Stub::*method)(grpc::ClientContext*,
                                                                           const Request&,
                                                                           v1::Certificate*),
                      const std::string& serial, const std::string& reason, v1::Certificate* out) {
    Request r;
    r.set_serial(serial);
    r.set_reason(reason);
    return Call(*certificates_, method, r, out);
  }

  grpc::Status Decide(int64_t participant, v1::CompletionOutcome outcome, bool automatic,
                      const std::string& reason, v1::PersonCompletion* out) {
    v1::RecordCompletionDecisionRequest r;
    r.set_series_id(series_id_);
    r.set_participant_id(participant);
    r.set_outcome(outcome);
    r.set_automatic(automatic);
    r.set_reason(reason);
    return Call(*certificates_, &v1::CertificateService::Stub::RecordCompletionDecision, r, out);
  }

  // The series awards the qualification `title` with its Zertifikat; a
  // decision gives Amina one, issued to her as `zertifikat`.
  void IssueAminaAZertifikatAwarding(const std::string& title, v1::Certificate* zertifikat) {
    v1::UpdateSeriesRequest award;
    award.mutable_series()->set_id(series_id_);
    award.mutable_series()->set_awards_qualification(title);
    award.mutable_update_mask()->add_paths("awards_qualification");
    v1::Series updated;
    grpc::Status s = Call(*series_, &v1::SeriesService::Stub::UpdateSeries, award, &updated);
    ASSERT_TRUE(s.ok()) << s.error_message();
    v1::PersonCompletion person;
    ASSERT_TRUE(Decide(ids_[0], v1::COMPLETION_OUTCOME_CERTIFICATE, false,
                       "Modul 3 im Vorjahr besucht", &person)
                    .ok());
    ASSERT_TRUE(Issue(ids_[0], zertifikat).ok());
  }

  std::unique_ptr<v1::CertificateService::Stub> certificates_;
  std::unique_ptr<v1::AttendanceService::Stub> attendance_;
  int64_t org_ = 0, series_id_ = 0, future_ = 0;
  std::vector<int64_t> past_, ids_;
  std::string participant_token_;
  bool last_session_held_ = false;
};

}  // namespace trainhub::api_test

#endif  // TRAINHUB_TESTS_API_CERTIFICATE_FIXTURE_H_
