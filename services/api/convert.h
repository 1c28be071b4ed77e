#ifndef TRAINHUB_SERVICES_API_CONVERT_H_
#define TRAINHUB_SERVICES_API_CONVERT_H_

// proto <-> domain. Conversions from requests do no business validation
// (the domain does); they refuse only what cannot be represented, naming
// the field.

#include <google/protobuf/field_mask.pb.h>
#include <google/protobuf/timestamp.pb.h>

#include <optional>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "api/enums.h"
#include "domain/accounts/audit_chain.h"
#include "domain/attendance/attendance_recording.h"
#include "domain/attendance/attendance_reports.h"
#include "domain/attendance/self_check_in.h"
#include "domain/completion/certificate_verifier.h"
#include "domain/completion/completion.h"
#include "domain/field_mask.h"
#include "domain/model.h"
#include "trainhub/v1/account.pb.h"
#include "trainhub/v1/attendance.pb.h"
#include "trainhub/v1/audit.pb.h"
#include "trainhub/v1/certificate.pb.h"
#include "trainhub/v1/enrolment.pb.h"
#include "trainhub/v1/organization.pb.h"
#include "trainhub/v1/participant.pb.h"
#include "trainhub/v1/series.pb.h"
#include "trainhub/v1/trainer.pb.h"

namespace trainhub::api {

// An unset timestamp becomes absl::UnixEpoch() (the domain's "missing").
absl::StatusOr<absl::Time> TimeFromProto(const google::protobuf::Timestamp& t,
                                         absl::string_view field);
// nullopt when the request did not set the field (`has` is false).
absl::StatusOr<std::optional<absl::Time>> OptionalTimeFromProto(
    bool has, const google::protobuf::Timestamp& t, absl::string_view field);
void TimeToProto(absl::Time t, google::protobuf::Timestamp* out);

// A real calendar day of the years 2000 to 2100, else INVALID_ARGUMENT on
// `field` (an unset day included).
absl::StatusOr<absl::CivilDay> DayFromProto(bool has, const trainhub::v1::LocalDate& day,
                                            absl::string_view field);
// The time since midnight, else INVALID_ARGUMENT on `field`.
absl::StatusOr<absl::Duration> TimeOfDayFromProto(bool has, const trainhub::v1::LocalTime& time,
                                                  absl::string_view field);

domain::UpdateMask MaskFromProto(const google::protobuf::FieldMask& mask);

void ToProto(const domain::AuditEvent& in, trainhub::v1::AuditEvent* out);

// INVALID_ARGUMENT "participant.training_start" for a day that does not exist.
absl::StatusOr<domain::Participant> FromProto(const trainhub::v1::Participant& in);
void ToProto(const domain::Participant& in, trainhub::v1::Participant* out);

domain::Account FromProto(const trainhub::v1::Account& in);
void ToProto(const domain::Account& in, trainhub::v1::Account* out);

domain::Organization FromProto(const trainhub::v1::Organization& in);
void ToProto(const domain::Organization& in, trainhub::v1::Organization* out);

domain::Trainer FromProto(const trainhub::v1::Trainer& in);
void ToProto(const domain::Trainer& in, trainhub::v1::Trainer* out);

// `prefix` names the series in the request, e.g. "series".
absl::StatusOr<domain::Series> FromProto(const trainhub::v1::Series& in, absl::string_view prefix);
void ToProto(const domain::Series& in, trainhub::v1::Series* out);

domain::Module FromProto(const trainhub::v1::Module& in);
void ToProto(const domain::Module& in, trainhub::v1::Module* out);

// `prefix` names the session in the request, e.g. "session".
absl::StatusOr<domain::Session> FromProto(const trainhub::v1::Session& in,
                                          absl::string_view prefix);
void ToProto(const domain::Session& in, trainhub::v1::Session* out);

void ToProto(const domain::Enrolment& in, trainhub::v1::Enrolment* out);
void ToProto(const domain::EnrolmentChange& in, trainhub::v1::EnrolmentChange* out);

// Title and note; the participant comes from the request.
domain::Qualification FromProto(const trainhub::v1::Qualification& in);
void ToProto(const domain::Qualification& in, trainhub::v1::Qualification* out);

// Attendance. A mark's unset client_time stays unset (the server's time).
absl::StatusOr<domain::AttendanceMark> MarkFromProto(const trainhub::v1::AttendanceMark& in,
                                                     absl::string_view field);
void ToProto(const domain::AttendanceEntry& in, trainhub::v1::AttendanceRecord* out);
void ToProto(const domain::AttendanceSheet& in, trainhub::v1::AttendanceSheet* out);
void ToProto(const domain::PersonAttendance& in, trainhub::v1::PersonAttendance* out);
void ToProto(const domain::AttendanceSummary& in, trainhub::v1::AttendanceSummary* out);
void ToProto(const domain::AttendanceMatrix& in, trainhub::v1::AttendanceMatrix* out);

// Completion. The rule's output-only fields are ignored.
domain::CompletionRule RuleFromProto(const trainhub::v1::CompletionRule& in);
void ToProto(const domain::CompletionRule& in, trainhub::v1::CompletionRule* out);
void ToProto(const domain::CompletionDecision& in, trainhub::v1::CompletionDecision* out);
void ToProto(const domain::PersonCompletion& in, trainhub::v1::PersonCompletion* out);
void ToProto(const domain::CompletionReport& in, trainhub::v1::CompletionReport* out);

// Certificates. `verification_url` is where the serial is checked.
void ToProto(const domain::Certificate& in, const std::string& verification_url,
             trainhub::v1::Certificate* out);
void ToProto(const domain::CertificateVerification& in, trainhub::v1::CertificateVerification* out);
void ToProto(const domain::CheckInCode& in, trainhub::v1::CheckInWindow* out);
void ToProto(const domain::LedgerCheck& in, trainhub::v1::LedgerVerification* out);
void ToProto(const domain::AuditChainCheck& in, trainhub::v1::AuditLogVerification* out);

}  // namespace trainhub::api

#endif  // TRAINHUB_SERVICES_API_CONVERT_H_
