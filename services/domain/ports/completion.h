#ifndef TRAINHUB_SERVICES_DOMAIN_PORTS_COMPLETION_H_
#define TRAINHUB_SERVICES_DOMAIN_PORTS_COMPLETION_H_

// Storage port of completion: each series' rule and the append-only
// history of coordinators' decisions for single people.

#include <optional>
#include <vector>

#include "absl/status/statusor.h"
#include "domain/model.h"
#include "domain/model_completion.h"
#include "domain/ports/page.h"

namespace trainhub::domain {

class CompletionReader {
 public:
  virtual ~CompletionReader() = default;
  // The stored rule (is_default false), or nullopt.
  virtual absl::StatusOr<std::optional<CompletionRule>> GetRule(Id series_id) = 0;
  // The decision in force per person of the series (the latest of each,
  // withdrawn ones included), by participant id.
  virtual absl::StatusOr<std::vector<CompletionDecision>> ListLatestDecisions(Id series_id) = 0;
  // Decisions of the series (of one person unless 0), oldest first; cursor
  // key is the decision id.
  virtual absl::StatusOr<Page<CompletionDecision>> ListDecisions(Id series_id, Id participant_id,
                                                                 const PageRequest& page) = 0;
};

class CompletionWriter : public CompletionReader {
 public:
  // Creates or replaces the series' rule.
  virtual absl::Status PutRule(const CompletionRule& rule) = 0;
  virtual absl::StatusOr<Id> AppendDecision(const CompletionDecision& decision) = 0;
};

}  // namespace trainhub::domain

#endif  // TRAINHUB_SERVICES_DOMAIN_PORTS_COMPLETION_H_
