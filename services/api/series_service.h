#ifndef TRAINHUB_SERVICES_API_SERIES_SERVICE_H_
#define TRAINHUB_SERVICES_API_SERIES_SERVICE_H_

// gRPC adapter: Series with their modules and sessions, and trainers' bookings.
// Each handler admits the call (api/auth.h), converts the request, calls the
// use case and converts the result; errors go through ToGrpcStatus.
// Handlers never throw. Thread-safe.

#include "api/auth.h"
#include "domain/planning/series_planning.h"
#include "domain/planning/session_planning.h"
#include "trainhub/v1/series.grpc.pb.h"

namespace trainhub::api {

namespace v1 = ::trainhub::v1;

class SeriesServiceImpl final : public v1::SeriesService::Service {
 public:
  SeriesServiceImpl(domain::SeriesPlanning& series, domain::SessionPlanning& sessions,
                    Authenticator& auth)
      : series_(series), sessions_(sessions), auth_(auth) {}
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
  grpc::Status CreateSessionDays(grpc::ServerContext*, const v1::CreateSessionDaysRequest*,
                                 v1::CreateSessionDaysResponse*) override;
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
  domain::SeriesPlanning& series_;
  domain::SessionPlanning& sessions_;
  Authenticator& auth_;
};

}  // namespace trainhub::api

#endif  // TRAINHUB_SERVICES_API_SERIES_SERVICE_H_
