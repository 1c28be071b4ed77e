#ifndef TRAINHUB_SERVICES_STORE_SQLITE_COMPLETION_STORE_H_
#define TRAINHUB_SERVICES_STORE_SQLITE_COMPLETION_STORE_H_

// The SQLite side of domain::CompletionWriter: completion rules and the
// append-only decision history.

#include "domain/ports/completion.h"
#include "store/sql_support.h"

namespace trainhub::store {

class SqliteCompletionStore : public domain::CompletionWriter {
 public:
  // `sql` must outlive this object.
  explicit SqliteCompletionStore(Sql& sql) : sql_(sql) {}

  absl::StatusOr<std::optional<domain::CompletionRule>> GetRule(domain::Id series_id) override;
  absl::StatusOr<std::vector<domain::CompletionDecision>> ListLatestDecisions(
      domain::Id series_id) override;
  absl::StatusOr<domain::Page<domain::CompletionDecision>> ListDecisions(
      domain::Id series_id, domain::Id participant_id, const domain::PageRequest& page) override;
  absl::Status PutRule(const domain::CompletionRule& rule) override;
  absl::StatusOr<domain::Id> AppendDecision(const domain::CompletionDecision& decision) override;

 private:
  Sql& sql_;
};

}  // namespace trainhub::store

#endif  // TRAINHUB_SERVICES_STORE_SQLITE_COMPLETION_STORE_H_
