#ifndef TRAINHUB_SERVICES_DOMAIN_PORTS_ENROLMENTS_H_
#define TRAINHUB_SERVICES_DOMAIN_PORTS_ENROLMENTS_H_

// Storage port of enrolments with their append-only history of changes.

#include <optional>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "domain/model.h"
#include "domain/ports/page.h"

namespace trainhub::domain {

// Enrolments of one series in arrival order (cursor key: queue_number),
// across series by id (cursor key: id). Unset members do not filter.
struct EnrolmentFilter {
  Id series_id = 0;
  Id participant_id = 0;
  std::vector<EnrolmentState> states;  // empty: any
  // Only enrolments in series owned or partnered by one of these.
  std::optional<std::vector<Id>> organizations;
  // Only active enrolments whose person lacks the series' required
  // qualification (Enrolment::missing_qualification not empty).
  bool requirement_unmet_only = false;
};

// One step of an enrolment's history with the participant it concerns.
struct SeatChange {
  Id participant_id = 0;
  std::string participant_name;
  std::string participant_sort_key;  // SearchKey(participant_name), as stored
  Id participant_organization_id = 0;
  absl::Time time;
  EnrolmentState to = EnrolmentState::kUnspecified;
};

// A series' seats_taken and waitlist_length as they are now.
struct Places {
  int seats_taken = 0;
  int waitlist_length = 0;
};

class EnrolmentReader {
 public:
  virtual ~EnrolmentReader() = default;
  // NOT_FOUND for a missing id.
  virtual absl::StatusOr<Enrolment> Get(Id id) = 0;
  virtual absl::StatusOr<std::optional<Enrolment>> Find(Id series_id, Id participant_id) = 0;
  virtual absl::StatusOr<Page<Enrolment>> List(const EnrolmentFilter& filter,
                                               const PageRequest& page) = 0;
  // One more than the highest queue number ever given in the series.
  virtual absl::StatusOr<int64_t> NextQueueNumber(Id series_id) = 0;
  // Oldest first; cursor key is the change id.
  virtual absl::StatusOr<Page<EnrolmentChange>> ListChanges(Id enrolment_id,
                                                            const PageRequest& page) = 0;
  // Enrolments of the series in any state.
  virtual absl::StatusOr<int64_t> Count(Id series_id) = 0;
  // Every history step of every enrolment of the series that has ever held
  // a seat, by enrolment (a person has one per series) and then in order.
  // Its cost grows with those enrolments, not with everyone who waited or
  // was turned away.
  virtual absl::StatusOr<std::vector<SeatChange>> ListSeatChanges(Id series_id) = 0;
  // What GetSeries derives of the places, without the rest of the series.
  virtual absl::StatusOr<Places> CountPlaces(Id series_id) = 0;
};

class EnrolmentWriter : public EnrolmentReader {
 public:
  // ALREADY_EXISTS when the participant has an enrolment in the series.
  virtual absl::StatusOr<Id> Insert(const Enrolment& enrolment) = 0;
  // Stores state, queue_number, request_time, seat_time,
  // eligibility_overridden, note and update_time.
  virtual absl::Status Update(const Enrolment& enrolment) = 0;
  virtual absl::Status AppendChange(const EnrolmentChange& change) = 0;
};

}  // namespace trainhub::domain

#endif  // TRAINHUB_SERVICES_DOMAIN_PORTS_ENROLMENTS_H_
