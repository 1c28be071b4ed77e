#ifndef TRAINHUB_SERVICES_STORE_SQLITE_REQUEST_STORE_H_
#define TRAINHUB_SERVICES_STORE_SQLITE_REQUEST_STORE_H_

// The SQLite side of domain::RequestWriter: client request ids (idempotency).

#include "domain/ports/requests.h"
#include "store/sql_support.h"

namespace trainhub::store {

class SqliteRequestStore : public domain::RequestWriter {
 public:
  // `sql` must outlive this object.
  explicit SqliteRequestStore(Sql& sql) : sql_(sql) {}

  absl::StatusOr<std::optional<domain::RequestRecord>> Find(domain::Id account_id,
                                                            absl::string_view request_id) override;
  absl::Status Record(const domain::RequestRecord& record) override;

 private:
  Sql& sql_;
};

}  // namespace trainhub::store

#endif  // TRAINHUB_SERVICES_STORE_SQLITE_REQUEST_STORE_H_
