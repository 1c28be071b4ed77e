#include "store/sqlite_installation_store.h"

#include "store/sql_support.h"

namespace trainhub::store {

using domain::Id;

absl::StatusOr<std::string> SqliteInstallationStore::UidDomain() {
  return Guarded("InstallationUidDomain", [&]() -> absl::StatusOr<std::string> {
    auto& q = sql_.Prepare("SELECT uid_domain FROM installation WHERE id = 1");
    if (!q.executeStep()) return absl::InternalError("the installation row is missing");
    return q.getColumn(0).getString();
  });
}

}  // namespace trainhub::store
