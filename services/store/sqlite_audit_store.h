#ifndef TRAINHUB_SERVICES_STORE_SQLITE_AUDIT_STORE_H_
#define TRAINHUB_SERVICES_STORE_SQLITE_AUDIT_STORE_H_

// The SQLite side of domain::AuditWriter: the audit log.

#include "domain/ports/audit.h"
#include "store/sql_support.h"

namespace trainhub::store {

class SqliteAuditStore : public domain::AuditWriter {
 public:
  // `sql` must outlive this object.
  explicit SqliteAuditStore(Sql& sql) : sql_(sql) {}

  absl::StatusOr<domain::Page<domain::AuditEvent>> List(const domain::AuditFilter& filter,
                                                        const domain::PageRequest& page) override;
  absl::StatusOr<domain::Id> Append(const domain::AuditEvent& event) override;
  absl::Status AddRefusalRepeats(domain::Id event_id, int64_t repeats) override;

 private:
  Sql& sql_;
};

}  // namespace trainhub::store

#endif  // TRAINHUB_SERVICES_STORE_SQLITE_AUDIT_STORE_H_
