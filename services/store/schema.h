#ifndef TRAINHUB_SERVICES_STORE_SCHEMA_H_
#define TRAINHUB_SERVICES_STORE_SCHEMA_H_

// The schema as an ordered list of migrations. Migration i (0-based) takes
// a database from PRAGMA user_version i to i+1. Never edit a released
// migration; append a new one.

#include <SQLiteCpp/Database.h>

#include <span>

#include "absl/status/status.h"

namespace trainhub::store {

// 'THB1': marks a file as a trainhub database (PRAGMA application_id).
inline constexpr int kApplicationId = 0x54484231;

// One step of the schema: `sql` first, then `then` (when set) for what SQL
// alone cannot do (Unicode keys, rebuilding tables). Both run inside the
// migration's transaction with foreign keys off; the caller checks them.
struct Migration {
  const char* sql;
  absl::Status (*then)(SQLite::Database& db) = nullptr;
};

std::span<const Migration> Migrations();

// The user_version this build writes and understands.
int LatestSchemaVersion();

}  // namespace trainhub::store

#endif  // TRAINHUB_SERVICES_STORE_SCHEMA_H_
