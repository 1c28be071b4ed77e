#ifndef TRAINHUB_SERVICES_DOMAIN_PORTS_REPORTS_H_
#define TRAINHUB_SERVICES_DOMAIN_PORTS_REPORTS_H_

// Storage port of funder reports: the facts a report counts, read in one
// snapshot. A scope is a set of series; a period is [from, to) on session
// starts (participation), issue times (certificates) and withdrawal times
// (drop-outs).

#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "domain/model.h"

namespace trainhub::domain {

// The series a report covers: every series, those owned by one
// organisation, or the listed ones.
struct ReportScope {
  bool everything = false;
  Id organization_id = 0;
  std::vector<Id> series_ids;
};

// One person in one series, over the series' sessions that start in the
// period: how their status counts at each (sessions without a status are
// not counted), and who they are as the report groups them.
struct ParticipationFacts {
  Id participant_id = 0;
  Id series_id = 0;
  int attended = 0;  // present or late
  int excused = 0;
  int absent = 0;
  // The start of the first of these sessions the person attended (present
  // or late); unset when attended is 0.
  std::optional<absl::Time> first_attended;
  Id organization_id = 0;                                      // the person's
  TargetGroup first_target_group = TargetGroup::kUnspecified;  // first on their record
  std::optional<absl::CivilDay> training_start;                // the person's
};

// A series in a report's scope.
struct ScopedSeries {
  Id id = 0;
  std::string title;
};

// A session of the period that has at least one status recorded.
struct HeldSession {
  Id session_id = 0;
  Id series_id = 0;
  Id module_id = 0;
  int minutes = 0;  // its length in whole minutes (domain::LengthMinutes)
};

// What a module's teaching units are shared by (domain::TeachingUnits).
struct ModuleLength {
  Id module_id = 0;
  int teaching_units = 0;
  int64_t minutes = 0;  // of all its sessions, each in whole minutes
};

struct CompletionFacts {
  // People per series whose VALID certificate of that outcome was issued in
  // the period: replaced (superseded) and revoked ones never count, so a
  // reissue counts once, as what it was reissued as.
  int64_t certificates = 0;   // Zertifikate
  int64_t confirmations = 0;  // Teilnahmebestätigungen
  // Enrolments that held a seat and were withdrawn in the period, after
  // their series' first session had started.
  int64_t dropouts = 0;
};

class ReportReader {
 public:
  virtual ~ReportReader() = default;
  // The series in `scope` that exist, by ascending id.
  virtual absl::StatusOr<std::vector<ScopedSeries>> ScopeSeries(const ReportScope& scope) = 0;
  // Ordered by participant, then series.
  virtual absl::StatusOr<std::vector<ParticipationFacts>> Participations(const ReportScope& scope,
                                                                         absl::Time from,
                                                                         absl::Time to) = 0;
  // Ordered by session id.
  virtual absl::StatusOr<std::vector<HeldSession>> HeldSessions(const ReportScope& scope,
                                                                absl::Time from, absl::Time to) = 0;
  // The modules `module_ids` (those that exist), by ascending id.
  virtual absl::StatusOr<std::vector<ModuleLength>> ModuleLengths(
      const std::vector<Id>& module_ids) = 0;
  virtual absl::StatusOr<CompletionFacts> Completions(const ReportScope& scope, absl::Time from,
                                                      absl::Time to) = 0;
};

}  // namespace trainhub::domain

#endif  // TRAINHUB_SERVICES_DOMAIN_PORTS_REPORTS_H_
