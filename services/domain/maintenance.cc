#include "domain/maintenance.h"

#include "domain/access.h"
#include "domain/errors.h"

namespace trainhub::domain {

absl::Status Maintenance::BackupTo(const Principal& who, const std::string& path) {
  if (!who.IsAdmin()) return Denied(Msg("your account may not back up the database (admins only)"));
  WorkGate::Pass pass = backups_.Enter();
  // The server answers; it is busy with this one task (not unreachable).
  if (!pass.ok()) {
    return Refusal(absl::StatusCode::kResourceExhausted,
                   Msg("a backup is already running; try again when it has finished"));
  }
  return store_.CopyTo(path);
}

}  // namespace trainhub::domain
