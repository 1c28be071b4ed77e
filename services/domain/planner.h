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
#include "domain/field_mask.h"
#include "domain/idempotency.h"
#include "domain/model.h"
#include "domain/ports/unit_of_work.h"
#include "domain/principal.h"

namespace trainhub::domain {

// Every use case takes the calling principal and applies the object rules
// of domain/principal.h: a caller who may not see or change an object gets
// PERMISSION_DENIED, also when it does not exist (admins get NOT_FOUND).
class Planner {
 public:
  using Clock = std::function<absl::Time()>;

  // `store` must outlive the planner.
  explicit Planner(
      Store& store, Clock clock = [] { return absl::Now(); });

  absl::StatusOr<Organization> CreateOrganization(const Principal& who, Organization org,
                                                  const RequestKey& key);
  absl::StatusOr<Organization> GetOrganization(const Principal& who, Id id);
  absl::StatusOr<Page<Organization>> ListOrganizations(const Principal& who,
                                                       const PageRequest& page);
  absl::StatusOr<Organization> UpdateOrganization(const Principal& who, const Organization& patch,
                                                  const UpdateMask& mask);

  absl::StatusOr<Trainer> CreateTrainer(const Principal& who, Trainer trainer,
                                        const RequestKey& key);
  absl::StatusOr<Trainer> GetTrainer(const Principal& who, Id id);
  absl::StatusOr<Page<Trainer>> ListTrainers(const Principal& who, const PageRequest& page);
  absl::StatusOr<Trainer> UpdateTrainer(const Principal& who, const Trainer& patch,
                                        const UpdateMask& mask);

  // New series start as DRAFT.
  absl::StatusOr<Series> CreateSeries(const Principal& who, Series series, const RequestKey& key);
  absl::StatusOr<Series> GetSeries(const Principal& who, Id id);
  absl::StatusOr<Page<Series>> ListSeries(const Principal& who, const SeriesFilter& filter,
                                          const PageRequest& page);
  absl::StatusOr<Series> UpdateSeries(const Principal& who, const Series& patch,
                                      const UpdateMask& mask);
  absl::StatusOr<Series> CancelSeries(const Principal& who, Id id, std::string reason);
  // Refused while the series has enrolments, and while it has modules
  // unless `force`.
  absl::Status DeleteSeries(const Principal& who, Id id, bool force);

  // `position` 0 appends; 1..n+1 inserts there.
  absl::StatusOr<Module> CreateModule(const Principal& who, Id series_id, Module module,
                                      int position, const RequestKey& key);
  absl::StatusOr<Page<Module>> ListModules(const Principal& who, Id series_id,
                                           const PageRequest& page);
  absl::StatusOr<Module> UpdateModule(const Principal& who, Id series_id, const Module& patch,
                                      const UpdateMask& mask);
  // Returns all modules of the series in their new order.
  absl::StatusOr<std::vector<Module>> MoveModule(const Principal& who, Id series_id, Id module_id,
                                                 int position);
  // Refused while the module has sessions, unless `force`.
  absl::Status DeleteModule(const Principal& who, Id series_id, Id module_id, bool force);

  // Refused with FAILED_PRECONDITION naming the other session when a
  // trainer or the place is booked at an overlapping time, unless
  // `allow_overlap`.
  absl::StatusOr<Session> CreateSession(const Principal& who, Id series_id, Id module_id,
                                        Session session, bool allow_overlap, const RequestKey& key);
  absl::StatusOr<Session> GetSession(const Principal& who, Id id);
  absl::StatusOr<Page<Session>> ListSessions(const Principal& who, Id series_id, Id module_id,
                                             const PageRequest& page);
  absl::StatusOr<Session> UpdateSession(const Principal& who, const Session& patch,
                                        const UpdateMask& mask, bool allow_overlap);
  absl::StatusOr<Session> SetBookingStatus(const Principal& who, Id session_id, Id trainer_id,
                                           BookingStatus status, bool allow_overlap);
  absl::Status DeleteSession(const Principal& who, Id id);

  absl::StatusOr<Page<Session>> ListTrainerSessions(const Principal& who, Id trainer_id,
                                                    std::optional<absl::Time> from,
                                                    std::optional<absl::Time> to,
                                                    const PageRequest& page);
  absl::StatusOr<Page<Session>> ListSessionsInRange(const Principal& who, absl::Time from,
                                                    absl::Time to, Id organization_id,
                                                    const PageRequest& page);
  absl::StatusOr<Page<Session>> ListPendingBookings(const Principal& who, Id trainer_id,
                                                    Id organization_id, const PageRequest& page);

  // iCalendar text (RFC 5545) with the file name a client should use.
  struct Calendar {
    std::string filename;
    std::string ical;
  };
  absl::StatusOr<Calendar> ExportSeriesCalendar(const Principal& who, Id series_id);
  absl::StatusOr<Calendar> ExportTrainerCalendar(const Principal& who, Id trainer_id);

 private:
  // The installation's calendar UID domain.
  absl::StatusOr<std::string> UidDomain();
  absl::StatusOr<std::vector<Session>> AllSessions(const Principal& who,
                                                   const SessionFilter& filter);
  // Refuses callers who are neither admin, coordinator nor this trainer.
  absl::Status CheckTrainerScope(const Principal& who, Id trainer_id);

  Store& store_;
  Clock clock_;
};

}  // namespace trainhub::domain

#endif  // TRAINHUB_SERVICES_DOMAIN_PLANNER_H_
