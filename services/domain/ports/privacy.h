#ifndef TRAINHUB_SERVICES_DOMAIN_PORTS_PRIVACY_H_
#define TRAINHUB_SERVICES_DOMAIN_PORTS_PRIVACY_H_

// Storage port of the GDPR rights: what is stored about one person and not
// found through the aggregates' own ports by that person.

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "domain/model.h"

namespace trainhub::domain {

class PrivacyReader {
 public:
  virtual ~PrivacyReader() = default;
  // Ids of the accounts whose roles name the participant record, ascending.
  virtual absl::StatusOr<std::vector<Id>> AccountIdsOf(Id participant_id) = 0;
  // Audit events whose object is one of `objects` (e.g. "participant/7") or
  // whose caller is one of `account_ids`, oldest first; at most `limit`
  // (the caller asks for one more than it keeps to see a cut). Reads the
  // whole audit log: for the rare requests of a person's rights only.
  virtual absl::StatusOr<std::vector<AuditEvent>> AuditEventsAbout(
      const std::vector<std::string>& objects, const std::vector<Id>& account_ids, int limit) = 0;
};

}  // namespace trainhub::domain

#endif  // TRAINHUB_SERVICES_DOMAIN_PORTS_PRIVACY_H_
