#include "domain/reports/funder_reports.h"

#include <algorithm>
#include <set>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "domain/access.h"
#include "domain/audit_trail.h"
#include "domain/berlin_time.h"
#include "domain/errors.h"
#include "domain/policy.h"
#include "domain/reports/funder_report_counts.h"
#include "domain/status_macros.h"
#include "domain/work_gate.h"

namespace trainhub::domain {
namespace {

// Reports read a scope's whole period: at most two at once, four waiting.
WorkGate& ReportGate() {
  static WorkGate* gate = new WorkGate(2, 4, absl::Seconds(20));
  return *gate;
}

std::optional<absl::CivilDay> ParseDay(const std::string& text) {
  absl::CivilDay day;
  if (text.size() != 10 || !absl::ParseCivilTime(text, &day)) return std::nullopt;
  if (absl::FormatCivilTime(day) != text) return std::nullopt;  // e.g. 2019-02-30
  return day;
}

absl::StatusOr<ReportPeriod> ValidReportPeriod(const FunderReportQuery& q) {
  const bool has_days = !q.first_day.empty() || !q.last_day.empty();
  if (q.year != 0 && has_days) {
    return InvalidField(q.field_prefix + "period.year",
                        Msg("give a year or a first and last day, not both"));
  }
  if (q.year != 0) {
    if (q.year < 2000 || q.year > 2099) {
      return InvalidField(q.field_prefix + "period.year", Msg("must be a year from 2000 to 2099"));
    }
    return ReportPeriod{absl::CivilDay(q.year, 1, 1), absl::CivilDay(q.year, 12, 31)};
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
  return ReportPeriod{*first, *last};
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
  TH_ASSIGN_OR_RETURN(ReportPeriod period, ValidReportPeriod(query));
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
  ReportFacts facts;
  TH_RETURN_IF_ERROR(store_.Read([&](ReadView& r) -> absl::Status {
    TH_ASSIGN_OR_RETURN(resolved, Resolve(r, who, query));
    TH_ASSIGN_OR_RETURN(facts, ReadReportFacts(r, resolved.scope, from, to));
    return absl::OkStatus();
  }));
  FunderReport report = CountReport(facts, period, k);
  report.organization_id = resolved.scope.organization_id;
  report.scope_name = resolved.name;
  report.inputs_hash = HashReportFacts(facts, period, resolved.scope, k);
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
