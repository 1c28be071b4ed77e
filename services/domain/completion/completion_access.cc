#include "domain/completion/completion_access.h"

#include <map>
#include <string>

#include "absl/strings/str_cat.h"
#include "domain/access.h"
#include "domain/attendance/attendance_rules.h"
#include "domain/completion/certificate_document.h"
#include "domain/errors.h"
#include "domain/policy.h"
#include "domain/status_macros.h"

namespace trainhub::domain {

absl::StatusOr<std::pair<Series, CompletionRole>> AccessCompletion(ReadView& r,
                                                                   const Principal& who,
                                                                   Id series_id,
                                                                   CompletionRole needed) {
  TH_RETURN_IF_ERROR(CheckId(series_id, "series_id"));
  absl::StatusOr<Series> series = r.series().GetStored(series_id);
  const Message what = Msg(
      "your account may not {act, select, decide {decide} other {see}} the completion of series "
      "{series}",
      {{"act", needed == CompletionRole::kPlanner ? "decide" : "see"}, {"series", series_id}});
  if (!series.ok()) {
    if (who.IsAdmin()) return NameField(series.status(), "series_id");
    if (absl::IsNotFound(series.status())) return Denied(what);
    return series.status();
  }
  CompletionRole role = CompletionRole::kNone;
  if (CanPlanSeries(who, *series)) {
    role = CompletionRole::kPlanner;
  } else if (CoordinatesSeries(who, *series)) {
    role = CompletionRole::kReader;
  } else {
    TH_ASSIGN_OR_RETURN(bool enrolled, Enrolled(r, who, series_id));
    if (enrolled) role = CompletionRole::kParticipant;
  }
  if (role < needed) return Denied(what);
  return std::make_pair(*std::move(series), role);
}

absl::StatusOr<std::vector<Certificate>> CertificatesOfSeries(ReadView& r, Id series_id) {
  CertificateFilter filter;
  filter.series_id = series_id;
  return AllPages<Certificate>(
      [&](const PageRequest& page) { return r.certificates().List(filter, page); });
}

absl::StatusOr<CompletionRule> RuleOf(ReadView& r, Id series_id) {
  TH_ASSIGN_OR_RETURN(std::optional<CompletionRule> stored, r.completion().GetRule(series_id));
  if (stored) return *std::move(stored);
  CompletionRule rule;
  rule.series_id = series_id;
  return rule;
}

absl::StatusOr<SeriesEvaluation> EvaluateSeries(ReadView& r, const Series& series,
                                                const CompletionRule& rule, Id participant_id,
                                                absl::Time now) {
  TH_ASSIGN_OR_RETURN(AttendanceMatrix matrix, BuildMatrix(r, series));
  TH_ASSIGN_OR_RETURN(std::vector<Module> stored_modules, ModulesOf(r, series.id));
  std::vector<CompletionModule> modules;
  for (const Module& m : stored_modules) {
    modules.push_back({m.id, m.position, m.title, m.mandatory});
  }
  std::vector<CompletionSession> sessions;
  for (const MatrixColumn& c : matrix.columns) {
    sessions.push_back({c.session.id, c.session.module_id, c.session.start, c.session.end,
                        LengthMinutes(c.session), c.teaching_units, c.signed_off});
  }
  TH_ASSIGN_OR_RETURN(std::vector<CompletionDecision> latest,
                      r.completion().ListLatestDecisions(series.id));
  std::map<Id, CompletionDecision> decisions;
  for (CompletionDecision& d : latest) {
    if (d.outcome != CompletionOutcome::kUnspecified) decisions[d.participant_id] = std::move(d);
  }
  std::vector<PersonCompletion> people;
  std::vector<CompletionCell> cells;
  for (const MatrixRow& row : matrix.rows) {
    if (participant_id != 0 && row.participant_id != participant_id) continue;
    cells.clear();
    for (const MatrixCell& c : row.cells) cells.push_back({c.expected, c.status, c.minutes_missed});
    PersonCompletion p = EvaluatePerson(rule, modules, sessions, cells, now);
    p.participant_id = row.participant_id;
    p.participant_name = row.participant_name;
    if (auto it = decisions.find(row.participant_id); it != decisions.end()) {
      p.decision = it->second;
      p.outcome = it->second.outcome;
    }
    // A series that issues only Teilnahmebestätigungen gives one also for
    // meeting its rule (and for a decision from before it was set so).
    if (series.issued_documents == IssuedDocuments::kConfirmationOnly) {
      for (CompletionOutcome* o : {&p.rule_outcome, &p.outcome}) {
        if (*o == CompletionOutcome::kCertificate) *o = CompletionOutcome::kConfirmation;
      }
    }
    people.push_back(std::move(p));
  }
  return SeriesEvaluation{std::move(people), std::move(matrix)};
}

absl::StatusOr<std::pair<Certificate, CompletionRole>> AccessCertificate(ReadView& r,
                                                                         const Principal& who,
                                                                         const std::string& text,
                                                                         CompletionRole needed) {
  std::optional<std::string> serial = NormalizeSerial(text);
  if (!serial) {
    return InvalidField(
        "serial", Msg("is not a certificate number (16 characters, e.g. 7K3M-Q9ZD-X2RT-4HNB)"));
  }
  const Message what =
      Msg("your account may not {act, select, change {change} other {see}} certificate {serial}",
          {{"act", needed == CompletionRole::kPlanner ? "change" : "see"}, {"serial", *serial}});
  absl::StatusOr<Certificate> c = r.certificates().GetBySerial(*serial);
  if (!c.ok()) {
    if (!absl::IsNotFound(c.status())) return c.status();
    if (who.IsAdmin())
      return FieldError(absl::StatusCode::kNotFound, "serial",
                        Msg("no certificate has the number {serial}", {{"serial", *serial}}));
    return Denied(what);
  }
  if (needed <= CompletionRole::kParticipant && who.ParticipantId() != 0 &&
      who.ParticipantId() == c->participant_id) {
    return std::make_pair(*std::move(c), CompletionRole::kParticipant);
  }
  absl::StatusOr<std::pair<Series, CompletionRole>> access =
      AccessCompletion(r, who, c->content.series_id, std::max(needed, CompletionRole::kReader));
  if (!access.ok()) {
    return absl::IsPermissionDenied(access.status()) ? Denied(what) : access.status();
  }
  return std::make_pair(*std::move(c), access->second);
}

}  // namespace trainhub::domain
