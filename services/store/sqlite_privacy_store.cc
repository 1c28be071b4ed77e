#include "store/sqlite_privacy_store.h"

#include <nlohmann/json.hpp>

namespace trainhub::store {

using domain::Id;

absl::StatusOr<std::vector<Id>> SqlitePrivacyStore::AccountIdsOf(Id participant_id) {
  return Guarded("ListAccountsOfParticipant", [&]() -> absl::StatusOr<std::vector<Id>> {
    auto& q = sql_.Prepare(
        "SELECT DISTINCT account_id FROM account_role WHERE participant_id = ?"
        " ORDER BY account_id");
    q.bind(1, participant_id);
    std::vector<Id> ids;
    while (q.executeStep()) ids.push_back(q.getColumn(0).getInt64());
    return ids;
  });
}

absl::StatusOr<std::vector<domain::AuditEvent>> SqlitePrivacyStore::AuditEventsAbout(
    const std::vector<std::string>& objects, const std::vector<Id>& account_ids, int limit) {
  return Guarded("ListAuditEventsAbout", [&]() -> absl::StatusOr<std::vector<domain::AuditEvent>> {
    auto& q = sql_.Prepare(
        "SELECT e.id, e.time, e.account_id, e.method, e.object, e.organization_id, e.result,"
        " e.request_id, e.peer, e.repeat_count, coalesce(a.display_name, '')"
        " FROM audit_event e LEFT JOIN account a ON a.id = e.account_id"
        " WHERE e.object IN (SELECT value FROM json_each(:objects))"
        " OR e.account_id IN (SELECT value FROM json_each(:accounts))"
        " ORDER BY e.id LIMIT :limit");
    q.bind(":objects", nlohmann::json(objects).dump());
    q.bind(":accounts", IdList(account_ids));
    q.bind(":limit", limit);
    std::vector<domain::AuditEvent> out;
    while (q.executeStep()) {
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
      out.push_back(std::move(e));
    }
    return out;
  });
}

}  // namespace trainhub::store
