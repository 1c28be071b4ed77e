#include "api/handler_util.h"
#include "api/trainer_service.h"

namespace trainhub::api {

grpc::Status TrainerServiceImpl::CreateTrainer(grpc::ServerContext* context,
                                               const v1::CreateTrainerRequest* request,
                                               v1::Trainer* response) {
  TH_ADMIT(principal, *context, request, v1::TrainerService::service_full_name(), "CreateTrainer");
  return Reply(
      planner_.CreateTrainer(principal, FromProto(request->trainer()), KeyOf(principal, *request)),
      response);
}

grpc::Status TrainerServiceImpl::GetTrainer(grpc::ServerContext* context,
                                            const v1::GetTrainerRequest* request,
                                            v1::Trainer* response) {
  TH_ADMIT(principal, *context, request, v1::TrainerService::service_full_name(), "GetTrainer");
  return Reply(planner_.GetTrainer(principal, request->id()), response);
}

grpc::Status TrainerServiceImpl::ListTrainers(grpc::ServerContext* context,
                                              const v1::ListTrainersRequest* request,
                                              v1::ListTrainersResponse* response) {
  TH_ADMIT(principal, *context, request, v1::TrainerService::service_full_name(), "ListTrainers");
  auto page = ReadPage(*request, request->page_size(), request->page_token());
  if (!page.ok()) return ToGrpcStatus(page.status());
  return ReplyPage(*request, planner_.ListTrainers(principal, *page), response,
                   [](auto* r) { return r->add_trainers(); });
}

grpc::Status TrainerServiceImpl::UpdateTrainer(grpc::ServerContext* context,
                                               const v1::UpdateTrainerRequest* request,
                                               v1::Trainer* response) {
  TH_ADMIT(principal, *context, request, v1::TrainerService::service_full_name(), "UpdateTrainer");
  return Reply(planner_.UpdateTrainer(principal, FromProto(request->trainer()),
                                      MaskFromProto(request->update_mask())),
               response);
}

}  // namespace trainhub::api
