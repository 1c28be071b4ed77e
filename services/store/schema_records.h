#ifndef TRAINHUB_SERVICES_STORE_SCHEMA_RECORDS_H_
#define TRAINHUB_SERVICES_STORE_SCHEMA_RECORDS_H_

// Migrations 8-13 of the schema (schema.h), the records kept of what took
// place: attendance, completion and certificates, the counts of seats and
// waiting lists, and the current attendance. Released: never edit one,
// append a new migration.

#include <span>

#include "store/schema.h"

namespace trainhub::store {

// Migration 8 first; Migrations() appends them to migrations 1-7.
std::span<const Migration> RecordMigrations();

}  // namespace trainhub::store

#endif  // TRAINHUB_SERVICES_STORE_SCHEMA_RECORDS_H_
