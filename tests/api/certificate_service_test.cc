// CertificateService, completion: the rule, everyone's outcome and forecast,
// a coordinator's decision with its history, what a participant sees, and
// bad input.

#include <SQLiteCpp/Database.h>
#include <gmock/gmock.h>
#include <sodium.h>
#include <zip.h>

#include <fstream>
#include <set>

#include "absl/strings/escaping.h"
#include "api/access_matrix.h"
#include "api/api_fixture.h"
#include "domain/berlin_time.h"
#include "domain/completion/certificate_document.h"
#include "domain/documents/data_integrity.h"
#include "domain/status_macros.h"
#include "testing/v1_certificate.h"
#include "trainhub/v1/attendance.grpc.pb.h"
#include "trainhub/v1/certificate.grpc.pb.h"

namespace trainhub::api_test {
namespace {

AccessRow CompletionRow(const std::string& rpc,
                        std::function<std::string(const AccessObjects&)> request,
                        std::array<bool, 6> admitted) {
  return {"CertificateService/" + rpc, std::move(request), admitted};
}

// CertificateService's rows of the access matrix (access_matrix.h): the
// series' planners; the enrolled participant for their own completion.
// Trainers do not see completion.
TH_ACCESS_ROWS(kCertificateServiceRows,
               {
                   CompletionRow(
                       "GetCompletionRule",
                       [](const AccessObjects& o) {
                         v1::GetCompletionRuleRequest r;
                         r.set_series_id(o.series);
                         return Bytes(r);
                       },
                       kPlannerOrSelf),
                   CompletionRow(
                       "SetCompletionRule",
                       [](const AccessObjects& o) {
                         v1::SetCompletionRuleRequest r;
                         r.mutable_rule()->set_series_id(o.series);
                         r.mutable_rule()->set_all_modules(true);
                         return Bytes(r);
                       },
                       kPlannerOwn),
                   CompletionRow(
                       "EvaluateCompletion",
                       [](const AccessObjects& o) {
                         v1::EvaluateCompletionRequest r;
                         r.set_series_id(o.series);
                         return Bytes(r);
                       },
                       kPlannerOrSelf),
                   CompletionRow(
                       "RecordCompletionDecision",
                       [](const AccessObjects& o) {
                         v1::RecordCompletionDecisionRequest r;
                         r.set_series_id(o.series);
                         r.set_participant_id(o.participant);
                         r.set_outcome(v1::COMPLETION_OUTCOME_CONFIRMATION);
                         r.set_reason("Nachweis aus dem Vorkurs");
                         return Bytes(r);
                       },
                       kPlannerOwn),
                   CompletionRow(
                       "ListCompletionDecisions",
                       [](const AccessObjects& o) {
                         v1::ListCompletionDecisionsRequest r;
                         r.set_series_id(o.series);
                         return Bytes(r);
                       },
                       kPlannerOwn),
                   CompletionRow(
                       "IssueCertificate",
                       [](const AccessObjects& o) {
                         v1::IssueCertificateRequest r;
                         r.set_series_id(o.series);
                         r.set_participant_id(o.participant);
                         return Bytes(r);
                       },
                       kPlannerOwn),
                   CompletionRow(
                       "IssueCertificates",
                       [](const AccessObjects& o) {
                         v1::IssueCertificatesRequest r;
                         r.set_series_id(o.series);
                         r.set_preview(true);
                         return Bytes(r);
                       },
                       kPlannerOwn),
                   CompletionRow(
                       "ListCertificates",
                       [](const AccessObjects& o) {
                         v1::ListCertificatesRequest r;
                         r.set_series_id(o.series);
                         return Bytes(r);
                       },
                       kPlannerOrSelf),
                   // A number no certificate has: only admins learn that
                   // (NOT_FOUND); everyone else is refused.
                   CompletionRow(
                       "GetCertificate",
                       [](const AccessObjects&) {
                         v1::GetCertificateRequest r;
                         r.set_serial("0000-0000-0000-0000");
                         return Bytes(r);
                       },
                       kAdminOnly),
                   CompletionRow(
                       "GetCertificatePdf",
                       [](const AccessObjects&) {
                         v1::GetCertificatePdfRequest r;
                         r.set_serial("0000-0000-0000-0000");
                         return Bytes(r);
                       },
                       kAdminOnly),
                   CompletionRow(
                       "GetCertificateBadge",
                       [](const AccessObjects&) {
                         v1::GetCertificateBadgeRequest r;
                         r.set_serial("0000-0000-0000-0000");
                         return Bytes(r);
                       },
                       kAdminOnly),
                   // The series has no certificates: those admitted learn
                   // that (FAILED_PRECONDITION).
                   CompletionRow(
                       "DownloadCertificates",
                       [](const AccessObjects& o) {
                         v1::DownloadCertificatesRequest r;
                         r.set_series_id(o.series);
                         return Bytes(r);
                       },
                       kPlannerOwn),
                   CompletionRow(
                       "RevokeCertificate",
                       [](const AccessObjects&) {
                         v1::RevokeCertificateRequest r;
                         r.set_serial("0000-0000-0000-0000");
                         r.set_reason("Test");
                         return Bytes(r);
                       },
                       kAdminOnly),
                   CompletionRow(
                       "ReissueCertificate",
                       [](const AccessObjects&) {
                         v1::ReissueCertificateRequest r;
                         r.set_serial("0000-0000-0000-0000");
                         r.set_reason("Test");
                         return Bytes(r);
                       },
                       kAdminOnly),
                   CompletionRow(
                       "VerifyCertificate",
                       [](const AccessObjects&) {
                         v1::VerifyCertificateRequest r;
                         r.set_serial("0000-0000-0000-0000");
                         return Bytes(r);
                       },
                       kAll),
                   CompletionRow(
                       "ListIssuerKeys",
                       [](const AccessObjects&) { return Bytes(v1::ListIssuerKeysRequest()); },
                       kAll),
               });

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

