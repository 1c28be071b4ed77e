// CertificateService, completion: the rule, everyone's outcome and forecast,
// a coordinator's decision with its history, what a participant sees, and
// bad input. Issuing, verification and the document formats are in
// certificate_issue_test.cc, certificate_verification_test.cc and
// certificate_documents_test.cc.

#include "api/access_matrix.h"
#include "api/certificate_fixture.h"

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

}  // namespace
}  // namespace trainhub::api_test
