#ifndef TRAINHUB_SERVICES_DOMAIN_PORTS_TRAINERS_H_
#define TRAINHUB_SERVICES_DOMAIN_PORTS_TRAINERS_H_

// Storage port of trainers (Referent:innen).

#include <optional>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "domain/model.h"
#include "domain/ports/page.h"

namespace trainhub::domain {

class TrainerReader {
 public:
  virtual ~TrainerReader() = default;
  // NOT_FOUND for a missing id.
  virtual absl::StatusOr<Trainer> Get(Id id) = 0;
  // The trainer whose e-mail equals `email` per Folded(), if any.
  virtual absl::StatusOr<std::optional<Trainer>> FindByEmail(absl::string_view email) = 0;
  // Ordered by id.
  virtual absl::StatusOr<Page<Trainer>> List(const PageRequest& page) = 0;
};

class TrainerWriter : public TrainerReader {
 public:
  // ALREADY_EXISTS when another trainer has the same e-mail.
  virtual absl::StatusOr<Id> Insert(const Trainer& trainer) = 0;
  virtual absl::Status Update(const Trainer& trainer) = 0;
};

}  // namespace trainhub::domain

#endif  // TRAINHUB_SERVICES_DOMAIN_PORTS_TRAINERS_H_
