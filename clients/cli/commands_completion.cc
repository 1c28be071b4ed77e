// trainhub completion rule|status|at-risk|decide|history: who completes a
// series and what they receive.

#include <fmt/core.h>

#include <map>
#include <memory>

#include "absl/strings/numbers.h"
#include "absl/strings/str_join.h"
#include "clients/cli/commands.h"
#include "clients/cli/format.h"
#include "clients/cli/messages.h"
#include "trainhub/v1/certificate.grpc.pb.h"

namespace trainhub::cli {
namespace {

namespace v1 = ::trainhub::v1;
using Stub = v1::CertificateService::StubInterface;

const std::map<std::string, v1::CompletionOutcome>& OutcomeWords() {
  static const auto* words = new std::map<std::string, v1::CompletionOutcome>{
      {"certificate", v1::COMPLETION_OUTCOME_CERTIFICATE},
      {"confirmation", v1::COMPLETION_OUTCOME_CONFIRMATION},
      {"none", v1::COMPLETION_OUTCOME_NONE},
      {"automatic", v1::COMPLETION_OUTCOME_UNSPECIFIED}};
  return *words;
}

std::string OutcomeText(v1::CompletionOutcome outcome) {
  switch (outcome) {
    case v1::COMPLETION_OUTCOME_CERTIFICATE:
      return msg::kOutcomeCertificate;
    case v1::COMPLETION_OUTCOME_CONFIRMATION:
      return msg::kOutcomeConfirmation;
    case v1::COMPLETION_OUTCOME_NONE:
      return msg::kOutcomeNone;
    default:
      return msg::kOutcomeAutomatic;
  }
}

std::string ProgressText(v1::CompletionProgress progress) {
  switch (progress) {
    case v1::COMPLETION_PROGRESS_ON_TRACK:
      return msg::kProgressOnTrack;
    case v1::COMPLETION_PROGRESS_AT_RISK:
      return msg::kProgressAtRisk;
    case v1::COMPLETION_PROGRESS_CANNOT_COMPLETE:
      return msg::kProgressCannotComplete;
    case v1::COMPLETION_PROGRESS_COMPLETED:
      return msg::kProgressCompleted;
    case v1::COMPLETION_PROGRESS_NOT_COMPLETED:
      return msg::kProgressNotCompleted;
    default:
      return "";
  }
}

void PrintRule(Context& ctx, const v1::CompletionRule& rule) {
  auto& out = ctx.out();
  out << fmt::format(msg::kRuleHeading, rule.series_id())
      << (rule.is_default() ? msg::kRuleIsDefault : "") << "\n";
  std::vector<std::string> parts;
  if (rule.all_modules()) parts.push_back(msg::kRuleAllModules);
  if (rule.min_modules() > 0)
    parts.push_back(fmt::format(msg::kRuleMinModules, rule.min_modules()));
  if (rule.mandatory_modules()) parts.push_back(msg::kRuleMandatoryModules);
  if (rule.has_max_excused())
    parts.push_back(fmt::format(msg::kRuleMaxExcused, rule.max_excused()));
  if (rule.min_teaching_unit_percent() > 0) {
    parts.push_back(fmt::format(msg::kRuleMinPercent, rule.min_teaching_unit_percent()));
  }
  for (const std::string& part : parts) out << "  - " << part << "\n";
  PrintWrapped(out, fmt::format(msg::kRuleLateMinutes, rule.allowed_minutes_missed()));
  out << (rule.confirmation_min_modules() > 0
              ? fmt::format(msg::kRuleConfirmation, rule.confirmation_min_modules())
              : std::string(msg::kRuleNoConfirmation))
      << "\n";
  if (!rule.is_default() && !rule.updated_by().empty()) {
    PrintWrapped(
        out, fmt::format(msg::kRuleUpdated, FormatLocal(rule.update_time()), rule.updated_by()));
  }
}

struct RuleOptions {
  int64_t series_id = 0;
  bool all_modules = false;
  int min_modules = 0;
  bool mandatory_modules = false;
  std::string max_excused;
  int min_percent = 0;
  int late_minutes = 0;
  int confirmation_modules = 0;
  CLI::Option *all_opt, *min_opt, *mandatory_opt, *excused_opt, *percent_opt, *late_opt,
      *confirmation_opt;

