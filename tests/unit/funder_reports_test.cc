// The funder report use case on an in-memory store with a clock the test
// sets: apprentices counted by the training year their start of training
// gives on the day they took part (the same in every later year), and only
// the documents that stand counted (a replaced or revoked one never).

#include "domain/reports/funder_reports.h"

#include <gtest/gtest.h>

#include "absl/strings/str_cat.h"
#include "domain/attendance/attendance_recording.h"
#include "domain/berlin_time.h"
#include "domain/enrolment/enrolments.h"
#include "domain/enrolment/participants.h"
#include "domain/enrolment/training_year.h"
#include "domain/status_macros.h"
#include "store/sqlite_store.h"
#include "testing/planning.h"

namespace trainhub::domain {
namespace {

absl::Time Berlin(int y, int m, int d, int hh = 9) {
  return absl::FromCivil(absl::CivilHour(y, m, d, hh), DisplayTimeZone());
}

class FunderReportsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto store = store::SqliteStore::Open(":memory:");
    ASSERT_TRUE(store.ok());
    store_ = *std::move(store);
    auto clock = [this] { return now_; };
    planner_ = std::make_unique<trainhub::testing::Planning>(*store_, clock);
    participants_ = std::make_unique<Participants>(*store_, clock);
    enrolments_ = std::make_unique<Enrolments>(*store_, clock);
    recording_ = std::make_unique<AttendanceRecording>(*store_, clock);
    reports_ = std::make_unique<FunderReports>(*store_, clock);

    Organization org;
    org.name = "Stadt Dessau-Roßlau";
    org.kind = OrganizationKind::kMunicipality;
    org_ = planner_->organizations.Create(admin_, org, {})->id;
    Series s;
    s.organization_id = org_;
    s.title = "Gemeinsam verschieden";
    s.kind = SeriesKind::kApprenticeParcours;
    s.capacity = 20;
    s.target_groups = {TargetGroup::kApprentices};
    series_ = planner_->series.CreateSeries(admin_, s, {})->id;
    Module m;
    m.title = "Vielfaltsparcours";
    const Id module = planner_->series.CreateModule(admin_, series_, m, 0, {})->id;
    // One day of the parcours each spring and autumn, 2019 and 2020.
    for (absl::Time start :
         {Berlin(2019, 3, 12), Berlin(2019, 10, 15), Berlin(2020, 2, 11), Berlin(2020, 10, 13)}) {
      Session session;
      session.series_id = series_;
      session.module_id = module;
      session.start = start;
      session.end = start + absl::Hours(6);
      auto created = planner_->sessions.CreateSession(admin_, series_, module, session, false, {});
      ASSERT_TRUE(created.ok()) << created.status();
      sessions_.push_back(created->id);
    }
  }

  Id Apprentice(const std::string& name, std::optional<absl::CivilDay> start, int stated_year = 0) {
    Participant p;
    p.display_name = name;
    p.organization_id = org_;
    p.target_groups = {TargetGroup::kApprentices};
    p.training_start = start;
    p.stated_training_year = stated_year;
    auto created = participants_->Create(admin_, p, {});
    EXPECT_TRUE(created.ok()) << created.status();
    EXPECT_TRUE(enrolments_->Request(admin_, series_, created->id, false, "", {}).ok());
    return created->id;
  }

  // Transferred from the signed paper list after the session.
  void Present(Id session, const std::vector<Id>& people) {
    std::vector<AttendanceMark> marks;
    for (Id person : people)
      marks.push_back({.participant_id = person, .status = AttendanceStatus::kPresent});
    auto sheet = recording_->RecordSheet(admin_, session, marks, "aus der Papierliste", {});
    ASSERT_TRUE(sheet.ok()) << sheet.status();
  }

  FunderReport Report(int year) {
    FunderReportQuery q;
    q.year = year;
    q.organization_id = org_;
    q.min_persons = 2;
    auto report = reports_->Build(admin_, q);
    EXPECT_TRUE(report.ok()) << report.status();
    return report.ok() ? *report : FunderReport{};
  }

