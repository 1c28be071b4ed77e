#ifndef TRAINHUB_SERVICES_DOMAIN_IDEMPOTENCY_H_
#define TRAINHUB_SERVICES_DOMAIN_IDEMPOTENCY_H_

// Creates that a client may retry: a request_id names the attempt.

#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "domain/errors.h"
#include "domain/repository.h"
#include "domain/status_macros.h"
#include "domain/validation.h"

namespace trainhub::domain {

// Identifies a client's create request: a retry with the same request_id
// and fingerprint returns the resource created first; the same request_id
// with another fingerprint is refused (ALREADY_EXISTS on "request_id").
struct RequestKey {
  std::string request_id;   // empty: not idempotent
  std::string fingerprint;  // stable digest of the request's content
};

// Runs `insert` once per request_id; a retry returns the first resource.
template <typename T, typename Insert, typename Fetch>
absl::StatusOr<T> CreateOnce(Store& store, absl::string_view method, const RequestKey& key,
                             Insert insert, Fetch fetch) {
  TH_RETURN_IF_ERROR(ValidateRequestId(key.request_id));
  T result;
  TH_RETURN_IF_ERROR(store.Write([&](StoreWriter& w) -> absl::Status {
    Id id = 0;
    if (!key.request_id.empty()) {
      TH_ASSIGN_OR_RETURN(std::optional<RequestRecord> earlier, w.FindRequest(key.request_id));
      if (earlier) {
        if (earlier->method != method || earlier->fingerprint != key.fingerprint) {
          return FieldError(absl::StatusCode::kAlreadyExists, "request_id",
                            "was already used for a different request");
        }
        id = earlier->resource_id;
      }
    }
    if (id == 0) {
      TH_ASSIGN_OR_RETURN(id, insert(w));
      if (!key.request_id.empty()) {
        TH_RETURN_IF_ERROR(
            w.RecordRequest({key.request_id, std::string(method), key.fingerprint, id}));
      }
    }
    TH_ASSIGN_OR_RETURN(result, fetch(w, id));
    return absl::OkStatus();
  }));
  return result;
}

}  // namespace trainhub::domain

#endif  // TRAINHUB_SERVICES_DOMAIN_IDEMPOTENCY_H_
