#ifndef TRAINHUB_SERVICES_API_PRIVACY_SERVICE_H_
#define TRAINHUB_SERVICES_API_PRIVACY_SERVICE_H_

// gRPC adapter: the GDPR rights of a person (domain/privacy/privacy.h).
// Each handler admits the call (api/auth.h), converts the request, calls the
// use case and converts the result; errors go through ToGrpcStatus.
// Handlers never throw. Thread-safe.

#include "api/auth.h"
#include "domain/privacy/privacy.h"
#include "trainhub/v1/privacy.grpc.pb.h"

namespace trainhub::api {

namespace v1 = ::trainhub::v1;

class PrivacyServiceImpl final : public v1::PrivacyService::Service {
 public:
  PrivacyServiceImpl(domain::Privacy& privacy, Authenticator& auth)
      : privacy_(privacy), auth_(auth) {}
  grpc::Status ExportPersonalData(grpc::ServerContext*, const v1::ExportPersonalDataRequest*,
                                  grpc::ServerWriter<v1::FileChunk>*) override;
  grpc::Status ErasePersonalData(grpc::ServerContext*, const v1::ErasePersonalDataRequest*,
                                 v1::ErasePersonalDataResponse*) override;
  grpc::Status ListErasureDue(grpc::ServerContext*, const v1::ListErasureDueRequest*,
                              v1::ListErasureDueResponse*) override;

 private:
  domain::Privacy& privacy_;
  Authenticator& auth_;
};

}  // namespace trainhub::api

#endif  // TRAINHUB_SERVICES_API_PRIVACY_SERVICE_H_
