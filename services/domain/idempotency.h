#ifndef TRAINHUB_SERVICES_DOMAIN_IDEMPOTENCY_H_
#define TRAINHUB_SERVICES_DOMAIN_IDEMPOTENCY_H_

// Creates that a client may retry: a request_id names the attempt.

#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "domain/errors.h"
#include "domain/ports/unit_of_work.h"
#include "domain/status_macros.h"
#include "domain/validation.h"

namespace trainhub::domain {

// Identifies a client's create request: a retry with the same request_id
// and fingerprint returns the resource created first; the same request_id
// with another fingerprint is refused (ALREADY_EXISTS on "request_id").
struct RequestKey {
  std::string request_id;   // empty: not idempotent
  std::string fingerprint;  // stable digest of the request's content
  Id account_id = 0;        // request ids are scoped per account
};

// Inside a write unit (or, for a use case that must know it before its
// write, a read): the record of `key` when it was already done for
// `method` (a retry: do nothing again, answer as the first time), else
// nullopt (also without a request_id). ALREADY_EXISTS on "request_id" when
// it was recorded for another request.
inline absl::StatusOr<std::optional<RequestRecord>> AlreadyDone(ReadView& r,
                                                                absl::string_view method,
                                                                const RequestKey& key) {
  if (key.request_id.empty()) return std::optional<RequestRecord>();
  TH_ASSIGN_OR_RETURN(std::optional<RequestRecord> earlier,
                      r.requests().Find(key.account_id, key.request_id));
  if (earlier &&
      (earlier->method != method || !r.requests().SameFingerprint(*earlier, key.fingerprint))) {
    return FieldError(absl::StatusCode::kAlreadyExists, "request_id",
                      Msg("was already used for a different request"));
  }
  return earlier;
}

// Records `key` as done for `method`, naming `resource_id`; nothing
// without a request_id.
inline absl::Status MarkDone(UnitOfWork& w, absl::string_view method, const RequestKey& key,
                             Id resource_id) {
  if (key.request_id.empty()) return absl::OkStatus();
  return w.requests().Record(
      {key.account_id, key.request_id, std::string(method), key.fingerprint, resource_id});
}

// Runs `insert` once per request_id; a retry returns the first resource.
template <typename T, typename Insert, typename Fetch>
absl::StatusOr<T> CreateOnce(Store& store, absl::string_view method, const RequestKey& key,
                             Insert insert, Fetch fetch) {
  TH_RETURN_IF_ERROR(ValidateRequestId(key.request_id));
  T result;
  TH_RETURN_IF_ERROR(store.Write([&](UnitOfWork& w) -> absl::Status {
    Id id = 0;
    TH_ASSIGN_OR_RETURN(std::optional<RequestRecord> earlier, AlreadyDone(w, method, key));
    if (earlier) {
      id = earlier->resource_id;
    } else {
      TH_ASSIGN_OR_RETURN(id, insert(w));
      TH_RETURN_IF_ERROR(MarkDone(w, method, key, id));
    }
    TH_ASSIGN_OR_RETURN(result, fetch(w, id));
    return absl::OkStatus();
  }));
  return result;
}

}  // namespace trainhub::domain

#endif  // TRAINHUB_SERVICES_DOMAIN_IDEMPOTENCY_H_
