#include "api/convert_attendance.h"
#include "api/attendance_service.h"

#include "absl/strings/str_cat.h"
#include "api/handler_util.h"
#include "domain/errors.h"

namespace trainhub::api {
namespace {

constexpr auto kService = v1::AttendanceService::service_full_name;

grpc::Status ReplyFile(const absl::StatusOr<domain::AttendanceFile>& file,
                       v1::AttendanceFile* out) {
  if (!file.ok()) return ToGrpcStatus(file.status());
  out->set_file_name(file->file_name);
  out->set_content_type(file->content_type);
  out->set_content(file->content);
  return grpc::Status::OK;
}

}  // namespace

grpc::Status AttendanceServiceImpl::GetAttendanceSheet(grpc::ServerContext* context,
                                                       const v1::GetAttendanceSheetRequest* request,
                                                       v1::AttendanceSheet* response) {
  TH_ADMIT(call, *context, request, kService(), "GetAttendanceSheet");
  return Reply(recording_.Sheet(call.who, request->session_id()), response);
}

grpc::Status AttendanceServiceImpl::RecordAttendanceSheet(
    grpc::ServerContext* context, const v1::RecordAttendanceSheetRequest* request,
    v1::AttendanceSheet* response) {
  TH_ADMIT(call, *context, request, kService(), "RecordAttendanceSheet");
  std::vector<domain::AttendanceMark> marks;
  if (request->marks_size() > static_cast<int>(domain::kMaxSheetMarks)) {
    return ToGrpcStatus(domain::InvalidField(
        "marks", domain::Msg("at most {max} per sheet", {{"max", domain::kMaxSheetMarks}})));
  }
  for (int i = 0; i < request->marks_size(); ++i) {
    auto mark = MarkFromProto(request->marks(i), absl::StrCat("marks[", i, "]"));
    if (!mark.ok()) return ToGrpcStatus(mark.status());
    marks.push_back(*std::move(mark));
  }
  return Reply(recording_.RecordSheet(call, request->session_id(), std::move(marks),
                                      request->reason(), KeyOf(call.who, *request)),
               response);
}

grpc::Status AttendanceServiceImpl::RecordAttendance(grpc::ServerContext* context,
                                                     const v1::RecordAttendanceRequest* request,
                                                     v1::AttendanceRecord* response) {
  TH_ADMIT(call, *context, request, kService(), "RecordAttendance");
  auto mark = MarkFromProto(request->mark(), "mark");
  if (!mark.ok()) return ToGrpcStatus(mark.status());
  return Reply(recording_.Record(call, request->session_id(), *std::move(mark), request->reason(),
                                 KeyOf(call.who, *request)),
               response);
}

grpc::Status AttendanceServiceImpl::SignOffAttendanceSheet(
    grpc::ServerContext* context, const v1::SignOffAttendanceSheetRequest* request,
    v1::AttendanceSheet* response) {
  TH_ADMIT(call, *context, request, kService(), "SignOffAttendanceSheet");
  return Reply(recording_.SignOff(call, request->session_id(), KeyOf(call.who, *request)),
               response);
}

grpc::Status AttendanceServiceImpl::ListAttendanceHistory(
    grpc::ServerContext* context, const v1::ListAttendanceHistoryRequest* request,
    v1::ListAttendanceHistoryResponse* response) {
  TH_ADMIT(call, *context, request, kService(), "ListAttendanceHistory");
  auto page = ReadPage(*request, request->page_size(), request->page_token());
  if (!page.ok()) return ToGrpcStatus(page.status());
  return ReplyPage(
      *request,
      recording_.History(call.who, request->session_id(), request->participant_id(), *page),
      response, [](auto* r) { return r->add_records(); });
}

grpc::Status AttendanceServiceImpl::GetAttendanceSummary(
    grpc::ServerContext* context, const v1::GetAttendanceSummaryRequest* request,
    v1::AttendanceSummary* response) {
  TH_ADMIT(call, *context, request, kService(), "GetAttendanceSummary");
  return Reply(reports_.Summary(call.who, request->series_id(), request->participant_id()),
               response);
}

grpc::Status AttendanceServiceImpl::GetAttendanceMatrix(
    grpc::ServerContext* context, const v1::GetAttendanceMatrixRequest* request,
    v1::AttendanceMatrix* response) {
  TH_ADMIT(call, *context, request, kService(), "GetAttendanceMatrix");
  return Reply(reports_.Matrix(call.who, request->series_id()), response);
}

grpc::Status AttendanceServiceImpl::ExportAttendance(grpc::ServerContext* context,
                                                     const v1::ExportAttendanceRequest* request,
                                                     v1::AttendanceFile* response) {
  TH_ADMIT(call, *context, request, kService(), "ExportAttendance");
  domain::ExportFormat format = domain::ExportFormat::kCsv;
  switch (request->format()) {
    case v1::ATTENDANCE_FILE_FORMAT_UNSPECIFIED:
    case v1::ATTENDANCE_FILE_FORMAT_CSV:
      break;
    case v1::ATTENDANCE_FILE_FORMAT_JSON:
      format = domain::ExportFormat::kJson;
      break;
    default:
      return ToGrpcStatus(domain::InvalidField(
          "format", domain::UnknownValue(static_cast<int>(request->format()))));
  }
  return ReplyFile(reports_.Export(call.who, request->series_id(), format), response);
}

grpc::Status AttendanceServiceImpl::RenderSignInSheet(grpc::ServerContext* context,
                                                      const v1::RenderSignInSheetRequest* request,
                                                      v1::AttendanceFile* response) {
  TH_ADMIT(call, *context, request, kService(), "RenderSignInSheet");
  return ReplyFile(reports_.SignInSheet(call.who, request->session_id()), response);
}

grpc::Status AttendanceServiceImpl::OpenCheckIn(grpc::ServerContext* context,
                                                const v1::OpenCheckInRequest* request,
                                                v1::CheckInWindow* response) {
  TH_ADMIT(call, *context, request, kService(), "OpenCheckIn");
  return Reply(check_in_.OpenCheckIn(call, request->session_id(), request->minutes(),
                                     KeyOf(call.who, *request)),
               response);
}

grpc::Status AttendanceServiceImpl::GetCheckInCode(grpc::ServerContext* context,
                                                   const v1::GetCheckInCodeRequest* request,
                                                   v1::CheckInWindow* response) {
  TH_ADMIT(call, *context, request, kService(), "GetCheckInCode");
  return Reply(check_in_.CurrentCheckInCode(call.who, request->session_id()), response);
}

grpc::Status AttendanceServiceImpl::CloseCheckIn(grpc::ServerContext* context,
                                                 const v1::CloseCheckInRequest* request,
                                                 v1::CheckInWindow* response) {
  TH_ADMIT(call, *context, request, kService(), "CloseCheckIn");
  return Reply(check_in_.CloseCheckIn(call, request->session_id(), KeyOf(call.who, *request)),
               response);
}

grpc::Status AttendanceServiceImpl::CheckIn(grpc::ServerContext* context,
                                            const v1::CheckInRequest* request,
                                            v1::AttendanceRecord* response) {
  TH_ADMIT(call, *context, request, kService(), "CheckIn");
  return Reply(
      check_in_.CheckIn(call, request->code(), request->session_id(), KeyOf(call.who, *request)),
      response);
}

grpc::Status AttendanceServiceImpl::VerifyAttendanceLedger(
    grpc::ServerContext* context, const v1::VerifyAttendanceLedgerRequest* request,
    v1::LedgerVerification* response) {
  TH_ADMIT(call, *context, request, kService(), "VerifyAttendanceLedger");
  return Reply(reports_.VerifyLedger(call.who, request->series_id()), response);
}

grpc::Status AttendanceServiceImpl::ExportAttendanceLedger(
    grpc::ServerContext* context, const v1::ExportAttendanceLedgerRequest* request,
    v1::AttendanceFile* response) {
  TH_ADMIT(call, *context, request, kService(), "ExportAttendanceLedger");
  return ReplyFile(reports_.LedgerExport(call.who, request->series_id()), response);
}

}  // namespace trainhub::api
