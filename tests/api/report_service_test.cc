// ReportService: funder reports count unique persons, suppress small cells
// so that none can be worked out, record themselves in the audit log, and
// count each document and training year once. Bad queries are in
// report_bad_query_test.cc.

#include <nlohmann/json.hpp>

#include "api/access_matrix.h"
#include "api/report_fixture.h"
#include "domain/berlin_time.h"
#include "trainhub/v1/audit.grpc.pb.h"
#include "trainhub/v1/certificate.grpc.pb.h"

namespace trainhub::api_test {
namespace {

v1::GetFunderReportRequest OwnYear(const AccessObjects& o) {
  v1::GetFunderReportRequest r;
  r.mutable_period()->set_year(2029);
  r.set_organization_id(o.org);
  return r;
}

// ReportService's rows of the access matrix (access_matrix.h): the
// coordinators of an organisation report on it; nobody else but admins.
TH_ACCESS_ROWS(kReportServiceRows,
               {
                   {"ReportService/GetFunderReport",
                    [](const AccessObjects& o) { return Bytes(OwnYear(o)); }, kPlannerOwn},
                   {"ReportService/ExportFunderReport",
                    [](const AccessObjects& o) {
                      v1::ExportFunderReportRequest r;
                      *r.mutable_report() = OwnYear(o);
                      r.set_format(v1::REPORT_FILE_FORMAT_CSV);
                      return Bytes(r);
                    },
                    kPlannerOwn},
               });

TEST_F(ReportServiceTest, CountsEachPersonOnceAndSuppressesSmallCellsBeyondDerivation) {
  const v1::FunderReport r = ReportOk(Year(2021));
  EXPECT_EQ(r.first_day(), "2021-01-01");
  EXPECT_EQ(r.last_day(), "2021-12-31");
  EXPECT_EQ(r.scope_name(), "Netzwerk Vielfalt e. V.");
  EXPECT_EQ(r.min_persons(), 3);
  // Four volunteers and the apprentice took part; the one who was only
  // absent did not. One volunteer in both series is one person.
  EXPECT_EQ(r.persons().value(), 5);
  EXPECT_EQ(r.participations().value(), 7);
  EXPECT_EQ(r.sessions_held(), 3);
  EXPECT_DOUBLE_EQ(r.teaching_units(), 12.0);  // three sessions of 3 hours: 4 UE each
  EXPECT_EQ(r.statuses_recorded(), 14);
  EXPECT_EQ(r.statuses_attended(), 11);
  // Volunteers 4, apprentices 1: the 1 is suppressed, and the 4 with it,
  // as the total would give it away.
  EXPECT_EQ(Shown(Table(r, v1::REPORT_BREAKDOWN_TARGET_GROUP)),
            (std::vector<std::string>{".", ".", "0", "0", "0", "0", "0", "5"}));
  // Organisations: 4 and 1, the same.
  const v1::ReportTable& orgs = Table(r, v1::REPORT_BREAKDOWN_ORGANIZATION);
  ASSERT_EQ(orgs.rows_size(), 2);
  EXPECT_EQ(Shown(orgs), (std::vector<std::string>{".", ".", "5"}));
  // Series: 5 and 2 of 7 participations.
  const v1::ReportTable& series = Table(r, v1::REPORT_BREAKDOWN_SERIES);
  ASSERT_EQ(series.rows_size(), 2);
  EXPECT_EQ(series.rows(0).series_id(), first_);
  EXPECT_EQ(Shown(series), (std::vector<std::string>{".", ".", "7"}));
  // The apprentice's training year: hidden, as is the apprentices' total.
  EXPECT_EQ(Shown(Table(r, v1::REPORT_BREAKDOWN_TRAINING_YEAR)),
            (std::vector<std::string>{"0", ".", "0", "0", "."}));
  EXPECT_FALSE(r.attendance_suppressed());
  EXPECT_EQ(r.definitions_size(), 10);
  EXPECT_FALSE(r.suppression_note().empty());
  EXPECT_EQ(r.inputs_hash().rfind("blake2b-256:", 0), 0u);

  // With k = 2 only the single persons are hidden (and what reveals them).
  const v1::FunderReport k2 = ReportOk(Year(2021, 2));
  EXPECT_EQ(Shown(Table(k2, v1::REPORT_BREAKDOWN_SERIES)),
            (std::vector<std::string>{"5", "2", "7"}));

  // 2022: one person, so the total and the attendance rate are hidden too.
  const v1::FunderReport later = ReportOk(Year(2022));
  EXPECT_TRUE(later.persons().suppressed());
  EXPECT_TRUE(later.attendance_suppressed());
  EXPECT_EQ(later.statuses_recorded(), 0);
  EXPECT_EQ(later.sessions_held(), 1);
}

TEST_F(ReportServiceTest, AProgrammeOfSeriesAndADateRangeCountOnlyTheirSessions) {
  v1::GetFunderReportRequest r;
  r.mutable_period()->set_first_day("2021-03-05");
  r.mutable_period()->set_last_day("2022-12-31");
  r.add_series_ids(first_);
  r.set_min_persons(2);
  const v1::FunderReport report = ReportOk(r);
  // 8 March 2021 (all but the absent one attended; the apprentice was
  // excused) and January 2022.
  EXPECT_EQ(report.persons().value(), 4);
  EXPECT_EQ(report.sessions_held(), 2);
  EXPECT_EQ(report.organization_id(), 0);
  EXPECT_EQ(report.scope_name(), "Interkultur im Ehrenamt 2021");
}

TEST_F(ReportServiceTest, EveryReportIsInTheAuditLogWithAHashOfItsFacts) {
  const v1::FunderReport first = ReportOk(Year(2021));
  const v1::FunderReport again = ReportOk(Year(2021));
  EXPECT_EQ(first.inputs_hash(), again.inputs_hash()) << "the same facts, the same hash";
  // A correction changes the facts.
  v1::RecordAttendanceRequest correction;
  correction.set_session_id(june_);
  correction.set_reason("Nachtrag: doch entschuldigt");
  correction.mutable_mark()->set_participant_id(volunteers_[1]);
  correction.mutable_mark()->set_status(v1::ATTENDANCE_STATUS_EXCUSED);
  v1::AttendanceRecord record;
  ASSERT_TRUE(
      Call(*attendance_, &v1::AttendanceService::Stub::RecordAttendance, correction, &record).ok());
  const v1::FunderReport corrected = ReportOk(Year(2021));
  EXPECT_NE(corrected.inputs_hash(), first.inputs_hash());
  EXPECT_EQ(corrected.participations().value(), 6);

  auto audit = v1::AuditService::NewStub(channel_);
  v1::ListAuditEventsResponse events;
  ASSERT_TRUE(Call(*audit, &v1::AuditService::Stub::ListAuditEvents, {}, &events).ok());
  int reports = 0;
  for (const auto& e : events.events()) {
    if (e.method() != "trainhub.v1.ReportService/GetFunderReport") continue;
    ++reports;
    EXPECT_EQ(e.organization_id(), org_);
    EXPECT_NE(e.object().find("period=2021-01-01..2021-12-31"), std::string::npos) << e.object();
    EXPECT_NE(e.object().find("scope=organization/" + std::to_string(org_)), std::string::npos);
    EXPECT_NE(e.object().find("k=3"), std::string::npos);
  }
  EXPECT_EQ(reports, 3);
  EXPECT_NE(events.events(0).object().find(corrected.inputs_hash()), std::string::npos)
      << "the newest event names the newest report's hash";
}

TEST_F(ReportServiceTest, FilesShowSuppressedCellsWithoutTheirValues) {
  auto export_as = [&](v1::ReportFileFormat format) {
    v1::ExportFunderReportRequest r;
    *r.mutable_report() = Year(2021);
    r.set_format(format);
    v1::ReportFile file;
    grpc::Status s = Call(*reports_, &v1::ReportService::Stub::ExportFunderReport, r, &file);
    EXPECT_TRUE(s.ok()) << s.error_message();
    return file;
  };
  const v1::ReportFile csv = export_as(v1::REPORT_FILE_FORMAT_CSV);
  EXPECT_EQ(csv.content().rfind("\xEF\xBB\xBF", 0), 0u) << "UTF-8 with BOM";
  EXPECT_NE(csv.content().find("Zielgruppe;Personen\r\nEhrenamtliche;.\r\nAuszubildende;.\r\n"),
            std::string::npos)
      << csv.content();
  EXPECT_NE(csv.content().find("Personen;5\r\n"), std::string::npos);
  const v1::ReportFile json = export_as(v1::REPORT_FILE_FORMAT_JSON);
  const nlohmann::json j = nlohmann::json::parse(json.content());
  EXPECT_EQ(j["persons"]["value"], 5);
  for (const auto& table : j["tables"]) {
    for (const auto& row : table["rows"]) {
      if (row["persons"].contains("suppressed")) {
        EXPECT_FALSE(row["persons"].contains("value"));
      }
    }
  }
  const v1::ReportFile pdf = export_as(v1::REPORT_FILE_FORMAT_UNSPECIFIED);
  EXPECT_EQ(pdf.content().rfind("%PDF-", 0), 0u);
  EXPECT_EQ(pdf.content_type(), "application/pdf");
  EXPECT_EQ(pdf.file_name(), "foerderbericht-2021-01-01-2021-12-31.pdf");
}

// A replaced document never counts: people whose Teilnahmebestätigung was
// reissued as a Zertifikat count once, as Zertifikate; a revoked one counts
// nowhere.
TEST_F(ReportServiceTest, AReissuedDocumentCountsOnceAsWhatItWasReissuedAs) {
  auto certificates = v1::CertificateService::NewStub(channel_);
  auto decide = [&](int64_t person, v1::CompletionOutcome outcome) {
    v1::RecordCompletionDecisionRequest r;
    r.set_series_id(first_);
    r.set_participant_id(person);
    r.set_outcome(outcome);
    r.set_reason("Nachweis der Praxisphase liegt vor");
    v1::PersonCompletion out;
    grpc::Status s =
        Call(*certificates, &v1::CertificateService::Stub::RecordCompletionDecision, r, &out);
    EXPECT_TRUE(s.ok()) << s.error_message();
  };
  std::vector<std::string> zertifikate;
  for (int i = 0; i < 3; ++i) {
    decide(volunteers_[i], v1::COMPLETION_OUTCOME_CONFIRMATION);
    v1::IssueCertificateRequest issue;
    issue.set_series_id(first_);
    issue.set_participant_id(volunteers_[i]);
    v1::Certificate confirmation;
    grpc::Status s =
        Call(*certificates, &v1::CertificateService::Stub::IssueCertificate, issue, &confirmation);
    ASSERT_TRUE(s.ok()) << s.error_message();
    ASSERT_EQ(confirmation.outcome(), v1::COMPLETION_OUTCOME_CONFIRMATION);
    decide(volunteers_[i], v1::COMPLETION_OUTCOME_CERTIFICATE);
    v1::ReissueCertificateRequest reissue;
    reissue.set_serial(confirmation.serial());
    reissue.set_reason("Praxisphase nachgewiesen");
    v1::Certificate zertifikat;
    s = Call(*certificates, &v1::CertificateService::Stub::ReissueCertificate, reissue,
             &zertifikat);
    ASSERT_TRUE(s.ok()) << s.error_message();
    ASSERT_EQ(zertifikat.outcome(), v1::COMPLETION_OUTCOME_CERTIFICATE);
    zertifikate.push_back(zertifikat.serial());
  }
  const int this_year =
      static_cast<int>(absl::ToCivilYear(absl::Now(), domain::DisplayTimeZone()).year());
  v1::GetFunderReportRequest r = Year(this_year, /*k=*/2);
  const v1::FunderReport issued = ReportOk(r);
  EXPECT_EQ(issued.certificates().value(), 3);
  EXPECT_FALSE(issued.confirmations().suppressed());
  EXPECT_EQ(issued.confirmations().value(), 0) << "the replaced Teilnahmebestätigungen";

  v1::RevokeCertificateRequest revoke;
  revoke.set_serial(zertifikate[0]);
  revoke.set_reason("irrtümlich ausgestellt");
  v1::Certificate revoked;
  ASSERT_TRUE(
      Call(*certificates, &v1::CertificateService::Stub::RevokeCertificate, revoke, &revoked).ok());
  const v1::FunderReport after = ReportOk(r);
  EXPECT_EQ(after.certificates().value(), 2);
  EXPECT_EQ(after.confirmations().value(), 0) << "nor does the one it replaced come back";
  bool defined = false;
  for (const auto& d : after.definitions()) {
    if (d.figure() != "Zertifikate, Teilnahmebestätigungen") continue;
    defined = true;
    EXPECT_NE(d.text().find("ersetzte"), std::string::npos) << d.text();
    EXPECT_NE(d.text().find("widerrufene"), std::string::npos) << d.text();
  }
  EXPECT_TRUE(defined);
}

// Apprentices count in the training year of the day they took part, derived
// from their start of training: a parcours day in October 2021 and one in
// October 2022 count the same cohort in its 1st and its 2nd year, whenever
// the reports are made.
TEST_F(ReportServiceTest, ApprenticesCountInTheTrainingYearOfTheirParcoursDay) {
  v1::Series parcours = CreateSeries(other_org_, "Gemeinsam verschieden");
  const int64_t module = CreateModule(parcours.id(), "Vielfaltsparcours").id();
  const int64_t october_2021 = AddSession(parcours.id(), module, Day(2021, 10, 12, 8));
  const int64_t october_2022 = AddSession(parcours.id(), module, Day(2022, 10, 11, 8));
  std::vector<int64_t> cohort;
  for (const char* name : {"Lena Hoffmann", "Mehmet Yılmaz", "Sophie Krüger"}) {
    cohort.push_back(NewPerson(name, other_org_,
                               {v1::TARGET_GROUP_APPRENTICES, v1::TARGET_GROUP_VOLUNTEERS},
                               absl::CivilDay(2021, 9, 1)));
    Enrol(parcours.id(), cohort.back());
  }
  const std::vector<v1::AttendanceStatus> present(3, v1::ATTENDANCE_STATUS_PRESENT);
  Record(october_2021, cohort, present);
  Record(october_2022, cohort, present);
  auto by_year = [&](int year) {
    v1::GetFunderReportRequest r;
    r.mutable_period()->set_year(year);
    r.add_series_ids(parcours.id());
    return Shown(Table(ReportOk(r), v1::REPORT_BREAKDOWN_TRAINING_YEAR));
  };
  EXPECT_EQ(by_year(2021), (std::vector<std::string>{"3", "0", "0", "0", "3"}));
  EXPECT_EQ(by_year(2022), (std::vector<std::string>{"0", "3", "0", "0", "3"}));
}

}  // namespace
}  // namespace trainhub::api_test
