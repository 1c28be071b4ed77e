#include "domain/reports/funder_reports.h"

#include <sodium.h>

#include <algorithm>
#include <map>
#include <set>
#include <unordered_map>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "domain/access.h"
#include "domain/attendance/attendance_rules.h"
#include "domain/audit_trail.h"
#include "domain/berlin_time.h"
#include "domain/errors.h"
#include "domain/policy.h"
#include "domain/status_macros.h"
#include "domain/reports/suppression.h"
#include "domain/enrolment/training_year.h"
#include "domain/work_gate.h"

namespace trainhub::domain {
namespace {

// Reports read a scope's whole period: at most two at once, four waiting.
WorkGate& ReportGate() {
  static WorkGate* gate = new WorkGate(2, 4, absl::Seconds(20));
  return *gate;
}

constexpr TargetGroup kReportedGroups[] = {
    TargetGroup::kVolunteers,  TargetGroup::kApprentices, TargetGroup::kAdministrationStaff,
    TargetGroup::kManagers,    TargetGroup::kTrainers,    TargetGroup::kOther,
    TargetGroup::kUnspecified,  // not stated
};

std::optional<absl::CivilDay> ParseDay(const std::string& text) {
  absl::CivilDay day;
  if (text.size() != 10 || !absl::ParseCivilTime(text, &day)) return std::nullopt;
  if (absl::FormatCivilTime(day) != text) return std::nullopt;  // e.g. 2019-02-30
  return day;
}

struct Period {
  absl::CivilDay first;
  absl::CivilDay last;
};

absl::StatusOr<Period> ValidPeriod(const FunderReportQuery& q) {
  const bool has_days = !q.first_day.empty() || !q.last_day.empty();
  if (q.year != 0 && has_days) {
    return InvalidField(q.field_prefix + "period.year",
                        Msg("give a year or a first and last day, not both"));
  }
  if (q.year != 0) {
    if (q.year < 2000 || q.year > 2099) {
      return InvalidField(q.field_prefix + "period.year", Msg("must be a year from 2000 to 2099"));
    }
    return Period{absl::CivilDay(q.year, 1, 1), absl::CivilDay(q.year, 12, 31)};
  }
  if (!has_days) {
    return InvalidField(q.field_prefix + "period",
                        Msg("the period is empty: give a year, or a first and last day"));
  }
  Violations v;
  std::optional<absl::CivilDay> first = ParseDay(q.first_day);
  std::optional<absl::CivilDay> last = ParseDay(q.last_day);
  if (!first) v.Add(q.field_prefix + "period.first_day", Msg("must be a day as YYYY-MM-DD"));
  if (!last) v.Add(q.field_prefix + "period.last_day", Msg("must be a day as YYYY-MM-DD"));
  if (!v.empty()) return v.ToStatus();
  if (first->year() < 2000 || last->year() > 2099) {
    return InvalidField(q.field_prefix + "period", Msg("must lie within the years 2000 to 2099"));
  }
  if (*last < *first) {
    return InvalidField(q.field_prefix + "period.last_day",
                        Msg("is before the first day: the period is empty"));
  }
  if (*last >= absl::CivilDay(first->year() + kMaxReportYears, first->month(), first->day())) {
    return InvalidField(q.field_prefix + "period",
                        Msg("may span at most {max} years",
                            {{"max", static_cast<int64_t>(kMaxReportYears)}}));
  }
  return Period{*first, *last};
}

absl::Status ValidateShape(const Principal& who, const FunderReportQuery& q) {
  Violations v;
  if (q.min_persons != 0 && q.min_persons < 2) {
    v.Add(q.field_prefix + "min_persons",
          Msg("must be at least 2: a cell of one person would be published"));
  }
  if (q.min_persons > kMaxMinPersons) {
    v.Add(q.field_prefix + "min_persons",
          Msg("must be at most {max}", {{"max", static_cast<int64_t>(kMaxMinPersons)}}));
  }
  if (q.organization_id < 0) {
    v.Add(q.field_prefix + "organization_id", Msg("must be a positive id"));
  }
  if (q.organization_id != 0 && !q.series_ids.empty()) {
    v.Add(q.field_prefix + "series_ids", Msg("give an organisation or series, not both"));
  }
  if (q.series_ids.size() > kMaxReportSeries) {
    v.Add(q.field_prefix + "series_ids",
          Msg("at most {max} series", {{"max", static_cast<int64_t>(kMaxReportSeries)}}));
  }
  std::set<Id> seen;
  for (size_t i = 0; i < q.series_ids.size() && i < kMaxReportSeries; ++i) {
    const std::string field = absl::StrCat(q.field_prefix, "series_ids[", i, "]");
    if (q.series_ids[i] <= 0) {
      v.Add(field, Msg("must be a positive id"));
    } else if (!seen.insert(q.series_ids[i]).second) {
      v.Add(field, Msg("appears twice"));
    }
  }
  if (q.organization_id == 0 && q.series_ids.empty() && !who.IsAdmin()) {
    v.Add(q.field_prefix + "organization_id",
          Msg("give your organisation (or the series to count)"));
  }
  return v.empty() ? absl::OkStatus() : v.ToStatus();
}

// The scope after authorization, with its name and audit organisation.
struct ResolvedScope {
  ReportScope scope;
  std::string name;
  Id audit_organization_id = 0;
};

absl::StatusOr<ResolvedScope> Resolve(ReadView& r, const Principal& who,
                                      const FunderReportQuery& q) {
  ResolvedScope out;
  if (q.organization_id != 0) {
    if (!who.IsAdmin() && !who.Coordinates(q.organization_id)) {
      return Denied(Msg("your account may not report on an organisation it does not coordinate"));
    }
    absl::StatusOr<Organization> org = r.organizations().Get(q.organization_id);
    if (!org.ok()) {
      return NameField(org.status(), q.field_prefix + "organization_id",
                       absl::StatusCode::kNotFound);
    }
    out.scope.organization_id = org->id;
    out.name = org->name;
    out.audit_organization_id = org->id;
    return out;
  }
  if (q.series_ids.empty()) {
    out.scope.everything = true;
    out.name = "alle Träger";
    return out;
  }
  std::vector<std::string> titles;
  for (size_t i = 0; i < q.series_ids.size(); ++i) {
    absl::StatusOr<Series> series = r.series().Get(q.series_ids[i]);
    if (!who.IsAdmin() && (!series.ok() || !CoordinatesSeries(who, *series))) {
      if (!series.ok() && !absl::IsNotFound(series.status())) return series.status();
      return Denied(Msg("your account may not report on a series it does not coordinate"));
    }
    if (!series.ok()) {
      return NameField(series.status(), absl::StrCat(q.field_prefix, "series_ids[", i, "]"),
                       absl::StatusCode::kNotFound);
    }
    titles.push_back(series->title);
    if (out.audit_organization_id == 0) out.audit_organization_id = series->organization_id;
  }
  out.scope.series_ids = q.series_ids;
  std::sort(out.scope.series_ids.begin(), out.scope.series_ids.end());
  out.name = absl::StrJoin(titles, "; ");
  return out;
}

// What a report is computed from, as read.
struct Facts {
  std::vector<Id> series;
  std::vector<ParticipationFacts> participations;
  std::vector<HeldSession> held;
  std::unordered_map<Id, double> teaching_units;  // of the held sessions
  CompletionFacts completion;
  std::map<Id, std::string> organization_names;
  std::map<Id, std::string> series_titles;
};

absl::StatusOr<Facts> ReadFacts(ReadView& r, const ReportScope& scope, absl::Time from,
                                absl::Time to) {
  Facts f;
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
std::string HashFacts(const Facts& f, const Period& period, const ReportScope& scope,
                      int min_persons) {
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

ReportCount Published(const SuppressionCell& c) {
  ReportCount out;
  out.suppressed = c.suppressed;
  out.secondary = c.suppressed && !c.primary;
  out.value = c.suppressed ? 0 : c.value;
  return out;
}

FunderReport Count(const Facts& f, const Period& period, int k) {
  FunderReport report;
  report.first_day = period.first;
  report.last_day = period.last;
  report.min_persons = k;
  report.series_ids = f.series;

  // Each person once, with their attributes and the first session they
  // attended in the period in any series of the scope (participations come
  // ordered by person: ReportReader::Participations).
  std::vector<ParticipationFacts> person;
  std::map<TargetGroup, int64_t> by_group;
  std::map<Id, int64_t> by_organization, by_series;
  std::map<int, int64_t> by_year;
  int64_t participations = 0;
  for (const ParticipationFacts& p : f.participations) {
    report.statuses_recorded += p.attended + p.excused + p.absent;
    report.statuses_attended += p.attended;
    if (p.attended == 0) continue;  // never took part in the period
    ++participations;
    ++by_series[p.series_id];
    if (person.empty() || person.back().participant_id != p.participant_id) {
      person.push_back(p);
      const TargetGroup group =
          IsKnown(p.first_target_group) ? p.first_target_group : TargetGroup::kUnspecified;
      ++by_group[group];
      ++by_organization[p.organization_id];
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
    ++by_year[year >= 1 && year <= kMaxTrainingYear ? year : 0];
  }
  for (const HeldSession& h : f.held) {
    ++report.sessions_held;
    if (auto it = f.teaching_units.find(h.session_id); it != f.teaching_units.end()) {
      report.teaching_units += it->second;
    }
  }

  // The cells and how they add up: persons = groups = organisations;
  // participations = series; apprentices = training years.
  std::vector<SuppressionCell> cells;
  auto cell = [&](int64_t value, bool total = false) {
    cells.push_back({value, total});
    return cells.size() - 1;
  };
  const size_t persons_cell = cell(static_cast<int64_t>(person.size()), true);
  const size_t participations_cell = cell(participations, true);
  SumRelation groups{{}, persons_cell}, organizations{{}, persons_cell},
      series{{}, participations_cell};
  size_t apprentices_cell = 0;
  for (TargetGroup g : kReportedGroups) {
    groups.parts.push_back(cell(by_group[g]));
    if (g == TargetGroup::kApprentices) apprentices_cell = groups.parts.back();
  }
  std::vector<std::pair<std::string, Id>> organization_order;
  for (const auto& [id, n] : by_organization) {
    organization_order.push_back({f.organization_names.at(id), id});
  }
  std::sort(organization_order.begin(), organization_order.end());
  for (const auto& entry : organization_order) {
    organizations.parts.push_back(cell(by_organization[entry.second]));
  }
  for (const auto& [id, n] : by_series) series.parts.push_back(cell(n));
  SumRelation years{{}, apprentices_cell};
  const int kYears[] = {1, 2, 3, 0};
  for (int y : kYears) years.parts.push_back(cell(by_year[y]));
  const std::vector<SumRelation> relations = {groups, organizations, series, years};
  SuppressSmallCells(cells, relations, k);

  report.persons = Published(cells[persons_cell]);
  report.participations = Published(cells[participations_cell]);
  ReportTable group_table{ReportBreakdown::kTargetGroup, {}, report.persons};
  for (size_t i = 0; i < std::size(kReportedGroups); ++i) {
    ReportRow row;
    row.target_group = kReportedGroups[i];
    row.persons = Published(cells[groups.parts[i]]);
    group_table.rows.push_back(row);
  }
  ReportTable organization_table{ReportBreakdown::kOrganization, {}, report.persons};
  for (size_t i = 0; i < organization_order.size(); ++i) {
    ReportRow row;
    row.id = organization_order[i].second;
    row.name = organization_order[i].first;
    row.persons = Published(cells[organizations.parts[i]]);
    organization_table.rows.push_back(row);
  }
  ReportTable series_table{ReportBreakdown::kSeries, {}, report.participations};
  size_t s = 0;
  for (const auto& [id, n] : by_series) {
    ReportRow row;
    row.id = id;
    row.name = f.series_titles.at(id);
    row.persons = Published(cells[series.parts[s++]]);
    series_table.rows.push_back(row);
  }
  ReportTable year_table{ReportBreakdown::kTrainingYear, {}, Published(cells[apprentices_cell])};
  for (size_t i = 0; i < std::size(kYears); ++i) {
    ReportRow row;
    row.target_group = TargetGroup::kApprentices;
    row.training_year = kYears[i];
    row.persons = Published(cells[years.parts[i]]);
    year_table.rows.push_back(row);
  }
  report.tables = {group_table, organization_table, series_table, year_table};
  report.attendance_suppressed = report.persons.suppressed;
  if (report.attendance_suppressed) {
    report.statuses_recorded = 0;
    report.statuses_attended = 0;
  }

  // Standalone counts of persons: primary suppression only, nothing adds
  // up to them.
  std::vector<SuppressionCell> outcomes = {
      {f.completion.certificates}, {f.completion.confirmations}, {f.completion.dropouts}};
  SuppressSmallCells(outcomes, {}, k);
  report.certificates = Published(outcomes[0]);
  report.confirmations = Published(outcomes[1]);
  report.dropouts = Published(outcomes[2]);
  return report;
}

std::string ScopeText(const ReportScope& scope) {
  if (scope.everything) return "all";
  if (scope.organization_id != 0) return absl::StrCat("organization/", scope.organization_id);
  return absl::StrCat("series/", absl::StrJoin(scope.series_ids, ","));
}

}  // namespace

const std::vector<ReportDefinition>& FunderReportDefinitions() {
  static const auto* definitions = new std::vector<ReportDefinition>{
      {"Personen",
       "Jede Person einmal gezählt (auch bei mehreren Reihen): wer im Zeitraum an mindestens "
       "einem Termin einer Reihe des Berichts anwesend oder verspätet war."},
      {"Teilnahmen",
       "Person und Reihe: eine Person in drei Reihen sind drei Teilnahmen. Spalte „Reihe“ "
       "zählt die Personen je Reihe."},
      {"Zielgruppe",
       "Die erste Zielgruppe im Datensatz der Person; „nicht angegeben“, wenn keine erfasst "
       "ist."},
      {"Träger", "Die Organisation, der die Person zugeordnet ist."},
      {"Ausbildungsjahr",
       "Auszubildende (erste Zielgruppe) nach dem Ausbildungsjahr am Tag ihres ersten Termins "
       "im Zeitraum, berechnet aus dem Ausbildungsbeginn (1. Jahr: die ersten zwölf Monate); "
       "ein vergangener Zeitraum bleibt so gleich. „nicht angegeben“: kein Beginn erfasst, "
       "oder der Termin lag davor oder nach dem 3. Jahr."},
      {"Durchgeführte Termine",
       "Termine des Zeitraums (nach Beginn), für die mindestens ein Anwesenheitsstatus erfasst "
       "ist."},
      {"Unterrichtseinheiten (UE)",
       "Summe der UE der durchgeführten Termine (1 UE = 45 Minuten; wo ein Modul UE angibt, "
       "verteilt auf seine Termine nach Dauer)."},
      {"Anwesenheitsquote",
       "Anteil der erfassten Status (anwesend, verspätet, entschuldigt, abwesend) an den "
       "Terminen des Zeitraums, die „anwesend“ oder „verspätet“ sind."},
      {"Zertifikate, Teilnahmebestätigungen",
       "Personen je Reihe, deren gültiges Dokument im Zeitraum ausgestellt wurde; ersetzte "
       "und widerrufene Dokumente zählen nie (eine als Zertifikat neu ausgestellte "
       "Teilnahmebestätigung zählt einmal: als Zertifikat, bei der Neuausstellung)."},
      {"Abbrüche",
       "Anmeldungen mit Platz, die im Zeitraum nach Beginn der Reihe (erster Termin) "
       "zurückgezogen wurden."},
  };
  return *definitions;
}

std::string SuppressionNote(int min_persons) {
  return absl::StrCat(
      "Zahlen von weniger als ", min_persons,
      " Personen (außer 0) werden nicht veröffentlicht und mit „.“ angezeigt. Damit sie sich "
      "nicht aus Summen und Randsummen errechnen lassen, sind wo nötig weitere Zellen "
      "ebenfalls so verborgen. Die Anwesenheitsquote entfällt, wenn die Zahl der Personen "
      "verborgen ist.");
}

FunderReports::FunderReports(Store& store, Clock clock) : store_(store), clock_(std::move(clock)) {}

absl::StatusOr<FunderReport> FunderReports::Build(const RequestContext& ctx,
                                                  const FunderReportQuery& query) {
  const Principal& who = ctx.who;
  if (!who.IsAdmin() && !who.Has(Role::kCoordinator)) {
    return Denied(Msg("your account may not read funder reports"));
  }
  TH_ASSIGN_OR_RETURN(Period period, ValidPeriod(query));
  TH_RETURN_IF_ERROR(ValidateShape(who, query));
  const int k = query.min_persons == 0 ? kDefaultMinPersons : query.min_persons;
  WorkGate::Pass pass = ReportGate().Enter();
  if (!pass.ok()) {
    return Refusal(absl::StatusCode::kResourceExhausted,
                   Msg("too many reports are being made; try again shortly"));
  }
  const absl::Time from = absl::FromCivil(period.first, DisplayTimeZone());
  const absl::Time to = absl::FromCivil(period.last + 1, DisplayTimeZone());
  ResolvedScope resolved;
  Facts facts;
  TH_RETURN_IF_ERROR(store_.Read([&](ReadView& r) -> absl::Status {
    TH_ASSIGN_OR_RETURN(resolved, Resolve(r, who, query));
    TH_ASSIGN_OR_RETURN(facts, ReadFacts(r, resolved.scope, from, to));
    return absl::OkStatus();
  }));
  FunderReport report = Count(facts, period, k);
  report.organization_id = resolved.scope.organization_id;
  report.scope_name = resolved.name;
  report.inputs_hash = HashFacts(facts, period, resolved.scope, k);
  report.create_time = clock_();
  const std::string what =
      absl::StrCat("funder_report period=", absl::FormatCivilTime(period.first), "..",
                   absl::FormatCivilTime(period.last), " scope=", ScopeText(resolved.scope),
                   " k=", k, " inputs=", report.inputs_hash);
  TH_RETURN_IF_ERROR(store_.Write([&](UnitOfWork& w) -> absl::Status {
    AuditTrail trail(w, ctx, report.create_time);
    return trail.Disclosed(what, resolved.audit_organization_id);
  }));
  return report;
}

absl::StatusOr<ReportFile> FunderReports::Export(const RequestContext& ctx,
                                                 const FunderReportQuery& query,
                                                 ReportFormat format) {
  TH_ASSIGN_OR_RETURN(FunderReport report, Build(ctx, query));
  ReportFile file;
  const std::string base = absl::StrCat("foerderbericht-", absl::FormatCivilTime(report.first_day),
                                        "-", absl::FormatCivilTime(report.last_day));
  switch (format) {
    case ReportFormat::kCsv:
      file.file_name = base + ".csv";
      file.content_type = "text/csv; charset=utf-8";
      file.content = FunderReportCsv(report);
      break;
    case ReportFormat::kJson:
      file.file_name = base + ".json";
      file.content_type = "application/json";
      file.content = FunderReportJson(report);
      break;
    case ReportFormat::kPdf: {
      file.file_name = base + ".pdf";
      file.content_type = "application/pdf";
      TH_ASSIGN_OR_RETURN(file.content, FunderReportPdf(report));
      break;
    }
  }
  return file;
}

}  // namespace trainhub::domain
