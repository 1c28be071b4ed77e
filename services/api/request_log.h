#ifndef TRAINHUB_SERVICES_API_REQUEST_LOG_H_
#define TRAINHUB_SERVICES_API_REQUEST_LOG_H_

#include <grpcpp/support/server_interceptor.h>

namespace trainhub::api {

// Logs one line per finished RPC at info level: method, status code,
// duration, and for rejected input the names of the offending fields.
// Never logs request contents or messages (they may hold personal data).
class RequestLogFactory
    : public grpc::experimental::ServerInterceptorFactoryInterface {
 public:
  grpc::experimental::Interceptor* CreateServerInterceptor(
      grpc::experimental::ServerRpcInfo* info) override;
};

}  // namespace trainhub::api

#endif  // TRAINHUB_SERVICES_API_REQUEST_LOG_H_
