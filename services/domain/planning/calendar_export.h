#ifndef TRAINHUB_SERVICES_DOMAIN_PLANNING_CALENDAR_EXPORT_H_
#define TRAINHUB_SERVICES_DOMAIN_PLANNING_CALENDAR_EXPORT_H_

// Calendar export (iCalendar, RFC 5545) of a series or a trainer's
// bookings, limited to what the caller may see. Thread-safe.

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

class CalendarExport {
 public:
  using Clock = std::function<absl::Time()>;

  // `store` must outlive this object.
  explicit CalendarExport(
      Store& store, Clock clock = [] { return absl::Now(); });

  // iCalendar text with the file name a client should use.
  struct Calendar {
    std::string filename;
    std::string ical;
  };
  absl::StatusOr<Calendar> ExportSeriesCalendar(const Principal& who, Id series_id);
  absl::StatusOr<Calendar> ExportTrainerCalendar(const Principal& who, Id trainer_id);

 private:
  // The installation's calendar UID domain.
  absl::StatusOr<std::string> UidDomain();
  absl::StatusOr<std::vector<Session>> AllSessions(const Principal& who,
                                                   const SessionFilter& filter);

  Store& store_;
  Clock clock_;
};

}  // namespace trainhub::domain

#endif  // TRAINHUB_SERVICES_DOMAIN_PLANNING_CALENDAR_EXPORT_H_
