#ifndef TRAINHUB_SERVICES_API_SCHEDULE_SERVICE_H_
#define TRAINHUB_SERVICES_API_SCHEDULE_SERVICE_H_

// gRPC adapter: Schedules across series and iCalendar export.
// Each handler admits the call (api/auth.h), converts the request, calls the
// use case and converts the result; errors go through ToGrpcStatus.
// Handlers never throw. Thread-safe.

#include "api/auth.h"
#include "domain/planning/calendar_export.h"
#include "domain/planning/schedules.h"
#include "trainhub/v1/schedule.grpc.pb.h"

namespace trainhub::api {

namespace v1 = ::trainhub::v1;

class ScheduleServiceImpl final : public v1::ScheduleService::Service {
 public:
  ScheduleServiceImpl(domain::Schedules& schedules, domain::CalendarExport& calendars,
                      Authenticator& auth)
      : schedules_(schedules), calendars_(calendars), auth_(auth) {}
  grpc::Status ListTrainerSessions(grpc::ServerContext*, const v1::ListTrainerSessionsRequest*,
                                   v1::ListScheduleResponse*) override;
  grpc::Status ListSessionsInRange(grpc::ServerContext*, const v1::ListSessionsInRangeRequest*,
                                   v1::ListScheduleResponse*) override;
  grpc::Status ListPendingBookings(grpc::ServerContext*, const v1::ListPendingBookingsRequest*,
                                   v1::ListScheduleResponse*) override;
  grpc::Status ListMySessions(grpc::ServerContext*, const v1::ListMySessionsRequest*,
                              v1::ListScheduleResponse*) override;
  grpc::Status ExportCalendar(grpc::ServerContext*, const v1::ExportCalendarRequest*,
                              v1::ExportCalendarResponse*) override;

 private:
  domain::Schedules& schedules_;
  domain::CalendarExport& calendars_;
  Authenticator& auth_;
};

}  // namespace trainhub::api

#endif  // TRAINHUB_SERVICES_API_SCHEDULE_SERVICE_H_
