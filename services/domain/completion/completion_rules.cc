#include "domain/completion/completion_rules.h"

#include <algorithm>
#include <functional>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "domain/berlin_time.h"
#include "domain/limits.h"

namespace trainhub::domain {

namespace {

// A person's tally over the whole series, with some sessions' cells
// replaced by assumptions.
struct Tally {
  std::vector<ModuleCompletion> modules;
  int modules_attended = 0;
  int excused = 0;
  int absent = 0;
  double teaching_units_attended = 0;
  double teaching_units = 0;

  double Percent() const {
    return teaching_units > 0 ? 100.0 * teaching_units_attended / teaching_units : 0;
  }
};

bool Present(AttendanceStatus s) {
  return s == AttendanceStatus::kPresent || s == AttendanceStatus::kLate;
}

// `assumed(i)` gives the cell to use for session i instead of cells[i], or
// nullptr to use the recorded one.
Tally Count(const CompletionRule& rule, const std::vector<CompletionModule>& modules,
            const std::vector<CompletionSession>& sessions,
            const std::vector<CompletionCell>& cells,
            const std::function<const CompletionCell*(size_t)>& assumed) {
  Tally t;
  std::vector<size_t> module_index_of(sessions.size(), modules.size());
  std::vector<ModuleCompletion> all(modules.size());
  for (size_t m = 0; m < modules.size(); ++m) all[m].module = modules[m];
  for (size_t i = 0; i < sessions.size(); ++i) {
    const CompletionSession& s = sessions[i];
    const CompletionCell* replaced = assumed ? assumed(i) : nullptr;
    const CompletionCell& cell = replaced != nullptr ? *replaced : cells[i];
    t.teaching_units += s.teaching_units;
    double units = 0;
    if (Present(cell.status)) {
      const double share =
          s.length_minutes > 0
              ? std::max(0, s.length_minutes - cell.minutes_missed) / double(s.length_minutes)
              : 1.0;
      units = s.teaching_units * share;
    }
    t.teaching_units_attended += units;
    if (cell.status == AttendanceStatus::kExcused) ++t.excused;
    if (cell.status == AttendanceStatus::kAbsent) ++t.absent;
    auto it = std::find_if(modules.begin(), modules.end(),
                           [&](const CompletionModule& m) { return m.module_id == s.module_id; });
    if (it == modules.end()) continue;
    ModuleCompletion& mc = all[it - modules.begin()];
    ++mc.session_count;
    mc.teaching_units += s.teaching_units;
    mc.teaching_units_attended += units;
    if (Present(cell.status) && cell.minutes_missed <= rule.allowed_minutes_missed) {
      ++mc.sessions_attended;
    }
  }
  for (ModuleCompletion& mc : all) {
    if (mc.session_count == 0) continue;  // cannot be attended; does not count
    mc.attended = mc.sessions_attended == mc.session_count;
    if (mc.attended) ++t.modules_attended;
    t.modules.push_back(std::move(mc));
  }
  return t;
}

std::string ModuleName(const CompletionModule& m) {
  return absl::StrCat(m.position, ". ", m.title);
}

// The requirements of `rule` that `t` does not meet, in words.
std::vector<Message> Unmet(const CompletionRule& rule, const Tally& t) {
  std::vector<Message> unmet;
  const int module_count = static_cast<int>(t.modules.size());
  std::vector<std::string> missing, missing_mandatory;
  for (const ModuleCompletion& mc : t.modules) {
    if (mc.attended) continue;
    missing.push_back(ModuleName(mc.module));
    if (mc.module.mandatory) missing_mandatory.push_back(ModuleName(mc.module));
  }
  if (rule.all_modules && t.modules_attended < module_count) {
    unmet.push_back(Msg("all modules attended: {attended} of {modules} (missing {missing})",
                        {{"attended", t.modules_attended},
                         {"modules", module_count},
                         {"missing", absl::StrJoin(missing, ", ")}}));
  }
  if (rule.min_modules > 0 && t.modules_attended < rule.min_modules) {
    unmet.push_back(Msg("at least {min} modules attended: {attended}",
                        {{"min", rule.min_modules}, {"attended", t.modules_attended}}));
  }
  if (rule.mandatory_modules && !missing_mandatory.empty()) {
    unmet.push_back(Msg("mandatory modules attended: missing {missing}",
                        {{"missing", absl::StrJoin(missing_mandatory, ", ")}}));
  }
  if (rule.max_excused && t.excused > *rule.max_excused) {
    unmet.push_back(Msg("at most {max} excused absences: {excused}",
                        {{"max", *rule.max_excused}, {"excused", t.excused}}));
  }
  if (rule.min_teaching_unit_percent > 0 &&
      t.Percent() + 1e-9 < static_cast<double>(rule.min_teaching_unit_percent)) {
    unmet.push_back(Msg("at least {min} % of the teaching units: {percent} %",
                        {{"min", rule.min_teaching_unit_percent},
                         {"percent", absl::StrFormat("%.1f", t.Percent())}}));
  }
  return unmet;
}

std::string SessionName(const CompletionSession& s, const std::vector<CompletionModule>& modules) {
  for (const CompletionModule& m : modules) {
    if (m.module_id == s.module_id) {
      return absl::StrCat("the session of ", FormatLocal(s.start), " (module ", ModuleName(m), ")");
    }
  }
  return absl::StrCat("the session of ", FormatLocal(s.start));
}

// The person's figures and outcome as the records stand: sessions without
// a record count as not attended.
PersonCompletion AsRecorded(const CompletionRule& rule,
                            const std::vector<CompletionModule>& modules,
                            const std::vector<CompletionSession>& sessions,
                            const std::vector<CompletionCell>& cells) {
  PersonCompletion p;
  const Tally recorded = Count(rule, modules, sessions, cells, nullptr);
  p.unmet = Unmet(rule, recorded);
  p.modules_attended = recorded.modules_attended;
  p.module_count = static_cast<int>(recorded.modules.size());
  p.excused = recorded.excused;
  p.absent = recorded.absent;
  p.teaching_units_attended = recorded.teaching_units_attended;
  p.teaching_units = recorded.teaching_units;
  p.teaching_unit_percent = recorded.Percent();
  p.modules = recorded.modules;
  if (p.unmet.empty()) {
    p.rule_outcome = CompletionOutcome::kCertificate;
  } else if (rule.confirmation_min_modules > 0 &&
             recorded.modules_attended >= rule.confirmation_min_modules) {
    p.rule_outcome = CompletionOutcome::kConfirmation;
  } else {
    p.rule_outcome = CompletionOutcome::kNone;
  }
  p.outcome = p.rule_outcome;
  return p;
}

}  // namespace

const char* ToString(CompletionOutcome value) {
  switch (value) {
    case CompletionOutcome::kCertificate:
      return "certificate";
    case CompletionOutcome::kConfirmation:
      return "confirmation";
    case CompletionOutcome::kNone:
      return "none";
    case CompletionOutcome::kUnspecified:
      break;
  }
  return "unspecified";
}

const char* ToString(CompletionProgress value) {
  switch (value) {
    case CompletionProgress::kOnTrack:
      return "on track";
    case CompletionProgress::kAtRisk:
      return "at risk";
    case CompletionProgress::kCannotComplete:
      return "cannot complete";
    case CompletionProgress::kCompleted:
      return "completed";
    case CompletionProgress::kNotCompleted:
      return "not completed";
    case CompletionProgress::kUnspecified:
      break;
  }
  return "unspecified";
}

PersonCompletion EvaluatePerson(const CompletionRule& rule,
                                const std::vector<CompletionModule>& modules,
                                const std::vector<CompletionSession>& sessions,
                                const std::vector<CompletionCell>& cells, absl::Time now) {
  PersonCompletion p = AsRecorded(rule, modules, sessions, cells);
  std::vector<size_t> remaining;
  bool any_begun = false;
  for (size_t i = 0; i < sessions.size(); ++i) {
    any_begun = any_begun || sessions[i].start <= now;
    if (!cells[i].expected) continue;
    const bool not_held_yet =
        now < sessions[i].end && cells[i].status != AttendanceStatus::kExcused;
    const bool open_sheet =
        cells[i].status == AttendanceStatus::kUnspecified && !sessions[i].signed_off;
    if (not_held_yet || open_sheet) remaining.push_back(i);
  }
  p.sessions_remaining = static_cast<int>(remaining.size());

  if (remaining.empty()) {
    p.progress =
        p.unmet.empty() ? CompletionProgress::kCompleted : CompletionProgress::kNotCompleted;
    p.progress_reason = EnglishJoined(p.unmet, "; ");
    return p;
  }
  CompletionCell attended;
  attended.expected = true;
  attended.status = AttendanceStatus::kPresent;
  auto is_remaining = [&](size_t i) {
    return std::binary_search(remaining.begin(), remaining.end(), i);
  };
  const std::vector<Message> best =
      Unmet(rule, Count(rule, modules, sessions, cells,
                        [&](size_t i) { return is_remaining(i) ? &attended : nullptr; }));
  if (!best.empty()) {
    p.progress = CompletionProgress::kCannotComplete;
    p.progress_reason =
        absl::StrCat("even attending all ", remaining.size(),
                     " remaining session(s) leaves unmet: ", EnglishJoined(best, "; "));
    return p;
  }
  // At risk: one more absence breaks the rule. Before a session of the
  // series has begun nobody can have missed anything: nobody is at risk.
  for (AttendanceStatus missed : {AttendanceStatus::kAbsent, AttendanceStatus::kExcused}) {
    if (!any_begun) break;
    CompletionCell absence;
    absence.expected = true;
    absence.status = missed;
    for (size_t r : remaining) {
      const std::vector<Message> broken =
          Unmet(rule, Count(rule, modules, sessions, cells, [&](size_t i) {
                  if (i == r) return &absence;
                  return is_remaining(i) ? &attended : nullptr;
                }));
      if (broken.empty()) continue;
      p.progress = CompletionProgress::kAtRisk;
      p.progress_reason = absl::StrCat(
          missed == AttendanceStatus::kAbsent ? "missing " : "an excused absence from ",
          SessionName(sessions[r], modules), " would leave unmet: ", EnglishJoined(broken, "; "));
      return p;
    }
  }
  p.progress = CompletionProgress::kOnTrack;
  return p;
}

std::vector<std::pair<std::string, Message>> RuleProblems(const CompletionRule& rule,
                                                          int module_count,
                                                          const std::string& prefix) {
  std::vector<std::pair<std::string, Message>> problems;
  auto add = [&](const std::string& field, Message message) {
    problems.emplace_back(prefix + field, std::move(message));
  };
  if (rule.min_modules < 0) {
    add("min_modules", Msg("must not be negative"));
  } else if (rule.min_modules > module_count) {
    add("min_modules", Msg("the series has {n} module(s)", {MessageArg::Count("n", module_count)}));
  }
  if (rule.max_excused && *rule.max_excused < 0) {
    add("max_excused", Msg("must not be negative (leave it unset for any number)"));
  } else if (rule.max_excused && *rule.max_excused > kMaxModulesPerSeries * kMaxSessionsPerModule) {
    add("max_excused", Msg("is larger than any series"));
  }
  if (rule.min_teaching_unit_percent < 0 || rule.min_teaching_unit_percent > 100) {
    add("min_teaching_unit_percent", Msg("must be 0 to 100"));
  }
  if (rule.allowed_minutes_missed < 0 || rule.allowed_minutes_missed > kMaxAllowedMinutesMissed) {
    add("allowed_minutes_missed",
        Msg("must be 0 to {max}", {{"max", static_cast<int64_t>(kMaxAllowedMinutesMissed)}}));
  }
  if (rule.confirmation_min_modules < 0) {
    add("confirmation_min_modules", Msg("must not be negative (0: no Teilnahmebestätigung)"));
  } else if (rule.confirmation_min_modules > module_count) {
    add("confirmation_min_modules",
        Msg("the series has {n} module(s)", {MessageArg::Count("n", module_count)}));
  }
  if (!rule.HasRequirement()) {
    add("all_modules",
        Msg("give at least one requirement: all modules, a minimum of modules, the mandatory "
            "modules or a share of the teaching units"));
  }
  return problems;
}

}  // namespace trainhub::domain