  // Apprentices per training year 1, 2, 3 and "not stated".
  static std::vector<int64_t> ByYear(const FunderReport& r) {
    for (const ReportTable& t : r.tables) {
      if (t.breakdown != ReportBreakdown::kTrainingYear) continue;
      std::vector<int64_t> out;
      for (const ReportRow& row : t.rows) {
        EXPECT_FALSE(row.persons.suppressed);
        out.push_back(row.persons.value);
      }
      return out;
    }
    ADD_FAILURE() << "no training year table";
    return {};
  }

  absl::Time now_ = Berlin(2019, 2, 1);
  std::unique_ptr<store::SqliteStore> store_;
  std::unique_ptr<trainhub::testing::Planning> planner_;
  std::unique_ptr<Participants> participants_;
  std::unique_ptr<Enrolments> enrolments_;
  std::unique_ptr<AttendanceRecording> recording_;
  std::unique_ptr<FunderReports> reports_;
  const Principal admin_ = Principal::System();
  Id org_ = 0, series_ = 0;
  std::vector<Id> sessions_;
};

TEST_F(FunderReportsTest, ApprenticesCountInTheTrainingYearOfTheDayTheyTookPart) {
  // The cohort of September 2018; two more of August 2019; one recorded in
  // February 2019 (before this version) as "1st year", which became a start
  // on 1 August 2018.
  const Id anna = Apprentice("Anna Schulz", absl::CivilDay(2018, 9, 1));
  const Id ben = Apprentice("Ben Öztürk", absl::CivilDay(2018, 9, 1));
  const Id chen = Apprentice("Chen Wei", absl::CivilDay(2019, 8, 1));
  const Id dana = Apprentice("Dana Kraus", absl::CivilDay(2019, 8, 1));
  const Id emil = Apprentice("Emil Jung", std::nullopt, /*stated_year=*/1);
  const Id frieda = Apprentice("Frieda Lang", std::nullopt, /*stated_year=*/1);
  auto emil_record = participants_->Get(admin_, emil);
  ASSERT_TRUE(emil_record.ok());
  EXPECT_EQ(emil_record->training_start, absl::CivilDay(2018, 8, 1));

  now_ = Berlin(2020, 12, 1);
  Present(sessions_[0], {anna, ben, emil, frieda});              // March 2019
  Present(sessions_[1], {anna, ben, chen, dana});                // October 2019
  Present(sessions_[2], {anna, ben, chen, dana});                // February 2020
  Present(sessions_[3], {anna, ben, chen, dana, emil, frieda});  // October 2020

  // 2019: Anna, Ben, Emil and Frieda first took part in March, in their 1st
  // year; Chen and Dana in October, in theirs.
  const FunderReport y2019 = Report(2019);
  EXPECT_EQ(ByYear(y2019), (std::vector<int64_t>{6, 0, 0, 0}));
  // 2020: from February, Anna and Ben in their 2nd year, Chen and Dana in
  // their 1st; Emil and Frieda first came in October, in their 3rd.
  const FunderReport y2020 = Report(2020);
  EXPECT_EQ(ByYear(y2020), (std::vector<int64_t>{2, 2, 2, 0}));

  // The year turns, and turns again: 2019's report stays as it was.
  for (absl::Time later : {Berlin(2021, 1, 4), Berlin(2024, 6, 30)}) {
    now_ = later;
    const FunderReport again = Report(2019);
    EXPECT_EQ(ByYear(again), ByYear(y2019));
    EXPECT_EQ(again.inputs_hash, y2019.inputs_hash);
  }
}

