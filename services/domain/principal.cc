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

}  // namespace trainhub::domain
