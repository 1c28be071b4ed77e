#ifndef TRAINHUB_SERVICES_DOMAIN_PLANNING_PLANNING_RULES_H_
#define TRAINHUB_SERVICES_DOMAIN_PLANNING_PLANNING_RULES_H_

// Rules the planning use cases (series, sessions, schedules, calendars)
// share.

#include <optional>
#include <utility>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "domain/access.h"
#include "domain/model.h"
#include "domain/ports/unit_of_work.h"
#include "domain/principal.h"

namespace trainhub::domain {

// FAILED_PRECONDITION when one of `session_ids` has attendance records:
// they are kept, so their session is too.
absl::Status CheckNoAttendance(ReadView& r, const std::vector<Id>& session_ids);

// FAILED_PRECONDITION when the plan of `series` can no longer change
// (completed or cancelled).
absl::Status CheckNotFrozen(const Series& series);

// Loads the series and module named by a request for `who` (refusals as
// SeriesFor) and checks they belong together; `module_field` names the
// request's module id field in errors.
absl::StatusOr<std::pair<Series, Module>> LoadModule(ReadView& r, const Principal& who, Need need,
                                                     Id series_id, Id module_id,
                                                     absl::string_view module_field);

// INVALID_ARGUMENT on "to" unless the range is empty or ends after it starts.
absl::Status CheckRange(std::optional<absl::Time> from, std::optional<absl::Time> to);

// A page of the sessions `filter` selects that `who` may see, internals
// stripped where they may not see them.
absl::StatusOr<Page<Session>> VisiblePage(ReadView& r, const Principal& who, SessionFilter filter,
                                          const PageRequest& page);

// Refuses callers who are neither admin, coordinator nor this trainer.
absl::Status CheckTrainerScope(const Principal& who, Id trainer_id);

}  // namespace trainhub::domain

#endif  // TRAINHUB_SERVICES_DOMAIN_PLANNING_PLANNING_RULES_H_