  bool AnyChange() const {
    for (const CLI::Option* o :
         {all_opt, min_opt, mandatory_opt, excused_opt, percent_opt, late_opt, confirmation_opt}) {
      if (o->count() > 0) return true;
    }
    return false;
  }
};

void AddRule(CLI::App* completion, Context& ctx) {
  auto* cmd = completion->add_subcommand("rule", msg::kCompletionRuleHelp);
  auto o = std::make_shared<RuleOptions>();
  cmd->add_option("series", o->series_id, msg::kSeriesIdArg)->required();
  o->all_opt =
      cmd->add_flag("--all-modules,!--no-all-modules", o->all_modules, msg::kAllModulesOption);
  o->min_opt = cmd->add_option("--min-modules", o->min_modules, msg::kMinModulesOption);
  o->mandatory_opt = cmd->add_flag("--mandatory-modules,!--no-mandatory-modules",
                                   o->mandatory_modules, msg::kMandatoryModulesOption);
  o->excused_opt = cmd->add_option("--max-excused", o->max_excused, msg::kMaxExcusedOption);
  o->percent_opt = cmd->add_option("--min-ue-percent", o->min_percent, msg::kMinPercentOption);
  o->late_opt = cmd->add_option("--late-minutes", o->late_minutes, msg::kLateMinutesOption);
  o->confirmation_opt = cmd->add_option("--confirmation-modules", o->confirmation_modules,
                                        msg::kConfirmationModulesOption);
  cmd->callback([&ctx, o] {
    auto& c = ctx.client();
    v1::GetCompletionRuleRequest get;
    get.set_series_id(o->series_id);
    v1::CompletionRule rule;
    if (!Check(ctx, c.Call(c.stub<v1::CertificateService>(), &Stub::GetCompletionRule, get, &rule)))
      return;
    if (!o->AnyChange()) {
      if (c.json()) return c.PrintJson(rule);
      return PrintRule(ctx, rule);
    }
    if (o->all_opt->count()) rule.set_all_modules(o->all_modules);
    if (o->min_opt->count()) {
      rule.set_min_modules(o->min_modules);
      // "At least N" stands instead of "all" unless both are asked for.
      if (!o->all_opt->count()) rule.set_all_modules(false);
    }
    if (o->mandatory_opt->count()) rule.set_mandatory_modules(o->mandatory_modules);
    if (o->excused_opt->count()) {
      int value = 0;
      if (o->max_excused == "any") {
        rule.clear_max_excused();
      } else if (absl::SimpleAtoi(o->max_excused, &value)) {
        rule.set_max_excused(value);
      } else {
        UsageError(ctx, fmt::format(msg::kBadMaxExcused, o->max_excused));
        return;
      }
    }
    if (o->percent_opt->count()) rule.set_min_teaching_unit_percent(o->min_percent);
    if (o->late_opt->count()) rule.set_allowed_minutes_missed(o->late_minutes);
    if (o->confirmation_opt->count()) rule.set_confirmation_min_modules(o->confirmation_modules);
    v1::SetCompletionRuleRequest set;
    *set.mutable_rule() = rule;
    v1::CompletionRule stored;
    if (!Check(ctx,
               c.Call(c.stub<v1::CertificateService>(), &Stub::SetCompletionRule, set, &stored)))
      return;
    if (c.json()) return c.PrintJson(stored);
    PrintRule(ctx, stored);
  });
}

void PrintReport(Context& ctx, const v1::CompletionReport& report, bool with_reasons) {
  PrintWrapped(ctx.out(), fmt::format(msg::kCompletionHeading, report.series_title(),
                                      report.series_id(), FormatLocal(report.evaluate_time())));
  if (report.people().empty()) {
    ctx.out() << msg::kNobodyToShow << "\n";
    return;
  }
  Table table({msg::kColId, msg::kColName, msg::kColOutcome, msg::kColProgress, msg::kColModules,
               msg::kColUnits, msg::kColExcused, msg::kColAbsent, msg::kColOpen});
  for (const auto& p : report.people()) {
    std::string outcome = OutcomeText(p.outcome());
    if (p.has_decision()) outcome += msg::kDecidedMark;
    table.Add({std::to_string(p.participant_id()), p.participant_name(), outcome,
               ProgressText(p.progress()),
               fmt::format("{}/{}", p.modules_attended(), p.module_count()),
               fmt::format("{:.0f} %", p.teaching_unit_percent()), std::to_string(p.excused()),
               std::to_string(p.absent()), std::to_string(p.sessions_remaining())});
  }
  table.Print(ctx.out());
  if (!with_reasons) return;
  for (const auto& p : report.people()) {
    if (!p.progress_reason().empty()) {
      PrintWrapped(ctx.out(), fmt::format(msg::kCompletionReasonLine, p.participant_id(),
                                          p.participant_name(), p.progress_reason()));
    }
    if (p.has_decision() && !p.decision().reason().empty()) {
      PrintWrapped(ctx.out(),
                   fmt::format(msg::kDecisionLine, p.participant_id(), OutcomeText(p.outcome()),
                               p.decision().reason(), p.decision().account_name()));
    }
  }
}

void AddStatus(CLI::App* completion, Context& ctx, const char* name, const char* help,
               std::vector<v1::CompletionProgress> only) {
  auto* cmd = completion->add_subcommand(name, help);
  auto series = std::make_shared<int64_t>();
  auto participant = std::make_shared<int64_t>();
  cmd->add_option("series", *series, msg::kSeriesIdArg)->required();
  if (only.empty()) {
    cmd->add_option("--participant", *participant, msg::kSummaryParticipantOption);
  }
  cmd->callback([&ctx, series, participant, only] {
    v1::EvaluateCompletionRequest request;
    request.set_series_id(*series);
    request.set_participant_id(*participant);
    for (auto p : only) request.add_progress(p);
    v1::CompletionReport report;
    auto& c = ctx.client();
    if (!Check(ctx, c.Call(c.stub<v1::CertificateService>(), &Stub::EvaluateCompletion, request,
                           &report))) {
      return;
    }
    if (c.json()) return c.PrintJson(report);
    PrintReport(ctx, report, true);
  });
}

void AddDecide(CLI::App* completion, Context& ctx) {
  auto* cmd = completion->add_subcommand("decide", msg::kCompletionDecideHelp);
  struct Options {
    int64_t series = 0, participant = 0;
    std::string outcome, reason, request_id;
  };
  auto o = std::make_shared<Options>();
  cmd->add_option("series", o->series, msg::kSeriesIdArg)->required();
  cmd->add_option("participant", o->participant, msg::kDecideParticipantArg)->required();
  std::vector<std::string> words;
  for (const auto& [word, outcome] : OutcomeWords()) words.push_back(word);
  cmd->add_option("--outcome", o->outcome, msg::kOutcomeOption)
      ->required()
      ->transform(CLI::IsMember(words, CLI::ignore_case));
  cmd->add_option("--reason", o->reason, msg::kDecisionReasonOption)->required();
  cmd->add_option("--request-id", o->request_id, msg::kRequestIdOption);
  cmd->callback([&ctx, o] {
    v1::RecordCompletionDecisionRequest request;
    request.set_series_id(o->series);
    request.set_participant_id(o->participant);
    const v1::CompletionOutcome outcome = OutcomeWords().at(o->outcome);
    request.set_outcome(outcome);
    request.set_automatic(outcome == v1::COMPLETION_OUTCOME_UNSPECIFIED);
    request.set_reason(o->reason);
    request.set_request_id(o->request_id.empty() ? NewRequestId() : o->request_id);
    v1::PersonCompletion person;
    auto& c = ctx.client();
    if (!Check(ctx, c.Call(c.stub<v1::CertificateService>(), &Stub::RecordCompletionDecision,
                           request, &person))) {
      return;
    }
    if (c.json()) return c.PrintJson(person);
    PrintWrapped(ctx.out(), fmt::format(msg::kDecisionRecorded, person.participant_name(),
                                        person.participant_id(), OutcomeText(person.outcome()),
                                        OutcomeText(person.rule_outcome())));
  });
}

void AddHistory(CLI::App* completion, Context& ctx) {
  auto* cmd = completion->add_subcommand("history", msg::kCompletionHistoryHelp);
  auto series = std::make_shared<int64_t>();
  auto participant = std::make_shared<int64_t>();
  auto paging = std::make_shared<Paging>();
  cmd->add_option("series", *series, msg::kSeriesIdArg)->required();
  cmd->add_option("--participant", *participant, msg::kHistoryParticipantOption);
  paging->AddTo(cmd);
  cmd->callback([&ctx, series, participant, paging] {
    v1::ListCompletionDecisionsRequest request;
    request.set_series_id(*series);
    request.set_participant_id(*participant);
    v1::ListCompletionDecisionsResponse all;
    auto& c = ctx.client();
    if (!Check(ctx, ListAll(c, c.stub<v1::CertificateService>(), &Stub::ListCompletionDecisions,
                            request, *paging, &all))) {
      return;
    }
    if (c.json()) return c.PrintJson(all);
    if (all.decisions().empty()) {
      ctx.out() << msg::kNoDecisions << "\n";
      return;
    }
    Table table(
        {msg::kColTime, msg::kColParticipant, msg::kColOutcome, msg::kColBy, msg::kColReason});
    for (const auto& d : all.decisions()) {
      table.Add({FormatLocal(d.record_time()), std::to_string(d.participant_id()),
                 OutcomeText(d.outcome()), d.account_name(), d.reason()});
    }
    table.Print(ctx.out());
  });
}

}  // namespace

void AddCompletionCommands(CLI::App& app, Context& ctx) {
  auto* completion = app.add_subcommand("completion", msg::kCompletionHelp);
  completion->require_subcommand(1);
  AddRule(completion, ctx);
  AddStatus(completion, ctx, "status", msg::kCompletionStatusHelp, {});
  AddStatus(completion, ctx, "at-risk", msg::kCompletionAtRiskHelp,
            {v1::COMPLETION_PROGRESS_AT_RISK, v1::COMPLETION_PROGRESS_CANNOT_COMPLETE});
  AddDecide(completion, ctx);
  AddHistory(completion, ctx);
}

}  // namespace trainhub::cli
