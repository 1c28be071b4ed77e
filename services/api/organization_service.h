#ifndef TRAINHUB_SERVICES_API_ORGANIZATION_SERVICE_H_
#define TRAINHUB_SERVICES_API_ORGANIZATION_SERVICE_H_

// gRPC adapter: Organisations (Träger and partners).
// Each handler admits the call (api/auth.h), converts the request, calls the
// use case and converts the result; errors go through ToGrpcStatus.
// Handlers never throw. Thread-safe.

#include "api/auth.h"
#include "domain/planning/organizations.h"
#include "trainhub/v1/organization.grpc.pb.h"

namespace trainhub::api {

namespace v1 = ::trainhub::v1;

class OrganizationServiceImpl final : public v1::OrganizationService::Service {
 public:
  OrganizationServiceImpl(domain::Organizations& organizations, Authenticator& auth)
      : organizations_(organizations), auth_(auth) {}
  grpc::Status CreateOrganization(grpc::ServerContext*, const v1::CreateOrganizationRequest*,
                                  v1::Organization*) override;
  grpc::Status GetOrganization(grpc::ServerContext*, const v1::GetOrganizationRequest*,
                               v1::Organization*) override;
  grpc::Status ListOrganizations(grpc::ServerContext*, const v1::ListOrganizationsRequest*,
                                 v1::ListOrganizationsResponse*) override;
  grpc::Status UpdateOrganization(grpc::ServerContext*, const v1::UpdateOrganizationRequest*,
                                  v1::Organization*) override;

 private:
  domain::Organizations& organizations_;
  Authenticator& auth_;
};

}  // namespace trainhub::api

#endif  // TRAINHUB_SERVICES_API_ORGANIZATION_SERVICE_H_
