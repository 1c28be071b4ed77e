#include "domain/enrolment/participants.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "domain/access.h"
#include "domain/audit_trail.h"
#include "domain/berlin_time.h"
#include "domain/errors.h"
#include "domain/field_mask.h"
#include "domain/limits.h"
#include "domain/policy.h"
#include "domain/status_macros.h"
#include "domain/text.h"
#include "domain/enrolment/training_year.h"
#include "domain/validation.h"

namespace trainhub::domain {
namespace {

const std::vector<MaskedField<Participant>>& ParticipantFields() {
  static const auto* fields = new std::vector<MaskedField<Participant>>{
      Field("display_name", &Participant::display_name), Field("email", &Participant::email),
      Field("organization_id", &Participant::organization_id),
      Field("target_groups", &Participant::target_groups),
      Field("training_start", &Participant::training_start),
      // Deprecated: the training year as of today, stored as a start.
      Field("training_year", &Participant::stated_training_year)};
  return *fields;
}

bool CanKeep(const Principal& who, const Participant& p) {
  return who.IsAdmin() || who.Coordinates(p.organization_id);
}

bool CanSee(const Principal& who, const Participant& p) {
  return CanKeep(who, p) || (who.ParticipantId() != 0 && who.ParticipantId() == p.id);
}

// The organisation must exist and the e-mail be free.
absl::Status CheckReferences(ReadView& r, const Participant& p) {
  if (absl::IsNotFound(r.organizations().Get(p.organization_id).status())) {
    return InvalidField("participant.organization_id",
                        Msg("organisation {organization} does not exist",
                            {{"organization", p.organization_id}}));
  }
  if (!p.email.empty()) {
    TH_ASSIGN_OR_RETURN(std::optional<Participant> other, r.participants().FindByEmail(p.email));
    if (other && other->id != p.id) {
      return FieldError(
          absl::StatusCode::kAlreadyExists, "participant.email",
          Msg("participant {participant} already has this e-mail address",
              {{"participant", other->id}}));
    }
  }
  return absl::OkStatus();
}

// Loads participant `id` for `who`, like the series rules: admins get
// NOT_FOUND naming `field`, others PERMISSION_DENIED for missing or foreign.
absl::StatusOr<Participant> Load(ReadView& r, const Principal& who, Id id, bool keep,
                                 absl::string_view field) {
  absl::StatusOr<Participant> p = r.participants().Get(id);
  if (who.IsAdmin()) {
    if (absl::IsNotFound(p.status())) {
      return FieldError(absl::StatusCode::kNotFound, std::string(field), MessageOf(p.status()));
    }
    return p;
  }
  const Message what =
      Msg("your account may not {act, select, change {change} other {see}} participant "
          "{participant}",
          {{"act", keep ? "change" : "see"}, {"participant", id}});
  if (absl::IsNotFound(p.status())) return Denied(what);
  TH_RETURN_IF_ERROR(p.status());
  if (keep ? CanKeep(who, *p) : CanSee(who, *p)) return p;
  std::vector<Id> coordinated = VisibilityOf(who).organizations;
  if (!keep && !coordinated.empty()) {
    // Coordinators also see the people enrolled in the series they run.
    EnrolmentFilter filter;
    filter.participant_id = id;
    filter.organizations = std::move(coordinated);
    TH_ASSIGN_OR_RETURN(Page<Enrolment> enrolled, r.enrolments().List(filter, PageRequest{1, {}}));
    if (!enrolled.items.empty()) return p;
  }
  return Denied(what);
}

}  // namespace

Participants::Participants(Store& store, Clock clock) : store_(store), clock_(std::move(clock)) {}

absl::StatusOr<Participant> Participants::Create(const RequestContext& ctx, Participant participant,
                                                 const RequestKey& key) {
  const Principal& who = ctx.who;
  participant.id = 0;
  participant.create_time = participant.update_time = clock_();
  Violations v;
  ResolveStatedTrainingYear(
      participant, absl::ToCivilDay(participant.create_time, DisplayTimeZone()), "participant", v);
  ValidateParticipant(participant, "participant", v);
  TH_RETURN_IF_ERROR(v.ToStatus());
  if (!CanKeep(who, participant)) {
    return Denied(Msg("your account may not keep participants of organisation {organization}",
                      {{"organization", participant.organization_id}}));
  }
  return CreateOnce<Participant>(
      store_, "CreateParticipant", key,
      [&](UnitOfWork& w) -> absl::StatusOr<Id> {
        TH_RETURN_IF_ERROR(CheckReferences(w, participant));
        TH_ASSIGN_OR_RETURN(Id id, w.participants().Insert(participant));
        TH_RETURN_IF_ERROR(AuditTrail(w, ctx, participant.create_time)
                               .Changed("participant", id, participant.organization_id));
        return id;
      },
      [](UnitOfWork& w, Id id) { return w.participants().Get(id); });
}

absl::StatusOr<Participant> Participants::Get(const Principal& who, Id id) {
  if (id <= 0) return InvalidField("id", Msg("must be a positive id"));
  Participant out;
  TH_RETURN_IF_ERROR(store_.Read([&](ReadView& r) -> absl::Status {
    TH_ASSIGN_OR_RETURN(out, Load(r, who, id, /*keep=*/false, "id"));
    return absl::OkStatus();
  }));
  return out;
}

absl::StatusOr<Page<Participant>> Participants::List(const Principal& who, Id organization_id,
                                                     absl::string_view name,
                                                     const PageRequest& page) {
  if (organization_id < 0) return InvalidField("organization_id", Msg("must not be negative"));
  if (std::optional<Message> problem = TextProblem(name, 0, kMaxNameChars)) {
    return InvalidField("name", *std::move(problem));
  }
  ParticipantFilter filter;
  filter.organization_id = organization_id;
  filter.name_search_key = SearchKey(name);
  if (!who.IsAdmin()) {
    filter.visible = ParticipantFilter::Scope{VisibilityOf(who).organizations, who.ParticipantId()};
  }
  Page<Participant> out;
  TH_RETURN_IF_ERROR(store_.Read([&](ReadView& r) -> absl::Status {
    TH_ASSIGN_OR_RETURN(out, r.participants().List(filter, page));
    return absl::OkStatus();
  }));
  return out;
}

absl::StatusOr<Participant> Participants::Update(const RequestContext& ctx,
                                                 const Participant& patch, const UpdateMask& mask) {
  const Principal& who = ctx.who;
  if (patch.id <= 0) return InvalidField("participant.id", Msg("must be a positive id"));
  TH_RETURN_IF_ERROR(CheckMask(mask, ParticipantFields()));
  Participant out;
  TH_RETURN_IF_ERROR(store_.Write([&](UnitOfWork& w) -> absl::Status {
    TH_ASSIGN_OR_RETURN(Participant p, Load(w, who, patch.id, /*keep=*/true, "participant.id"));
    if (p.erasure) {
      return FieldError(
          absl::StatusCode::kFailedPrecondition, "participant.id",
          Msg("participant {participant}'s data was erased; it stays as it is",
              {{"participant", p.id}}));
    }
    ApplyMask(p, patch, mask, ParticipantFields());
    const absl::Time now = clock_();
    // A year given alone replaces the start of training.
    if (Has(mask, "training_year") && !Has(mask, "training_start")) p.training_start.reset();
    Violations v;
    ResolveStatedTrainingYear(p, absl::ToCivilDay(now, DisplayTimeZone()), "participant", v);
    ValidateParticipant(p, "participant", v);
    TH_RETURN_IF_ERROR(v.ToStatus());
    if (!CanKeep(who, p)) {
      return Denied(
          Msg("your account may not move participant {participant} to organisation {organization}",
              {{"participant", p.id}, {"organization", p.organization_id}}));
    }
    TH_RETURN_IF_ERROR(CheckReferences(w, p));
    p.update_time = now;
    TH_RETURN_IF_ERROR(w.participants().Update(p));
    TH_RETURN_IF_ERROR(
        AuditTrail(w, ctx, p.update_time).Changed("participant", p.id, p.organization_id));
    TH_ASSIGN_OR_RETURN(out, w.participants().Get(p.id));
    return absl::OkStatus();
  }));
  return out;
}

absl::StatusOr<Qualification> Participants::RecordQualification(const RequestContext& ctx,
                                                                Qualification qualification,
                                                                const RequestKey& key) {
  const Principal& who = ctx.who;
  Violations v;
  if (qualification.participant_id <= 0) v.Add("participant_id", Msg("must be a positive id"));
  ValidateQualification(qualification, "qualification", v);
  TH_RETURN_IF_ERROR(v.ToStatus());
  qualification.id = 0;
  qualification.series_id = 0;
  qualification.recorded_by = who.account.id;
  qualification.record_time = clock_();
  return CreateOnce<Qualification>(
      store_, "RecordQualification", key,
      [&](UnitOfWork& w) -> absl::StatusOr<Id> {
        TH_ASSIGN_OR_RETURN(Participant holder, Load(w, who, qualification.participant_id,
                                                     /*keep=*/true, "participant_id"));
        if (holder.erasure) {
          return FieldError(absl::StatusCode::kFailedPrecondition, "participant_id",
                            Msg("participant {participant}'s data was erased",
                                {{"participant", holder.id}}));
        }
        absl::StatusOr<Id> id = w.participants().InsertQualification(qualification);
        if (absl::IsAlreadyExists(id.status())) {
          return FieldError(absl::StatusCode::kAlreadyExists, "qualification.title",
                            Msg("participant {participant} already holds \"{title}\"",
                                {{"participant", qualification.participant_id},
                                 {"title", qualification.title}}));
        }
        TH_RETURN_IF_ERROR(id.status());
        TH_RETURN_IF_ERROR(AuditTrail(w, ctx, qualification.record_time)
                               .Changed("participant", holder.id, holder.organization_id));
        return id;
      },
      [](UnitOfWork& w, Id id) { return w.participants().GetQualification(id); });
}

absl::StatusOr<std::vector<Qualification>> Participants::ListQualifications(const Principal& who,
                                                                            Id participant_id) {
  if (participant_id <= 0) return InvalidField("participant_id", Msg("must be a positive id"));
  std::vector<Qualification> out;
  TH_RETURN_IF_ERROR(store_.Read([&](ReadView& r) -> absl::Status {
    TH_RETURN_IF_ERROR(Load(r, who, participant_id, /*keep=*/false, "participant_id").status());
    TH_ASSIGN_OR_RETURN(out, r.participants().ListQualifications(participant_id));
    return absl::OkStatus();
  }));
  return out;
}

absl::Status Participants::DeleteQualification(const RequestContext& ctx, Id participant_id,
                                               Id qualification_id, const RequestKey& key) {
  const Principal& who = ctx.who;
  if (participant_id <= 0) return InvalidField("participant_id", Msg("must be a positive id"));
  if (qualification_id <= 0) {
    return InvalidField("qualification_id", Msg("must be a positive id"));
  }
  return CreateOnce<Id>(
             store_, "DeleteQualification", key,
             [&](UnitOfWork& w) -> absl::StatusOr<Id> {
               TH_ASSIGN_OR_RETURN(Participant holder,
                                   Load(w, who, participant_id, /*keep=*/true, "participant_id"));
               absl::StatusOr<Qualification> q =
                   w.participants().GetQualification(qualification_id);
               if (absl::IsNotFound(q.status()) ||
                   (q.ok() && q->participant_id != participant_id)) {
                 return FieldError(absl::StatusCode::kNotFound, "qualification_id",
                                   Msg("participant {participant} has no qualification "
                                       "{qualification}",
                                       {{"participant", participant_id},
                                        {"qualification", qualification_id}}));
               }
               TH_RETURN_IF_ERROR(q.status());
               TH_RETURN_IF_ERROR(w.participants().DeleteQualification(qualification_id));
               TH_RETURN_IF_ERROR(AuditTrail(w, ctx, clock_())
                                      .Changed("participant", holder.id, holder.organization_id));
               return qualification_id;
             },
             [](UnitOfWork&, Id id) -> absl::StatusOr<Id> { return id; })
      .status();
}

}  // namespace trainhub::domain
