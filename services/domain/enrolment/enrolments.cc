#include "domain/enrolment/enrolments.h"

#include <algorithm>
#include <utility>

#include "absl/strings/str_cat.h"
#include "domain/access.h"
#include "domain/audit_trail.h"
#include "domain/berlin_time.h"
#include "domain/errors.h"
#include "domain/policy.h"
#include "domain/status_macros.h"
#include "domain/text.h"
#include "domain/validation.h"

namespace trainhub::domain {
namespace {

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

// Narrows `filter` to what `who` may list of `query`'s series: all of it
// (its planners; `with_notes` stays), the seats (its trainers), or the
// caller's own enrolment; false when nothing is left to list.
// PERMISSION_DENIED otherwise, also for a series that does not exist
// (admins: NOT_FOUND).
absl::StatusOr<bool> ScopeToSeries(ReadView& r, const Principal& who, const EnrolmentQuery& query,
                                   EnrolmentFilter& filter, bool& with_notes) {
  const Id own = who.ParticipantId();
  const Message denied = Msg("your account may not see the roster of series {series}",
                             {{"series", query.series_id}});
  absl::StatusOr<Series> series = r.series().Get(query.series_id);
  if (absl::IsNotFound(series.status())) {
    if (who.IsAdmin()) return NameField(series.status(), "series_id");
    // As for every other object, missing looks like foreign to non-admins:
    // the caller's own enrolments in it are none.
    if (own != 0 && query.participant_id == own) return false;
    return Denied(denied);
  }
  TH_RETURN_IF_ERROR(series.status());
  if (who.IsAdmin() || CoordinatesSeries(who, *series)) return true;  // the whole series
  with_notes = false;
  TH_ASSIGN_OR_RETURN(bool teaches, Teaches(r, who, series->id));
  if (teaches) {
    // The roster: who holds a seat.
    std::vector<EnrolmentState> seats;
    for (EnrolmentState s : {EnrolmentState::kEnrolled, EnrolmentState::kConfirmed}) {
      if (query.states.empty() ||
          std::find(query.states.begin(), query.states.end(), s) != query.states.end()) {
        seats.push_back(s);
      }
    }
    filter.states = seats;
    return !seats.empty();
  }
  if (own != 0 && query.participant_id == own) {
    filter.participant_id = own;  // the caller's own enrolment in the series
    return true;
  }
  return Denied(denied);
}

// Narrows `filter` to what `who` may list across series: everything
// (admins), their organisations' (coordinators), their own; false when
// nothing is left to list.
absl::StatusOr<bool> ScopeWithoutSeries(const Principal& who, const EnrolmentQuery& query,
                                        EnrolmentFilter& filter) {
  const Id own = who.ParticipantId();
  if (who.IsAdmin()) return true;  // everything
  if (!VisibilityOf(who).organizations.empty()) {
    filter.organizations = VisibilityOf(who).organizations;
    return true;
  }
  if (own != 0 && (query.participant_id == 0 || query.participant_id == own)) {
    filter.participant_id = own;
    return true;
  }
  if (query.participant_id != 0) {
    return Denied(Msg("your account may not see the enrolments of participant {participant}",
                      {{"participant", query.participant_id}}));
  }
  // An account without a participant record has none.
  if (who.Has(Role::kParticipant)) return false;
  return InvalidField("series_id", Msg("name the series whose roster you want to see"));
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
  TH_RETURN_IF_ERROR(CheckEnrolmentReason(note, "note", /*required=*/false));
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
  TH_RETURN_IF_ERROR(CheckEnrolmentReason(reason, "reason", /*required=*/true));
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
  TH_RETURN_IF_ERROR(CheckEnrolmentReason(reason, "reason", /*required=*/true));
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
    bool any = false;
    if (query.series_id != 0) {
      TH_ASSIGN_OR_RETURN(any, ScopeToSeries(r, who, query, filter, with_notes));
    } else {
      TH_ASSIGN_OR_RETURN(any, ScopeWithoutSeries(who, query, filter));
    }
    if (!any) return absl::OkStatus();
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
