#ifndef TRAINHUB_SERVICES_DOMAIN_PLANNING_TRAINERS_H_
#define TRAINHUB_SERVICES_DOMAIN_PLANNING_TRAINERS_H_

// Trainers (Referent:innen). Admins and coordinators see every trainer, a
// trainer their own record; the policy lets admins create and change them.
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

class Trainers {
 public:
  using Clock = std::function<absl::Time()>;

  // `store` must outlive this object.
  explicit Trainers(
      Store& store, Clock clock = [] { return absl::Now(); });

  // ALREADY_EXISTS on the e-mail when another trainer has it.
  absl::StatusOr<Trainer> Create(const RequestContext& ctx, Trainer trainer, const RequestKey& key);
  absl::StatusOr<Trainer> Get(const Principal& who, Id id);
  absl::StatusOr<Page<Trainer>> List(const PageRequest& page);
  absl::StatusOr<Trainer> Update(const RequestContext& ctx, const Trainer& patch,
                                 const UpdateMask& mask);

 private:
  Store& store_;
  Clock clock_;
};

}  // namespace trainhub::domain

#endif  // TRAINHUB_SERVICES_DOMAIN_PLANNING_TRAINERS_H_
