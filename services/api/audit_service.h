#ifndef TRAINHUB_SERVICES_API_AUDIT_SERVICE_H_
#define TRAINHUB_SERVICES_API_AUDIT_SERVICE_H_

// gRPC adapter: The audit log, newest first (admins all, coordinators their organisations' part).
// Each handler admits the call (api/auth.h), converts the request, calls the
// use case and converts the result; errors go through ToGrpcStatus.
// Handlers never throw. Thread-safe.

#include "api/auth.h"
#include "domain/accounts/audit.h"
#include "trainhub/v1/audit.grpc.pb.h"

namespace trainhub::api {

namespace v1 = ::trainhub::v1;

class AuditServiceImpl final : public v1::AuditService::Service {
 public:
  AuditServiceImpl(domain::AuditLog& audit, Authenticator& auth) : audit_(audit), auth_(auth) {}
  grpc::Status ListAuditEvents(grpc::ServerContext*, const v1::ListAuditEventsRequest*,
                               v1::ListAuditEventsResponse*) override;
  grpc::Status VerifyAuditLog(grpc::ServerContext*, const v1::VerifyAuditLogRequest*,
                              v1::AuditLogVerification*) override;

 private:
  domain::AuditLog& audit_;
  Authenticator& auth_;
};

}  // namespace trainhub::api

#endif  // TRAINHUB_SERVICES_API_AUDIT_SERVICE_H_
