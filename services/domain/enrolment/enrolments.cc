#include "domain/enrolment/enrolments.h"

#include <algorithm>
#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "domain/access.h"
#include "domain/audit_trail.h"
#include "domain/berlin_time.h"
#include "domain/errors.h"
#include "domain/limits.h"
#include "domain/policy.h"
#include "domain/status_macros.h"
#include "domain/text.h"
#include "domain/enrolment/training_year.h"
#include "domain/validation.h"

namespace trainhub::domain {
namespace {

constexpr int kMaxCohortSize = kMaxCapacity;

std::string NoteOr(std::string note, absl::string_view fallback) {
  return note.empty() ? std::string(fallback) : std::move(note);
}

// Checks an optional (`required` false) or required free-text reason.
absl::Status CheckReason(std::string& reason, absl::string_view field, bool required) {
  if (CountCodePoints(reason)) reason = Trimmed(reason);
  if (std::optional<Message> problem = TextProblem(reason, required ? 1 : 0, kMaxReasonChars, true)) {
    return InvalidField(std::string(field), *std::move(problem));
  }
  return absl::OkStatus();
}

enum class Act {
  kSee,     // read
  kOwn,     // the participant themselves or a planner: confirm, withdraw
  kManage,  // planners only: approve, reject
};

// Loads enrolment `id` (the request's field `field`) with its series for
// `who`; refusals as in domain/access.h. A trainer sees only the seats of
// series they teach.
absl::StatusOr<std::pair<Enrolment, Series>> EnrolmentFor(ReadView& r, const Principal& who, Id id,
                                                          Act act, absl::string_view field = "id") {
  TH_RETURN_IF_ERROR(CheckId(id, field));
  absl::StatusOr<Enrolment> e = r.enrolments().Get(id);
  if (who.IsAdmin()) {
    if (!e.ok()) return NameField(e.status(), field);
    TH_ASSIGN_OR_RETURN(Series series, r.series().Get(e->series_id));
    return std::pair{*e, series};
  }
  const Message what =
      Msg("your account may not {act, select, see {see} other {change}} enrolment {enrolment}",
          {{"act", act == Act::kSee ? "see" : "change"}, {"enrolment", id}});
  if (absl::IsNotFound(e.status())) return Denied(what);
  TH_RETURN_IF_ERROR(e.status());
  TH_ASSIGN_OR_RETURN(Series series, r.series().Get(e->series_id));
  const bool own = who.ParticipantId() != 0 && who.ParticipantId() == e->participant_id;
  bool allowed = CanPlanSeries(who, series);
  if (!allowed && act == Act::kOwn) allowed = own;
  if (!allowed && act == Act::kSee) {
    TH_ASSIGN_OR_RETURN(bool teaches, Teaches(r, who, series.id));
    allowed = own || CoordinatesSeries(who, series) || (teaches && HoldsSeat(e->state));
  }
  if (!allowed) return Denied(what);
  return std::pair{*e, series};
}

// After completion an enrolment records that the person took part: it is
// not withdrawn once the series is completed or while the person holds the
// series' Zertifikat or Teilnahmebestätigung (FAILED_PRECONDITION "id").
absl::Status CheckNotCompleted(ReadView& r, const Series& series, const Enrolment& e) {
  if (series.status == SeriesStatus::kCompleted) {
    return FieldError(absl::StatusCode::kFailedPrecondition, "id",
                      Msg("series {series} is completed; its enrolments record who took part and "
                          "are no longer withdrawn",
                          {{"series", series.id}}));
  }
  TH_ASSIGN_OR_RETURN(std::optional<Certificate> held,
                      r.certificates().FindValid(series.id, e.participant_id));
  if (!held) return absl::OkStatus();
  return FieldError(
      absl::StatusCode::kFailedPrecondition, "id",
      Msg("{named, select, yes {{name}} other {participant {participant}}} holds the {document, select, certificate {Zertifikat} other {Teilnahmebestätigung}} "
          "{serial} of series {series} and has completed it; an enrolment is not withdrawn after "
          "completion (a certificate issued in error is revoked first)",
          {{"name", e.participant_name},
           {"named", e.participant_name.empty() ? "no" : "yes"},
           {"participant", e.participant_id},
           {"document",
            held->content.outcome == CompletionOutcome::kCertificate ? "certificate" : "other"},
           {"serial", held->content.serial},
           {"series", series.id}}));
}

// Fills `e.requirement_unmet` from `e.missing_qualification`: the reason in
// words, naming the latest revoked Zertifikat that had given the
// qualification, if any.
absl::Status ExplainRequirement(ReadView& r, Enrolment& e) {
  if (e.missing_qualification.empty()) return absl::OkStatus();
  e.requirement_unmet =
      absl::StrCat("series ", e.series_id, " requires the qualification \"",
                   e.missing_qualification, "\", which the person does not hold");
  CertificateFilter filter;
  filter.participant_id = e.participant_id;
  TH_ASSIGN_OR_RETURN(std::vector<Certificate> held,
                      AllPages<Certificate>([&](const PageRequest& page) {
                        return r.certificates().List(filter, page);
                      }));
  const std::string wanted = Folded(e.missing_qualification);
  for (auto c = held.rbegin(); c != held.rend(); ++c) {
    if (c->status != CertificateStatus::kRevoked || !c->revoke_time ||
        c->content.outcome != CompletionOutcome::kCertificate ||
        Folded(c->content.qualification) != wanted) {
      continue;
    }
    absl::StrAppend(&e.requirement_unmet, " any more: Zertifikat ", c->content.serial,
                    " of series ", c->content.series_id, " was revoked on ",
                    FormatLocal(*c->revoke_time));
    break;
  }
  return absl::OkStatus();
}

// Runs `change` once per request_id (see CreateOnce); `change` returns the
// id of the enrolment it changed.
template <typename Change>
absl::StatusOr<Enrolment> ChangeOnce(Store& store, absl::string_view method, const RequestKey& key,
                                     Change change) {
  return CreateOnce<Enrolment>(store, method, key, change,
                               [](UnitOfWork& w, Id id) { return w.enrolments().Get(id); });
}

// INVALID_ARGUMENT naming each bad field of `cohort`.
absl::Status ValidateCohort(const Cohort& cohort) {
  Violations v;
  if (cohort.participant_ids.empty() && cohort.organization_id == 0) {
    v.Add("participant_ids", Msg("name the participants or an organization_id"));
  }
  if (!cohort.participant_ids.empty() && cohort.organization_id != 0) {
    v.Add("organization_id",
          Msg("give either participant_ids or an organization_id, not both"));
  }
  if (cohort.participant_ids.size() > static_cast<size_t>(kMaxCohortSize)) {
    v.Add("participant_ids", Msg("at most {max} at once", {{"max", kMaxCohortSize}}));
  }
  for (size_t i = 0; i < cohort.participant_ids.size(); ++i) {
    if (cohort.participant_ids[i] <= 0) {
      v.Add(absl::StrCat("participant_ids[", i, "]"), Msg("must be a positive id"));
    }
  }
  if (cohort.organization_id < 0) v.Add("organization_id", Msg("must be a positive id"));
  if (cohort.target_group != TargetGroup::kUnspecified && !IsKnown(cohort.target_group)) {
    v.Add("target_group", UnknownValue(static_cast<int>(cohort.target_group)));
  }
  if (cohort.training_year < 0 || cohort.training_year > 3) {
    v.Add("training_year", Msg("must be 1, 2 or 3 (0: any)"));
  }
  return v.ToStatus();
}

// The cohort's participants in id order, each once; PERMISSION_DENIED for
// an organisation `who` does not coordinate.
absl::StatusOr<std::vector<Participant>> CohortMembers(ReadView& r, const Principal& who,
                                                       const Cohort& cohort,
                                                       absl::CivilDay training_year_day) {
  std::vector<Participant> out;
  if (!cohort.participant_ids.empty()) {
    std::vector<Id> ids = cohort.participant_ids;
    std::sort(ids.begin(), ids.end());
    ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
    for (Id id : ids) {
      absl::StatusOr<Participant> p = r.participants().Get(id);
      if (!p.ok()) {
        const auto at = std::find(cohort.participant_ids.begin(), cohort.participant_ids.end(), id);
        return NameField(
            p.status(), absl::StrCat("participant_ids[", at - cohort.participant_ids.begin(), "]"));
      }
      out.push_back(*std::move(p));
    }
    return out;
  }
  if (!who.IsAdmin() && !who.Coordinates(cohort.organization_id)) {
    return Denied(Msg(
        "your account may not enrol the participants of organisation {organization} as a group",
        {{"organization", cohort.organization_id}}));
  }
  ParticipantFilter filter;
  filter.organization_id = cohort.organization_id;
  TH_ASSIGN_OR_RETURN(std::vector<Participant> members,
                      AllPages<Participant>([&](const PageRequest& page) {
                        return r.participants().List(filter, page);
                      }));
  for (Participant& p : members) {
    const bool in_group = cohort.target_group == TargetGroup::kUnspecified ||
                          std::find(p.target_groups.begin(), p.target_groups.end(),
                                    cohort.target_group) != p.target_groups.end();
    const bool in_year =
        cohort.training_year == 0 ||
        (p.training_start &&
         TrainingYearOn(*p.training_start, training_year_day) == cohort.training_year);
    if (in_group && in_year) out.push_back(std::move(p));
  }
  if (out.empty()) {
    return FieldError(absl::StatusCode::kFailedPrecondition, "organization_id",
                      Msg("no participant of this organisation matches the cohort"));
  }
  if (out.size() > static_cast<size_t>(kMaxCohortSize)) {
    return FieldError(absl::StatusCode::kFailedPrecondition, "organization_id",
                      Msg("the cohort has {n} participants; at most {max} at once",
                          {{"n", static_cast<int64_t>(out.size())}, {"max", kMaxCohortSize}}));
  }
  return out;
}

}  // namespace

Enrolments::Enrolments(Store& store, Clock clock) : store_(store), clock_(std::move(clock)) {}

absl::StatusOr<Enrolment> Enrolments::Request(const RequestContext& ctx, Id series_id,
                                              Id participant_id, bool override_eligibility,
                                              std::string note, const RequestKey& key) {
  const Principal& who = ctx.who;
  TH_RETURN_IF_ERROR(CheckId(series_id, "series_id"));
  if (participant_id < 0) return InvalidField("participant_id", Msg("must be a positive id"));
  if (participant_id == 0) {
    participant_id = who.ParticipantId();
    if (participant_id == 0) {
      return InvalidField("participant_id",
                          Msg("is required (your account is not linked to a participant record)"));
    }
  }
  TH_RETURN_IF_ERROR(CheckReason(note, "note", /*required=*/false));
  const absl::Time now = clock_();
  return ChangeOnce(store_, "RequestEnrolment", key, [&](UnitOfWork& w) -> absl::StatusOr<Id> {
    TH_ASSIGN_OR_RETURN(Series series, SeriesFor(w, who, series_id, Need::kSee, "series_id"));
    const bool planner = CanPlanSeries(who, series);
    const bool self = who.ParticipantId() != 0 && who.ParticipantId() == participant_id;
    if (!planner && !self) {
      return Denied(
          Msg("your account may not enrol participant {participant} in series {series}",
              {{"participant", participant_id}, {"series", series_id}}));
    }
    if (override_eligibility && !planner) {
      return Denied(Msg("your account may not override the target groups of series {series}",
                        {{"series", series_id}}));
    }
    absl::StatusOr<Participant> p = w.participants().Get(participant_id);
    if (!p.ok()) return NameField(p.status(), "participant_id");
    if (p->erasure) {
      return FieldError(absl::StatusCode::kFailedPrecondition, "participant_id",
                        Msg("participant {participant}'s data was erased; create a new record to "
                            "enrol them",
                            {{"participant", participant_id}}));
    }
    TH_RETURN_IF_ERROR(CheckEnrolmentWindow(series, planner, now));
    TH_ASSIGN_OR_RETURN(std::optional<Enrolment> existing,
                        w.enrolments().Find(series_id, participant_id));
    if (existing && IsActive(existing->state)) return AlreadyEnrolled(*existing, *p);
    TH_ASSIGN_OR_RETURN(std::optional<Message> ineligible,
                        Ineligibility(w, series, *p, override_eligibility, planner));
    if (ineligible) {
      return FieldError(absl::StatusCode::kFailedPrecondition, "participant_id",
                        *std::move(ineligible));
    }
    const bool needs_approval = series.requires_approval && !planner;
    // A participant's own words may stand in their history; a coordinator's
    // note is internal (Enrolment::note, coordinators only), so the history,
    // which the participant reads, gets the plain step.
    std::string reason = planner ? std::string("enrolled by a coordinator")
                                 : NoteOr(note, "requested by the participant");
    if (override_eligibility) absl::StrAppend(&reason, " (target groups overridden)");
    AuditTrail trail(w, ctx, now);
    return Enrol(w, trail, series, *p, existing, needs_approval, override_eligibility,
                 who.account.id, std::move(reason), note);
  });
}

absl::StatusOr<std::vector<Enrolment>> Enrolments::EnrolCohort(const RequestContext& ctx,
                                                               Id series_id, const Cohort& cohort,
                                                               bool override_eligibility,
                                                               const RequestKey& key) {
  const Principal& who = ctx.who;
  TH_RETURN_IF_ERROR(CheckId(series_id, "series_id"));
  TH_RETURN_IF_ERROR(ValidateRequestId(key.request_id));
  TH_RETURN_IF_ERROR(ValidateCohort(cohort));
  const absl::Time now = clock_();

  std::vector<Enrolment> result;
  TH_RETURN_IF_ERROR(store_.Write([&](UnitOfWork& w) -> absl::Status {
    TH_ASSIGN_OR_RETURN(Series series, SeriesFor(w, who, series_id, Need::kPlan, "series_id"));
    // The training year the series begins in (today when it has no sessions).
    const absl::CivilDay training_year_day =
        absl::ToCivilDay(series.first_session_start.value_or(now), DisplayTimeZone());
    TH_ASSIGN_OR_RETURN(std::vector<Participant> people,
                        CohortMembers(w, who, cohort, training_year_day));
    TH_RETURN_IF_ERROR(
        OncePerRequest(w, "EnrolCohort", key, NothingToReplay, [&]() -> absl::StatusOr<Id> {
          TH_RETURN_IF_ERROR(CheckEnrolmentWindow(series, /*by_planner=*/true, now));
          Violations ineligible;
          std::vector<std::pair<Participant, std::optional<Enrolment>>> to_enrol;
          for (const Participant& p : people) {
            TH_ASSIGN_OR_RETURN(std::optional<Enrolment> existing,
                                w.enrolments().Find(series_id, p.id));
            if (existing && IsActive(existing->state)) continue;
            TH_ASSIGN_OR_RETURN(std::optional<Message> reason,
                                Ineligibility(w, series, p, override_eligibility,
                                              /*by_planner=*/true));
            if (reason) {
              // The reason names the person; the field is their place in the
              // request's list (of an organisation's cohort: in the cohort).
              const auto listed =
                  std::find(cohort.participant_ids.begin(), cohort.participant_ids.end(), p.id);
              const size_t index = listed != cohort.participant_ids.end()
                                       ? listed - cohort.participant_ids.begin()
                                       : &p - people.data();
              ineligible.Add(absl::StrCat("participant_ids[", index, "]"), *std::move(reason));
            } else {
              to_enrol.emplace_back(p, existing);
            }
          }
          TH_RETURN_IF_ERROR(ineligible.ToStatus(absl::StatusCode::kFailedPrecondition));
          std::string reason = "enrolled with a cohort by a coordinator";
          if (override_eligibility) absl::StrAppend(&reason, " (target groups overridden)");
          AuditTrail trail(w, ctx, now);
          for (const auto& [p, existing] : to_enrol) {
            TH_RETURN_IF_ERROR(Enrol(w, trail, series, p, existing, /*needs_approval=*/false,
                                     override_eligibility, who.account.id, reason)
                                   .status());
          }
          return series_id;
        }));
    result.clear();
    for (const Participant& p : people) {
      TH_ASSIGN_OR_RETURN(std::optional<Enrolment> e, w.enrolments().Find(series_id, p.id));
      if (e) result.push_back(*std::move(e));
    }
    return absl::OkStatus();
  }));
  return result;
}

absl::StatusOr<Enrolment> Enrolments::Approve(const RequestContext& ctx, Id id,
                                              const RequestKey& key) {
  const Principal& who = ctx.who;
  const absl::Time now = clock_();
  return ChangeOnce(store_, "ApproveEnrolment", key, [&](UnitOfWork& w) -> absl::StatusOr<Id> {
    TH_ASSIGN_OR_RETURN(auto loaded, EnrolmentFor(w, who, id, Act::kManage));
    auto& [e, series] = loaded;
    if (e.state != EnrolmentState::kPendingApproval) {
      return Refusal(absl::StatusCode::kFailedPrecondition,
                     Msg("enrolment {enrolment} is {state, select, pending_approval {pending approval} waitlisted {waitlisted} enrolled {enrolled} confirmed {confirmed} withdrawn {withdrawn} rejected {rejected} released {released} other {unspecified}}; only pending requests are approved",
                         {{"enrolment", id}, {"state", SelectKey(ToString(e.state))}}));
    }
    TH_RETURN_IF_ERROR(CheckEnrolmentWindow(series, /*by_planner=*/true, now));
    TH_ASSIGN_OR_RETURN(Series fresh, WithPlacesNow(w, series));
    AuditTrail trail(w, ctx, now);
    TH_RETURN_IF_ERROR(Move(w, trail, series, e, Placement(fresh, /*needs_approval=*/false),
                            who.account.id, "approved"));
    return e.id;
  });
}

absl::StatusOr<Enrolment> Enrolments::Reject(const RequestContext& ctx, Id id, std::string reason,
                                             const RequestKey& key) {
  const Principal& who = ctx.who;
  TH_RETURN_IF_ERROR(CheckReason(reason, "reason", /*required=*/true));
  const absl::Time now = clock_();
  return ChangeOnce(store_, "RejectEnrolment", key, [&](UnitOfWork& w) -> absl::StatusOr<Id> {
    TH_ASSIGN_OR_RETURN(auto loaded, EnrolmentFor(w, who, id, Act::kManage));
    auto& [e, series] = loaded;
    if (e.state != EnrolmentState::kPendingApproval) {
      return Refusal(absl::StatusCode::kFailedPrecondition,
                     Msg("enrolment {enrolment} is {state, select, pending_approval {pending approval} waitlisted {waitlisted} enrolled {enrolled} confirmed {confirmed} withdrawn {withdrawn} rejected {rejected} released {released} other {unspecified}}; only pending requests are rejected",
                         {{"enrolment", id}, {"state", SelectKey(ToString(e.state))}}));
    }
    AuditTrail trail(w, ctx, now);
    TH_RETURN_IF_ERROR(
        Move(w, trail, series, e, EnrolmentState::kRejected, who.account.id, reason));
    return e.id;
  });
}

absl::StatusOr<Enrolment> Enrolments::Confirm(const RequestContext& ctx, Id id,
                                              const RequestKey& key) {
  const Principal& who = ctx.who;
  const absl::Time now = clock_();
  return ChangeOnce(store_, "ConfirmEnrolment", key, [&](UnitOfWork& w) -> absl::StatusOr<Id> {
    TH_ASSIGN_OR_RETURN(auto loaded, EnrolmentFor(w, who, id, Act::kOwn));
    auto& [e, series] = loaded;
    if (!series.requires_confirmation) {
      return Refusal(absl::StatusCode::kFailedPrecondition,
                     Msg("series {series} does not ask for a binding confirmation",
                         {{"series", series.id}}));
    }
    if (e.state == EnrolmentState::kConfirmed) return e.id;  // confirming twice changes nothing
    if (e.state != EnrolmentState::kEnrolled) {
      return Refusal(absl::StatusCode::kFailedPrecondition,
                     Msg("enrolment {enrolment} is {state, select, pending_approval {pending approval} waitlisted {waitlisted} enrolled {enrolled} confirmed {confirmed} withdrawn {withdrawn} rejected {rejected} released {released} other {unspecified}}; only a seat can be confirmed",
                         {{"enrolment", id}, {"state", SelectKey(ToString(e.state))}}));
    }
    const bool self = who.ParticipantId() != 0 && who.ParticipantId() == e.participant_id;
    AuditTrail trail(w, ctx, now);
    TH_RETURN_IF_ERROR(
        Move(w, trail, series, e, EnrolmentState::kConfirmed, who.account.id,
             self ? "confirmed by the participant" : "confirmation recorded by a coordinator"));
    return e.id;
  });
}

absl::StatusOr<Enrolment> Enrolments::Withdraw(const RequestContext& ctx, Id id, std::string reason,
                                               const RequestKey& key) {
  const Principal& who = ctx.who;
  TH_RETURN_IF_ERROR(CheckReason(reason, "reason", /*required=*/true));
  const absl::Time now = clock_();
  return ChangeOnce(store_, "WithdrawEnrolment", key, [&](UnitOfWork& w) -> absl::StatusOr<Id> {
    TH_ASSIGN_OR_RETURN(auto loaded, EnrolmentFor(w, who, id, Act::kOwn));
    auto& [e, series] = loaded;
    if (!IsActive(e.state)) {
      return Refusal(absl::StatusCode::kFailedPrecondition,
                     Msg("enrolment {enrolment} is already {state, select, pending_approval {pending approval} waitlisted {waitlisted} enrolled {enrolled} confirmed {confirmed} withdrawn {withdrawn} rejected {rejected} released {released} other {unspecified}}",
                         {{"enrolment", id}, {"state", SelectKey(ToString(e.state))}}));
    }
    TH_RETURN_IF_ERROR(CheckNotCompleted(w, series, e));
    const bool freed_seat = HoldsSeat(e.state);
    AuditTrail trail(w, ctx, now);
    TH_RETURN_IF_ERROR(
        Move(w, trail, series, e, EnrolmentState::kWithdrawn, who.account.id, reason));
    if (freed_seat) TH_RETURN_IF_ERROR(FillSeats(w, trail, series).status());
    return e.id;
  });
}

absl::StatusOr<ReleaseResult> Enrolments::ReleaseUnconfirmed(const RequestContext& ctx,
                                                             Id series_id, std::string reason,
                                                             const RequestKey& key) {
  const Principal& who = ctx.who;
  TH_RETURN_IF_ERROR(CheckId(series_id, "series_id"));
  TH_RETURN_IF_ERROR(CheckReason(reason, "reason", /*required=*/false));
  TH_RETURN_IF_ERROR(ValidateRequestId(key.request_id));
  reason = NoteOr(std::move(reason), "no binding confirmation by the deadline");
  const absl::Time now = clock_();
  ReleaseResult result;
  TH_RETURN_IF_ERROR(store_.Write([&](UnitOfWork& w) -> absl::Status {
    result = {};
    TH_ASSIGN_OR_RETURN(Series series, SeriesFor(w, who, series_id, Need::kPlan, "series_id"));
    // A retry: released already; nothing more to do.
    return OncePerRequest(
        w, "ReleaseUnconfirmedSeats", key, NothingToReplay, [&]() -> absl::StatusOr<Id> {
          if (!series.requires_confirmation || !series.confirmation_deadline) {
            return Refusal(
                absl::StatusCode::kFailedPrecondition,
                Msg("series {series} has no confirmation deadline; set requires_confirmation "
                    "and confirmation_deadline first",
                    {{"series", series_id}}));
          }
          if (now <= *series.confirmation_deadline) {
            return Refusal(
                absl::StatusCode::kFailedPrecondition,
                Msg("the confirmation deadline of series {series} ({time} Europe/Berlin) has "
                    "not passed yet",
                    {{"series", series_id}, {"time", FormatLocal(*series.confirmation_deadline)}}));
          }
          TH_RETURN_IF_ERROR(CheckEnrolmentWindow(series, /*by_planner=*/true, now));
          EnrolmentFilter filter;
          filter.series_id = series_id;
          filter.states = {EnrolmentState::kEnrolled};
          PageRequest page;
          page.limit = kMaxCapacity;
          TH_ASSIGN_OR_RETURN(Page<Enrolment> unconfirmed, w.enrolments().List(filter, page));
          AuditTrail trail(w, ctx, now);
          for (Enrolment& e : unconfirmed.items) {
            // Seats given after the deadline (promotions) get their own chance.
            if (!e.seat_time || *e.seat_time > *series.confirmation_deadline) continue;
            TH_RETURN_IF_ERROR(
                Move(w, trail, series, e, EnrolmentState::kReleased, who.account.id, reason));
            TH_ASSIGN_OR_RETURN(Enrolment stored, w.enrolments().Get(e.id));
            result.released.push_back(std::move(stored));
          }
          TH_ASSIGN_OR_RETURN(std::vector<Id> promoted, FillSeats(w, trail, series));
          for (Id id : promoted) {
            TH_ASSIGN_OR_RETURN(Enrolment stored, w.enrolments().Get(id));
            result.promoted.push_back(std::move(stored));
          }
          return series_id;
        });
  }));
  return result;
}

absl::StatusOr<Enrolment> Enrolments::Get(const Principal& who, Id id) {
  Enrolment out;
  TH_RETURN_IF_ERROR(store_.Read([&](ReadView& r) -> absl::Status {
    TH_ASSIGN_OR_RETURN(auto loaded, EnrolmentFor(r, who, id, Act::kSee));
    out = std::move(loaded.first);
    if (!who.IsAdmin() && !CoordinatesSeries(who, loaded.second)) {
      out.note.clear();
      out.missing_qualification.clear();
    }
    return ExplainRequirement(r, out);
  }));
  return out;
}

absl::StatusOr<Page<Enrolment>> Enrolments::List(const Principal& who, const EnrolmentQuery& query,
                                                 const PageRequest& page) {
  if (query.series_id < 0) return InvalidField("series_id", Msg("must be a positive id"));
  if (query.participant_id < 0) {
    return InvalidField("participant_id", Msg("must be a positive id"));
  }
  for (size_t i = 0; i < query.states.size(); ++i) {
    if (!IsKnown(query.states[i])) {
      return InvalidField(absl::StrCat("states[", i, "]"),
                          UnknownValue(static_cast<int>(query.states[i])));
    }
  }
  EnrolmentFilter filter;
  filter.series_id = query.series_id;
  filter.participant_id = query.participant_id;
  filter.states = query.states;
  filter.requirement_unmet_only = query.requirement_unmet_only;
  Page<Enrolment> out;
  // Notes are for the series' coordinators (a participant's own included).
  bool with_notes = who.IsAdmin() || !VisibilityOf(who).organizations.empty();
  TH_RETURN_IF_ERROR(store_.Read([&](ReadView& r) -> absl::Status {
    const Id own = who.ParticipantId();
    const bool only_own = own != 0 && (query.participant_id == 0 || query.participant_id == own);
    if (query.series_id != 0) {
      absl::StatusOr<Series> series = r.series().Get(query.series_id);
      if (absl::IsNotFound(series.status())) {
        if (who.IsAdmin()) return NameField(series.status(), "series_id");
        // As for every other object, missing looks like foreign to
        // non-admins: the caller's own enrolments in it are none.
        if (own != 0 && query.participant_id == own) return absl::OkStatus();
        return Denied(Msg("your account may not see the roster of series {series}",
                          {{"series", query.series_id}}));
      }
      TH_RETURN_IF_ERROR(series.status());
      const bool coordinates = who.IsAdmin() || CoordinatesSeries(who, *series);
      bool teaches = false;
      if (!coordinates) {
        TH_ASSIGN_OR_RETURN(teaches, Teaches(r, who, series->id));
        with_notes = false;
      }
      if (coordinates) {
        // the whole series
      } else if (teaches) {
        // The roster: who holds a seat.
        std::vector<EnrolmentState> seats;
        for (EnrolmentState s : {EnrolmentState::kEnrolled, EnrolmentState::kConfirmed}) {
          if (query.states.empty() ||
              std::find(query.states.begin(), query.states.end(), s) != query.states.end()) {
            seats.push_back(s);
          }
        }
        if (seats.empty()) return absl::OkStatus();
        filter.states = seats;
      } else if (own != 0 && query.participant_id == own) {
        filter.participant_id = own;  // the caller's own enrolment in the series
      } else {
        return Denied(Msg("your account may not see the roster of series {series}",
                          {{"series", query.series_id}}));
      }
    } else if (who.IsAdmin()) {
      // everything
    } else if (!VisibilityOf(who).organizations.empty()) {
      filter.organizations = VisibilityOf(who).organizations;
    } else if (only_own) {
      filter.participant_id = own;
    } else if (query.participant_id != 0) {
      return Denied(Msg("your account may not see the enrolments of participant {participant}",
                        {{"participant", query.participant_id}}));
    } else if (who.Has(Role::kParticipant)) {
      return absl::OkStatus();  // an account without a participant record has none
    } else {
      return InvalidField("series_id", Msg("name the series whose roster you want to see"));
    }
    if (query.requirement_unmet_only && !with_notes) {
      return Denied(
          Msg("your account may not see which enrolments no longer meet their series' "
              "requirements"));
    }
    TH_ASSIGN_OR_RETURN(out, r.enrolments().List(filter, page));
    for (Enrolment& e : out.items) {
      if (!with_notes) {
        e.note.clear();
        e.missing_qualification.clear();
      }
      TH_RETURN_IF_ERROR(ExplainRequirement(r, e));
    }
    return absl::OkStatus();
  }));
  return out;
}

absl::StatusOr<Page<EnrolmentChange>> Enrolments::History(const Principal& who, Id id,
                                                          const PageRequest& page) {
  Page<EnrolmentChange> out;
  TH_RETURN_IF_ERROR(store_.Read([&](ReadView& r) -> absl::Status {
    TH_ASSIGN_OR_RETURN(auto loaded, EnrolmentFor(r, who, id, Act::kSee, "enrolment_id"));
    const bool own = who.ParticipantId() != 0 && who.ParticipantId() == loaded.first.participant_id;
    if (!who.IsAdmin() && !own && !CoordinatesSeries(who, loaded.second)) {
      return Denied(
          Msg("your account may not see the history of enrolment {enrolment}", {{"enrolment", id}}));
    }
    TH_ASSIGN_OR_RETURN(out, r.enrolments().ListChanges(id, page));
    return absl::OkStatus();
  }));
  return out;
}

}  // namespace trainhub::domain
