#ifndef TRAINHUB_SERVICES_DOMAIN_AUDIT_TRAIL_H_
#define TRAINHUB_SERVICES_DOMAIN_AUDIT_TRAIL_H_

// The audit events of one unit of work. A use case that changes data makes
// one AuditTrail inside its Store::Write and reports every object it
// changes, also those changed automatically (a promotion from the waiting
// list, each member of a cohort, each released seat): each gets its own
// event, committed atomically with the change.

#include <string>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "domain/model.h"
#include "domain/ports/unit_of_work.h"
#include "domain/request_context.h"

namespace trainhub::domain {

class AuditTrail {
 public:
  // `unit` and `context` must outlive the trail; `now` is the time of the
  // changes (and of their events).
  AuditTrail(UnitOfWork& unit, const RequestContext& context, absl::Time now)
      : unit_(unit), context_(context), now_(now) {}

  absl::Time now() const { return now_; }
  const RequestContext& context() const { return context_; }

  // Appends the event "`kind`/`id` changed" (e.g. "enrolment/7") of the
  // organisation `organization_id` (0: none). Changes made by the
  // installation itself (a principal without account) are not recorded.
  absl::Status Changed(absl::string_view kind, Id id, Id organization_id);
  // The same for an object without id of its own (e.g. "token").
  absl::Status Changed(absl::string_view object);
  // Appends the event of data handed out rather than changed (a funder
  // report, a person's data export): `what` names it with its parameters.
  absl::Status Disclosed(std::string what, Id organization_id);

 private:
  absl::Status Append(std::string object, Id organization_id);

  UnitOfWork& unit_;
  const RequestContext& context_;
  absl::Time now_;
};

}  // namespace trainhub::domain

#endif  // TRAINHUB_SERVICES_DOMAIN_AUDIT_TRAIL_H_
