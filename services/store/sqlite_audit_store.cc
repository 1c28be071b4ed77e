#include "store/sqlite_audit_store.h"

#include "absl/strings/str_cat.h"
#include "store/sql_support.h"

namespace trainhub::store {

using domain::Id;

domain::AuditEvent ReadAuditEvent(SQLite::Statement& q) {
  domain::AuditEvent e;
  e.id = q.getColumn(0).getInt64();
  e.time = absl::FromUnixMicros(q.getColumn(1).getInt64());
  e.account_id = q.getColumn(2).getInt64();
  e.method = q.getColumn(3).getString();
  e.object = q.getColumn(4).getString();
  e.organization_id = q.getColumn(5).getInt64();
  e.result = q.getColumn(6).getString();
  e.request_id = q.getColumn(7).getString();
  e.peer = q.getColumn(8).getString();
  e.repeat_count = q.getColumn(9).getInt64();
  e.account_name = q.getColumn(10).getString();
  return e;
}

absl::StatusOr<Id> SqliteAuditStore::Append(const domain::AuditEvent& event) {
  return Guarded("AppendAudit", [&]() -> absl::StatusOr<Id> {
    auto& q = sql_.Prepare(
        "INSERT INTO audit_event (time, account_id, method, object, organization_id,"
        " result, request_id, peer, repeat_count) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
    q.bind(1, Micros(event.time));
    q.bind(2, event.account_id);
    q.bind(3, event.method);
    q.bind(4, event.object);
    q.bind(5, event.organization_id);
    q.bind(6, event.result);
    q.bind(7, event.request_id);
    q.bind(8, event.peer);
    q.bind(9, event.repeat_count);
    q.exec();
    return static_cast<Id>(sql_.db().getLastInsertRowid());
  });
}

absl::Status SqliteAuditStore::AddRefusalRepeats(Id event_id, int64_t repeats) {
  return Guarded("AddRefusalRepeats", [&]() -> absl::Status {
    auto& q = sql_.Prepare(
        "UPDATE audit_event SET repeat_count = repeat_count + ? WHERE id = ? AND object = ''");
    q.bind(1, repeats);
    q.bind(2, event_id);
    q.exec();
    return CheckChanged(sql_.db(), "refusal row", event_id);
  });
}

absl::StatusOr<domain::Page<domain::AuditEvent>> SqliteAuditStore::List(
    const domain::AuditFilter& filter, const domain::PageRequest& page) {
  return Guarded("ListAudit", [&]() -> absl::StatusOr<domain::Page<domain::AuditEvent>> {
    std::string sql = absl::StrCat("SELECT ", kAuditEventColumns,
                                   " FROM audit_event e LEFT JOIN account a ON a.id = e.account_id"
                                   " WHERE 1");
    // One organisation (the usual coordinator) reads its index in order;
    // several are merged by a sort of their events.
    const bool one_organization = filter.organizations.size() == 1;
    if (one_organization) {
      absl::StrAppend(&sql, " AND e.organization_id = :org");
    } else if (!filter.organizations.empty()) {
      absl::StrAppend(&sql, " AND e.organization_id IN (SELECT value FROM json_each(:orgs))");
    }
    // Newest first: the cursor holds the last id returned.
    if (page.after) absl::StrAppend(&sql, " AND e.id < :after_id");
    absl::StrAppend(&sql, " ORDER BY e.id DESC LIMIT :limit");
    auto& q = sql_.Prepare(sql);
    if (one_organization) {
      q.bind(":org", filter.organizations[0]);
    } else if (!filter.organizations.empty()) {
      q.bind(":orgs", IdList(filter.organizations));
    }
    if (page.after) q.bind(":after_id", page.after->id);
    q.bind(":limit", page.limit + 1);
    std::vector<domain::AuditEvent> items;
    while (q.executeStep()) items.push_back(ReadAuditEvent(q));
    return MakePage(std::move(items), page, [](const domain::AuditEvent& e) { return e.id; });
  });
}

}  // namespace trainhub::store
