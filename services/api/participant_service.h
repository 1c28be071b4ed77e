#ifndef TRAINHUB_SERVICES_API_PARTICIPANT_SERVICE_H_
#define TRAINHUB_SERVICES_API_PARTICIPANT_SERVICE_H_

// gRPC adapter: Participant records, their qualifications, and CSV imports.
// Each handler admits the call (api/auth.h), converts the request, calls the
// use case and converts the result; errors go through ToGrpcStatus.
// Handlers never throw. Thread-safe.

#include "api/auth.h"
#include "domain/enrolment/participant_import.h"
#include "domain/enrolment/participants.h"
#include "trainhub/v1/participant.grpc.pb.h"

namespace trainhub::api {

namespace v1 = ::trainhub::v1;

class ParticipantServiceImpl final : public v1::ParticipantService::Service {
 public:
  ParticipantServiceImpl(domain::Participants& participants, domain::ParticipantImport& import,
                         Authenticator& auth)
      : participants_(participants), import_(import), auth_(auth) {}
  grpc::Status CreateParticipant(grpc::ServerContext*, const v1::CreateParticipantRequest*,
                                 v1::Participant*) override;
  grpc::Status GetParticipant(grpc::ServerContext*, const v1::GetParticipantRequest*,
                              v1::Participant*) override;
  grpc::Status ListParticipants(grpc::ServerContext*, const v1::ListParticipantsRequest*,
                                v1::ListParticipantsResponse*) override;
  grpc::Status UpdateParticipant(grpc::ServerContext*, const v1::UpdateParticipantRequest*,
                                 v1::Participant*) override;
  grpc::Status ImportParticipants(grpc::ServerContext*, const v1::ImportParticipantsRequest*,
                                  v1::ImportParticipantsResponse*) override;
  grpc::Status RecordQualification(grpc::ServerContext*, const v1::RecordQualificationRequest*,
                                   v1::Qualification*) override;
  grpc::Status ListQualifications(grpc::ServerContext*, const v1::ListQualificationsRequest*,
                                  v1::ListQualificationsResponse*) override;
  grpc::Status DeleteQualification(grpc::ServerContext*, const v1::DeleteQualificationRequest*,
                                   v1::DeleteQualificationResponse*) override;

 private:
  domain::Participants& participants_;
  domain::ParticipantImport& import_;
  Authenticator& auth_;
};

}  // namespace trainhub::api

#endif  // TRAINHUB_SERVICES_API_PARTICIPANT_SERVICE_H_
