#ifndef TRAINHUB_SERVICES_DOMAIN_ENROLMENT_ENROLMENT_RULES_H_
#define TRAINHUB_SERVICES_DOMAIN_ENROLMENT_ENROLMENT_RULES_H_

// The rules of enrolment inside a unit of work: the state machine (every
// transition through Move, with its history entry and audit event), where a
// request is placed, the waiting list's promotions, the enrolment window and
// eligibility. The use cases (enrolments.h), series cancellation and the
// participant import build on them.

#include <optional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "domain/audit_trail.h"
#include "domain/message.h"
#include "domain/model.h"
#include "domain/ports/unit_of_work.h"

namespace trainhub::domain {

// Whether an enrolment may go from `from` to `to`; UNSPECIFIED `from` is a
// new enrolment. Ended enrolments (withdrawn, rejected, released) may be
// requested again.
bool EnrolmentTransitionAllowed(EnrolmentState from, EnrolmentState to);

// Where a new or approved request goes: PENDING_APPROVAL when
// `needs_approval`, a seat while one is free and nobody waits, else the
// waiting list.
EnrolmentState Placement(const Series& series, bool needs_approval);

// Gives the free seats of `series` (as stored in this unit: capacity and
// status) to the waiting list in arrival order, each promotion recorded in
// its history as done by the system, and in `trail` (at its time) as a change
// of the request. Returns the promoted enrolments' ids. Nothing happens in
// frozen series.
absl::StatusOr<std::vector<Id>> FillSeats(UnitOfWork& w, AuditTrail& trail, const Series& series);

// For enrolling inside a larger unit of work (imports): why `p` cannot be
// enrolled in `series` by a planner now (already enrolled, outside the
// target groups unless `override_groups`, without the required
// qualification), or nullopt when they can. The window is checked by the
// caller.
absl::StatusOr<std::optional<Message>> EnrolmentProblem(ReadView& r, const Series& series,
                                                        const Participant& p,
                                                        bool override_groups);
// Enrols `p` as the trail's caller (a planner) does, after EnrolmentProblem
// found nothing; returns the enrolment.
absl::StatusOr<Enrolment> EnrolAsPlanner(UnitOfWork& w, AuditTrail& trail, const Series& series,
                                         const Participant& p, bool override_groups,
                                         std::string reason);
// Ends every active enrolment of a series being cancelled: WITHDRAWN, with
// "the series was cancelled" (and `reason`) in each history entry, by
// `account_id`, each in `trail`. Inside the cancelling write unit.
absl::Status EndEnrolmentsOfCancelledSeries(UnitOfWork& w, AuditTrail& trail, const Series& series,
                                            Id account_id, absl::string_view reason);

// FAILED_PRECONDITION unless `series` takes enrolments now: planners may
// add people to any series that is not cancelled or completed;
// participants only while it is open and before its enrolment deadline.
absl::Status CheckEnrolmentWindow(const Series& series, bool by_planner, absl::Time now);

// Moves `e` to `to`, keeps the seat time in step and appends the history
// entry (by `account_id`, 0: the system) and the audit event. INTERNAL for a
// transition the state machine forbids: callers check their preconditions
// with a clear message first.
absl::Status Move(UnitOfWork& w, AuditTrail& trail, const Series& series, Enrolment& e,
                  EnrolmentState to, Id account_id, std::string reason);

// Places (or places again) `p` in `series` as one arrival; the caller has
// checked window and eligibility. Returns the enrolment's id.
absl::StatusOr<Id> Enrol(UnitOfWork& w, AuditTrail& trail, const Series& series,
                         const Participant& p, const std::optional<Enrolment>& existing,
                         bool needs_approval, bool overridden, Id account_id, std::string reason,
                         absl::string_view note = "");

// Eligibility of `p` for `series`: the target groups (unless overridden)
// and the required qualification. nullopt when eligible, else the reason,
// with what `by_planner` (a coordinator, or else the participant) can do
// about it.
absl::StatusOr<std::optional<Message>> Ineligibility(ReadView& r, const Series& series, const Participant& p,
                                          bool override_groups, bool by_planner);

// `series` with its seat and waiting-list counts as they are now in the
// unit of work (earlier enrolments of the same unit included).
absl::StatusOr<Series> WithPlacesNow(ReadView& r, Series series);

// "participant 8 (Name) is already <state> in series 3 (enrolment 7)", and
// that as ALREADY_EXISTS on participant_id.
Message AlreadyEnrolledText(const Enrolment& e, const Participant& p);
absl::Status AlreadyEnrolled(const Enrolment& e, const Participant& p);

// Checks the free-text reason (or note) of the request's `field`, trimmed
// when it is valid text: INVALID_ARGUMENT when it is too long, or empty and
// `required`.
absl::Status CheckEnrolmentReason(std::string& reason, absl::string_view field, bool required);
// The first `limit` enrolments of `series_id` in `state`, in arrival order.
absl::StatusOr<std::vector<Enrolment>> EnrolmentsIn(ReadView& r, Id series_id, EnrolmentState state,
                                                    int limit);
// `note`, or `fallback` when it is empty: the reason a history entry gives.
std::string NoteOr(std::string note, absl::string_view fallback);

}  // namespace trainhub::domain

#endif  // TRAINHUB_SERVICES_DOMAIN_ENROLMENT_ENROLMENT_RULES_H_
