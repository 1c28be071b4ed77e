#ifndef TRAINHUB_SERVICES_STORE_STORED_NUMBERS_H_
#define TRAINHUB_SERVICES_STORE_STORED_NUMBERS_H_

// The database keeps enums as the domain's numbers (services/domain/model.h);
// files written by earlier versions hold them, and some queries name them
// (seat-holding states, the waiting list). The build fails here when a
// domain value is renumbered: add new values at the end instead.

#include "domain/attendance/attendance_ledger.h"
#include "domain/completion/certificate_document.h"
#include "domain/completion/completion_rules.h"
#include "domain/model.h"

namespace trainhub::store {

#define TH_STORED_AS(domain_value, number)                                \
  static_assert(static_cast<int>(domain_value) == (number), #domain_value \
                " is stored "                                             \
                "as " #number)

TH_STORED_AS(domain::OrganizationKind::kNgo, 1);
TH_STORED_AS(domain::OrganizationKind::kMunicipality, 2);
TH_STORED_AS(domain::OrganizationKind::kUniversity, 3);
TH_STORED_AS(domain::OrganizationKind::kFederalAgency, 4);
TH_STORED_AS(domain::OrganizationKind::kNetwork, 5);
TH_STORED_AS(domain::OrganizationKind::kOther, 6);

TH_STORED_AS(domain::SeriesKind::kTrainerQualification, 1);
TH_STORED_AS(domain::SeriesKind::kVolunteerCourse, 2);
TH_STORED_AS(domain::SeriesKind::kApprenticeParcours, 3);
TH_STORED_AS(domain::SeriesKind::kVielfaltsMontag, 4);
TH_STORED_AS(domain::SeriesKind::kOther, 5);

TH_STORED_AS(domain::IssuedDocuments::kCertificateAndConfirmation, 1);
TH_STORED_AS(domain::IssuedDocuments::kConfirmationOnly, 2);

TH_STORED_AS(domain::SeriesStatus::kDraft, 1);
TH_STORED_AS(domain::SeriesStatus::kPlanned, 2);
TH_STORED_AS(domain::SeriesStatus::kOpenForEnrolment, 3);
TH_STORED_AS(domain::SeriesStatus::kRunning, 4);
TH_STORED_AS(domain::SeriesStatus::kCompleted, 5);
TH_STORED_AS(domain::SeriesStatus::kCancelled, 6);

TH_STORED_AS(domain::TargetGroup::kVolunteers, 1);
TH_STORED_AS(domain::TargetGroup::kApprentices, 2);
TH_STORED_AS(domain::TargetGroup::kAdministrationStaff, 3);
TH_STORED_AS(domain::TargetGroup::kManagers, 4);
TH_STORED_AS(domain::TargetGroup::kTrainers, 5);
TH_STORED_AS(domain::TargetGroup::kOther, 6);

TH_STORED_AS(domain::BookingStatus::kRequested, 1);
TH_STORED_AS(domain::BookingStatus::kConfirmed, 2);
TH_STORED_AS(domain::BookingStatus::kDeclined, 3);

TH_STORED_AS(domain::EnrolmentState::kPendingApproval, 1);
TH_STORED_AS(domain::EnrolmentState::kWaitlisted, 2);
TH_STORED_AS(domain::EnrolmentState::kEnrolled, 3);
TH_STORED_AS(domain::EnrolmentState::kConfirmed, 4);
TH_STORED_AS(domain::EnrolmentState::kWithdrawn, 5);
TH_STORED_AS(domain::EnrolmentState::kRejected, 6);
TH_STORED_AS(domain::EnrolmentState::kReleased, 7);

TH_STORED_AS(domain::Role::kAdmin, 1);
TH_STORED_AS(domain::Role::kCoordinator, 2);
TH_STORED_AS(domain::Role::kTrainer, 3);
TH_STORED_AS(domain::Role::kParticipant, 4);

TH_STORED_AS(domain::AttendanceStatus::kPresent, 1);
TH_STORED_AS(domain::AttendanceStatus::kLate, 2);
TH_STORED_AS(domain::AttendanceStatus::kExcused, 3);
TH_STORED_AS(domain::AttendanceStatus::kAbsent, 4);
TH_STORED_AS(domain::AttendanceSource::kStaff, 1);
TH_STORED_AS(domain::AttendanceSource::kSelfCheckIn, 2);

TH_STORED_AS(domain::CompletionOutcome::kUnspecified, 0);
TH_STORED_AS(domain::CompletionOutcome::kCertificate, 1);
TH_STORED_AS(domain::CompletionOutcome::kConfirmation, 2);
TH_STORED_AS(domain::CompletionOutcome::kNone, 3);

TH_STORED_AS(domain::CertificateStatus::kValid, 1);
TH_STORED_AS(domain::CertificateStatus::kRevoked, 2);
TH_STORED_AS(domain::CertificateStatus::kSuperseded, 3);
TH_STORED_AS(domain::LedgerEntryKind::kRecord, 1);
#define TH_LEDGER_RECORD_KIND "1"  // attendance_entry.kind of a record
TH_STORED_AS(domain::LedgerEntryKind::kSignOff, 2);
TH_STORED_AS(domain::LedgerEntryKind::kErasure, 3);

#undef TH_STORED_AS

// The waiting list's state inside SQL text. Schema migration 11's triggers
// name the states by number too (2 waitlisted; 3, 4 seat holders), which
// the static_asserts of TH_STORED_AS above keep true.
#define TH_WAITLISTED_STATE "2"
#define TH_WITHDRAWN_STATE "5"
#define TH_ACTIVE_STATES "1, 2, 3, 4"  // pending approval, waitlisted, enrolled, confirmed
#define TH_SEAT_STATES "3, 4"          // enrolled, confirmed
// Reports' counting (store/sqlite_report_store.cc).
#define TH_ATTENDED_STATUSES "1, 2"  // present, late
#define TH_EXCUSED_STATUS "3"
#define TH_ABSENT_STATUS "4"
#define TH_VALID_CERTIFICATE "1"

}  // namespace trainhub::store

#endif  // TRAINHUB_SERVICES_STORE_STORED_NUMBERS_H_
