#include "domain/reports/funder_report_counts.h"

#include <sodium.h>

#include <algorithm>
#include <iterator>
#include <set>
#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "domain/attendance/attendance_rules.h"
#include "domain/berlin_time.h"
#include "domain/enrolment/training_year.h"
#include "domain/reports/suppression.h"
#include "domain/status_macros.h"

namespace trainhub::domain {
namespace {

constexpr TargetGroup kReportedGroups[] = {
    TargetGroup::kVolunteers,  TargetGroup::kApprentices, TargetGroup::kAdministrationStaff,
    TargetGroup::kManagers,    TargetGroup::kTrainers,    TargetGroup::kOther,
    TargetGroup::kUnspecified,  // not stated
};

ReportCount Published(const SuppressionCell& c) {
  ReportCount out;
  out.suppressed = c.suppressed;
  out.secondary = c.suppressed && !c.primary;
  out.value = c.suppressed ? 0 : c.value;
  return out;
}

// Each person once (with their attributes and the first session they
// attended in the period in any series of the scope) and the other sums
// the cells are made of.
struct Tallies {
  std::vector<ParticipationFacts> persons;
  int64_t participations = 0;
  std::map<TargetGroup, int64_t> by_group;
  std::map<Id, int64_t> by_organization, by_series;
  std::map<int, int64_t> by_year;  // apprentices; 0: not stated
};

// Tallies the participations of `f` (participations come ordered by
// person: ReportReader::Participations); adds the statuses recorded and
// attended to `report`.
Tallies Tally(const ReportFacts& f, FunderReport& report) {
  Tallies t;
  std::vector<ParticipationFacts>& person = t.persons;
  for (const ParticipationFacts& p : f.participations) {
    report.statuses_recorded += p.attended + p.excused + p.absent;
    report.statuses_attended += p.attended;
    if (p.attended == 0) continue;  // never took part in the period
    ++t.participations;
    ++t.by_series[p.series_id];
    if (person.empty() || person.back().participant_id != p.participant_id) {
      person.push_back(p);
      const TargetGroup group =
          IsKnown(p.first_target_group) ? p.first_target_group : TargetGroup::kUnspecified;
      ++t.by_group[group];
      ++t.by_organization[p.organization_id];
    } else if (p.first_attended && (!person.back().first_attended ||
                                    *p.first_attended < *person.back().first_attended)) {
      person.back().first_attended = p.first_attended;
    }
  }
  // Apprentices by their training year on the day they first took part in
  // the period: the same in any later year.
  for (const ParticipationFacts& p : person) {
    if (!IsKnown(p.first_target_group) || p.first_target_group != TargetGroup::kApprentices) {
      continue;
    }
    int year = 0;
    if (p.training_start && p.first_attended) {
      year =
          TrainingYearOn(*p.training_start, absl::ToCivilDay(*p.first_attended, DisplayTimeZone()));
    }
    ++t.by_year[year >= 1 && year <= kMaxTrainingYear ? year : 0];
  }
  return t;
}

constexpr int kReportedYears[] = {1, 2, 3, 0};

// The cells of the report's counts of persons and how they add up:
// persons = groups = organisations; participations = series; apprentices =
// training years.
struct Cells {
  std::vector<SuppressionCell> cells;
  size_t persons = 0, participations = 0, apprentices = 0;
  SumRelation groups, organizations, series, years;
  std::vector<std::pair<std::string, Id>> organization_order;  // by name
};

Cells LayOutCells(const Tallies& t, const ReportFacts& f) {
  Cells c;
  auto cell = [&](int64_t value, bool total = false) {
    c.cells.push_back({value, total});
    return c.cells.size() - 1;
  };
  c.persons = cell(static_cast<int64_t>(t.persons.size()), true);
  c.participations = cell(t.participations, true);
  c.groups.total = c.organizations.total = c.persons;
  c.series.total = c.participations;
  for (TargetGroup g : kReportedGroups) {
    c.groups.parts.push_back(cell(t.by_group.count(g) ? t.by_group.at(g) : 0));
    if (g == TargetGroup::kApprentices) c.apprentices = c.groups.parts.back();
  }
  for (const auto& [id, n] : t.by_organization) {
    c.organization_order.push_back({f.organization_names.at(id), id});
  }
  std::sort(c.organization_order.begin(), c.organization_order.end());
  for (const auto& entry : c.organization_order) {
    c.organizations.parts.push_back(cell(t.by_organization.at(entry.second)));
  }
  for (const auto& [id, n] : t.by_series) c.series.parts.push_back(cell(n));
  c.years.total = c.apprentices;
  for (int y : kReportedYears) c.years.parts.push_back(cell(t.by_year.count(y) ? t.by_year.at(y) : 0));
  return c;
}

// The report's tables by target group, organisation, series and training
// year, from the suppressed cells.
std::vector<ReportTable> PublishedTables(const Cells& c, const Tallies& t, const ReportFacts& f,
                                         const FunderReport& report) {
  ReportTable group_table{ReportBreakdown::kTargetGroup, {}, report.persons};
  for (size_t i = 0; i < std::size(kReportedGroups); ++i) {
    ReportRow row;
    row.target_group = kReportedGroups[i];
    row.persons = Published(c.cells[c.groups.parts[i]]);
    group_table.rows.push_back(row);
  }
  ReportTable organization_table{ReportBreakdown::kOrganization, {}, report.persons};
  for (size_t i = 0; i < c.organization_order.size(); ++i) {
    ReportRow row;
    row.id = c.organization_order[i].second;
    row.name = c.organization_order[i].first;
    row.persons = Published(c.cells[c.organizations.parts[i]]);
    organization_table.rows.push_back(row);
  }
  ReportTable series_table{ReportBreakdown::kSeries, {}, report.participations};
  size_t s = 0;
  for (const auto& [id, n] : t.by_series) {
    ReportRow row;
    row.id = id;
    row.name = f.series_titles.at(id);
    row.persons = Published(c.cells[c.series.parts[s++]]);
    series_table.rows.push_back(row);
  }
  ReportTable year_table{ReportBreakdown::kTrainingYear, {}, Published(c.cells[c.apprentices])};
  for (size_t i = 0; i < std::size(kReportedYears); ++i) {
    ReportRow row;
    row.target_group = TargetGroup::kApprentices;
    row.training_year = kReportedYears[i];
    row.persons = Published(c.cells[c.years.parts[i]]);
    year_table.rows.push_back(row);
  }
  return {group_table, organization_table, series_table, year_table};
}

}  // namespace

absl::StatusOr<ReportFacts> ReadReportFacts(ReadView& r, const ReportScope& scope, absl::Time from,
                                            absl::Time to) {
  ReportFacts f;
  TH_ASSIGN_OR_RETURN(std::vector<ScopedSeries> scoped, r.reports().ScopeSeries(scope));
  for (ScopedSeries& s : scoped) {
    f.series.push_back(s.id);
    f.series_titles[s.id] = std::move(s.title);
  }
  TH_ASSIGN_OR_RETURN(f.participations, r.reports().Participations(scope, from, to));
  TH_ASSIGN_OR_RETURN(f.held, r.reports().HeldSessions(scope, from, to));
  TH_ASSIGN_OR_RETURN(f.completion, r.reports().Completions(scope, from, to));
  // A module's teaching units are shared among all its sessions, also those
  // outside the period.
  std::vector<Id> held_modules;
  for (const HeldSession& h : f.held) held_modules.push_back(h.module_id);
  std::sort(held_modules.begin(), held_modules.end());
  held_modules.erase(std::unique(held_modules.begin(), held_modules.end()), held_modules.end());
  if (!held_modules.empty()) {
    TH_ASSIGN_OR_RETURN(std::vector<ModuleLength> modules, r.reports().ModuleLengths(held_modules));
    std::unordered_map<Id, const ModuleLength*> by_id;
    for (const ModuleLength& m : modules) by_id[m.module_id] = &m;
    for (const HeldSession& h : f.held) {
      auto m = by_id.find(h.module_id);
      if (m == by_id.end()) continue;
      f.teaching_units[h.session_id] =
          SessionTeachingUnits(h.minutes, m->second->teaching_units, m->second->minutes);
    }
  }
  std::set<Id> organizations;
  for (const ParticipationFacts& p : f.participations) organizations.insert(p.organization_id);
  for (Id id : organizations) {
    TH_ASSIGN_OR_RETURN(Organization org, r.organizations().Get(id));
    f.organization_names[id] = org.name;
  }
  return f;
}

// BLAKE2b-256 over a line per fact, in the order read.
std::string HashReportFacts(const ReportFacts& f, const ReportPeriod& period,
                            const ReportScope& scope, int min_persons) {
  crypto_generichash_state state;
  crypto_generichash_init(&state, nullptr, 0, crypto_generichash_BYTES);
  auto add = [&](const std::string& line) {
    crypto_generichash_update(&state, reinterpret_cast<const unsigned char*>(line.data()),
                              line.size());
  };
  add(absl::StrCat("funder-report v2 ", absl::FormatCivilTime(period.first), " ",
                   absl::FormatCivilTime(period.last), " k=", min_persons, "\n"));
  add(absl::StrCat("scope ", scope.everything ? "all" : "", " org=", scope.organization_id,
                   " series=", absl::StrJoin(scope.series_ids, ","), "\n"));
  add(absl::StrCat("series ", absl::StrJoin(f.series, ","), "\n"));
  for (const ParticipationFacts& p : f.participations) {
    add(absl::StrCat("p ", p.participant_id, " ", p.series_id, " ", p.attended, " ", p.excused, " ",
                     p.absent, " ",
                     p.first_attended ? absl::ToUnixSeconds(*p.first_attended) : int64_t{0}, " ",
                     p.organization_id, " ", static_cast<int>(p.first_target_group), " ",
                     p.training_start ? absl::FormatCivilTime(*p.training_start) : "-", "\n"));
  }
  for (const HeldSession& h : f.held) {
    auto units = f.teaching_units.find(h.session_id);
    add(absl::StrFormat("s %d %d %.4f\n", h.session_id, h.series_id,
                        units == f.teaching_units.end() ? 0.0 : units->second));
  }
  add(absl::StrCat("c ", f.completion.certificates, " ", f.completion.confirmations, " ",
                   f.completion.dropouts, "\n"));
  unsigned char digest[crypto_generichash_BYTES];
  crypto_generichash_final(&state, digest, sizeof digest);
  std::string hex(2 * sizeof digest + 1, '\0');
  sodium_bin2hex(hex.data(), hex.size(), digest, sizeof digest);
  hex.pop_back();
  return "blake2b-256:" + hex;
}

FunderReport CountReport(const ReportFacts& f, const ReportPeriod& period, int min_persons) {
  FunderReport report;
  report.first_day = period.first;
  report.last_day = period.last;
  report.min_persons = min_persons;
  report.series_ids = f.series;
  const Tallies tallies = Tally(f, report);
  for (const HeldSession& h : f.held) {
    ++report.sessions_held;
    if (auto it = f.teaching_units.find(h.session_id); it != f.teaching_units.end()) {
      report.teaching_units += it->second;
    }
  }
  Cells cells = LayOutCells(tallies, f);
  SuppressSmallCells(cells.cells, {cells.groups, cells.organizations, cells.series, cells.years},
                     min_persons);
  report.persons = Published(cells.cells[cells.persons]);
  report.participations = Published(cells.cells[cells.participations]);
  report.tables = PublishedTables(cells, tallies, f, report);
  report.attendance_suppressed = report.persons.suppressed;
  if (report.attendance_suppressed) {
    report.statuses_recorded = 0;
    report.statuses_attended = 0;
  }
  // Standalone counts of persons: primary suppression only, nothing adds
  // up to them.
  std::vector<SuppressionCell> outcomes = {
      {f.completion.certificates}, {f.completion.confirmations}, {f.completion.dropouts}};
  SuppressSmallCells(outcomes, {}, min_persons);
  report.certificates = Published(outcomes[0]);
  report.confirmations = Published(outcomes[1]);
  report.dropouts = Published(outcomes[2]);
  return report;
}

}  // namespace trainhub::domain
