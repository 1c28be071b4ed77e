#ifndef TRAINHUB_SERVICES_DOMAIN_ENROLMENT_PARTICIPANTS_H_
#define TRAINHUB_SERVICES_DOMAIN_ENROLMENT_PARTICIPANTS_H_

// Participant person records. Admins keep all; a coordinator keeps the
// records of their organisations and sees those of people enrolled in series
// their organisations own or partner; a participant sees their own linked
// record. Thread-safe.

#include <functional>

#include "absl/status/statusor.h"
#include "absl/time/clock.h"
#include "domain/field_mask.h"
#include "domain/idempotency.h"
#include "domain/model.h"
#include "domain/ports/unit_of_work.h"
#include "domain/principal.h"
#include "domain/request_context.h"

namespace trainhub::domain {

class Participants {
 public:
  using Clock = std::function<absl::Time()>;
  // `store` must outlive this object.
  explicit Participants(
      Store& store, Clock clock = [] { return absl::Now(); });

  // E-mail, when given, is unique ignoring case (ALREADY_EXISTS).
  absl::StatusOr<Participant> Create(const RequestContext& ctx, Participant participant,
                                     const RequestKey& key);
  // PERMISSION_DENIED for records the caller may not see, also missing ones
  // (admins get NOT_FOUND).
  absl::StatusOr<Participant> Get(const Principal& who, Id id);
  // Only records the caller may see; `organization_id` 0: any. `name`, when
  // not empty, keeps records whose name contains it ignoring case and
  // accents ("celik" finds "Çelik").
  absl::StatusOr<Page<Participant>> List(const Principal& who, Id organization_id,
                                         absl::string_view name, const PageRequest& page);
  // Paths: display_name, email, organization_id, target_groups,
  // training_start; training_year (deprecated: the year as of today, stored
  // as a start of training, TrainingStartForYear).
  absl::StatusOr<Participant> Update(const RequestContext& ctx, const Participant& patch,
                                     const UpdateMask& mask);

  // Records an earlier qualification (e.g. a course from before trainhub);
  // only those who keep the record. ALREADY_EXISTS when the participant
  // holds one of that title (ignoring case and repeated white space).
  absl::StatusOr<Qualification> RecordQualification(const RequestContext& ctx,
                                                    Qualification qualification,
                                                    const RequestKey& key);
  // Whoever may see the record.
  absl::StatusOr<std::vector<Qualification>> ListQualifications(const Principal& who,
                                                                Id participant_id);
  // Only those who keep the record; for qualifications recorded in error.
  absl::Status DeleteQualification(const RequestContext& ctx, Id participant_id,
                                   Id qualification_id, const RequestKey& key);

 private:
  Store& store_;
  Clock clock_;
};

}  // namespace trainhub::domain

#endif  // TRAINHUB_SERVICES_DOMAIN_ENROLMENT_PARTICIPANTS_H_
