// The completion rule on hand-made records: which outcome a person gets,
// the forecast while sessions remain, and the rule's validation.

#include "domain/completion/completion_rules.h"

#include <gtest/gtest.h>

namespace trainhub::domain {
namespace {

using S = AttendanceStatus;

// Three modules: 1 with two sessions (a two-day module), 2 and 3 (optional)
// with one each; every session 240 minutes and 4 UE.
class CompletionRulesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    modules_ = {
        {10, 1, "Grundlagen", true}, {20, 2, "Kommunikation", true}, {30, 3, "Vertiefung", false}};
    const absl::Time day = absl::FromUnixSeconds(1'800'000'000);
    const Id module_of[] = {10, 10, 20, 30};
    for (int i = 0; i < 4; ++i) {
      const absl::Time start = day + absl::Hours(24 * 7 * i);
      sessions_.push_back(
          {100 + i, module_of[i], start, start + absl::Minutes(240), 240, 4.0, false});
    }
    // Unless a test says otherwise, every session is over.
    now_ = day + absl::Hours(24 * 365);
  }

  PersonCompletion Evaluate(const std::vector<CompletionCell>& cells) {
    return EvaluatePerson(rule_, modules_, sessions_, cells, now_);
  }

  static CompletionCell Cell(S status, int minutes = 0) { return {true, status, minutes}; }
  static CompletionCell Open() { return {true, S::kUnspecified, 0}; }

