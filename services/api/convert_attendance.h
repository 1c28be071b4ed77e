#ifndef TRAINHUB_SERVICES_API_CONVERT_ATTENDANCE_H_
#define TRAINHUB_SERVICES_API_CONVERT_ATTENDANCE_H_

// proto <-> domain for attendance records, sheets, summaries, check-in and the ledger (see api/convert.h).
// ToProto lives beside the messages it fills, in trainhub::v1, so that
// Reply and ReplyPage (api/handler_util.h) find it by argument-dependent lookup.

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "api/convert.h"
#include "domain/attendance/attendance_recording.h"
#include "domain/attendance/attendance_reports.h"
#include "domain/attendance/self_check_in.h"
#include "domain/attendance/attendance_ledger.h"
#include "trainhub/v1/attendance.pb.h"

namespace trainhub::api {

// A mark's unset client_time stays unset (the server's time).
absl::StatusOr<domain::AttendanceMark> MarkFromProto(const trainhub::v1::AttendanceMark& in,
                                                     absl::string_view field);

}  // namespace trainhub::api

namespace trainhub::v1 {

void ToProto(const domain::AttendanceEntry& in, AttendanceRecord* out);
void ToProto(const domain::AttendanceSheet& in, AttendanceSheet* out);
void ToProto(const domain::PersonAttendance& in, PersonAttendance* out);
void ToProto(const domain::AttendanceSummary& in, AttendanceSummary* out);
void ToProto(const domain::AttendanceMatrix& in, AttendanceMatrix* out);
void ToProto(const domain::CheckInCode& in, CheckInWindow* out);
void ToProto(const domain::LedgerCheck& in, LedgerVerification* out);

}  // namespace trainhub::v1

#endif  // TRAINHUB_SERVICES_API_CONVERT_ATTENDANCE_H_
