#ifndef TRAINHUB_SERVICES_DOMAIN_PLANNING_SCHEDULES_H_
#define TRAINHUB_SERVICES_DOMAIN_PLANNING_SCHEDULES_H_

// Schedules across series: a trainer's sessions, the sessions in a time
// range, bookings that wait for the trainer's answer. Each lists only what
// the caller may see (domain/policy.h), internals stripped for those who may
// not see them. Thread-safe: state lives in the Store.

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

class Schedules {
 public:
  using Clock = std::function<absl::Time()>;
  // `store` must outlive this object.
  explicit Schedules(
      Store& store, Clock clock = [] { return absl::Now(); })
      : store_(store), clock_(std::move(clock)) {}

  // The caller's own sessions ending after `from` (nullopt: now) and
  // starting before `to`, by start: a trainer's bookings (not declined), the
  // sessions of series a participant holds a seat in (not waiting), the
  // sessions of series a coordinator's organisations own or partner; for an
  // account with several roles all of these; admins every session.
  absl::StatusOr<Page<Session>> ListMySessions(const Principal& who,
                                               std::optional<absl::Time> from,
                                               std::optional<absl::Time> to,
                                               const PageRequest& page);

  absl::StatusOr<Page<Session>> ListTrainerSessions(const Principal& who, Id trainer_id,
                                                    std::optional<absl::Time> from,
                                                    std::optional<absl::Time> to,
                                                    const PageRequest& page);
  absl::StatusOr<Page<Session>> ListSessionsInRange(const Principal& who, absl::Time from,
                                                    absl::Time to, Id organization_id,
                                                    const PageRequest& page);
  absl::StatusOr<Page<Session>> ListPendingBookings(const Principal& who, Id trainer_id,
                                                    Id organization_id, const PageRequest& page);

 private:
  Store& store_;
  Clock clock_;
};

}  // namespace trainhub::domain

#endif  // TRAINHUB_SERVICES_DOMAIN_PLANNING_SCHEDULES_H_
