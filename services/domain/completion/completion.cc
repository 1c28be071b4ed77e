#include "domain/completion/completion.h"

#include <map>
#include <utility>

#include "absl/strings/str_cat.h"
#include "domain/access.h"
#include "domain/attendance/attendance_rules.h"
#include "domain/audit_trail.h"
#include "domain/completion/completion_access.h"
#include "domain/errors.h"
#include "domain/limits.h"
#include "domain/policy.h"
#include "domain/status_macros.h"
#include "domain/text.h"
#include "domain/validation.h"

namespace trainhub::domain {

namespace {

constexpr char kDecideMethod[] = "trainhub.v1.CertificateService/RecordCompletionDecision";

void HideReasons(PersonCompletion& p) {
  if (!p.decision) return;
  p.decision->reason.clear();
  p.decision->account_name.clear();
  p.decision->account_id = 0;
}

// FAILED_PRECONDITION (NOT_FOUND "participant_id" without an enrolment)
// unless `decision` may be recorded for `series`: an outcome the series
// issues, for someone enrolled, other than the decision in force.
absl::Status CheckDecisionChanges(ReadView& r, const Series& series,
                                  const CompletionDecision& decision) {
  if (decision.outcome == CompletionOutcome::kCertificate &&
      series.issued_documents == IssuedDocuments::kConfirmationOnly) {
    return FieldError(absl::StatusCode::kFailedPrecondition, "outcome",
                      Msg("series {series} issues only Teilnahmebestätigungen, no Zertifikat",
                          {{"series", decision.series_id}}));
  }
  TH_ASSIGN_OR_RETURN(std::optional<Enrolment> enrolment,
                      r.enrolments().Find(decision.series_id, decision.participant_id));
  if (!enrolment) {
    return FieldError(
        absl::StatusCode::kNotFound, "participant_id",
        Msg("participant {participant} has no enrolment in series {series}",
            {{"participant", decision.participant_id}, {"series", decision.series_id}}));
  }
  TH_ASSIGN_OR_RETURN(std::vector<CompletionDecision> latest,
                      r.completion().ListLatestDecisions(decision.series_id));
  CompletionOutcome in_force = CompletionOutcome::kUnspecified;
  for (const CompletionDecision& d : latest) {
    if (d.participant_id == decision.participant_id) in_force = d.outcome;
  }
  if (decision.outcome != in_force) return absl::OkStatus();
  return FieldError(
      absl::StatusCode::kFailedPrecondition, "outcome",
      in_force == CompletionOutcome::kUnspecified
          ? Msg("no decision is in force; the rule decides already")
          : Msg("the decision in force already gives {outcome, select, certificate "
                "{certificate} confirmation {confirmation} none {none} other {unspecified}}",
                {{"outcome", SelectKey(ToString(in_force))}}));
}

}  // namespace

Completion::Completion(Store& store, Clock clock) : store_(store), clock_(std::move(clock)) {}

absl::StatusOr<CompletionRule> Completion::Rule(const Principal& who, Id series_id) {
  CompletionRule rule;
  TH_RETURN_IF_ERROR(store_.Read([&](ReadView& r) -> absl::Status {
    TH_ASSIGN_OR_RETURN(auto access,
                        AccessCompletion(r, who, series_id, CompletionRole::kParticipant));
    TH_ASSIGN_OR_RETURN(rule, RuleOf(r, series_id));
    if (access.second == CompletionRole::kParticipant) {
      rule.updated_by = 0;
      rule.updated_by_name.clear();
    }
    return absl::OkStatus();
  }));
  return rule;
}

absl::StatusOr<CompletionRule> Completion::SetRule(const RequestContext& ctx, CompletionRule rule) {
  const absl::Time now = clock_();
  CompletionRule stored;
  TH_RETURN_IF_ERROR(CheckId(rule.series_id, "rule.series_id"));
  TH_RETURN_IF_ERROR(store_.Write([&](UnitOfWork& w) -> absl::Status {
    absl::StatusOr<std::pair<Series, CompletionRole>> access =
        AccessCompletion(w, ctx.who, rule.series_id, CompletionRole::kPlanner);
    if (!access.ok()) return NameField(access.status(), "rule.series_id", access.status().code());
    TH_ASSIGN_OR_RETURN(std::vector<Module> modules, ModulesOf(w, rule.series_id));
    Violations v;
    for (auto& [field, message] : RuleProblems(rule, static_cast<int>(modules.size()), "rule.")) {
      v.Add(field, message);
    }
    if (!v.empty()) return v.ToStatus();
    rule.is_default = false;
    rule.updated_by = ctx.who.account.id;
    rule.update_time = now;
    TH_RETURN_IF_ERROR(w.completion().PutRule(rule));
    AuditTrail trail(w, ctx, now);
    TH_RETURN_IF_ERROR(
        trail.Changed("completion_rule", rule.series_id, access->first.organization_id));
    TH_ASSIGN_OR_RETURN(stored, RuleOf(w, rule.series_id));
    return absl::OkStatus();
  }));
  return stored;
}

absl::StatusOr<CompletionReport> Completion::Evaluate(const Principal& who, Id series_id,
                                                      Id participant_id,
                                                      const std::set<CompletionProgress>& only) {
  if (participant_id < 0) return InvalidField("participant_id", Msg("must be a positive id"));
  CompletionReport report;
  report.evaluate_time = clock_();
  CompletionRole role = CompletionRole::kNone;
  TH_RETURN_IF_ERROR(store_.Read([&](ReadView& r) -> absl::Status {
    TH_ASSIGN_OR_RETURN(auto access,
                        AccessCompletion(r, who, series_id, CompletionRole::kParticipant));
    role = access.second;
    if (role == CompletionRole::kParticipant) {
      if (participant_id != 0 && participant_id != who.ParticipantId()) {
        return Denied(Msg("your account may not see the completion of participant {participant}",
                              {{"participant", participant_id}}));
      }
      participant_id = who.ParticipantId();
    }
    report.series = std::move(access.first);
    TH_ASSIGN_OR_RETURN(report.rule, RuleOf(r, series_id));
    TH_ASSIGN_OR_RETURN(SeriesEvaluation evaluation,
                        EvaluateSeries(r, report.series, report.rule, participant_id,
                                                       report.evaluate_time));
    report.people = std::move(evaluation.people);
    return absl::OkStatus();
  }));
  if (participant_id != 0 && report.people.empty() && role != CompletionRole::kParticipant) {
    return FieldError(
        absl::StatusCode::kNotFound, "participant_id",
        Msg("participant {participant} held no seat in series {series}",
            {{"participant", participant_id}, {"series", series_id}}));
  }
  if (role == CompletionRole::kParticipant) {
    report.rule.updated_by = 0;
    report.rule.updated_by_name.clear();
    for (PersonCompletion& p : report.people) HideReasons(p);
  }
  if (!only.empty()) {
    std::erase_if(report.people,
                  [&](const PersonCompletion& p) { return !only.count(p.progress); });
  }
  return report;
}

absl::StatusOr<PersonCompletion> Completion::Decide(const RequestContext& ctx,
                                                    CompletionDecision decision,
                                                    const RequestKey& key) {
  const absl::Time now = clock_();
  Violations v;
  if (decision.series_id <= 0) v.Add("series_id", Msg("must be a positive id"));
  if (decision.participant_id <= 0) v.Add("participant_id", Msg("must be a positive id"));
  decision.reason = Trimmed(decision.reason);
  if (std::optional<Message> p = TextProblem(decision.reason, 1, kMaxReasonChars, true)) {
    v.Add("reason", *std::move(p));
  }
  if (static_cast<int>(decision.outcome) < 0 ||
      static_cast<int>(decision.outcome) > static_cast<int>(CompletionOutcome::kNone)) {
    v.Add("outcome", Msg("is not a known outcome"));
  }
  if (!v.empty()) return v.ToStatus();
  TH_RETURN_IF_ERROR(ValidateRequestId(key.request_id));
  PersonCompletion person;
  TH_RETURN_IF_ERROR(store_.Write([&](UnitOfWork& w) -> absl::Status {
    TH_ASSIGN_OR_RETURN(auto access,
                        AccessCompletion(w, ctx.who, decision.series_id, CompletionRole::kPlanner));
    TH_RETURN_IF_ERROR(
        OncePerRequest(w, kDecideMethod, key, NothingToReplay, [&]() -> absl::StatusOr<Id> {
          TH_RETURN_IF_ERROR(CheckDecisionChanges(w, access.first, decision));
          decision.account_id = ctx.who.account.id;
          decision.record_time = now;
          TH_ASSIGN_OR_RETURN(decision.id, w.completion().AppendDecision(decision));
          AuditTrail trail(w, ctx, now);
          TH_RETURN_IF_ERROR(
              trail.Changed("completion_decision", decision.id, access.first.organization_id));
          return decision.id;
        }));
    TH_ASSIGN_OR_RETURN(CompletionRule rule, RuleOf(w, decision.series_id));
    TH_ASSIGN_OR_RETURN(SeriesEvaluation evaluation,
                        EvaluateSeries(w, access.first, rule, decision.participant_id, now));
    std::vector<PersonCompletion>& people = evaluation.people;
    if (!people.empty()) {
      person = std::move(people.front());
      return absl::OkStatus();
    }
    // Enrolled, but never expected at a session (e.g. all sessions ahead of
    // a waiting-list place): nothing attended so far.
    person.participant_id = decision.participant_id;
    TH_ASSIGN_OR_RETURN(Participant p, w.participants().Get(decision.participant_id));
    person.participant_name = p.display_name;
    person.rule_outcome = CompletionOutcome::kNone;
    person.outcome = decision.outcome == CompletionOutcome::kUnspecified ? CompletionOutcome::kNone
                                                                         : decision.outcome;
    if (decision.outcome != CompletionOutcome::kUnspecified) person.decision = decision;
    return absl::OkStatus();
  }));
  return person;
}

absl::StatusOr<Page<CompletionDecision>> Completion::Decisions(const Principal& who, Id series_id,
                                                               Id participant_id,
                                                               const PageRequest& page) {
  if (participant_id < 0) return InvalidField("participant_id", Msg("must be a positive id"));
  Page<CompletionDecision> out;
  TH_RETURN_IF_ERROR(store_.Read([&](ReadView& r) -> absl::Status {
    TH_ASSIGN_OR_RETURN(auto access, AccessCompletion(r, who, series_id, CompletionRole::kReader));
    (void)access;
    TH_ASSIGN_OR_RETURN(out, r.completion().ListDecisions(series_id, participant_id, page));
    return absl::OkStatus();
  }));
  return out;
}

}  // namespace trainhub::domain
