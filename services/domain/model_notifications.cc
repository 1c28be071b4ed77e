#include "domain/model_notifications.h"

namespace trainhub::domain {

absl::string_view ToString(NotificationKind kind) {
  switch (kind) {
    case NotificationKind::kEnrolmentReceived:
      return "enrolment_received";
    case NotificationKind::kSeatConfirmed:
      return "seat_confirmed";
    case NotificationKind::kWaitlisted:
      return "waitlisted";
    case NotificationKind::kPromoted:
      return "promoted";
    case NotificationKind::kWithdrawnByCoordinator:
      return "withdrawn_by_coordinator";
    case NotificationKind::kEnrolmentRejected:
      return "enrolment_rejected";
    case NotificationKind::kSeatReleased:
      return "seat_released";
    case NotificationKind::kSeriesCancelled:
      return "series_cancelled";
    case NotificationKind::kUnspecified:
      break;
  }
  return "unspecified";
}

bool IsKnown(NotificationKind kind) {
  return kind >= NotificationKind::kEnrolmentReceived &&
         kind <= NotificationKind::kSeriesCancelled;
}

bool MaySwitchOff(NotificationKind kind) {
  // Every kind so far tells of a person's seat or request: none may be
  // switched off. Reminders and digests will be.
  (void)kind;
  return false;
}

absl::string_view ToString(NotificationStatus status) {
  switch (status) {
    case NotificationStatus::kPending:
      return "pending";
    case NotificationStatus::kSent:
      return "sent";
    case NotificationStatus::kGivenUp:
      return "given_up";
    case NotificationStatus::kDropped:
      return "dropped";
    case NotificationStatus::kUnspecified:
      break;
  }
  return "unspecified";
}

}  // namespace trainhub::domain
