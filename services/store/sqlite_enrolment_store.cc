#include "store/sqlite_enrolment_store.h"

#include "absl/strings/str_cat.h"
#include "domain/status_macros.h"
#include "store/sql_support.h"
#include "store/stored_numbers.h"

namespace trainhub::store {

using domain::Id;

namespace {

// SQL of the 1-based waiting position of the queue number `queue` in the
// series `series` (SQL expressions), for someone who is waiting: the people
// waiting in whole ranges of 4096 and then of 64 queue numbers before it,
// plus those in its own range of 64 up to it (waitlist_range, schema
// migration 11). It reads at most n/4096 + 64 counts and 64 rows.
std::string WaitlistPositionSql(absl::string_view series, absl::string_view queue) {
  return absl::StrCat(
      "((SELECT coalesce(sum(g.waiting), 0) FROM waitlist_range g WHERE g.series_id = ", series,
      " AND g.width = 4096 AND g.bucket < ", queue, " / 4096)",
      " + (SELECT coalesce(sum(g.waiting), 0) FROM waitlist_range g WHERE g.series_id = ", series,
      " AND g.width = 64 AND g.bucket >= ", queue, " / 4096 * 64 AND g.bucket < ", queue, " / 64)",
      " + (SELECT count(*) FROM enrolment w WHERE w.series_id = ", series,
      " AND w.state = " TH_WAITLISTED_STATE " AND w.queue_number >= ", queue,
      " / 64 * 64 AND w.queue_number <= ", queue, "))");
}

// An active enrolment (e) in a series (r) that requires a qualification its
// person does not hold: one lookup in qualification's (participant_id,
// title_key) index, only for series with a requirement.
constexpr char kRequirementUnmet[] =
    "(r.required_qualification_key <> '' AND e.state IN (" TH_ACTIVE_STATES ")"
    " AND NOT EXISTS (SELECT 1 FROM qualification q WHERE q.participant_id = e.participant_id"
    " AND q.title_key = r.required_qualification_key))";

// The columns ReadEnrolment reads; `position` is the SQL of the waiting
// position of a waiting row.
std::string EnrolmentColumns(absl::string_view position) {
  return absl::StrCat(
      "e.id, e.series_id, e.participant_id, e.state, e.queue_number, e.request_time,"
      " e.seat_time, e.eligibility_overridden, e.update_time,"
      " CASE WHEN e.state = " TH_WAITLISTED_STATE " THEN ",
      position, " ELSE 0 END, p.display_name, p.organization_id, r.title, e.note,",
      " CASE WHEN ", kRequirementUnmet, " THEN r.required_qualification ELSE '' END");
}

// The columns with each waiting row's own position computed.
const std::string& ColumnsWithPositions() {
  static const std::string* const columns =
      new std::string(EnrolmentColumns(WaitlistPositionSql("e.series_id", "e.queue_number")));
  return *columns;
}
constexpr char kEnrolmentFrom[] =
    " FROM enrolment e JOIN participant p ON p.id = e.participant_id"
    " JOIN series r ON r.id = e.series_id";

domain::Enrolment ReadEnrolment(SQLite::Statement& q) {
  domain::Enrolment e;
  e.id = q.getColumn(0).getInt64();
  e.series_id = q.getColumn(1).getInt64();
  e.participant_id = q.getColumn(2).getInt64();
  e.state = static_cast<domain::EnrolmentState>(q.getColumn(3).getInt());
  e.queue_number = q.getColumn(4).getInt64();
  e.request_time = absl::FromUnixMicros(q.getColumn(5).getInt64());
  if (!q.getColumn(6).isNull()) e.seat_time = absl::FromUnixMicros(q.getColumn(6).getInt64());
  e.eligibility_overridden = q.getColumn(7).getInt() != 0;
  e.update_time = absl::FromUnixMicros(q.getColumn(8).getInt64());
  e.waitlist_position = q.getColumn(9).getInt();
  e.participant_name = q.getColumn(10).getString();
  e.participant_organization_id = q.getColumn(11).getInt64();
  e.series_title = q.getColumn(12).getString();
  e.note = q.getColumn(13).getString();
  e.missing_qualification = q.getColumn(14).getString();
  return e;
}

// Binds the stored fields of `e` to parameters 1..7 in kEnrolmentWriteColumns order.
constexpr char kEnrolmentWriteColumns[] =
    "state, queue_number, request_time, seat_time, eligibility_overridden, update_time, note";
void BindEnrolment(SQLite::Statement& q, const domain::Enrolment& e) {
  q.bind(1, static_cast<int>(e.state));
  q.bind(2, e.queue_number);
  q.bind(3, Micros(e.request_time));
  BindOptionalTime(q, 4, e.seat_time);
  q.bind(5, e.eligibility_overridden ? 1 : 0);
  q.bind(6, Micros(e.update_time));
  q.bind(7, e.note);
}

}  // namespace

absl::StatusOr<domain::Enrolment> SqliteEnrolmentStore::Get(Id id) {
  return Guarded("GetEnrolment", [&]() -> absl::StatusOr<domain::Enrolment> {
    auto& q = sql_.Prepare(
        absl::StrCat("SELECT ", ColumnsWithPositions(), kEnrolmentFrom, " WHERE e.id = ?"));
    q.bind(1, id);
    if (!q.executeStep()) return NotFound("enrolment", id);
    return ReadEnrolment(q);
  });
}

absl::StatusOr<std::optional<domain::Enrolment>> SqliteEnrolmentStore::Find(Id series_id,
                                                                            Id participant_id) {
  return Guarded("FindEnrolment", [&]() -> absl::StatusOr<std::optional<domain::Enrolment>> {
    auto& q = sql_.Prepare(absl::StrCat("SELECT ", ColumnsWithPositions(), kEnrolmentFrom,
                                        " WHERE e.series_id = ? AND e.participant_id = ?"));
    q.bind(1, series_id);
    q.bind(2, participant_id);
    if (!q.executeStep()) return std::optional<domain::Enrolment>();
    return std::optional<domain::Enrolment>(ReadEnrolment(q));
  });
}

absl::StatusOr<domain::Page<domain::Enrolment>> SqliteEnrolmentStore::List(
    const domain::EnrolmentFilter& filter, const domain::PageRequest& page) {
  return Guarded("ListEnrolments", [&]() -> absl::StatusOr<domain::Page<domain::Enrolment>> {
    // Within a series in arrival order; across series by id (queue numbers
    // count per series). In arrival order the waiting rows of a page are
    // consecutive on the waiting list (no filter but the unmet requirement
    // leaves out a waiting row between two it keeps): then only the first
    // one's position is computed.
    const bool by_arrival = filter.series_id != 0;
    const bool consecutive = by_arrival && !filter.requirement_unmet_only;
    std::string sql =
        absl::StrCat("SELECT ", consecutive ? EnrolmentColumns("0") : ColumnsWithPositions(),
                     kEnrolmentFrom, " WHERE 1");
    if (filter.series_id != 0) absl::StrAppend(&sql, " AND e.series_id = :series");
    if (filter.participant_id != 0) absl::StrAppend(&sql, " AND e.participant_id = :participant");
    std::vector<Id> states;
    for (domain::EnrolmentState state : filter.states) states.push_back(static_cast<int>(state));
    // One state reads enrolment_by_series_state in queue order (the next
    // person waiting is found without passing the seated ones).
    if (states.size() == 1) {
      absl::StrAppend(&sql, " AND e.state = :state");
    } else if (!states.empty()) {
      absl::StrAppend(&sql, " AND e.state IN (SELECT value FROM json_each(:states))");
    }
    if (filter.requirement_unmet_only) absl::StrAppend(&sql, " AND ", kRequirementUnmet);
    domain::Visibility visible;
    if (filter.organizations) {
      visible.organizations = *filter.organizations;
      absl::StrAppend(&sql, VisibilityCondition(visible, "r", ""));
    }
    AddKeyset(sql, by_arrival ? "e.queue_number" : "e.id", "e.id", page);
    auto& q = sql_.Prepare(sql);
    if (filter.series_id != 0) q.bind(":series", filter.series_id);
    if (filter.participant_id != 0) q.bind(":participant", filter.participant_id);
    if (states.size() == 1) q.bind(":state", states[0]);
    if (states.size() > 1) q.bind(":states", IdList(states));
    if (filter.organizations) BindVisibility(q, visible);
    BindKeyset(q, page);
    std::vector<domain::Enrolment> items;
    while (q.executeStep()) items.push_back(ReadEnrolment(q));
    if (consecutive) TH_RETURN_IF_ERROR(NumberWaitingRows(filter.series_id, items));
    return MakePage(std::move(items), page, [by_arrival](const domain::Enrolment& e) {
      return by_arrival ? e.queue_number : e.id;
    });
  });
}

absl::Status SqliteEnrolmentStore::NumberWaitingRows(Id series_id,
                                                     std::vector<domain::Enrolment>& items) {
  int position = 0;
  for (domain::Enrolment& e : items) {
    if (e.state != domain::EnrolmentState::kWaitlisted) continue;
    if (position == 0) {
      auto& q = sql_.Prepare(absl::StrCat("SELECT ", WaitlistPositionSql(":series", ":queue")));
      q.bind(":series", series_id);
      q.bind(":queue", e.queue_number);
      q.executeStep();
      position = q.getColumn(0).getInt();
    } else {
      ++position;
    }
    e.waitlist_position = position;
  }
  return absl::OkStatus();
}

absl::StatusOr<int64_t> SqliteEnrolmentStore::NextQueueNumber(Id series_id) {
  return Guarded("NextQueueNumber", [&]() -> absl::StatusOr<int64_t> {
    auto& q = sql_.Prepare(
        "SELECT coalesce(max(queue_number), 0) + 1 FROM enrolment WHERE series_id = ?");
    q.bind(1, series_id);
    q.executeStep();
    return q.getColumn(0).getInt64();
  });
}

absl::StatusOr<std::vector<domain::SeatChange>> SqliteEnrolmentStore::ListSeatChanges(
    Id series_id) {
  return Guarded("ListSeatChanges", [&]() -> absl::StatusOr<std::vector<domain::SeatChange>> {
    auto& q = sql_.Prepare(
        "SELECT e.participant_id, p.display_name, p.organization_id, c.time, c.to_state,"
        " p.search_key"
        " FROM seat_holder h JOIN enrolment e ON e.id = h.enrolment_id"
        " JOIN participant p ON p.id = e.participant_id"
        " JOIN enrolment_change c ON c.enrolment_id = e.id WHERE h.series_id = ?"
        " ORDER BY h.enrolment_id, c.id");
    q.bind(1, series_id);
    std::vector<domain::SeatChange> out;
    while (q.executeStep()) {
      domain::SeatChange c;
      c.participant_id = q.getColumn(0).getInt64();
      c.participant_name = q.getColumn(1).getString();
      c.participant_organization_id = q.getColumn(2).getInt64();
      c.time = absl::FromUnixMicros(q.getColumn(3).getInt64());
      c.to = static_cast<domain::EnrolmentState>(q.getColumn(4).getInt());
      c.participant_sort_key = q.getColumn(5).getString();
      out.push_back(std::move(c));
    }
    return out;
  });
}

absl::StatusOr<domain::Page<domain::EnrolmentChange>> SqliteEnrolmentStore::ListChanges(
    Id enrolment_id, const domain::PageRequest& page) {
  return Guarded(
      "ListEnrolmentChanges", [&]() -> absl::StatusOr<domain::Page<domain::EnrolmentChange>> {
        std::string sql =
            "SELECT c.id, c.enrolment_id, c.time, c.from_state, c.to_state, c.account_id,"
            " c.reason, coalesce(a.display_name, '') FROM enrolment_change c"
            " LEFT JOIN account a ON a.id = c.account_id WHERE c.enrolment_id = :enrolment";
        AddKeyset(sql, "c.id", "c.id", page);
        auto& q = sql_.Prepare(sql);
        q.bind(":enrolment", enrolment_id);
        BindKeyset(q, page);
        std::vector<domain::EnrolmentChange> items;
        while (q.executeStep()) {
          domain::EnrolmentChange c;
          c.id = q.getColumn(0).getInt64();
          c.enrolment_id = q.getColumn(1).getInt64();
          c.time = absl::FromUnixMicros(q.getColumn(2).getInt64());
          c.from = static_cast<domain::EnrolmentState>(q.getColumn(3).getInt());
          c.to = static_cast<domain::EnrolmentState>(q.getColumn(4).getInt());
          c.account_id = q.getColumn(5).getInt64();
          c.reason = q.getColumn(6).getString();
          c.account_name = q.getColumn(7).getString();
          items.push_back(std::move(c));
        }
        return MakePage(std::move(items), page,
                        [](const domain::EnrolmentChange& c) { return c.id; });
      });
}

absl::StatusOr<int64_t> SqliteEnrolmentStore::Count(Id series_id) {
  return Guarded("CountEnrolments", [&]() -> absl::StatusOr<int64_t> {
    auto& q = sql_.Prepare("SELECT count(*) FROM enrolment WHERE series_id = ?");
    q.bind(1, series_id);
    q.executeStep();
    return q.getColumn(0).getInt64();
  });
}

absl::StatusOr<domain::Places> SqliteEnrolmentStore::CountPlaces(Id series_id) {
  return Guarded("CountPlaces", [&]() -> absl::StatusOr<domain::Places> {
    auto& q =
        sql_.Prepare("SELECT seats_taken, waitlist_length FROM series_places WHERE series_id = ?");
    q.bind(1, series_id);
    if (!q.executeStep()) return domain::Places{};  // no enrolment ever
    return domain::Places{q.getColumn(0).getInt(), q.getColumn(1).getInt()};
  });
}

absl::StatusOr<Id> SqliteEnrolmentStore::Insert(const domain::Enrolment& enrolment) {
  return Guarded("InsertEnrolment", [&]() -> absl::StatusOr<Id> {
    auto& q =
        sql_.Prepare(absl::StrCat("INSERT INTO enrolment (", kEnrolmentWriteColumns,
                                  ", series_id, participant_id) VALUES (", Placeholders(9), ")"));
    BindEnrolment(q, enrolment);
    q.bind(8, enrolment.series_id);
    q.bind(9, enrolment.participant_id);
    q.exec();
    const Id id = sql_.db().getLastInsertRowid();
    return id;
  });
}

absl::Status SqliteEnrolmentStore::Update(const domain::Enrolment& enrolment) {
  return Guarded("UpdateEnrolment", [&]() -> absl::Status {
    auto& q = sql_.Prepare(absl::StrCat("UPDATE enrolment SET (", kEnrolmentWriteColumns, ") = (",
                                        Placeholders(7), ") WHERE id = ?"));
    BindEnrolment(q, enrolment);
    q.bind(8, enrolment.id);
    q.exec();
    return CheckChanged(sql_.db(), "enrolment", enrolment.id);
  });
}

absl::Status SqliteEnrolmentStore::AppendChange(const domain::EnrolmentChange& change) {
  return Guarded("AppendEnrolmentChange", [&]() -> absl::Status {
    auto& q = sql_.Prepare(
        "INSERT INTO enrolment_change (enrolment_id, time, from_state, to_state, account_id,"
        " reason) VALUES (?, ?, ?, ?, ?, ?)");
    q.bind(1, change.enrolment_id);
    q.bind(2, Micros(change.time));
    q.bind(3, static_cast<int>(change.from));
    q.bind(4, static_cast<int>(change.to));
    q.bind(5, change.account_id);
    q.bind(6, change.reason);
    q.exec();
    return absl::OkStatus();
  });
}

}  // namespace trainhub::store
