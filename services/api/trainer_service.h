#ifndef TRAINHUB_SERVICES_API_TRAINER_SERVICE_H_
#define TRAINHUB_SERVICES_API_TRAINER_SERVICE_H_

// gRPC adapter: Trainer records (referents).
// Each handler admits the call (api/auth.h), converts the request, calls the
// use case and converts the result; errors go through ToGrpcStatus.
// Handlers never throw. Thread-safe.

#include "api/auth.h"
#include "domain/planning/trainers.h"
#include "trainhub/v1/trainer.grpc.pb.h"

namespace trainhub::api {

namespace v1 = ::trainhub::v1;

class TrainerServiceImpl final : public v1::TrainerService::Service {
 public:
  TrainerServiceImpl(domain::Trainers& trainers, Authenticator& auth)
      : trainers_(trainers), auth_(auth) {}
  grpc::Status CreateTrainer(grpc::ServerContext*, const v1::CreateTrainerRequest*,
                             v1::Trainer*) override;
  grpc::Status GetTrainer(grpc::ServerContext*, const v1::GetTrainerRequest*,
                          v1::Trainer*) override;
  grpc::Status ListTrainers(grpc::ServerContext*, const v1::ListTrainersRequest*,
                            v1::ListTrainersResponse*) override;
  grpc::Status UpdateTrainer(grpc::ServerContext*, const v1::UpdateTrainerRequest*,
                             v1::Trainer*) override;

 private:
  domain::Trainers& trainers_;
  Authenticator& auth_;
};

}  // namespace trainhub::api

#endif  // TRAINHUB_SERVICES_API_TRAINER_SERVICE_H_
