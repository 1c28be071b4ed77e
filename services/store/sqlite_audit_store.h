#ifndef TRAINHUB_SERVICES_STORE_SQLITE_AUDIT_STORE_H_
#define TRAINHUB_SERVICES_STORE_SQLITE_AUDIT_STORE_H_

// The SQLite side of domain::AuditWriter: the audit log.

#include "domain/ports/audit.h"
#include "store/sql_support.h"

namespace trainhub::store {

// The columns ReadAuditEvent reads, of "audit_event e LEFT JOIN account a
// ON a.id = e.account_id".
inline constexpr char kAuditEventColumns[] =
    "e.id, e.time, e.account_id, e.method, e.object, e.organization_id, e.result,"
    " e.request_id, e.peer, e.repeat_count, coalesce(a.display_name, '')";
// The event of the current row of a query selecting kAuditEventColumns.
domain::AuditEvent ReadAuditEvent(SQLite::Statement& q);

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
