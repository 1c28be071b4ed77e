#include "store/sqlite_completion_store.h"

#include "absl/strings/str_cat.h"
#include "store/stored_numbers.h"

namespace trainhub::store {

using domain::CompletionDecision;
using domain::CompletionRule;
using domain::Id;

namespace {

constexpr char kDecisionColumns[] =
    "d.id, d.series_id, d.participant_id, d.outcome, d.reason, d.account_id,"
    " coalesce((SELECT a.display_name FROM account a WHERE a.id = d.account_id), ''),"
    " d.record_time";

CompletionDecision ReadDecision(SQLite::Statement& q) {
  CompletionDecision d;
  d.id = q.getColumn(0).getInt64();
  d.series_id = q.getColumn(1).getInt64();
  d.participant_id = q.getColumn(2).getInt64();
  d.outcome = static_cast<domain::CompletionOutcome>(q.getColumn(3).getInt());
  d.reason = q.getColumn(4).getString();
  d.account_id = q.getColumn(5).getInt64();
  d.account_name = q.getColumn(6).getString();
  d.record_time = absl::FromUnixMicros(q.getColumn(7).getInt64());
  return d;
}

}  // namespace

absl::StatusOr<std::optional<CompletionRule>> SqliteCompletionStore::GetRule(Id series_id) {
  return Guarded("GetCompletionRule", [&]() -> absl::StatusOr<std::optional<CompletionRule>> {
    auto& q = sql_.Prepare(
        "SELECT r.all_modules, r.min_modules, r.mandatory_modules, r.max_excused,"
        " r.min_teaching_unit_percent, r.allowed_minutes_missed, r.confirmation_min_modules,"
        " r.updated_by, coalesce((SELECT a.display_name FROM account a"
        "   WHERE a.id = r.updated_by), ''), r.update_time"
        " FROM completion_rule r WHERE r.series_id = ?");
    q.bind(1, series_id);
    if (!q.executeStep()) return std::optional<CompletionRule>();
    CompletionRule rule;
    rule.series_id = series_id;
    rule.is_default = false;
    rule.all_modules = q.getColumn(0).getInt() != 0;
    rule.min_modules = q.getColumn(1).getInt();
    rule.mandatory_modules = q.getColumn(2).getInt() != 0;
    if (!q.getColumn(3).isNull()) rule.max_excused = q.getColumn(3).getInt();
    rule.min_teaching_unit_percent = q.getColumn(4).getInt();
    rule.allowed_minutes_missed = q.getColumn(5).getInt();
    rule.confirmation_min_modules = q.getColumn(6).getInt();
    rule.updated_by = q.getColumn(7).getInt64();
    rule.updated_by_name = q.getColumn(8).getString();
    rule.update_time = absl::FromUnixMicros(q.getColumn(9).getInt64());
    return std::optional<CompletionRule>(std::move(rule));
  });
}

absl::StatusOr<std::vector<CompletionDecision>> SqliteCompletionStore::ListLatestDecisions(
    Id series_id) {
  return Guarded(
      "ListLatestCompletionDecisions", [&]() -> absl::StatusOr<std::vector<CompletionDecision>> {
        // completion_decision_by_person gives each person's
        // newest decision through its max(id).
        auto& q =
            sql_.Prepare(absl::StrCat("SELECT ", kDecisionColumns,
                                      " FROM completion_decision d WHERE d.id IN (SELECT max(id)"
                                      " FROM completion_decision WHERE series_id = ?1"
                                      " GROUP BY participant_id) ORDER BY d.participant_id"));
        q.bind(1, series_id);
        std::vector<CompletionDecision> out;
        while (q.executeStep()) out.push_back(ReadDecision(q));
        return out;
      });
}

absl::StatusOr<domain::Page<CompletionDecision>> SqliteCompletionStore::ListDecisions(
    Id series_id, Id participant_id, const domain::PageRequest& page) {
  std::string select = absl::StrCat("SELECT ", kDecisionColumns,
                                    " FROM completion_decision d WHERE d.series_id = :series");
  if (participant_id != 0) absl::StrAppend(&select, " AND d.participant_id = :participant");
  return ListById<CompletionDecision>(sql_, "ListCompletionDecisions", select, page, ReadDecision,
                                      [&](SQLite::Statement& q) {
                                        q.bind(":series", series_id);
                                        if (participant_id != 0) {
                                          q.bind(":participant", participant_id);
                                        }
                                      });
}

absl::Status SqliteCompletionStore::PutRule(const CompletionRule& rule) {
  return Guarded("PutCompletionRule", [&]() -> absl::Status {
    auto& q = sql_.Prepare(
        "INSERT INTO completion_rule (series_id, all_modules, min_modules, mandatory_modules,"
        " max_excused, min_teaching_unit_percent, allowed_minutes_missed,"
        " confirmation_min_modules, updated_by, update_time)"
        " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10) ON CONFLICT (series_id) DO UPDATE SET"
        " all_modules = ?2, min_modules = ?3, mandatory_modules = ?4, max_excused = ?5,"
        " min_teaching_unit_percent = ?6, allowed_minutes_missed = ?7,"
        " confirmation_min_modules = ?8, updated_by = ?9, update_time = ?10");
    q.bind(1, rule.series_id);
    q.bind(2, rule.all_modules ? 1 : 0);
    q.bind(3, rule.min_modules);
    q.bind(4, rule.mandatory_modules ? 1 : 0);
    if (rule.max_excused) {
      q.bind(5, *rule.max_excused);
    } else {
      q.bind(5);
    }
    q.bind(6, rule.min_teaching_unit_percent);
    q.bind(7, rule.allowed_minutes_missed);
    q.bind(8, rule.confirmation_min_modules);
    q.bind(9, rule.updated_by);
    q.bind(10, Micros(rule.update_time));
    q.exec();
    return absl::OkStatus();
  });
}

absl::StatusOr<Id> SqliteCompletionStore::AppendDecision(const CompletionDecision& d) {
  return Guarded("AppendCompletionDecision", [&]() -> absl::StatusOr<Id> {
    auto& q = sql_.Prepare(
        "INSERT INTO completion_decision (series_id, participant_id, outcome, reason,"
        " account_id, record_time) VALUES (?, ?, ?, ?, ?, ?)");
    q.bind(1, d.series_id);
    q.bind(2, d.participant_id);
    q.bind(3, static_cast<int>(d.outcome));
    q.bind(4, d.reason);
    q.bind(5, d.account_id);
    q.bind(6, Micros(d.record_time));
    q.exec();
    return Id{sql_.db().getLastInsertRowid()};
  });
}

}  // namespace trainhub::store
