#ifndef TRAINHUB_SERVICES_DOMAIN_NOTIFICATIONS_OUTBOX_H_
#define TRAINHUB_SERVICES_DOMAIN_NOTIFICATIONS_OUTBOX_H_

// Appending to the notification outbox inside a unit of work: the
// recipient's address and language, the texts from the catalogue, and the
// Message-ID every attempt of one notification carries.

#include <optional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "domain/message.h"
#include "domain/model_notifications.h"
#include "domain/ports/unit_of_work.h"

namespace trainhub::domain {

// The participant as a recipient: their name, address and language;
// nullopt when they have no e-mail address or their data was erased.
absl::StatusOr<std::optional<NotificationRecipient>> ParticipantRecipient(ReadView& r,
                                                                          Id participant_id);

// Renders the texts of `n.kind` for `to` with `args` and appends `n` to the
// outbox, pending and due at `now`. What it is about (organization, series,
// enrolment) is the caller's to set in `n`.
absl::Status AppendNotice(UnitOfWork& w, Notification n, NotificationRecipient to,
                          const std::vector<MessageArg>& args, absl::Time now);

// The Message-ID of `n` without angle brackets: the same on every attempt,
// unique across installations ("n42.1700000000123456@<uid_domain>").
std::string MessageIdOf(const Notification& n, absl::string_view uid_domain);

}  // namespace trainhub::domain

#endif  // TRAINHUB_SERVICES_DOMAIN_NOTIFICATIONS_OUTBOX_H_
