// ScheduleService: who may call what (the rows of the access matrix).

#include "api/access_matrix.h"
#include "api/api_fixture.h"

namespace trainhub::api_test {
namespace {

// ScheduleService's rows of the access matrix (access_matrix.h).
TH_ACCESS_ROWS(kScheduleServiceRows,
               {
                   {"ScheduleService/ListTrainerSessions",
                    [](const AccessObjects& o) {
                      v1::ListTrainerSessionsRequest r;
                      r.set_trainer_id(o.trainer);
                      return Bytes(r);
                    },
                    {true, true, true, false, false, false}},
                   {"ScheduleService/ListSessionsInRange",
                    [](const AccessObjects&) {
                      v1::ListSessionsInRangeRequest r;
                      *r.mutable_from() = Utc(2028, 1, 1, 0, 0);
                      *r.mutable_to() = Utc(2029, 1, 1, 0, 0);
                      return Bytes(r);
                    },
                    kStaff},
                   {"ScheduleService/ListPendingBookings",
                    [](const AccessObjects&) { return std::string(); }, kStaff},
                   {"ScheduleService/ExportCalendar",
                    [](const AccessObjects& o) {
                      v1::ExportCalendarRequest r;
                      r.set_series_id(o.series);
                      return Bytes(r);
                    },
                    kSeeOwnOrEnrolled},
               });
}  // namespace
}  // namespace trainhub::api_test
