#ifndef TRAINHUB_SERVICES_DOMAIN_PRIVACY_PRIVACY_H_
#define TRAINHUB_SERVICES_DOMAIN_PRIVACY_PRIVACY_H_

// The GDPR rights of a person: an export of everything trainhub holds about
// them (GDPR Art. 15 and 20), and the erasure of what is personal in it
// (Art. 17) within the retention an organisation owes its funders.

#include <functional>
#include <string>

#include "absl/status/statusor.h"
#include "absl/time/civil_time.h"
#include "absl/time/clock.h"
#include "domain/accounts/accounts.h"
#include "domain/completion/certificate_document.h"
#include "domain/idempotency.h"
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

// How the retention of records applies to one person.
struct Retention {
  // A series the person still holds a place or waits in, not yet ended:
  // they must be withdrawn before their data can go.
  std::optional<SeriesRecordOf> still_enrolled;
  // The last day their records must be kept (the latest end of a series
  // they have records of (attendance, a certificate), plus its owner's
  // retention years), and that series;
  // unset when no retention applies.
  std::optional<absl::CivilDay> keep_until;
  std::optional<SeriesRecordOf> kept_for;
};
// The retention of a person with the enrolments `records`, as of `now`.
Retention RetentionOf(const std::vector<SeriesRecordOf>& records, absl::Time now);

struct ErasureRequest {
  Id participant_id = 0;
  std::string reason;  // required; kept with the pseudonymous record
  // Erase although the records are still to be kept (admins only).
  bool override_retention = false;
  RequestKey key;  // a retry of a done erasure answers with the erased record
};

struct ErasureResult {
  Participant person;  // as erased: the pseudonym and the erasure
  ErasedTexts erased;
  int64_t attendance_texts = 0;  // ledger entries whose note and reason went
  int64_t certificates = 0;      // certificates redacted and signed anew
  // What the erasure overwrote is still in the database's files: another
  // process holds a read transaction on them (Store::PurgePending); the
  // store removes it as soon as that reader is gone.
  bool purge_pending = false;
};

// A person whose records no longer need to be kept.
struct ErasureDue {
  Id participant_id = 0;
  std::string display_name;
  Id organization_id = 0;
  absl::CivilDay kept_until;  // the last day of the retention that applied
  SeriesRecordOf kept_for;
};

class Privacy {
 public:
  using Clock = std::function<absl::Time()>;
  // `signer` signs the redacted certificates; `accounts` forgets the
  // tokens of erased accounts. Both must outlive this object.
  Privacy(
      Store& store, const CertificateSigner& signer, Accounts& accounts,
      Clock clock = [] { return absl::Now(); });

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

  // Erases what is personal about a person, for admins and coordinators of
  // the person's organisation: name (the record keeps its id and shows the
  // pseudonym "Person #ID"), e-mail, the notes and reasons about them
  // (enrolments and their history, attendance records, qualifications,
  // completion decisions), their accounts (which can no longer sign in) and
  // the addresses those called from. Target groups, training year, states,
  // statuses and dates stay, so that reports still count right. Their
  // certificates keep serial, status, series and dates and are signed anew
  // without the name but with its salted hash; their PDFs go. Afterwards
  // the overwritten data is dropped from the database files, at once or,
  // while another process reads them, as soon as it stops (reported in
  // ErasureResult::purge_pending; the erasure never waits for it). Refused:
  // FAILED_PRECONDITION when already erased, when the person still takes
  // part in a series that has not ended, or while the records are to be
  // kept (with the date), unless an admin overrides; INVALID_ARGUMENT for a
  // missing reason or one that names the person. PERMISSION_DENIED as for
  // Export (other organisations, unknown ids; admins NOT_FOUND).
  absl::StatusOr<ErasureResult> Erase(const RequestContext& ctx, const ErasureRequest& request);

  // The people of `organization_id` (0: every organisation, admins only;
  // coordinators of one organisation may leave it out) whose retention has
  // ended: not erased, in no running series, and every series they have
  // records of (attendance, a certificate) ended longer ago than its owner
  // keeps records (people with no
  // retention at all are not listed). Pages look at `page.limit` x 20
  // people at most, so a page may come back short with a next page.
  absl::StatusOr<Page<ErasureDue>> ListErasureDue(const Principal& who, Id organization_id,
                                                  const PageRequest& page);

  // Whether data that erasures overwrote is still in the database's files
  // because another process reads them (see ErasureResult::purge_pending).
  bool PurgePending() const { return store_.PurgePending(); }

 private:
  Store& store_;
  const CertificateSigner& signer_;
  Accounts& accounts_;
  Clock clock_;
};

}  // namespace trainhub::domain

#endif  // TRAINHUB_SERVICES_DOMAIN_PRIVACY_PRIVACY_H_
