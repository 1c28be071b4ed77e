#include "api/handler_util.h"
#include "api/services.h"

namespace trainhub::api {

grpc::Status SeriesServiceImpl::CreateSeries(grpc::ServerContext*,
                                             const v1::CreateSeriesRequest* request,
                                             v1::Series* response) {
  return Reply(planner_.CreateSeries(FromProto(request->series()), KeyOf(*request)),
               response);
}

grpc::Status SeriesServiceImpl::GetSeries(grpc::ServerContext*,
                                          const v1::GetSeriesRequest* request,
                                          v1::Series* response) {
  return Reply(planner_.GetSeries(request->id()), response);
}

grpc::Status SeriesServiceImpl::ListSeries(grpc::ServerContext*,
                                           const v1::ListSeriesRequest* request,
                                           v1::ListSeriesResponse* response) {
  auto page = ReadPage(*request, request->page_size(), request->page_token());
  if (!page.ok()) return ToGrpcStatus(page.status());
  domain::SeriesFilter filter;
  filter.kind = static_cast<domain::SeriesKind>(request->kind());
  filter.status = static_cast<domain::SeriesStatus>(request->status());
  filter.organization_id = request->organization_id();
  auto from = OptionalTimeFromProto(request->has_from(), request->from(), "from");
  if (!from.ok()) return ToGrpcStatus(from.status());
  auto to = OptionalTimeFromProto(request->has_to(), request->to(), "to");
  if (!to.ok()) return ToGrpcStatus(to.status());
  filter.from = *from;
  filter.to = *to;
  return ReplyPage(*request, planner_.ListSeries(filter, *page), response,
                   [](auto* r) { return r->add_series(); });
}

grpc::Status SeriesServiceImpl::UpdateSeries(grpc::ServerContext*,
                                             const v1::UpdateSeriesRequest* request,
                                             v1::Series* response) {
  return Reply(planner_.UpdateSeries(FromProto(request->series()),
                                     MaskFromProto(request->update_mask())),
               response);
}

grpc::Status SeriesServiceImpl::CancelSeries(grpc::ServerContext*,
                                             const v1::CancelSeriesRequest* request,
                                             v1::Series* response) {
  return Reply(planner_.CancelSeries(request->id(), request->reason()), response);
}

grpc::Status SeriesServiceImpl::DeleteSeries(grpc::ServerContext*,
                                             const v1::DeleteSeriesRequest* request,
                                             v1::DeleteSeriesResponse*) {
  return ToGrpcStatus(planner_.DeleteSeries(request->id(), request->force()));
}

grpc::Status SeriesServiceImpl::CreateModule(grpc::ServerContext*,
                                             const v1::CreateModuleRequest* request,
                                             v1::Module* response) {
  return Reply(planner_.CreateModule(request->series_id(), FromProto(request->module()),
                                     request->position(), KeyOf(*request)),
               response);
}

grpc::Status SeriesServiceImpl::ListModules(grpc::ServerContext*,
                                            const v1::ListModulesRequest* request,
                                            v1::ListModulesResponse* response) {
  auto page = ReadPage(*request, request->page_size(), request->page_token());
  if (!page.ok()) return ToGrpcStatus(page.status());
  return ReplyPage(*request, planner_.ListModules(request->series_id(), *page),
                   response, [](auto* r) { return r->add_modules(); });
}

grpc::Status SeriesServiceImpl::UpdateModule(grpc::ServerContext*,
                                             const v1::UpdateModuleRequest* request,
                                             v1::Module* response) {
  return Reply(planner_.UpdateModule(request->series_id(), FromProto(request->module()),
                                     MaskFromProto(request->update_mask())),
               response);
}

grpc::Status SeriesServiceImpl::MoveModule(grpc::ServerContext*,
                                           const v1::MoveModuleRequest* request,
                                           v1::ListModulesResponse* response) {
  auto modules = planner_.MoveModule(request->series_id(), request->module_id(),
                                     request->position());
  if (!modules.ok()) return ToGrpcStatus(modules.status());
  for (const domain::Module& m : *modules) ToProto(m, response->add_modules());
  return grpc::Status::OK;
}

grpc::Status SeriesServiceImpl::DeleteModule(grpc::ServerContext*,
                                             const v1::DeleteModuleRequest* request,
                                             v1::DeleteModuleResponse*) {
  return ToGrpcStatus(planner_.DeleteModule(request->series_id(), request->module_id(),
                                            request->force()));
}

grpc::Status SeriesServiceImpl::CreateSession(grpc::ServerContext*,
                                              const v1::CreateSessionRequest* request,
                                              v1::Session* response) {
  auto session = FromProto(request->session(), "session");
  if (!session.ok()) return ToGrpcStatus(session.status());
  return Reply(planner_.CreateSession(request->series_id(), request->module_id(),
                                      *std::move(session), request->allow_overlap(),
                                      KeyOf(*request)),
               response);
}

grpc::Status SeriesServiceImpl::GetSession(grpc::ServerContext*,
                                           const v1::GetSessionRequest* request,
                                           v1::Session* response) {
  return Reply(planner_.GetSession(request->id()), response);
}

grpc::Status SeriesServiceImpl::ListSessions(grpc::ServerContext*,
                                             const v1::ListSessionsRequest* request,
                                             v1::ListSessionsResponse* response) {
  auto page = ReadPage(*request, request->page_size(), request->page_token());
  if (!page.ok()) return ToGrpcStatus(page.status());
  return ReplyPage(*request,
                   planner_.ListSessions(request->series_id(), request->module_id(), *page),
                   response, [](auto* r) { return r->add_sessions(); });
}

grpc::Status SeriesServiceImpl::UpdateSession(grpc::ServerContext*,
                                              const v1::UpdateSessionRequest* request,
                                              v1::Session* response) {
  auto session = FromProto(request->session(), "session");
  if (!session.ok()) return ToGrpcStatus(session.status());
  return Reply(planner_.UpdateSession(*session, MaskFromProto(request->update_mask()),
                                      request->allow_overlap()),
               response);
}

grpc::Status SeriesServiceImpl::SetBookingStatus(
    grpc::ServerContext*, const v1::SetBookingStatusRequest* request,
    v1::Session* response) {
  return Reply(planner_.SetBookingStatus(
                   request->session_id(), request->trainer_id(),
                   static_cast<domain::BookingStatus>(request->status()),
                   request->allow_overlap()),
               response);
}

grpc::Status SeriesServiceImpl::DeleteSession(grpc::ServerContext*,
                                              const v1::DeleteSessionRequest* request,
                                              v1::DeleteSessionResponse*) {
  return ToGrpcStatus(planner_.DeleteSession(request->id()));
}

}  // namespace trainhub::api
