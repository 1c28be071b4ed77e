#include "api/convert_planning.h"
#include "api/trainer_service.h"

#include "api/handler_util.h"

namespace trainhub::api {

grpc::Status TrainerServiceImpl::CreateTrainer(grpc::ServerContext* context,
                                               const v1::CreateTrainerRequest* request,
                                               v1::Trainer* response) {
  TH_ADMIT(call, *context, request, v1::TrainerService::service_full_name(), "CreateTrainer");
  return Reply(trainers_.Create(call, FromProto(request->trainer()), KeyOf(call.who, *request)),
               response);
}

grpc::Status TrainerServiceImpl::GetTrainer(grpc::ServerContext* context,
                                            const v1::GetTrainerRequest* request,
                                            v1::Trainer* response) {
  TH_ADMIT(call, *context, request, v1::TrainerService::service_full_name(), "GetTrainer");
  return Reply(trainers_.Get(call.who, request->id()), response);
}

grpc::Status TrainerServiceImpl::ListTrainers(grpc::ServerContext* context,
                                              const v1::ListTrainersRequest* request,
                                              v1::ListTrainersResponse* response) {
  TH_ADMIT(call, *context, request, v1::TrainerService::service_full_name(), "ListTrainers");
  auto page = ReadPage(*request, request->page_size(), request->page_token());
  if (!page.ok()) return ToGrpcStatus(page.status());
  return ReplyPage(*request, trainers_.List(*page), response,
                   [](auto* r) { return r->add_trainers(); });
}

grpc::Status TrainerServiceImpl::UpdateTrainer(grpc::ServerContext* context,
                                               const v1::UpdateTrainerRequest* request,
                                               v1::Trainer* response) {
  TH_ADMIT(call, *context, request, v1::TrainerService::service_full_name(), "UpdateTrainer");
  return Reply(
      trainers_.Update(call, FromProto(request->trainer()), MaskFromProto(request->update_mask())),
      response);
}

}  // namespace trainhub::api
