// The completion commands against the generated mock stub: a rule change is
// the stored rule with only the options given changed, the forecast table
// with its reasons, decisions, and refusals in the CLI's words.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <sstream>
#include <string>
#include <vector>

#include "clients/cli/app.h"
#include "trainhub/v1/certificate_mock.grpc.pb.h"
#include "trainhub/v1/common.pb.h"
#include "unit/cli_test_run.h"

namespace trainhub::cli {
namespace {

namespace v1 = ::trainhub::v1;
using ::testing::_;
using ::testing::DoAll;
using ::testing::HasSubstr;
using ::testing::Return;
using ::testing::SaveArg;
using ::testing::SetArgPointee;

class CliCompletionTest : public CliTest {
 protected:
  CliCompletionTest()
      : certificates_(Mock<v1::CertificateService, v1::MockCertificateServiceStub>()) {}

  static v1::CompletionRule StoredRule() {
    v1::CompletionRule rule;
    rule.set_series_id(2);
    rule.set_all_modules(true);
    rule.set_max_excused(1);
    rule.set_allowed_minutes_missed(45);
    rule.set_confirmation_min_modules(1);
    rule.set_is_default(false);
    rule.set_updated_by("Demo Admin");
    return rule;
  }

  v1::MockCertificateServiceStub* certificates_;
};

TEST_F(CliCompletionTest, RuleWithoutOptionsShowsIt) {
  EXPECT_CALL(*certificates_, GetCompletionRule(_, _, _))
      .WillOnce(DoAll(SetArgPointee<2>(StoredRule()), Return(grpc::Status::OK)));
  EXPECT_EQ(Run({"completion", "rule", "2"}), kExitOk) << err_.str();
  EXPECT_THAT(out_.str(), HasSubstr("all modules attended"));
  EXPECT_THAT(out_.str(), HasSubstr("at most 1 excused absences"));
  EXPECT_THAT(out_.str(), HasSubstr("up to 45 minutes"));
}

TEST_F(CliCompletionTest, RuleOptionsChangeOnlyWhatTheyName) {
  EXPECT_CALL(*certificates_, GetCompletionRule(_, _, _))
      .WillOnce(DoAll(SetArgPointee<2>(StoredRule()), Return(grpc::Status::OK)));
  v1::SetCompletionRuleRequest sent;
  EXPECT_CALL(*certificates_, SetCompletionRule(_, _, _))
      .WillOnce(DoAll(SaveArg<1>(&sent), SetArgPointee<2>(StoredRule()), Return(grpc::Status::OK)));
  EXPECT_EQ(Run({"completion", "rule", "2", "--min-modules", "4", "--max-excused", "any"}), kExitOk)
      << err_.str();
  EXPECT_EQ(sent.rule().series_id(), 2);
  EXPECT_EQ(sent.rule().min_modules(), 4);
  EXPECT_FALSE(sent.rule().all_modules());  // "at least 4" instead of "all"
  EXPECT_FALSE(sent.rule().has_max_excused());
  EXPECT_EQ(sent.rule().allowed_minutes_missed(), 45);  // kept
  EXPECT_EQ(sent.rule().confirmation_min_modules(), 1);
}

TEST_F(CliCompletionTest, RefusedRuleNamesTheOption) {
  EXPECT_CALL(*certificates_, GetCompletionRule(_, _, _))
      .WillOnce(DoAll(SetArgPointee<2>(StoredRule()), Return(grpc::Status::OK)));
  v1::ErrorDetails details;
  auto* v = details.add_field_violations();
  v->set_field("rule.min_teaching_unit_percent");
  v->set_description("must be 0 to 100");
  EXPECT_CALL(*certificates_, SetCompletionRule(_, _, _))
      .WillOnce(Return(grpc::Status(grpc::StatusCode::INVALID_ARGUMENT,
                                    "rule.min_teaching_unit_percent: must be 0 to 100",
                                    details.SerializeAsString())));
  EXPECT_EQ(Run({"completion", "rule", "2", "--min-ue-percent", "120"}), kExitRejected);
  EXPECT_THAT(err_.str(), HasSubstr("--min-ue-percent: must be 0 to 100"));
}

TEST_F(CliCompletionTest, AtRiskAsksForThoseWhoNeedAttentionAndPrintsWhy) {
  v1::EvaluateCompletionRequest sent;
  v1::CompletionReport report;
  report.set_series_id(2);
  report.set_series_title("Interkultur im Ehrenamt");
  auto* p = report.add_people();
  p->set_participant_id(13);
  p->set_participant_name("سمير خليل");
  p->set_outcome(v1::COMPLETION_OUTCOME_CONFIRMATION);
  p->set_progress(v1::COMPLETION_PROGRESS_AT_RISK);
  p->set_progress_reason("missing the session of 08.05.2027 10:00 would leave unmet");
  p->set_modules_attended(2);
  p->set_module_count(5);
  EXPECT_CALL(*certificates_, EvaluateCompletion(_, _, _))
      .WillOnce(DoAll(SaveArg<1>(&sent), SetArgPointee<2>(report), Return(grpc::Status::OK)));
  EXPECT_EQ(Run({"completion", "at-risk", "2"}), kExitOk) << err_.str();
  ASSERT_EQ(sent.progress_size(), 2);
  EXPECT_EQ(sent.progress(0), v1::COMPLETION_PROGRESS_AT_RISK);
  EXPECT_EQ(sent.progress(1), v1::COMPLETION_PROGRESS_CANNOT_COMPLETE);
  EXPECT_THAT(out_.str(), HasSubstr("AT RISK"));
  EXPECT_THAT(out_.str(), HasSubstr("Teilnahmebestätigung"));
  EXPECT_THAT(out_.str(), HasSubstr("2/5"));
  EXPECT_THAT(out_.str(), HasSubstr("13 سمير خليل: missing the session"));
}

TEST_F(CliCompletionTest, DecideSendsTheOutcome) {
  v1::RecordCompletionDecisionRequest sent;
  v1::PersonCompletion person;
  person.set_participant_id(12);
  person.set_participant_name("Jonas Weber");
  person.set_outcome(v1::COMPLETION_OUTCOME_CERTIFICATE);
  person.set_rule_outcome(v1::COMPLETION_OUTCOME_CONFIRMATION);
  EXPECT_CALL(*certificates_, RecordCompletionDecision(_, _, _))
      .WillOnce(DoAll(SaveArg<1>(&sent), SetArgPointee<2>(person), Return(grpc::Status::OK)));
  EXPECT_EQ(Run({"completion", "decide", "1", "12", "--outcome", "certificate", "--reason",
                 "Modul 5 nachgeholt"}),
            kExitOk)
      << err_.str();
  EXPECT_EQ(sent.outcome(), v1::COMPLETION_OUTCOME_CERTIFICATE);
  EXPECT_FALSE(sent.automatic());
  EXPECT_FALSE(sent.request_id().empty());
  EXPECT_THAT(out_.str(), HasSubstr("Jonas Weber (12): Zertifikat"));
}

TEST_F(CliCompletionTest, DecideAutomaticHandsTheCaseBackToTheRule) {
  v1::RecordCompletionDecisionRequest sent;
  EXPECT_CALL(*certificates_, RecordCompletionDecision(_, _, _))
      .WillOnce(DoAll(SaveArg<1>(&sent), Return(grpc::Status::OK)));
  EXPECT_EQ(Run({"completion", "decide", "1", "12", "--outcome", "AUTOMATIC", "--reason",
                 "Nachweis fehlt"}),
            kExitOk)
      << err_.str();
  EXPECT_EQ(sent.outcome(), v1::COMPLETION_OUTCOME_UNSPECIFIED);
  EXPECT_TRUE(sent.automatic());
}

TEST_F(CliCompletionTest, UnknownOutcomeIsAUsageError) {
  EXPECT_EQ(Run({"completion", "decide", "1", "12", "--outcome", "maybe", "--reason", "x"}),
            kExitUsage);
  EXPECT_THAT(err_.str(), HasSubstr("--outcome"));
}

}  // namespace
}  // namespace trainhub::cli
