#ifndef TRAINHUB_SERVICES_DOMAIN_PLANNING_SESSION_PLANNING_H_
#define TRAINHUB_SERVICES_DOMAIN_PLANNING_SESSION_PLANNING_H_

// Planning sessions and booking their trainers, with the conflict check
// (a trainer or a place booked twice at overlapping times). Object rules as
// in series_planning.h. Thread-safe: state lives in the Store.

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/civil_time.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "domain/field_mask.h"
#include "domain/idempotency.h"
#include "domain/model.h"
#include "domain/ports/unit_of_work.h"
#include "domain/principal.h"
#include "domain/request_context.h"

namespace trainhub::domain {

// Days of a multi-day module: one session per calendar day from `first` to
// `last` (Europe/Berlin), each from `start` to `end` local time.
struct SessionDays {
  absl::CivilDay first;
  absl::CivilDay last;
  absl::Duration start;  // since local midnight
  absl::Duration end;
};

// At most this many days in one call (a module's block is two or three).
inline constexpr int kMaxSessionDays = 31;

class SessionPlanning {
 public:
  using Clock = std::function<absl::Time()>;

  // `store` must outlive this object.
  explicit SessionPlanning(
      Store& store, Clock clock = [] { return absl::Now(); });

  // Refused with FAILED_PRECONDITION naming the other session when a
  // trainer or the place is booked at an overlapping time, unless
  // `allow_overlap`.
  absl::StatusOr<Session> CreateSession(const RequestContext& ctx, Id series_id, Id module_id,
                                        Session session, bool allow_overlap, const RequestKey& key);
  // One session per day of `days`, each with the place, trainers and note
  // of `day` (whose own times are ignored), all or none in one write; the
  // conflict check applies to every day. A retry with the same request_id
  // returns the sessions created first.
  absl::StatusOr<std::vector<Session>> CreateSessionDays(const RequestContext& ctx, Id series_id,
                                                         Id module_id, const SessionDays& days,
                                                         Session day, bool allow_overlap,
                                                         const RequestKey& key);
  absl::StatusOr<Session> GetSession(const Principal& who, Id id);
  absl::StatusOr<Page<Session>> ListSessions(const Principal& who, Id series_id, Id module_id,
                                             const PageRequest& page);
  absl::StatusOr<Session> UpdateSession(const RequestContext& ctx, const Session& patch,
                                        const UpdateMask& mask, bool allow_overlap);
  // The series' planners set any booking; a trainer their own. `trainer_id`
  // 0 means the caller's own trainer record (INVALID_ARGUMENT "trainer_id"
  // for a caller without one).
  absl::StatusOr<Session> SetBookingStatus(const RequestContext& ctx, Id session_id, Id trainer_id,
                                           BookingStatus status, bool allow_overlap);
  absl::Status DeleteSession(const RequestContext& ctx, Id id);

 private:
  Store& store_;
  Clock clock_;
};

}  // namespace trainhub::domain

#endif  // TRAINHUB_SERVICES_DOMAIN_PLANNING_SESSION_PLANNING_H_
