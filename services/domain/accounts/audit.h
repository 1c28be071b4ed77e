#ifndef TRAINHUB_SERVICES_DOMAIN_ACCOUNTS_AUDIT_H_
#define TRAINHUB_SERVICES_DOMAIN_ACCOUNTS_AUDIT_H_

// The audit log: who changed what, and every refused call. Changes are
// recorded by the use cases through an AuditTrail (domain/audit_trail.h) in
// the same unit of work as the change itself; refused calls by
// RecordRefusal. The table is append-only and hash-chained
// (domain/accounts/audit_chain.h): a refusal row joins the chain when its window
// ends, or when the log closes.

#include <map>
#include <mutex>
#include <string>
#include <tuple>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "domain/accounts/audit_chain.h"
#include "domain/model.h"
#include "domain/ports/unit_of_work.h"
#include "domain/principal.h"

namespace trainhub::domain {

class AuditLog {
 public:
  using Clock = std::function<absl::Time()>;
  explicit AuditLog(
      Store& store, Clock clock = [] { return absl::Now(); });
  ~AuditLog();

  // One row stands for all refusals of the same kind (account, method,
  // result, client address) within a window; at most kMaxRefusalKinds kinds
  // are tracked at once, beyond that refusals are counted per method only.
  static constexpr absl::Duration kRefusalWindow = absl::Minutes(1);
  // Repeats are counted in memory and written every this many (and before
  // every List, and when the log is destroyed).
  static constexpr int64_t kRepeatsPerWrite = 64;
  static constexpr size_t kMaxRefusalKinds = 4096;
  static constexpr size_t kMaxMethodChars = 200;

  // Records a call refused with `result` (e.g. "PERMISSION_DENIED") from
  // `peer` (an address without port); `account_id` 0 when the caller is
  // unknown. A `request_id` that is not a valid request id is not stored.
  absl::Status RecordRefusal(Id account_id, absl::string_view method, absl::string_view result,
                             absl::string_view request_id, absl::string_view peer);
  // Records an event that changed no planning data (a login); time is set.
  absl::Status Record(AuditEvent event);

  // Writes the repeat counts not written yet.
  absl::Status FlushRefusals();
  // Chains the refusal rows a previous run left open (it ended without
  // closing its log). Call once at start, before any refusal.
  absl::Status SealRowsLeftOpen();

  // Newest first. Admins see every event; coordinators the changes to their
  // organisations' series; others nothing (PERMISSION_DENIED).
  absl::StatusOr<Page<AuditEvent>> List(const Principal& who, const PageRequest& page);

  // Checks the whole chain, the stored head and the rows outside it (only
  // refusal rows of windows still open may be), after writing the counts
  // and chaining the rows of windows that ended. Admins only
  // (PERMISSION_DENIED).
  absl::StatusOr<AuditChainCheck> Verify(const Principal& who);

 private:
  struct RefusalRow {
    Id event_id = 0;
    absl::Time window_start;
    int64_t unwritten = 0;  // repeats counted since the last write
  };
  // Adds `row`'s unwritten repeats to its audit row; needs refusals_mu_.
  absl::Status WriteRepeats(RefusalRow& row);
  // Writes and chains `row` (its window ended); needs refusals_mu_.
  absl::Status Close(RefusalRow& row);
  // Closes every row whose window ended before `now` (all when `all`);
  // needs refusals_mu_.
  absl::Status CloseWindows(absl::Time now, bool all);
  using RefusalKind = std::tuple<Id, std::string, std::string, std::string>;

  Store& store_;
  Clock clock_;
  std::mutex refusals_mu_;
  std::map<RefusalKind, RefusalRow> refusals_;  // open windows, by kind
  absl::Time last_close_;                       // the last CloseWindows
};

}  // namespace trainhub::domain

#endif  // TRAINHUB_SERVICES_DOMAIN_ACCOUNTS_AUDIT_H_
