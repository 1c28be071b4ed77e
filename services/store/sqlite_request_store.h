#ifndef TRAINHUB_SERVICES_STORE_SQLITE_REQUEST_STORE_H_
#define TRAINHUB_SERVICES_STORE_SQLITE_REQUEST_STORE_H_

// The SQLite side of domain::RequestWriter: client request ids
// (idempotency), their fingerprints keyed with the installation's request
// key (store/request_key.h).

#include <string>

#include "domain/ports/requests.h"
#include "store/sql_support.h"

namespace trainhub::store {

class SqliteRequestStore : public domain::RequestWriter {
 public:
  // `sql` must outlive this object; `key` is the request key (32 bytes).
  SqliteRequestStore(Sql& sql, std::string key) : sql_(sql), key_(std::move(key)) {}

  absl::StatusOr<std::optional<domain::RequestRecord>> Find(domain::Id account_id,
                                                            absl::string_view request_id) override;
  bool SameFingerprint(const domain::RequestRecord& stored, absl::string_view fingerprint) override;
  absl::Status Record(const domain::RequestRecord& record) override;

 private:
  Sql& sql_;
  std::string key_;
};

}  // namespace trainhub::store

#endif  // TRAINHUB_SERVICES_STORE_SQLITE_REQUEST_STORE_H_
