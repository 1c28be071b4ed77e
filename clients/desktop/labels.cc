#include "clients/desktop/labels.h"

namespace trainhub::desktop {

namespace v1 = trainhub::v1;

QString Labels::SeriesStatus(v1::SeriesStatus status) {
  switch (status) {
    case v1::SERIES_STATUS_DRAFT:
      return tr("Draft");
    case v1::SERIES_STATUS_PLANNED:
      return tr("Planned");
    case v1::SERIES_STATUS_OPEN_FOR_ENROLMENT:
      return tr("Open for enrolment");
    case v1::SERIES_STATUS_RUNNING:
      return tr("Running");
    case v1::SERIES_STATUS_COMPLETED:
      return tr("Completed");
    case v1::SERIES_STATUS_CANCELLED:
      return tr("Cancelled");
    default:
      return {};
  }
}

QString Labels::SeriesKind(v1::SeriesKind kind) {
  switch (kind) {
    case v1::SERIES_KIND_TRAINER_QUALIFICATION:
      return tr("Trainer qualification");
    case v1::SERIES_KIND_VOLUNTEER_COURSE:
      return tr("Volunteer course");
    case v1::SERIES_KIND_APPRENTICE_PARCOURS:
      return tr("Apprentice parcours");
    case v1::SERIES_KIND_VIELFALTS_MONTAG:
      return QStringLiteral("Vielfalts-Montag");
    case v1::SERIES_KIND_OTHER:
      return tr("Other");
    default:
      return {};
  }
}

QString Labels::Booking(v1::BookingStatus status) {
  switch (status) {
    case v1::BOOKING_STATUS_REQUESTED:
      return tr("requested");
    case v1::BOOKING_STATUS_CONFIRMED:
      return tr("confirmed");
    case v1::BOOKING_STATUS_DECLINED:
      return tr("declined");
    default:
      return {};
  }
}

QString Labels::Enrolment(v1::EnrolmentState state) {
  switch (state) {
    case v1::ENROLMENT_STATE_PENDING_APPROVAL:
      return tr("Awaiting approval");
    case v1::ENROLMENT_STATE_WAITLISTED:
      return tr("Waiting list");
    case v1::ENROLMENT_STATE_ENROLLED:
      return tr("Seat");
    case v1::ENROLMENT_STATE_CONFIRMED:
      return tr("Seat (confirmed)");
    case v1::ENROLMENT_STATE_WITHDRAWN:
      return tr("Withdrawn");
    case v1::ENROLMENT_STATE_REJECTED:
      return tr("Rejected");
    case v1::ENROLMENT_STATE_RELEASED:
      return tr("Released");
    default:
      return {};
  }
}

QString Labels::Attendance(v1::AttendanceStatus status) {
  switch (status) {
    case v1::ATTENDANCE_STATUS_PRESENT:
      return tr("Present");
    case v1::ATTENDANCE_STATUS_LATE:
      return tr("Late");
    case v1::ATTENDANCE_STATUS_EXCUSED:
      return tr("Excused");
    case v1::ATTENDANCE_STATUS_ABSENT:
      return tr("Absent");
    default:
      return tr("Not recorded");
  }
}

QString Labels::CertificateStatus(v1::CertificateStatus status) {
  switch (status) {
    case v1::CERTIFICATE_STATUS_VALID:
      return tr("Valid");
    case v1::CERTIFICATE_STATUS_REVOKED:
      return tr("Revoked");
    case v1::CERTIFICATE_STATUS_SUPERSEDED:
      return tr("Replaced");
    default:
      return {};
  }
}

QString Labels::Outcome(v1::CompletionOutcome outcome) {
  switch (outcome) {
    case v1::COMPLETION_OUTCOME_CERTIFICATE:
      return QStringLiteral("Zertifikat");
    case v1::COMPLETION_OUTCOME_CONFIRMATION:
      return QStringLiteral("Teilnahmebestätigung");
    case v1::COMPLETION_OUTCOME_NONE:
      return tr("None");
    default:
      return {};
  }
}

QString Labels::TargetGroup(v1::TargetGroup group) {
  switch (group) {
    case v1::TARGET_GROUP_VOLUNTEERS:
      return tr("Volunteers");
    case v1::TARGET_GROUP_APPRENTICES:
      return tr("Apprentices");
    case v1::TARGET_GROUP_ADMINISTRATION_STAFF:
      return tr("Administration staff");
    case v1::TARGET_GROUP_MANAGERS:
      return tr("Managers");
    case v1::TARGET_GROUP_TRAINERS:
      return tr("Trainers");
    case v1::TARGET_GROUP_OTHER:
      return tr("Other");
    default:
      return {};
  }
}

}  // namespace trainhub::desktop
