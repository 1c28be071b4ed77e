#ifndef TRAINHUB_SERVICES_DOMAIN_VALIDATION_H_
#define TRAINHUB_SERVICES_DOMAIN_VALIDATION_H_

// Field checks of single entities, independent of storage. Each normalizes
// its entity in place (trims text) and adds one violation per bad field,
// named `prefix` + "." + field as in the API request.

#include <string>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "domain/errors.h"
#include "domain/model.h"

namespace trainhub::domain {

void ValidateOrganization(Organization& org, absl::string_view prefix, Violations& v);
void ValidateTrainer(Trainer& trainer, absl::string_view prefix, Violations& v);
// Checks own fields only; the organisation is checked by Participants.
void ValidateParticipant(Participant& participant, absl::string_view prefix, Violations& v);
// Checks title and note.
void ValidateQualification(Qualification& qualification, absl::string_view prefix, Violations& v);
// Checks own fields only; referenced objects are checked by the use cases.
void ValidateSeries(Series& series, absl::string_view prefix, Violations& v);
void ValidateModule(Module& module, absl::string_view prefix, Violations& v);
// Checks times, place, note and the booking list (no duplicates, known
// statuses; UNSPECIFIED becomes REQUESTED).
void ValidateSession(Session& session, absl::string_view prefix, Violations& v);

// "unknown value <value>": an enum value the API does not define.
Message UnknownValue(int value);

// INVALID_ARGUMENT naming "request_id" unless empty or 1..128 printable
// ASCII characters.
absl::Status ValidateRequestId(absl::string_view request_id);

// OK when a series may go from `from` to `to` through UpdateSeries.
absl::Status CheckStatusTransition(SeriesStatus from, SeriesStatus to);

// Identity of a place for double-booking checks; empty for "no place".
std::string PlaceKey(const Place& place);

}  // namespace trainhub::domain

#endif  // TRAINHUB_SERVICES_DOMAIN_VALIDATION_H_
