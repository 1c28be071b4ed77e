#ifndef TRAINHUB_SERVICES_DOMAIN_PORTS_ORGANIZATIONS_H_
#define TRAINHUB_SERVICES_DOMAIN_PORTS_ORGANIZATIONS_H_

// Storage port of organisations (Träger and partner institutions).

#include <optional>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "domain/model.h"
#include "domain/ports/page.h"

namespace trainhub::domain {

class OrganizationReader {
 public:
  virtual ~OrganizationReader() = default;
  // NOT_FOUND for a missing id.
  virtual absl::StatusOr<Organization> Get(Id id) = 0;
  // The organisation whose name equals `name` per Folded(), if any.
  virtual absl::StatusOr<std::optional<Organization>> FindByName(absl::string_view name) = 0;
  // Ordered by id.
  virtual absl::StatusOr<Page<Organization>> List(const PageRequest& page) = 0;
};

class OrganizationWriter : public OrganizationReader {
 public:
  virtual absl::StatusOr<Id> Insert(const Organization& org) = 0;
  virtual absl::Status Update(const Organization& org) = 0;
};

}  // namespace trainhub::domain

#endif  // TRAINHUB_SERVICES_DOMAIN_PORTS_ORGANIZATIONS_H_
