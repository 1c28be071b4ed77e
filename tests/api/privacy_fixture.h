// The privacy tests' fixture (tests/api/privacy_*_test.cc): the erasure of a
// canary, a person whose name and e-mail appear nowhere else, who took part
// in a series that has ended, with notes, a qualification and a certificate.

#ifndef TRAINHUB_TESTS_API_PRIVACY_FIXTURE_H_
#define TRAINHUB_TESTS_API_PRIVACY_FIXTURE_H_

#include <spdlog/sinks/ostream_sink.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <fstream>
#include <map>
#include <sstream>

#include "absl/strings/ascii.h"
#include "api/api_fixture.h"
#include "trainhub/v1/admin.grpc.pb.h"
#include "trainhub/v1/attendance.grpc.pb.h"
#include "trainhub/v1/certificate.grpc.pb.h"
#include "trainhub/v1/privacy.grpc.pb.h"

namespace trainhub::api_test {

// Reads the export `request` asks for as `token`'s account: its bytes, and
// the file name its first part gives.
inline grpc::Status ReadExport(v1::PrivacyService::Stub& privacy, const std::string& token,
                               const v1::ExportPersonalDataRequest& request, std::string* bytes,
                               std::string* name = nullptr) {
  grpc::ClientContext context;
  context.AddMetadata("authorization", "Bearer " + token);
  auto reader = privacy.ExportPersonalData(&context, request);
  v1::FileChunk chunk;
  bytes->clear();
  for (int parts = 0; reader->Read(&chunk); ++parts) {
    if (parts == 0 && name != nullptr) *name = chunk.file_name();
    bytes->append(chunk.data());
  }
  return reader->Finish();
}

// The canary: a person whose name and e-mail appear nowhere else.
inline constexpr char kCanaryName[] = "Zofia Kanarienvogel-Quist";
inline constexpr char kCanaryEmail[] = "zofia.kanarienquist@example.org";

inline std::string FileBytes(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

// Whether `haystack` holds the canary's surname or e-mail in any case.
inline bool HoldsCanary(const std::string& haystack) {
  const std::string lower = absl::AsciiStrToLower(haystack);
  return lower.find("kanarienvogel") != std::string::npos ||
         lower.find("kanarienquist") != std::string::npos;
}

class ErasureTest : public ApiTest {
 protected:
  void SetUp() override {
    log_sink_ = std::make_shared<spdlog::sinks::ostream_sink_mt>(log_);
    spdlog::default_logger()->sinks().push_back(log_sink_);
    ApiTest::SetUp();
    if (HasFatalFailure()) return;
    privacy_ = v1::PrivacyService::NewStub(channel_);
    certificates_ = v1::CertificateService::NewStub(channel_);
    attendance_ = v1::AttendanceService::NewStub(channel_);
    org_ = CreateOrganization("Netzwerk Vielfalt e. V.");
    other_org_ = CreateOrganization("Stadt Köthen");
    // A series that ended three weeks ago.
    series_ = CreateSeries(org_, "Interkultur im Ehrenamt").id();
    const absl::Time now = absl::Now();
    const int64_t m1 = CreateModule(series_, "Grundlagen").id();
    const int64_t m2 = CreateModule(series_, "Kommunikation").id();
    sessions_ = {AddSession(series_, m1, now - absl::Hours(24 * 30)),
                 AddSession(series_, m2, now - absl::Hours(24 * 21))};
    v1::CreateParticipantRequest create;
    create.mutable_participant()->set_display_name(kCanaryName);
    create.mutable_participant()->set_email(kCanaryEmail);
    create.mutable_participant()->set_organization_id(org_);
    create.mutable_participant()->add_target_groups(v1::TARGET_GROUP_VOLUNTEERS);
    v1::Participant p;
    ASSERT_TRUE(Call(*people_, &v1::ParticipantService::Stub::CreateParticipant, create, &p).ok());
    canary_ = p.id();
    v1::RequestEnrolmentRequest enrol;
    enrol.set_series_id(series_);
    enrol.set_participant_id(canary_);
    enrol.set_note("Frau Kanarienvogel-Quist braucht eine Rampe");
    v1::Enrolment e;
    ASSERT_TRUE(Call(*enrolments_, &v1::EnrolmentService::Stub::RequestEnrolment, enrol, &e).ok());
    other_ = EnrolNewVolunteer(org_, series_, "Jonas Berg");
    for (int64_t session : sessions_) {
      grpc::Status s = RecordPaperSheet(session, {canary_, other_},
                                        {{canary_, "Kanarienvogel kam mit dem Bus"}});
      ASSERT_TRUE(s.ok()) << s.error_message();
    }
    v1::RecordQualificationRequest q;
    q.set_participant_id(canary_);
    q.mutable_qualification()->set_title("Diversity Trainer:in");
    q.mutable_qualification()->set_note("Nachweis von Zofia Kanarienvogel-Quist, 2016");
    v1::Qualification qualification;
    ASSERT_TRUE(
        Call(*people_, &v1::ParticipantService::Stub::RecordQualification, q, &qualification).ok());
    v1::IssueCertificateRequest issue;
    issue.set_series_id(series_);
    issue.set_participant_id(canary_);
    grpc::Status issued =
        Call(*certificates_, &v1::CertificateService::Stub::IssueCertificate, issue, &certificate_);
    ASSERT_TRUE(issued.ok()) << issued.error_message();
    domain::Account a;
    a.email = kCanaryEmail;
    a.display_name = kCanaryName;
    a.roles = {{domain::Role::kParticipant, 0, 0, canary_}};
    ASSERT_TRUE(server_->accounts().CreateAccount(domain::Principal::System(), a, kPassword).ok());
    canary_token_ = LoginAs(kCanaryEmail);
    coordinator_token_ = Account("koordination@example.org", {domain::Role::kCoordinator, org_});
    other_coordinator_token_ =
        Account("koordination@koethen.example.org", {domain::Role::kCoordinator, other_org_});
  }

  void TearDown() override {
    ApiTest::TearDown();
    auto& sinks = spdlog::default_logger()->sinks();
    sinks.erase(std::remove(sinks.begin(), sinks.end(), log_sink_), sinks.end());
  }

  // Records `people` present at `session` from a paper list (transferred
  // by a coordinator, with a reason); `notes` holds a note for some of them.
  grpc::Status RecordPaperSheet(int64_t session, std::initializer_list<int64_t> people,
                                const std::map<int64_t, std::string>& notes = {}) {
    v1::RecordAttendanceSheetRequest r;
    r.set_session_id(session);
    r.set_reason("Teilnehmerliste auf Papier");
    for (int64_t person : people) {
      auto* mark = r.add_marks();
      mark->set_participant_id(person);
      mark->set_status(v1::ATTENDANCE_STATUS_PRESENT);
      if (auto note = notes.find(person); note != notes.end()) mark->set_note(note->second);
    }
    v1::AttendanceSheet sheet;
    return Call(*attendance_, &v1::AttendanceService::Stub::RecordAttendanceSheet, r, &sheet);
  }

  int64_t AddSession(int64_t series, int64_t module, absl::Time start) {
    v1::Session session;
    EXPECT_TRUE(CreateSession(series, module, ProtoTime(start), ProtoTime(start + absl::Hours(4)),
                              {}, &session)
                    .ok());
    return session.id();
  }

  grpc::Status Erase(const std::string& token, int64_t person, const std::string& reason,
                     bool override_retention, v1::ErasePersonalDataResponse* out) {
    const std::string admin = token_;
    token_ = token;
    v1::ErasePersonalDataRequest r;
    r.set_participant_id(person);
    r.set_reason(reason);
    r.set_override_retention(override_retention);
    grpc::Status s = Call(*privacy_, &v1::PrivacyService::Stub::ErasePersonalData, r, out);
    token_ = admin;
    return s;
  }

  void SetRetention(int64_t org, int years) {
    v1::UpdateOrganizationRequest r;
    r.mutable_organization()->set_id(org);
    r.mutable_organization()->set_record_retention_years(years);
    r.mutable_update_mask()->add_paths("record_retention_years");
    v1::Organization updated;
    grpc::Status s = Call(*orgs_, &v1::OrganizationService::Stub::UpdateOrganization, r, &updated);
    ASSERT_TRUE(s.ok()) << s.error_message();
    EXPECT_EQ(updated.record_retention_years(), years);
  }

  v1::Participant Person(int64_t id) {
    v1::GetParticipantRequest r;
    r.set_id(id);
    v1::Participant p;
    EXPECT_TRUE(Call(*people_, &v1::ParticipantService::Stub::GetParticipant, r, &p).ok());
    return p;
  }

  v1::CertificateVerification Verify(const std::string& name) {
    const std::string admin = token_;
    token_.clear();  // anyone, without an account
    v1::VerifyCertificateRequest r;
    r.set_serial(certificate_.serial());
    r.set_holder_name(name);
    v1::CertificateVerification v;
    grpc::Status s = Call(*certificates_, &v1::CertificateService::Stub::VerifyCertificate, r, &v);
    EXPECT_TRUE(s.ok()) << s.error_message();
    token_ = admin;
    return v;
  }

  // A backup of the database, as the admin downloads it.
  std::string Backup() {
    auto admin = v1::AdminService::NewStub(channel_);
    grpc::ClientContext context;
    context.AddMetadata("authorization", "Bearer " + token_);
    auto reader = admin->BackupDatabase(&context, v1::BackupDatabaseRequest());
    std::string backup;
    v1::FileChunk chunk;
    while (reader->Read(&chunk)) backup += chunk.data();
    EXPECT_TRUE(reader->Finish().ok());
    return backup;
  }

  std::ostringstream log_;
  std::shared_ptr<spdlog::sinks::ostream_sink_mt> log_sink_;
  std::unique_ptr<v1::PrivacyService::Stub> privacy_;
  std::unique_ptr<v1::CertificateService::Stub> certificates_;
  std::unique_ptr<v1::AttendanceService::Stub> attendance_;
  int64_t org_ = 0, other_org_ = 0, series_ = 0, canary_ = 0, other_ = 0;
  std::vector<int64_t> sessions_;
  v1::Certificate certificate_;
  std::string canary_token_, coordinator_token_, other_coordinator_token_;
};

}  // namespace trainhub::api_test

#endif  // TRAINHUB_TESTS_API_PRIVACY_FIXTURE_H_
