#include "domain/model.h"

namespace trainhub::domain {

bool IsKnown(OrganizationKind value) {
  return value >= OrganizationKind::kNgo && value <= OrganizationKind::kOther;
}
bool IsKnown(SeriesKind value) {
  return value >= SeriesKind::kTrainerQualification && value <= SeriesKind::kOther;
}
bool IsKnown(SeriesStatus value) {
  return value >= SeriesStatus::kDraft && value <= SeriesStatus::kCancelled;
}
bool IsKnown(IssuedDocuments value) {
  return value == IssuedDocuments::kCertificateAndConfirmation ||
         value == IssuedDocuments::kConfirmationOnly;
}
bool IsKnown(TargetGroup value) {
  return value >= TargetGroup::kVolunteers && value <= TargetGroup::kOther;
}
bool IsKnown(BookingStatus value) {
  return value >= BookingStatus::kRequested && value <= BookingStatus::kDeclined;
}

absl::string_view ToString(SeriesStatus value) {
  switch (value) {
    case SeriesStatus::kDraft:
      return "draft";
    case SeriesStatus::kPlanned:
      return "planned";
    case SeriesStatus::kOpenForEnrolment:
      return "open for enrolment";
    case SeriesStatus::kRunning:
      return "running";
    case SeriesStatus::kCompleted:
      return "completed";
    case SeriesStatus::kCancelled:
      return "cancelled";
    case SeriesStatus::kUnspecified:
      break;
  }
  return "unspecified";
}

absl::string_view ToString(BookingStatus value) {
  switch (value) {
    case BookingStatus::kRequested:
      return "requested";
    case BookingStatus::kConfirmed:
      return "confirmed";
    case BookingStatus::kDeclined:
      return "declined";
    case BookingStatus::kUnspecified:
      break;
  }
  return "unspecified";
}

bool IsKnown(EnrolmentState value) {
  return value >= EnrolmentState::kPendingApproval && value <= EnrolmentState::kReleased;
}

absl::string_view ToString(EnrolmentState value) {
  switch (value) {
    case EnrolmentState::kPendingApproval:
      return "pending approval";
    case EnrolmentState::kWaitlisted:
      return "waitlisted";
    case EnrolmentState::kEnrolled:
      return "enrolled";
    case EnrolmentState::kConfirmed:
      return "confirmed";
    case EnrolmentState::kWithdrawn:
      return "withdrawn";
    case EnrolmentState::kRejected:
      return "rejected";
    case EnrolmentState::kReleased:
      return "released";
    case EnrolmentState::kUnspecified:
      break;
  }
  return "unspecified";
}

absl::string_view ToString(TargetGroup value) {
  switch (value) {
    case TargetGroup::kVolunteers:
      return "volunteers";
    case TargetGroup::kApprentices:
      return "apprentices";
    case TargetGroup::kAdministrationStaff:
      return "administration-staff";
    case TargetGroup::kManagers:
      return "managers";
    case TargetGroup::kTrainers:
      return "trainers";
    case TargetGroup::kOther:
      return "other";
    case TargetGroup::kUnspecified:
      break;
  }
  return "unspecified";
}

bool HoldsSeat(EnrolmentState state) {
  return state == EnrolmentState::kEnrolled || state == EnrolmentState::kConfirmed;
}

bool IsActive(EnrolmentState state) {
  return state == EnrolmentState::kPendingApproval || state == EnrolmentState::kWaitlisted ||
         HoldsSeat(state);
}

bool IsKnown(Role value) { return value >= Role::kAdmin && value <= Role::kParticipant; }

absl::string_view ToString(Role value) {
  switch (value) {
    case Role::kAdmin:
      return "admin";
    case Role::kCoordinator:
      return "coordinator";
    case Role::kTrainer:
      return "trainer";
    case Role::kParticipant:
      return "participant";
    case Role::kUnspecified:
      break;
  }
  return "unspecified";
}

}  // namespace trainhub::domain
