#ifndef TRAINHUB_SERVICES_DOMAIN_COMPLETION_COMPLETION_H_
#define TRAINHUB_SERVICES_DOMAIN_COMPLETION_COMPLETION_H_

// Completion of a series: coordinators who plan a series set its rule and
// decide single cases with a reason; they and the partners' coordinators
// evaluate everyone (outcome and forecast, domain/completion/completion_rules.h); a
// participant evaluates only their own completion, without the
// coordinators' reasons. Trainers and everyone else are refused.

#include <functional>
#include <set>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/clock.h"
#include "domain/completion/completion_rules.h"
#include "domain/idempotency.h"
#include "domain/model.h"
#include "domain/ports/unit_of_work.h"
#include "domain/principal.h"
#include "domain/request_context.h"

namespace trainhub::domain {

struct CompletionReport {
  Series series;  // without derived figures
  CompletionRule rule;
  absl::Time evaluate_time;
  std::vector<PersonCompletion> people;  // by name
};

class Completion {
 public:
  using Clock = std::function<absl::Time()>;
  // `store` must outlive this object.
  explicit Completion(
      Store& store, Clock clock = [] { return absl::Now(); });

  // The series' rule; the defaults (is_default) while none is stored.
  absl::StatusOr<CompletionRule> Rule(const Principal& who, Id series_id);
  // Replaces the rule of rule.series_id; INVALID_ARGUMENT naming "rule.<field>".
  absl::StatusOr<CompletionRule> SetRule(const RequestContext& ctx, CompletionRule rule);
  // Everyone of the series (one person unless 0; a participant only
  // themselves), keeping those whose progress is in `only` (empty: all).
  absl::StatusOr<CompletionReport> Evaluate(const Principal& who, Id series_id, Id participant_id,
                                            const std::set<CompletionProgress>& only);
  // Records `decision` (outcome kUnspecified: withdraws the one in force)
  // for a person with an enrolment in the series; answers their evaluation.
  absl::StatusOr<PersonCompletion> Decide(const RequestContext& ctx, CompletionDecision decision,
                                          const RequestKey& key);
  // Decisions of the series (of one person unless 0), oldest first.
  absl::StatusOr<Page<CompletionDecision>> Decisions(const Principal& who, Id series_id,
                                                     Id participant_id, const PageRequest& page);

 private:
  Store& store_;
  Clock clock_;
};

}  // namespace trainhub::domain

#endif  // TRAINHUB_SERVICES_DOMAIN_COMPLETION_COMPLETION_H_
