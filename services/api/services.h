#ifndef TRAINHUB_SERVICES_API_SERVICES_H_
#define TRAINHUB_SERVICES_API_SERVICES_H_

// gRPC adapters of the planning use cases. Each handler converts the
// request, calls domain::Planner and converts the result; errors go
// through ToGrpcStatus. Handlers never throw. Thread-safe.

#include "api/auth.h"
#include "domain/accounts.h"
#include "domain/audit.h"
#include "domain/enrolments.h"
#include "domain/participant_import.h"
#include "domain/participants.h"
#include "domain/planner.h"
#include "trainhub/v1/account.grpc.pb.h"
#include "trainhub/v1/audit.grpc.pb.h"
#include "trainhub/v1/enrolment.grpc.pb.h"
#include "trainhub/v1/organization.grpc.pb.h"
#include "trainhub/v1/participant.grpc.pb.h"
#include "trainhub/v1/schedule.grpc.pb.h"
#include "trainhub/v1/series.grpc.pb.h"
#include "trainhub/v1/trainer.grpc.pb.h"

namespace trainhub::api {

namespace v1 = ::trainhub::v1;

class AccountServiceImpl final : public v1::AccountService::Service {
 public:
  AccountServiceImpl(domain::Accounts& accounts, domain::AuditLog& audit, Authenticator& auth)
      : accounts_(accounts), audit_(audit), auth_(auth) {}
  grpc::Status Login(grpc::ServerContext*, const v1::LoginRequest*, v1::LoginResponse*) override;
  grpc::Status Logout(grpc::ServerContext*, const v1::LogoutRequest*, v1::LogoutResponse*) override;
  grpc::Status GetCurrentAccount(grpc::ServerContext*, const v1::GetCurrentAccountRequest*,
                                 v1::Account*) override;
  grpc::Status CreateAccount(grpc::ServerContext*, const v1::CreateAccountRequest*,
                             v1::Account*) override;
  grpc::Status ListAccounts(grpc::ServerContext*, const v1::ListAccountsRequest*,
                            v1::ListAccountsResponse*) override;
  grpc::Status RevokeTokens(grpc::ServerContext*, const v1::RevokeTokensRequest*,
                            v1::RevokeTokensResponse*) override;

 private:
  domain::Accounts& accounts_;
  domain::AuditLog& audit_;
  Authenticator& auth_;
};

class AuditServiceImpl final : public v1::AuditService::Service {
 public:
  AuditServiceImpl(domain::AuditLog& audit, Authenticator& auth) : audit_(audit), auth_(auth) {}
  grpc::Status ListAuditEvents(grpc::ServerContext*, const v1::ListAuditEventsRequest*,
                               v1::ListAuditEventsResponse*) override;

 private:
  domain::AuditLog& audit_;
  Authenticator& auth_;
};

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

class EnrolmentServiceImpl final : public v1::EnrolmentService::Service {
 public:
  EnrolmentServiceImpl(domain::Enrolments& enrolments, Authenticator& auth)
      : enrolments_(enrolments), auth_(auth) {}
  grpc::Status RequestEnrolment(grpc::ServerContext*, const v1::RequestEnrolmentRequest*,
                                v1::Enrolment*) override;
  grpc::Status EnrolCohort(grpc::ServerContext*, const v1::EnrolCohortRequest*,
                           v1::EnrolCohortResponse*) override;
  grpc::Status GetEnrolment(grpc::ServerContext*, const v1::GetEnrolmentRequest*,
                            v1::Enrolment*) override;
  grpc::Status ListEnrolments(grpc::ServerContext*, const v1::ListEnrolmentsRequest*,
                              v1::ListEnrolmentsResponse*) override;
  grpc::Status ListEnrolmentHistory(grpc::ServerContext*, const v1::ListEnrolmentHistoryRequest*,
                                    v1::ListEnrolmentHistoryResponse*) override;
  grpc::Status ApproveEnrolment(grpc::ServerContext*, const v1::ApproveEnrolmentRequest*,
                                v1::Enrolment*) override;
  grpc::Status RejectEnrolment(grpc::ServerContext*, const v1::RejectEnrolmentRequest*,
                               v1::Enrolment*) override;
  grpc::Status ConfirmEnrolment(grpc::ServerContext*, const v1::ConfirmEnrolmentRequest*,
                                v1::Enrolment*) override;
  grpc::Status WithdrawEnrolment(grpc::ServerContext*, const v1::WithdrawEnrolmentRequest*,
                                 v1::Enrolment*) override;
  grpc::Status ReleaseUnconfirmedSeats(grpc::ServerContext*,
                                       const v1::ReleaseUnconfirmedSeatsRequest*,
                                       v1::ReleaseUnconfirmedSeatsResponse*) override;

