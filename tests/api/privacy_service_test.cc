// PrivacyService: a person's data export holds what trainhub keeps about
// them, for the right people only, and is recorded in the audit log; an
// erasure leaves nothing personal in any file (the canary test) while counts
// and certificates stay right, within the retention of records.

#include <arpa/inet.h>
#include <netinet/in.h>
#include <spdlog/sinks/ostream_sink.h>
#include <spdlog/spdlog.h>
#include <sys/socket.h>
#include <zip.h>

#include <algorithm>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>

#include "absl/strings/ascii.h"
#include "api/access_matrix.h"
#include "api/api_fixture.h"
#include "api/page_token.h"
#include "server/verification_server.h"
#include "testing/reader_process.h"
#include "trainhub/v1/admin.grpc.pb.h"
#include "trainhub/v1/attendance.grpc.pb.h"
#include "trainhub/v1/audit.grpc.pb.h"
#include "trainhub/v1/certificate.grpc.pb.h"
#include "trainhub/v1/privacy.grpc.pb.h"

namespace trainhub::api_test {
namespace {

// PrivacyService's rows of the access matrix (access_matrix.h): the
// coordinators of the person's organisation and the person themselves.
TH_ACCESS_ROWS(kPrivacyServiceRows, {
                                        {"PrivacyService/ExportPersonalData",
                                         [](const AccessObjects& o) {
                                           v1::ExportPersonalDataRequest r;
                                           r.set_participant_id(o.participant);
                                           return Bytes(r);
                                         },
                                         kPlannerOrSelf},
                                        // The own participant takes part in a series
                                        // that has not ended: refused with a reason.
                                        {"PrivacyService/ErasePersonalData",
                                         [](const AccessObjects& o) {
                                           v1::ErasePersonalDataRequest r;
                                           r.set_participant_id(o.participant);
                                           r.set_reason("Antrag auf Löschung");
                                           return Bytes(r);
                                         },
                                         kPlannerOwn},
                                        {"PrivacyService/ListErasureDue",
                                         [](const AccessObjects& o) {
                                           v1::ListErasureDueRequest r;
                                           r.set_organization_id(o.org);
                                           return Bytes(r);
                                         },
                                         kPlannerOwn},
                                    });

// The names of the files in a ZIP archive.
std::map<std::string, std::string> ZipFiles(const std::string& bytes) {
  std::map<std::string, std::string> files;
  zip_error_t error;
  zip_error_init(&error);
  zip_source_t* source = zip_source_buffer_create(bytes.data(), bytes.size(), 0, &error);
  zip_t* archive = source ? zip_open_from_source(source, ZIP_RDONLY, &error) : nullptr;
  if (archive == nullptr) {
    if (source) zip_source_free(source);
    return files;
  }
  for (zip_int64_t i = 0; i < zip_get_num_entries(archive, 0); ++i) {
    zip_stat_t stat;
    if (zip_stat_index(archive, i, 0, &stat) != 0) continue;
    zip_file_t* f = zip_fopen_index(archive, i, 0);
    std::string content(stat.size, '\0');
    if (f && zip_fread(f, content.data(), stat.size) == static_cast<zip_int64_t>(stat.size)) {
      files[stat.name] = content;
    }
    if (f) zip_fclose(f);
  }
  zip_close(archive);
  return files;
}

// ApiTest with accounts of given roles.
class PrivacyTest : public ApiTest {
 protected:
  // Creates an account with `grant` and returns its token.
  std::string Account(const std::string& email, domain::RoleGrant grant) {
    domain::Account a;
    a.email = email;
    a.display_name = email.substr(0, email.find('@'));
    a.roles = {grant};
    EXPECT_TRUE(server_->accounts().CreateAccount(domain::Principal::System(), a, kPassword).ok());
    return LoginAs(email);
  }
};

class PrivacyServiceTest : public PrivacyTest {
 protected:
  void SetUp() override {
    ApiTest::SetUp();
    if (HasFatalFailure()) return;
    privacy_ = v1::PrivacyService::NewStub(channel_);
    org_ = CreateOrganization("Netzwerk Vielfalt e. V.");
    other_org_ = CreateOrganization("Stadt Köthen");
    series_ = CreateSeries(org_, "Interkultur im Ehrenamt").id();
    person_ = EnrolNewVolunteer(org_, series_, "Amina Haddad");
    stranger_ = EnrolNewVolunteer(other_org_, series_, "Jonas Berg");
    // A coordinator's note on the enrolment: staff's, not shown to her.
    v1::ListEnrolmentsRequest list;
    list.set_participant_id(person_);
    v1::ListEnrolmentsResponse enrolments;
    ASSERT_TRUE(
        Call(*enrolments_, &v1::EnrolmentService::Stub::ListEnrolments, list, &enrolments).ok());
    ASSERT_EQ(enrolments.enrolments_size(), 1);
    enrolment_ = enrolments.enrolments(0).id();
    v1::WithdrawEnrolmentRequest withdraw;
    withdraw.set_id(enrolment_);
    withdraw.set_reason("zieht nach Halle");
    v1::Enrolment e;
    ASSERT_TRUE(
        Call(*enrolments_, &v1::EnrolmentService::Stub::WithdrawEnrolment, withdraw, &e).ok());
    v1::RequestEnrolmentRequest again;
    again.set_series_id(series_);
    again.set_participant_id(person_);
    again.set_note("braucht einen barrierefreien Raum");
    ASSERT_TRUE(Call(*enrolments_, &v1::EnrolmentService::Stub::RequestEnrolment, again, &e).ok());
    coordinator_token_ = Account("koordination@example.org", {domain::Role::kCoordinator, org_});
    other_coordinator_token_ =
        Account("koordination@koethen.example.org", {domain::Role::kCoordinator, other_org_});
    self_token_ = Account("amina@example.org", {domain::Role::kParticipant, 0, 0, person_});
  }

