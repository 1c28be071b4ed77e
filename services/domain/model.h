#ifndef TRAINHUB_SERVICES_DOMAIN_MODEL_H_
#define TRAINHUB_SERVICES_DOMAIN_MODEL_H_

// The entities: organisations, trainers, series, modules, sessions,
// participants, enrolments, accounts, the audit log and the attendance
// ledger (those of completion and certificates: domain/model_completion.h).
// Plain values; enum numbers equal those of the trainhub.v1 proto enums.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "absl/time/civil_time.h"
#include "absl/time/time.h"

namespace trainhub::domain {

using Id = int64_t;

enum class OrganizationKind {
  kUnspecified = 0,
  kNgo = 1,
  kMunicipality = 2,
  kUniversity = 3,
  kFederalAgency = 4,
  kNetwork = 5,
  kOther = 6,
};

enum class SeriesKind {
  kUnspecified = 0,
  kTrainerQualification = 1,
  kVolunteerCourse = 2,
  kApprenticeParcours = 3,
  kVielfaltsMontag = 4,
  kOther = 5,
};

// What completing a series earns: a Zertifikat (the rule met) and a
// Teilnahmebestätigung (partial attendance), or only Teilnahmebestätigungen,
// worded for an event (a Fachtag, an Ideenwerkstatt, a mini-workshop).
enum class IssuedDocuments {
  kUnspecified = 0,  // on create: kCertificateAndConfirmation
  kCertificateAndConfirmation = 1,
  kConfirmationOnly = 2,
};

enum class SeriesStatus {
  kUnspecified = 0,
  kDraft = 1,
  kPlanned = 2,
  kOpenForEnrolment = 3,
  kRunning = 4,
  kCompleted = 5,
  kCancelled = 6,
};

enum class TargetGroup {
  kUnspecified = 0,
  kVolunteers = 1,
  kApprentices = 2,
  kAdministrationStaff = 3,
  kManagers = 4,
  kTrainers = 5,
  kOther = 6,
};

enum class BookingStatus {
  kUnspecified = 0,
  kRequested = 1,
  kConfirmed = 2,
  kDeclined = 3,
};

// An enrolment's life: a request waits for approval (when the series asks
// for it), then holds a seat or waits in the waiting list; a seat holder may
// confirm bindingly. Withdrawn, rejected and released enrolments are ended
// and can be requested again.
enum class EnrolmentState {
  kUnspecified = 0,
  kPendingApproval = 1,
  kWaitlisted = 2,
  kEnrolled = 3,   // holds a seat
  kConfirmed = 4,  // holds a seat, binding commitment given
  kWithdrawn = 5,
  kRejected = 6,
  kReleased = 7,  // unconfirmed seat given back after the confirmation deadline
};

// True when `value` is a named, non-UNSPECIFIED value of the enum.
bool IsKnown(OrganizationKind value);
bool IsKnown(SeriesKind value);
bool IsKnown(SeriesStatus value);
bool IsKnown(IssuedDocuments value);
bool IsKnown(TargetGroup value);
bool IsKnown(BookingStatus value);
bool IsKnown(EnrolmentState value);

absl::string_view ToString(SeriesStatus value);
absl::string_view ToString(BookingStatus value);
absl::string_view ToString(EnrolmentState value);
absl::string_view ToString(TargetGroup value);

// ENROLLED or CONFIRMED.
bool HoldsSeat(EnrolmentState state);
// Not ended: pending, waitlisted or holding a seat.
bool IsActive(EnrolmentState state);

struct Organization {
  Id id = 0;
  std::string name;
  OrganizationKind kind = OrganizationKind::kUnspecified;
  std::string city;
  std::string website;
  // How many years the records of its ended series are kept (funders'
  // requirements); erasing a person's data earlier needs an admin. 0: no
  // such duty.
  int record_retention_years = 0;
  // Who signs its certificates (e.g. "Dr. Maria Beispiel", "Projektleitung"),
  // printed on them with place and date; without a name, the coordinator
  // who issues them.
  std::string signatory_name;
  std::string signatory_role;
  absl::Time create_time;
  absl::Time update_time;
};

struct Trainer {
  Id id = 0;
  std::string display_name;
  std::string email;
  std::string affiliation;
  absl::Time create_time;
  absl::Time update_time;
};

struct Participant {
  Id id = 0;
  std::string display_name;
  std::string email;  // optional
  Id organization_id = 0;
  std::vector<TargetGroup> target_groups;
  // Apprentices: the first day of their training; their training year on a
  // day is derived from it (domain/enrolment/training_year.h). Nobody else has one.
  std::optional<absl::CivilDay> training_start;
  // Input only, from the deprecated API field and import column: the
  // training year (1-3) as of today, which Create, Update and the import
  // turn into training_start (ResolveStatedTrainingYear). 0: not given.
  int stated_training_year = 0;
  absl::Time create_time;
  absl::Time update_time;
  // Set once the person's data was erased (GDPR Art. 17): the record keeps
  // its id as a pseudonym and nothing personal.
  struct Erasure {
    absl::Time time;
    Id erased_by = 0;  // account
    std::string reason;
    bool retention_overridden = false;
  };
  std::optional<Erasure> erasure;
};

struct Series {
  Id id = 0;
  Id organization_id = 0;
  std::string title;
  SeriesKind kind = SeriesKind::kUnspecified;
  std::string description;
  std::vector<Id> partner_organization_ids;
  std::vector<TargetGroup> target_groups;
  int capacity = 0;
  SeriesStatus status = SeriesStatus::kUnspecified;
  std::string cancellation_reason;
  bool partners_may_plan = false;  // owner's grant to partner coordinators
  absl::Time create_time;
  absl::Time update_time;