  std::unique_ptr<v1::CertificateService::Stub> certificates_;
  std::unique_ptr<v1::AttendanceService::Stub> attendance_;
  int64_t org_ = 0, series_id_ = 0, future_ = 0;
  std::vector<int64_t> past_, ids_;
  std::string participant_token_;
  bool last_session_held_ = false;
};

TEST_F(CertificateServiceTest, DefaultRuleForecastsWhileTheSeriesRuns) {
  v1::CompletionRule rule = GetRule();
  EXPECT_TRUE(rule.is_default());
  EXPECT_TRUE(rule.all_modules());
  EXPECT_EQ(rule.allowed_minutes_missed(), 45);
  EXPECT_EQ(rule.confirmation_min_modules(), 1);

  v1::CompletionReport report;
  grpc::Status s = Evaluate(&report);
  ASSERT_TRUE(s.ok()) << s.error_message();
  ASSERT_EQ(report.people_size(), 3);
  const auto& amina = Person(report, ids_[0]);
  EXPECT_EQ(amina.progress(), v1::COMPLETION_PROGRESS_AT_RISK);
  EXPECT_NE(amina.progress_reason().find("3. Vertiefung"), std::string::npos)
      << amina.progress_reason();
  EXPECT_EQ(amina.sessions_remaining(), 1);
  EXPECT_EQ(amina.modules_attended(), 2);
  EXPECT_EQ(amina.module_count(), 3);
  // Today the third module is still missing: a Teilnahmebestätigung.
  EXPECT_EQ(amina.outcome(), v1::COMPLETION_OUTCOME_CONFIRMATION);
  const auto& oleksandr = Person(report, ids_[1]);
  EXPECT_EQ(oleksandr.progress(), v1::COMPLETION_PROGRESS_CANNOT_COMPLETE);
  EXPECT_NE(oleksandr.progress_reason().find("2. Kommunikation"), std::string::npos);
  EXPECT_EQ(oleksandr.absent(), 1);
  const auto& lan = Person(report, ids_[2]);
  EXPECT_EQ(lan.progress(), v1::COMPLETION_PROGRESS_CANNOT_COMPLETE);
  EXPECT_EQ(lan.excused(), 1);
}

TEST_F(CertificateServiceTest, CoordinatorSetsTheRuleAndListsWhoIsAtRisk) {
  v1::CompletionRule rule;
  rule.set_series_id(series_id_);
  rule.set_min_modules(2);
  rule.set_max_excused(1);
  rule.set_allowed_minutes_missed(30);
  rule.set_confirmation_min_modules(1);
  v1::CompletionRule stored;
  grpc::Status s = SetRule(rule, &stored);
  ASSERT_TRUE(s.ok()) << s.error_message();
  EXPECT_FALSE(stored.is_default());
  EXPECT_EQ(stored.max_excused(), 1);
  EXPECT_FALSE(stored.updated_by().empty());
  EXPECT_FALSE(GetRule().is_default());

  // Lan: module 1 lost to the excused day, module 2 attended; module 3 ahead
  // decides. Amina has two modules already; Oleksandr needs module 3.
  v1::CompletionReport at_risk;
  s = Evaluate(&at_risk, {v1::COMPLETION_PROGRESS_AT_RISK});
  ASSERT_TRUE(s.ok()) << s.error_message();
  std::vector<int64_t> ids;
  for (const auto& p : at_risk.people()) ids.push_back(p.participant_id());
  // By name: the Latin "Nguyễn" before the Cyrillic "Олександр".
  EXPECT_EQ(ids, (std::vector<int64_t>{ids_[2], ids_[1]}));
  v1::CompletionReport all;
  ASSERT_TRUE(Evaluate(&all).ok());
  EXPECT_EQ(Person(all, ids_[0]).progress(), v1::COMPLETION_PROGRESS_ON_TRACK);
  EXPECT_EQ(Person(all, ids_[0]).outcome(), v1::COMPLETION_OUTCOME_CERTIFICATE);
}

TEST_F(CertificateServiceTest, DecisionsOverrideTheRuleAndKeepTheirHistory) {
  v1::PersonCompletion person;
  grpc::Status s = Decide(ids_[1], v1::COMPLETION_OUTCOME_CERTIFICATE, false,
                          "Modul 2 im Herbstkurs nachgeholt", &person);
  ASSERT_TRUE(s.ok()) << s.error_message();
  EXPECT_EQ(person.outcome(), v1::COMPLETION_OUTCOME_CERTIFICATE);
  EXPECT_EQ(person.rule_outcome(), v1::COMPLETION_OUTCOME_CONFIRMATION);
  EXPECT_EQ(person.decision().reason(), "Modul 2 im Herbstkurs nachgeholt");

  // The participant sees their own completion only, without reasons.
  v1::CompletionReport own;
  s = [&] {
    const std::string admin = token_;
    token_ = participant_token_;
    grpc::Status r = Evaluate(&own);
    v1::CompletionReport other;
    grpc::Status denied = Evaluate(&other, {}, ids_[1]);
    EXPECT_EQ(denied.error_code(), grpc::StatusCode::PERMISSION_DENIED);
    token_ = admin;
    return r;
  }();
  ASSERT_TRUE(s.ok()) << s.error_message();
  ASSERT_EQ(own.people_size(), 1);
  EXPECT_EQ(own.people(0).participant_id(), ids_[0]);
  EXPECT_TRUE(own.rule().updated_by().empty());

  // Withdrawn: the rule decides again; both decisions stay in the history.
  s = Decide(ids_[1], v1::COMPLETION_OUTCOME_UNSPECIFIED, true, "Nachweis fehlt doch", &person);
  ASSERT_TRUE(s.ok()) << s.error_message();
  EXPECT_EQ(person.outcome(), v1::COMPLETION_OUTCOME_CONFIRMATION);
  EXPECT_FALSE(person.has_decision());
  v1::ListCompletionDecisionsRequest list;
  list.set_series_id(series_id_);
  list.set_participant_id(ids_[1]);
  v1::ListCompletionDecisionsResponse history;
  s = Call(*certificates_, &v1::CertificateService::Stub::ListCompletionDecisions, list, &history);
  ASSERT_TRUE(s.ok()) << s.error_message();
  ASSERT_EQ(history.decisions_size(), 2);
  EXPECT_EQ(history.decisions(0).outcome(), v1::COMPLETION_OUTCOME_CERTIFICATE);
  EXPECT_EQ(history.decisions(1).outcome(), v1::COMPLETION_OUTCOME_UNSPECIFIED);
  EXPECT_EQ(history.decisions(1).reason(), "Nachweis fehlt doch");
}

TEST_F(CertificateServiceTest, BadInputIsRefusedAndChangesNothing) {
  const std::string before = GetRule().DebugString();
  auto rule_with = [&](auto change) {
    v1::CompletionRule rule;
    rule.set_series_id(series_id_);
    rule.set_all_modules(true);
    change(rule);
    return rule;
  };
  v1::CompletionRule out;
  v1::PersonCompletion person;
  v1::CompletionReport report;
  ExpectRefused({
      {"more modules than the series has",
       [&] { return SetRule(rule_with([](auto& r) { r.set_min_modules(4); }), &out); },
       grpc::StatusCode::INVALID_ARGUMENT, "rule.min_modules"},
      {"no requirement",
       [&] { return SetRule(rule_with([](auto& r) { r.set_all_modules(false); }), &out); },
       grpc::StatusCode::INVALID_ARGUMENT, "rule.all_modules"},
      {"negative excused",
       [&] { return SetRule(rule_with([](auto& r) { r.set_max_excused(-1); }), &out); },
       grpc::StatusCode::INVALID_ARGUMENT, "rule.max_excused"},
      {"percent over 100",
       [&] {
         return SetRule(rule_with([](auto& r) { r.set_min_teaching_unit_percent(120); }), &out);
       },
       grpc::StatusCode::INVALID_ARGUMENT, "rule.min_teaching_unit_percent"},
      {"unknown series",
       [&] { return SetRule(rule_with([](auto& r) { r.set_series_id(999); }), &out); },
       grpc::StatusCode::NOT_FOUND, "rule.series_id"},
      {"decision without reason",
       [&] { return Decide(ids_[0], v1::COMPLETION_OUTCOME_NONE, false, " ", &person); },
       grpc::StatusCode::INVALID_ARGUMENT, "reason"},
      {"outcome and automatic",
       [&] { return Decide(ids_[0], v1::COMPLETION_OUTCOME_NONE, true, "x", &person); },
       grpc::StatusCode::INVALID_ARGUMENT, "outcome"},
      {"unknown outcome",
       [&] { return Decide(ids_[0], static_cast<v1::CompletionOutcome>(9), false, "x", &person); },
       grpc::StatusCode::INVALID_ARGUMENT, "outcome"},
      {"nothing to withdraw",
       [&] { return Decide(ids_[0], v1::COMPLETION_OUTCOME_UNSPECIFIED, true, "x", &person); },
       grpc::StatusCode::FAILED_PRECONDITION, "outcome"},
      {"person without enrolment",
       [&] { return Decide(424242, v1::COMPLETION_OUTCOME_NONE, false, "x", &person); },
       grpc::StatusCode::NOT_FOUND, "participant_id"},
      {"unknown progress filter",
       [&] { return Evaluate(&report, {static_cast<v1::CompletionProgress>(42)}); },
       grpc::StatusCode::INVALID_ARGUMENT, "progress[0]"},
      {"person not in the series", [&] { return Evaluate(&report, {}, 424242); },
       grpc::StatusCode::NOT_FOUND, "participant_id"},
  });
  EXPECT_EQ(GetRule().DebugString(), before);
  // The same decision twice: the second changes nothing.
  ASSERT_TRUE(Decide(ids_[0], v1::COMPLETION_OUTCOME_NONE, false, "abgebrochen", &person).ok());
  grpc::Status again = Decide(ids_[0], v1::COMPLETION_OUTCOME_NONE, false, "abgebrochen", &person);
  EXPECT_EQ(again.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_EQ(FieldOf(again), "outcome");
}

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

TEST_F(CertificateServiceTest, AnyoneVerifiesANumberAndTheSignedDocumentStaysFrozen) {
  v1::Certificate issued;
  grpc::Status s = Issue(ids_[0], &issued);
  ASSERT_TRUE(s.ok()) << s.error_message();
  EXPECT_EQ(issued.outcome(), v1::COMPLETION_OUTCOME_CONFIRMATION);
  EXPECT_EQ(issued.holder_name(), "أمينة حداد");
  ASSERT_EQ(issued.modules_size(), 3);

  v1::CertificateVerification v;
  s = Verify(issued.serial(), &v);
  ASSERT_TRUE(s.ok()) << s.error_message();
  EXPECT_EQ(v.status(), v1::CERTIFICATE_STATUS_VALID);
  EXPECT_TRUE(v.signature_valid());
  EXPECT_EQ(v.holder_name(), "أمينة حداد");
  EXPECT_EQ(v.series_title(), "Interkultur im Ehrenamt");
  // Lower case and without dashes is the same number.
  std::string loose = issued.serial();
  loose.erase(std::remove(loose.begin(), loose.end(), '-'), loose.end());
  for (char& c : loose) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  v1::CertificateVerification same;
  ASSERT_TRUE(Verify(loose, &same).ok());
  EXPECT_EQ(same.serial(), issued.serial());

  // The PDF as issued hashes to what verification says.
  v1::GetCertificatePdfRequest get_pdf;
  get_pdf.set_serial(issued.serial());
  v1::CertificateFile pdf;
  ASSERT_TRUE(
      Call(*certificates_, &v1::CertificateService::Stub::GetCertificatePdf, get_pdf, &pdf).ok());
  EXPECT_EQ(pdf.content().rfind("%PDF-", 0), 0u);
  unsigned char digest[crypto_hash_sha256_BYTES];
  crypto_hash_sha256(digest, reinterpret_cast<const unsigned char*>(pdf.content().data()),
                     pdf.content().size());
  EXPECT_EQ(absl::BytesToHexString(std::string(reinterpret_cast<char*>(digest), sizeof digest)),
            v.pdf_sha256());

  // The signature checks with the published key.
  v1::ListIssuerKeysResponse keys;
  ASSERT_TRUE(Call(*certificates_, &v1::CertificateService::Stub::ListIssuerKeys,
                   v1::ListIssuerKeysRequest(), &keys)
                  .ok());
  ASSERT_EQ(keys.keys_size(), 1);
  EXPECT_EQ(keys.keys(0).key_id(), issued.key_id());
  std::string public_key, signature;
  ASSERT_TRUE(absl::WebSafeBase64Unescape(keys.keys(0).public_key(), &public_key));
  ASSERT_TRUE(absl::WebSafeBase64Unescape(issued.signature(), &signature));
  EXPECT_EQ(
      crypto_sign_verify_detached(reinterpret_cast<const unsigned char*>(signature.data()),
                                  reinterpret_cast<const unsigned char*>(issued.document().data()),
                                  issued.document().size(),
                                  reinterpret_cast<const unsigned char*>(public_key.data())),
      0);

  // Renaming the person and the series later changes nothing issued.
  v1::UpdateParticipantRequest rename;
  rename.mutable_participant()->set_id(ids_[0]);
  rename.mutable_participant()->set_display_name("Amina Haddad");
  rename.mutable_update_mask()->add_paths("display_name");
  v1::Participant renamed;
  ASSERT_TRUE(
      Call(*people_, &v1::ParticipantService::Stub::UpdateParticipant, rename, &renamed).ok());
  v1::GetCertificateRequest get;
  get.set_serial(issued.serial());
  v1::Certificate later;
  ASSERT_TRUE(
      Call(*certificates_, &v1::CertificateService::Stub::GetCertificate, get, &later).ok());
  EXPECT_EQ(later.holder_name(), "أمينة حداد");
  EXPECT_EQ(later.document(), issued.document());

  // Unknown numbers say nothing; text that cannot be a number is refused.
  v1::CertificateVerification unknown;
  ASSERT_TRUE(Verify("ZZZZ-ZZZZ-ZZZZ-ZZZZ", &unknown).ok());
  EXPECT_EQ(unknown.status(), v1::CERTIFICATE_STATUS_UNSPECIFIED);
  EXPECT_TRUE(unknown.holder_name().empty());
  v1::CertificateVerification bad;
  grpc::Status malformed = Verify("12345", &bad);
  EXPECT_EQ(malformed.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(FieldOf(malformed), "serial");

  // A document changed behind the server's back fails its signature.
  {
    SQLite::Database db(path_, SQLite::OPEN_READWRITE);
    db.exec("DROP TRIGGER certificate_redaction");
    db.exec("UPDATE certificate SET document = replace(document, 'Ehrenamt', 'Hauptamt')");
  }
  v1::CertificateVerification tampered;
  ASSERT_TRUE(Verify(issued.serial(), &tampered).ok());
  EXPECT_FALSE(tampered.signature_valid());
}

TEST_F(CertificateServiceTest, RevokeAndReissue) {
  v1::Certificate first;
  ASSERT_TRUE(Issue(ids_[1], &first).ok());
  v1::Certificate revoked;
  grpc::Status s = Change(&v1::CertificateService::Stub::RevokeCertificate, first.serial(),
                          "irrtümlich ausgestellt", &revoked);
  ASSERT_TRUE(s.ok()) << s.error_message();
  EXPECT_EQ(revoked.status(), v1::CERTIFICATE_STATUS_REVOKED);
  v1::CertificateVerification v;
  ASSERT_TRUE(Verify(first.serial(), &v).ok());
  EXPECT_EQ(v.status(), v1::CERTIFICATE_STATUS_REVOKED);
  EXPECT_EQ(v.revoke_reason(), "irrtümlich ausgestellt");
  v1::Certificate out;
  ExpectRefused({
      {"revoking twice",
       [&] {
         return Change(&v1::CertificateService::Stub::RevokeCertificate, first.serial(), "x", &out);
       },
       grpc::StatusCode::FAILED_PRECONDITION, "serial"},
      {"reissuing a revoked one",
       [&] {
         return Change(&v1::CertificateService::Stub::ReissueCertificate, first.serial(), "x",
                       &out);
       },
       grpc::StatusCode::FAILED_PRECONDITION, "serial"},
      {"revoking without a reason",
       [&] {
         return Change(&v1::CertificateService::Stub::RevokeCertificate, first.serial(), "", &out);
       },
       grpc::StatusCode::INVALID_ARGUMENT, "reason"},
      {"an unknown number",
       [&] {
         return Change(&v1::CertificateService::Stub::RevokeCertificate, "ZZZZ-ZZZZ-ZZZZ-ZZZZ", "x",
                       &out);
       },
       grpc::StatusCode::NOT_FOUND, "serial"},
  });

  // A revoked person may get a new certificate; reissuing it replaces it.
  v1::Certificate second;
  ASSERT_TRUE(Issue(ids_[1], &second).ok());
  v1::Certificate third;
  s = Change(&v1::CertificateService::Stub::ReissueCertificate, second.serial(), "Name korrigiert",
             &third);
  ASSERT_TRUE(s.ok()) << s.error_message();
  EXPECT_NE(third.serial(), second.serial());
  EXPECT_EQ(third.supersedes(), second.serial());
  EXPECT_EQ(third.status(), v1::CERTIFICATE_STATUS_VALID);
  ASSERT_TRUE(Verify(second.serial(), &v).ok());
  EXPECT_EQ(v.status(), v1::CERTIFICATE_STATUS_SUPERSEDED);
  EXPECT_EQ(v.superseded_by(), third.serial());
}

// A client whose answer was lost sends the same request again: it gets the
// first answer, not a refusal caused by the first request's own effect.
TEST_F(CertificateServiceTest, RetriesWithTheRequestIdGetTheFirstAnswer) {
  HoldTheLastSession();
  v1::IssueCertificateRequest issue;
  issue.set_series_id(series_id_);
  issue.set_participant_id(ids_[1]);
  issue.set_request_id("issue-1");
  v1::Certificate first, again;
  ASSERT_TRUE(Call(*certificates_, &v1::CertificateService::Stub::IssueCertificate, issue, &first)
                  .ok());
  grpc::Status s =
      Call(*certificates_, &v1::CertificateService::Stub::IssueCertificate, issue, &again);
  ASSERT_TRUE(s.ok()) << s.error_message();
  EXPECT_EQ(again.serial(), first.serial());
  EXPECT_EQ(again.pdf_sha256(), first.pdf_sha256());

  v1::ReissueCertificateRequest reissue;
  reissue.set_serial(first.serial());
  reissue.set_reason("Name korrigiert");
  reissue.set_request_id("reissue-1");
  v1::Certificate fresh, fresh_again;
  ASSERT_TRUE(Call(*certificates_, &v1::CertificateService::Stub::ReissueCertificate, reissue,
                   &fresh)
                  .ok());
  s = Call(*certificates_, &v1::CertificateService::Stub::ReissueCertificate, reissue,
           &fresh_again);
  ASSERT_TRUE(s.ok()) << s.error_message();
  EXPECT_EQ(fresh_again.serial(), fresh.serial());
  EXPECT_EQ(fresh_again.supersedes(), first.serial());

  v1::RevokeCertificateRequest revoke;
  revoke.set_serial(fresh.serial());
  revoke.set_reason("irrtümlich ausgestellt");
  revoke.set_request_id("revoke-1");
  v1::Certificate revoked, revoked_again;
  ASSERT_TRUE(
      Call(*certificates_, &v1::CertificateService::Stub::RevokeCertificate, revoke, &revoked)
          .ok());
  s = Call(*certificates_, &v1::CertificateService::Stub::RevokeCertificate, revoke,
           &revoked_again);
  ASSERT_TRUE(s.ok()) << s.error_message();
  EXPECT_EQ(revoked_again.status(), v1::CERTIFICATE_STATUS_REVOKED);

  // The retry of the first issue says what that certificate is now.
  s = Call(*certificates_, &v1::CertificateService::Stub::IssueCertificate, issue, &again);
  ASSERT_TRUE(s.ok()) << s.error_message();
  EXPECT_EQ(again.serial(), first.serial());
  EXPECT_EQ(again.status(), v1::CERTIFICATE_STATUS_SUPERSEDED);

  // The same request id for another request is still refused, and a new
  // request id is a new request.
  v1::IssueCertificateRequest other = issue;
  other.set_participant_id(ids_[0]);
  s = Call(*certificates_, &v1::CertificateService::Stub::IssueCertificate, other, &again);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::ALREADY_EXISTS);
  EXPECT_EQ(FieldOf(s), "request_id");
  reissue.set_request_id("reissue-2");
  s = Call(*certificates_, &v1::CertificateService::Stub::ReissueCertificate, reissue, &again);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_EQ(FieldOf(s), "serial");
}

// Statuses are signed: a revoked certificate made valid again behind the
// server's back (its row changed, its signed revocation removed, an older
// signed "valid" put back, the older list put back) is never VALID again;
// the other certificates keep their confirmed status; a status list changed
// behind the server's back is not signed anew by a revocation.
TEST_F(CertificateServiceTest, AStatusChangedBehindTheServersBackIsNotConfirmed) {
  v1::Certificate first, second;
  ASSERT_TRUE(Issue(ids_[0], &first).ok());
  ASSERT_TRUE(Issue(ids_[1], &second).ok());
  SQLite::Database db(path_, SQLite::OPEN_READWRITE);
  db.setBusyTimeout(5000);
  for (const char* t : {"certificate_status_frozen", "certificate_status_no_delete",
                        "certificate_status_list_no_delete"}) {
    db.exec(absl::StrCat("DROP TRIGGER ", t));
  }
  const int64_t id = db.execAndGet(absl::StrCat("SELECT id FROM certificate WHERE serial = '",
                                                first.serial(), "'"))
                         .getInt64();
  // Copies of the signed "valid" and of the list before the revocation.
  db.exec(
      absl::StrCat("CREATE TABLE saved_status AS SELECT * FROM certificate_status"
                   " WHERE certificate_id = ",
                   id));
  db.exec("CREATE TABLE saved_list AS SELECT * FROM certificate_status_list");
  v1::Certificate revoked;
  ASSERT_TRUE(Change(&v1::CertificateService::Stub::RevokeCertificate, first.serial(),
                     "irrtümlich ausgestellt", &revoked)
                  .ok());
  auto status_of = [&](const std::string& serial, std::string* problem = nullptr) {
    v1::CertificateVerification v;
    EXPECT_TRUE(Verify(serial, &v).ok());
    if (problem != nullptr) *problem = v.status_problem();
    return v.status();
  };
  ASSERT_EQ(status_of(first.serial()), v1::CERTIFICATE_STATUS_REVOKED);
  db.exec(
      absl::StrCat("CREATE TABLE saved_row AS SELECT status, revoke_reason, revoke_time"
                   " FROM certificate WHERE id = ",
                   id));

  db.exec(absl::StrCat(
      "UPDATE certificate SET status = 1, revoke_reason = '', revoke_time = NULL WHERE id = ", id));
  std::string problem;
  EXPECT_EQ(status_of(first.serial(), &problem), v1::CERTIFICATE_STATUS_UNCONFIRMED);
  EXPECT_NE(problem.find("not the one the issuer signed"), std::string::npos) << problem;
  v1::CertificateVerification shown;
  ASSERT_TRUE(Verify(first.serial(), &shown).ok());
  EXPECT_TRUE(shown.revoke_reason().empty());
  EXPECT_EQ(status_of(second.serial()), v1::CERTIFICATE_STATUS_VALID);

  db.exec(absl::StrCat("DELETE FROM certificate_status WHERE certificate_id = ", id));
  EXPECT_EQ(status_of(first.serial(), &problem), v1::CERTIFICATE_STATUS_UNCONFIRMED);
  EXPECT_NE(problem.find("no status signed"), std::string::npos) << problem;

  db.exec("INSERT INTO certificate_status SELECT * FROM saved_status");
  EXPECT_EQ(status_of(first.serial(), &problem), v1::CERTIFICATE_STATUS_UNCONFIRMED);
  EXPECT_NE(problem.find("status list says no longer valid"), std::string::npos) << problem;

  // The list cleared of the revocation: its signature no longer holds, for
  // every certificate, and no revocation signs it anew.
  db.exec("UPDATE certificate_status_list SET bits = zeroblob(length(bits))");
  EXPECT_EQ(status_of(first.serial()), v1::CERTIFICATE_STATUS_UNCONFIRMED);
  EXPECT_EQ(status_of(second.serial(), &problem), v1::CERTIFICATE_STATUS_UNCONFIRMED);
  EXPECT_NE(problem.find("status list was changed"), std::string::npos) << problem;
  v1::Certificate out;
  grpc::Status s =
      Change(&v1::CertificateService::Stub::RevokeCertificate, second.serial(), "Test", &out);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::FAILED_PRECONDITION) << s.error_message();
  EXPECT_NE(s.error_message().find("restore the database"), std::string::npos);
  v1::GetCertificateBadgeRequest badge;
  badge.set_serial(second.serial());
  v1::CertificateFile file;
  EXPECT_EQ(Call(*certificates_, &v1::CertificateService::Stub::GetCertificateBadge, badge, &file)
                .error_code(),
            grpc::StatusCode::FAILED_PRECONDITION);
  // The list removed: nothing is confirmed.
  db.exec("DELETE FROM certificate_status_list");
  EXPECT_EQ(status_of(second.serial(), &problem), v1::CERTIFICATE_STATUS_UNCONFIRMED);
  EXPECT_NE(problem.find("missing"), std::string::npos) << problem;
  // The list of before the revocation put back, with the revocation's own
  // record (newer than that list): still not confirmed.
  db.exec("INSERT INTO certificate_status_list SELECT * FROM saved_list");
  EXPECT_EQ(status_of(second.serial()), v1::CERTIFICATE_STATUS_VALID);
  db.exec(
      absl::StrCat("UPDATE certificate SET (status, revoke_reason, revoke_time) ="
                   " (SELECT * FROM saved_row) WHERE id = ",
                   id));
  EXPECT_EQ(status_of(first.serial()), v1::CERTIFICATE_STATUS_UNCONFIRMED);
}

TEST_F(CertificateServiceTest, BadgeIsAnOpenBadgeSignedByTheIssuersDidKey) {
  v1::Certificate issued;
  ASSERT_TRUE(Issue(ids_[0], &issued).ok());
  v1::GetCertificateBadgeRequest get;
  get.set_serial(issued.serial());
  v1::CertificateFile file;
  grpc::Status s =
      Call(*certificates_, &v1::CertificateService::Stub::GetCertificateBadge, get, &file);
  ASSERT_TRUE(s.ok()) << s.error_message();
  EXPECT_EQ(file.file_name(), "badge-" + issued.serial() + ".json");
  const nlohmann::json badge = nlohmann::json::parse(file.content());
  EXPECT_EQ(badge["type"][1], "OpenBadgeCredential");
  EXPECT_EQ(badge["id"], issued.verification_url());
  EXPECT_EQ(badge["credentialSubject"]["identifier"][0]["identityHash"], "أمينة حداد");
  // Offline checks learn a revocation from the signed status list it names.
  EXPECT_EQ(badge["credentialStatus"]["type"], "BitstringStatusListEntry");
  EXPECT_EQ(badge["credentialStatus"]["statusPurpose"], "revocation");
  EXPECT_FALSE(badge["credentialStatus"]["statusListIndex"].get<std::string>().empty());

  // The did:key the issuer publishes signed it.
  v1::ListIssuerKeysResponse keys;
  ASSERT_TRUE(Call(*certificates_, &v1::CertificateService::Stub::ListIssuerKeys,
                   v1::ListIssuerKeysRequest(), &keys)
                  .ok());
  ASSERT_EQ(keys.keys_size(), 1);
  EXPECT_EQ(badge["issuer"]["id"], keys.keys(0).did());
  auto key = domain::PublicKeyOfDidKey(keys.keys(0).did());
  ASSERT_TRUE(key.ok());
  EXPECT_EQ(domain::KeyIdOf(*key), keys.keys(0).key_id());
  EXPECT_TRUE(domain::VerifyEddsaJcsProof(badge, *key).ok());
  std::string changed = file.content();
  changed[changed.find("Interkultur im Ehrenamt")] = 'i';
  EXPECT_EQ(domain::VerifyEddsaJcsProof(nlohmann::json::parse(changed), *key).code(),
            absl::StatusCode::kFailedPrecondition);

  // The holder may export it; a revoked one is exported by nobody.
  const std::string admin = token_;
  token_ = participant_token_;
  v1::CertificateFile own;
  s = Call(*certificates_, &v1::CertificateService::Stub::GetCertificateBadge, get, &own);
  token_ = admin;
  EXPECT_TRUE(s.ok()) << s.error_message();
  v1::Certificate revoked;
  ASSERT_TRUE(
      Change(&v1::CertificateService::Stub::RevokeCertificate, issued.serial(), "Irrtum", &revoked)
          .ok());
  ExpectRefused({
      {"a revoked certificate",
       [&] {
         return Call(*certificates_, &v1::CertificateService::Stub::GetCertificateBadge, get,
                     &file);
       },
       grpc::StatusCode::FAILED_PRECONDITION, "serial"},
      {"a malformed number",
       [&] {
         v1::GetCertificateBadgeRequest bad;
         bad.set_serial("12");
         return Call(*certificates_, &v1::CertificateService::Stub::GetCertificateBadge, bad,
                     &file);
       },
       grpc::StatusCode::INVALID_ARGUMENT, "serial"},
  });
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

TEST_F(CertificateServiceTest, TooLittleAttendedGivesNothingToIssue) {
  v1::CompletionRule rule;
  rule.set_series_id(series_id_);
  rule.set_all_modules(true);
  rule.set_confirmation_min_modules(3);
  v1::CompletionRule stored;
  ASSERT_TRUE(SetRule(rule, &stored).ok());
  v1::Certificate out;
  grpc::Status s = Issue(ids_[2], &out);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::FAILED_PRECONDITION) << s.error_message();
  EXPECT_EQ(FieldOf(s), "participant_id");
  v1::IssueCertificatesResponse plan;
  ASSERT_TRUE(IssueAll(true, &plan).ok());
  EXPECT_EQ(plan.plan_size(), 0);
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
  v1::UpdateSeriesRequest award;
  award.mutable_series()->set_id(series_id_);
  award.mutable_series()->set_awards_qualification("Interkulturelle Kompetenz im Ehrenamt");
  award.mutable_update_mask()->add_paths("awards_qualification");
  v1::Series updated;
  grpc::Status s = Call(*series_, &v1::SeriesService::Stub::UpdateSeries, award, &updated);
  ASSERT_TRUE(s.ok()) << s.error_message();
  v1::PersonCompletion person;
  ASSERT_TRUE(Decide(ids_[0], v1::COMPLETION_OUTCOME_CERTIFICATE, false,
                     "Modul 3 im Vorjahr besucht", &person)
                  .ok());
  v1::Certificate zertifikat, confirmation;
  ASSERT_TRUE(Issue(ids_[0], &zertifikat).ok());
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
  v1::UpdateSeriesRequest award;
  award.mutable_series()->set_id(series_id_);
  award.mutable_series()->set_awards_qualification(title);
  award.mutable_update_mask()->add_paths("awards_qualification");
  v1::Series updated;
  ASSERT_TRUE(Call(*series_, &v1::SeriesService::Stub::UpdateSeries, award, &updated).ok());
  v1::PersonCompletion person;
  ASSERT_TRUE(Decide(ids_[0], v1::COMPLETION_OUTCOME_CERTIFICATE, false,
                     "Modul 3 im Vorjahr besucht", &person)
                  .ok());
  v1::Certificate zertifikat;
  ASSERT_TRUE(Issue(ids_[0], &zertifikat).ok());

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
    const std::string admin = token_;
    token_ = token;
    v1::ListEnrolmentsResponse out;
    grpc::Status st = Call(*enrolments_, &v1::EnrolmentService::Stub::ListEnrolments, r, &out);
    token_ = admin;
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
  const std::string admin = token_;
  token_ = participant_token_;
  v1::Enrolment own;
  s = Call(*enrolments_, &v1::EnrolmentService::Stub::GetEnrolment, get, &own);
  token_ = admin;
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
    // 09:00 twelve days ago: a six-hour session that stays within its day
    // whenever the test runs.
    const absl::CivilDay day =
        absl::ToCivilDay(absl::Now() - absl::Hours(24 * 12), domain::DisplayTimeZone());
    const absl::Time start = absl::FromCivil(absl::CivilHour(day) + 9, domain::DisplayTimeZone());
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
  const absl::CivilDay day =
      absl::ToCivilDay(absl::Now() - absl::Hours(24 * 12), domain::DisplayTimeZone());
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
  absl::StatusOr<domain::StatusBaseline> baseline =
      server_->certificate_issuing().SignStatusBaseline();
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
