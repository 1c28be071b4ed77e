#ifndef TRAINHUB_SERVICES_DOMAIN_PRINCIPAL_H_
#define TRAINHUB_SERVICES_DOMAIN_PRINCIPAL_H_

// Who is calling: an authenticated account with its roles. What that lets
// them call and touch is the policy (domain/policy.h).

#include <vector>

#include "domain/model.h"

namespace trainhub::domain {

// An authenticated account with its roles.
struct Principal {
  Account account;

  bool Has(Role role) const;
  bool IsAdmin() const { return Has(Role::kAdmin); }
  bool Coordinates(Id organization_id) const;
  // The trainer record this principal is, or 0.
  Id TrainerId() const;
  // The participant record this principal is, or 0.
  Id ParticipantId() const;

  // A principal with every right, for tools and tests that act as the
  // installation itself.
  static Principal System();
};

}  // namespace trainhub::domain

#endif  // TRAINHUB_SERVICES_DOMAIN_PRINCIPAL_H_
