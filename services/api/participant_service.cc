#include "api/handler_util.h"
#include "api/services.h"

namespace trainhub::api {

grpc::Status ParticipantServiceImpl::CreateParticipant(grpc::ServerContext* context,
                                                       const v1::CreateParticipantRequest* request,
                                                       v1::Participant* response) {
  TH_ADMIT(principal, *context, request, v1::ParticipantService::service_full_name(),
           "CreateParticipant");
  return Reply(participants_.Create(principal, FromProto(request->participant()), KeyOf(*request)),
               response);
}

grpc::Status ParticipantServiceImpl::GetParticipant(grpc::ServerContext* context,
                                                    const v1::GetParticipantRequest* request,
                                                    v1::Participant* response) {
  TH_ADMIT(principal, *context, request, v1::ParticipantService::service_full_name(),
           "GetParticipant");
  return Reply(participants_.Get(principal, request->id()), response);
}

grpc::Status ParticipantServiceImpl::ListParticipants(grpc::ServerContext* context,
                                                      const v1::ListParticipantsRequest* request,
                                                      v1::ListParticipantsResponse* response) {
  TH_ADMIT(principal, *context, request, v1::ParticipantService::service_full_name(),
           "ListParticipants");
  auto page = ReadPage(*request, request->page_size(), request->page_token());
  if (!page.ok()) return ToGrpcStatus(page.status());
  return ReplyPage(*request, participants_.List(principal, request->organization_id(), *page),
                   response, [](auto* r) { return r->add_participants(); });
}

grpc::Status ParticipantServiceImpl::UpdateParticipant(grpc::ServerContext* context,
                                                       const v1::UpdateParticipantRequest* request,
                                                       v1::Participant* response) {
  TH_ADMIT(principal, *context, request, v1::ParticipantService::service_full_name(),
           "UpdateParticipant");
  return Reply(participants_.Update(principal, FromProto(request->participant()),
                                    MaskFromProto(request->update_mask())),
               response);
}

}  // namespace trainhub::api
