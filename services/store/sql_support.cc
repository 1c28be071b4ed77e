#include "store/sql_support.h"

#include <nlohmann/json.hpp>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "domain/errors.h"
#include "domain/message.h"
#include "domain/text.h"

namespace trainhub::store {

SQLite::Statement& Sql::Prepare(const std::string& sql) {
  auto& slot = statements_[sql];
  if (!slot) {
    slot = std::make_unique<SQLite::Statement>(db_, sql);
  } else {
    slot->reset();
    slot->clearBindings();
  }
  return *slot;
}

void Sql::ResetStatements() {
  for (auto& [sql, statement] : statements_) {
    try {
      statement->reset();
    } catch (const std::exception&) {
      // reset() reports the statement's last error again; it is reset anyway.
    }
  }
}

absl::Status NotFound(absl::string_view kind, domain::Id id) {
  return domain::Refusal(
      absl::StatusCode::kNotFound,
      domain::Msg("{kind, select, organisation {organisation {id}} trainer {trainer {id}}"
                  " participant {participant {id}} series {series {id}} module {module {id}}"
                  " session {session {id}} enrolment {enrolment {id}} account {account {id}}"
                  " certificate {certificate {id}} qualification {qualification {id}}"
                  " audit_event {audit event {id}} attendance_record {attendance record {id}}"
                  " other {{kind} {id}}} does not exist",
                  {{"kind", domain::SelectKey(kind)}, {"id", id}}));
}

absl::Status CheckChanged(SQLite::Database& db, absl::string_view kind, domain::Id id) {
  if (db.getChanges() == 0) return NotFound(kind, id);
  return absl::OkStatus();
}

// Appends the keyset condition and limit for ascending (key, id) order.
void AddKeyset(std::string& sql, absl::string_view key_column, absl::string_view id_column,
               const domain::PageRequest& page) {
  if (page.after)
    absl::StrAppend(&sql, " AND (", key_column, ", ", id_column, ") > (:after_key, :after_id)");
  absl::StrAppend(&sql, " ORDER BY ", key_column, ", ", id_column, " LIMIT :limit");
}

void BindKeyset(SQLite::Statement& q, const domain::PageRequest& page) {
  if (page.after) {
    q.bind(":after_key", page.after->key);
    q.bind(":after_id", page.after->id);
  }
  q.bind(":limit", page.limit + 1);
}

std::string IdList(const std::vector<domain::Id>& ids) { return nlohmann::json(ids).dump(); }

// " AND (...)" limiting rows to what `v` may see; "" when it sees all.
// `series` and `session` name the query's aliases (session may be empty).
// Its parameters (:vis_orgs, :vis_trainer, :vis_open, :vis_participant) are
// bound by BindVisibility.
std::string VisibilityCondition(const domain::Visibility& v, absl::string_view series,
                                absl::string_view session) {
  if (v.everything) return "";
  // The visible series as one set whose parts are each read through an
  // index, so that the set can drive the query: a page costs what the
  // caller may see, not what the installation holds.
  std::vector<std::string> visible_series;
  if (!v.organizations.empty()) {
    visible_series.push_back(
        "SELECT vs.id FROM series vs"
        " WHERE vs.organization_id IN (SELECT value FROM json_each(:vis_orgs))");
    visible_series.push_back(
        "SELECT vp.series_id FROM series_partner vp"
        " WHERE vp.organization_id IN (SELECT value FROM json_each(:vis_orgs))");
  }
  if (v.trainer_id != 0 && session.empty()) {
    visible_series.push_back(
        "SELECT vm.series_id FROM session_trainer vt JOIN session vx ON vx.id = vt.session_id"
        " JOIN module vm ON vm.id = vx.module_id WHERE vt.trainer_id = :vis_trainer");
  }
  if (v.open_series) {
    visible_series.push_back("SELECT vo.id FROM series vo WHERE vo.status = :vis_open");
  }
  if (v.enrolled_participant_id != 0) {
    visible_series.push_back(
        "SELECT ve.series_id FROM enrolment ve WHERE ve.participant_id = :vis_participant");
  }
  std::vector<std::string> alternatives;
  if (!visible_series.empty()) {
    alternatives.push_back(
        absl::StrCat(series, ".id IN (", absl::StrJoin(visible_series, " UNION ALL "), ")"));
  }
  if (v.trainer_id != 0 && !session.empty()) {
    alternatives.push_back(absl::StrCat(session,
                                        ".id IN (SELECT vt.session_id FROM session_trainer vt"
                                        " WHERE vt.trainer_id = :vis_trainer)"));
  }
  if (alternatives.empty()) return " AND 0";
  return absl::StrCat(" AND (", absl::StrJoin(alternatives, " OR "), ")");
}

void BindVisibility(SQLite::Statement& q, const domain::Visibility& v) {
  if (v.everything) return;
  if (!v.organizations.empty()) q.bind(":vis_orgs", IdList(v.organizations));
  if (v.trainer_id != 0) q.bind(":vis_trainer", v.trainer_id);
  if (v.open_series) q.bind(":vis_open", static_cast<int>(domain::SeriesStatus::kOpenForEnrolment));
  if (v.enrolled_participant_id != 0) q.bind(":vis_participant", v.enrolled_participant_id);
}

std::string EmailKey(absl::string_view email) { return domain::Folded(email); }

std::optional<absl::Time> OptionalTimeOf(const SQLite::Column& column) {
  if (column.isNull()) return std::nullopt;
  return absl::FromUnixMicros(column.getInt64());
}

void BindOptionalTime(SQLite::Statement& q, int index, const std::optional<absl::Time>& t) {
  if (t) {
    q.bind(index, Micros(*t));
  } else {
    q.bind(index);
  }
}

std::string Placeholders(int n) {
  std::string out;
  for (int i = 0; i < n; ++i) absl::StrAppend(&out, i ? ", ?" : "?");
  return out;
}

std::string GroupsJson(const std::vector<domain::TargetGroup>& groups) {
  nlohmann::json out = nlohmann::json::array();
  for (domain::TargetGroup g : groups) out.push_back(static_cast<int>(g));
  return out.dump();
}

}  // namespace trainhub::store