  grpc::Status Export(const std::string& token, int64_t participant, v1::PersonalDataFormat format,
                      std::string* bytes, std::string* name = nullptr) {
    v1::ExportPersonalDataRequest r;
    r.set_participant_id(participant);
    r.set_format(format);
    grpc::ClientContext context;
    context.AddMetadata("authorization", "Bearer " + token);
    auto reader = privacy_->ExportPersonalData(&context, r);
    v1::FileChunk chunk;
    bytes->clear();
    for (int parts = 0; reader->Read(&chunk); ++parts) {
      if (parts == 0 && name != nullptr) *name = chunk.file_name();
      bytes->append(chunk.data());
    }
    return reader->Finish();
  }

  nlohmann::json ExportJson(const std::string& token, int64_t participant) {
    std::string bytes;
    grpc::Status s = Export(token, participant, v1::PERSONAL_DATA_FORMAT_JSON, &bytes);
    EXPECT_TRUE(s.ok()) << s.error_message();
    return s.ok() ? nlohmann::json::parse(bytes) : nlohmann::json();
  }

  std::unique_ptr<v1::PrivacyService::Stub> privacy_;
  int64_t org_ = 0, other_org_ = 0, series_ = 0, person_ = 0, stranger_ = 0, enrolment_ = 0;
  std::string coordinator_token_, other_coordinator_token_, self_token_;
};

TEST_F(PrivacyServiceTest, TheCoordinatorsExportHoldsEverythingAboutThePerson) {
  const nlohmann::json j = ExportJson(coordinator_token_, person_);
  EXPECT_TRUE(j["export"]["complete"]);
  EXPECT_EQ(j["person"]["name"], "Amina Haddad");
  EXPECT_EQ(j["person"]["organization"]["name"], "Netzwerk Vielfalt e. V.");
  ASSERT_EQ(j["accounts"].size(), 1u);
  EXPECT_EQ(j["accounts"][0]["email"], "amina@example.org");
  ASSERT_EQ(j["enrolments"].size(), 1u);
  const nlohmann::json& e = j["enrolments"][0];
  EXPECT_EQ(e["note"], "braucht einen barrierefreien Raum");
  ASSERT_GE(e["history"].size(), 3u);  // requested, withdrawn, requested again
  bool withdrawal = false;
  for (const auto& step : e["history"]) withdrawal |= step["reason"] == "zieht nach Halle";
  EXPECT_TRUE(withdrawal);
  // The audit events about her: created, enrolled, withdrawn, enrolled.
  std::set<std::string> objects;
  for (const auto& a : j["audit_events"]) objects.insert(a["object"]);
  EXPECT_TRUE(objects.count("participant/" + std::to_string(person_)));
  EXPECT_TRUE(objects.count("enrolment/" + std::to_string(enrolment_)));
  // Nothing about the other person.
  EXPECT_EQ(j.dump().find("Jonas Berg"), std::string::npos);
}

TEST_F(PrivacyServiceTest, ThePersonGetsTheirOwnWithoutStaffNotes) {
  const nlohmann::json j = ExportJson(self_token_, 0);  // 0: myself
  EXPECT_FALSE(j["export"]["complete"]);
  EXPECT_EQ(j["person"]["id"], person_);
  EXPECT_FALSE(j["enrolments"][0].contains("note"));
  EXPECT_EQ(j.dump().find("barrierefreien"), std::string::npos);
  // Where staff worked from is not hers to see.
  for (const auto& a : j["audit_events"]) {
    if (a["by"] != "amina") {
      EXPECT_FALSE(a.contains("address")) << a.dump();
    }
  }
}

TEST_F(PrivacyServiceTest, AZipHoldsTheJsonAndIsNamedForThePerson) {
  std::string bytes, name;
  ASSERT_TRUE(Export(token_, person_, v1::PERSONAL_DATA_FORMAT_ZIP, &bytes, &name).ok());
  EXPECT_EQ(name, "personendaten-" + std::to_string(person_) + ".zip");
  const auto files = ZipFiles(bytes);
  ASSERT_TRUE(files.count("personal-data.json"));
  EXPECT_EQ(nlohmann::json::parse(files.at("personal-data.json"))["person"]["name"],
            "Amina Haddad");
}

TEST_F(PrivacyServiceTest, OthersAreRefusedAndEveryExportIsInTheAuditLog) {
  std::string bytes;
  EXPECT_EQ(
      Export(other_coordinator_token_, person_, v1::PERSONAL_DATA_FORMAT_JSON, &bytes).error_code(),
      grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(Export(self_token_, stranger_, v1::PERSONAL_DATA_FORMAT_JSON, &bytes).error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(Export(coordinator_token_, 9999, v1::PERSONAL_DATA_FORMAT_JSON, &bytes).error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
  grpc::Status missing = Export(token_, 9999, v1::PERSONAL_DATA_FORMAT_JSON, &bytes);
  EXPECT_EQ(missing.error_code(), grpc::StatusCode::NOT_FOUND);
  EXPECT_EQ(FieldOf(missing), "participant_id");
  grpc::Status nobody = Export(coordinator_token_, 0, v1::PERSONAL_DATA_FORMAT_JSON, &bytes);
  EXPECT_EQ(nobody.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(FieldOf(nobody), "participant_id");
  EXPECT_EQ(Export(token_, person_, static_cast<v1::PersonalDataFormat>(7), &bytes).error_code(),
            grpc::StatusCode::INVALID_ARGUMENT);

  ExportJson(coordinator_token_, person_);
  auto audit = v1::AuditService::NewStub(channel_);
  v1::ListAuditEventsResponse events;
  ASSERT_TRUE(Call(*audit, &v1::AuditService::Stub::ListAuditEvents, {}, &events).ok());
  int exports = 0;
  for (const auto& e : events.events()) {
    if (e.method() != "trainhub.v1.PrivacyService/ExportPersonalData" || e.result() != "OK") {
      continue;
    }
    ++exports;
    EXPECT_EQ(e.object(),
              "personal_data_export participant/" + std::to_string(person_) + " complete");
    EXPECT_EQ(e.organization_id(), org_);
  }
  EXPECT_EQ(exports, 1);
}

// The canary: a person whose name and e-mail appear nowhere else.
constexpr char kCanaryName[] = "Zofia Kanarienvogel-Quist";
constexpr char kCanaryEmail[] = "zofia.kanarienquist@example.org";

std::string FileBytes(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

// Whether `haystack` holds the canary's surname or e-mail in any case.
bool HoldsCanary(const std::string& haystack) {
  const std::string lower = absl::AsciiStrToLower(haystack);
  return lower.find("kanarienvogel") != std::string::npos ||
         lower.find("kanarienquist") != std::string::npos;
}

class ErasureTest : public PrivacyTest {
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

TEST_F(ErasureTest, TheCanaryIsGoneFromTheDatabaseItsLogABackupAndTheLogs) {
  ASSERT_TRUE(HoldsCanary(FileBytes(path_) + FileBytes(path_ + "-wal")));  // the test can see it
  v1::ErasePersonalDataResponse erased;
  grpc::Status s = Erase(coordinator_token_, canary_, "Antrag vom 12.11.2026", false, &erased);
  ASSERT_TRUE(s.ok()) << s.error_message();
  EXPECT_EQ(erased.participant().display_name(), "Person #" + std::to_string(canary_));
  EXPECT_EQ(erased.participant().email(), "");
  EXPECT_EQ(erased.participant().erasure().reason(), "Antrag vom 12.11.2026");
  EXPECT_FALSE(erased.participant().erasure().retention_overridden());
  EXPECT_EQ(erased.accounts_erased(), 1);
  EXPECT_EQ(erased.texts_erased(), 3);  // enrolment note and history reason, qualification note
  EXPECT_EQ(erased.attendance_records_erased(), 2);  // both sessions' notes
  EXPECT_EQ(erased.certificates_redacted(), 1);

  // A backup made afterwards.
  auto admin = v1::AdminService::NewStub(channel_);
  grpc::ClientContext context;
  context.AddMetadata("authorization", "Bearer " + token_);
  auto reader = admin->BackupDatabase(&context, v1::BackupDatabaseRequest());
  std::string backup;
  v1::FileChunk chunk;
  while (reader->Read(&chunk)) backup += chunk.data();
  ASSERT_TRUE(reader->Finish().ok());
  ASSERT_GT(backup.size(), 4096u);

  EXPECT_FALSE(HoldsCanary(FileBytes(path_))) << "database file";
  EXPECT_FALSE(HoldsCanary(FileBytes(path_ + "-wal"))) << "write-ahead log";
  EXPECT_FALSE(HoldsCanary(backup)) << "backup";
  EXPECT_FALSE(HoldsCanary(log_.str())) << log_.str();
  EXPECT_FALSE(log_.str().empty());  // the request log was written, without names
}

TEST_F(ErasureTest, CountsStayAndTheCertificateStillVerifiesByNumberAndName) {
  {
    // She once tried to read the audit log: a refusal with her address.
    auto audit = v1::AuditService::NewStub(channel_);
    grpc::ClientContext context;
    context.AddMetadata("authorization", "Bearer " + canary_token_);
    v1::ListAuditEventsResponse events;
    ASSERT_EQ(audit->ListAuditEvents(&context, {}, &events).error_code(),
              grpc::StatusCode::PERMISSION_DENIED);
  }
  v1::ErasePersonalDataResponse erased;
  ASSERT_TRUE(Erase(coordinator_token_, canary_, "Antrag vom 12.11.2026", false, &erased).ok());
  // The record keeps its categories, so reports count as before.
  const v1::Participant p = Person(canary_);
  EXPECT_EQ(p.display_name(), "Person #" + std::to_string(canary_));
  ASSERT_EQ(p.target_groups_size(), 1);
  EXPECT_EQ(p.target_groups(0), v1::TARGET_GROUP_VOLUNTEERS);
  EXPECT_TRUE(p.has_erasure());

  v1::CertificateVerification v = Verify("");
  EXPECT_EQ(v.status(), v1::CERTIFICATE_STATUS_VALID);
  EXPECT_TRUE(v.signature_valid());
  EXPECT_TRUE(v.holder_erased());
  EXPECT_EQ(v.holder_name(), "");
  EXPECT_EQ(v.series_title(), "Interkultur im Ehrenamt");
  EXPECT_EQ(v.holder_name_check(), v1::HOLDER_NAME_CHECK_UNSPECIFIED);
  EXPECT_EQ(Verify(kCanaryName).holder_name_check(), v1::HOLDER_NAME_CHECK_MATCHES);
  EXPECT_EQ(Verify("  zofia  KANARIENVOGEL-quist ").holder_name_check(),
            v1::HOLDER_NAME_CHECK_MATCHES);
  EXPECT_EQ(Verify("Jonas Berg").holder_name_check(), v1::HOLDER_NAME_CHECK_DIFFERS);
  // Its PDF, which shows the name, is not kept.
  v1::GetCertificatePdfRequest pdf;
  pdf.set_serial(certificate_.serial());
  v1::CertificateFile file;
  grpc::Status gone =
      Call(*certificates_, &v1::CertificateService::Stub::GetCertificatePdf, pdf, &file);
  EXPECT_EQ(gone.error_code(), grpc::StatusCode::FAILED_PRECONDITION);

  // The attendance ledger still verifies: the texts' digest stands in.
  v1::VerifyAttendanceLedgerRequest ledger;
  ledger.set_series_id(series_);
  v1::LedgerVerification check;
  ASSERT_TRUE(
      Call(*attendance_, &v1::AttendanceService::Stub::VerifyAttendanceLedger, ledger, &check)
          .ok());
  EXPECT_TRUE(check.intact()) << check.problem();
  // Two people at two sessions, and the erasure of her notes at each.
  EXPECT_EQ(check.entry_count(), 6);
  // So does the audit log: her addresses keep their salted digest.
  auto audit = v1::AuditService::NewStub(channel_);
  v1::AuditLogVerification audit_check;
  ASSERT_TRUE(Call(*audit, &v1::AuditService::Stub::VerifyAuditLog, v1::VerifyAuditLogRequest(),
                   &audit_check)
                  .ok());
  EXPECT_TRUE(audit_check.intact()) << audit_check.problem();
  EXPECT_GT(erased.audit_addresses_erased(), 0);

  // Her account can no longer sign in, and its token is gone.
  v1::LoginRequest login;
  login.set_email(kCanaryEmail);
  login.set_password(kPassword);
  v1::LoginResponse response;
  grpc::ClientContext context;
  EXPECT_EQ(accounts_->Login(&context, login, &response).error_code(),
            grpc::StatusCode::UNAUTHENTICATED);
  const std::string admin = token_;
  token_ = canary_token_;
  v1::GetCurrentAccountRequest me;
  v1::Account account;
  EXPECT_EQ(
      Call(*accounts_, &v1::AccountService::Stub::GetCurrentAccount, me, &account).error_code(),
      grpc::StatusCode::UNAUTHENTICATED);
  token_ = admin;

  // The export says what is left.
  std::string bytes;
  v1::ExportPersonalDataRequest r;
  r.set_participant_id(canary_);
  grpc::ClientContext export_context;
  export_context.AddMetadata("authorization", "Bearer " + token_);
  auto reader = privacy_->ExportPersonalData(&export_context, r);
  v1::FileChunk chunk;
  while (reader->Read(&chunk)) bytes += chunk.data();
  ASSERT_TRUE(reader->Finish().ok());
  EXPECT_FALSE(HoldsCanary(bytes)) << bytes;
  EXPECT_EQ(nlohmann::json::parse(bytes)["person"]["erased"]["reason"], "Antrag vom 12.11.2026");
}

TEST_F(ErasureTest, BadRequestsAreRefusedAndChangeNothing) {
  const std::string before = Person(canary_).SerializeAsString();
  v1::ErasePersonalDataResponse out;
  grpc::Status s = Erase(coordinator_token_, canary_, "", false, &out);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(FieldOf(s), "reason");
  s = Erase(coordinator_token_, canary_, "Frau ZOFIA KANARIENVOGEL-QUIST hat angerufen", false,
            &out);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(FieldOf(s), "reason");
  s = Erase(coordinator_token_, canary_, std::string(1001, 'x'), false, &out);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  s = Erase(other_coordinator_token_, canary_, "Antrag", false, &out);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::PERMISSION_DENIED);
  s = Erase(coordinator_token_, 9999, "Antrag", false, &out);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::PERMISSION_DENIED);
  s = Erase(token_, 9999, "Antrag", false, &out);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::NOT_FOUND);
  EXPECT_EQ(FieldOf(s), "participant_id");
  s = Erase(coordinator_token_, canary_, "Antrag", true, &out);  // only admins override
  EXPECT_EQ(s.error_code(), grpc::StatusCode::PERMISSION_DENIED);
  s = Erase(canary_token_, canary_, "Antrag", false, &out);  // the person asks staff
  EXPECT_EQ(s.error_code(), grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(Person(canary_).SerializeAsString(), before);

  // Erasing twice.
  ASSERT_TRUE(Erase(coordinator_token_, canary_, "Antrag", false, &out).ok());
  s = Erase(coordinator_token_, canary_, "Antrag", false, &out);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_EQ(FieldOf(s), "participant_id");
  EXPECT_NE(s.error_message().find("already erased"), std::string::npos) << s.error_message();
  // An erased record is not changed or enrolled any more.
  v1::UpdateParticipantRequest update;
  update.mutable_participant()->set_id(canary_);
  update.mutable_participant()->set_display_name("Neu");
  update.mutable_update_mask()->add_paths("display_name");
  v1::Participant p;
  EXPECT_EQ(
      Call(*people_, &v1::ParticipantService::Stub::UpdateParticipant, update, &p).error_code(),
      grpc::StatusCode::FAILED_PRECONDITION);
}

TEST_F(ErasureTest, RetentionRefusesWithTheDateAndAnAdminMayOverride) {
  SetRetention(org_, 10);
  const std::string before = Person(canary_).SerializeAsString();
  v1::ErasePersonalDataResponse out;
  grpc::Status s = Erase(coordinator_token_, canary_, "Antrag", false, &out);
  ASSERT_EQ(s.error_code(), grpc::StatusCode::FAILED_PRECONDITION) << s.error_message();
  EXPECT_EQ(FieldOf(s), "participant_id");
  const absl::CivilDay last =
      absl::ToCivilDay(absl::Now() - absl::Hours(24 * 21), absl::UTCTimeZone());
  EXPECT_NE(s.error_message().find("kept until"), std::string::npos) << s.error_message();
  EXPECT_NE(s.error_message().find(std::to_string(last.year() + 10)), std::string::npos)
      << s.error_message();
  EXPECT_NE(s.error_message().find("10 years"), std::string::npos) << s.error_message();
  EXPECT_EQ(Person(canary_).SerializeAsString(), before);

  // Nobody is due yet.
  v1::ListErasureDueRequest list;
  list.set_organization_id(org_);
  v1::ListErasureDueResponse due;
  ASSERT_TRUE(Call(*privacy_, &v1::PrivacyService::Stub::ListErasureDue, list, &due).ok());
  EXPECT_EQ(due.people_size(), 0);

  s = Erase(token_, canary_, "Antrag; Aufbewahrung mit dem Fördergeber geklärt", true, &out);
  ASSERT_TRUE(s.ok()) << s.error_message();
  EXPECT_TRUE(out.participant().erasure().retention_overridden());
}

TEST_F(ErasureTest, WhoStillTakesPartIsWithdrawnFirst) {
  const int64_t running = CreateSeries(org_, "Vielfalts-Montag").id();
  const int64_t module = CreateModule(running, "Auftakt").id();
  AddSession(running, module, absl::Now() + absl::Hours(24 * 14));
  v1::RequestEnrolmentRequest enrol;
  enrol.set_series_id(running);
  enrol.set_participant_id(canary_);
  v1::Enrolment e;
  ASSERT_TRUE(Call(*enrolments_, &v1::EnrolmentService::Stub::RequestEnrolment, enrol, &e).ok());
  v1::ErasePersonalDataResponse out;
  grpc::Status s = Erase(token_, canary_, "Antrag", true, &out);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_NE(s.error_message().find("withdraw"), std::string::npos) << s.error_message();
}

TEST_F(ErasureTest, PeopleWhoseRetentionEndedAreListedAsDue) {
  // A series that ended two years ago, kept for one year.
  const int64_t old_org = CreateOrganization("Landkreis Anhalt-Bitterfeld");
  const int64_t old = CreateSeries(old_org, "Ideenwerkstatt 2024").id();
  const int64_t module = CreateModule(old, "Werkstatt").id();
  const int64_t session = AddSession(old, module, absl::Now() - absl::Hours(24 * 750));
  const int64_t person = EnrolNewVolunteer(old_org, old, "Trần Thị Thu");
  const int64_t second = EnrolNewVolunteer(old_org, old, "Samir Khalil");
  // Enrolled, but never at a session: nothing of hers to keep.
  const int64_t never_came = EnrolNewVolunteer(old_org, old, "Олена Коваль");
  grpc::Status s = RecordPaperSheet(session, {person, second});
  ASSERT_TRUE(s.ok()) << s.error_message();
  SetRetention(old_org, 1);
  v1::ListErasureDueRequest list;
  list.set_organization_id(old_org);
  v1::ListErasureDueResponse due;
  s = Call(*privacy_, &v1::PrivacyService::Stub::ListErasureDue, list, &due);
  ASSERT_TRUE(s.ok()) << s.error_message();
  ASSERT_EQ(due.people_size(), 2);  // not the one without records: no retention applies
  EXPECT_EQ(due.people(0).participant_id(), person);
  EXPECT_EQ(due.people(0).display_name(), "Trần Thị Thu");
  EXPECT_EQ(due.people(0).series_id(), old);
  EXPECT_EQ(due.people(0).retention_years(), 1);
  EXPECT_EQ(due.people(1).participant_id(), second);
  // Without records she may be erased at once, without an override.
  v1::ErasePersonalDataResponse none;
  ASSERT_TRUE(Erase(token_, never_came, "Antrag", false, &none).ok());
  EXPECT_FALSE(none.participant().erasure().retention_overridden());
  // Once erased, nobody is due any more.
  v1::ErasePersonalDataResponse out;
  for (int64_t id : {person, second}) {
    ASSERT_TRUE(Erase(token_, id, "Aufbewahrungsfrist abgelaufen", false, &out).ok());
  }
  ASSERT_TRUE(Call(*privacy_, &v1::PrivacyService::Stub::ListErasureDue, list, &due).ok());
  EXPECT_EQ(due.people_size(), 0);
  // A coordinator of another organisation may not look.
  token_ = other_coordinator_token_;
  EXPECT_EQ(Call(*privacy_, &v1::PrivacyService::Stub::ListErasureDue, list, &due).error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
}

// One GET of the verification page from the loopback address `from`
// (127.0.0.2 and so on: the page sees as many clients); the status code.
int PageGetFrom(uint32_t from, int port, const std::string& target) {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  timeval patience{30, 0};
  ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &patience, sizeof patience);
  sockaddr_in local{};
  local.sin_family = AF_INET;
  local.sin_addr.s_addr = htonl(from);
  ::bind(fd, reinterpret_cast<sockaddr*>(&local), sizeof local);
  sockaddr_in server{};
  server.sin_family = AF_INET;
  server.sin_port = htons(static_cast<uint16_t>(port));
  server.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  std::string answer;
  if (::connect(fd, reinterpret_cast<sockaddr*>(&server), sizeof server) == 0) {
    const std::string request =
        "GET " + target + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n";
    ::send(fd, request.data(), request.size(), MSG_NOSIGNAL);
    char buffer[4096];
    for (ssize_t n; (n = ::recv(fd, buffer, sizeof buffer, 0)) > 0;) answer.append(buffer, n);
  }
  ::close(fd);
  return answer.size() >= 12 ? std::stoi(answer.substr(9, 3)) : 0;
}

// Name checks against an erased holder cost a password hash and need no
// account: a flood of them, over gRPC and the page from many addresses,
// gets a small budget of its own (refusals say when to try again), and
// every real login meanwhile succeeds.
TEST_F(ErasureTest, AFloodOfAnonymousNameChecksNeverFailsALogin) {
  v1::ErasePersonalDataResponse erased;
  ASSERT_TRUE(Erase(coordinator_token_, canary_, "Antrag vom 12.11.2026", false, &erased).ok());
  server::VerificationServerOptions page_options;
  page_options.listen_address = "127.0.0.1:0";
  auto page = server::VerificationServer::Start(server_->certificate_verifier(), page_options);
  ASSERT_TRUE(page.ok()) << page.status();
  const int page_port = (*page)->port();
  const std::string page_target = "/c/" + certificate_.serial() + "?name=Jonas%20Berg&format=json";
  // Three at once: never more than a moment's wait for one of the login
  // hashing slots (one per core, at least two), however loaded the machine.
  constexpr int kLoginThreads = 3;
  constexpr int kLoginsEach = 7;
  for (int i = 0; i < kLoginThreads; ++i) {
    Account("login" + std::to_string(i) + "@example.org", {domain::Role::kCoordinator, org_});
  }

  std::atomic<bool> stop{false};
  std::atomic<int> grpc_answered{0}, grpc_refused{0}, grpc_other{0};
  std::atomic<int> page_answered{0}, page_refused{0}, page_other{0};
  std::vector<std::thread> flood;
  for (int t = 0; t < 24; ++t) {
    flood.emplace_back([&] {
      auto stub = v1::CertificateService::NewStub(channel_);
      while (!stop) {
        v1::VerifyCertificateRequest r;
        r.set_serial(certificate_.serial());
        r.set_holder_name("Jonas Berg");
        v1::CertificateVerification v;
        grpc::ClientContext context;
        const grpc::Status s = stub->VerifyCertificate(&context, r, &v);
        if (s.ok()) {
          ++grpc_answered;
        } else if (s.error_code() == grpc::StatusCode::RESOURCE_EXHAUSTED &&
                   s.error_message().find("try the name again in") != std::string::npos) {
          ++grpc_refused;
        } else {
          ++grpc_other;
        }
      }
    });
    flood.emplace_back([&, t] {
      while (!stop) {
        const int code = PageGetFrom(0x7f000002 + t, page_port, page_target);
        (code == 200 ? page_answered : code == 429 ? page_refused : page_other)++;
      }
    });
  }
  std::this_thread::sleep_for(std::chrono::seconds(1));  // the flood is on
  std::atomic<int> logged_in{0};
  std::vector<std::string> failures;
  std::mutex failures_mu;
  std::vector<std::thread> logins;
  for (int i = 0; i < kLoginThreads; ++i) {
    logins.emplace_back([&, i] {
      auto stub = v1::AccountService::NewStub(channel_);
      for (int k = 0; k < kLoginsEach; ++k) {
        v1::LoginRequest request;
        request.set_email("login" + std::to_string(i) + "@example.org");
        request.set_password(kPassword);
        v1::LoginResponse response;
        grpc::ClientContext context;
        const grpc::Status s = stub->Login(&context, request, &response);
        if (s.ok()) {
          ++logged_in;
        } else {
          std::lock_guard<std::mutex> lock(failures_mu);
          failures.push_back(s.error_message());
        }
      }
    });
  }
  for (auto& t : logins) t.join();
  stop = true;
  for (auto& t : flood) t.join();
  EXPECT_EQ(logged_in, kLoginThreads * kLoginsEach) << (failures.empty() ? "" : failures.front());
  // The checks were made within their budget, and beyond it refused.
  EXPECT_GT(grpc_answered + page_answered, 0);
  EXPECT_GT(grpc_refused, 0);
  EXPECT_GT(page_refused, 0);
  EXPECT_EQ(grpc_other, 0);
  EXPECT_EQ(page_other, 0);
}

// Another process reads the database during the erasure (an operator's
// sqlite3 with an open read transaction): the erasure answers at once with
// the purge pending, writes of everyone go on without waiting, and once the
// reader is gone the canary leaves the database, its log and backups.
TEST_F(ErasureTest, AReaderInAnotherProcessDelaysNothingAndThePurgeFollowsItsEnd) {
  testing::ReaderProcess reader;
  reader.Start(path_, "participant");
  if (HasFatalFailure()) return;

  const auto bounded = [](grpc::ClientContext& context) {
    // Before, the erasure took 25 s and every write 4.5 to 5 s.
    context.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(3));
  };
  v1::ErasePersonalDataRequest erase;
  erase.set_participant_id(canary_);
  erase.set_reason("Antrag vom 12.11.2026");
  v1::ErasePersonalDataResponse erased;
  {
    grpc::ClientContext context;
    context.AddMetadata("authorization", "Bearer " + coordinator_token_);
    bounded(context);
    const grpc::Status s = privacy_->ErasePersonalData(&context, erase, &erased);
    ASSERT_TRUE(s.ok()) << s.error_message();
  }
  EXPECT_TRUE(erased.purge_pending());
  // Honest: the old pages are still there, for the reader's snapshot.
  EXPECT_TRUE(HoldsCanary(FileBytes(path_) + FileBytes(path_ + "-wal")));
  v1::ListErasureDueRequest list;
  list.set_organization_id(org_);
  v1::ListErasureDueResponse due;
  ASSERT_TRUE(Call(*privacy_, &v1::PrivacyService::Stub::ListErasureDue, list, &due).ok());
  EXPECT_TRUE(due.purge_pending());

  // Writes while the reader keeps its transaction open.
  for (int i = 0; i < 20; ++i) {
    v1::CreateOrganizationRequest create;
    create.mutable_organization()->set_name("Verein " + std::to_string(i));
    create.mutable_organization()->set_kind(v1::ORGANIZATION_KIND_NGO);
    v1::Organization created;
    grpc::ClientContext context;
    context.AddMetadata("authorization", "Bearer " + token_);
    bounded(context);
    const grpc::Status s = orgs_->CreateOrganization(&context, create, &created);
    ASSERT_TRUE(s.ok()) << "write " << i << ": " << s.error_message();
  }
  ASSERT_TRUE(reader.Reading()) << "the writes must not have waited for the reader to end";
  ASSERT_TRUE(Call(*privacy_, &v1::PrivacyService::Stub::ListErasureDue, list, &due).ok());
  EXPECT_TRUE(due.purge_pending());

  reader.Release();
  bool pending = true;
  for (int i = 0; i < 100 && pending; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    ASSERT_TRUE(Call(*privacy_, &v1::PrivacyService::Stub::ListErasureDue, list, &due).ok());
    pending = due.purge_pending();
  }
  EXPECT_FALSE(pending) << "the purge must follow the reader's end";
  auto admin = v1::AdminService::NewStub(channel_);
  grpc::ClientContext context;
  context.AddMetadata("authorization", "Bearer " + token_);
  auto backup_reader = admin->BackupDatabase(&context, v1::BackupDatabaseRequest());
  std::string backup;
  v1::FileChunk chunk;
  while (backup_reader->Read(&chunk)) backup += chunk.data();
  ASSERT_TRUE(backup_reader->Finish().ok());
  EXPECT_FALSE(HoldsCanary(FileBytes(path_))) << "database file";
  EXPECT_FALSE(HoldsCanary(FileBytes(path_ + "-wal"))) << "write-ahead log";
  EXPECT_FALSE(HoldsCanary(backup)) << "backup";
}

// The reader outlives trainhubd: the stop leaves the log, the pending purge
// is recorded, and the next start finishes it once the reader is gone.
TEST_F(ErasureTest, APendingPurgeSurvivesARestartAndEndsWithTheReader) {
  testing::ReaderProcess reader;
  reader.Start(path_, "participant");
  if (HasFatalFailure()) return;
  v1::ErasePersonalDataResponse erased;
  ASSERT_TRUE(Erase(coordinator_token_, canary_, "Antrag vom 12.11.2026", false, &erased).ok());
  EXPECT_TRUE(erased.purge_pending());
  server_.reset();  // waits for the reader a while, then keeps the log
  EXPECT_TRUE(HoldsCanary(FileBytes(path_) + FileBytes(path_ + "-wal")));

  server::ServerOptions options;
  options.listen_address = "";
  options.db_path = path_;
  auto started = server::TrainhubServer::Start(options);
  ASSERT_TRUE(started.ok()) << started.status();
  server_ = *std::move(started);
  EXPECT_TRUE(server_->store().PurgePending()) << "recorded in the database";
  reader.Release();
  for (int i = 0; i < 100 && server_->store().PurgePending(); ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  EXPECT_FALSE(server_->store().PurgePending());
  EXPECT_FALSE(HoldsCanary(FileBytes(path_))) << "database file";
  EXPECT_FALSE(HoldsCanary(FileBytes(path_ + "-wal"))) << "write-ahead log";
}

// client_request keeps a fingerprint of each request with a request_id; one
// computed without the server's key from a guessed name and e-mail address
// (as the fingerprint used to be) is in no file after the person's erasure.
TEST_F(ErasureTest, NoStoredFingerprintConfirmsAGuessedNameAfterTheErasure) {
  v1::CreateParticipantRequest create;
  create.mutable_participant()->set_display_name("Ilse Fingerabdruck");
  create.mutable_participant()->set_email("ilse.fingerabdruck@example.org");
  create.mutable_participant()->set_organization_id(org_);
  create.mutable_participant()->add_target_groups(v1::TARGET_GROUP_VOLUNTEERS);
  create.set_request_id("anlage-ilse");
  v1::Participant ilse;
  ASSERT_TRUE(Call(*people_, &v1::ParticipantService::Stub::CreateParticipant, create, &ilse).ok());
  // A retry is still recognised (and a changed request under the id is not).
  v1::Participant again;
  ASSERT_TRUE(
      Call(*people_, &v1::ParticipantService::Stub::CreateParticipant, create, &again).ok());
  EXPECT_EQ(again.id(), ilse.id());
  v1::CreateParticipantRequest changed = create;
  changed.mutable_participant()->set_display_name("Ilse Anders");
  EXPECT_EQ(Call(*people_, &v1::ParticipantService::Stub::CreateParticipant, changed, &again)
                .error_code(),
            grpc::StatusCode::ALREADY_EXISTS);

  v1::ErasePersonalDataResponse erased;
  ASSERT_TRUE(Erase(coordinator_token_, ilse.id(), "Antrag vom 12.11.2026", false, &erased).ok());
  server_.reset();  // everything in the files
  const std::string guessed = api::RequestFingerprint(create, {"request_id"});
  ASSERT_EQ(guessed.size(), 32u);
  const std::string files = FileBytes(path_) + FileBytes(path_ + "-wal");
  EXPECT_EQ(files.find(guessed), std::string::npos) << "the unkeyed fingerprint";
  EXPECT_EQ(absl::AsciiStrToLower(files).find("fingerabdruck"), std::string::npos);
}

}  // namespace
}  // namespace trainhub::api_test