  // Enrolment rules.
  bool requires_approval = false;      // participants' own requests wait for a coordinator
  bool requires_confirmation = false;  // seat holders give a binding commitment
  std::optional<absl::Time> confirmation_deadline;  // only with requires_confirmation
  std::optional<absl::Time> enrolment_deadline;     // participants' own requests until then
  std::string awards_qualification;                 // what completing the series qualifies for
  std::string required_qualification;               // what a participant needs to enrol
  IssuedDocuments issued_documents = IssuedDocuments::kCertificateAndConfirmation;

  // Derived by the store from modules and sessions; ignored on writes.
  int module_count = 0;
  int seats_taken = 0;      // enrolments ENROLLED or CONFIRMED
  int waitlist_length = 0;  // enrolments WAITLISTED
  std::optional<absl::Time> first_session_start;
  std::optional<absl::Time> last_session_end;

  // COMPLETED and CANCELLED series accept no more planning changes.
  bool IsFrozen() const {
    return status == SeriesStatus::kCompleted || status == SeriesStatus::kCancelled;
  }
};

struct Module {
  Id id = 0;
  Id series_id = 0;
  int position = 0;
  std::string title;
  std::vector<std::string> topics;
  bool mandatory = true;
  int teaching_units = 0;
  int session_count = 0;  // derived; ignored on writes
};

struct Place {
  std::string name;
  std::string address;
};

struct TrainerBooking {
  Id trainer_id = 0;
  BookingStatus status = BookingStatus::kUnspecified;
  absl::Time status_time;
  std::string trainer_name;  // derived; ignored on writes
};

struct Session {
  Id id = 0;
  Id series_id = 0;
  Id module_id = 0;
  absl::Time start;
  absl::Time end;
  Place place;
  std::vector<TrainerBooking> trainers;
  std::string note;

  // Derived; ignored on writes.
  std::string series_title;
  std::string module_title;
  int module_position = 0;
  SeriesStatus series_status = SeriesStatus::kUnspecified;
};

// One person's enrolment in one series; at most one per (series, participant).
struct Enrolment {
  Id id = 0;
  Id series_id = 0;
  Id participant_id = 0;
  EnrolmentState state = EnrolmentState::kUnspecified;
  // Arrival order within the series; a renewed request gets a new number.
  int64_t queue_number = 0;
  absl::Time request_time;              // of the current request
  std::optional<absl::Time> seat_time;  // when the current seat was given
  bool eligibility_overridden = false;  // a coordinator waived the target groups
  absl::Time update_time;
  std::string note;  // the latest note given with a request or enrolment

