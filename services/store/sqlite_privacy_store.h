#ifndef TRAINHUB_SERVICES_STORE_SQLITE_PRIVACY_STORE_H_
#define TRAINHUB_SERVICES_STORE_SQLITE_PRIVACY_STORE_H_

// The SQLite side of domain::PrivacyWriter.

#include "domain/ports/privacy.h"
#include "store/sql_support.h"

namespace trainhub::store {

class SqlitePrivacyStore : public domain::PrivacyWriter {
 public:
  // `sql` must outlive this object.
  explicit SqlitePrivacyStore(Sql& sql) : sql_(sql) {}

  absl::StatusOr<std::vector<domain::Id>> AccountIdsOf(domain::Id participant_id) override;
  absl::StatusOr<std::vector<domain::AuditEvent>> AuditEventsAbout(
      const std::vector<std::string>& objects, const std::vector<domain::Id>& account_ids,
      int limit) override;
  absl::StatusOr<std::vector<domain::SeriesRecordOf>> SeriesRecordsOf(
      domain::Id participant_id) override;
  absl::StatusOr<std::vector<domain::Id>> PeopleNotErased(domain::Id organization_id,
                                                          domain::Id after, int limit) override;

  absl::Status MarkErased(domain::Id participant_id, const std::string& pseudonym,
                          const domain::Participant::Erasure& erasure) override;
  absl::StatusOr<domain::ErasedTexts> EraseTexts(
      domain::Id participant_id, const std::vector<domain::Id>& account_ids) override;
  absl::Status EraseAttendanceTexts(domain::Id entry_id, const std::string& text_digest) override;
  absl::Status RedactCertificate(domain::Id certificate_id, const std::string& document,
                                 const std::string& signature, const std::string& key_id) override;

 private:
  Sql& sql_;
};

}  // namespace trainhub::store

#endif  // TRAINHUB_SERVICES_STORE_SQLITE_PRIVACY_STORE_H_
