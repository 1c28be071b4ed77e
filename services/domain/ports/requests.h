#ifndef TRAINHUB_SERVICES_DOMAIN_PORTS_REQUESTS_H_
#define TRAINHUB_SERVICES_DOMAIN_PORTS_REQUESTS_H_

// Storage port of the installation's own records: which resource a client's
// request_id created (idempotency), and the installation's identity.

#include <optional>
#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "domain/model.h"

namespace trainhub::domain {

// Remembers which resource a client's request_id created.
struct RequestRecord {
  Id account_id = 0;  // request ids are scoped per account
  std::string request_id;
  std::string method;
  // RequestKey::fingerprint when recorded; as Find returns it, the form the
  // store keeps (see SameFingerprint).
  std::string fingerprint;
  Id resource_id = 0;
};

class RequestReader {
 public:
  virtual ~RequestReader() = default;
  virtual absl::StatusOr<std::optional<RequestRecord>> Find(Id account_id,
                                                            absl::string_view request_id) = 0;
  // Whether `fingerprint` (RequestKey::fingerprint) is the one `stored`
  // (from Find) was recorded with. Stores keep fingerprints keyed with a
  // secret of the installation, so that the stored form alone cannot
  // confirm a guessed request (a name, an e-mail address).
  virtual bool SameFingerprint(const RequestRecord& stored, absl::string_view fingerprint) = 0;
};

class RequestWriter : public RequestReader {
 public:
  virtual absl::Status Record(const RequestRecord& record) = 0;
};

class InstallationReader {
 public:
  virtual ~InstallationReader() = default;
  // The domain that makes this installation's calendar UIDs unique.
  virtual absl::StatusOr<std::string> UidDomain() = 0;
};

}  // namespace trainhub::domain

#endif  // TRAINHUB_SERVICES_DOMAIN_PORTS_REQUESTS_H_
