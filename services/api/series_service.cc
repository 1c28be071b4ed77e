#include "api/convert_planning.h"
#include "api/series_service.h"

#include "api/handler_util.h"

namespace trainhub::api {

grpc::Status SeriesServiceImpl::CreateSeries(grpc::ServerContext* context,
                                             const v1::CreateSeriesRequest* request,
                                             v1::Series* response) {
  TH_ADMIT(call, *context, request, v1::SeriesService::service_full_name(), "CreateSeries");
  auto series = FromProto(request->series(), "series");
  if (!series.ok()) return ToGrpcStatus(series.status());
  return Reply(series_.CreateSeries(call, *std::move(series), KeyOf(call.who, *request)), response);
}

grpc::Status SeriesServiceImpl::GetSeries(grpc::ServerContext* context,
                                          const v1::GetSeriesRequest* request,
                                          v1::Series* response) {
  TH_ADMIT(call, *context, request, v1::SeriesService::service_full_name(), "GetSeries");
  return Reply(series_.GetSeries(call.who, request->id()), response);
}

grpc::Status SeriesServiceImpl::ListSeries(grpc::ServerContext* context,
                                           const v1::ListSeriesRequest* request,
                                           v1::ListSeriesResponse* response) {
  TH_ADMIT(call, *context, request, v1::SeriesService::service_full_name(), "ListSeries");
  auto page = ReadPage(*request, request->page_size(), request->page_token());
  if (!page.ok()) return ToGrpcStatus(page.status());
  domain::SeriesFilter filter;
  filter.kind = ConvertEnum<domain::SeriesKind>(request->kind());
  filter.status = ConvertEnum<domain::SeriesStatus>(request->status());
  filter.organization_id = request->organization_id();
  auto from = OptionalTimeFromProto(request->has_from(), request->from(), "from");
  if (!from.ok()) return ToGrpcStatus(from.status());
  auto to = OptionalTimeFromProto(request->has_to(), request->to(), "to");
  if (!to.ok()) return ToGrpcStatus(to.status());
  filter.from = *from;
  filter.to = *to;
  return ReplyPage(*request, series_.ListSeries(call.who, filter, *page), response,
                   [](auto* r) { return r->add_series(); });
}

grpc::Status SeriesServiceImpl::UpdateSeries(grpc::ServerContext* context,
                                             const v1::UpdateSeriesRequest* request,
                                             v1::Series* response) {
  TH_ADMIT(call, *context, request, v1::SeriesService::service_full_name(), "UpdateSeries");
  auto series = FromProto(request->series(), "series");
  if (!series.ok()) return ToGrpcStatus(series.status());
  return Reply(series_.UpdateSeries(call, *series, MaskFromProto(request->update_mask())),
               response);
}

grpc::Status SeriesServiceImpl::CancelSeries(grpc::ServerContext* context,
                                             const v1::CancelSeriesRequest* request,
                                             v1::Series* response) {
  TH_ADMIT(call, *context, request, v1::SeriesService::service_full_name(), "CancelSeries");
  return Reply(series_.CancelSeries(call, request->id(), request->reason()), response);
}

grpc::Status SeriesServiceImpl::DeleteSeries(grpc::ServerContext* context,
                                             const v1::DeleteSeriesRequest* request,
                                             v1::DeleteSeriesResponse*) {
  TH_ADMIT(call, *context, request, v1::SeriesService::service_full_name(), "DeleteSeries");
  return ToGrpcStatus(series_.DeleteSeries(call, request->id(), request->force()));
}

grpc::Status SeriesServiceImpl::CreateModule(grpc::ServerContext* context,
                                             const v1::CreateModuleRequest* request,
                                             v1::Module* response) {
  TH_ADMIT(call, *context, request, v1::SeriesService::service_full_name(), "CreateModule");
  return Reply(series_.CreateModule(call, request->series_id(), FromProto(request->module()),
                                    request->position(), KeyOf(call.who, *request)),
               response);
}

grpc::Status SeriesServiceImpl::ListModules(grpc::ServerContext* context,
                                            const v1::ListModulesRequest* request,
                                            v1::ListModulesResponse* response) {
  TH_ADMIT(call, *context, request, v1::SeriesService::service_full_name(), "ListModules");
  auto page = ReadPage(*request, request->page_size(), request->page_token());
  if (!page.ok()) return ToGrpcStatus(page.status());
  return ReplyPage(*request, series_.ListModules(call.who, request->series_id(), *page), response,
                   [](auto* r) { return r->add_modules(); });
}

grpc::Status SeriesServiceImpl::UpdateModule(grpc::ServerContext* context,
                                             const v1::UpdateModuleRequest* request,
                                             v1::Module* response) {
  TH_ADMIT(call, *context, request, v1::SeriesService::service_full_name(), "UpdateModule");
  return Reply(series_.UpdateModule(call, request->series_id(), FromProto(request->module()),
                                    MaskFromProto(request->update_mask())),
               response);
}

grpc::Status SeriesServiceImpl::MoveModule(grpc::ServerContext* context,
                                           const v1::MoveModuleRequest* request,
                                           v1::ListModulesResponse* response) {
  TH_ADMIT(call, *context, request, v1::SeriesService::service_full_name(), "MoveModule");
  auto modules =
      series_.MoveModule(call, request->series_id(), request->module_id(), request->position());
  if (!modules.ok()) return ToGrpcStatus(modules.status());
  for (const domain::Module& m : *modules) ToProto(m, response->add_modules());
  return grpc::Status::OK;
}

grpc::Status SeriesServiceImpl::DeleteModule(grpc::ServerContext* context,
                                             const v1::DeleteModuleRequest* request,
                                             v1::DeleteModuleResponse*) {
  TH_ADMIT(call, *context, request, v1::SeriesService::service_full_name(), "DeleteModule");
  return ToGrpcStatus(
      series_.DeleteModule(call, request->series_id(), request->module_id(), request->force()));
}

grpc::Status SeriesServiceImpl::CreateSession(grpc::ServerContext* context,
                                              const v1::CreateSessionRequest* request,
                                              v1::Session* response) {
  TH_ADMIT(call, *context, request, v1::SeriesService::service_full_name(), "CreateSession");
  auto session = FromProto(request->session(), "session");
  if (!session.ok()) return ToGrpcStatus(session.status());
  return Reply(
      sessions_.CreateSession(call, request->series_id(), request->module_id(), *std::move(session),
                              request->allow_overlap(), KeyOf(call.who, *request)),
      response);
}

grpc::Status SeriesServiceImpl::CreateSessionDays(grpc::ServerContext* context,
                                                  const v1::CreateSessionDaysRequest* request,
                                                  v1::CreateSessionDaysResponse* response) {
  TH_ADMIT(call, *context, request, v1::SeriesService::service_full_name(), "CreateSessionDays");
  domain::SessionDays days;
  domain::Violations bad;
  auto take = [&bad](auto converted, auto& into) {
    if (converted.ok()) {
      into = *converted;
    } else {
      for (const auto& v : domain::GetFieldViolations(converted.status())) {
        bad.Add(v.field, v.message);
      }
    }
  };
  take(DayFromProto(request->has_first_day(), request->first_day(), "first_day"), days.first);
  const v1::LocalDate& first = request->first_day();
  const v1::LocalDate& last = request->last_day();
  const bool one_day = request->has_last_day() && last.year() == first.year() &&
                       last.month() == first.month() && last.day() == first.day();
  if (one_day) {
    days.last = days.first;  // its problems, if any, are reported once, for first_day
  } else {
    take(DayFromProto(request->has_last_day(), last, "last_day"), days.last);
  }
  take(TimeOfDayFromProto(request->has_daily_start(), request->daily_start(), "daily_start"),
       days.start);
  take(TimeOfDayFromProto(request->has_daily_end(), request->daily_end(), "daily_end"), days.end);
  if (request->session().has_start_time() || request->session().has_end_time()) {
    bad.Add("session.start_time",
            domain::Msg("leave the times unset; daily_start and daily_end give them"));
  }
  if (absl::Status status = bad.ToStatus(); !status.ok()) return ToGrpcStatus(status);
  auto day = FromProto(request->session(), "session");
  if (!day.ok()) return ToGrpcStatus(day.status());
  auto created = sessions_.CreateSessionDays(call, request->series_id(), request->module_id(), days,
                                             *std::move(day), request->allow_overlap(),
                                             KeyOf(call.who, *request));
  if (!created.ok()) return ToGrpcStatus(created.status());
  for (const domain::Session& s : *created) ToProto(s, response->add_sessions());
  return grpc::Status::OK;
}

grpc::Status SeriesServiceImpl::GetSession(grpc::ServerContext* context,
                                           const v1::GetSessionRequest* request,
                                           v1::Session* response) {
  TH_ADMIT(call, *context, request, v1::SeriesService::service_full_name(), "GetSession");
  return Reply(sessions_.GetSession(call.who, request->id()), response);
}

grpc::Status SeriesServiceImpl::ListSessions(grpc::ServerContext* context,
                                             const v1::ListSessionsRequest* request,
                                             v1::ListSessionsResponse* response) {
  TH_ADMIT(call, *context, request, v1::SeriesService::service_full_name(), "ListSessions");
  auto page = ReadPage(*request, request->page_size(), request->page_token());
  if (!page.ok()) return ToGrpcStatus(page.status());
  return ReplyPage(
      *request, sessions_.ListSessions(call.who, request->series_id(), request->module_id(), *page),
      response, [](auto* r) { return r->add_sessions(); });
}

grpc::Status SeriesServiceImpl::UpdateSession(grpc::ServerContext* context,
                                              const v1::UpdateSessionRequest* request,
                                              v1::Session* response) {
  TH_ADMIT(call, *context, request, v1::SeriesService::service_full_name(), "UpdateSession");
  auto session = FromProto(request->session(), "session");
  if (!session.ok()) return ToGrpcStatus(session.status());
  return Reply(sessions_.UpdateSession(call, *session, MaskFromProto(request->update_mask()),
                                       request->allow_overlap()),
               response);
}

grpc::Status SeriesServiceImpl::SetBookingStatus(grpc::ServerContext* context,
                                                 const v1::SetBookingStatusRequest* request,
                                                 v1::Session* response) {
  TH_ADMIT(call, *context, request, v1::SeriesService::service_full_name(), "SetBookingStatus");
  return Reply(sessions_.SetBookingStatus(call, request->session_id(), request->trainer_id(),
                                          ConvertEnum<domain::BookingStatus>(request->status()),
                                          request->allow_overlap()),
               response);
}

grpc::Status SeriesServiceImpl::DeleteSession(grpc::ServerContext* context,
                                              const v1::DeleteSessionRequest* request,
                                              v1::DeleteSessionResponse*) {
  TH_ADMIT(call, *context, request, v1::SeriesService::service_full_name(), "DeleteSession");
  return ToGrpcStatus(sessions_.DeleteSession(call, request->id()));
}

}  // namespace trainhub::api
