#ifndef TRAINHUB_SERVICES_DOMAIN_MODEL_NOTIFICATIONS_H_
#define TRAINHUB_SERVICES_DOMAIN_MODEL_NOTIFICATIONS_H_

// The entities of notifications: what the outbox holds about each e-mail
// trainhub owes a person, and each attempt to deliver it (the rules:
// domain/notifications/). Plain values; enum numbers are stored, never
// renumber them.

#include <optional>
#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "domain/model.h"

namespace trainhub::domain {

// What a notification tells its recipient. Numbers are stored.
enum class NotificationKind {
  kUnspecified = 0,
  // To participants.
  kEnrolmentReceived = 1,  // a request that a coordinator must approve
  kSeatConfirmed = 2,      // a seat
  kWaitlisted = 3,         // a place on the waiting list, with its position
  kPromoted = 4,           // a seat from the waiting list, with the confirmation deadline
  kWithdrawnByCoordinator = 5,
  kEnrolmentRejected = 6,
  kSeatReleased = 7,  // an unconfirmed seat given back after the deadline
  kSeriesCancelled = 8,
};
// "enrolment_received", ...; "unspecified" for anything else.
absl::string_view ToString(NotificationKind kind);
bool IsKnown(NotificationKind kind);
// Whether the recipient may switch this kind off (reminders and digests);
// notices about their seat, deadlines and certificates may not be.
bool MaySwitchOff(NotificationKind kind);

// Where a notification is in its delivery. Numbers are stored.
enum class NotificationStatus {
  kUnspecified = 0,
  kPending = 1,  // due at next_attempt_time
  kSent = 2,     // the mail server took it (or the maildir has it)
  kGivenUp = 3,  // a permanent refusal, or temporary ones for too long
  kDropped = 4,  // its reason passed before it was sent (a reminder)
};
absl::string_view ToString(NotificationStatus status);

// Whose address a notification goes to.
enum class RecipientKind { kUnspecified = 0, kParticipant = 1, kTrainer = 2, kAccount = 3 };

struct NotificationRecipient {
  RecipientKind kind = RecipientKind::kUnspecified;
  Id id = 0;  // participant, trainer or account
  std::string name;
  std::string address;
  std::string language = "de";  // "de" or "en"
};

// One e-mail owed to one person for one event, appended in the same unit of
// work as the change it tells of.
struct Notification {
  Id id = 0;
  NotificationKind kind = NotificationKind::kUnspecified;
  NotificationRecipient recipient;
  Id organization_id = 0;  // whose coordinators see it
  Id series_id = 0;        // what it is about (0: none)
  Id enrolment_id = 0;
  std::string subject;  // rendered in the recipient's language
  std::string body;     // plain text; empty once the body was purged
  NotificationStatus status = NotificationStatus::kPending;
  absl::Time create_time;
  absl::Time next_attempt_time;  // while pending: not before then
  int attempts = 0;
  std::optional<absl::Time> sent_time;
  std::string last_answer;  // the mail server's words on the latest attempt
  std::optional<absl::Time> body_purge_time;  // set once the body and address were removed
};

// One attempt to deliver a notification.
struct DeliveryAttempt {
  Id notification_id = 0;
  absl::Time time;
  NotificationStatus status_after = NotificationStatus::kUnspecified;
  int reply_code = 0;  // SMTP; 0: none (no connection, a maildir)
  std::string answer;
};

}  // namespace trainhub::domain

#endif  // TRAINHUB_SERVICES_DOMAIN_MODEL_NOTIFICATIONS_H_
