#ifndef TRAINHUB_SERVICES_DOMAIN_ACCESS_H_
#define TRAINHUB_SERVICES_DOMAIN_ACCESS_H_

// Loading objects for a caller: the object rules of domain/principal.h
// applied to what the store holds. A caller who may not see or change an
// object gets PERMISSION_DENIED, also when it does not exist, so that ids
// reveal nothing; admins get NOT_FOUND naming the request field.

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "domain/message.h"
#include "domain/model.h"
#include "domain/policy.h"
#include "domain/ports/unit_of_work.h"
#include "domain/principal.h"

namespace trainhub::domain {

// PERMISSION_DENIED with `refusal`, one sentence: "your account may not ...".
absl::Status Denied(const Message& refusal);

// INVALID_ARGUMENT naming `field` unless `id` is positive.
absl::Status CheckId(Id id, absl::string_view field);

// Re-labels NOT_FOUND from the store with the request field that named it.
absl::Status NameField(absl::Status status, absl::string_view field,
                       absl::StatusCode code = absl::StatusCode::kNotFound);

// Whether `who`, a trainer, has a booking that is not declined in the series.
absl::StatusOr<bool> Teaches(ReadView& r, const Principal& who, Id series_id);
// Whether `who`'s participant record has an enrolment (in any state) in the series.
absl::StatusOr<bool> Enrolled(ReadView& r, const Principal& who, Id series_id);

// Applies StripInternals() to each of `sessions` that `who` may not see
// the internals of (domain/principal.h).
absl::Status HideInternals(ReadView& r, const Principal& who, std::vector<Session>& sessions);

enum class Need { kSee, kPlan };

// Loads series `id` for `who` (CanSeeSeries or CanPlanSeries).
absl::StatusOr<Series> SeriesFor(ReadView& r, const Principal& who, Id id, Need need,
                                 absl::string_view field);

}  // namespace trainhub::domain

#endif  // TRAINHUB_SERVICES_DOMAIN_ACCESS_H_
