#ifndef TRAINHUB_SERVICES_DOMAIN_IDEMPOTENCY_H_
#define TRAINHUB_SERVICES_DOMAIN_IDEMPOTENCY_H_

// Writes that a client may retry: a request_id names the attempt.

#include <optional>
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

// Whether `key` was already done for `method`: its record when this is a
// retry (answer as the first time, do nothing again), else nullopt (also
// without a request_id). ALREADY_EXISTS on "request_id" when it was recorded
// for another request. Writes use OncePerRequest; this alone is for a use
// case that must know it before its write (in a read).
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

// The replay of a write whose answer is read afresh after OncePerRequest
// (the same for a first request and its retries): nothing to do.
inline absl::Status NothingToReplay(const RequestRecord&) { return absl::OkStatus(); }

// The one shape of a write a client may retry: every use case that takes a
// RequestKey runs its change through it. Call it inside the write unit `w`,
// after the checks a retry must pass as well (who may act on what), before
// anything the request changes:
// - `key` was recorded for `method` with the same fingerprint (a retry):
//   `replay(earlier)` answers as the first request was answered (from
//   earlier.resource_id, or by reading the state) and changes nothing;
// - `key` was recorded for another request: ALREADY_EXISTS on "request_id",
//   and neither function runs;
// - else (a first request, or one without a request_id): `first()` does
//   what the request asks and returns (as absl::StatusOr) the id its
//   retries are answered from, recorded with the request id in the same
//   unit. It may return a std::optional<Id> instead: nullopt when it
//   changed nothing, so the request id stays unrecorded (a retry runs
//   afresh, and the id stays free for another request).
// Returns the error of either function as it is; the unit then keeps
// nothing. The request id itself is checked before the write
// (ValidateRequestId).
template <typename Replay, typename First>
absl::Status OncePerRequest(UnitOfWork& w, absl::string_view method, const RequestKey& key,
                            Replay replay, First first) {
  TH_ASSIGN_OR_RETURN(std::optional<RequestRecord> earlier, AlreadyDone(w, method, key));
  if (earlier) return replay(*earlier);
  auto done = first();
  TH_RETURN_IF_ERROR(done.status());
  std::optional<Id> resource_id = *std::move(done);
  if (!resource_id || key.request_id.empty()) return absl::OkStatus();
  return w.requests().Record(
      {key.account_id, key.request_id, std::string(method), key.fingerprint, *resource_id});
}

// A write unit that creates one resource once per request_id: `insert(w)`
// creates it and returns its id; `fetch(w, id)` reads what the request
// answers, for the first request and its retries alike.
template <typename T, typename Insert, typename Fetch>
absl::StatusOr<T> CreateOnce(Store& store, absl::string_view method, const RequestKey& key,
                             Insert insert, Fetch fetch) {
  TH_RETURN_IF_ERROR(ValidateRequestId(key.request_id));
  T result;
  TH_RETURN_IF_ERROR(store.Write([&](UnitOfWork& w) -> absl::Status {
    Id id = 0;
    TH_RETURN_IF_ERROR(OncePerRequest(
        w, method, key,
        [&](const RequestRecord& earlier) {
          id = earlier.resource_id;
          return absl::OkStatus();
        },
        [&]() -> absl::StatusOr<Id> {
          TH_ASSIGN_OR_RETURN(id, insert(w));
          return id;
        }));
    TH_ASSIGN_OR_RETURN(result, fetch(w, id));
    return absl::OkStatus();
  }));
  return result;
}

}  // namespace trainhub::domain

#endif  // TRAINHUB_SERVICES_DOMAIN_IDEMPOTENCY_H_
