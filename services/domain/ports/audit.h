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
};

class AuditWriter : public AuditReader {
 public:
  virtual absl::StatusOr<Id> Append(const AuditEvent& event) = 0;
  // Adds `repeats` (> 0) more refusals to the refusal row `event_id`.
  virtual absl::Status AddRefusalRepeats(Id event_id, int64_t repeats) = 0;
};

}  // namespace trainhub::domain

#endif  // TRAINHUB_SERVICES_DOMAIN_PORTS_AUDIT_H_
