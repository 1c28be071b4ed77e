#include "domain/enrolment/participant_import.h"

#include <algorithm>
#include <map>
#include <optional>
#include <utility>

#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "domain/access.h"
#include "domain/audit_trail.h"
#include "domain/berlin_time.h"
#include "domain/documents/csv_table.h"
#include "domain/enrolment/enrolment_rules.h"
#include "domain/errors.h"
#include "domain/status_macros.h"
#include "domain/text.h"
#include "domain/enrolment/training_year.h"
#include "domain/validation.h"

namespace trainhub::domain {
namespace {

// Problems listed in an error status; the rest are counted (a dry run
// lists all of them in its answer). With the count and the hint on
// accept_good_rows they make Violations::kMaxListedViolations, the most a
// refusal lists.
constexpr size_t kMaxProblemsInError = Violations::kMaxListedViolations - 2;

enum class Column {
  kName,
  kFirstName,
  kLastName,
  kEmail,
  kTargetGroups,
  kTrainingStart,
  kTrainingYear,  // the year as of the import's day, stored as a start
};

// Header names, folded (domain/text.h), in English and German.
const std::map<std::string, Column, std::less<>>& HeaderNames() {
  static const auto* names = new std::map<std::string, Column, std::less<>>{
      {"name", Column::kName},
      {"display_name", Column::kName},
      {"display name", Column::kName},
      {"teilnehmer:in", Column::kName},
      {"teilnehmerin", Column::kName},
      {"teilnehmer", Column::kName},
      {"first name", Column::kFirstName},
      {"first_name", Column::kFirstName},
      {"vorname", Column::kFirstName},
      {"last name", Column::kLastName},
      {"last_name", Column::kLastName},
      {"surname", Column::kLastName},
      {"nachname", Column::kLastName},
      {"familienname", Column::kLastName},
      {"email", Column::kEmail},
      {"e-mail", Column::kEmail},
      {"e-mail-adresse", Column::kEmail},
      {"email address", Column::kEmail},
      {"mail", Column::kEmail},
      {"target_groups", Column::kTargetGroups},
      {"target groups", Column::kTargetGroups},
      {"target group", Column::kTargetGroups},
      {"zielgruppe", Column::kTargetGroups},
      {"zielgruppen", Column::kTargetGroups},
      {"training_start", Column::kTrainingStart},
      {"training start", Column::kTrainingStart},
      {"start of training", Column::kTrainingStart},
      {"ausbildungsbeginn", Column::kTrainingStart},
      {"beginn der ausbildung", Column::kTrainingStart},
      {"ausbildungsstart", Column::kTrainingStart},
      {"training_year", Column::kTrainingYear},
      {"training year", Column::kTrainingYear},
      {"ausbildungsjahr", Column::kTrainingYear},
      {"lehrjahr", Column::kTrainingYear},
  };
  return *names;
}

// Target-group words, folded, in English and German.
const std::map<std::string, TargetGroup, std::less<>>& GroupNames() {
  static const auto* names = new std::map<std::string, TargetGroup, std::less<>>{
      {"volunteers", TargetGroup::kVolunteers},
      {"volunteer", TargetGroup::kVolunteers},
      {"ehrenamt", TargetGroup::kVolunteers},
      {"ehrenamtliche", TargetGroup::kVolunteers},
      {"apprentices", TargetGroup::kApprentices},
      {"apprentice", TargetGroup::kApprentices},
      {"auszubildende", TargetGroup::kApprentices},
      {"azubi", TargetGroup::kApprentices},
      {"azubis", TargetGroup::kApprentices},
      {"administration-staff", TargetGroup::kAdministrationStaff},
      {"administration staff", TargetGroup::kAdministrationStaff},
      {"verwaltung", TargetGroup::kAdministrationStaff},
      {"verwaltungsmitarbeitende", TargetGroup::kAdministrationStaff},
      {"managers", TargetGroup::kManagers},
      {"manager", TargetGroup::kManagers},
      {"führungskraft", TargetGroup::kManagers},
      {"führungskräfte", TargetGroup::kManagers},
      {"trainers", TargetGroup::kTrainers},
      {"trainer", TargetGroup::kTrainers},
      {"trainer:in", TargetGroup::kTrainers},
      {"trainer:innen", TargetGroup::kTrainers},
      {"other", TargetGroup::kOther},
      {"sonstige", TargetGroup::kOther},
  };
  return *names;
}

// Which field holds which column.
struct Layout {
  std::map<Column, size_t> index;
  std::vector<std::string> headers;  // as written

