// CertificateService, the documents: one-day events that issue only
// Teilnahmebestätigungen, signatory, place and topics, and certificates of
// the first document format next to new ones.

#include <SQLiteCpp/Database.h>
#include <gmock/gmock.h>

#include "absl/strings/escaping.h"
#include "api/certificate_fixture.h"
#include "domain/berlin_time.h"
#include "domain/completion/certificate_document.h"
#include "domain/status_macros.h"
#include "testing/v1_certificate.h"

namespace trainhub::api_test {
namespace {

// 09:00 Berlin time twelve days ago: a past event's six hours stay on one
// day whatever the time the tests run.
absl::Time TwelveDaysAgoAtNine() {
  const absl::TimeZone& berlin = domain::DisplayTimeZone();
  const absl::CivilDay day = absl::ToCivilDay(absl::Now(), berlin) - 12;
  return absl::FromCivil(absl::CivilHour(day.year(), day.month(), day.day(), 9), berlin);
}

// A series of one past day whose people were all there or all away: `present`
// people present, `absent` ones absent. Its module has `topics`.
struct PastEvent {
  int64_t series = 0, module = 0, session = 0;
  std::vector<int64_t> present, absent;
};

class CertificateDocumentsTest : public CertificateServiceTest {
 protected:
  PastEvent MakePastEvent(const std::string& title, std::vector<std::string> topics,
                          v1::IssuedDocuments documents, int present, int absent) {
    PastEvent e;
    v1::CreateSeriesRequest create;
    create.mutable_series()->set_organization_id(org_);
    create.mutable_series()->set_title(title);
    create.mutable_series()->set_kind(v1::SERIES_KIND_OTHER);
    create.mutable_series()->set_capacity(20);
    create.mutable_series()->set_issued_documents(documents);
    v1::Series series;
    grpc::Status s = Call(*series_, &v1::SeriesService::Stub::CreateSeries, create, &series);
    EXPECT_TRUE(s.ok()) << s.error_message();
    e.series = series.id();
    v1::CreateModuleRequest module;
    module.set_series_id(e.series);
    module.mutable_module()->set_title(title);
    module.mutable_module()->set_teaching_units(6);
    for (const std::string& t : topics) module.mutable_module()->add_topics(t);
    v1::Module created;
    s = Call(*series_, &v1::SeriesService::Stub::CreateModule, module, &created);
    EXPECT_TRUE(s.ok()) << s.error_message();
    e.module = created.id();
    const absl::Time start = TwelveDaysAgoAtNine();
    v1::Session session;
    EXPECT_TRUE(CreateSession(e.series, e.module, ProtoTime(start),
                              ProtoTime(start + absl::Hours(6)), {}, &session)
                    .ok());
    e.session = session.id();
    const char* names[] = {"Мирослава Іваненко", "أمل حداد", "Trần Văn Minh", "Jonas Weber"};
    for (int i = 0; i < present + absent; ++i) {
      (i < present ? e.present : e.absent)
          .push_back(EnrolNewVolunteer(org_, e.series, names[i % 4]));
    }
    v1::RecordAttendanceSheetRequest r;
    r.set_session_id(e.session);
    r.set_reason("Teilnehmerliste auf Papier");
    for (int64_t id : e.present) {
      auto* mark = r.add_marks();
      mark->set_participant_id(id);
      mark->set_status(v1::ATTENDANCE_STATUS_PRESENT);
    }
    for (int64_t id : e.absent) {
      auto* mark = r.add_marks();
      mark->set_participant_id(id);
      mark->set_status(v1::ATTENDANCE_STATUS_ABSENT);
    }
    v1::AttendanceSheet sheet;
    s = Call(*attendance_, &v1::AttendanceService::Stub::RecordAttendanceSheet, r, &sheet);
    EXPECT_TRUE(s.ok()) << s.error_message();
    return e;
  }

  grpc::Status IssueIn(int64_t series, int64_t participant, v1::Certificate* out) {
    v1::IssueCertificateRequest r;
    r.set_series_id(series);
    r.set_participant_id(participant);
    return Call(*certificates_, &v1::CertificateService::Stub::IssueCertificate, r, out);
  }

