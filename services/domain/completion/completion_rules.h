#ifndef TRAINHUB_SERVICES_DOMAIN_COMPLETION_COMPLETION_RULES_H_
#define TRAINHUB_SERVICES_DOMAIN_COMPLETION_COMPLETION_RULES_H_

// Completion of a series: its rule (the entity: domain/model_completion.h),
// the outcome it gives a person (Zertifikat, Teilnahmebestätigung or
// nothing) and the forecast while the series runs. Everything here is pure and deterministic: the
// same rule and records give the same result (the use case is domain/completion/completion.h).

#include <optional>
#include <string>
#include <vector>

#include "absl/time/time.h"
#include "domain/message.h"
#include "domain/model.h"
#include "domain/model_completion.h"

namespace trainhub::domain {

enum class CompletionProgress {
  kUnspecified = 0,
  kOnTrack = 1,
  kAtRisk = 2,
  kCannotComplete = 3,
  kCompleted = 4,
  kNotCompleted = 5,
};

const char* ToString(CompletionProgress value);

inline constexpr int kMaxAllowedMinutesMissed = 600;

// One session of the series as completion sees it.
struct CompletionSession {
  Id session_id = 0;
  Id module_id = 0;
  absl::Time start;
  absl::Time end;
  int length_minutes = 0;
  double teaching_units = 0;
  bool signed_off = false;
};

struct CompletionModule {
  Id module_id = 0;
  int position = 0;
  std::string title;
  bool mandatory = true;
};

// One person's state in one session.
struct CompletionCell {
  bool expected = false;  // held a seat then (or a record was transferred)
  AttendanceStatus status = AttendanceStatus::kUnspecified;  // unspecified: no record
  int minutes_missed = 0;
};

struct ModuleCompletion {
  CompletionModule module;
  bool attended = false;
  int session_count = 0;
  int sessions_attended = 0;
  double teaching_units = 0;
  double teaching_units_attended = 0;
};

struct PersonCompletion {
  Id participant_id = 0;
  std::string participant_name;
  CompletionOutcome outcome = CompletionOutcome::kUnspecified;       // decision, else rule
  CompletionOutcome rule_outcome = CompletionOutcome::kUnspecified;  // the rule alone
  std::optional<CompletionDecision> decision;
  CompletionProgress progress = CompletionProgress::kUnspecified;
  std::string progress_reason;
  std::vector<Message> unmet;  // as the records stand
  int modules_attended = 0;
  int module_count = 0;  // modules with sessions
  int excused = 0;
  int absent = 0;
  int sessions_remaining = 0;
  double teaching_units_attended = 0;
  double teaching_units = 0;
  double teaching_unit_percent = 0;
  std::vector<ModuleCompletion> modules;  // by position, those with sessions
};

// Evaluates one person at `now`: `cells` has one entry per session of
// `sessions` (by start); `modules` by position. A session remains for the
// person when they are expected there and it has not ended (unless they
// are recorded excused for it, known in advance), or it has no record for
// them and its sheet is not signed off. The outcome counts sessions without
// a record as not attended; the progress looks at what the remaining
// sessions can still change. Nobody is AT_RISK before a session of the
// series has begun: until then nothing can have been missed.
PersonCompletion EvaluatePerson(const CompletionRule& rule,
                                const std::vector<CompletionModule>& modules,
                                const std::vector<CompletionSession>& sessions,
                                const std::vector<CompletionCell>& cells, absl::Time now);

// The rule's requirements that `rule` cannot have (field violations are
// named with `prefix`, e.g. "rule."), given the series' `module_count`
// modules with sessions. Empty when valid.
std::vector<std::pair<std::string, Message>> RuleProblems(const CompletionRule& rule,
                                                          int module_count,
                                                          const std::string& prefix);

}  // namespace trainhub::domain

#endif  // TRAINHUB_SERVICES_DOMAIN_COMPLETION_COMPLETION_RULES_H_
