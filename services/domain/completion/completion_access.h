#ifndef TRAINHUB_SERVICES_DOMAIN_COMPLETION_COMPLETION_ACCESS_H_
#define TRAINHUB_SERVICES_DOMAIN_COMPLETION_COMPLETION_ACCESS_H_

// Completion inside a read or write unit, shared by the completion and
// certificate use cases: who may act on a series' completion, its rule,
// and everyone's evaluation with the records it used.

#include <string>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "domain/attendance/attendance_matrix.h"
#include "domain/completion/completion_rules.h"
#include "domain/model.h"
#include "domain/ports/unit_of_work.h"
#include "domain/principal.h"

namespace trainhub::domain {

// A caller's part in a series' completion, weakest first.
enum class CompletionRole { kNone, kParticipant, kReader, kPlanner };

// The series (without derived figures) for `who` with their role:
// planners, the coordinators of partners (readers) and people with an
// enrolment in it (their own completion only). PERMISSION_DENIED below
// `needed`, also for a missing series (admins: NOT_FOUND naming series_id).
absl::StatusOr<std::pair<Series, CompletionRole>> AccessCompletion(ReadView& r,
                                                                   const Principal& who,
                                                                   Id series_id,
                                                                   CompletionRole needed);

// The stored rule, or the defaults.
absl::StatusOr<CompletionRule> RuleOf(ReadView& r, Id series_id);

// Every certificate of the series in any status, as the store lists them
// (without their PDFs).
absl::StatusOr<std::vector<Certificate>> CertificatesOfSeries(ReadView& r, Id series_id);

// Loads the certificate `serial` names for `who` with at least `needed`
// (holders read their own). INVALID_ARGUMENT "serial" for text that cannot
// be one; PERMISSION_DENIED for an unknown serial too (admins: NOT_FOUND
// "serial").
absl::StatusOr<std::pair<Certificate, CompletionRole>> AccessCertificate(ReadView& r,
                                                                         const Principal& who,
                                                                         const std::string& serial,
                                                                         CompletionRole needed);

struct SeriesEvaluation {
  std::vector<PersonCompletion> people;  // by name, with decisions in force
  AttendanceMatrix matrix;               // the records used (all people)
};
// Evaluates the people of `series` (only `participant_id` unless 0) at `now`.
// A series that issues only Teilnahmebestätigungen gives CONFIRMATION where
// the rule or a decision would give CERTIFICATE.
absl::StatusOr<SeriesEvaluation> EvaluateSeries(ReadView& r, const Series& series,
                                                const CompletionRule& rule, Id participant_id,
                                                absl::Time now);

}  // namespace trainhub::domain

#endif  // TRAINHUB_SERVICES_DOMAIN_COMPLETION_COMPLETION_ACCESS_H_
