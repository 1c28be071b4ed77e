#ifndef TRAINHUB_TESTS_TESTING_PLANNING_H_
#define TRAINHUB_TESTS_TESTING_PLANNING_H_

// The planning use cases over one store, built as the server's composition
// root builds them, for domain tests.

#include <functional>

#include "absl/time/clock.h"
#include "domain/planning/calendar_export.h"
#include "domain/planning/organizations.h"
#include "domain/ports/unit_of_work.h"
#include "domain/planning/schedules.h"
#include "domain/planning/series_planning.h"
#include "domain/planning/session_planning.h"
#include "domain/planning/trainers.h"

namespace trainhub::testing {

struct Planning {
  using Clock = std::function<absl::Time()>;

  // `store` must outlive this object.
  explicit Planning(
      domain::Store& store, Clock clock = [] { return absl::Now(); })
      : organizations(store, clock),
        trainers(store, clock),
        series(store, clock),
        sessions(store, clock),
        schedules(store),
        calendars(store, clock) {}

  domain::Organizations organizations;
  domain::Trainers trainers;
  domain::SeriesPlanning series;
  domain::SessionPlanning sessions;
  domain::Schedules schedules;
  domain::CalendarExport calendars;
};

}  // namespace trainhub::testing

#endif  // TRAINHUB_TESTS_TESTING_PLANNING_H_
