#ifndef TRAINHUB_SERVICES_STORE_ATTENDANCE_YEARS_H_
#define TRAINHUB_SERVICES_STORE_ATTENDANCE_YEARS_H_

// The figures kept for funder reports (migration 19), derived from
// attendance_current:
// - attendance_year: each person's statuses in a series per calendar year
//   of the sessions' starts (Europe/Berlin): how many present or late,
//   excused, absent, and the start of the first session attended. Reports
//   over whole years add up these rows instead of every status.
// - held_session: the sessions with at least one status (a session, once
//   held, stays held: statuses are never removed), with their series,
//   module, start and length in whole minutes.
// Kept by every change of attendance_current (SqliteAttendanceStore::Append)
// and of a session's times (SqliteSessionStore::Update);
// CountStaleReportFigures checks them against a recount.
//
// The functions throw SQLite's exceptions: call them inside Guarded().

#include <cstdint>
#include <optional>

#include "domain/model.h"
#include "store/sql_support.h"

namespace trainhub::store {

// SQL of the calendar year in Europe/Berlin of `seconds` (a Unix time
// column): at every turn of the year Berlin is one hour ahead of UTC, so the
// year of UTC + 1 h is the year in Berlin at any instant.
#define TH_BERLIN_YEAR(seconds) \
  "CAST(strftime('%Y', " seconds " + 3600, 'unixepoch') AS INTEGER)"

// After attendance_current's status of (session, person) changed from
// `old_status` (nullopt: the person had none there) to `new_status`.
void CountStatusChange(Sql& sql, domain::Id session_id, domain::Id series_id,
                       domain::Id participant_id, std::optional<int> old_status, int new_status);

// After session `session_id`'s times changed from `old_start` (Unix
// seconds) to those it has now: recounts the rows of the people with a
// status there.
void RecountMovedSession(Sql& sql, domain::Id session_id, int64_t old_start);

// How many rows of attendance_year and held_session differ from a recount
// from attendance_current and the sessions' starts (missing, extra or other
// figures); 0 when they are right.
int64_t CountStaleReportFigures(Sql& sql);

}  // namespace trainhub::store

#endif  // TRAINHUB_SERVICES_STORE_ATTENDANCE_YEARS_H_
