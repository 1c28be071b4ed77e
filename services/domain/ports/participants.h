#ifndef TRAINHUB_SERVICES_DOMAIN_PORTS_PARTICIPANTS_H_
#define TRAINHUB_SERVICES_DOMAIN_PORTS_PARTICIPANTS_H_

// Storage port of participants with their qualifications.

#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "domain/model.h"
#include "domain/ports/page.h"

namespace trainhub::domain {

// Participants ordered by id. `visible` limits them for a caller: records
// of `visible->organizations`, of people enrolled in series those
// organisations own or partner, or the one record `visible->participant_id`.
struct ParticipantFilter {
  Id organization_id = 0;       // 0: any
  std::string name_search_key;  // SearchKey() of a part of the name; "": any
  struct Scope {
    std::vector<Id> organizations;
    Id participant_id = 0;
  };
  std::optional<Scope> visible;  // unset: everything
};

class ParticipantReader {
 public:
  virtual ~ParticipantReader() = default;
  // NOT_FOUND for a missing id.
  virtual absl::StatusOr<Participant> Get(Id id) = 0;
  // The participant whose e-mail equals `email` per Folded(), if any.
  virtual absl::StatusOr<std::optional<Participant>> FindByEmail(absl::string_view email) = 0;
  virtual absl::StatusOr<Page<Participant>> List(const ParticipantFilter& filter,
                                                 const PageRequest& page) = 0;

  // NOT_FOUND for a missing id.
  virtual absl::StatusOr<Qualification> GetQualification(Id id) = 0;
  // All of the participant's qualifications, oldest first.
  virtual absl::StatusOr<std::vector<Qualification>> ListQualifications(Id participant_id) = 0;
};

class ParticipantWriter : public ParticipantReader {
 public:
  virtual absl::StatusOr<Id> Insert(const Participant& participant) = 0;
  virtual absl::Status Update(const Participant& participant) = 0;

  // ALREADY_EXISTS when the participant has a qualification of that title
  // (compared ignoring case and repeated white space).
  virtual absl::StatusOr<Id> InsertQualification(const Qualification& qualification) = 0;
  virtual absl::Status DeleteQualification(Id id) = 0;
};

}  // namespace trainhub::domain

#endif  // TRAINHUB_SERVICES_DOMAIN_PORTS_PARTICIPANTS_H_
