#ifndef TRAINHUB_SERVICES_STORE_SQLITE_PRIVACY_STORE_H_
#define TRAINHUB_SERVICES_STORE_SQLITE_PRIVACY_STORE_H_

// The SQLite side of domain::PrivacyReader.

#include "domain/ports/privacy.h"
#include "store/sql_support.h"

namespace trainhub::store {

class SqlitePrivacyStore : public domain::PrivacyReader {
 public:
  // `sql` must outlive this object.
  explicit SqlitePrivacyStore(Sql& sql) : sql_(sql) {}

  absl::StatusOr<std::vector<domain::Id>> AccountIdsOf(domain::Id participant_id) override;
  absl::StatusOr<std::vector<domain::AuditEvent>> AuditEventsAbout(
      const std::vector<std::string>& objects, const std::vector<domain::Id>& account_ids,
      int limit) override;

 private:
  Sql& sql_;
};

}  // namespace trainhub::store

#endif  // TRAINHUB_SERVICES_STORE_SQLITE_PRIVACY_STORE_H_
