#include "store/sqlite_report_store.h"

#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "absl/time/civil_time.h"
#include "domain/berlin_time.h"
#include "store/attendance_years.h"
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

absl::StatusOr<std::vector<domain::ScopedSeries>> SqliteReportStore::ScopeSeries(
    const ReportScope& scope) {
  return Guarded("ListReportSeries", [&]() -> absl::StatusOr<std::vector<domain::ScopedSeries>> {
    auto& q = sql_.Prepare(absl::StrCat("SELECT id, title FROM series WHERE ",
                                        ScopeCondition(scope, "id"), " ORDER BY id"));
    BindScope(q, scope);
    std::vector<domain::ScopedSeries> series;
    while (q.executeStep()) {
      series.push_back({q.getColumn(0).getInt64(), q.getColumn(1).getString()});
    }
    return series;
  });
}

absl::StatusOr<std::vector<domain::ParticipationFacts>> SqliteReportStore::Participations(
    const ReportScope& scope, absl::Time from, absl::Time to) {
  return ReadParticipations(scope, from, to, /*use_years=*/true);
}

absl::StatusOr<std::vector<domain::ParticipationFacts>>
SqliteReportStore::ParticipationsFromStatuses(const ReportScope& scope, absl::Time from,
                                              absl::Time to) {
  return ReadParticipations(scope, from, to, /*use_years=*/false);
}

absl::StatusOr<std::vector<domain::ParticipationFacts>> SqliteReportStore::ReadParticipations(
    const ReportScope& scope, absl::Time from, absl::Time to, bool use_years) {
  return Guarded(
      "ListReportParticipations", [&]() -> absl::StatusOr<std::vector<domain::ParticipationFacts>> {
        // The calendar years wholly inside the period come from
        // attendance_year; the days before and after them from each status
        // at the sessions that start then (attendance_current's key), found
        // through session_by_start (every series) or the scope's modules.
        const absl::TimeZone& berlin = domain::DisplayTimeZone();
        auto year_start = [&](int64_t year) {
          return absl::FromCivil(absl::CivilYear(year), berlin);
        };
        int64_t first_year = absl::ToCivilYear(from, berlin).year();
        if (year_start(first_year) < from) ++first_year;
        int64_t last_year = absl::ToCivilYear(to, berlin).year() - 1;
        if (!use_years) last_year = first_year - 1;
        absl::Time head_to = to, tail_from = to;
        if (first_year <= last_year) {
          head_to = year_start(first_year);
          tail_from = year_start(last_year + 1);
        }
        auto statuses = [&](absl::string_view from_param, absl::string_view to_param) {
          return absl::StrCat(
              "SELECT c.participant_id, c.series_id, c.status IN (" TH_ATTENDED_STATUSES "),"
              " c.status = " TH_EXCUSED_STATUS ", c.status = " TH_ABSENT_STATUS ","
              " CASE WHEN c.status IN (" TH_ATTENDED_STATUSES ") THEN s.start_time END"
              " FROM session s JOIN module m ON m.id = s.module_id"
              " JOIN attendance_current c ON c.session_id = s.id"
              " WHERE s.start_time >= ",
              from_param, " AND s.start_time < ", to_param, " AND ",
              ScopeCondition(scope, "m.series_id"));
        };
        auto& q = sql_.Prepare(absl::StrCat(
            "SELECT g.participant_id, g.series_id, g.attended, g.excused, g.absent,"
            " p.organization_id, coalesce(json_extract(p.target_groups, '$[0]'), 0),"
            " p.training_start, g.first_attended FROM ("
            "SELECT participant_id, series_id, sum(attended) AS attended,"
            " sum(excused) AS excused, sum(absent) AS absent,"
            " min(first_attended) AS first_attended FROM ("
            "SELECT participant_id, series_id, attended, excused, absent, first_attended"
            " FROM attendance_year WHERE year >= :first_year AND year <= :last_year AND ",
            ScopeCondition(scope, "series_id"), " UNION ALL ", statuses(":head_from", ":head_to"),
            " UNION ALL ", statuses(":tail_from", ":tail_to"),
            ") GROUP BY participant_id, series_id) g"
            " JOIN participant p ON p.id = g.participant_id"
            " ORDER BY g.participant_id, g.series_id"));
        q.bind(":first_year", first_year);
        q.bind(":last_year", last_year);
        q.bind(":head_from", Seconds(from));
        q.bind(":head_to", Seconds(head_to));
        q.bind(":tail_from", Seconds(tail_from));
        q.bind(":tail_to", Seconds(to));
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
          if (!q.getColumn(7).isNull()) {
            absl::CivilDay start;
            if (absl::ParseCivilTime(q.getColumn(7).getString(), &start)) {
              f.training_start = start;
            }
          }
          if (!q.getColumn(8).isNull()) {
            f.first_attended = absl::FromUnixSeconds(q.getColumn(8).getInt64());
          }
          out.push_back(f);
        }
        return out;
      });
}

