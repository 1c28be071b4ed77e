#ifndef TRAINHUB_SERVICES_DOMAIN_PORTS_PRIVACY_H_
#define TRAINHUB_SERVICES_DOMAIN_PORTS_PRIVACY_H_

// Storage port of the GDPR rights: what is stored about one person and not
// found through the aggregates' own ports by that person, the retention of
// their records, and the erasure of what is personal in them.

#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "domain/model.h"

namespace trainhub::domain {

// One of a person's enrolments as the retention of records sees it.
struct SeriesRecordOf {
  Id series_id = 0;
  std::string series_title;
  SeriesStatus series_status = SeriesStatus::kUnspecified;
  Id organization_id = 0;  // the series' owner, whose retention applies
  std::string organization_name;
  int retention_years = 0;
  EnrolmentState state = EnrolmentState::kUnspecified;
  // The person has attendance records or a certificate of the series:
  // records the retention keeps.
  bool has_records = false;
  std::optional<absl::Time> last_session_end;  // none: the series has no sessions
};

// What an erasure blanked besides the person's record.
struct ErasedTexts {
  int64_t accounts = 0;         // names, e-mail addresses, passwords; tokens deleted
  int64_t texts = 0;            // notes and reasons about the person
  int64_t audit_addresses = 0;  // addresses the person's accounts called from
};

class PrivacyReader {
 public:
  virtual ~PrivacyReader() = default;
  // Ids of the accounts whose roles name the participant record, ascending.
  virtual absl::StatusOr<std::vector<Id>> AccountIdsOf(Id participant_id) = 0;
  // Audit events whose object is one of `objects` (e.g. "participant/7") or
  // whose caller is one of `account_ids`, oldest first; at most `limit`
  // (the caller asks for one more than it keeps to see a cut). Reads the
  // whole audit log: for the rare requests of a person's rights only.
  virtual absl::StatusOr<std::vector<AuditEvent>> AuditEventsAbout(
      const std::vector<std::string>& objects, const std::vector<Id>& account_ids, int limit) = 0;
  // Each of the person's enrolments with its series' end and retention.
  virtual absl::StatusOr<std::vector<SeriesRecordOf>> SeriesRecordsOf(Id participant_id) = 0;
  // Ids of the people not erased, of `organization_id` (0: all), above
  // `after`, ascending; at most `limit`.
  virtual absl::StatusOr<std::vector<Id>> PeopleNotErased(Id organization_id, Id after,
                                                          int limit) = 0;
};

class PrivacyWriter : public PrivacyReader {
 public:
  // Records `erasure` on the person and replaces their name by `pseudonym`;
  // e-mail and search key go. The history tables admit blanking their texts
  // only after this. The store counts the overwritten data as not yet
  // purged from its files until Store::DropOverwrittenData succeeds.
  virtual absl::Status MarkErased(Id participant_id, const std::string& pseudonym,
                                  const Participant::Erasure& erasure) = 0;
  // Blanks the notes and reasons about an erased person (enrolments and
  // their history, qualifications, completion decisions), the accounts
  // `account_ids` (name, e-mail, password; their tokens are deleted) and the
  // addresses those accounts called from in the audit log.
  virtual absl::StatusOr<ErasedTexts> EraseTexts(Id participant_id,
                                                 const std::vector<Id>& account_ids) = 0;
  // Blanks note and reason of ledger entry `entry_id` of an erased person,
  // keeping `text_digest` (LedgerTextDigest of them) for the chain.
  virtual absl::Status EraseAttendanceTexts(Id entry_id, const std::string& text_digest) = 0;
  // Replaces an erased holder's certificate document by `document` signed
  // with `signature` under `key_id`, and drops its PDF.
  virtual absl::Status RedactCertificate(Id certificate_id, const std::string& document,
                                         const std::string& signature,
                                         const std::string& key_id) = 0;
};

}  // namespace trainhub::domain

#endif  // TRAINHUB_SERVICES_DOMAIN_PORTS_PRIVACY_H_
