#include "domain/completion/certificate_drafts.h"

#include <algorithm>
#include <map>
#include <set>
#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/time/civil_time.h"
#include "domain/attendance/attendance_matrix.h"
#include "domain/attendance/attendance_rules.h"
#include "domain/berlin_time.h"
#include "domain/completion/completion_access.h"
#include "domain/errors.h"
#include "domain/status_macros.h"

namespace trainhub::domain {
namespace {

// German day ranges as printed (Europe/Berlin): "06.09.2019",
// "23.–24.11.2018", "31.01.–01.02.2020", "30.12.2019–02.01.2020".
std::string Dates(absl::Time first_start, absl::Time last_end) {
  const absl::TimeZone& zone = DisplayTimeZone();
  const absl::CivilDay first = absl::ToCivilDay(first_start, zone);
  const absl::CivilDay last = absl::ToCivilDay(last_end - absl::Seconds(1), zone);
  const std::string last_text = absl::FormatTime("%d.%m.%Y", last_end - absl::Seconds(1), zone);
  if (first >= last) return absl::FormatTime("%d.%m.%Y", first_start, zone);
  if (first.year() != last.year()) {
    return absl::StrCat(absl::FormatTime("%d.%m.%Y", first_start, zone), "–", last_text);
  }
  if (first.month() != last.month()) {
    return absl::StrCat(absl::FormatTime("%d.%m.", first_start, zone), "–", last_text);
  }
  return absl::StrCat(absl::FormatTime("%d.", first_start, zone), "–", last_text);
}

nlohmann::json RuleJson(const CompletionRule& rule) {
  return {{"all_modules", rule.all_modules},
          {"min_modules", rule.min_modules},
          {"mandatory_modules", rule.mandatory_modules},
          {"max_excused", rule.max_excused ? nlohmann::json(*rule.max_excused) : nlohmann::json()},
          {"min_teaching_unit_percent", rule.min_teaching_unit_percent},
          {"allowed_minutes_missed", rule.allowed_minutes_missed},
          {"confirmation_min_modules", rule.confirmation_min_modules}};
}

// The inputs `person`'s outcome was decided from: the rule, their records
// per session, the figures and a coordinator's decision.
nlohmann::json EvaluationJson(const CompletionRule& rule, const PersonCompletion& person,
                              const AttendanceMatrix& matrix, absl::Time now) {
  nlohmann::json sessions = nlohmann::json::array();
  for (const MatrixRow& row : matrix.rows) {
    if (row.participant_id != person.participant_id) continue;
    for (size_t i = 0; i < row.cells.size(); ++i) {
      const MatrixCell& cell = row.cells[i];
      const Session& s = matrix.columns[i].session;
      sessions.push_back({{"session_id", s.id},
                          {"module_id", s.module_id},
                          {"start", FormatUtcSeconds(s.start)},
                          {"expected", cell.expected},
                          {"status", ToString(cell.status)},
                          {"minutes_missed", cell.minutes_missed}});
    }
  }
  nlohmann::json unmet = nlohmann::json::array();
  for (const Message& requirement : person.unmet) unmet.push_back(requirement.English());
  nlohmann::json decision;
  if (person.decision) {
    decision = {{"outcome", ToString(person.decision->outcome)},
                {"reason", person.decision->reason},
                {"by", person.decision->account_name},
                {"recorded", FormatUtcSeconds(person.decision->record_time)}};
  }
  return {{"rule", RuleJson(rule)},
          {"rule_outcome", ToString(person.rule_outcome)},
          {"decision", decision},
          {"modules_attended", person.modules_attended},
          {"module_count", person.module_count},
          {"excused", person.excused},
          {"absent", person.absent},
          {"teaching_unit_percent", DecimalText(person.teaching_unit_percent)},
          {"unmet", std::move(unmet)},
          {"sessions", sessions},
          {"evaluated", FormatUtcSeconds(now)}};
}

// Certificates say what a person completed: FAILED_PRECONDITION "series_id"
// naming the last session to end while one has not ended. The sessions of a
// cancelled series that had not ended will never be held.
absl::Status CheckAllSessionsEnded(const Series& series, const AttendanceMatrix& matrix,
                                   absl::Time now) {
  if (series.status == SeriesStatus::kCancelled) return absl::OkStatus();
  const Session* last = nullptr;
  int open = 0;
  for (const MatrixColumn& column : matrix.columns) {
    if (column.session.end <= now) continue;
    ++open;
    if (last == nullptr || column.session.end > last->end) last = &column.session;
  }
  if (last == nullptr) return absl::OkStatus();
  return FieldError(
      absl::StatusCode::kFailedPrecondition, "series_id",
      Msg("session {session} of series {series} ends only at {time} (Europe/Berlin){others, "
          "plural, =0 {} other {, and # other session(s) have not ended either}}; certificates "
          "are issued once every session of the series has ended",
          {{"session", last->id},
           {"series", series.id},
           {"time", FormatLocal(last->end)},
           MessageArg::Count("others", open - 1)}));
}

// Who signs what `who` issues for `owner`: the organisation's signatory
// when it named one, else the coordinator issuing it (with the partner
// organisation they coordinate for, when it is not the owner).
std::pair<std::string, std::string> Signatory(ReadView& r, const Principal& who,
                                              const Organization& owner, const Series& series) {
  if (!owner.signatory_name.empty()) return {owner.signatory_name, owner.signatory_role};
  std::string role;
  if (who.Coordinates(owner.id)) {
    role = "Koordination";
  } else {
    for (Id id : series.partner_organization_ids) {
      if (!who.Coordinates(id)) continue;
      absl::StatusOr<Organization> partner = r.organizations().Get(id);
      if (partner.ok()) role = absl::StrCat("Koordination, ", partner->name);
      break;
    }
  }
  return {who.account.display_name, role};
}

// The days (Europe/Berlin) of the sessions `participant_id` attended
// (present or late), in order.
std::vector<absl::CivilDay> AttendedDays(const AttendanceMatrix& matrix, Id participant_id) {
  std::set<absl::CivilDay> days;
  for (const MatrixRow& row : matrix.rows) {
    if (row.participant_id != participant_id) continue;
    for (size_t i = 0; i < row.cells.size() && i < matrix.columns.size(); ++i) {
      const AttendanceStatus status = row.cells[i].status;
      if (status != AttendanceStatus::kPresent && status != AttendanceStatus::kLate) continue;
      const Session& s = matrix.columns[i].session;
      const absl::CivilDay last = absl::ToCivilDay(s.end - absl::Seconds(1), DisplayTimeZone());
      for (absl::CivilDay d = absl::ToCivilDay(s.start, DisplayTimeZone()); d <= last; ++d) {
        days.insert(d);
      }
    }
  }
  return {days.begin(), days.end()};
}

// Per module: the first and last day and the confirmed trainers.
struct ModuleFacts {
  absl::Time first = absl::InfiniteFuture(), last = absl::InfinitePast();
  std::vector<std::string> trainers;
  std::vector<std::string> topics;
};

// What the certificates of a series print beside each person's figures,
// and the evaluation they rest on.
struct SeriesFacts {
  Series series;
  CompletionRule rule;
  SeriesEvaluation evaluation;
  Organization owner;
  std::vector<std::string> partners;
  std::pair<std::string, std::string> signatory;  // name, role
  std::map<Id, ModuleFacts> modules;
};

absl::StatusOr<SeriesFacts> ReadSeriesFacts(ReadView& r, const Principal& who,
                                            const DraftRequest& request, absl::Time now) {
  SeriesFacts f;
  TH_ASSIGN_OR_RETURN(auto access,
                      AccessCompletion(r, who, request.series_id, CompletionRole::kPlanner));
  f.series = std::move(access.first);
  TH_ASSIGN_OR_RETURN(f.rule, RuleOf(r, request.series_id));
  TH_ASSIGN_OR_RETURN(f.evaluation,
                      EvaluateSeries(r, f.series, f.rule, request.only_participant, now));
  TH_ASSIGN_OR_RETURN(f.owner, r.organizations().Get(f.series.organization_id));
  TH_ASSIGN_OR_RETURN(std::vector<Module> modules, ModulesOf(r, request.series_id));
  for (Module& m : modules) f.modules[m.id].topics = std::move(m.topics);
  f.signatory = Signatory(r, who, f.owner, f.series);
  for (Id id : f.series.partner_organization_ids) {
    absl::StatusOr<Organization> p = r.organizations().Get(id);
    if (p.ok()) f.partners.push_back(p->name);
  }
  for (const MatrixColumn& column : f.evaluation.matrix.columns) {
    const Session& s = column.session;
    ModuleFacts& m = f.modules[s.module_id];
    m.first = std::min(m.first, s.start);
    m.last = std::max(m.last, s.end);
    for (const TrainerBooking& b : s.trainers) {
      if (b.status != BookingStatus::kConfirmed) continue;
      if (std::find(m.trainers.begin(), m.trainers.end(), b.trainer_name) == m.trainers.end()) {
        m.trainers.push_back(b.trainer_name);
      }
    }
  }
  return f;
}

// What `person`'s certificate of the series says, issued at `now`.
CertificateContent ContentFor(const PersonCompletion& person, SeriesFacts& f, absl::Time now,
                              const std::string& supersedes) {
  CertificateContent c;
  c.outcome = person.outcome;
  c.holder_name = person.participant_name;
  c.series_id = f.series.id;
  c.series_title = f.series.title;
  c.series_kind = f.series.kind;
  if (person.outcome == CompletionOutcome::kCertificate) {
    c.qualification = f.series.awards_qualification;
  }
  c.organization_name = f.owner.name;
  c.partner_names = f.partners;
  for (const ModuleCompletion& mc : person.modules) {
    const ModuleFacts& m = f.modules[mc.module.module_id];
    CertificateModuleLine line;
    line.position = mc.module.position;
    line.title = mc.module.title;
    line.dates = Dates(m.first, m.last);
    line.teaching_units = DecimalText(mc.teaching_units);
    line.teaching_units_attended = DecimalText(mc.teaching_units_attended);
    line.attended = mc.attended;
    line.trainers = m.trainers;
    line.topics = m.topics;
    c.modules.push_back(std::move(line));
  }
  c.teaching_units_attended = DecimalText(person.teaching_units_attended);
  c.teaching_units_total = DecimalText(person.teaching_units);
  c.issued_documents = f.series.issued_documents;
  c.attended_days = AttendedDays(f.evaluation.matrix, person.participant_id);
  c.place = f.owner.city;
  c.signatory_name = f.signatory.first;
  c.signatory_role = f.signatory.second;
  c.issue_time = now;
  c.supersedes = supersedes;
  c.evaluation = EvaluationJson(f.rule, person, f.evaluation.matrix, now);
  return c;
}

// FAILED_PRECONDITION "participant_id" naming what `person` lacks for any
// document.
absl::Status NothingToIssue(const PersonCompletion& person) {
  return FieldError(
      absl::StatusCode::kFailedPrecondition, "participant_id",
      Msg("{name} has not completed the series and attended too little "
          "for a Teilnahmebestätigung ({unmet}); a coordinator may decide "
          "otherwise with a reason",
          {{"name", person.participant_name}, MessageArg::List("unmet", person.unmet, "; ")}));
}

}  // namespace

absl::StatusOr<std::vector<CertificateDraft>> DraftCertificates(ReadView& r, const Principal& who,
                                                                const DraftRequest& request,
                                                                absl::Time now,
                                                                std::vector<IssuePlanEntry>* plan) {
  const Id only = request.only_participant;
  TH_ASSIGN_OR_RETURN(SeriesFacts f, ReadSeriesFacts(r, who, request, now));
  if (only != 0 && f.evaluation.people.empty()) {
    return FieldError(absl::StatusCode::kNotFound, "participant_id",
                      Msg("participant {participant} held no seat during a session of series "
                          "{series}",
                          {{"participant", only}, {"series", request.series_id}}));
  }
  TH_RETURN_IF_ERROR(CheckAllSessionsEnded(f.series, f.evaluation.matrix, now));
  std::vector<CertificateDraft> drafts;
  for (const PersonCompletion& person : f.evaluation.people) {
    if (person.outcome != CompletionOutcome::kCertificate &&
        person.outcome != CompletionOutcome::kConfirmation) {
      if (only != 0) return NothingToIssue(person);
      continue;
    }
    IssuePlanEntry entry;
    entry.participant_id = person.participant_id;
    entry.participant_name = person.participant_name;
    entry.outcome = person.outcome;
    entry.decided = person.decision.has_value();
    if (request.supersedes.empty()) {
      TH_ASSIGN_OR_RETURN(std::optional<Certificate> existing,
                          r.certificates().FindValid(request.series_id, person.participant_id));
      if (existing) entry.existing_serial = existing->content.serial;
    }
    if (plan != nullptr) plan->push_back(entry);
    if (!entry.existing_serial.empty()) {
      if (only != 0) {
        return FieldError(
            absl::StatusCode::kAlreadyExists, "participant_id",
            Msg("{name} holds certificate {serial} of this series already; reissue it to "
                "replace it",
                {{"name", person.participant_name}, {"serial", entry.existing_serial}}));
      }
      continue;
    }
    drafts.push_back({person.participant_id, ContentFor(person, f, now, request.supersedes)});
  }
  return drafts;
}

}  // namespace trainhub::domain
