#ifndef TRAINHUB_SERVICES_API_ADMIN_SERVICE_H_
#define TRAINHUB_SERVICES_API_ADMIN_SERVICE_H_

// gRPC adapter: running the installation (database backups). Each handler
// admits the call (api/auth.h), calls the use case and converts the result;
// errors go through ToGrpcStatus. Handlers never throw. Thread-safe.

#include "api/auth.h"
#include "domain/maintenance.h"
#include "trainhub/v1/admin.grpc.pb.h"

namespace trainhub::api {

namespace v1 = ::trainhub::v1;

class AdminServiceImpl final : public v1::AdminService::Service {
 public:
  AdminServiceImpl(domain::Maintenance& maintenance, Authenticator& auth)
      : maintenance_(maintenance), auth_(auth) {}
  grpc::Status BackupDatabase(grpc::ServerContext*, const v1::BackupDatabaseRequest*,
                              grpc::ServerWriter<v1::FileChunk>*) override;

 private:
  domain::Maintenance& maintenance_;
  Authenticator& auth_;
};

}  // namespace trainhub::api

#endif  // TRAINHUB_SERVICES_API_ADMIN_SERVICE_H_
