#ifndef TRAINHUB_SERVICES_STORE_SCHEMA_INTEGRITY_H_
#define TRAINHUB_SERVICES_STORE_SCHEMA_INTEGRITY_H_

// The migrations of the schema (schema.h) that make what is stored
// tamper-evident beyond the attendance ledger: the erasure of ledger texts
// recorded in the chain, the audit log's hash chain, and certificates'
// signed statuses with the signed status list.

#include <span>

#include "store/schema.h"

namespace trainhub::store {

// Appended by Migrations() after the privacy and report migrations.
std::span<const Migration> IntegrityMigrations();

// The user_version from which the ledger records erasures, the audit log is
// chained and certificate statuses are signed.
int IntegritySchemaVersion();

}  // namespace trainhub::store

#endif  // TRAINHUB_SERVICES_STORE_SCHEMA_INTEGRITY_H_
