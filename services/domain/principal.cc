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
  return v;
}

bool CoordinatesSeries(const Principal& who, const Series& series) {
  if (who.Coordinates(series.organization_id)) return true;
  return std::any_of(series.partner_organization_ids.begin(), series.partner_organization_ids.end(),
                     [&](Id partner) { return who.Coordinates(partner); });
}

bool CanSeeSeries(const Principal& who, const Series& series, bool teaches) {
  if (who.IsAdmin() || CoordinatesSeries(who, series)) return true;
  if (teaches && who.TrainerId() != 0) return true;
  return who.Has(Role::kParticipant) && series.status == SeriesStatus::kOpenForEnrolment;
}

bool CanPlanSeries(const Principal& who, const Series& series) {
  if (who.IsAdmin() || who.Coordinates(series.organization_id)) return true;
  return series.partners_may_plan && CoordinatesSeries(who, series);
}

bool CanSeeSession(const Principal& who, const Series& series, const Session& session) {
  if (who.IsAdmin() || CoordinatesSeries(who, series)) return true;
  const Id trainer = who.TrainerId();
  if (trainer != 0 &&
      std::any_of(session.trainers.begin(), session.trainers.end(),
                  [&](const TrainerBooking& b) { return b.trainer_id == trainer; })) {
    return true;
  }
  return who.Has(Role::kParticipant) && series.status == SeriesStatus::kOpenForEnrolment;
}

}  // namespace trainhub::domain
