#ifndef TRAINHUB_SERVICES_STORE_SQLITE_INSTALLATION_STORE_H_
#define TRAINHUB_SERVICES_STORE_SQLITE_INSTALLATION_STORE_H_

// The SQLite side of domain::InstallationReader: the installation's identity.

#include "domain/ports/requests.h"
#include "store/sql_support.h"

namespace trainhub::store {

class SqliteInstallationStore : public domain::InstallationReader {
 public:
  // `sql` must outlive this object.
  explicit SqliteInstallationStore(Sql& sql) : sql_(sql) {}

  absl::StatusOr<std::string> UidDomain() override;

 private:
  Sql& sql_;
};

}  // namespace trainhub::store

#endif  // TRAINHUB_SERVICES_STORE_SQLITE_INSTALLATION_STORE_H_
