// PrivacyService, the erasure of a person's data (GDPR Art. 17): the canary
// is gone from the database, its log, a backup and the logs, while counts,
// the certificate, the ledger and the audit log still hold; bad requests,
// retention, and who is due.

#include <nlohmann/json.hpp>

#include "api/privacy_fixture.h"
#include "trainhub/v1/audit.grpc.pb.h"

namespace trainhub::api_test {
namespace {

// How a login as `email` with the tests' password ends.
grpc::StatusCode LoginStatus(v1::AccountService::Stub& accounts, const std::string& email) {
  v1::LoginRequest login;
  login.set_email(email);
  login.set_password(kPassword);
  v1::LoginResponse response;
  grpc::ClientContext context;
  return accounts.Login(&context, login, &response).error_code();
}

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
  const std::string backup = Backup();
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
  EXPECT_EQ(LoginStatus(*accounts_, kCanaryEmail), grpc::StatusCode::UNAUTHENTICATED);
  v1::Account account;
  EXPECT_EQ(As(canary_token_,
               [&] {
                 return Call(*accounts_, &v1::AccountService::Stub::GetCurrentAccount,
                             v1::GetCurrentAccountRequest(), &account);
               })
                .error_code(),
            grpc::StatusCode::UNAUTHENTICATED);

  // The export says what is left.
  std::string bytes;
  v1::ExportPersonalDataRequest r;
  r.set_participant_id(canary_);
  ASSERT_TRUE(ReadExport(*privacy_, token_, r, &bytes).ok());
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

}  // namespace
}  // namespace trainhub::api_test
