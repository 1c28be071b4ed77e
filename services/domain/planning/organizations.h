#ifndef TRAINHUB_SERVICES_DOMAIN_PLANNING_ORGANIZATIONS_H_
#define TRAINHUB_SERVICES_DOMAIN_PLANNING_ORGANIZATIONS_H_

// Organisations (Träger and partner institutions). Any signed-in role may
// read them; the policy (domain/policy.h) lets admins create and change them.
// Thread-safe: state lives in the Store.

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "domain/field_mask.h"
#include "domain/idempotency.h"
#include "domain/model.h"
#include "domain/ports/unit_of_work.h"
#include "domain/principal.h"
#include "domain/request_context.h"

namespace trainhub::domain {

class Organizations {
 public:
  using Clock = std::function<absl::Time()>;

  // `store` must outlive this object.
  explicit Organizations(
      Store& store, Clock clock = [] { return absl::Now(); });

  // ALREADY_EXISTS on the name when another organisation has it (ignoring
  // case and repeated white space).
  absl::StatusOr<Organization> Create(const RequestContext& ctx, Organization org,
                                      const RequestKey& key);
  absl::StatusOr<Organization> Get(Id id);
  absl::StatusOr<Page<Organization>> List(const PageRequest& page);
  // Admins, and coordinators for their own organisation (PERMISSION_DENIED
  // for another one, also an unknown id; admins NOT_FOUND).
  absl::StatusOr<Organization> Update(const RequestContext& ctx, const Organization& patch,
                                      const UpdateMask& mask);

 private:
  Store& store_;
  Clock clock_;
};

}  // namespace trainhub::domain

#endif  // TRAINHUB_SERVICES_DOMAIN_PLANNING_ORGANIZATIONS_H_
