#ifndef TRAINHUB_SERVICES_DOMAIN_PORTS_SESSIONS_H_
#define TRAINHUB_SERVICES_DOMAIN_PORTS_SESSIONS_H_

// Storage port of sessions with their trainer bookings.

#include <optional>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "domain/model.h"
#include "domain/policy.h"
#include "domain/ports/page.h"

namespace trainhub::domain {

// Sessions ordered by (start, id). Unset members do not filter.
// Whose sessions: those booked (not declined) for `trainer_id`, of series
// in which `participant_id` holds a seat now (not waiting), or of series
// one of `organizations` owns or partners; any of them (`everything`: all).
struct SessionParties {
  bool everything = false;
  std::vector<Id> organizations;
  Id trainer_id = 0;
  Id participant_id = 0;
};

struct SessionFilter {
  Id series_id = 0;
  Id module_id = 0;
  Id trainer_id = 0;               // with a booking that is not DECLINED
  Id organization_id = 0;          // of a series owned or partnered
  std::optional<absl::Time> from;  // end > from
  std::optional<absl::Time> to;    // start < to
  bool pending_only = false;       // some booking (of trainer_id, if set) REQUESTED
  bool skip_cancelled_series = false;
  std::optional<Visibility> visible_to;  // only what this may see
  std::optional<SessionParties> of;      // only these parties' sessions
};

class SessionReader {
 public:
  virtual ~SessionReader() = default;
  // NOT_FOUND for a missing id.
  virtual absl::StatusOr<Session> Get(Id id) = 0;
  // Ordered by start; cursor key is the start in Unix seconds.
  virtual absl::StatusOr<Page<Session>> List(const SessionFilter& filter,
                                             const PageRequest& page) = 0;
  // Sessions other than `exclude_session_id`, of series that are not
  // cancelled, overlapping [start, end), that book one of `trainer_ids`
  // (not declined) or take place at `place_key` (when not empty).
  virtual absl::StatusOr<std::vector<Session>> FindOverlapping(absl::Time start, absl::Time end,
                                                               const std::vector<Id>& trainer_ids,
                                                               absl::string_view place_key,
                                                               Id exclude_session_id) = 0;
};

class SessionWriter : public SessionReader {
 public:
  virtual absl::StatusOr<Id> Insert(const Session& session) = 0;
  // Replaces times, place, note and the whole set of bookings.
  virtual absl::Status Update(const Session& session) = 0;
  virtual absl::Status Delete(Id id) = 0;
};

}  // namespace trainhub::domain

#endif  // TRAINHUB_SERVICES_DOMAIN_PORTS_SESSIONS_H_
