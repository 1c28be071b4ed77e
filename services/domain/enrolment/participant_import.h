#ifndef TRAINHUB_SERVICES_DOMAIN_ENROLMENT_PARTICIPANT_IMPORT_H_
#define TRAINHUB_SERVICES_DOMAIN_ENROLMENT_PARTICIPANT_IMPORT_H_

// Importing participant lists that coordinators keep in spreadsheets, and
// optionally enrolling them in a series. The format (docs/import.md): a
// header row naming the columns in English or German (Name, or Vorname and
// Nachname; E-Mail; Zielgruppe; Ausbildungsbeginn, or the older
// Ausbildungsjahr: the year on the import's day, stored as a start of
// training), then one person a row.

#include <functional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/clock.h"
#include "domain/idempotency.h"
#include "domain/model.h"
#include "domain/ports/unit_of_work.h"
#include "domain/principal.h"
#include "domain/request_context.h"

namespace trainhub::domain {

inline constexpr size_t kMaxImportBytes = 4 * 1024 * 1024 - 64 * 1024;  // below gRPC's 4 MiB
inline constexpr size_t kMaxImportRows = 10000;

struct ImportOptions {
  Id organization_id = 0;  // the new records' organisation; the caller must keep it
  std::vector<TargetGroup> default_target_groups;  // for rows that name none
  Id series_id = 0;                                // 0: only create records
  bool override_eligibility = false;
  bool dry_run = false;
  bool accept_good_rows = false;  // else all rows or none
};

struct ImportProblem {
  int line = 0;
  std::string column;  // as written in the header; "" for the whole row
  Message reason;
  bool operator==(const ImportProblem&) const = default;
};

struct ImportedRow {
  int line = 0;
  Id participant_id = 0;
  bool created = false;  // false: an existing participant matched by e-mail
  Id enrolment_id = 0;
  EnrolmentState enrolment_state = EnrolmentState::kUnspecified;
  int waitlist_position = 0;
  std::string display_name;  // as stored: the row's, or the matched participant's
};

struct ImportReport {
  int rows = 0;
  std::vector<ImportProblem> problems;
  bool applied = false;
  bool repeated = false;  // this request_id was applied before; nothing changed now
  std::vector<ImportedRow> imported;
};

class ParticipantImport {
 public:
  using Clock = std::function<absl::Time()>;
  // `store` must outlive this object.
  explicit ParticipantImport(
      Store& store, Clock clock = [] { return absl::Now(); });

  // Checks every row, then (unless a dry run) stores them in one unit of
  // work: all or none, or the good rows with `accept_good_rows`. A file
  // that cannot be read at all, or bad rows in an all-or-none import, is
  // INVALID_ARGUMENT with one violation per problem ("csv line 4 E-Mail").
  // A dry run answers OK with the problems and what would be imported.
  absl::StatusOr<ImportReport> Import(const RequestContext& ctx, absl::string_view csv,
                                      const ImportOptions& options, const RequestKey& key);

 private:
  Store& store_;
  Clock clock_;
};

}  // namespace trainhub::domain

#endif  // TRAINHUB_SERVICES_DOMAIN_ENROLMENT_PARTICIPANT_IMPORT_H_
