#include "api/convert_planning.h"
#include "api/organization_service.h"

#include "api/handler_util.h"

namespace trainhub::api {

grpc::Status OrganizationServiceImpl::CreateOrganization(
    grpc::ServerContext* context, const v1::CreateOrganizationRequest* request,
    v1::Organization* response) {
  TH_ADMIT(call, *context, request, v1::OrganizationService::service_full_name(),
           "CreateOrganization");
  return Reply(
      organizations_.Create(call, FromProto(request->organization()), KeyOf(call.who, *request)),
      response);
}

grpc::Status OrganizationServiceImpl::GetOrganization(grpc::ServerContext* context,
                                                      const v1::GetOrganizationRequest* request,
                                                      v1::Organization* response) {
  TH_ADMIT(call, *context, request, v1::OrganizationService::service_full_name(),
           "GetOrganization");
  return Reply(organizations_.Get(request->id()), response);
}

grpc::Status OrganizationServiceImpl::ListOrganizations(grpc::ServerContext* context,
                                                        const v1::ListOrganizationsRequest* request,
                                                        v1::ListOrganizationsResponse* response) {
  TH_ADMIT(call, *context, request, v1::OrganizationService::service_full_name(),
           "ListOrganizations");
  auto page = ReadPage(*request, request->page_size(), request->page_token());
  if (!page.ok()) return ToGrpcStatus(page.status());
  return ReplyPage(*request, organizations_.List(*page), response,
                   [](auto* r) { return r->add_organizations(); });
}

grpc::Status OrganizationServiceImpl::UpdateOrganization(
    grpc::ServerContext* context, const v1::UpdateOrganizationRequest* request,
    v1::Organization* response) {
  TH_ADMIT(call, *context, request, v1::OrganizationService::service_full_name(),
           "UpdateOrganization");
  return Reply(organizations_.Update(call, FromProto(request->organization()),
                                     MaskFromProto(request->update_mask())),
               response);
}

}  // namespace trainhub::api
