#ifndef TRAINHUB_SERVICES_DOMAIN_PRIVACY_H_
#define TRAINHUB_SERVICES_DOMAIN_PRIVACY_H_

// The GDPR rights of a person: an export of everything trainhub holds about
// them (GDPR Art. 15 and 20).

#include <functional>
#include <string>

#include "absl/status/statusor.h"
#include "absl/time/clock.h"
#include "domain/model.h"
#include "domain/ports/unit_of_work.h"
#include "domain/request_context.h"

namespace trainhub::domain {

// At most this many audit events go into an export; beyond it the export
// says it was cut.
inline constexpr int kMaxExportedAuditEvents = 20000;

enum class PersonalDataFormat { kJson, kZip };

struct PersonalDataFile {
  std::string file_name;
  std::string content_type;
};

class Privacy {
 public:
  using Clock = std::function<absl::Time()>;
  explicit Privacy(
      Store& store, Clock clock = [] { return absl::Now(); });

  // Writes everything held about participant `participant_id` to `path`:
  // the record, accounts, enrolments with their history, attendance records
  // with their history, qualifications, completion decisions, certificates
  // and the audit events about them, as one JSON file, or as a ZIP of that
  // file and the certificate PDFs. For admins, coordinators of the person's
  // organisation (complete) and the person themselves (without the notes
  // staff keep about them). PERMISSION_DENIED for anyone else, also for a
  // person who does not exist (admins: NOT_FOUND "participant_id"). The
  // export is recorded in the audit log. `participant_id` 0: the caller's
  // own record.
  absl::StatusOr<PersonalDataFile> Export(const RequestContext& ctx, Id participant_id,
                                          PersonalDataFormat format, const std::string& path);

 private:
  Store& store_;
  Clock clock_;
};

}  // namespace trainhub::domain

#endif  // TRAINHUB_SERVICES_DOMAIN_PRIVACY_H_
