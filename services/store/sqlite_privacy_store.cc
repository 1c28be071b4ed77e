#include "store/sqlite_privacy_store.h"

#include <nlohmann/json.hpp>

#include "absl/strings/str_cat.h"
#include "store/sqlite_audit_store.h"

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
    auto& q =
        sql_.Prepare(absl::StrCat("SELECT ", kAuditEventColumns,
                                  " FROM audit_event e LEFT JOIN account a ON a.id = e.account_id"
                                  " WHERE e.object IN (SELECT value FROM json_each(:objects))"
                                  " OR e.account_id IN (SELECT value FROM json_each(:accounts))"
                                  " ORDER BY e.id LIMIT :limit"));
    q.bind(":objects", nlohmann::json(objects).dump());
    q.bind(":accounts", IdList(account_ids));
    q.bind(":limit", limit);
    std::vector<domain::AuditEvent> out;
    while (q.executeStep()) out.push_back(ReadAuditEvent(q));
    return out;
  });
}

}  // namespace trainhub::store
