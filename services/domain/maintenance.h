#ifndef TRAINHUB_SERVICES_DOMAIN_MAINTENANCE_H_
#define TRAINHUB_SERVICES_DOMAIN_MAINTENANCE_H_

// Running the installation: whole-database backups while it serves.
// Admins only. Thread-safe.

#include <string>

#include "absl/status/status.h"
#include "domain/ports/unit_of_work.h"
#include "domain/principal.h"
#include "domain/work_gate.h"

namespace trainhub::domain {

class Maintenance {
 public:
  explicit Maintenance(Store& store) : store_(store) {}

  // Writes a consistent copy of all data to the new file `path`.
  // PERMISSION_DENIED for anyone but an admin; RESOURCE_EXHAUSTED while
  // another backup runs (one at a time: a copy reads the whole file).
  absl::Status BackupTo(const Principal& who, const std::string& path);

 private:
  Store& store_;
  WorkGate backups_{/*slots=*/1, /*max_waiting=*/0, absl::ZeroDuration()};
};

}  // namespace trainhub::domain

#endif  // TRAINHUB_SERVICES_DOMAIN_MAINTENANCE_H_