  CompletionRule rule_;
  std::vector<CompletionModule> modules_;
  std::vector<CompletionSession> sessions_;
  absl::Time now_;
};

TEST_F(CompletionRulesTest, AllModulesAttendedGivesTheZertifikat) {
  PersonCompletion p =
      Evaluate({Cell(S::kPresent), Cell(S::kLate, 30), Cell(S::kPresent), Cell(S::kPresent)});
  EXPECT_EQ(p.rule_outcome, CompletionOutcome::kCertificate);
  EXPECT_EQ(p.progress, CompletionProgress::kCompleted);
  EXPECT_EQ(p.modules_attended, 3);
  EXPECT_TRUE(p.unmet.empty());
  // 30 of 240 minutes missed: 3.5 of 4 UE.
  EXPECT_DOUBLE_EQ(p.teaching_units_attended, 15.5);
  EXPECT_DOUBLE_EQ(p.teaching_units, 16);
}

TEST_F(CompletionRulesTest, TooManyMinutesMissedLoseTheModule) {
  PersonCompletion p =
      Evaluate({Cell(S::kPresent), Cell(S::kLate, 60), Cell(S::kPresent), Cell(S::kPresent)});
  EXPECT_EQ(p.modules_attended, 2);
  EXPECT_FALSE(p.modules[0].attended);
  EXPECT_EQ(p.modules[0].sessions_attended, 1);
  // Two of three modules: a Teilnahmebestätigung (default minimum one module).
  EXPECT_EQ(p.rule_outcome, CompletionOutcome::kConfirmation);
  EXPECT_EQ(p.progress, CompletionProgress::kNotCompleted);
  ASSERT_EQ(p.unmet.size(), 1u);
  EXPECT_NE(p.unmet[0].English().find("1. Grundlagen"), std::string::npos) << p.unmet[0].English();
}

TEST_F(CompletionRulesTest, RequirementsCombineWithAnd) {
  rule_.all_modules = false;
  rule_.min_modules = 2;
  rule_.mandatory_modules = true;
  rule_.max_excused = 0;
  // Modules 1 and 2 (the mandatory ones) attended, 3 excused.
  PersonCompletion p =
      Evaluate({Cell(S::kPresent), Cell(S::kPresent), Cell(S::kPresent), Cell(S::kExcused)});
  EXPECT_EQ(p.modules_attended, 2);
  EXPECT_EQ(p.excused, 1);
  ASSERT_EQ(p.unmet.size(), 1u);
  EXPECT_NE(p.unmet[0].English().find("at most 0 excused"), std::string::npos)
      << p.unmet[0].English();
  rule_.max_excused = 1;
  EXPECT_EQ(Evaluate({Cell(S::kPresent), Cell(S::kPresent), Cell(S::kPresent), Cell(S::kExcused)})
                .rule_outcome,
            CompletionOutcome::kCertificate);
  // Missing the mandatory module 2 breaks it although two modules count.
  p = Evaluate({Cell(S::kPresent), Cell(S::kPresent), Cell(S::kAbsent), Cell(S::kPresent)});
  ASSERT_EQ(p.unmet.size(), 1u);
  EXPECT_NE(p.unmet[0].English().find("mandatory modules attended: missing 2. Kommunikation"),
            std::string::npos)
      << p.unmet[0].English();
}

TEST_F(CompletionRulesTest, TeachingUnitShare) {
  rule_.all_modules = false;
  rule_.min_teaching_unit_percent = 75;
  PersonCompletion p =
      Evaluate({Cell(S::kPresent), Cell(S::kPresent), Cell(S::kPresent), Cell(S::kAbsent)});
  EXPECT_DOUBLE_EQ(p.teaching_unit_percent, 75);
  EXPECT_EQ(p.rule_outcome, CompletionOutcome::kCertificate);
  p = Evaluate({Cell(S::kPresent), Cell(S::kPresent), Cell(S::kLate, 1), Cell(S::kAbsent)});
  EXPECT_LT(p.teaching_unit_percent, 75);
  EXPECT_EQ(p.rule_outcome, CompletionOutcome::kConfirmation);
}

TEST_F(CompletionRulesTest, NothingAttendedGivesNothing) {
  PersonCompletion p =
      Evaluate({Cell(S::kAbsent), Cell(S::kAbsent), Cell(S::kExcused), Cell(S::kAbsent)});
  EXPECT_EQ(p.rule_outcome, CompletionOutcome::kNone);
  EXPECT_EQ(p.absent, 3);
  EXPECT_EQ(p.excused, 1);
  rule_.confirmation_min_modules = 0;  // the series gives no Teilnahmebestätigung
  EXPECT_EQ(Evaluate({Cell(S::kPresent), Cell(S::kPresent), Cell(S::kAbsent), Cell(S::kAbsent)})
                .rule_outcome,
            CompletionOutcome::kNone);
}

TEST_F(CompletionRulesTest, ForecastWhileSessionsRemain) {
  // All attended so far, two sessions ahead: missing either breaks "all modules".
  PersonCompletion p = Evaluate({Cell(S::kPresent), Cell(S::kPresent), Open(), Open()});
  EXPECT_EQ(p.sessions_remaining, 2);
  EXPECT_EQ(p.progress, CompletionProgress::kAtRisk);
  EXPECT_NE(p.progress_reason.find("module 2. Kommunikation"), std::string::npos)
      << p.progress_reason;
  // As things stand remaining sessions count as not attended.
  EXPECT_EQ(p.rule_outcome, CompletionOutcome::kConfirmation);

  // Already missed module 1: cannot complete any more.
  p = Evaluate({Cell(S::kAbsent), Cell(S::kPresent), Open(), Open()});
  EXPECT_EQ(p.progress, CompletionProgress::kCannotComplete);
  EXPECT_NE(p.progress_reason.find("1. Grundlagen"), std::string::npos) << p.progress_reason;

  // At least two modules: module 1 done, missing one of the other two still
  // leaves two; but as things stand only one counts.
  rule_.all_modules = false;
  rule_.min_modules = 2;
  p = Evaluate({Cell(S::kPresent), Cell(S::kPresent), Open(), Open()});
  EXPECT_EQ(p.progress, CompletionProgress::kOnTrack);
  EXPECT_EQ(p.rule_outcome, CompletionOutcome::kConfirmation);

  // One excused absence allowed and used: another excused one breaks it.
  rule_.min_modules = 0;
  rule_.min_teaching_unit_percent = 50;
  rule_.max_excused = 1;
  p = Evaluate({Cell(S::kPresent), Cell(S::kExcused), Open(), Cell(S::kPresent)});
  EXPECT_EQ(p.progress, CompletionProgress::kAtRisk);
  EXPECT_NE(p.progress_reason.find("an excused absence"), std::string::npos) << p.progress_reason;
}

TEST_F(CompletionRulesTest, ASessionNotYetHeldRemainsWhateverIsRecorded) {
  // The last session runs now; everyone was marked present at its start.
  now_ = sessions_[3].start + absl::Minutes(30);
  PersonCompletion p =
      Evaluate({Cell(S::kPresent), Cell(S::kPresent), Cell(S::kPresent), Cell(S::kPresent)});
  EXPECT_EQ(p.sessions_remaining, 1);
  EXPECT_NE(p.progress, CompletionProgress::kCompleted);
  // Leaving now would still lose module 3, which "all modules" needs.
  EXPECT_EQ(p.progress, CompletionProgress::kAtRisk);
  EXPECT_NE(p.progress_reason.find("3. Vertiefung"), std::string::npos) << p.progress_reason;
  // Signing the sheet off early changes nothing: the session is not over.
  sessions_[3].signed_off = true;
  EXPECT_EQ(Evaluate({Cell(S::kPresent), Cell(S::kPresent), Cell(S::kPresent), Cell(S::kPresent)})
                .sessions_remaining,
            1);
  // Once it has ended, the record stands.
  now_ = sessions_[3].start + absl::Minutes(240);
  p = Evaluate({Cell(S::kPresent), Cell(S::kPresent), Cell(S::kPresent), Cell(S::kPresent)});
  EXPECT_EQ(p.sessions_remaining, 0);
  EXPECT_EQ(p.progress, CompletionProgress::kCompleted);
}

TEST_F(CompletionRulesTest, AnExcusedAbsenceKnownInAdvanceDoesNotRemain) {
  now_ = sessions_[2].start - absl::Hours(24);
  rule_.all_modules = false;
  rule_.min_modules = 2;
  PersonCompletion p = Evaluate({Cell(S::kPresent), Cell(S::kPresent), Cell(S::kExcused), Open()});
  EXPECT_EQ(p.sessions_remaining, 1);
  EXPECT_EQ(p.excused, 1);
  // Module 1 done, module 2 excused: missing module 3 as well breaks the rule.
  EXPECT_EQ(p.progress, CompletionProgress::kAtRisk);
  EXPECT_NE(p.progress_reason.find("3. Vertiefung"), std::string::npos) << p.progress_reason;
}

TEST_F(CompletionRulesTest, NobodyIsAtRiskBeforeTheFirstSessionBegins) {
  now_ = sessions_[0].start - absl::Minutes(1);
  // The default rule (all modules) leaves no absence free: still nobody at risk.
  PersonCompletion p = Evaluate({Open(), Open(), Open(), Open()});
  EXPECT_EQ(p.sessions_remaining, 4);
  EXPECT_EQ(p.progress, CompletionProgress::kOnTrack) << p.progress_reason;
  EXPECT_TRUE(p.progress_reason.empty()) << p.progress_reason;
  // Nor with an excused absence announced in advance and a rule allowing none.
  rule_.max_excused = 0;
  rule_.all_modules = false;
  rule_.min_modules = 1;
  p = Evaluate({Open(), Open(), Open(), Cell(S::kExcused)});
  EXPECT_EQ(p.progress, CompletionProgress::kCannotComplete) << p.progress_reason;
  rule_.max_excused = 1;
  p = Evaluate({Open(), Open(), Open(), Cell(S::kExcused)});
  EXPECT_EQ(p.progress, CompletionProgress::kOnTrack) << p.progress_reason;

  // Once the first session has begun, one more absence can break the default rule.
  rule_ = CompletionRule();
  now_ = sessions_[0].start;
  p = Evaluate({Open(), Open(), Open(), Open()});
  EXPECT_EQ(p.progress, CompletionProgress::kAtRisk);
  EXPECT_NE(p.progress_reason.find("1. Grundlagen"), std::string::npos) << p.progress_reason;
}

TEST_F(CompletionRulesTest, SignedOffAndUnexpectedSessionsDoNotRemain) {
  sessions_[2].signed_off = true;
  CompletionCell not_enrolled_then{false, S::kUnspecified, 0};
  PersonCompletion p = Evaluate({Cell(S::kPresent), Cell(S::kPresent), Open(), not_enrolled_then});
  EXPECT_EQ(p.sessions_remaining, 0);
  EXPECT_EQ(p.progress, CompletionProgress::kNotCompleted);
  EXPECT_EQ(p.modules_attended, 1);
}

TEST_F(CompletionRulesTest, ModulesWithoutSessionsDoNotCount) {
  modules_.push_back({40, 4, "Noch ohne Termin", true});
  PersonCompletion p =
      Evaluate({Cell(S::kPresent), Cell(S::kPresent), Cell(S::kPresent), Cell(S::kPresent)});
  EXPECT_EQ(p.module_count, 3);
  EXPECT_EQ(p.rule_outcome, CompletionOutcome::kCertificate);
}

TEST_F(CompletionRulesTest, RuleProblemsNameTheirFields) {
  CompletionRule rule;
  EXPECT_TRUE(RuleProblems(rule, 3, "rule.").empty());
  rule.all_modules = false;
  auto problems = RuleProblems(rule, 3, "rule.");
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_EQ(problems[0].first, "rule.all_modules");
  rule.min_modules = 4;
  rule.max_excused = -1;
  rule.min_teaching_unit_percent = 101;
  rule.allowed_minutes_missed = 601;
  rule.confirmation_min_modules = -1;
  problems = RuleProblems(rule, 3, "rule.");
  std::vector<std::string> fields;
  for (auto& [field, message] : problems) fields.push_back(field);
  EXPECT_EQ(fields, (std::vector<std::string>{
                        "rule.min_modules", "rule.max_excused", "rule.min_teaching_unit_percent",
                        "rule.allowed_minutes_missed", "rule.confirmation_min_modules"}));
  EXPECT_EQ(problems[0].second.English(), "the series has 3 module(s)");
}

}  // namespace
}  // namespace trainhub::domain