  v1::Certificate Get(const std::string& serial) {
    v1::GetCertificateRequest r;
    r.set_serial(serial);
    v1::Certificate out;
    grpc::Status s = Call(*certificates_, &v1::CertificateService::Stub::GetCertificate, r, &out);
    EXPECT_TRUE(s.ok()) << s.error_message();
    return out;
  }

  grpc::Status UpdateOrganization(const v1::Organization& org, std::vector<std::string> paths) {
    v1::UpdateOrganizationRequest r;
    *r.mutable_organization() = org;
    r.mutable_organization()->set_id(org_);
    for (const std::string& p : paths) r.mutable_update_mask()->add_paths(p);
    v1::Organization out;
    return Call(*orgs_, &v1::OrganizationService::Stub::UpdateOrganization, r, &out);
  }
};

// A Fachtag issues only Teilnahmebestätigungen: meeting its rule gives one,
// worded for the event and the day the holder was there, and no decision
// can give a Zertifikat.
TEST_F(CertificateDocumentsTest, AOneDayEventIssuesOnlyTeilnahmebestaetigungen) {
  const PastEvent fachtag =
      MakePastEvent("Fachtag Vielfalt in der Verwaltung",
                    {"Impulsvortrag Antidiskriminierung", "Workshops zu Leichter Sprache"},
                    v1::ISSUED_DOCUMENTS_CONFIRMATION_ONLY, 2, 1);
  v1::EvaluateCompletionRequest evaluate;
  evaluate.set_series_id(fachtag.series);
  v1::CompletionReport report;
  ASSERT_TRUE(
      Call(*certificates_, &v1::CertificateService::Stub::EvaluateCompletion, evaluate, &report)
          .ok());
  ASSERT_EQ(report.people_size(), 3);
  for (const auto& p : report.people()) {
    const bool there = p.participant_id() != fachtag.absent[0];
    EXPECT_EQ(p.outcome(),
              there ? v1::COMPLETION_OUTCOME_CONFIRMATION : v1::COMPLETION_OUTCOME_NONE);
    EXPECT_NE(p.rule_outcome(), v1::COMPLETION_OUTCOME_CERTIFICATE);
  }

  v1::RecordCompletionDecisionRequest decide;
  decide.set_series_id(fachtag.series);
  decide.set_participant_id(fachtag.present[0]);
  decide.set_outcome(v1::COMPLETION_OUTCOME_CERTIFICATE);
  decide.set_reason("Vortrag gehalten");
  v1::PersonCompletion decided;
  const grpc::Status refused = Call(
      *certificates_, &v1::CertificateService::Stub::RecordCompletionDecision, decide, &decided);
  EXPECT_EQ(refused.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_EQ(FieldOf(refused), "outcome");

  v1::IssueCertificatesRequest all;
  all.set_series_id(fachtag.series);
  v1::IssueCertificatesResponse issued;
  ASSERT_TRUE(
      Call(*certificates_, &v1::CertificateService::Stub::IssueCertificates, all, &issued).ok());
  ASSERT_EQ(issued.issued_size(), 2);
  for (const auto& c : issued.issued()) {
    EXPECT_EQ(c.outcome(), v1::COMPLETION_OUTCOME_CONFIRMATION);
  }
  const v1::Certificate c = Get(issued.issued(0).serial());
  EXPECT_EQ(c.document_version(), 2);
  EXPECT_NE(c.document().find("\"documents\":\"confirmation_only\""), std::string::npos);
  const absl::CivilDay day = absl::ToCivilDay(TwelveDaysAgoAtNine(), domain::DisplayTimeZone());
  EXPECT_NE(
      c.document().find(absl::StrCat("\"attended_days\":[\"", absl::FormatCivilTime(day), "\"]")),
      std::string::npos)
      << c.document();
  ASSERT_EQ(c.modules_size(), 1);
  EXPECT_THAT(
      std::vector<std::string>(c.modules(0).topics().begin(), c.modules(0).topics().end()),
      ::testing::ElementsAre("Impulsvortrag Antidiskriminierung", "Workshops zu Leichter Sprache"));

  // An Ideenwerkstatt may not award a qualification while it issues no
  // Zertifikat.
  v1::UpdateSeriesRequest awards;
  awards.mutable_series()->set_id(fachtag.series);
  awards.mutable_series()->set_awards_qualification("Vielfaltsgestalter:in");
  awards.mutable_update_mask()->add_paths("awards_qualification");
  v1::Series unchanged;
  const grpc::Status no_award =
      Call(*series_, &v1::SeriesService::Stub::UpdateSeries, awards, &unchanged);
  EXPECT_EQ(no_award.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(FieldOf(no_award), "series.issued_documents");
}

// A series that also issues Zertifikate gives one for meeting its rule; set
// to Teilnahmebestätigungen only, it gives those from then on, while what
// was issued stays as it is.
TEST_F(CertificateDocumentsTest, SwitchingToTeilnahmebestaetigungenKeepsWhatWasIssued) {
  const PastEvent workshop =
      MakePastEvent("Mini-Workshop Leichte Sprache", {}, v1::ISSUED_DOCUMENTS_UNSPECIFIED, 2, 0);
  v1::Certificate zertifikat;
  ASSERT_TRUE(IssueIn(workshop.series, workshop.present[0], &zertifikat).ok());
  EXPECT_EQ(zertifikat.outcome(), v1::COMPLETION_OUTCOME_CERTIFICATE);
  v1::UpdateSeriesRequest update;
  update.mutable_series()->set_id(workshop.series);
  update.mutable_series()->set_issued_documents(v1::ISSUED_DOCUMENTS_CONFIRMATION_ONLY);
  update.mutable_update_mask()->add_paths("issued_documents");
  v1::Series updated;
  ASSERT_TRUE(Call(*series_, &v1::SeriesService::Stub::UpdateSeries, update, &updated).ok());
  EXPECT_EQ(updated.issued_documents(), v1::ISSUED_DOCUMENTS_CONFIRMATION_ONLY);
  v1::Certificate confirmation;
  ASSERT_TRUE(IssueIn(workshop.series, workshop.present[1], &confirmation).ok());
  EXPECT_EQ(confirmation.outcome(), v1::COMPLETION_OUTCOME_CONFIRMATION);
  EXPECT_EQ(Get(zertifikat.serial()).outcome(), v1::COMPLETION_OUTCOME_CERTIFICATE);
  EXPECT_EQ(Get(zertifikat.serial()).document(), zertifikat.document());
}

// Every certificate says who issued it, where and when: the organisation's
// signatory from its settings, else the coordinator who issued it.
TEST_F(CertificateDocumentsTest, CertificatesNameTheirSignatoryPlaceAndTopics) {
  const PastEvent course = MakePastEvent(
      "Interkulturelle Kommunikation kompakt",
      {"Missverständnisse erkennen und ansprechen", "Arbeiten mit Sprachmittler:innen"},
      v1::ISSUED_DOCUMENTS_CERTIFICATE_AND_CONFIRMATION, 3, 0);
  v1::Organization city;
  city.set_city("Magdeburg");
  ASSERT_TRUE(UpdateOrganization(city, {"city"}).ok());
  domain::Account coordinator;
  coordinator.email = "maria.beispiel@example.org";
  coordinator.display_name = "Maria Beispiel";
  coordinator.roles = {{domain::Role::kCoordinator, org_}};
  ASSERT_TRUE(
      server_->accounts().CreateAccount(domain::Principal::System(), coordinator, kPassword).ok());
  const std::string admin = token_;
  token_ = LoginAs("maria.beispiel@example.org");

  v1::Certificate by_coordinator;
  grpc::Status s = IssueIn(course.series, course.present[0], &by_coordinator);
  ASSERT_TRUE(s.ok()) << s.error_message();
  EXPECT_EQ(by_coordinator.signatory_name(), "Maria Beispiel");
  EXPECT_EQ(by_coordinator.signatory_role(), "Koordination");
  EXPECT_EQ(by_coordinator.place(), "Magdeburg");
  ASSERT_EQ(by_coordinator.modules_size(), 1);
  EXPECT_EQ(by_coordinator.modules(0).topics_size(), 2);
  EXPECT_EQ(by_coordinator.modules(0).topics(1), "Arbeiten mit Sprachmittler:innen");
  EXPECT_NE(by_coordinator.document().find("\"signatory\":{\"name\":\"Maria Beispiel\""),
            std::string::npos);

  // The organisation names its signatory: certificates from now on carry it.
  v1::Organization signatory;
  signatory.set_signatory_name("Dr. Katrin Wegener");
  signatory.set_signatory_role("Projektleitung");
  ASSERT_TRUE(UpdateOrganization(signatory, {"signatory_name", "signatory_role"}).ok());
  v1::Certificate by_signatory;
  ASSERT_TRUE(IssueIn(course.series, course.present[1], &by_signatory).ok());
  EXPECT_EQ(by_signatory.signatory_name(), "Dr. Katrin Wegener");
  EXPECT_EQ(by_signatory.signatory_role(), "Projektleitung");
  EXPECT_EQ(Get(by_coordinator.serial()).signatory_name(), "Maria Beispiel");

  // Taken back (a name of "" and no role): the coordinator again.
  v1::Organization none;
  ASSERT_TRUE(UpdateOrganization(none, {"signatory_name", "signatory_role"}).ok());
  v1::Certificate again;
  ASSERT_TRUE(IssueIn(course.series, course.present[2], &again).ok());
  EXPECT_EQ(again.signatory_name(), "Maria Beispiel");
  token_ = admin;
}

// A certificate issued in the first document format (before signatories,
// topics and events) verifies and reads as it did, next to new ones.
TEST_F(CertificateDocumentsTest, ACertificateOfTheFirstDocumentFormatStillVerifies) {
  auto old_signer =
      domain::Ed25519Signer::FromSeed(std::string(32, trainhub::testing::kV1CertificateSeedByte));
  ASSERT_TRUE(old_signer.ok());
  v1::ListIssuerKeysResponse before;
  ASSERT_TRUE(Call(*certificates_, &v1::CertificateService::Stub::ListIssuerKeys,
                   v1::ListIssuerKeysRequest(), &before)
                  .ok());
  ASSERT_EQ(before.keys_size(), 1);
  std::string current_key;
  ASSERT_TRUE(absl::WebSafeBase64Unescape(before.keys(0).public_key(), &current_key));
  absl::StatusOr<domain::CertificateContent> content =
      domain::ContentOf(trainhub::testing::kV1CertificateDocument);
  ASSERT_TRUE(content.ok()) << content.status();
  domain::Certificate old;
  old.participant_id = ids_[0];
  old.content = *content;
  old.content.series_id = series_id_;
  old.document = trainhub::testing::kV1CertificateDocument;
  ASSERT_TRUE(
      absl::WebSafeBase64Unescape(trainhub::testing::kV1CertificateSignature, &old.signature));
  old.pdf = "%PDF-1.4 as issued in 2019";
  old.pdf_sha256 = std::string(64, 'a');
  old.status = domain::CertificateStatus::kValid;
  old.issued_by = 1;
  // The key it was signed with was rotated out since.
  ASSERT_TRUE(server_->store()
                  .Write([&](domain::UnitOfWork& w) -> absl::Status {
                    domain::IssuerKey retired{(*old_signer)->key_id(), (*old_signer)->public_key(),
                                              absl::FromUnixSeconds(1500000000), true};
                    TH_RETURN_IF_ERROR(w.certificates().PutActiveIssuerKey(retired));
                    domain::IssuerKey active{before.keys(0).key_id(), current_key,
                                             absl::FromUnixSeconds(1600000000), true};
                    TH_RETURN_IF_ERROR(w.certificates().PutActiveIssuerKey(active));
                    return w.certificates().Insert(old).status();
                  })
                  .ok());
  // As the first start after an upgrade from a version before signed
  // statuses finds it: no status list yet, and every status is signed once.
  {
    SQLite::Database db(path_, SQLite::OPEN_READWRITE);
    db.setBusyTimeout(5000);
    db.exec("DROP TRIGGER certificate_status_list_no_delete");
    db.exec("DELETE FROM certificate_status_list");
  }
  absl::StatusOr<domain::StatusBaseline> baseline = server_->certificate_issuing().SignStatusBaseline();
  ASSERT_TRUE(baseline.ok()) << baseline.status();
  EXPECT_TRUE(baseline->signed_now);

  v1::CertificateVerification v;
  ASSERT_TRUE(Verify(trainhub::testing::kV1CertificateSerial, &v).ok());
  EXPECT_EQ(v.status(), v1::CERTIFICATE_STATUS_VALID);
  EXPECT_TRUE(v.signature_valid());
  EXPECT_EQ(v.holder_name(), "أمل حداد");
  EXPECT_EQ(v.series_title(), "Systemische Organisationsberatung im interkulturellen Kontext");
  EXPECT_EQ(v.key_id(), (*old_signer)->key_id());
  const v1::Certificate read = Get(trainhub::testing::kV1CertificateSerial);
  EXPECT_EQ(read.document_version(), 1);
  EXPECT_EQ(read.document(), trainhub::testing::kV1CertificateDocument);
  EXPECT_TRUE(read.signatory_name().empty());
  EXPECT_EQ(read.modules_size(), 2);
  // New certificates are issued in the current format next to it.
  const PastEvent event = MakePastEvent("Ideenwerkstatt Köthen", {"Zukunftswerkstatt"},
                                        v1::ISSUED_DOCUMENTS_CONFIRMATION_ONLY, 1, 0);
  v1::Certificate fresh;
  ASSERT_TRUE(IssueIn(event.series, event.present[0], &fresh).ok());
  EXPECT_EQ(fresh.document_version(), domain::kCertificateFormatVersion);
  v1::CertificateVerification fresh_v;
  ASSERT_TRUE(Verify(fresh.serial(), &fresh_v).ok());
  EXPECT_TRUE(fresh_v.signature_valid());
}

// A replaced certificate's verification says where the one that replaced
// it stands: valid, replaced again, or revoked since.
TEST_F(CertificateDocumentsTest, AReplacedCertificateSaysWhereItsReplacementStands) {
  const PastEvent event = MakePastEvent("Fachtag Interkulturelle Öffnung", {},
                                        v1::ISSUED_DOCUMENTS_CERTIFICATE_AND_CONFIRMATION, 1, 0);
  v1::Certificate first, second, third;
  ASSERT_TRUE(IssueIn(event.series, event.present[0], &first).ok());
  ASSERT_TRUE(Change(&v1::CertificateService::Stub::ReissueCertificate, first.serial(),
                     "Name korrigiert", &second)
                  .ok());
  v1::CertificateVerification v;
  ASSERT_TRUE(Verify(first.serial(), &v).ok());
  EXPECT_EQ(v.status(), v1::CERTIFICATE_STATUS_SUPERSEDED);
  EXPECT_EQ(v.replacement_serial(), second.serial());
  EXPECT_EQ(v.replacement_status(), v1::CERTIFICATE_STATUS_VALID);
  EXPECT_EQ(v.replacement_count(), 1);

  ASSERT_TRUE(Change(&v1::CertificateService::Stub::ReissueCertificate, second.serial(),
                     "Reihe umbenannt", &third)
                  .ok());
  ASSERT_TRUE(Verify(first.serial(), &v).ok());
  EXPECT_EQ(v.superseded_by(), second.serial());
  EXPECT_EQ(v.replacement_serial(), third.serial());
  EXPECT_EQ(v.replacement_status(), v1::CERTIFICATE_STATUS_VALID);
  EXPECT_EQ(v.replacement_count(), 2);

  v1::Certificate revoked;
  ASSERT_TRUE(Change(&v1::CertificateService::Stub::RevokeCertificate, third.serial(),
                     "Teilnahme nicht belegt", &revoked)
                  .ok());
  for (const std::string& serial : {first.serial(), second.serial()}) {
    ASSERT_TRUE(Verify(serial, &v).ok());
    EXPECT_EQ(v.status(), v1::CERTIFICATE_STATUS_SUPERSEDED);
    EXPECT_EQ(v.replacement_serial(), third.serial());
    EXPECT_EQ(v.replacement_status(), v1::CERTIFICATE_STATUS_REVOKED) << serial;
    EXPECT_EQ(v.replacement_revoke_time().seconds(), revoked.revoke_time().seconds());
  }
  // A valid or revoked certificate has no replacement to speak of.
  ASSERT_TRUE(Verify(third.serial(), &v).ok());
  EXPECT_TRUE(v.replacement_serial().empty());
  EXPECT_EQ(v.replacement_status(), v1::CERTIFICATE_STATUS_UNSPECIFIED);
}

}  // namespace
}  // namespace trainhub::api_test
