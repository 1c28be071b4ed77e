#include "store/sqlite_request_store.h"

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "store/request_key.h"
#include "store/sql_support.h"

namespace trainhub::store {

using domain::Id;

absl::StatusOr<std::optional<domain::RequestRecord>> SqliteRequestStore::Find(
    Id account_id, absl::string_view request_id) {
  return Guarded("FindRequest", [&]() -> absl::StatusOr<std::optional<domain::RequestRecord>> {
    auto& q = sql_.Prepare(
        "SELECT method, fingerprint, resource_id FROM client_request"
        " WHERE account_id = ? AND request_id = ?");
    q.bind(1, account_id);
    q.bind(2, std::string(request_id));
    if (!q.executeStep()) return std::optional<domain::RequestRecord>();
    domain::RequestRecord record;
    record.account_id = account_id;
    record.request_id = std::string(request_id);
    record.method = q.getColumn(0).getString();
    record.fingerprint = q.getColumn(1).getString();
    record.resource_id = q.getColumn(2).getInt64();
    return std::optional<domain::RequestRecord>(std::move(record));
  });
}

bool SqliteRequestStore::SameFingerprint(const domain::RequestRecord& stored,
                                         absl::string_view fingerprint) {
  return stored.fingerprint == KeyedFingerprint(key_, fingerprint);
}

absl::Status SqliteRequestStore::Record(const domain::RequestRecord& record) {
  return Guarded("RecordRequest", [&]() -> absl::Status {
    auto& q = sql_.Prepare(
        "INSERT INTO client_request (account_id, request_id, method, fingerprint,"
        " resource_id, create_time) VALUES (?, ?, ?, ?, ?, ?)");
    q.bind(1, record.account_id);
    q.bind(2, record.request_id);
    q.bind(3, record.method);
    q.bind(4, KeyedFingerprint(key_, record.fingerprint));
    q.bind(5, record.resource_id);
    q.bind(6, Micros(absl::Now()));
    q.exec();
    return absl::OkStatus();
  });
}

}  // namespace trainhub::store