  std::optional<size_t> Of(Column c) const {
    auto it = index.find(c);
    return it == index.end() ? std::nullopt : std::optional<size_t>(it->second);
  }
  std::string Header(Column c) const {
    auto at = Of(c);
    return at ? headers[*at] : std::string();
  }
  std::string Cell(const CsvRow& row, Column c) const {
    auto at = Of(c);
    return at ? Trimmed(row.fields[*at]) : std::string();
  }
};

std::string KnownHeaders() {
  return "Name (or Vorname and Nachname), E-Mail, Zielgruppe, Ausbildungsbeginn (or "
         "Ausbildungsjahr)";
}

absl::StatusOr<Layout> ReadHeader(const CsvTable& table) {
  Layout layout;
  Violations v;
  for (size_t i = 0; i < table.header.fields.size(); ++i) {
    const std::string header = Trimmed(table.header.fields[i]);
    layout.headers.push_back(header);
    const std::string field = absl::StrCat("csv line ", table.header.line, " column ", i + 1);
    if (header.empty()) {
      const bool has_data = std::any_of(table.rows.begin(), table.rows.end(), [&](const CsvRow& r) {
        return !Trimmed(r.fields[i]).empty();
      });
      if (has_data) v.Add(field, Msg("this column has data but no header"));
      continue;
    }
    auto known = HeaderNames().find(Folded(header));
    if (known == HeaderNames().end()) {
      v.Add(field, Msg("unknown column \"{column}\"; known: {known}",
                       {{"column", header}, {"known", KnownHeaders()}}));
      continue;
    }
    if (!layout.index.emplace(known->second, i).second) {
      v.Add(field,
            Msg("column \"{column}\" repeats column \"{earlier}\"",
                {{"column", header}, {"earlier", layout.headers[layout.index[known->second]]}}));
    }
  }
  const bool has_name = layout.Of(Column::kName).has_value();
  const bool has_parts = layout.Of(Column::kFirstName) || layout.Of(Column::kLastName);
  if (!has_name && !has_parts) {
    v.Add(absl::StrCat("csv line ", table.header.line),
          Msg("no name column; known columns: {known}", {{"known", KnownHeaders()}}));
  } else if (has_name && has_parts) {
    v.Add(absl::StrCat("csv line ", table.header.line),
          Msg("give either a Name column or Vorname/Nachname columns, not both"));
  }
  TH_RETURN_IF_ERROR(v.ToStatus());
  return layout;
}

// One data row as a participant, or its problems.
struct Candidate {
  int line = 0;
  Participant person;
  std::vector<ImportProblem> problems;
};

// Adds a problem of `c`'s row at `column`.
void AddProblem(Candidate& c, const Layout& layout, Column column, Message reason) {
  c.problems.push_back({c.line, layout.Header(column), std::move(reason)});
}

// Reads the row's target groups into c.person, or the default ones when it
// names none; false after a problem.
bool ReadTargetGroups(const Layout& layout, const CsvRow& row, const ImportOptions& options,
                      Candidate& c) {
  Participant& p = c.person;
  const std::string groups = layout.Cell(row, Column::kTargetGroups);
  bool groups_ok = true;
  for (absl::string_view word : absl::StrSplit(groups, absl::ByAnyChar(",/|"), absl::SkipEmpty())) {
    const std::string folded = Folded(Trimmed(word));
    if (folded.empty()) continue;
    auto known = GroupNames().find(folded);
    if (known == GroupNames().end()) {
      AddProblem(c, layout, Column::kTargetGroups,
                 Msg("unknown target group \"{word}\"; use Ehrenamt, Auszubildende, Verwaltung, "
                     "Führungskräfte, Trainer:innen or Sonstige (or the English names)",
                     {{"word", Trimmed(word)}}));
      groups_ok = false;
    } else if (std::find(p.target_groups.begin(), p.target_groups.end(), known->second) ==
               p.target_groups.end()) {
      p.target_groups.push_back(known->second);
    }
  }
  if (groups_ok && p.target_groups.empty()) {
    if (options.default_target_groups.empty()) {
      AddProblem(c, layout, Column::kTargetGroups,
                 Msg("no target group: fill the column or give default target groups"));
      groups_ok = false;
    } else {
      p.target_groups = options.default_target_groups;
    }
  }
  return groups_ok;
}

// The row's validation problems (ValidateParticipant and the training
// year), each at the column it comes from; those of target groups or
// training were reported while reading them when `groups_read` or
// `training_read` is false.
void AddValidationProblems(const Layout& layout, const Violations& v, bool groups_read,
                           bool training_read, Candidate& c) {
  // A missing start is reported at the column the file has (start or year).
  const Column training_column =
      layout.Of(Column::kTrainingStart) || !layout.Of(Column::kTrainingYear)
          ? Column::kTrainingStart
          : Column::kTrainingYear;
  for (const FieldViolation& f : GetFieldViolations(v.ToStatus())) {
    if (f.field.rfind("target_groups", 0) == 0 && !groups_read) continue;
    if ((f.field == "training_start" || f.field == "training_year") && !training_read) continue;
    Column column = Column::kName;
    if (f.field == "email") column = Column::kEmail;
    if (f.field.rfind("target_groups", 0) == 0) column = Column::kTargetGroups;
    if (f.field == "training_start") column = training_column;
    if (f.field == "training_year") column = Column::kTrainingYear;
    std::string header = layout.Header(column);
    if (column == Column::kName && header.empty()) {
      header =
          absl::StrCat(layout.Header(Column::kFirstName), "/", layout.Header(Column::kLastName));
    }
    c.problems.push_back({c.line, header, f.message});
  }
}

Candidate ReadRow(const Layout& layout, const CsvRow& row, const ImportOptions& options,
                  absl::CivilDay today) {
  Candidate c;
  c.line = row.line;
  Participant& p = c.person;
  p.organization_id = options.organization_id;
  if (layout.Of(Column::kName)) {
    p.display_name = layout.Cell(row, Column::kName);
  } else {
    p.display_name = Trimmed(absl::StrCat(layout.Cell(row, Column::kFirstName), " ",
                                          layout.Cell(row, Column::kLastName)));
  }
  p.email = layout.Cell(row, Column::kEmail);
  const bool groups_ok = ReadTargetGroups(layout, row, options, c);
  const std::string start = layout.Cell(row, Column::kTrainingStart);
  bool start_ok = true;
  if (!start.empty()) {
    Message unreadable;
    p.training_start = ParseTrainingStart(start, &unreadable);
    if (!p.training_start) {
      AddProblem(c, layout, Column::kTrainingStart, unreadable);
      start_ok = false;
    }
  }
  const std::string year = layout.Cell(row, Column::kTrainingYear);
  bool year_ok = true;
  if (!year.empty()) {
    absl::string_view digits = absl::StripSuffix(year, ".");
    if (!absl::SimpleAtoi(digits, &p.stated_training_year)) {
      AddProblem(c, layout, Column::kTrainingYear,
                 Msg("\"{text}\" is not a number", {{"text", year}}));
      year_ok = false;
    }
  }
  Violations v;
  if (start_ok) ResolveStatedTrainingYear(p, today, "", v);
  ValidateParticipant(p, "", v);
  AddValidationProblems(layout, v, groups_ok, start_ok && year_ok, c);
  return c;
}

absl::Status ProblemsError(const std::vector<ImportProblem>& problems) {
  Violations v;
  for (size_t i = 0; i < problems.size() && i < kMaxProblemsInError; ++i) {
    const ImportProblem& p = problems[i];
    v.Add(absl::StrCat("csv line ", p.line, p.column.empty() ? "" : " ", p.column), p.reason);
  }
  if (problems.size() > kMaxProblemsInError) {
    v.Add("csv", Msg("and {n} more problems; a dry run lists them all",
                     {{"n", static_cast<int64_t>(problems.size() - kMaxProblemsInError)}}));
  }
  v.Add("accept_good_rows",
        Msg("nothing was imported; fix the rows, or import only the good rows"));
  return v.ToStatus();
}

// Marks the end of a dry run: the unit of work is rolled back.
absl::Status DryRunEnd() { return absl::AbortedError("dry run: nothing is stored"); }

// INVALID_ARGUMENT naming each bad option of an import.
absl::Status ValidateOptions(absl::string_view csv, const ImportOptions& options,
                             const RequestKey& key) {
  Violations v;
  if (options.organization_id <= 0) v.Add("organization_id", Msg("is required"));
  if (options.series_id < 0) v.Add("series_id", Msg("must be a positive id"));
  for (size_t i = 0; i < options.default_target_groups.size(); ++i) {
    if (!IsKnown(options.default_target_groups[i])) {
      v.Add(absl::StrCat("default_target_groups[", i, "]"),
            UnknownValue(static_cast<int>(options.default_target_groups[i])));
    }
  }
  if (csv.size() > kMaxImportBytes) {
    v.Add("csv", Msg("the file has {size} bytes; at most {max} at once: split it",
                     {{"size", static_cast<int64_t>(csv.size())},
                      {"max", static_cast<int64_t>(kMaxImportBytes)}}));
  }
  if (options.dry_run && !key.request_id.empty()) {
    v.Add("request_id", Msg("a dry run changes nothing and takes no request_id"));
  }
  return v.ToStatus();
}

// Every row as a candidate with the problems found in the file alone (an
// e-mail address twice included).
std::vector<Candidate> ReadCandidates(const Layout& layout, const CsvTable& table,
                                      const ImportOptions& options, absl::CivilDay today) {
  std::vector<Candidate> candidates;
  std::map<std::string, int> lines_by_email;
  for (const CsvRow& row : table.rows) {
    Candidate c = ReadRow(layout, row, options, today);
    if (!c.person.email.empty()) {
      auto [it, fresh] = lines_by_email.emplace(Folded(c.person.email), row.line);
      if (!fresh) {
        c.problems.push_back({row.line, layout.Header(Column::kEmail),
                              Msg("same e-mail address as line {line}", {{"line", it->second}})});
      }
    }
    candidates.push_back(std::move(c));
  }
  return candidates;
}

// Checks candidate `c` against what is stored and, without problems,
// creates the participant (when new) and enrols them in `series` (when
// set), adding the row or its problems to `report`.
absl::Status ImportRow(UnitOfWork& w, AuditTrail& trail, const Layout& layout,
                       const ImportOptions& options, const std::optional<Series>& series,
                       Candidate& c, ImportReport& report) {
  std::optional<Participant> existing;
  if (c.problems.empty() && !c.person.email.empty()) {
    TH_ASSIGN_OR_RETURN(existing, w.participants().FindByEmail(c.person.email));
    if (existing && !series) {
      c.problems.push_back({c.line, layout.Header(Column::kEmail),
                            Msg("participant {participant} already has this e-mail address",
                                {{"participant", existing->id}})});
    }
  }
  if (existing && SearchKey(existing->display_name) != SearchKey(c.person.display_name)) {
    // A shared or mistyped address: never merge two people silently.
    c.problems.push_back(
        {c.line, layout.Header(Column::kEmail),
         Msg("this e-mail address belongs to participant {participant} ({name}), not to "
             "\"{row_name}\"; correct the row or that participant''s record",
             {{"participant", existing->id},
              {"name", existing->display_name},
              {"row_name", c.person.display_name}})});
  }
  const Participant& person = existing ? *existing : c.person;
  if (c.problems.empty() && series) {
    TH_ASSIGN_OR_RETURN(std::optional<Message> problem,
                        EnrolmentProblem(w, *series, person, options.override_eligibility));
    if (problem) c.problems.push_back({c.line, "", *std::move(problem)});
  }
  if (!c.problems.empty()) {
    report.problems.insert(report.problems.end(), c.problems.begin(), c.problems.end());
    return absl::OkStatus();
  }
  ImportedRow row;
  row.line = c.line;
  Participant stored = person;
  if (!existing) {
    stored.create_time = stored.update_time = trail.now();
    TH_ASSIGN_OR_RETURN(stored.id, w.participants().Insert(stored));
    TH_RETURN_IF_ERROR(trail.Changed("participant", stored.id, stored.organization_id));
    row.created = true;
  }
  row.participant_id = stored.id;
  row.display_name = stored.display_name;
  if (series) {
    TH_ASSIGN_OR_RETURN(Enrolment e,
                        EnrolAsPlanner(w, trail, *series, stored, options.override_eligibility,
                                       "imported from a list by a coordinator"));
    row.enrolment_id = e.id;
    row.enrolment_state = e.state;
    row.waitlist_position = e.waitlist_position;
  }
  if (options.dry_run) {
    // Nothing is kept: ids given inside the rolled-back unit mean nothing.
    if (row.created) row.participant_id = 0;
    row.enrolment_id = 0;
  }
  report.imported.push_back(row);
  return absl::OkStatus();
}

}  // namespace

ParticipantImport::ParticipantImport(Store& store, Clock clock)
    : store_(store), clock_(std::move(clock)) {}

absl::StatusOr<ImportReport> ParticipantImport::Import(const RequestContext& ctx,
                                                       absl::string_view csv,
                                                       const ImportOptions& options,
                                                       const RequestKey& key) {
  const Principal& who = ctx.who;
  TH_RETURN_IF_ERROR(ValidateOptions(csv, options, key));
  TH_RETURN_IF_ERROR(ValidateRequestId(key.request_id));
  TH_ASSIGN_OR_RETURN(CsvTable table, ParseCsv(csv, "csv"));
  if (table.rows.empty()) return InvalidField("csv", Msg("the file has a header but no rows"));
  if (table.rows.size() > kMaxImportRows) {
    return InvalidField("csv", Msg("the file has {rows} rows; at most {max} at once",
                                   {{"rows", static_cast<int64_t>(table.rows.size())},
                                    {"max", static_cast<int64_t>(kMaxImportRows)}}));
  }
  TH_ASSIGN_OR_RETURN(Layout layout, ReadHeader(table));
  const absl::Time now = clock_();
  std::vector<Candidate> candidates =
      ReadCandidates(layout, table, options, absl::ToCivilDay(now, DisplayTimeZone()));

  ImportReport report;
  bool dry_run_ended = false;
  absl::Status unit = store_.Write([&](UnitOfWork& w) -> absl::Status {
    report = ImportReport{};
    report.rows = static_cast<int>(table.rows.size());
    auto replay = [&](const RequestRecord&) {
      report.applied = true;
      report.repeated = true;
      return absl::OkStatus();
    };
    // The request id records how many rows were imported.
    return OncePerRequest(w, "ImportParticipants", key, replay, [&]() -> absl::StatusOr<Id> {
      absl::StatusOr<Organization> org = w.organizations().Get(options.organization_id);
      if (!who.IsAdmin() && !who.Coordinates(options.organization_id)) {
        return Denied(Msg("your account may not keep participants of organisation {organization}",
                          {{"organization", options.organization_id}}));
      }
      if (!org.ok()) return NameField(org.status(), "organization_id");
      AuditTrail trail(w, ctx, now);
      std::optional<Series> series;
      if (options.series_id != 0) {
        TH_ASSIGN_OR_RETURN(series, SeriesFor(w, who, options.series_id, Need::kPlan, "series_id"));
        TH_RETURN_IF_ERROR(CheckEnrolmentWindow(*series, /*by_planner=*/true, now));
      }
      for (Candidate& c : candidates) {
        TH_RETURN_IF_ERROR(ImportRow(w, trail, layout, options, series, c, report));
      }
      if (!report.problems.empty() && !options.accept_good_rows && !options.dry_run) {
        return ProblemsError(report.problems);
      }
      if (options.dry_run) {
        dry_run_ended = true;
        return DryRunEnd();
      }
      report.applied = true;
      return static_cast<Id>(report.imported.size());
    });
  });
  if (dry_run_ended && unit.code() == absl::StatusCode::kAborted) return report;
  TH_RETURN_IF_ERROR(unit);
  return report;
}

}  // namespace trainhub::domain
