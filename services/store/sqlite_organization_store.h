#ifndef TRAINHUB_SERVICES_STORE_SQLITE_ORGANIZATION_STORE_H_
#define TRAINHUB_SERVICES_STORE_SQLITE_ORGANIZATION_STORE_H_

// The SQLite side of domain::OrganizationWriter: organisations.

#include "domain/ports/organizations.h"
#include "store/sql_support.h"

namespace trainhub::store {

class SqliteOrganizationStore : public domain::OrganizationWriter {
 public:
  // `sql` must outlive this object.
  explicit SqliteOrganizationStore(Sql& sql) : sql_(sql) {}

  absl::StatusOr<domain::Organization> Get(domain::Id id) override;
  absl::StatusOr<std::optional<domain::Organization>> FindByName(absl::string_view name) override;
  absl::StatusOr<domain::Page<domain::Organization>> List(const domain::PageRequest& page) override;
  absl::StatusOr<domain::Id> Insert(const domain::Organization& org) override;
  absl::Status Update(const domain::Organization& org) override;

 private:
  Sql& sql_;
};

}  // namespace trainhub::store

#endif  // TRAINHUB_SERVICES_STORE_SQLITE_ORGANIZATION_STORE_H_
