#ifndef TRAINHUB_SERVICES_STORE_SCHEMA_RECORDS_H_
#define TRAINHUB_SERVICES_STORE_SCHEMA_RECORDS_H_

// Migrations 8-19 of the schema (schema.h), the records kept of what took
// place: attendance, completion and certificates, the counts of seats and
// waiting lists, the report tables, the GDPR erasure, the state of the
// database files, the key of a series' required qualification, apprentices'
// start of training and the yearly attendance figures. Released: never edit
// one, append a new migration.

#include <span>

#include "store/schema.h"

namespace trainhub::store {

// Migration 8 first; Migrations() appends them to migrations 1-7.
std::span<const Migration> RecordMigrations();

}  // namespace trainhub::store

#endif  // TRAINHUB_SERVICES_STORE_SCHEMA_RECORDS_H_
