#ifndef TRAINHUB_SERVICES_STORE_SCHEMA_NOTIFICATIONS_H_
#define TRAINHUB_SERVICES_STORE_SCHEMA_NOTIFICATIONS_H_

// The migrations of the schema (schema.h) for notifications: the outbox of
// e-mails owed to people and their delivery attempts.

#include <span>

#include "store/schema.h"

namespace trainhub::store {

// Appended by Migrations() after the integrity migrations.
std::span<const Migration> NotificationMigrations();

}  // namespace trainhub::store

#endif  // TRAINHUB_SERVICES_STORE_SCHEMA_NOTIFICATIONS_H_
