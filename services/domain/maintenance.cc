#include "domain/maintenance.h"

#include "domain/access.h"

namespace trainhub::domain {

absl::Status Maintenance::BackupTo(const Principal& who, const std::string& path) {
  if (!who.IsAdmin()) return Denied("back up the database (admins only)");
  WorkGate::Pass pass = backups_.Enter();
  if (!pass.ok()) return absl::UnavailableError("another backup is running; try again later");
  return store_.CopyTo(path);
}

}  // namespace trainhub::domain
