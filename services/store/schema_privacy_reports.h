#ifndef TRAINHUB_SERVICES_STORE_SCHEMA_PRIVACY_REPORTS_H_
#define TRAINHUB_SERVICES_STORE_SCHEMA_PRIVACY_REPORTS_H_

// Migrations 14-21 of the schema (schema.h): the GDPR erasure and
// retention, the state of the database files, the key of a series' required
// qualification, apprentices' start of training, the yearly attendance
// figures of the reports, what a series issues and who signs, and the
// enrolment history's reasons. Released: never edit one, append a new
// migration.

#include <span>

#include "store/schema.h"

namespace trainhub::store {

// Migration 14 first; Migrations() appends them after the record migrations.
std::span<const Migration> PrivacyAndReportMigrations();

}  // namespace trainhub::store

#endif  // TRAINHUB_SERVICES_STORE_SCHEMA_PRIVACY_REPORTS_H_
