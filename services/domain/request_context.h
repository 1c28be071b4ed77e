#ifndef TRAINHUB_SERVICES_DOMAIN_REQUEST_CONTEXT_H_
#define TRAINHUB_SERVICES_DOMAIN_REQUEST_CONTEXT_H_

// One call of a use case that changes data: who makes it and, for the
// audit log, through which RPC, with which request id, from where. The API
// builds it per call; use cases pass it on explicitly (there is no ambient
// or thread-local state).

#include <string>
#include <utility>

#include "domain/principal.h"

namespace trainhub::domain {

struct RequestContext {
  // An in-process call (a tool, a test): the principal alone, recorded in
  // the audit log without RPC and peer.
  RequestContext(const Principal& who) : who(who) {}  // NOLINT(google-explicit-constructor)
  RequestContext(Principal who, std::string method, std::string request_id, std::string peer)
      : who(std::move(who)),
        method(std::move(method)),
        request_id(std::move(request_id)),
        peer(std::move(peer)) {}

  Principal who;
  std::string method;      // "trainhub.v1.SeriesService/CreateSeries"; "" in-process
  std::string request_id;  // the client's request_id, if the request has one
  std::string peer;        // the client's address without port; "" in-process
};

}  // namespace trainhub::domain

#endif  // TRAINHUB_SERVICES_DOMAIN_REQUEST_CONTEXT_H_