TEST_F(FunderReportsTest, AnApprenticeWithoutAStartOrOutsideTheFirstThreeYearsIsNotStated) {
  // Three years before 2020: in October 2020 in the 4th year.
  const Id long_ago = Apprentice("Lara Brandt", absl::CivilDay(2017, 8, 1));
  // Starts only after the session: a pre-course before the training.
  const Id not_yet = Apprentice("Milan Roth", absl::CivilDay(2020, 11, 1));
  const Id third = Apprentice("Nina Vogel", absl::CivilDay(2018, 8, 1));
  const Id fourth = Apprentice("Olaf Peters", absl::CivilDay(2018, 8, 1));
  now_ = Berlin(2020, 12, 1);
  Present(sessions_[3], {long_ago, not_yet, third, fourth});
  EXPECT_EQ(ByYear(Report(2020)), (std::vector<int64_t>{0, 0, 2, 2}));
}

TEST_F(FunderReportsTest, ApprenticesGiveTheirStartAndOthersNone) {
  Participant p;
  p.display_name = "Ohne Beginn";
  p.organization_id = org_;
  p.target_groups = {TargetGroup::kApprentices};
  auto missing = participants_->Create(admin_, p, {});
  ASSERT_EQ(missing.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(GetFieldViolations(missing.status())[0].field, "participant.training_start");
  p.stated_training_year = 4;
  auto bad_year = participants_->Create(admin_, p, {});
  EXPECT_EQ(GetFieldViolations(bad_year.status())[0].field, "participant.training_year");
  // A start and a year that disagree today.
  p.training_start = absl::CivilDay(2018, 8, 1);  // 1st year on 1 February 2019
  p.stated_training_year = 2;
  auto disagree = participants_->Create(admin_, p, {});
  ASSERT_EQ(disagree.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_NE(disagree.status().message().find("training year 1"), std::string::npos)
      << disagree.status();
  p.stated_training_year = 1;
  ASSERT_TRUE(participants_->Create(admin_, p, {}).ok());
  Participant volunteer;
  volunteer.display_name = "Vera Ehrenamt";
  volunteer.organization_id = org_;
  volunteer.target_groups = {TargetGroup::kVolunteers};
  volunteer.training_start = absl::CivilDay(2018, 8, 1);
  auto refused = participants_->Create(admin_, volunteer, {});
  EXPECT_EQ(GetFieldViolations(refused.status())[0].field, "participant.training_start");

  // Updating the year alone (the deprecated way) replaces the start.
  const Id anna = Apprentice("Anna Schulz", absl::CivilDay(2018, 9, 1));
  Participant patch;
  patch.id = anna;
  patch.stated_training_year = 2;
  auto updated = participants_->Update(admin_, patch, {"training_year"});
  ASSERT_TRUE(updated.ok()) << updated.status();
  EXPECT_EQ(updated->training_start, absl::CivilDay(2017, 8, 1));
  patch.training_start = absl::CivilDay(2018, 10, 1);
  updated = participants_->Update(admin_, patch, {"training_start"});
  ASSERT_TRUE(updated.ok()) << updated.status();
  EXPECT_EQ(updated->training_start, absl::CivilDay(2018, 10, 1));
}

// Certificates as issued and changed since: written straight to the store,
// as CertificateIssuing (domain/completion/certificate_issuing.h) leaves them.
class FunderReportDocumentsTest : public FunderReportsTest {
 protected:
  struct Issued {
    CompletionOutcome outcome;
    absl::Time issued;
    CertificateStatus status = CertificateStatus::kValid;
  };

  // `person`'s documents of the series, each one replacing the one before
  // when it is not the last.
  void Documents(Id person, const std::vector<Issued>& chain) {
    ASSERT_TRUE(store_
                    ->Write([&](UnitOfWork& w) -> absl::Status {
                      std::string previous;
                      for (size_t i = 0; i < chain.size(); ++i) {
                        Certificate c;
                        c.participant_id = person;
                        c.content.serial = absl::StrCat("S", person, "-", i);
                        c.content.series_id = series_;
                        c.content.outcome = chain[i].outcome;
                        c.content.issue_time = chain[i].issued;
                        c.content.supersedes = previous;
                        c.content.key_id = "k1";
                        c.document = "{}";
                        c.signature = std::string(64, 's');
                        c.pdf = "%PDF-";
                        c.pdf_sha256 = "00";
                        c.issued_by = 1;
                        TH_ASSIGN_OR_RETURN(c.id, w.certificates().Insert(c));
                        if (i + 1 < chain.size()) {
                          c.status = CertificateStatus::kSuperseded;
                          c.superseded_by = absl::StrCat("S", person, "-", i + 1);
                          c.revoke_reason = "neu ausgestellt";
                        } else {
                          c.status = chain[i].status;
                        }
                        if (c.status == CertificateStatus::kRevoked) {
                          c.revoke_time = chain[i].issued + absl::Hours(24);
                          c.revoke_reason = "irrtümlich ausgestellt";
                        }
                        if (c.status != CertificateStatus::kValid) {
                          TH_RETURN_IF_ERROR(w.certificates().UpdateStatus(c));
                        }
                        previous = c.content.serial;
                      }
                      return absl::OkStatus();
                    })
                    .ok());
  }
};

TEST_F(FunderReportDocumentsTest, OnlyTheDocumentThatStandsCountsInThePeriodItWasIssued) {
  const auto kZertifikat = CompletionOutcome::kCertificate;
  const auto kBestaetigung = CompletionOutcome::kConfirmation;
  const auto kRevoked = CertificateStatus::kRevoked;
  // Two people each way, so that k = 2 shows every count.
  for (int i = 0; i < 2; ++i) {
    const std::string n = std::to_string(i);
    // A Teilnahmebestätigung reissued as a Zertifikat in the same year.
    Documents(Apprentice("Upgrade " + n, absl::CivilDay(2018, 9, 1)),
              {{kBestaetigung, Berlin(2019, 6, 1)}, {kZertifikat, Berlin(2019, 11, 5)}});
    // A Zertifikat reissued with the name corrected.
    Documents(Apprentice("Name " + n, absl::CivilDay(2018, 9, 1)),
              {{kZertifikat, Berlin(2019, 6, 1)}, {kZertifikat, Berlin(2019, 7, 1)}});
    // A Teilnahmebestätigung of 2019 reissued as a Zertifikat in 2020.
    Documents(Apprentice("Later " + n, absl::CivilDay(2018, 9, 1)),
              {{kBestaetigung, Berlin(2019, 12, 1)}, {kZertifikat, Berlin(2020, 1, 20)}});
    // A Teilnahmebestätigung that stands.
    Documents(Apprentice("Partial " + n, absl::CivilDay(2018, 9, 1)),
              {{kBestaetigung, Berlin(2019, 6, 1)}});
    // Revoked; and replaced by one that was revoked since.
    Documents(Apprentice("Revoked " + n, absl::CivilDay(2018, 9, 1)),
              {{kZertifikat, Berlin(2019, 6, 1), kRevoked}});
    Documents(Apprentice("Replaced " + n, absl::CivilDay(2018, 9, 1)),
              {{kZertifikat, Berlin(2019, 6, 1)}, {kZertifikat, Berlin(2019, 9, 1), kRevoked}});
  }
  now_ = Berlin(2021, 3, 1);
  const FunderReport y2019 = Report(2019);
  EXPECT_EQ(y2019.certificates.value, 4);   // the upgrades and the corrected names, once each
  EXPECT_EQ(y2019.confirmations.value, 2);  // only those that stand
  const FunderReport y2020 = Report(2020);
  EXPECT_EQ(y2020.certificates.value, 2);
  EXPECT_EQ(y2020.confirmations.value, 0);
  FunderReportQuery both;
  both.first_day = "2019-01-01";
  both.last_day = "2020-12-31";
  both.organization_id = org_;
  both.min_persons = 2;
  auto two_years = reports_->Build(admin_, both);
  ASSERT_TRUE(two_years.ok()) << two_years.status();
  EXPECT_EQ(two_years->certificates.value, 6);  // each person at most once
  EXPECT_EQ(two_years->confirmations.value, 2);
}

}  // namespace
}  // namespace trainhub::domain
