#include "store/attendance_years.h"

#include "domain/attendance/attendance_ledger.h"
#include "store/stored_numbers.h"

namespace trainhub::store {
namespace {

using domain::AttendanceStatus;

bool Attended(int status) {
  return status == static_cast<int>(AttendanceStatus::kPresent) ||
         status == static_cast<int>(AttendanceStatus::kLate);
}

// The figures of attendance_year for one status: +1 in its column.
struct Figures {
  int attended = 0, excused = 0, absent = 0;
  void Add(int status, int sign) {
    if (Attended(status)) attended += sign;
    if (status == static_cast<int>(AttendanceStatus::kExcused)) excused += sign;
    if (status == static_cast<int>(AttendanceStatus::kAbsent)) absent += sign;
  }
};

// Recounts the rows of `year` and series `series_id` of the people with a
// status at `session_id` from attendance_current.
void RecountYear(Sql& sql, domain::Id session_id, domain::Id series_id, int64_t year) {
  auto& clear = sql.Prepare(
      "DELETE FROM attendance_year WHERE year = ?1 AND series_id = ?2 AND participant_id IN"
      " (SELECT participant_id FROM attendance_current WHERE session_id = ?3)");
  clear.bind(1, year);
  clear.bind(2, series_id);
  clear.bind(3, session_id);
  clear.exec();
  auto& count = sql.Prepare(
      "INSERT INTO attendance_year"
      " (year, series_id, participant_id, attended, excused, absent, first_attended)"
      " SELECT ?1, ?2, c.participant_id,"
      " sum(c.status IN (" TH_ATTENDED_STATUSES ")), sum(c.status = " TH_EXCUSED_STATUS "),"
      " sum(c.status = " TH_ABSENT_STATUS "),"
      " min(CASE WHEN c.status IN (" TH_ATTENDED_STATUSES ") THEN s.start_time END)"
      " FROM module m JOIN session s ON s.module_id = m.id"
      " JOIN attendance_current c ON c.session_id = s.id"
      " WHERE m.series_id = ?2 AND " TH_BERLIN_YEAR("s.start_time") " = ?1"
      " AND c.participant_id IN (SELECT participant_id FROM attendance_current"
      "                          WHERE session_id = ?3)"
      " GROUP BY c.participant_id");
  count.bind(1, year);
  count.bind(2, series_id);
  count.bind(3, session_id);
  count.exec();
}

}  // namespace

void CountStatusChange(Sql& sql, domain::Id session_id, domain::Id series_id,
                       domain::Id participant_id, std::optional<int> old_status, int new_status) {
  if (old_status == new_status) return;
  if (!old_status) {
    auto& held = sql.Prepare(
        "INSERT OR IGNORE INTO held_session (session_id, series_id, module_id, start_time,"
        " minutes) SELECT s.id, m.series_id, s.module_id, s.start_time,"
        " (s.end_time - s.start_time) / 60 FROM session s JOIN module m ON m.id = s.module_id"
        " WHERE s.id = ?");
    held.bind(1, session_id);
    held.exec();
  }
  Figures change;
  change.Add(new_status, +1);
  if (old_status) change.Add(*old_status, -1);
  auto& session =
      sql.Prepare("SELECT start_time, " TH_BERLIN_YEAR("start_time") " FROM session WHERE id = ?");
  session.bind(1, session_id);
  if (!session.executeStep()) return;  // the foreign key refused the record already
  const int64_t start = session.getColumn(0).getInt64();
  const int64_t year = session.getColumn(1).getInt64();
  session.reset();
  auto& keep = sql.Prepare(
      "INSERT INTO attendance_year"
      " (year, series_id, participant_id, attended, excused, absent, first_attended)"
      " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)"
      " ON CONFLICT (year, series_id, participant_id) DO UPDATE SET"
      " attended = attended + excluded.attended, excused = excused + excluded.excused,"
      " absent = absent + excluded.absent,"
      " first_attended = CASE WHEN excluded.first_attended IS NULL THEN first_attended"
      "   WHEN first_attended IS NULL OR excluded.first_attended < first_attended"
      "   THEN excluded.first_attended ELSE first_attended END");
  keep.bind(1, year);
  keep.bind(2, series_id);
  keep.bind(3, participant_id);
  keep.bind(4, change.attended);
  keep.bind(5, change.excused);
  keep.bind(6, change.absent);
  if (Attended(new_status)) {
    keep.bind(7, start);
  } else {
    keep.bind(7);
  }
  keep.exec();
  if (old_status && Attended(*old_status) && !Attended(new_status)) {
    // The first session attended may have been this one: find it anew.
    auto& first = sql.Prepare(
        "UPDATE attendance_year SET first_attended ="
        " (SELECT min(s.start_time) FROM module m JOIN session s ON s.module_id = m.id"
        "  JOIN attendance_current c ON c.session_id = s.id AND c.participant_id = ?3"
        "  WHERE m.series_id = ?2 AND c.status IN (" TH_ATTENDED_STATUSES ")"
        "  AND " TH_BERLIN_YEAR("s.start_time") " = ?1)"
        " WHERE year = ?1 AND series_id = ?2 AND participant_id = ?3 AND first_attended = ?4");
    first.bind(1, year);
    first.bind(2, series_id);
    first.bind(3, participant_id);
    first.bind(4, start);
    first.exec();
  }
}

void RecountMovedSession(Sql& sql, domain::Id session_id, int64_t old_start) {
  auto& held = sql.Prepare(
      "UPDATE held_session SET start_time = s.start_time,"
      " minutes = (s.end_time - s.start_time) / 60 FROM session s"
      " WHERE s.id = held_session.session_id AND held_session.session_id = ?");
  held.bind(1, session_id);
  held.exec();
  auto& session = sql.Prepare(
      "SELECT m.series_id, " TH_BERLIN_YEAR("s.start_time") ", " TH_BERLIN_YEAR("?2")
      ", s.start_time <> ?2,"
      " EXISTS (SELECT 1 FROM attendance_current c WHERE c.session_id = s.id)"
      " FROM session s JOIN module m ON m.id = s.module_id WHERE s.id = ?1");
  session.bind(1, session_id);
  session.bind(2, old_start);
  if (!session.executeStep()) return;
  const domain::Id series_id = session.getColumn(0).getInt64();
  const int64_t new_year = session.getColumn(1).getInt64();
  const int64_t old_year = session.getColumn(2).getInt64();
  const bool moved = session.getColumn(3).getInt() != 0;
  const bool has_statuses = session.getColumn(4).getInt() != 0;
  session.reset();
  if (!moved || !has_statuses) return;
  RecountYear(sql, session_id, series_id, old_year);
  if (new_year != old_year) RecountYear(sql, session_id, series_id, new_year);
}

int64_t CountStaleReportFigures(Sql& sql) {
  // Rows of the recount without an equal kept row, plus kept rows without
  // an equal recounted one (IS compares NULLs as equal).
  auto& q = sql.Prepare(
      "WITH recount AS (SELECT " TH_BERLIN_YEAR("s.start_time") " AS year, c.series_id,"
      "   c.participant_id, sum(c.status IN (" TH_ATTENDED_STATUSES ")) AS attended,"
      "   sum(c.status = " TH_EXCUSED_STATUS ") AS excused,"
      "   sum(c.status = " TH_ABSENT_STATUS ") AS absent,"
      "   min(CASE WHEN c.status IN (" TH_ATTENDED_STATUSES ") THEN s.start_time END)"
      "     AS first_attended"
      "   FROM attendance_current c JOIN session s ON s.id = c.session_id"
      "   GROUP BY 1, 2, 3)"
      " SELECT (SELECT count(*) FROM recount r WHERE NOT EXISTS (SELECT 1 FROM attendance_year k"
      "   WHERE k.year = r.year AND k.series_id = r.series_id"
      "   AND k.participant_id = r.participant_id AND k.attended = r.attended"
      "   AND k.excused = r.excused AND k.absent = r.absent"
      "   AND k.first_attended IS r.first_attended))"
      " + (SELECT count(*) FROM attendance_year k WHERE NOT EXISTS (SELECT 1 FROM recount r"
      "   WHERE k.year = r.year AND k.series_id = r.series_id"
      "   AND k.participant_id = r.participant_id AND k.attended = r.attended"
      "   AND k.excused = r.excused AND k.absent = r.absent"
      "   AND k.first_attended IS r.first_attended))");
  if (!q.executeStep()) return 0;
  int64_t stale = q.getColumn(0).getInt64();
  q.reset();
  auto& held = sql.Prepare(
      "WITH recount AS (SELECT s.id AS session_id, m.series_id, s.module_id, s.start_time,"
      "   (s.end_time - s.start_time) / 60 AS minutes"
      "   FROM session s JOIN module m ON m.id = s.module_id"
      "   WHERE EXISTS (SELECT 1 FROM attendance_current c WHERE c.session_id = s.id))"
      " SELECT (SELECT count(*) FROM recount r WHERE NOT EXISTS (SELECT 1 FROM held_session h"
      "   WHERE h.session_id = r.session_id AND h.series_id = r.series_id"
      "   AND h.module_id = r.module_id AND h.start_time = r.start_time"
      "   AND h.minutes = r.minutes))"
      " + (SELECT count(*) FROM held_session h WHERE NOT EXISTS (SELECT 1 FROM recount r"
      "   WHERE h.session_id = r.session_id AND h.series_id = r.series_id"
      "   AND h.module_id = r.module_id AND h.start_time = r.start_time"
      "   AND h.minutes = r.minutes))");
  if (held.executeStep()) stale += held.getColumn(0).getInt64();
  held.reset();
  return stale;
}

}  // namespace trainhub::store
