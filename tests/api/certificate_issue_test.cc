// CertificateService, issuing: previews and issuing everyone once, only after
// the last session, no withdrawal after completion, what a participant sees,
// the ZIP of PDFs, and the qualification a Zertifikat records.

#include <zip.h>

#include <fstream>
#include <set>

#include "api/certificate_fixture.h"

namespace trainhub::api_test {
namespace {

// Certificates: under the default rule everyone here has two of three
// modules (a Teilnahmebestätigung); a decision gives Amina the Zertifikat.
TEST_F(CertificateServiceTest, PreviewThenIssueAllThenNothingTwice) {
  v1::PersonCompletion person;
  ASSERT_TRUE(Decide(ids_[0], v1::COMPLETION_OUTCOME_CERTIFICATE, false,
                     "Modul 3 im Vorjahr besucht", &person)
                  .ok());
  v1::IssueCertificatesResponse preview;
  grpc::Status s = IssueAll(true, &preview);
  ASSERT_TRUE(s.ok()) << s.error_message();
  ASSERT_EQ(preview.plan_size(), 3);
  EXPECT_EQ(preview.issued_size(), 0);
  for (const auto& e : preview.plan()) {
    EXPECT_EQ(e.outcome(), e.participant_id() == ids_[0] ? v1::COMPLETION_OUTCOME_CERTIFICATE
                                                         : v1::COMPLETION_OUTCOME_CONFIRMATION);
    EXPECT_EQ(e.decided(), e.participant_id() == ids_[0]);
  }
  v1::ListCertificatesRequest list;
  list.set_series_id(series_id_);
  v1::ListCertificatesResponse listed;
  ASSERT_TRUE(
      Call(*certificates_, &v1::CertificateService::Stub::ListCertificates, list, &listed).ok());
  EXPECT_EQ(listed.certificates_size(), 0) << "a preview issues nothing";

  v1::IssueCertificatesResponse issued;
  s = IssueAll(false, &issued);
  ASSERT_TRUE(s.ok()) << s.error_message();
  ASSERT_EQ(issued.issued_size(), 3);
  for (const auto& c : issued.issued()) {
    EXPECT_EQ(c.status(), v1::CERTIFICATE_STATUS_VALID);
    EXPECT_EQ(c.serial().size(), 19u) << c.serial();  // 16 characters in groups of four
    EXPECT_EQ(c.pdf_sha256().size(), 64u);
    EXPECT_NE(c.verification_url().find(c.serial()), std::string::npos);
  }
  v1::IssueCertificatesResponse again;
  ASSERT_TRUE(IssueAll(false, &again).ok());
  EXPECT_EQ(again.issued_size(), 0);
  for (const auto& e : again.plan()) EXPECT_FALSE(e.existing_serial().empty());
  // One person once: the same outcome twice is refused.
  v1::Certificate twice;
  grpc::Status refused = Issue(ids_[1], &twice);
  EXPECT_EQ(refused.error_code(), grpc::StatusCode::ALREADY_EXISTS);
  EXPECT_EQ(FieldOf(refused), "participant_id");
}

// Module 3's session is a week ahead: no certificate says what has not
// taken place yet, whatever the records or a decision say.
TEST_F(CertificateServiceTest, CertificatesWaitUntilEverySessionHasEnded) {
  v1::PersonCompletion person;
  ASSERT_TRUE(Decide(ids_[0], v1::COMPLETION_OUTCOME_CERTIFICATE, false,
                     "Modul 3 im Vorjahr besucht", &person)
                  .ok());
  v1::Certificate certificate;
  v1::IssueCertificatesResponse plan;
  auto issue_one = [&](int64_t participant) {
    v1::IssueCertificateRequest r;
    r.set_series_id(series_id_);
    r.set_participant_id(participant);
    return Call(*certificates_, &v1::CertificateService::Stub::IssueCertificate, r, &certificate);
  };
  auto issue_all = [&](bool preview) {
    v1::IssueCertificatesRequest r;
    r.set_series_id(series_id_);
    r.set_preview(preview);
    return Call(*certificates_, &v1::CertificateService::Stub::IssueCertificates, r, &plan);
  };
  ExpectRefused({
      {"a Zertifikat by decision", [&] { return issue_one(ids_[0]); },
       grpc::StatusCode::FAILED_PRECONDITION, "series_id"},
      {"a Teilnahmebestätigung", [&] { return issue_one(ids_[1]); },
       grpc::StatusCode::FAILED_PRECONDITION, "series_id"},
      {"everyone's", [&] { return issue_all(false); }, grpc::StatusCode::FAILED_PRECONDITION,
       "series_id"},
      {"everyone's preview", [&] { return issue_all(true); },
       grpc::StatusCode::FAILED_PRECONDITION, "series_id"},
  });
  grpc::Status s = issue_one(ids_[0]);
  EXPECT_NE(s.error_message().find(absl::StrCat("session ", future_, " ")), std::string::npos)
      << s.error_message();
  v1::ListCertificatesRequest list;
  list.set_series_id(series_id_);
  v1::ListCertificatesResponse listed;
  ASSERT_TRUE(
      Call(*certificates_, &v1::CertificateService::Stub::ListCertificates, list, &listed).ok());
  EXPECT_EQ(listed.certificates_size(), 0);

  // The session still to come counts as remaining: Amina is not "completed".
  v1::CompletionReport report;
  ASSERT_TRUE(Evaluate(&report, {}, ids_[0]).ok());
  EXPECT_EQ(report.people(0).sessions_remaining(), 1);
  EXPECT_NE(report.people(0).progress(), v1::COMPLETION_PROGRESS_COMPLETED);

  HoldTheLastSession();
  s = issue_one(ids_[0]);
  ASSERT_TRUE(s.ok()) << s.error_message();
  EXPECT_EQ(certificate.outcome(), v1::COMPLETION_OUTCOME_CERTIFICATE);
}

// After completion the enrolment records who took part: neither the
// participant nor a coordinator withdraws it.
TEST_F(CertificateServiceTest, NoWithdrawalAfterCompletion) {
  v1::Certificate amina, oleksandr;
  ASSERT_TRUE(Issue(ids_[0], &amina).ok());
  ASSERT_TRUE(Issue(ids_[1], &oleksandr).ok());
  auto enrolment_of = [&](int64_t participant) {
    v1::ListEnrolmentsRequest r;
    r.set_series_id(series_id_);
    r.set_participant_id(participant);
    v1::ListEnrolmentsResponse out;
    EXPECT_TRUE(Call(*enrolments_, &v1::EnrolmentService::Stub::ListEnrolments, r, &out).ok());
    return out.enrolments_size() == 1 ? out.enrolments(0).id() : 0;
  };
  v1::Enrolment out;
  auto withdraw = [&](int64_t participant, const std::string& token) {
    v1::WithdrawEnrolmentRequest r;
    r.set_id(enrolment_of(participant));
    r.set_reason("keine Zeit mehr");
    const std::string admin = token_;
    token_ = token;
    grpc::Status s = Call(*enrolments_, &v1::EnrolmentService::Stub::WithdrawEnrolment, r, &out);
    token_ = admin;
    return s;
  };
  const std::string before = Snapshot();
  ExpectRefused({
      {"the holder of a Zertifikat herself",
       [&] { return withdraw(ids_[0], participant_token_); },
       grpc::StatusCode::FAILED_PRECONDITION, "id"},
      {"a coordinator for the holder of a Teilnahmebestätigung",
       [&] { return withdraw(ids_[1], token_); }, grpc::StatusCode::FAILED_PRECONDITION, "id"},
  });
  grpc::Status s = withdraw(ids_[1], token_);
  EXPECT_NE(s.error_message().find("Teilnahmebestätigung " + oleksandr.serial()),
            std::string::npos)
      << s.error_message();
  EXPECT_EQ(Snapshot(), before);
  // A certificate issued in error is revoked first; then the enrolment can end.
  v1::Certificate revoked;
  ASSERT_TRUE(Change(&v1::CertificateService::Stub::RevokeCertificate, oleksandr.serial(),
                     "irrtümlich ausgestellt", &revoked)
                  .ok());
  s = withdraw(ids_[1], token_);
  ASSERT_TRUE(s.ok()) << s.error_message();
  EXPECT_EQ(out.state(), v1::ENROLMENT_STATE_WITHDRAWN);

  // Once the series is completed nobody withdraws, with or without a certificate.
  for (auto status : {v1::SERIES_STATUS_OPEN_FOR_ENROLMENT, v1::SERIES_STATUS_RUNNING,
                      v1::SERIES_STATUS_COMPLETED}) {
    v1::UpdateSeriesRequest r;
    r.mutable_series()->set_id(series_id_);
    r.mutable_series()->set_status(status);
    r.mutable_update_mask()->add_paths("status");
    v1::Series updated;
    s = Call(*series_, &v1::SeriesService::Stub::UpdateSeries, r, &updated);
    ASSERT_TRUE(s.ok()) << s.error_message();
  }
  s = withdraw(ids_[2], token_);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::FAILED_PRECONDITION) << s.error_message();
  EXPECT_NE(s.error_message().find("completed"), std::string::npos) << s.error_message();
}

// The entry names of a ZIP file's bytes (libzip reads them back).
std::set<std::string> ZipEntries(const std::string& bytes) {
  const std::string path = ::testing::TempDir() + "/certificates-test.zip";
  std::ofstream(path, std::ios::binary) << bytes;
  int error = 0;
  zip_t* archive = zip_open(path.c_str(), ZIP_RDONLY | ZIP_CHECKCONS, &error);
  std::set<std::string> names;
  if (archive == nullptr) {
    ADD_FAILURE() << "not a ZIP file (libzip error " << error << ")";
    return names;
  }
  for (zip_int64_t i = 0; i < zip_get_num_entries(archive, 0); ++i) {
    zip_stat_t st;
    EXPECT_EQ(zip_stat_index(archive, i, 0, &st), 0);
    EXPECT_GT(st.size, 1000u);
    names.insert(st.name);
  }
  zip_close(archive);
  std::remove(path.c_str());
  return names;
}

TEST_F(CertificateServiceTest, ZipHoldsEveryValidPdfAndWithAllTheOthersToo) {
  v1::Certificate first, second, replaced;
  ASSERT_TRUE(Issue(ids_[0], &first).ok());
  ASSERT_TRUE(Issue(ids_[1], &second).ok());
  ASSERT_TRUE(Change(&v1::CertificateService::Stub::ReissueCertificate, second.serial(),
                     "Name korrigiert", &replaced)
                  .ok());
  auto download = [&](bool all, std::string* bytes, std::string* name) {
    v1::DownloadCertificatesRequest r;
    r.set_series_id(series_id_);
    r.set_include_invalid(all);
    grpc::ClientContext context;
    context.AddMetadata("authorization", "Bearer " + token_);
    auto reader = certificates_->DownloadCertificates(&context, r);
    v1::FileChunk chunk;
    bytes->clear();
    for (int parts = 0; reader->Read(&chunk); ++parts) {
      if (parts == 0) *name = chunk.file_name();
      bytes->append(chunk.data());
    }
    return reader->Finish();
  };
  std::string bytes, name;
  grpc::Status s = download(false, &bytes, &name);
  ASSERT_TRUE(s.ok()) << s.error_message();
  EXPECT_EQ(name, "bescheinigungen-reihe-" + std::to_string(series_id_) + ".zip");
  std::set<std::string> entries = ZipEntries(bytes);
  EXPECT_EQ(entries.size(), 2u);
  EXPECT_TRUE(entries.count("Zertifikat أمينة حداد " + first.serial() + ".pdf") ||
              entries.count("Teilnahmebestätigung أمينة حداد " + first.serial() + ".pdf"))
      << *entries.begin();
  ASSERT_TRUE(download(true, &bytes, &name).ok());
  entries = ZipEntries(bytes);
  EXPECT_EQ(entries.size(), 3u);
  bool marked = false;
  for (const std::string& e : entries) marked |= e.find("(ersetzt)") != std::string::npos;
  EXPECT_TRUE(marked);

  // The participant is not given everyone's PDFs; a series without
  // certificates has nothing to download.
  const std::string admin = token_;
  token_ = participant_token_;
  s = download(false, &bytes, &name);
  token_ = admin;
  EXPECT_EQ(s.error_code(), grpc::StatusCode::PERMISSION_DENIED);
  const int64_t empty = CreateSeries(org_, "Noch ohne Bescheinigungen").id();
  v1::DownloadCertificatesRequest r;
  r.set_series_id(empty);
  grpc::ClientContext context;
  context.AddMetadata("authorization", "Bearer " + token_);
  auto reader = certificates_->DownloadCertificates(&context, r);
  v1::FileChunk chunk;
  EXPECT_FALSE(reader->Read(&chunk));
  s = reader->Finish();
  EXPECT_EQ(s.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_EQ(FieldOf(s), "series_id");
}

TEST_F(CertificateServiceTest, ParticipantsSeeTheirOwnCertificatesOnly) {
  v1::Certificate own, other;
  ASSERT_TRUE(Issue(ids_[0], &own).ok());
  ASSERT_TRUE(Issue(ids_[1], &other).ok());
  const std::string admin = token_;
  token_ = participant_token_;
  v1::ListCertificatesResponse mine;
  grpc::Status s = Call(*certificates_, &v1::CertificateService::Stub::ListCertificates,
                        v1::ListCertificatesRequest(), &mine);
  v1::GetCertificateRequest get;
  get.set_serial(other.serial());
  v1::Certificate seen;
  grpc::Status denied =
      Call(*certificates_, &v1::CertificateService::Stub::GetCertificate, get, &seen);
  get.set_serial(own.serial());
  grpc::Status allowed =
      Call(*certificates_, &v1::CertificateService::Stub::GetCertificate, get, &seen);
  token_ = admin;
  ASSERT_TRUE(s.ok()) << s.error_message();
  ASSERT_EQ(mine.certificates_size(), 1);
  EXPECT_EQ(mine.certificates(0).serial(), own.serial());
  EXPECT_EQ(denied.error_code(), grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_TRUE(allowed.ok()) << allowed.error_message();
}

TEST_F(CertificateServiceTest, AZertifikatRecordsTheQualificationRevokingTakesItBack) {
  v1::Certificate zertifikat, confirmation;
  ASSERT_NO_FATAL_FAILURE(
      IssueAminaAZertifikatAwarding("Interkulturelle Kompetenz im Ehrenamt", &zertifikat));
  ASSERT_TRUE(Issue(ids_[1], &confirmation).ok());
  auto qualifications = [&](int64_t participant) {
    v1::ListQualificationsRequest r;
    r.set_participant_id(participant);
    v1::ListQualificationsResponse out;
    EXPECT_TRUE(Call(*people_, &v1::ParticipantService::Stub::ListQualifications, r, &out).ok());
    return out;
  };
  v1::ListQualificationsResponse held = qualifications(ids_[0]);
  ASSERT_EQ(held.qualifications_size(), 1);
  EXPECT_EQ(held.qualifications(0).title(), "Interkulturelle Kompetenz im Ehrenamt");
  EXPECT_EQ(held.qualifications(0).series_id(), series_id_);
  EXPECT_NE(held.qualifications(0).note().find(zertifikat.serial()), std::string::npos);
  EXPECT_EQ(qualifications(ids_[1]).qualifications_size(), 0) << "a Teilnahmebestätigung";
  v1::Certificate revoked;
  ASSERT_TRUE(Change(&v1::CertificateService::Stub::RevokeCertificate, zertifikat.serial(),
                     "Decision withdrawn", &revoked)
                  .ok());
  EXPECT_EQ(qualifications(ids_[0]).qualifications_size(), 0);
}

// A series that requires the qualification keeps the person whose Zertifikat
// was revoked, marked for the coordinator with the reason; nothing is
// withdrawn by itself.
TEST_F(CertificateServiceTest, ARevokedZertifikatFlagsTheEnrolmentsThatRequireIt) {
  const std::string title = "Interkulturelle Kompetenz im Ehrenamt";
  v1::Certificate zertifikat;
  ASSERT_NO_FATAL_FAILURE(IssueAminaAZertifikatAwarding(title, &zertifikat));

  // The follow-up course requires it; Amina enrols, as does someone on the waiting list.
  v1::CreateSeriesRequest create;
  create.mutable_series()->set_organization_id(org_);
  create.mutable_series()->set_title("Aufbaukurs Ehrenamt");
  create.mutable_series()->set_kind(v1::SERIES_KIND_VOLUNTEER_COURSE);
  create.mutable_series()->set_capacity(1);
  create.mutable_series()->set_required_qualification(title);
  v1::Series follow_up;
  ASSERT_TRUE(Call(*series_, &v1::SeriesService::Stub::CreateSeries, create, &follow_up).ok());
  v1::RequestEnrolmentRequest enrol;
  enrol.set_series_id(follow_up.id());
  enrol.set_participant_id(ids_[0]);
  v1::Enrolment enrolment;
  grpc::Status s =
      Call(*enrolments_, &v1::EnrolmentService::Stub::RequestEnrolment, enrol, &enrolment);
  ASSERT_TRUE(s.ok()) << s.error_message();
  EXPECT_TRUE(enrolment.requirement_unmet().empty());

  auto flagged = [&](const std::string& token, grpc::Status* status = nullptr) {
    v1::ListEnrolmentsRequest r;
    r.set_series_id(follow_up.id());
    r.set_participant_id(token == token_ ? 0 : ids_[0]);
    r.set_requirement_unmet(true);
    v1::ListEnrolmentsResponse out;
    grpc::Status st = As(token, [&] {
      return Call(*enrolments_, &v1::EnrolmentService::Stub::ListEnrolments, r, &out);
    });
    if (status != nullptr) *status = st;
    EXPECT_TRUE(status != nullptr || st.ok()) << st.error_message();
    return out;
  };
  EXPECT_EQ(flagged(token_).enrolments_size(), 0) << "she holds the qualification";

  v1::Certificate revoked;
  ASSERT_TRUE(Change(&v1::CertificateService::Stub::RevokeCertificate, zertifikat.serial(),
                     "Entscheidung zurückgenommen", &revoked)
                  .ok());
  v1::ListEnrolmentsResponse listed = flagged(token_);
  ASSERT_EQ(listed.enrolments_size(), 1);
  const v1::Enrolment& marked = listed.enrolments(0);
  EXPECT_EQ(marked.participant_id(), ids_[0]);
  EXPECT_EQ(marked.state(), v1::ENROLMENT_STATE_ENROLLED) << "nobody is withdrawn by itself";
  EXPECT_NE(marked.requirement_unmet().find(title), std::string::npos)
      << marked.requirement_unmet();
  EXPECT_NE(marked.requirement_unmet().find("Zertifikat " + zertifikat.serial()),
            std::string::npos)
      << marked.requirement_unmet();
  EXPECT_NE(marked.requirement_unmet().find("revoked"), std::string::npos);
  v1::GetEnrolmentRequest get;
  get.set_id(marked.id());
  v1::Enrolment got;
  ASSERT_TRUE(Call(*enrolments_, &v1::EnrolmentService::Stub::GetEnrolment, get, &got).ok());
  EXPECT_EQ(got.requirement_unmet(), marked.requirement_unmet());

  // The participant keeps her enrolment and sees no coordinator's marker;
  // the filter is for coordinators.
  grpc::Status denied;
  flagged(participant_token_, &denied);
  EXPECT_EQ(denied.error_code(), grpc::StatusCode::PERMISSION_DENIED) << denied.error_message();
  v1::Enrolment own;
  s = As(participant_token_,
         [&] { return Call(*enrolments_, &v1::EnrolmentService::Stub::GetEnrolment, get, &own); });
  ASSERT_TRUE(s.ok()) << s.error_message();
  EXPECT_TRUE(own.requirement_unmet().empty());

  // A coordinator records the qualification by hand (an earlier course): no longer flagged.
  v1::RecordQualificationRequest record;
  record.set_participant_id(ids_[0]);
  record.mutable_qualification()->set_title(title);
  v1::Qualification q;
  ASSERT_TRUE(Call(*people_, &v1::ParticipantService::Stub::RecordQualification, record, &q).ok());
  EXPECT_EQ(flagged(token_).enrolments_size(), 0);
}

}  // namespace
}  // namespace trainhub::api_test
