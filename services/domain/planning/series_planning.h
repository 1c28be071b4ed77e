#ifndef TRAINHUB_SERVICES_DOMAIN_PLANNING_SERIES_PLANNING_H_
#define TRAINHUB_SERVICES_DOMAIN_PLANNING_SERIES_PLANNING_H_

// Planning series and their ordered modules. Every use case applies the
// object rules of domain/policy.h: a caller who may not see or change a
// series gets PERMISSION_DENIED, also when it does not exist (admins get
// NOT_FOUND). Thread-safe: state lives in the Store.

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "domain/field_mask.h"
#include "domain/idempotency.h"
#include "domain/model.h"
#include "domain/ports/unit_of_work.h"
#include "domain/principal.h"
#include "domain/request_context.h"

namespace trainhub::domain {

class SeriesPlanning {
 public:
  using Clock = std::function<absl::Time()>;

  // `store` must outlive this object.
  explicit SeriesPlanning(
      Store& store, Clock clock = [] { return absl::Now(); });

  // New series start as DRAFT.
  absl::StatusOr<Series> CreateSeries(const RequestContext& ctx, Series series,
                                      const RequestKey& key);
  absl::StatusOr<Series> GetSeries(const Principal& who, Id id);
  absl::StatusOr<Page<Series>> ListSeries(const Principal& who, const SeriesFilter& filter,
                                          const PageRequest& page);
  // More seats, or a series open again, promote from the waiting list.
  absl::StatusOr<Series> UpdateSeries(const RequestContext& ctx, const Series& patch,
                                      const UpdateMask& mask);
  // Ends every active enrolment; cancelling twice changes nothing.
  absl::StatusOr<Series> CancelSeries(const RequestContext& ctx, Id id, std::string reason);
  // Refused while the series has enrolments, and while it has modules
  // unless `force`.
  absl::Status DeleteSeries(const RequestContext& ctx, Id id, bool force);

  // `position` 0 appends; 1..n+1 inserts there.
  absl::StatusOr<Module> CreateModule(const RequestContext& ctx, Id series_id, Module module,
                                      int position, const RequestKey& key);
  absl::StatusOr<Page<Module>> ListModules(const Principal& who, Id series_id,
                                           const PageRequest& page);
  absl::StatusOr<Module> UpdateModule(const RequestContext& ctx, Id series_id, const Module& patch,
                                      const UpdateMask& mask);
  // Returns all modules of the series in their new order.
  absl::StatusOr<std::vector<Module>> MoveModule(const RequestContext& ctx, Id series_id,
                                                 Id module_id, int position);
  // Refused while the module has sessions, unless `force`.
  absl::Status DeleteModule(const RequestContext& ctx, Id series_id, Id module_id, bool force);

 private:
  Store& store_;
  Clock clock_;
};

}  // namespace trainhub::domain

#endif  // TRAINHUB_SERVICES_DOMAIN_PLANNING_SERIES_PLANNING_H_
