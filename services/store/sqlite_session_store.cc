#include "store/sqlite_session_store.h"

#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "domain/limits.h"
#include "domain/status_macros.h"
#include "domain/validation.h"
#include "store/attendance_years.h"
#include "store/sql_support.h"
#include "store/stored_numbers.h"

namespace trainhub::store {

using domain::Id;

namespace {
constexpr char kSessionColumns[] =
    "s.id, m.series_id, s.module_id, s.start_time, s.end_time, s.place_name,"
    " s.place_address, s.note, r.title, m.title, m.position, r.status";
constexpr char kSessionFrom[] =
    " FROM session s JOIN module m ON m.id = s.module_id"
    " JOIN series r ON r.id = m.series_id";

// SessionFilter::of as SQL over session s and series r, each alternative
// read through an index (session_trainer by trainer, enrolment by
// participant, series and series_partner by organisation).
std::string PartiesCondition(const domain::SessionParties& of) {
  if (of.everything) return "";
  std::vector<std::string> alternatives;
  if (of.trainer_id != 0) {
    alternatives.push_back(absl::StrCat(
        "s.id IN (SELECT ot.session_id FROM session_trainer ot WHERE ot.trainer_id = :of_trainer"
        " AND ot.status <> ",
        static_cast<int>(domain::BookingStatus::kDeclined), ")"));
  }
  if (of.participant_id != 0) {
    alternatives.push_back(
        "r.id IN (SELECT oe.series_id FROM enrolment oe WHERE oe.participant_id = :of_participant"
        " AND oe.state IN (" TH_SEAT_STATES "))");
  }
  if (!of.organizations.empty()) {
    alternatives.push_back(
        "r.id IN (SELECT os.id FROM series os WHERE os.organization_id IN"
        " (SELECT value FROM json_each(:of_orgs)) UNION ALL SELECT op.series_id FROM"
        " series_partner op WHERE op.organization_id IN (SELECT value FROM json_each(:of_orgs)))");
  }
  if (alternatives.empty()) return " AND 0";
  return absl::StrCat(" AND (", absl::StrJoin(alternatives, " OR "), ")");
}

void BindParties(SQLite::Statement& q, const domain::SessionParties& of) {
  if (of.everything) return;
  if (of.trainer_id != 0) q.bind(":of_trainer", of.trainer_id);
  if (of.participant_id != 0) q.bind(":of_participant", of.participant_id);
  if (!of.organizations.empty()) q.bind(":of_orgs", IdList(of.organizations));
}

}  // namespace

absl::StatusOr<domain::Session> SqliteSessionStore::LoadSession(SQLite::Statement& q) {
  domain::Session s;
  s.id = q.getColumn(0).getInt64();
  s.series_id = q.getColumn(1).getInt64();
  s.module_id = q.getColumn(2).getInt64();
  s.start = absl::FromUnixSeconds(q.getColumn(3).getInt64());
  s.end = absl::FromUnixSeconds(q.getColumn(4).getInt64());
  s.place.name = q.getColumn(5).getString();
  s.place.address = q.getColumn(6).getString();
  s.note = q.getColumn(7).getString();
  s.series_title = q.getColumn(8).getString();
  s.module_title = q.getColumn(9).getString();
  s.module_position = q.getColumn(10).getInt();
  s.series_status = static_cast<domain::SeriesStatus>(q.getColumn(11).getInt());
  auto& bookings = sql_.Prepare(
      "SELECT st.trainer_id, st.status, st.status_time, t.display_name"
      " FROM session_trainer st JOIN trainer t ON t.id = st.trainer_id"
      " WHERE st.session_id = ? ORDER BY st.position");
  bookings.bind(1, s.id);
  while (bookings.executeStep()) {
    domain::TrainerBooking b;
    b.trainer_id = bookings.getColumn(0).getInt64();
    b.status = static_cast<domain::BookingStatus>(bookings.getColumn(1).getInt());
    b.status_time = absl::FromUnixMicros(bookings.getColumn(2).getInt64());
    b.trainer_name = bookings.getColumn(3).getString();
    s.trainers.push_back(std::move(b));
  }
  return s;
}

absl::StatusOr<domain::Session> SqliteSessionStore::Get(Id id) {
  return Guarded("GetSession", [&]() -> absl::StatusOr<domain::Session> {
    auto& q =
        sql_.Prepare(absl::StrCat("SELECT ", kSessionColumns, kSessionFrom, " WHERE s.id = ?"));
    q.bind(1, id);
    if (!q.executeStep()) return NotFound("session", id);
    return LoadSession(q);
  });
}

absl::StatusOr<domain::Page<domain::Session>> SqliteSessionStore::List(
    const domain::SessionFilter& filter, const domain::PageRequest& page) {
  return Guarded("ListSessions", [&]() -> absl::StatusOr<domain::Page<domain::Session>> {
    std::string sql = absl::StrCat("SELECT ", kSessionColumns, kSessionFrom);
    if (filter.trainer_id != 0) {
      absl::StrAppend(&sql,
                      " JOIN session_trainer st ON st.session_id = s.id"
                      " AND st.trainer_id = :trainer AND st.status <> ",
                      static_cast<int>(domain::BookingStatus::kDeclined));
      if (filter.pending_only) {
        absl::StrAppend(&sql,
                        " AND st.status = ", static_cast<int>(domain::BookingStatus::kRequested));
      }
    }
    absl::StrAppend(&sql, " WHERE 1");
    if (filter.pending_only && filter.trainer_id == 0) {
      absl::StrAppend(&sql,
                      " AND EXISTS (SELECT 1 FROM session_trainer p"
                      " WHERE p.session_id = s.id AND p.status = ",
                      static_cast<int>(domain::BookingStatus::kRequested), ")");
    }
    if (filter.series_id != 0) absl::StrAppend(&sql, " AND m.series_id = :series");
    if (filter.module_id != 0) absl::StrAppend(&sql, " AND s.module_id = :module");
    if (filter.organization_id != 0) {
      absl::StrAppend(&sql,
                      " AND (r.organization_id = :org OR EXISTS (SELECT 1"
                      " FROM series_partner p WHERE p.series_id = r.id"
                      " AND p.organization_id = :org))");
    }
    if (filter.from) absl::StrAppend(&sql, " AND s.end_time > :from");
    if (filter.to) absl::StrAppend(&sql, " AND s.start_time < :to");
    if (filter.skip_cancelled_series) absl::StrAppend(&sql, " AND r.status <> :cancelled");
    if (filter.visible_to) absl::StrAppend(&sql, VisibilityCondition(*filter.visible_to, "r", "s"));
    if (filter.of) absl::StrAppend(&sql, PartiesCondition(*filter.of));
    AddKeyset(sql, "s.start_time", "s.id", page);
    auto& q = sql_.Prepare(sql);
    if (filter.trainer_id != 0) q.bind(":trainer", filter.trainer_id);
    if (filter.series_id != 0) q.bind(":series", filter.series_id);
    if (filter.module_id != 0) q.bind(":module", filter.module_id);
    if (filter.organization_id != 0) q.bind(":org", filter.organization_id);
    if (filter.from) q.bind(":from", Seconds(*filter.from));
    if (filter.to) q.bind(":to", Seconds(*filter.to));
    if (filter.skip_cancelled_series) {
      q.bind(":cancelled", static_cast<int>(domain::SeriesStatus::kCancelled));
    }
    if (filter.visible_to) BindVisibility(q, *filter.visible_to);
    if (filter.of) BindParties(q, *filter.of);
    BindKeyset(q, page);
    std::vector<domain::Session> items;
    while (q.executeStep()) {
      TH_ASSIGN_OR_RETURN(domain::Session s, LoadSession(q));
      items.push_back(std::move(s));
    }
    return MakePage(std::move(items), page,
                    [](const domain::Session& s) { return Seconds(s.start); });
  });
}

absl::StatusOr<std::vector<domain::Session>> SqliteSessionStore::FindOverlapping(
    absl::Time start, absl::Time end, const std::vector<Id>& trainer_ids,
    absl::string_view place_key, Id exclude_session_id) {
  return Guarded("FindOverlappingSessions", [&]() -> absl::StatusOr<std::vector<domain::Session>> {
    // Sessions last at most kMaxSessionLength, so one that overlaps
    // [start, end) starts in (start - kMaxSessionLength, end): both bounds
    // on an indexed start_time.
    const int64_t earliest_start = Seconds(start - domain::kMaxSessionLength);
    std::vector<Id> ids;
    auto collect = [&](SQLite::Statement& q) {
      while (q.executeStep()) {
        const Id id = q.getColumn(0).getInt64();
        if (std::find(ids.begin(), ids.end(), id) == ids.end()) ids.push_back(id);
      }
    };
    const std::string common = absl::StrCat(
        " AND s.start_time > :earliest AND s.start_time < :end"
        " AND s.end_time > :start AND s.id <> :exclude"
        " AND r.status <> ",
        static_cast<int>(domain::SeriesStatus::kCancelled));
    for (Id trainer_id : trainer_ids) {
      auto& q =
          sql_.Prepare(absl::StrCat("SELECT s.id FROM session_trainer st JOIN session s"
                                    " ON s.id = st.session_id JOIN module m ON m.id = s.module_id"
                                    " JOIN series r ON r.id = m.series_id"
                                    " WHERE st.trainer_id = :trainer AND st.status <> ",
                                    static_cast<int>(domain::BookingStatus::kDeclined), common));
      q.bind(":trainer", trainer_id);
      q.bind(":earliest", earliest_start);
      q.bind(":end", Seconds(end));
      q.bind(":start", Seconds(start));
      q.bind(":exclude", exclude_session_id);
      collect(q);
    }
    if (!place_key.empty()) {
      auto& q =
          sql_.Prepare(absl::StrCat("SELECT s.id FROM session s JOIN module m ON m.id = s.module_id"
                                    " JOIN series r ON r.id = m.series_id"
                                    " WHERE s.place_key = :place AND s.place_key <> ''",
                                    common));
      q.bind(":place", std::string(place_key));
      q.bind(":earliest", earliest_start);
      q.bind(":end", Seconds(end));
      q.bind(":start", Seconds(start));
      q.bind(":exclude", exclude_session_id);
      collect(q);
    }
    std::vector<domain::Session> sessions;
    for (Id id : ids) {
      TH_ASSIGN_OR_RETURN(domain::Session s, Get(id));
      sessions.push_back(std::move(s));
    }
    std::sort(sessions.begin(), sessions.end(),
              [](const domain::Session& a, const domain::Session& b) {
                return std::pair(a.start, a.id) < std::pair(b.start, b.id);
              });
    return sessions;
  });
}

absl::Status SqliteSessionStore::WriteBookings(const domain::Session& session) {
  auto& clear = sql_.Prepare("DELETE FROM session_trainer WHERE session_id = ?");
  clear.bind(1, session.id);
  clear.exec();
  for (size_t i = 0; i < session.trainers.size(); ++i) {
    const domain::TrainerBooking& b = session.trainers[i];
    auto& q = sql_.Prepare(
        "INSERT INTO session_trainer (session_id, trainer_id, position, status,"
        " status_time) VALUES (?, ?, ?, ?, ?)");
    q.bind(1, session.id);
    q.bind(2, b.trainer_id);
    q.bind(3, static_cast<int>(i));
    q.bind(4, static_cast<int>(b.status));
    q.bind(5, Micros(b.status_time));
    q.exec();
  }
  return absl::OkStatus();
}

absl::StatusOr<Id> SqliteSessionStore::Insert(const domain::Session& session) {
  return Guarded("InsertSession", [&]() -> absl::StatusOr<Id> {
    auto& q = sql_.Prepare(
        "INSERT INTO session (module_id, start_time, end_time, place_name,"
        " place_address, place_key, note) VALUES (?, ?, ?, ?, ?, ?, ?)");
    q.bind(1, session.module_id);
    q.bind(2, Seconds(session.start));
    q.bind(3, Seconds(session.end));
    q.bind(4, session.place.name);
    q.bind(5, session.place.address);
    q.bind(6, domain::PlaceKey(session.place));
    q.bind(7, session.note);
    q.exec();
    domain::Session stored = session;
    stored.id = sql_.db().getLastInsertRowid();
    TH_RETURN_IF_ERROR(WriteBookings(stored));
    return stored.id;
  });
}

absl::Status SqliteSessionStore::Update(const domain::Session& session) {
  return Guarded("UpdateSession", [&]() -> absl::Status {
    auto& before = sql_.Prepare("SELECT start_time, end_time FROM session WHERE id = ?");
    before.bind(1, session.id);
    const bool found = before.executeStep();
    const int64_t old_start = found ? before.getColumn(0).getInt64() : 0;
    const int64_t old_end = found ? before.getColumn(1).getInt64() : 0;
    before.reset();
    auto& q = sql_.Prepare(
        "UPDATE session SET start_time = ?, end_time = ?, place_name = ?,"
        " place_address = ?, place_key = ?, note = ? WHERE id = ?");
    q.bind(1, Seconds(session.start));
    q.bind(2, Seconds(session.end));
    q.bind(3, session.place.name);
    q.bind(4, session.place.address);
    q.bind(5, domain::PlaceKey(session.place));
    q.bind(6, session.note);
    q.bind(7, session.id);
    q.exec();
    TH_RETURN_IF_ERROR(CheckChanged(sql_.db(), "session", session.id));
    if (found && (old_start != Seconds(session.start) || old_end != Seconds(session.end))) {
      RecountMovedSession(sql_, session.id, old_start);
    }
    return WriteBookings(session);
  });
}

absl::Status SqliteSessionStore::Delete(Id id) {
  return Guarded("DeleteSession", [&]() -> absl::Status {
    auto& q = sql_.Prepare("DELETE FROM session WHERE id = ?");
    q.bind(1, id);
    q.exec();
    return CheckChanged(sql_.db(), "session", id);
  });
}

}  // namespace trainhub::store
