#include "store/sqlite_report_store.h"

#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "store/stored_numbers.h"

namespace trainhub::store {

using domain::Id;
using domain::ReportScope;

namespace {

// The condition limiting `column` (a series id) to the scope; its
// parameters are bound by BindScope.
std::string ScopeCondition(const ReportScope& scope, absl::string_view column) {
  if (scope.everything) return "1";
  if (scope.organization_id != 0) {
    return absl::StrCat(column, " IN (SELECT id FROM series WHERE organization_id = :scope_org)");
  }
  return absl::StrCat(column, " IN (SELECT value FROM json_each(:scope_series))");
}

void BindScope(SQLite::Statement& q, const ReportScope& scope) {
  if (scope.everything) return;
  if (scope.organization_id != 0) {
    q.bind(":scope_org", scope.organization_id);
  } else {
    q.bind(":scope_series", IdList(scope.series_ids));
  }
}

// Sessions keep their times in seconds (:from_s, :to_s), the other tables
// in microseconds (:from, :to); a statement binds those it names.
void BindPeriod(SQLite::Statement& q, absl::Time from, absl::Time to) {
  const std::pair<const char*, int64_t> values[] = {{":from", Micros(from)},
                                                    {":to", Micros(to)},
                                                    {":from_s", Seconds(from)},
                                                    {":to_s", Seconds(to)}};
  for (const auto& [name, value] : values) {
    if (q.getIndex(name) != 0) q.bind(name, value);
  }
}

}  // namespace

absl::StatusOr<std::vector<Id>> SqliteReportStore::ScopeSeries(const ReportScope& scope) {
  return Guarded("ListReportSeries", [&]() -> absl::StatusOr<std::vector<Id>> {
    auto& q = sql_.Prepare(
        absl::StrCat("SELECT id FROM series WHERE ", ScopeCondition(scope, "id"), " ORDER BY id"));
    BindScope(q, scope);
    std::vector<Id> ids;
    while (q.executeStep()) ids.push_back(q.getColumn(0).getInt64());
    return ids;
  });
}

absl::StatusOr<std::vector<domain::ParticipationFacts>> SqliteReportStore::Participations(
    const ReportScope& scope, absl::Time from, absl::Time to) {
  return Guarded(
      "ListReportParticipations", [&]() -> absl::StatusOr<std::vector<domain::ParticipationFacts>> {
        // The period's sessions come from session_by_start (every series) or
        // the scope's modules; each one's statuses are a range of
        // attendance_current's key.
        auto& q = sql_.Prepare(
            absl::StrCat("SELECT g.participant_id, g.series_id, g.attended, g.excused, g.absent,"
                         " p.organization_id, coalesce(json_extract(p.target_groups, '$[0]'), 0),"
                         " p.training_year FROM ("
                         "SELECT c.participant_id, c.series_id,"
                         " sum(c.status IN (" TH_ATTENDED_STATUSES ")) AS attended,"
                         " sum(c.status = " TH_EXCUSED_STATUS ") AS excused,"
                         " sum(c.status = " TH_ABSENT_STATUS ") AS absent"
                         " FROM session s JOIN module m ON m.id = s.module_id"
                         " JOIN attendance_current c ON c.session_id = s.id"
                         " WHERE s.start_time >= :from_s AND s.start_time < :to_s AND ",
                         ScopeCondition(scope, "m.series_id"),
                         " GROUP BY c.participant_id, c.series_id) g"
                         " JOIN participant p ON p.id = g.participant_id"
                         " ORDER BY g.participant_id, g.series_id"));
        BindPeriod(q, from, to);
        BindScope(q, scope);
        std::vector<domain::ParticipationFacts> out;
        while (q.executeStep()) {
          domain::ParticipationFacts f;
          f.participant_id = q.getColumn(0).getInt64();
          f.series_id = q.getColumn(1).getInt64();
          f.attended = q.getColumn(2).getInt();
          f.excused = q.getColumn(3).getInt();
          f.absent = q.getColumn(4).getInt();
          f.organization_id = q.getColumn(5).getInt64();
          f.first_target_group = static_cast<domain::TargetGroup>(q.getColumn(6).getInt());
          f.training_year = q.getColumn(7).getInt();
          out.push_back(f);
        }
        return out;
      });
}

absl::StatusOr<std::vector<domain::HeldSession>> SqliteReportStore::HeldSessions(
    const ReportScope& scope, absl::Time from, absl::Time to) {
  return Guarded("ListHeldSessions", [&]() -> absl::StatusOr<std::vector<domain::HeldSession>> {
    auto& q = sql_.Prepare(
        absl::StrCat("SELECT s.id, m.series_id FROM session s JOIN module m ON m.id = s.module_id"
                     " WHERE s.start_time >= :from_s AND s.start_time < :to_s AND ",
                     ScopeCondition(scope, "m.series_id"),
                     " AND EXISTS (SELECT 1 FROM attendance_current c WHERE c.session_id = s.id)"
                     " ORDER BY s.id"));
    BindPeriod(q, from, to);
    BindScope(q, scope);
    std::vector<domain::HeldSession> out;
    while (q.executeStep()) out.push_back({q.getColumn(0).getInt64(), q.getColumn(1).getInt64()});
    return out;
  });
}

absl::StatusOr<domain::CompletionFacts> SqliteReportStore::Completions(const ReportScope& scope,
                                                                       absl::Time from,
                                                                       absl::Time to) {
  return Guarded("CountReportCompletions", [&]() -> absl::StatusOr<domain::CompletionFacts> {
    domain::CompletionFacts facts;
    {
      auto& q = sql_.Prepare(absl::StrCat(
          "SELECT outcome, count(*) FROM (SELECT DISTINCT participant_id, series_id, outcome"
          " FROM certificate WHERE issue_time >= :from AND issue_time < :to"
          " AND status <> " TH_REVOKED_CERTIFICATE " AND ",
          ScopeCondition(scope, "series_id"), ") GROUP BY outcome"));
      BindPeriod(q, from, to);
      BindScope(q, scope);
      while (q.executeStep()) {
        const auto outcome = static_cast<domain::CompletionOutcome>(q.getColumn(0).getInt());
        const int64_t n = q.getColumn(1).getInt64();
        if (outcome == domain::CompletionOutcome::kCertificate) facts.certificates = n;
        if (outcome == domain::CompletionOutcome::kConfirmation) facts.confirmations = n;
      }
    }
    {
      // seat_holder: the enrolments that ever held a seat, by series.
      auto& q =
          sql_.Prepare(absl::StrCat(
              "SELECT count(DISTINCT h.enrolment_id) FROM seat_holder h"
              " JOIN enrolment_change ch ON ch.enrolment_id = h.enrolment_id"
              " WHERE ",
              ScopeCondition(scope, "h.series_id"),
              " AND ch.to_state = " TH_WITHDRAWN_STATE " AND ch.time >= :from AND ch.time < :to"
              " AND ch.time >= 1000000 * (SELECT min(s.start_time) FROM module m"
              " JOIN session s ON s.module_id = m.id WHERE m.series_id = h.series_id)"));
      BindPeriod(q, from, to);
      BindScope(q, scope);
      if (q.executeStep()) facts.dropouts = q.getColumn(0).getInt64();
    }
    return facts;
  });
}

}  // namespace trainhub::store
