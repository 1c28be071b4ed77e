#ifndef TRAINHUB_SERVICES_STORE_SQLITE_AUDIT_STORE_H_
#define TRAINHUB_SERVICES_STORE_SQLITE_AUDIT_STORE_H_

// The SQLite side of domain::AuditWriter: the audit log and its hash chain
// (domain/accounts/audit_chain.h), which the store keeps: every append is chained
// (refusal rows once sealed), so no caller can append around it.

#include "domain/ports/audit.h"
#include "store/sql_support.h"

namespace trainhub::store {

// The columns ReadAuditEvent reads, of "audit_event e LEFT JOIN account a
// ON a.id = e.account_id".
inline constexpr char kAuditEventColumns[] =
    "e.id, e.time, e.account_id, e.method, e.object, e.organization_id, e.result,"
    " e.request_id, e.peer, e.repeat_count, coalesce(a.display_name, ''),"
    " coalesce(e.chain_seq, 0), coalesce(e.prev_hash, X''), coalesce(e.hash, X''),"
    " coalesce(e.peer_salt, X''), coalesce(e.peer_digest, X'')";
// The event of the current row of a query selecting kAuditEventColumns.
domain::AuditEvent ReadAuditEvent(SQLite::Statement& q);

// Chains `e` (its id the next one's) after the stored head, stores it and
// moves the head; `e` gets its chain fields. For the store and migrations.
absl::Status InsertChainedAuditEvent(Sql& sql, domain::AuditEvent& e);

class SqliteAuditStore : public domain::AuditWriter {
 public:
  // `sql` must outlive this object.
  explicit SqliteAuditStore(Sql& sql) : sql_(sql) {}

  absl::StatusOr<domain::Page<domain::AuditEvent>> List(const domain::AuditFilter& filter,
                                                        const domain::PageRequest& page) override;
  absl::StatusOr<domain::AuditHead> Head() override;
  absl::StatusOr<std::vector<domain::AuditEvent>> ListChain(int64_t after_seq, int limit) override;
  absl::StatusOr<std::vector<domain::AuditEvent>> ListOpen() override;
  absl::StatusOr<domain::Id> Append(const domain::AuditEvent& event) override;
  absl::Status AddRefusalRepeats(domain::Id event_id, int64_t repeats) override;
  absl::Status Seal(domain::Id event_id) override;

 private:
  Sql& sql_;
};

}  // namespace trainhub::store

#endif  // TRAINHUB_SERVICES_STORE_SQLITE_AUDIT_STORE_H_
