#ifndef TRAINHUB_SERVICES_DOMAIN_NOTIFICATIONS_ENROLMENT_NOTICES_H_
#define TRAINHUB_SERVICES_DOMAIN_NOTIFICATIONS_ENROLMENT_NOTICES_H_

// What a participant hears of their enrolment's steps: the notification is
// appended in the unit of work of the step, so it is sent exactly when the
// step is committed and never for one that was rolled back.

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "domain/model.h"
#include "domain/model_notifications.h"
#include "domain/ports/unit_of_work.h"

namespace trainhub::domain {

// The kind of notice the step of an enrolment of `series` from `from` to
// `to` earns its participant; kUnspecified when it earns none (a step they
// took themselves: confirming, withdrawing).
NotificationKind NoticeForStep(const Series& series, EnrolmentState from, EnrolmentState to,
                               bool by_the_person);

// Appends the notice for `e`'s step from `from` to `e.state` (already
// written in `w`), with `reason` where the step has one meant for the
// person. Nothing for steps that earn none and for people without an
// e-mail address or whose data was erased.
absl::Status NoticeEnrolmentStep(UnitOfWork& w, const Series& series, const Enrolment& e,
                                 EnrolmentState from, absl::string_view reason,
                                 bool by_the_person, absl::Time now);

}  // namespace trainhub::domain

#endif  // TRAINHUB_SERVICES_DOMAIN_NOTIFICATIONS_ENROLMENT_NOTICES_H_
