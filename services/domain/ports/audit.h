#ifndef TRAINHUB_SERVICES_DOMAIN_PORTS_AUDIT_H_
#define TRAINHUB_SERVICES_DOMAIN_PORTS_AUDIT_H_

// Storage port of the append-only audit log.

#include <vector>

#include "absl/status/statusor.h"
#include "domain/model.h"
#include "domain/ports/page.h"

namespace trainhub::domain {

// Audit events of any of `organizations` (empty: all), newest first.
struct AuditFilter {
  std::vector<Id> organizations;
};

class AuditReader {
 public:
  virtual ~AuditReader() = default;
  // Cursor key is the event id, descending.
  virtual absl::StatusOr<Page<AuditEvent>> List(const AuditFilter& filter,
                                                const PageRequest& page) = 0;
  // The chain's stored head.
  virtual absl::StatusOr<AuditHead> Head() = 0;
  // Up to `limit` chained events after place `after_seq`, in chain order.
  virtual absl::StatusOr<std::vector<AuditEvent>> ListChain(int64_t after_seq, int limit) = 0;
  // The rows outside the chain (refusal rows still counting), by id.
  virtual absl::StatusOr<std::vector<AuditEvent>> ListOpen() = 0;
};

class AuditWriter : public AuditReader {
 public:
  // Appends `event` (its chain fields are the store's). A change (an
  // object named) joins the chain at once; a refusal row (no object) stays
  // open for its repeats until Seal.
  virtual absl::StatusOr<Id> Append(const AuditEvent& event) = 0;
  // Adds `repeats` (> 0) more refusals to the open refusal row `event_id`;
  // NOT_FOUND when there is no such open row.
  virtual absl::Status AddRefusalRepeats(Id event_id, int64_t repeats) = 0;
  // Chains the open row `event_id` as it is now; OK when it is chained
  // already, NOT_FOUND when there is no such row.
  virtual absl::Status Seal(Id event_id) = 0;
};

}  // namespace trainhub::domain

#endif  // TRAINHUB_SERVICES_DOMAIN_PORTS_AUDIT_H_
