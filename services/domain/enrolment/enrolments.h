#ifndef TRAINHUB_SERVICES_DOMAIN_ENROLMENT_ENROLMENTS_H_
#define TRAINHUB_SERVICES_DOMAIN_ENROLMENT_ENROLMENTS_H_

// Enrolment in whole series: capacity, the waiting list in arrival order
// with automatic promotion, approval, binding confirmation, the enrolment
// window and eligibility. Every change of state is kept in the enrolment's
// history. Thread-safe: state lives in the Store, and each use case runs in
// one write unit, so concurrent requests never give out more seats than
// the series has.

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/clock.h"
#include "domain/audit_trail.h"
#include "domain/enrolment/enrolment_rules.h"
#include "domain/idempotency.h"
#include "domain/model.h"
#include "domain/ports/unit_of_work.h"
#include "domain/principal.h"
#include "domain/request_context.h"

namespace trainhub::domain {

// Who enrols as a group: the participants named, or all participants of
// an organisation, optionally of one target group and training year.
struct Cohort {
  std::vector<Id> participant_ids;
  Id organization_id = 0;
  TargetGroup target_group = TargetGroup::kUnspecified;  // unspecified: any
  // Apprentices in this training year on the series' first day (today when
  // it has no sessions yet); 0: any.
  int training_year = 0;
};

struct EnrolmentQuery {
  Id series_id = 0;                    // 0: any the caller may see
  Id participant_id = 0;               // 0: any the caller may see
  std::vector<EnrolmentState> states;  // empty: any
  // Only active enrolments whose person lacks a qualification the series
  // requires (e.g. after their Zertifikat was revoked); coordinators only.
  bool requirement_unmet_only = false;
};

struct ReleaseResult {
  std::vector<Enrolment> released;
  std::vector<Enrolment> promoted;
};

// Admins may do everything. Coordinators who plan a series (domain/
// principal.h) enrol anyone, approve, reject, confirm for, withdraw and
// release; coordinators of partners read. A participant requests, confirms
// and withdraws their own enrolments (their account's linked record) and
// sees only those; a trainer sees the seat holders of series they teach.
class Enrolments {
 public:
  using Clock = std::function<absl::Time()>;
  // `store` must outlive this object.
  explicit Enrolments(
      Store& store, Clock clock = [] { return absl::Now(); });

  // Enrols `participant_id` (0: the caller's own record) in the series.
  // Participants may request only while the series is open for enrolment
  // and before its enrolment deadline; their requests wait for approval
  // when the series asks for it. Refused (FAILED_PRECONDITION) for a
  // cancelled or completed series and for participants outside the target
  // groups, unless a coordinator sets `override_eligibility`, or without the
  // required qualification. ALREADY_EXISTS when already enrolled.
  absl::StatusOr<Enrolment> Request(const RequestContext& ctx, Id series_id, Id participant_id,
                                    bool override_eligibility, std::string note,
                                    const RequestKey& key);
  // Enrols every participant of the cohort who is not enrolled yet, in
  // participant id order, all or none. Returns the enrolments of the whole
  // cohort, the earlier ones included.
  absl::StatusOr<std::vector<Enrolment>> EnrolCohort(const RequestContext& ctx, Id series_id,
                                                     const Cohort& cohort,
                                                     bool override_eligibility,
                                                     const RequestKey& key);
  // PENDING_APPROVAL -> a seat or the waiting list.
  absl::StatusOr<Enrolment> Approve(const RequestContext& ctx, Id id, const RequestKey& key);
  // PENDING_APPROVAL -> REJECTED.
  absl::StatusOr<Enrolment> Reject(const RequestContext& ctx, Id id, std::string reason,
                                   const RequestKey& key);
  // ENROLLED -> CONFIRMED, in series that require confirmation.
  absl::StatusOr<Enrolment> Confirm(const RequestContext& ctx, Id id, const RequestKey& key);
  // Any active state -> WITHDRAWN; a freed seat goes to the waiting list.
  absl::StatusOr<Enrolment> Withdraw(const RequestContext& ctx, Id id, std::string reason,
                                     const RequestKey& key);
  // After the confirmation deadline: seats given before it and still
  // unconfirmed -> RELEASED, then the waiting list moves up.
  absl::StatusOr<ReleaseResult> ReleaseUnconfirmed(const RequestContext& ctx, Id series_id,
                                                   std::string reason, const RequestKey& key);

  // Coordinators of the series and admins also get `note` and, for an
  // enrolment whose person lacks the qualification the series requires,
  // `requirement_unmet` (the reason, naming a revoked Zertifikat that had
  // given it). Nothing is withdrawn because of it.
  absl::StatusOr<Enrolment> Get(const Principal& who, Id id);
  absl::StatusOr<Page<Enrolment>> List(const Principal& who, const EnrolmentQuery& query,
                                       const PageRequest& page);
  absl::StatusOr<Page<EnrolmentChange>> History(const Principal& who, Id id,
                                                const PageRequest& page);

 private:
  Store& store_;
  Clock clock_;
};

}  // namespace trainhub::domain

#endif  // TRAINHUB_SERVICES_DOMAIN_ENROLMENT_ENROLMENTS_H_
