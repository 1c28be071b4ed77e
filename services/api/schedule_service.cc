#include "api/convert_planning.h"
#include "api/schedule_service.h"

#include "api/handler_util.h"
#include "domain/errors.h"

namespace trainhub::api {
namespace {
auto AddSession = [](v1::ListScheduleResponse* r) { return r->add_sessions(); };
}  // namespace

grpc::Status ScheduleServiceImpl::ListTrainerSessions(grpc::ServerContext* context,
                                                      const v1::ListTrainerSessionsRequest* request,
                                                      v1::ListScheduleResponse* response) {
  TH_ADMIT(call, *context, request, v1::ScheduleService::service_full_name(),
           "ListTrainerSessions");
  auto page = ReadPage(*request, request->page_size(), request->page_token());
  if (!page.ok()) return ToGrpcStatus(page.status());
  auto from = OptionalTimeFromProto(request->has_from(), request->from(), "from");
  if (!from.ok()) return ToGrpcStatus(from.status());
  auto to = OptionalTimeFromProto(request->has_to(), request->to(), "to");
  if (!to.ok()) return ToGrpcStatus(to.status());
  return ReplyPage(
      *request, schedules_.ListTrainerSessions(call.who, request->trainer_id(), *from, *to, *page),
      response, AddSession);
}

grpc::Status ScheduleServiceImpl::ListSessionsInRange(grpc::ServerContext* context,
                                                      const v1::ListSessionsInRangeRequest* request,
                                                      v1::ListScheduleResponse* response) {
  TH_ADMIT(call, *context, request, v1::ScheduleService::service_full_name(),
           "ListSessionsInRange");
  auto page = ReadPage(*request, request->page_size(), request->page_token());
  if (!page.ok()) return ToGrpcStatus(page.status());
  auto from = TimeFromProto(request->from(), "from");
  if (!from.ok()) return ToGrpcStatus(from.status());
  auto to = TimeFromProto(request->to(), "to");
  if (!to.ok()) return ToGrpcStatus(to.status());
  return ReplyPage(
      *request,
      schedules_.ListSessionsInRange(call.who, *from, *to, request->organization_id(), *page),
      response, AddSession);
}

grpc::Status ScheduleServiceImpl::ListPendingBookings(grpc::ServerContext* context,
                                                      const v1::ListPendingBookingsRequest* request,
                                                      v1::ListScheduleResponse* response) {
  TH_ADMIT(call, *context, request, v1::ScheduleService::service_full_name(),
           "ListPendingBookings");
  auto page = ReadPage(*request, request->page_size(), request->page_token());
  if (!page.ok()) return ToGrpcStatus(page.status());
  return ReplyPage(*request,
                   schedules_.ListPendingBookings(call.who, request->trainer_id(),
                                                  request->organization_id(), *page),
                   response, AddSession);
}

grpc::Status ScheduleServiceImpl::ListMySessions(grpc::ServerContext* context,
                                                 const v1::ListMySessionsRequest* request,
                                                 v1::ListScheduleResponse* response) {
  TH_ADMIT(call, *context, request, v1::ScheduleService::service_full_name(), "ListMySessions");
  auto page = ReadPage(*request, request->page_size(), request->page_token());
  if (!page.ok()) return ToGrpcStatus(page.status());
  auto from = OptionalTimeFromProto(request->has_from(), request->from(), "from");
  if (!from.ok()) return ToGrpcStatus(from.status());
  auto to = OptionalTimeFromProto(request->has_to(), request->to(), "to");
  if (!to.ok()) return ToGrpcStatus(to.status());
  return ReplyPage(*request, schedules_.ListMySessions(call.who, *from, *to, *page), response,
                   AddSession);
}

grpc::Status ScheduleServiceImpl::ExportCalendar(grpc::ServerContext* context,
                                                 const v1::ExportCalendarRequest* request,
                                                 v1::ExportCalendarResponse* response) {
  TH_ADMIT(call, *context, request, v1::ScheduleService::service_full_name(), "ExportCalendar");
  absl::StatusOr<domain::CalendarExport::Calendar> calendar;
  switch (request->scope_case()) {
    case v1::ExportCalendarRequest::kSeriesId:
      calendar = calendars_.ExportSeriesCalendar(call.who, request->series_id());
      break;
    case v1::ExportCalendarRequest::kTrainerId:
      calendar = calendars_.ExportTrainerCalendar(call.who, request->trainer_id());
      break;
    default:
      return ToGrpcStatus(domain::InvalidField("scope", domain::Msg("set series_id or trainer_id")));
  }
  if (!calendar.ok()) return ToGrpcStatus(calendar.status());
  response->set_filename(calendar->filename);
  response->set_ical(calendar->ical);
  return grpc::Status::OK;
}

}  // namespace trainhub::api
