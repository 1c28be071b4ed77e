#include "domain/enrolment/enrolment_rules.h"

#include <algorithm>
#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "domain/berlin_time.h"
#include "domain/errors.h"
#include "domain/limits.h"
#include "domain/notifications/enrolment_notices.h"
#include "domain/status_macros.h"
#include "domain/text.h"
#include "domain/validation.h"

namespace trainhub::domain {

namespace {

// The name of `group` as people read it; its English is the API's value.
Message GroupName(TargetGroup group) {
  switch (group) {
    case TargetGroup::kVolunteers:
      return Msg("volunteers");
    case TargetGroup::kApprentices:
      return Msg("apprentices");
    case TargetGroup::kAdministrationStaff:
      return Msg("administration-staff");
    case TargetGroup::kManagers:
      return Msg("managers");
    case TargetGroup::kTrainers:
      return Msg("trainers");
    case TargetGroup::kOther:
      return Msg("other");
    case TargetGroup::kUnspecified:
      break;
  }
  return Message(std::string(ToString(group)));
}

MessageArg GroupList(std::string name, const std::vector<TargetGroup>& groups) {
  std::vector<Message> names;
  names.reserve(groups.size());
  for (TargetGroup g : groups) names.push_back(GroupName(g));
  return MessageArg::List(std::move(name), std::move(names));
}

}  // namespace

bool EnrolmentTransitionAllowed(EnrolmentState from, EnrolmentState to) {
  using S = EnrolmentState;
  const bool placed = to == S::kPendingApproval || to == S::kWaitlisted || to == S::kEnrolled;
  switch (from) {
    case S::kUnspecified:
    case S::kWithdrawn:
    case S::kRejected:
    case S::kReleased:
      return placed;
    case S::kPendingApproval:
      return to == S::kWaitlisted || to == S::kEnrolled || to == S::kRejected ||
             to == S::kWithdrawn;
    case S::kWaitlisted:
      return to == S::kEnrolled || to == S::kWithdrawn;
    case S::kEnrolled:
      return to == S::kConfirmed || to == S::kWithdrawn || to == S::kReleased;
    case S::kConfirmed:
      return to == S::kWithdrawn;
  }
  return false;
}

EnrolmentState Placement(const Series& series, bool needs_approval) {
  if (needs_approval) return EnrolmentState::kPendingApproval;
  if (series.seats_taken < series.capacity && series.waitlist_length == 0) {
    return EnrolmentState::kEnrolled;
  }
  return EnrolmentState::kWaitlisted;
}

absl::Status EndEnrolmentsOfCancelledSeries(UnitOfWork& w, AuditTrail& trail, const Series& series,
                                            Id account_id, absl::string_view reason) {
  const Id series_id = series.id;
  EnrolmentFilter filter;
  filter.series_id = series_id;
  filter.states = {EnrolmentState::kPendingApproval, EnrolmentState::kWaitlisted,
                   EnrolmentState::kEnrolled, EnrolmentState::kConfirmed};
  const std::string why = reason.empty() ? std::string("the series was cancelled")
                                         : absl::StrCat("the series was cancelled: ", reason);
  TH_ASSIGN_OR_RETURN(std::vector<Enrolment> open,
                      AllPages<Enrolment>([&](const PageRequest& page) {
                        return w.enrolments().List(filter, page);
                      }));
  for (Enrolment& e : open) {
    TH_RETURN_IF_ERROR(Move(w, trail, series, e, EnrolmentState::kWithdrawn, account_id, why));
  }
  return absl::OkStatus();
}

absl::Status CheckEnrolmentWindow(const Series& series, bool by_planner, absl::Time now) {
  if (series.IsFrozen()) {
    return Refusal(
        absl::StatusCode::kFailedPrecondition,
        Msg("series {series} is {status, select, draft {draft} planned {planned} "
            "open_for_enrolment {open for enrolment} running {running} completed {completed} "
            "cancelled {cancelled} other {unspecified}}; it takes no enrolments",
            {{"series", series.id}, {"status", SelectKey(ToString(series.status))}}));
  }
  if (by_planner) return absl::OkStatus();
  if (series.status != SeriesStatus::kOpenForEnrolment) {
    return Refusal(
        absl::StatusCode::kFailedPrecondition,
        Msg("series {series} is not open for enrolment (it is {status, select, draft {draft} "
            "planned {planned} open_for_enrolment {open for enrolment} running {running} completed "
            "{completed} cancelled {cancelled} other {unspecified}})",
            {{"series", series.id}, {"status", SelectKey(ToString(series.status))}}));
  }
  if (series.enrolment_deadline && now > *series.enrolment_deadline) {
    return Refusal(
        absl::StatusCode::kFailedPrecondition,
        Msg("enrolment for series {series} closed on {time} (Europe/Berlin); ask a coordinator",
            {{"series", series.id}, {"time", FormatLocal(*series.enrolment_deadline)}}));
  }
  return absl::OkStatus();
}

absl::StatusOr<std::optional<Message>> EnrolmentProblem(ReadView& r, const Series& series,
                                                        const Participant& p,
                                                        bool override_groups) {
  if (p.id != 0) {
    TH_ASSIGN_OR_RETURN(std::optional<Enrolment> existing, r.enrolments().Find(series.id, p.id));
    if (existing && IsActive(existing->state)) return AlreadyEnrolledText(*existing, p);
  }
  return Ineligibility(r, series, p, override_groups, /*by_planner=*/true);
}

absl::StatusOr<Enrolment> EnrolAsPlanner(UnitOfWork& w, AuditTrail& trail, const Series& series,
                                         const Participant& p, bool override_groups,
                                         std::string reason) {
  TH_ASSIGN_OR_RETURN(std::optional<Enrolment> existing, w.enrolments().Find(series.id, p.id));
  if (override_groups) absl::StrAppend(&reason, " (target groups overridden)");
  TH_ASSIGN_OR_RETURN(
      Id id, Enrol(w, trail, series, p, existing, /*needs_approval=*/false, override_groups,
                   trail.context().who.account.id, std::move(reason)));
  return w.enrolments().Get(id);
}

absl::StatusOr<std::vector<Id>> FillSeats(UnitOfWork& w, AuditTrail& trail, const Series& stored) {
  std::vector<Id> promoted;
  if (stored.IsFrozen()) return promoted;
  const Id series_id = stored.id;
  TH_ASSIGN_OR_RETURN(Series series, WithPlacesNow(w, stored));
  const int free_seats = series.capacity - series.seats_taken;
  if (free_seats <= 0 || series.waitlist_length == 0) return promoted;
  TH_ASSIGN_OR_RETURN(std::vector<Enrolment> next,
                      EnrolmentsIn(w, series_id, EnrolmentState::kWaitlisted, free_seats));
  for (Enrolment& e : next) {
    TH_RETURN_IF_ERROR(Move(w, trail, series, e, EnrolmentState::kEnrolled, /*account_id=*/0,
                            "promoted from the waiting list: a seat became free"));
    promoted.push_back(e.id);
  }
  return promoted;
}

namespace {

// Whether the trail's caller is the enrolled person (a step they took
// themselves needs no notice to them).
bool ByThePerson(const AuditTrail& trail, const Enrolment& e) {
  const Id own = trail.context().who.ParticipantId();
  return own != 0 && own == e.participant_id;
}

}  // namespace

// Moves `e` to `to`, keeps the seat time in step and appends the history
// entry. INTERNAL for a transition the state machine forbids: callers
// check their preconditions with a clear message first.
absl::Status Move(UnitOfWork& w, AuditTrail& trail, const Series& series, Enrolment& e,
                  EnrolmentState to, Id account_id, std::string reason) {
  const absl::Time now = trail.now();
  if (!EnrolmentTransitionAllowed(e.state, to)) {
    return absl::InternalError(absl::StrCat("enrolment ", e.id, " cannot go from ",
                                            ToString(e.state), " to ", ToString(to)));
  }
  const EnrolmentState from = e.state;
  e.state = to;
  if (!HoldsSeat(to)) {
    e.seat_time.reset();
  } else if (!HoldsSeat(from)) {
    e.seat_time = now;
  }
  e.update_time = now;
  TH_RETURN_IF_ERROR(w.enrolments().Update(e));
  TH_RETURN_IF_ERROR(NoticeEnrolmentStep(w, series, e, from, reason, ByThePerson(trail, e), now));
  TH_RETURN_IF_ERROR(
      w.enrolments().AppendChange({0, e.id, now, from, to, account_id, std::move(reason)}));
  return trail.Changed("enrolment", e.id, series.organization_id);
}

// Places (or places again) `p` in `series` as one arrival; the caller has
// checked window and eligibility. Returns the enrolment's id.
absl::StatusOr<Id> Enrol(UnitOfWork& w, AuditTrail& trail, const Series& series,
                         const Participant& p, const std::optional<Enrolment>& existing,
                         bool needs_approval, bool overridden, Id account_id, std::string reason,
                         absl::string_view note) {
  const absl::Time now = trail.now();
  Enrolment e = existing.value_or(Enrolment{});
  if (!note.empty()) e.note = std::string(note);
  TH_ASSIGN_OR_RETURN(e.queue_number, w.enrolments().NextQueueNumber(series.id));
  TH_ASSIGN_OR_RETURN(Series fresh, WithPlacesNow(w, series));
  const EnrolmentState to = Placement(fresh, needs_approval);
  e.request_time = now;
  e.eligibility_overridden = overridden;
  if (!existing) {
    e.series_id = series.id;
    e.participant_id = p.id;
    e.state = to;
    e.seat_time = HoldsSeat(to) ? std::optional<absl::Time>(now) : std::nullopt;
    e.update_time = now;
    TH_ASSIGN_OR_RETURN(e.id, w.enrolments().Insert(e));
    TH_RETURN_IF_ERROR(NoticeEnrolmentStep(w, series, e, EnrolmentState::kUnspecified, reason,
                                           ByThePerson(trail, e), now));
    TH_RETURN_IF_ERROR(w.enrolments().AppendChange(
        {0, e.id, now, EnrolmentState::kUnspecified, to, account_id, std::move(reason)}));
    TH_RETURN_IF_ERROR(trail.Changed("enrolment", e.id, series.organization_id));
    return e.id;
  }
  TH_RETURN_IF_ERROR(Move(w, trail, series, e, to, account_id, std::move(reason)));
  return e.id;
}

// Eligibility of `p` for `series`: the target groups (unless overridden)
// and the required qualification. Empty when eligible, else the reason.
absl::StatusOr<std::optional<Message>> Ineligibility(ReadView& r, const Series& series,
                                                     const Participant& p, bool override_groups,
                                                     bool by_planner) {
  if (!override_groups && !series.target_groups.empty() &&
      std::none_of(p.target_groups.begin(), p.target_groups.end(), [&](TargetGroup g) {
        return std::find(series.target_groups.begin(), series.target_groups.end(), g) !=
               series.target_groups.end();
      })) {
    return Msg(
        "participant {participant} ({name}) belongs to {groups}; series {series} is for "
        "{series_groups}; {by, select, planner {set override_eligibility to enrol them anyway} "
        "other {a coordinator can enrol you anyway}}",
        {{"participant", p.id},
         {"name", p.display_name},
         GroupList("groups", p.target_groups),
         {"series", series.id},
         GroupList("series_groups", series.target_groups),
         {"by", by_planner ? "planner" : "participant"}});
  }
  if (!series.required_qualification.empty()) {
    TH_ASSIGN_OR_RETURN(std::vector<Qualification> held, r.participants().ListQualifications(p.id));
    const std::string wanted = Folded(series.required_qualification);
    if (std::none_of(held.begin(), held.end(),
                     [&](const Qualification& q) { return Folded(q.title) == wanted; })) {
      return Msg(
          "series {series} requires the qualification \"{qualification}\", which participant "
          "{participant} ({name}) does not hold; a coordinator can record an earlier "
          "qualification",
          {{"series", series.id},
           {"qualification", series.required_qualification},
           {"participant", p.id},
           {"name", p.display_name}});
    }
  }
  return std::nullopt;
}

// `series` with its seat and waiting-list counts as they are now in the
// unit of work (earlier enrolments of the same unit included).
absl::StatusOr<Series> WithPlacesNow(ReadView& r, Series series) {
  TH_ASSIGN_OR_RETURN(Places places, r.enrolments().CountPlaces(series.id));
  series.seats_taken = places.seats_taken;
  series.waitlist_length = places.waitlist_length;
  return series;
}

Message AlreadyEnrolledText(const Enrolment& e, const Participant& p) {
  return Msg(
      "participant {participant} ({name}) is already {state, select, pending_approval {pending "
      "approval} waitlisted {waitlisted at position {position}} enrolled {enrolled} confirmed "
      "{confirmed} withdrawn {withdrawn} rejected {rejected} released {released} other "
      "{unspecified}} in series {series} (enrolment "
      "{enrolment})",
      {{"participant", p.id},
       {"name", p.display_name},
       {"state", SelectKey(ToString(e.state))},
       {"position", static_cast<int64_t>(e.waitlist_position)},
       {"series", e.series_id},
       {"enrolment", e.id}});
}

absl::Status AlreadyEnrolled(const Enrolment& e, const Participant& p) {
  return FieldError(absl::StatusCode::kAlreadyExists, "participant_id", AlreadyEnrolledText(e, p));
}

absl::Status CheckEnrolmentReason(std::string& reason, absl::string_view field, bool required) {
  if (CountCodePoints(reason)) reason = Trimmed(reason);
  if (std::optional<Message> problem =
          TextProblem(reason, required ? 1 : 0, kMaxReasonChars, true)) {
    return InvalidField(std::string(field), *std::move(problem));
  }
  return absl::OkStatus();
}

absl::StatusOr<std::vector<Enrolment>> EnrolmentsIn(ReadView& r, Id series_id, EnrolmentState state,
                                                    int limit) {
  EnrolmentFilter filter;
  filter.series_id = series_id;
  filter.states = {state};
  PageRequest page;
  page.limit = limit;
  TH_ASSIGN_OR_RETURN(Page<Enrolment> listed, r.enrolments().List(filter, page));
  return std::move(listed.items);
}

std::string NoteOr(std::string note, absl::string_view fallback) {
  return note.empty() ? std::string(fallback) : std::move(note);
}

}  // namespace trainhub::domain
