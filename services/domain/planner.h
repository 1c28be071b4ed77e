#ifndef TRAINHUB_SERVICES_DOMAIN_PLANNER_H_
#define TRAINHUB_SERVICES_DOMAIN_PLANNER_H_

// The planning use cases: organisations, trainers, series, modules,
// sessions, schedules and calendar export. All rules live here; the API
// layer only converts. Thread-safe: state lives in the Store.

#include <functional>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "domain/model.h"
#include "domain/repository.h"

namespace trainhub::domain {

// Identifies a client's create request: a retry with the same request_id
// and fingerprint returns the resource created first; the same request_id
// with another fingerprint is refused (ALREADY_EXISTS on "request_id").
struct RequestKey {
  std::string request_id;   // empty: not idempotent
  std::string fingerprint;  // stable digest of the request's content
};

// Field paths of an update, as in the API's update_mask.
using UpdateMask = std::set<std::string, std::less<>>;

class Planner {
 public:
  using Clock = std::function<absl::Time()>;

  // `store` must outlive the planner.
  explicit Planner(Store& store, Clock clock = [] { return absl::Now(); });

  absl::StatusOr<Organization> CreateOrganization(Organization org,
                                                  const RequestKey& key);
  absl::StatusOr<Organization> GetOrganization(Id id);
  absl::StatusOr<Page<Organization>> ListOrganizations(const PageRequest& page);
  absl::StatusOr<Organization> UpdateOrganization(const Organization& patch,
                                                  const UpdateMask& mask);

  absl::StatusOr<Trainer> CreateTrainer(Trainer trainer, const RequestKey& key);
  absl::StatusOr<Trainer> GetTrainer(Id id);
  absl::StatusOr<Page<Trainer>> ListTrainers(const PageRequest& page);
  absl::StatusOr<Trainer> UpdateTrainer(const Trainer& patch,
                                        const UpdateMask& mask);

  // New series start as DRAFT.
  absl::StatusOr<Series> CreateSeries(Series series, const RequestKey& key);
  absl::StatusOr<Series> GetSeries(Id id);
  absl::StatusOr<Page<Series>> ListSeries(const SeriesFilter& filter,
                                          const PageRequest& page);
  absl::StatusOr<Series> UpdateSeries(const Series& patch,
                                      const UpdateMask& mask);
  absl::StatusOr<Series> CancelSeries(Id id, std::string reason);
  // Refused while the series has modules, unless `force`.
  absl::Status DeleteSeries(Id id, bool force);

  // `position` 0 appends; 1..n+1 inserts there.
  absl::StatusOr<Module> CreateModule(Id series_id, Module module, int position,
                                      const RequestKey& key);
  absl::StatusOr<Page<Module>> ListModules(Id series_id,
                                           const PageRequest& page);
  absl::StatusOr<Module> UpdateModule(Id series_id, const Module& patch,
                                      const UpdateMask& mask);
  // Returns all modules of the series in their new order.
  absl::StatusOr<std::vector<Module>> MoveModule(Id series_id, Id module_id,
                                                 int position);
  // Refused while the module has sessions, unless `force`.
  absl::Status DeleteModule(Id series_id, Id module_id, bool force);

  // Refused with FAILED_PRECONDITION naming the other session when a
  // trainer or the place is booked at an overlapping time, unless
  // `allow_overlap`.
  absl::StatusOr<Session> CreateSession(Id series_id, Id module_id,
                                        Session session, bool allow_overlap,
                                        const RequestKey& key);
  absl::StatusOr<Session> GetSession(Id id);
  absl::StatusOr<Page<Session>> ListSessions(Id series_id, Id module_id,
                                             const PageRequest& page);
  absl::StatusOr<Session> UpdateSession(const Session& patch,
                                        const UpdateMask& mask,
                                        bool allow_overlap);
  absl::StatusOr<Session> SetBookingStatus(Id session_id, Id trainer_id,
                                           BookingStatus status,
                                           bool allow_overlap);
  absl::Status DeleteSession(Id id);

  absl::StatusOr<Page<Session>> ListTrainerSessions(
      Id trainer_id, std::optional<absl::Time> from,
      std::optional<absl::Time> to, const PageRequest& page);
  absl::StatusOr<Page<Session>> ListSessionsInRange(
      absl::Time from, absl::Time to, Id organization_id,
      const PageRequest& page);
  absl::StatusOr<Page<Session>> ListPendingBookings(Id trainer_id,
                                                    Id organization_id,
                                                    const PageRequest& page);

  // iCalendar text (RFC 5545) with the file name a client should use.
  struct Calendar {
    std::string filename;
    std::string ical;
  };
  absl::StatusOr<Calendar> ExportSeriesCalendar(Id series_id);
  absl::StatusOr<Calendar> ExportTrainerCalendar(Id trainer_id);

 private:
  absl::StatusOr<std::vector<Session>> AllSessions(const SessionFilter& filter);

  Store& store_;
  Clock clock_;
};

}  // namespace trainhub::domain

#endif  // TRAINHUB_SERVICES_DOMAIN_PLANNER_H_
