// A series' cohort at once: enrolling everyone a coordinator names (or an
// organisation's matching participants), and releasing the seats not
// confirmed by the series' deadline (domain/enrolment/enrolments.h).

#include <algorithm>
#include <utility>

#include "absl/strings/str_cat.h"
#include "domain/access.h"
#include "domain/audit_trail.h"
#include "domain/berlin_time.h"
#include "domain/enrolment/enrolments.h"
#include "domain/enrolment/training_year.h"
#include "domain/errors.h"
#include "domain/limits.h"
#include "domain/status_macros.h"
#include "domain/validation.h"

namespace trainhub::domain {
namespace {

constexpr int kMaxCohortSize = kMaxCapacity;

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

absl::StatusOr<ReleaseResult> Enrolments::ReleaseUnconfirmed(const RequestContext& ctx,
                                                             Id series_id, std::string reason,
                                                             const RequestKey& key) {
  const Principal& who = ctx.who;
  TH_RETURN_IF_ERROR(CheckId(series_id, "series_id"));
  TH_RETURN_IF_ERROR(CheckEnrolmentReason(reason, "reason", /*required=*/false));
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
          TH_ASSIGN_OR_RETURN(std::vector<Enrolment> unconfirmed,
                              EnrolmentsIn(w, series_id, EnrolmentState::kEnrolled, kMaxCapacity));
          AuditTrail trail(w, ctx, now);
          for (Enrolment& e : unconfirmed) {
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

}  // namespace trainhub::domain
