#ifndef TRAINHUB_SERVICES_API_ENUMS_H_
#define TRAINHUB_SERVICES_API_ENUMS_H_

// The one place where domain and API enums meet. Every value of every enum
// the API carries has the same number in the domain (services/domain/model.h)
// and in the protos, so converting is a cast; the build fails here when one
// side adds or renumbers a value without the other. The numbers stored in the
// database are the domain's (store/stored_numbers.h pins them).

#include "domain/attendance/attendance_ledger.h"
#include "domain/completion/certificate_document.h"
#include "domain/completion/completion_rules.h"
#include "domain/model.h"
#include "trainhub/v1/account.pb.h"
#include "trainhub/v1/attendance.pb.h"
#include "trainhub/v1/certificate.pb.h"
#include "trainhub/v1/common.pb.h"
#include "trainhub/v1/enrolment.pb.h"
#include "trainhub/v1/organization.pb.h"
#include "trainhub/v1/series.pb.h"

namespace trainhub::api {

#define TH_SAME_NUMBER(domain_value, proto_value)                                \
  static_assert(static_cast<int>(domain_value) == static_cast<int>(proto_value), \
                #domain_value " and " #proto_value " must have the same number")

TH_SAME_NUMBER(domain::OrganizationKind::kUnspecified, v1::ORGANIZATION_KIND_UNSPECIFIED);
TH_SAME_NUMBER(domain::OrganizationKind::kNgo, v1::ORGANIZATION_KIND_NGO);
TH_SAME_NUMBER(domain::OrganizationKind::kMunicipality, v1::ORGANIZATION_KIND_MUNICIPALITY);
TH_SAME_NUMBER(domain::OrganizationKind::kUniversity, v1::ORGANIZATION_KIND_UNIVERSITY);
TH_SAME_NUMBER(domain::OrganizationKind::kFederalAgency, v1::ORGANIZATION_KIND_FEDERAL_AGENCY);
TH_SAME_NUMBER(domain::OrganizationKind::kNetwork, v1::ORGANIZATION_KIND_NETWORK);
TH_SAME_NUMBER(domain::OrganizationKind::kOther, v1::ORGANIZATION_KIND_OTHER);

TH_SAME_NUMBER(domain::SeriesKind::kUnspecified, v1::SERIES_KIND_UNSPECIFIED);
TH_SAME_NUMBER(domain::SeriesKind::kTrainerQualification, v1::SERIES_KIND_TRAINER_QUALIFICATION);
TH_SAME_NUMBER(domain::SeriesKind::kVolunteerCourse, v1::SERIES_KIND_VOLUNTEER_COURSE);
TH_SAME_NUMBER(domain::SeriesKind::kApprenticeParcours, v1::SERIES_KIND_APPRENTICE_PARCOURS);
TH_SAME_NUMBER(domain::SeriesKind::kVielfaltsMontag, v1::SERIES_KIND_VIELFALTS_MONTAG);
TH_SAME_NUMBER(domain::SeriesKind::kOther, v1::SERIES_KIND_OTHER);

TH_SAME_NUMBER(domain::SeriesStatus::kUnspecified, v1::SERIES_STATUS_UNSPECIFIED);
TH_SAME_NUMBER(domain::SeriesStatus::kDraft, v1::SERIES_STATUS_DRAFT);
TH_SAME_NUMBER(domain::SeriesStatus::kPlanned, v1::SERIES_STATUS_PLANNED);
TH_SAME_NUMBER(domain::SeriesStatus::kOpenForEnrolment, v1::SERIES_STATUS_OPEN_FOR_ENROLMENT);
TH_SAME_NUMBER(domain::SeriesStatus::kRunning, v1::SERIES_STATUS_RUNNING);
TH_SAME_NUMBER(domain::SeriesStatus::kCompleted, v1::SERIES_STATUS_COMPLETED);
TH_SAME_NUMBER(domain::SeriesStatus::kCancelled, v1::SERIES_STATUS_CANCELLED);

TH_SAME_NUMBER(domain::IssuedDocuments::kUnspecified, v1::ISSUED_DOCUMENTS_UNSPECIFIED);
TH_SAME_NUMBER(domain::IssuedDocuments::kCertificateAndConfirmation,
               v1::ISSUED_DOCUMENTS_CERTIFICATE_AND_CONFIRMATION);
TH_SAME_NUMBER(domain::IssuedDocuments::kConfirmationOnly, v1::ISSUED_DOCUMENTS_CONFIRMATION_ONLY);

TH_SAME_NUMBER(domain::TargetGroup::kUnspecified, v1::TARGET_GROUP_UNSPECIFIED);
TH_SAME_NUMBER(domain::TargetGroup::kVolunteers, v1::TARGET_GROUP_VOLUNTEERS);
TH_SAME_NUMBER(domain::TargetGroup::kApprentices, v1::TARGET_GROUP_APPRENTICES);
TH_SAME_NUMBER(domain::TargetGroup::kAdministrationStaff, v1::TARGET_GROUP_ADMINISTRATION_STAFF);
TH_SAME_NUMBER(domain::TargetGroup::kManagers, v1::TARGET_GROUP_MANAGERS);
TH_SAME_NUMBER(domain::TargetGroup::kTrainers, v1::TARGET_GROUP_TRAINERS);
TH_SAME_NUMBER(domain::TargetGroup::kOther, v1::TARGET_GROUP_OTHER);

TH_SAME_NUMBER(domain::BookingStatus::kUnspecified, v1::BOOKING_STATUS_UNSPECIFIED);
TH_SAME_NUMBER(domain::BookingStatus::kRequested, v1::BOOKING_STATUS_REQUESTED);
TH_SAME_NUMBER(domain::BookingStatus::kConfirmed, v1::BOOKING_STATUS_CONFIRMED);
TH_SAME_NUMBER(domain::BookingStatus::kDeclined, v1::BOOKING_STATUS_DECLINED);

TH_SAME_NUMBER(domain::EnrolmentState::kUnspecified, v1::ENROLMENT_STATE_UNSPECIFIED);
TH_SAME_NUMBER(domain::EnrolmentState::kPendingApproval, v1::ENROLMENT_STATE_PENDING_APPROVAL);
TH_SAME_NUMBER(domain::EnrolmentState::kWaitlisted, v1::ENROLMENT_STATE_WAITLISTED);
TH_SAME_NUMBER(domain::EnrolmentState::kEnrolled, v1::ENROLMENT_STATE_ENROLLED);
TH_SAME_NUMBER(domain::EnrolmentState::kConfirmed, v1::ENROLMENT_STATE_CONFIRMED);
TH_SAME_NUMBER(domain::EnrolmentState::kWithdrawn, v1::ENROLMENT_STATE_WITHDRAWN);
TH_SAME_NUMBER(domain::EnrolmentState::kRejected, v1::ENROLMENT_STATE_REJECTED);
TH_SAME_NUMBER(domain::EnrolmentState::kReleased, v1::ENROLMENT_STATE_RELEASED);

TH_SAME_NUMBER(domain::Role::kUnspecified, v1::ROLE_UNSPECIFIED);
TH_SAME_NUMBER(domain::Role::kAdmin, v1::ROLE_ADMIN);
TH_SAME_NUMBER(domain::Role::kCoordinator, v1::ROLE_COORDINATOR);
TH_SAME_NUMBER(domain::Role::kTrainer, v1::ROLE_TRAINER);
TH_SAME_NUMBER(domain::Role::kParticipant, v1::ROLE_PARTICIPANT);

TH_SAME_NUMBER(domain::AttendanceStatus::kUnspecified, v1::ATTENDANCE_STATUS_UNSPECIFIED);
TH_SAME_NUMBER(domain::AttendanceStatus::kPresent, v1::ATTENDANCE_STATUS_PRESENT);
TH_SAME_NUMBER(domain::AttendanceStatus::kLate, v1::ATTENDANCE_STATUS_LATE);
TH_SAME_NUMBER(domain::AttendanceStatus::kExcused, v1::ATTENDANCE_STATUS_EXCUSED);
TH_SAME_NUMBER(domain::AttendanceStatus::kAbsent, v1::ATTENDANCE_STATUS_ABSENT);

TH_SAME_NUMBER(domain::AttendanceSource::kUnspecified, v1::ATTENDANCE_SOURCE_UNSPECIFIED);
TH_SAME_NUMBER(domain::AttendanceSource::kStaff, v1::ATTENDANCE_SOURCE_STAFF);
TH_SAME_NUMBER(domain::AttendanceSource::kSelfCheckIn, v1::ATTENDANCE_SOURCE_SELF_CHECK_IN);

TH_SAME_NUMBER(domain::CompletionOutcome::kUnspecified, v1::COMPLETION_OUTCOME_UNSPECIFIED);
TH_SAME_NUMBER(domain::CompletionOutcome::kCertificate, v1::COMPLETION_OUTCOME_CERTIFICATE);
TH_SAME_NUMBER(domain::CompletionOutcome::kConfirmation, v1::COMPLETION_OUTCOME_CONFIRMATION);
TH_SAME_NUMBER(domain::CompletionOutcome::kNone, v1::COMPLETION_OUTCOME_NONE);
TH_SAME_NUMBER(domain::CompletionProgress::kUnspecified, v1::COMPLETION_PROGRESS_UNSPECIFIED);
TH_SAME_NUMBER(domain::CompletionProgress::kOnTrack, v1::COMPLETION_PROGRESS_ON_TRACK);
TH_SAME_NUMBER(domain::CompletionProgress::kAtRisk, v1::COMPLETION_PROGRESS_AT_RISK);
TH_SAME_NUMBER(domain::CompletionProgress::kCannotComplete,
               v1::COMPLETION_PROGRESS_CANNOT_COMPLETE);
TH_SAME_NUMBER(domain::CompletionProgress::kCompleted, v1::COMPLETION_PROGRESS_COMPLETED);
TH_SAME_NUMBER(domain::CompletionProgress::kNotCompleted, v1::COMPLETION_PROGRESS_NOT_COMPLETED);
TH_SAME_NUMBER(domain::CertificateStatus::kUnspecified, v1::CERTIFICATE_STATUS_UNSPECIFIED);
TH_SAME_NUMBER(domain::CertificateStatus::kValid, v1::CERTIFICATE_STATUS_VALID);
TH_SAME_NUMBER(domain::CertificateStatus::kRevoked, v1::CERTIFICATE_STATUS_REVOKED);
TH_SAME_NUMBER(domain::CertificateStatus::kSuperseded, v1::CERTIFICATE_STATUS_SUPERSEDED);
TH_SAME_NUMBER(domain::CertificateStatus::kUnconfirmed, v1::CERTIFICATE_STATUS_UNCONFIRMED);

#undef TH_SAME_NUMBER

}  // namespace trainhub::api

#endif  // TRAINHUB_SERVICES_API_ENUMS_H_
