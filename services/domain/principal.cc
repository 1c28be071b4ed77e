#include "domain/principal.h"

#include <algorithm>

namespace trainhub::domain {

bool Principal::Has(Role role) const {
  return std::any_of(account.roles.begin(), account.roles.end(),
                     [&](const RoleGrant& g) { return g.role == role; });
}

bool Principal::Coordinates(Id organization_id) const {
  return std::any_of(account.roles.begin(), account.roles.end(), [&](const RoleGrant& g) {
    return g.role == Role::kCoordinator && g.organization_id == organization_id;
  });
}

Id Principal::TrainerId() const {
  for (const RoleGrant& g : account.roles) {
    if (g.role == Role::kTrainer) return g.trainer_id;
  }
  return 0;
}

Id Principal::ParticipantId() const {
  for (const RoleGrant& g : account.roles) {
    if (g.role == Role::kParticipant && g.participant_id != 0) return g.participant_id;
  }
  return 0;
}

Principal Principal::System() {
  Principal p;
  p.account.display_name = "system";
  p.account.roles = {{Role::kAdmin}};
  return p;
}

Visibility VisibilityOf(const Principal& who) {
  Visibility v;
  v.everything = who.IsAdmin();
  for (const RoleGrant& g : who.account.roles) {
    if (g.role == Role::kCoordinator) v.organizations.push_back(g.organization_id);
  }
  v.trainer_id = who.TrainerId();
  v.open_series = who.Has(Role::kParticipant);
  v.enrolled_participant_id = who.ParticipantId();
  return v;
}

bool CoordinatesSeries(const Principal& who, const Series& series) {
  if (who.Coordinates(series.organization_id)) return true;
  return std::any_of(series.partner_organization_ids.begin(), series.partner_organization_ids.end(),
                     [&](Id partner) { return who.Coordinates(partner); });
}

bool CanSeeSeries(const Principal& who, const Series& series, SeriesTies ties) {
  if (who.IsAdmin() || CoordinatesSeries(who, series)) return true;
  if (ties.teaches && who.TrainerId() != 0) return true;
  if (ties.enrolled && who.ParticipantId() != 0) return true;
  return who.Has(Role::kParticipant) && series.status == SeriesStatus::kOpenForEnrolment;
}

bool CanPlanSeries(const Principal& who, const Series& series) {
  if (who.IsAdmin() || who.Coordinates(series.organization_id)) return true;
  return series.partners_may_plan && CoordinatesSeries(who, series);
}

namespace {

bool BookedOn(const Principal& who, const Session& session) {
  const Id trainer = who.TrainerId();
  return trainer != 0 &&
         std::any_of(session.trainers.begin(), session.trainers.end(),
                     [&](const TrainerBooking& b) { return b.trainer_id == trainer; });
}

}  // namespace

bool CanSeeSession(const Principal& who, const Series& series, const Session& session,
                   bool enrolled) {
  if (who.IsAdmin() || CoordinatesSeries(who, series) || BookedOn(who, session)) return true;
  if (enrolled && who.ParticipantId() != 0) return true;
  return who.Has(Role::kParticipant) && series.status == SeriesStatus::kOpenForEnrolment;
}

bool SeesSessionInternals(const Principal& who, const Series& series, const Session& session) {
  return CanPlanSeries(who, series) || BookedOn(who, session);
}

void StripInternals(Session& session) {
  session.note.clear();
  std::erase_if(session.trainers,
                [](const TrainerBooking& b) { return b.status != BookingStatus::kConfirmed; });
}

}  // namespace trainhub::domain