  // Derived; ignored on writes.
  int waitlist_position = 0;  // 1-based while WAITLISTED, else 0
  std::string participant_name;
  Id participant_organization_id = 0;
  std::string series_title;
  // The qualification the series requires and the person does not hold
  // (any more: a revoked Zertifikat, say), for an active enrolment; else "".
  std::string missing_qualification;
  // Why the enrolment no longer meets the series' requirements, in words
  // (set by the use case for coordinators from missing_qualification).
  std::string requirement_unmet;
};

// One step in an enrolment's history.
struct EnrolmentChange {
  Id id = 0;
  Id enrolment_id = 0;
  absl::Time time;
  EnrolmentState from = EnrolmentState::kUnspecified;  // UNSPECIFIED: created
  EnrolmentState to = EnrolmentState::kUnspecified;
  Id account_id = 0;  // who; 0: the system (e.g. an automatic promotion)
  std::string reason;
  std::string account_name;  // derived; ignored on writes
};

// A qualification a participant holds: recorded by a coordinator (e.g. a
// course before trainhub existed) or earned by completing a series.
struct Qualification {
  Id id = 0;
  Id participant_id = 0;
  std::string title;
  Id series_id = 0;  // the series that awarded it; 0 when recorded by hand
  std::string note;
  Id recorded_by = 0;  // account
  absl::Time record_time;
};

enum class Role {
  kUnspecified = 0,
  kAdmin = 1,
  kCoordinator = 2,
  kTrainer = 3,
  kParticipant = 4,
};
bool IsKnown(Role value);
absl::string_view ToString(Role value);

// One role of an account. A coordinator acts for `organization_id`; a
// trainer is the trainer record `trainer_id`.
struct RoleGrant {
  Role role = Role::kUnspecified;
  Id organization_id = 0;
  Id trainer_id = 0;
  Id participant_id = 0;  // a participant's own record, when linked
  bool operator==(const RoleGrant&) const = default;
};

struct Account {
  Id id = 0;
  std::string email;
  std::string display_name;
  std::vector<RoleGrant> roles;
  absl::Time create_time;
};

// What the store keeps about signing in; never leaves the domain.
struct AccountCredentials {
  Account account;
  std::string password_hash;  // libsodium crypto_pwhash_str (argon2id)
  int failed_logins = 0;      // consecutive, reset by a good login
  absl::Time locked_until = absl::InfinitePast();
};

// A session token as stored: only the hash of the token is kept.
struct TokenRecord {
  std::string token_hash;
  Id account_id = 0;
  absl::Time create_time;
  absl::Time expire_time;
  bool revoked = false;
};

// One row of the audit log.
struct AuditEvent {
  Id id = 0;
  absl::Time time;
  Id account_id = 0;       // 0: unknown caller
  std::string method;      // e.g. "trainhub.v1.SeriesService/CreateSeries"
  std::string object;      // e.g. "series/3"; "" for refused calls
  Id organization_id = 0;  // owner of the object's series, when it has one
  std::string result;      // "OK" or the refusal's status code name
  std::string request_id;
  std::string peer;          // the client's address without port; "" in-process
  int64_t repeat_count = 1;  // refusals coalesced into this row
  // The hash chain (domain/accounts/audit_chain.h), set by the store: the event's
  // place (0 while a refusal row still counts repeats), the hash before it
  // and its own, the salt of the peer's digest ("" for no peer) and, once
  // the peer was erased, its digest.
  int64_t chain_seq = 0;
  std::string prev_hash;
  std::string hash;
  std::string peer_salt;
  std::string peer_digest;

  // Derived; ignored on writes.
  std::string account_name;
};

// The audit chain's newest event as the store keeps it beside the chain
// (domain/accounts/audit_chain.h).
struct AuditHead {
  int64_t event_count = 0;
  std::string hash;  // AuditGenesis() for an empty chain
};

// The attendance ledger's entries (the chain: domain/attendance/attendance_ledger.h).
enum class AttendanceStatus {
  kUnspecified = 0,  // not recorded
  kPresent = 1,
  kLate = 2,
  kExcused = 3,
  kAbsent = 4,
};
bool IsKnown(AttendanceStatus value);
// "present", "late", "excused", "absent"; "" for unspecified (defined with
// the ledger, domain/attendance/attendance_ledger.cc).
const char* ToString(AttendanceStatus value);

enum class AttendanceSource {
  kUnspecified = 0,
  kStaff = 1,        // a trainer or coordinator
  kSelfCheckIn = 2,  // the participant, with the session's check-in code
};

enum class LedgerEntryKind {
  kRecord = 1,   // a status for one person
  kSignOff = 2,  // the session's sheet declared done
  // The note and reason of a person's records of one session were erased
  // (GDPR); text_digest commits to those records as they are after it
  // (LedgerErasedDigest). Version 3 only.
  kErasure = 3,
};

// The hash version of entries appended now.
inline constexpr int kLedgerHashVersion = 3;

// One ledger entry. A record names a participant and a status; a sign-off
// names neither; an erasure names the participant and no status.
struct AttendanceEntry {
  Id id = 0;
  Id series_id = 0;
  Id session_id = 0;
  LedgerEntryKind kind = LedgerEntryKind::kRecord;
  Id participant_id = 0;
  AttendanceStatus status = AttendanceStatus::kUnspecified;
  int minutes_missed = 0;
  std::string note;
  AttendanceSource source = AttendanceSource::kUnspecified;
  absl::Time client_time;  // when the client recorded it
  std::string client_nonce;
  std::string device_id;
  Id account_id = 0;
  absl::Time record_time;  // when the server stored it
  std::string reason;
  Id conflicting_record_id = 0;  // see AttendanceRecord in attendance.proto
  std::string prev_hash;         // 32 bytes; zeros for the first entry
  std::string hash;              // 32 bytes
  // 1: entries recorded before the GDPR erasure; 2: before version 3.
  int hash_version = kLedgerHashVersion;
  // Records: 32 bytes once note and reason were erased (LedgerTextDigest of
  // them), empty while they are kept. Erasures: LedgerErasedDigest.
  std::string text_digest;

  // Derived; not part of the chain.
  std::string account_name;
  // What counted for the person before this record (history listings).
  AttendanceStatus previous_status = AttendanceStatus::kUnspecified;
};

}  // namespace trainhub::domain

#endif  // TRAINHUB_SERVICES_DOMAIN_MODEL_H_
