#ifndef TRAINHUB_SERVICES_API_REQUEST_LOG_H_
#define TRAINHUB_SERVICES_API_REQUEST_LOG_H_

#include <grpcpp/support/server_interceptor.h>

#include <atomic>
#include <functional>
#include <string>
#include <utility>

#include "domain/accounts/accounts.h"
#include "domain/accounts/audit.h"

namespace trainhub::api {

// The canonical name of a gRPC status code ("OK", "NOT_FOUND"); "?" for
// codes outside the canonical ones.
const char* StatusCodeName(grpc::StatusCode code);

// Told of every finished RPC: its method, status and duration. Called on
// gRPC's threads; must be thread-safe.
using RpcObserver =
    std::function<void(const std::string& method, grpc::StatusCode code, double seconds)>;

// Logs one line per finished RPC at info level: method, status code,
// duration, and for rejected input the names of the offending fields.
// Never logs request contents or messages (they may hold personal data).
// Calls refused with UNAUTHENTICATED or PERMISSION_DENIED also go to the
// audit log, with the caller's account when the token identifies one.
class RequestLogFactory : public grpc::experimental::ServerInterceptorFactoryInterface {
 public:
  // Both must outlive the server.
  RequestLogFactory(domain::Accounts& accounts, domain::AuditLog& audit,
                    RpcObserver observer = nullptr)
      : accounts_(accounts), audit_(audit), observer_(std::move(observer)) {}
  grpc::experimental::Interceptor* CreateServerInterceptor(
      grpc::experimental::ServerRpcInfo* info) override;

  // Calls that have started and not finished yet (any service).
  int active_calls() const { return active_calls_; }

 private:
  domain::Accounts& accounts_;
  domain::AuditLog& audit_;
  RpcObserver observer_;
  std::atomic<int> active_calls_{0};
};

}  // namespace trainhub::api

#endif  // TRAINHUB_SERVICES_API_REQUEST_LOG_H_
