#ifndef TRAINHUB_SERVICES_DOMAIN_COMPLETION_COMPLETION_RULES_H_
#define TRAINHUB_SERVICES_DOMAIN_COMPLETION_COMPLETION_RULES_H_

// Completion of a series: its rule, the outcome it gives a person
// (Zertifikat, Teilnahmebestätigung or nothing) and the forecast while the
// series runs. Everything here is pure and deterministic: the same rule and
// records give the same result (the use case is domain/completion/completion.h).

#include <optional>
#include <string>
#include <vector>

#include "absl/time/time.h"
#include "domain/attendance/attendance_ledger.h"
#include "domain/message.h"
#include "domain/model.h"

namespace trainhub::domain {

// Numbers are stored and sent; never renumber.
enum class CompletionOutcome {
  kUnspecified = 0,   // in a decision: withdrawn, the rule decides again
  kCertificate = 1,   // Zertifikat
  kConfirmation = 2,  // Teilnahmebestätigung
  kNone = 3,
};

enum class CompletionProgress {
  kUnspecified = 0,
  kOnTrack = 1,
  kAtRisk = 2,
  kCannotComplete = 3,
  kCompleted = 4,
  kNotCompleted = 5,
};

const char* ToString(CompletionOutcome value);
const char* ToString(CompletionProgress value);

// A series' completion rule; its requirements all apply. The defaults are
// the rule of a series that has none stored.
struct CompletionRule {
  Id series_id = 0;
  bool all_modules = true;
  int min_modules = 0;  // 0: no such requirement
  bool mandatory_modules = false;
  std::optional<int> max_excused;     // nullopt: any number
  int min_teaching_unit_percent = 0;  // 0: no such requirement
  int allowed_minutes_missed = 45;    // per session, for PRESENT or LATE
  int confirmation_min_modules = 1;   // 0: no Teilnahmebestätigung
  bool is_default = true;             // none stored
  Id updated_by = 0;                  // account
  std::string updated_by_name;
  absl::Time update_time;

  bool HasRequirement() const {
    return all_modules || min_modules > 0 || mandatory_modules || min_teaching_unit_percent > 0;
  }
};

inline constexpr int kMaxAllowedMinutesMissed = 600;

// A coordinator's decision for one person; the latest one counts.
struct CompletionDecision {
  Id id = 0;
  Id series_id = 0;
  Id participant_id = 0;
  CompletionOutcome outcome = CompletionOutcome::kUnspecified;  // unspecified: withdrawn
  std::string reason;
  Id account_id = 0;
  std::string account_name;
  absl::Time record_time;
};

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
