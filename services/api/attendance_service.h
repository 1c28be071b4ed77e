#ifndef TRAINHUB_SERVICES_API_ATTENDANCE_SERVICE_H_
#define TRAINHUB_SERVICES_API_ATTENDANCE_SERVICE_H_

// gRPC adapter: attendance of sessions: sheets, records, sign-off, history,
// summaries, exports, the printed sign-in sheet, self check-in and the
// ledger. Each handler admits the call (api/auth.h), converts the request,
// calls the use case and converts the result; errors go through
// ToGrpcStatus. Handlers never throw. Thread-safe.

#include "api/auth.h"
#include "domain/attendance/attendance_recording.h"
#include "domain/attendance/attendance_reports.h"
#include "domain/attendance/self_check_in.h"
#include "trainhub/v1/attendance.grpc.pb.h"

namespace trainhub::api {

namespace v1 = ::trainhub::v1;

class AttendanceServiceImpl final : public v1::AttendanceService::Service {
 public:
  AttendanceServiceImpl(domain::AttendanceRecording& recording, domain::SelfCheckIn& check_in,
                        domain::AttendanceReports& reports, Authenticator& auth)
      : recording_(recording), check_in_(check_in), reports_(reports), auth_(auth) {}
  grpc::Status GetAttendanceSheet(grpc::ServerContext*, const v1::GetAttendanceSheetRequest*,
                                  v1::AttendanceSheet*) override;
  grpc::Status RecordAttendanceSheet(grpc::ServerContext*, const v1::RecordAttendanceSheetRequest*,
                                     v1::AttendanceSheet*) override;
  grpc::Status RecordAttendance(grpc::ServerContext*, const v1::RecordAttendanceRequest*,
                                v1::AttendanceRecord*) override;
  grpc::Status SignOffAttendanceSheet(grpc::ServerContext*,
                                      const v1::SignOffAttendanceSheetRequest*,
                                      v1::AttendanceSheet*) override;
  grpc::Status ListAttendanceHistory(grpc::ServerContext*, const v1::ListAttendanceHistoryRequest*,
                                     v1::ListAttendanceHistoryResponse*) override;
  grpc::Status GetAttendanceSummary(grpc::ServerContext*, const v1::GetAttendanceSummaryRequest*,
                                    v1::AttendanceSummary*) override;
  grpc::Status GetAttendanceMatrix(grpc::ServerContext*, const v1::GetAttendanceMatrixRequest*,
                                   v1::AttendanceMatrix*) override;
  grpc::Status ExportAttendance(grpc::ServerContext*, const v1::ExportAttendanceRequest*,
                                v1::AttendanceFile*) override;
  grpc::Status RenderSignInSheet(grpc::ServerContext*, const v1::RenderSignInSheetRequest*,
                                 v1::AttendanceFile*) override;
  grpc::Status OpenCheckIn(grpc::ServerContext*, const v1::OpenCheckInRequest*,
                           v1::CheckInWindow*) override;
  grpc::Status GetCheckInCode(grpc::ServerContext*, const v1::GetCheckInCodeRequest*,
                              v1::CheckInWindow*) override;
  grpc::Status CloseCheckIn(grpc::ServerContext*, const v1::CloseCheckInRequest*,
                            v1::CheckInWindow*) override;
  grpc::Status CheckIn(grpc::ServerContext*, const v1::CheckInRequest*,
                       v1::AttendanceRecord*) override;
  grpc::Status VerifyAttendanceLedger(grpc::ServerContext*,
                                      const v1::VerifyAttendanceLedgerRequest*,
                                      v1::LedgerVerification*) override;
  grpc::Status ExportAttendanceLedger(grpc::ServerContext*,
                                      const v1::ExportAttendanceLedgerRequest*,
                                      v1::AttendanceFile*) override;

 private:
  domain::AttendanceRecording& recording_;
  domain::SelfCheckIn& check_in_;
  domain::AttendanceReports& reports_;
  Authenticator& auth_;
};

}  // namespace trainhub::api

#endif  // TRAINHUB_SERVICES_API_ATTENDANCE_SERVICE_H_
