#ifndef TRAINHUB_SERVICES_DOMAIN_PORTS_SERIES_H_
#define TRAINHUB_SERVICES_DOMAIN_PORTS_SERIES_H_

// Storage port of series with their ordered modules. A stored series carries
// derived figures (module count, first and last session, seats taken,
// waiting list length) as of the read.

#include <optional>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "domain/model.h"
#include "domain/policy.h"
#include "domain/ports/page.h"

namespace trainhub::domain {

struct SeriesFilter {
  SeriesKind kind = SeriesKind::kUnspecified;  // unspecified: any
  SeriesStatus status = SeriesStatus::kUnspecified;
  Id organization_id = 0;          // owner or partner
  std::optional<absl::Time> from;  // session overlap range
  std::optional<absl::Time> to;
  std::optional<Visibility> visible_to;  // only what this may see
};

class SeriesReader {
 public:
  virtual ~SeriesReader() = default;
  // NOT_FOUND for a missing id.
  virtual absl::StatusOr<Series> Get(Id id) = 0;
  // The stored fields and partners only: the derived figures are left empty
  // (zero counts, no session range), so its cost does not grow with the
  // series' modules, sessions or enrolments. For access checks. NOT_FOUND
  // for a missing id.
  virtual absl::StatusOr<Series> GetStored(Id id) = 0;
  virtual absl::StatusOr<Page<Series>> List(const SeriesFilter& filter,
                                            const PageRequest& page) = 0;

  // NOT_FOUND for a missing id.
  virtual absl::StatusOr<Module> GetModule(Id id) = 0;
  // Ordered by position; cursor key is the position.
  virtual absl::StatusOr<Page<Module>> ListModules(Id series_id, const PageRequest& page) = 0;
};

class SeriesWriter : public SeriesReader {
 public:
  virtual absl::StatusOr<Id> Insert(const Series& series) = 0;
  virtual absl::Status Update(const Series& series) = 0;
  // Deletes the series with its modules and sessions.
  virtual absl::Status Delete(Id id) = 0;

  virtual absl::StatusOr<Id> InsertModule(const Module& module) = 0;
  virtual absl::Status UpdateModule(const Module& module) = 0;
  // Sets position i+1 for module_ids[i]; the ids are all of one series.
  virtual absl::Status SetModuleOrder(Id series_id, const std::vector<Id>& module_ids) = 0;
  // Deletes the module with its sessions.
  virtual absl::Status DeleteModule(Id id) = 0;
};

}  // namespace trainhub::domain

#endif  // TRAINHUB_SERVICES_DOMAIN_PORTS_SERIES_H_
