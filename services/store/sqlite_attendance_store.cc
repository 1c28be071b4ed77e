#include "store/sqlite_attendance_store.h"

#include <optional>

#include "absl/strings/str_cat.h"
#include "domain/attendance/attendance_ledger.h"
#include "domain/status_macros.h"
#include "store/attendance_years.h"
#include "store/stored_numbers.h"

namespace trainhub::store {

using domain::AttendanceEntry;
using domain::Id;

const char kAttendanceEntryColumns[] =
    "id, series_id, session_id, kind, coalesce(participant_id, 0), status, minutes_missed, note,"
    " source, client_time, client_nonce, device_id, account_id, record_time, reason,"
    " conflicting_record_id, prev_hash, hash, hash_version, coalesce(text_digest, X'')";

namespace {

constexpr const char* kEntryColumns = kAttendanceEntryColumns;

std::string Blob(SQLite::Column column) {
  return std::string(static_cast<const char*>(column.getBlob()), column.getBytes());
}

}  // namespace

AttendanceEntry ReadAttendanceEntry(SQLite::Statement& q) {
  AttendanceEntry e;
  e.id = q.getColumn(0).getInt64();
  e.series_id = q.getColumn(1).getInt64();
  e.session_id = q.getColumn(2).getInt64();
  e.kind = static_cast<domain::LedgerEntryKind>(q.getColumn(3).getInt());
  e.participant_id = q.getColumn(4).getInt64();
  e.status = static_cast<domain::AttendanceStatus>(q.getColumn(5).getInt());
  e.minutes_missed = q.getColumn(6).getInt();
  e.note = q.getColumn(7).getString();
  e.source = static_cast<domain::AttendanceSource>(q.getColumn(8).getInt());
  e.client_time = absl::FromUnixMicros(q.getColumn(9).getInt64());
  e.client_nonce = q.getColumn(10).getString();
  e.device_id = q.getColumn(11).getString();
  e.account_id = q.getColumn(12).getInt64();
  e.record_time = absl::FromUnixMicros(q.getColumn(13).getInt64());
  e.reason = q.getColumn(14).getString();
  e.conflicting_record_id = q.getColumn(15).getInt64();
  e.prev_hash = Blob(q.getColumn(16));
  e.hash = Blob(q.getColumn(17));
  e.hash_version = q.getColumn(18).getInt();
  e.text_digest = Blob(q.getColumn(19));
  return e;
}

namespace {

// AUTOINCREMENT takes the larger of the sequence and the largest id.
constexpr char kNextEntryId[] =
    "SELECT max(coalesce((SELECT seq FROM sqlite_sequence WHERE name = 'attendance_entry'), 0),"
    " coalesce((SELECT max(id) FROM attendance_entry), 0)) + 1";

}  // namespace

Id NextAttendanceEntryId(SQLite::Database& db) {
  SQLite::Statement q(db, kNextEntryId);
  q.executeStep();
  return q.getColumn(0).getInt64();
}

namespace {

constexpr auto ReadEntry = ReadAttendanceEntry;

domain::CheckInWindow ReadWindow(SQLite::Statement& q) {
  domain::CheckInWindow w;
  w.session_id = q.getColumn(0).getInt64();
  w.secret = Blob(q.getColumn(1));
  w.open_time = absl::FromUnixMicros(q.getColumn(2).getInt64());
  w.close_time = absl::FromUnixMicros(q.getColumn(3).getInt64());
  w.opened_by = q.getColumn(4).getInt64();
  return w;
}

constexpr char kWindowColumns[] = "session_id, secret, open_time, close_time, opened_by";

}  // namespace

absl::StatusOr<std::vector<AttendanceEntry>> SqliteAttendanceStore::ListWhere(
    absl::string_view what, const std::string& condition, Id value) {
  return Guarded(what, [&]() -> absl::StatusOr<std::vector<AttendanceEntry>> {
    auto& q = sql_.Prepare(
        absl::StrCat("SELECT ", kEntryColumns, " FROM attendance_entry WHERE ", condition));
    q.bind(1, value);
    std::vector<AttendanceEntry> out;
    while (q.executeStep()) out.push_back(ReadEntry(q));
    return out;
  });
}

absl::StatusOr<std::vector<AttendanceEntry>> SqliteAttendanceStore::ListForSession(Id session_id) {
  // attendance_entry_by_session has (session_id, participant_id, id): the
  // order by id sorts the session's few rows.
  return ListWhere("ListAttendanceOfSession", "session_id = ? ORDER BY id", session_id);
}

absl::StatusOr<std::vector<AttendanceEntry>> SqliteAttendanceStore::ListForSeries(Id series_id) {
  return ListWhere("ListAttendanceOfSeries", "series_id = ? ORDER BY id", series_id);
}

absl::StatusOr<domain::Page<AttendanceEntry>> SqliteAttendanceStore::ListHistory(
    Id session_id, Id participant_id, const domain::PageRequest& page) {
  std::string select = absl::StrCat("SELECT ", kEntryColumns,
                                    " FROM attendance_entry WHERE session_id = :session"
                                    " AND kind = " TH_LEDGER_RECORD_KIND);
  if (participant_id != 0) absl::StrAppend(&select, " AND participant_id = :participant");
  return ListById<AttendanceEntry>(sql_, "ListAttendanceHistory", select, page, ReadEntry,
                                   [&](SQLite::Statement& q) {
                                     q.bind(":session", session_id);
                                     if (participant_id != 0)
                                       q.bind(":participant", participant_id);
                                   });
}

absl::StatusOr<AttendanceEntry> SqliteAttendanceStore::Get(Id entry_id) {
  return Guarded("GetAttendanceEntry", [&]() -> absl::StatusOr<AttendanceEntry> {
    auto& q =
        sql_.Prepare(absl::StrCat("SELECT ", kEntryColumns, " FROM attendance_entry WHERE id = ?"));
    q.bind(1, entry_id);
    if (!q.executeStep()) return NotFound("attendance record", entry_id);
    return ReadEntry(q);
  });
}

absl::StatusOr<domain::LedgerHead> SqliteAttendanceStore::Head(Id series_id) {
  return Guarded("GetAttendanceHead", [&]() -> absl::StatusOr<domain::LedgerHead> {
    auto& q = sql_.Prepare("SELECT entry_count, hash FROM attendance_head WHERE series_id = ?");
    q.bind(1, series_id);
    domain::LedgerHead head;
    head.hash = domain::LedgerGenesis();
    if (q.executeStep()) {
      head.entry_count = q.getColumn(0).getInt64();
      head.hash = Blob(q.getColumn(1));
    }
    return head;
  });
}

absl::StatusOr<std::vector<domain::CurrentStatus>> SqliteAttendanceStore::ListCurrent(
    Id series_id) {
  return Guarded("ListCurrentAttendance",
                 [&]() -> absl::StatusOr<std::vector<domain::CurrentStatus>> {
                   // By the series' modules and their sessions, then each session's range
                   // of attendance_current's key.
                   auto& q = sql_.Prepare(
                       "SELECT c.session_id, c.participant_id, c.series_id, c.status, "
                       "c.client_time, c.entry_id"
                       " FROM module m JOIN session s ON s.module_id = m.id"
                       " JOIN attendance_current c ON c.session_id = s.id WHERE m.series_id = ?"
                       " ORDER BY c.session_id, c.participant_id");
                   q.bind(1, series_id);
                   std::vector<domain::CurrentStatus> out;
                   while (q.executeStep()) {
                     domain::CurrentStatus c;
                     c.session_id = q.getColumn(0).getInt64();
                     c.participant_id = q.getColumn(1).getInt64();
                     c.series_id = q.getColumn(2).getInt64();
                     c.status = static_cast<domain::AttendanceStatus>(q.getColumn(3).getInt());
                     c.client_time = absl::FromUnixMicros(q.getColumn(4).getInt64());
                     c.entry_id = q.getColumn(5).getInt64();
                     out.push_back(c);
                   }
                   return out;
                 });
}

absl::StatusOr<std::optional<domain::CheckInWindow>> SqliteAttendanceStore::GetCheckIn(
    Id session_id) {
  return Guarded("GetCheckIn", [&]() -> absl::StatusOr<std::optional<domain::CheckInWindow>> {
    auto& q = sql_.Prepare(
        absl::StrCat("SELECT ", kWindowColumns, " FROM check_in_window WHERE session_id = ?"));
    q.bind(1, session_id);
    if (!q.executeStep()) return std::optional<domain::CheckInWindow>();
    return std::optional<domain::CheckInWindow>(ReadWindow(q));
  });
}

absl::StatusOr<std::vector<domain::CheckInWindow>> SqliteAttendanceStore::ListOpenCheckIns(
    absl::Time now) {
  return Guarded("ListOpenCheckIns", [&]() -> absl::StatusOr<std::vector<domain::CheckInWindow>> {
    auto& q = sql_.Prepare(absl::StrCat("SELECT ", kWindowColumns,
                                        " FROM check_in_window WHERE close_time > ?1"
                                        " AND open_time <= ?1"));
    q.bind(1, Micros(now));
    std::vector<domain::CheckInWindow> out;
    while (q.executeStep()) out.push_back(ReadWindow(q));
    return out;
  });
}

absl::StatusOr<Id> SqliteAttendanceStore::NextEntryId() {
  return Guarded("NextAttendanceEntryId", [&]() -> absl::StatusOr<Id> {
    auto& q = sql_.Prepare(kNextEntryId);
    q.executeStep();
    return q.getColumn(0).getInt64();
  });
}

absl::StatusOr<Id> SqliteAttendanceStore::Append(const AttendanceEntry& e) {
  return Guarded("AppendAttendance", [&]() -> absl::StatusOr<Id> {
    auto& q = sql_.Prepare(
        "INSERT INTO attendance_entry (id, series_id, session_id, kind, participant_id, status,"
        " minutes_missed, note, source, client_time, client_nonce, device_id, account_id,"
        " record_time, reason, conflicting_record_id, prev_hash, hash, hash_version, text_digest)"
        " VALUES (nullif(?20, 0), ?1, ?2, ?3, nullif(?4, 0), ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, "
        "?13, ?14,"
        " ?15, ?16, ?17, ?18, nullif(?19, X''))");
    q.bind(20, e.id);
    q.bind(1, e.series_id);
    q.bind(2, e.session_id);
    q.bind(3, static_cast<int>(e.kind));
    q.bind(4, e.participant_id);
    q.bind(5, static_cast<int>(e.status));
    q.bind(6, e.minutes_missed);
    q.bind(7, e.note);
    q.bind(8, static_cast<int>(e.source));
    q.bind(9, Micros(e.client_time));
    q.bind(10, e.client_nonce);
    q.bind(11, e.device_id);
    q.bind(12, e.account_id);
    q.bind(13, Micros(e.record_time));
    q.bind(14, e.reason);
    q.bind(15, e.conflicting_record_id);
    q.bind(16, e.prev_hash.data(), static_cast<int>(e.prev_hash.size()));
    q.bind(17, e.hash.data(), static_cast<int>(e.hash.size()));
    q.bind(18, e.hash_version);
    q.bind(19, e.text_digest.data(), static_cast<int>(e.text_digest.size()));
    q.exec();
    const Id id = sql_.db().getLastInsertRowid();
    if (e.kind == domain::LedgerEntryKind::kRecord) {
      auto& before = sql_.Prepare(
          "SELECT status FROM attendance_current WHERE session_id = ? AND participant_id = ?");
      before.bind(1, e.session_id);
      before.bind(2, e.participant_id);
      std::optional<int> old_status;
      if (before.executeStep()) old_status = before.getColumn(0).getInt();
      before.reset();
      // attendance_current holds the record that counts: the latest client
      // time, then the latest arrival (domain::CellState::Add).
      auto& current = sql_.Prepare(
          "INSERT INTO attendance_current"
          " (session_id, participant_id, series_id, status, client_time, entry_id)"
          " VALUES (?, ?, ?, ?, ?, ?)"
          " ON CONFLICT (session_id, participant_id) DO UPDATE SET status = excluded.status,"
          " client_time = excluded.client_time, entry_id = excluded.entry_id"
          " WHERE excluded.client_time > attendance_current.client_time"
          " OR (excluded.client_time = attendance_current.client_time"
          " AND excluded.entry_id > attendance_current.entry_id)");
      current.bind(1, e.session_id);
      current.bind(2, e.participant_id);
      current.bind(3, e.series_id);
      current.bind(4, static_cast<int>(e.status));
      current.bind(5, Micros(e.client_time));
      current.bind(6, id);
      if (current.exec() > 0) {  // this record counts now
        CountStatusChange(sql_, e.session_id, e.series_id, e.participant_id, old_status,
                          static_cast<int>(e.status));
      }
    }
    return id;
  });
}

absl::Status SqliteAttendanceStore::SetHead(Id series_id, const domain::LedgerHead& head) {
  return Guarded("SetAttendanceHead", [&]() -> absl::Status {
    auto& q = sql_.Prepare(
        "INSERT INTO attendance_head (series_id, entry_count, hash) VALUES (?1, ?2, ?3)"
        " ON CONFLICT (series_id) DO UPDATE SET entry_count = ?2, hash = ?3");
    q.bind(1, series_id);
    q.bind(2, head.entry_count);
    q.bind(3, head.hash.data(), static_cast<int>(head.hash.size()));
    q.exec();
    return absl::OkStatus();
  });
}

absl::Status SqliteAttendanceStore::PutCheckIn(const domain::CheckInWindow& w) {
  return Guarded("PutCheckIn", [&]() -> absl::Status {
    auto& q = sql_.Prepare(
        "INSERT INTO check_in_window (session_id, secret, open_time, close_time, opened_by)"
        " VALUES (?, ?, ?, ?, ?) ON CONFLICT (session_id) DO UPDATE SET secret = excluded.secret,"
        " open_time = excluded.open_time, close_time = excluded.close_time,"
        " opened_by = excluded.opened_by");
    q.bind(1, w.session_id);
    q.bind(2, w.secret.data(), static_cast<int>(w.secret.size()));
    q.bind(3, Micros(w.open_time));
    q.bind(4, Micros(w.close_time));
    q.bind(5, w.opened_by);
    q.exec();
    return absl::OkStatus();
  });
}

}  // namespace trainhub::store