absl::StatusOr<std::vector<domain::HeldSession>> SqliteReportStore::HeldSessions(
    const ReportScope& scope, absl::Time from, absl::Time to) {
  return Guarded("ListHeldSessions", [&]() -> absl::StatusOr<std::vector<domain::HeldSession>> {
    // held_session: the sessions with a status (attendance_years.h).
    auto& q = sql_.Prepare(absl::StrCat(
        "SELECT session_id, series_id, module_id, minutes FROM held_session"
        " WHERE start_time >= :from_s AND start_time < :to_s AND ",
        ScopeCondition(scope, "series_id"), " ORDER BY session_id"));
    BindPeriod(q, from, to);
    BindScope(q, scope);
    std::vector<domain::HeldSession> out;
    while (q.executeStep()) {
      out.push_back({q.getColumn(0).getInt64(), q.getColumn(1).getInt64(),
                     q.getColumn(2).getInt64(), q.getColumn(3).getInt()});
    }
    return out;
  });
}

absl::StatusOr<std::vector<domain::ModuleLength>> SqliteReportStore::ModuleLengths(
    const std::vector<Id>& module_ids) {
  return Guarded("ListReportModules", [&]() -> absl::StatusOr<std::vector<domain::ModuleLength>> {
    // Each session in whole minutes, as domain::LengthMinutes.
    auto& q = sql_.Prepare(
        "SELECT m.id, m.teaching_units,"
        " (SELECT coalesce(sum((x.end_time - x.start_time) / 60), 0) FROM session x"
        "  WHERE x.module_id = m.id)"
        " FROM module m WHERE m.id IN (SELECT value FROM json_each(?)) ORDER BY m.id");
    q.bind(1, IdList(module_ids));
    std::vector<domain::ModuleLength> out;
    while (q.executeStep()) {
      out.push_back({q.getColumn(0).getInt64(), q.getColumn(1).getInt(),
                     q.getColumn(2).getInt64()});
    }
    return out;
  });
}

int64_t SqliteReportStore::StaleReportFigures() { return CountStaleReportFigures(sql_); }

absl::StatusOr<domain::CompletionFacts> SqliteReportStore::Completions(const ReportScope& scope,
                                                                       absl::Time from,
                                                                       absl::Time to) {
  return Guarded("CountReportCompletions", [&]() -> absl::StatusOr<domain::CompletionFacts> {
    domain::CompletionFacts facts;
    {
      // Only the documents that stand: a replaced (superseded) or revoked
      // one never counts, so a reissue counts once, as what it was reissued as.
      auto& q = sql_.Prepare(absl::StrCat(
          "SELECT outcome, count(*) FROM (SELECT DISTINCT participant_id, series_id, outcome"
          " FROM certificate WHERE issue_time >= :from AND issue_time < :to"
          " AND status = " TH_VALID_CERTIFICATE " AND ",
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
