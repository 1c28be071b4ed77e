#include "domain/planning/schedules.h"

#include <utility>

#include "absl/strings/str_cat.h"
#include "domain/access.h"
#include "domain/audit_trail.h"
#include "domain/errors.h"
#include "domain/limits.h"
#include "domain/planning/planning_rules.h"
#include "domain/policy.h"
#include "domain/status_macros.h"
#include "domain/validation.h"

namespace trainhub::domain {
absl::StatusOr<Page<Session>> Schedules::ListTrainerSessions(const Principal& who, Id trainer_id,
                                                             std::optional<absl::Time> from,
                                                             std::optional<absl::Time> to,
                                                             const PageRequest& page) {
  TH_RETURN_IF_ERROR(CheckId(trainer_id, "trainer_id"));
  TH_RETURN_IF_ERROR(CheckRange(from, to));
  TH_RETURN_IF_ERROR(CheckTrainerScope(who, trainer_id));
  Page<Session> out;
  TH_RETURN_IF_ERROR(store_.Read([&](ReadView& r) -> absl::Status {
    absl::StatusOr<Trainer> trainer = r.trainers().Get(trainer_id);
    if (!trainer.ok()) return NameField(trainer.status(), "trainer_id");
    SessionFilter filter;
    filter.trainer_id = trainer_id;
    filter.from = from;
    filter.to = to;
    TH_ASSIGN_OR_RETURN(out, VisiblePage(r, who, filter, page));
    return absl::OkStatus();
  }));
  return out;
}

absl::StatusOr<Page<Session>> Schedules::ListMySessions(const Principal& who,
                                                        std::optional<absl::Time> from,
                                                        std::optional<absl::Time> to,
                                                        const PageRequest& page) {
  if (!from) from = clock_();
  TH_RETURN_IF_ERROR(CheckRange(from, to));
  SessionParties parties;
  parties.everything = who.IsAdmin();
  for (const RoleGrant& g : who.account.roles) {
    if (g.role == Role::kCoordinator) parties.organizations.push_back(g.organization_id);
  }
  parties.trainer_id = who.TrainerId();
  parties.participant_id = who.ParticipantId();
  Page<Session> out;
  TH_RETURN_IF_ERROR(store_.Read([&](ReadView& r) -> absl::Status {
    SessionFilter filter;
    filter.from = from;
    filter.to = to;
    filter.of = parties;
    TH_ASSIGN_OR_RETURN(out, VisiblePage(r, who, filter, page));
    return absl::OkStatus();
  }));
  return out;
}

absl::StatusOr<Page<Session>> Schedules::ListSessionsInRange(const Principal& who, absl::Time from,
                                                             absl::Time to, Id organization_id,
                                                             const PageRequest& page) {
  Violations v;
  if (from == absl::UnixEpoch()) v.Add("from", Msg("is required"));
  if (to == absl::UnixEpoch()) v.Add("to", Msg("is required"));
  if (organization_id < 0) v.Add("organization_id", Msg("must not be negative"));
  TH_RETURN_IF_ERROR(v.ToStatus());
  TH_RETURN_IF_ERROR(CheckRange(from, to));
  Page<Session> out;
  TH_RETURN_IF_ERROR(store_.Read([&](ReadView& r) -> absl::Status {
    SessionFilter filter;
    filter.from = from;
    filter.to = to;
    filter.organization_id = organization_id;
    TH_ASSIGN_OR_RETURN(out, VisiblePage(r, who, filter, page));
    return absl::OkStatus();
  }));
  return out;
}

absl::StatusOr<Page<Session>> Schedules::ListPendingBookings(const Principal& who, Id trainer_id,
                                                             Id organization_id,
                                                             const PageRequest& page) {
  Violations v;
  if (trainer_id < 0) v.Add("trainer_id", Msg("must not be negative"));
  if (organization_id < 0) v.Add("organization_id", Msg("must not be negative"));
  TH_RETURN_IF_ERROR(v.ToStatus());
  Page<Session> out;
  TH_RETURN_IF_ERROR(store_.Read([&](ReadView& r) -> absl::Status {
    SessionFilter filter;
    filter.trainer_id = trainer_id;
    filter.organization_id = organization_id;
    filter.pending_only = true;
    filter.skip_cancelled_series = true;
    TH_ASSIGN_OR_RETURN(out, VisiblePage(r, who, filter, page));
    return absl::OkStatus();
  }));
  return out;
}

}  // namespace trainhub::domain