 private:
  domain::Enrolments& enrolments_;
  Authenticator& auth_;
};

class OrganizationServiceImpl final : public v1::OrganizationService::Service {
 public:
  OrganizationServiceImpl(domain::Planner& planner, Authenticator& auth)
      : planner_(planner), auth_(auth) {}
  grpc::Status CreateOrganization(grpc::ServerContext*, const v1::CreateOrganizationRequest*,
                                  v1::Organization*) override;
  grpc::Status GetOrganization(grpc::ServerContext*, const v1::GetOrganizationRequest*,
                               v1::Organization*) override;
  grpc::Status ListOrganizations(grpc::ServerContext*, const v1::ListOrganizationsRequest*,
                                 v1::ListOrganizationsResponse*) override;
  grpc::Status UpdateOrganization(grpc::ServerContext*, const v1::UpdateOrganizationRequest*,
                                  v1::Organization*) override;

 private:
  domain::Planner& planner_;
  Authenticator& auth_;
};

class TrainerServiceImpl final : public v1::TrainerService::Service {
 public:
  TrainerServiceImpl(domain::Planner& planner, Authenticator& auth)
      : planner_(planner), auth_(auth) {}
  grpc::Status CreateTrainer(grpc::ServerContext*, const v1::CreateTrainerRequest*,
                             v1::Trainer*) override;
  grpc::Status GetTrainer(grpc::ServerContext*, const v1::GetTrainerRequest*,
                          v1::Trainer*) override;
  grpc::Status ListTrainers(grpc::ServerContext*, const v1::ListTrainersRequest*,
                            v1::ListTrainersResponse*) override;
  grpc::Status UpdateTrainer(grpc::ServerContext*, const v1::UpdateTrainerRequest*,
                             v1::Trainer*) override;

 private:
  domain::Planner& planner_;
  Authenticator& auth_;
};

class SeriesServiceImpl final : public v1::SeriesService::Service {
 public:
  SeriesServiceImpl(domain::Planner& planner, Authenticator& auth)
      : planner_(planner), auth_(auth) {}
  grpc::Status CreateSeries(grpc::ServerContext*, const v1::CreateSeriesRequest*,
                            v1::Series*) override;
  grpc::Status GetSeries(grpc::ServerContext*, const v1::GetSeriesRequest*, v1::Series*) override;
  grpc::Status ListSeries(grpc::ServerContext*, const v1::ListSeriesRequest*,
                          v1::ListSeriesResponse*) override;
  grpc::Status UpdateSeries(grpc::ServerContext*, const v1::UpdateSeriesRequest*,
                            v1::Series*) override;
  grpc::Status CancelSeries(grpc::ServerContext*, const v1::CancelSeriesRequest*,
                            v1::Series*) override;
  grpc::Status DeleteSeries(grpc::ServerContext*, const v1::DeleteSeriesRequest*,
                            v1::DeleteSeriesResponse*) override;
  grpc::Status CreateModule(grpc::ServerContext*, const v1::CreateModuleRequest*,
                            v1::Module*) override;
  grpc::Status ListModules(grpc::ServerContext*, const v1::ListModulesRequest*,
                           v1::ListModulesResponse*) override;
  grpc::Status UpdateModule(grpc::ServerContext*, const v1::UpdateModuleRequest*,
                            v1::Module*) override;
  grpc::Status MoveModule(grpc::ServerContext*, const v1::MoveModuleRequest*,
                          v1::ListModulesResponse*) override;
  grpc::Status DeleteModule(grpc::ServerContext*, const v1::DeleteModuleRequest*,
                            v1::DeleteModuleResponse*) override;
  grpc::Status CreateSession(grpc::ServerContext*, const v1::CreateSessionRequest*,
                             v1::Session*) override;
  grpc::Status GetSession(grpc::ServerContext*, const v1::GetSessionRequest*,
                          v1::Session*) override;
  grpc::Status ListSessions(grpc::ServerContext*, const v1::ListSessionsRequest*,
                            v1::ListSessionsResponse*) override;
  grpc::Status UpdateSession(grpc::ServerContext*, const v1::UpdateSessionRequest*,
                             v1::Session*) override;
  grpc::Status SetBookingStatus(grpc::ServerContext*, const v1::SetBookingStatusRequest*,
                                v1::Session*) override;
  grpc::Status DeleteSession(grpc::ServerContext*, const v1::DeleteSessionRequest*,
                             v1::DeleteSessionResponse*) override;

 private:
  domain::Planner& planner_;
  Authenticator& auth_;
};

class ScheduleServiceImpl final : public v1::ScheduleService::Service {
 public:
  ScheduleServiceImpl(domain::Planner& planner, Authenticator& auth)
      : planner_(planner), auth_(auth) {}
  grpc::Status ListTrainerSessions(grpc::ServerContext*, const v1::ListTrainerSessionsRequest*,
                                   v1::ListScheduleResponse*) override;
  grpc::Status ListSessionsInRange(grpc::ServerContext*, const v1::ListSessionsInRangeRequest*,
                                   v1::ListScheduleResponse*) override;
  grpc::Status ListPendingBookings(grpc::ServerContext*, const v1::ListPendingBookingsRequest*,
                                   v1::ListScheduleResponse*) override;
  grpc::Status ExportCalendar(grpc::ServerContext*, const v1::ExportCalendarRequest*,
                              v1::ExportCalendarResponse*) override;

 private:
  domain::Planner& planner_;
  Authenticator& auth_;
};

}  // namespace trainhub::api

#endif  // TRAINHUB_SERVICES_API_SERVICES_H_
