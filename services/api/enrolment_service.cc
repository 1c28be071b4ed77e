#include "api/convert_enrolment.h"
#include "api/enrolment_service.h"

#include "api/handler_util.h"

namespace trainhub::api {
namespace {

constexpr auto kService = v1::EnrolmentService::service_full_name;

}  // namespace

grpc::Status EnrolmentServiceImpl::RequestEnrolment(grpc::ServerContext* context,
                                                    const v1::RequestEnrolmentRequest* request,
                                                    v1::Enrolment* response) {
  TH_ADMIT(call, *context, request, kService(), "RequestEnrolment");
  return Reply(enrolments_.Request(call, request->series_id(), request->participant_id(),
                                   request->override_eligibility(), request->note(),
                                   KeyOf(call.who, *request)),
               response);
}

grpc::Status EnrolmentServiceImpl::EnrolCohort(grpc::ServerContext* context,
                                               const v1::EnrolCohortRequest* request,
                                               v1::EnrolCohortResponse* response) {
  TH_ADMIT(call, *context, request, kService(), "EnrolCohort");
  domain::Cohort cohort;
  cohort.participant_ids.assign(request->participant_ids().begin(),
                                request->participant_ids().end());
  cohort.organization_id = request->organization_id();
  cohort.target_group = ConvertEnum<domain::TargetGroup>(request->target_group());
  cohort.training_year = request->training_year();
  auto enrolled =
      enrolments_.EnrolCohort(call, request->series_id(), cohort, request->override_eligibility(),
                              KeyOf(call.who, *request));
  if (!enrolled.ok()) return ToGrpcStatus(enrolled.status());
  for (const domain::Enrolment& e : *enrolled) ToProto(e, response->add_enrolments());
  return grpc::Status::OK;
}

grpc::Status EnrolmentServiceImpl::GetEnrolment(grpc::ServerContext* context,
                                                const v1::GetEnrolmentRequest* request,
                                                v1::Enrolment* response) {
  TH_ADMIT(call, *context, request, kService(), "GetEnrolment");
  return Reply(enrolments_.Get(call.who, request->id()), response);
}

grpc::Status EnrolmentServiceImpl::ListEnrolments(grpc::ServerContext* context,
                                                  const v1::ListEnrolmentsRequest* request,
                                                  v1::ListEnrolmentsResponse* response) {
  TH_ADMIT(call, *context, request, kService(), "ListEnrolments");
  auto page = ReadPage(*request, request->page_size(), request->page_token());
  if (!page.ok()) return ToGrpcStatus(page.status());
  domain::EnrolmentQuery query;
  query.series_id = request->series_id();
  query.participant_id = request->participant_id();
  for (int state : request->states()) {
    query.states.push_back(ConvertEnum<domain::EnrolmentState>(state));
  }
  query.requirement_unmet_only = request->requirement_unmet();
  return ReplyPage(*request, enrolments_.List(call.who, query, *page), response,
                   [](auto* r) { return r->add_enrolments(); });
}

grpc::Status EnrolmentServiceImpl::ListEnrolmentHistory(
    grpc::ServerContext* context, const v1::ListEnrolmentHistoryRequest* request,
    v1::ListEnrolmentHistoryResponse* response) {
  TH_ADMIT(call, *context, request, kService(), "ListEnrolmentHistory");
  auto page = ReadPage(*request, request->page_size(), request->page_token());
  if (!page.ok()) return ToGrpcStatus(page.status());
  return ReplyPage(*request, enrolments_.History(call.who, request->enrolment_id(), *page),
                   response, [](auto* r) { return r->add_changes(); });
}

grpc::Status EnrolmentServiceImpl::ApproveEnrolment(grpc::ServerContext* context,
                                                    const v1::ApproveEnrolmentRequest* request,
                                                    v1::Enrolment* response) {
  TH_ADMIT(call, *context, request, kService(), "ApproveEnrolment");
  return Reply(enrolments_.Approve(call, request->id(), KeyOf(call.who, *request)), response);
}

grpc::Status EnrolmentServiceImpl::RejectEnrolment(grpc::ServerContext* context,
                                                   const v1::RejectEnrolmentRequest* request,
                                                   v1::Enrolment* response) {
  TH_ADMIT(call, *context, request, kService(), "RejectEnrolment");
  return Reply(
      enrolments_.Reject(call, request->id(), request->reason(), KeyOf(call.who, *request)),
      response);
}

grpc::Status EnrolmentServiceImpl::ConfirmEnrolment(grpc::ServerContext* context,
                                                    const v1::ConfirmEnrolmentRequest* request,
                                                    v1::Enrolment* response) {
  TH_ADMIT(call, *context, request, kService(), "ConfirmEnrolment");
  return Reply(enrolments_.Confirm(call, request->id(), KeyOf(call.who, *request)), response);
}

grpc::Status EnrolmentServiceImpl::WithdrawEnrolment(grpc::ServerContext* context,
                                                     const v1::WithdrawEnrolmentRequest* request,
                                                     v1::Enrolment* response) {
  TH_ADMIT(call, *context, request, kService(), "WithdrawEnrolment");
  return Reply(
      enrolments_.Withdraw(call, request->id(), request->reason(), KeyOf(call.who, *request)),
      response);
}

grpc::Status EnrolmentServiceImpl::ReleaseUnconfirmedSeats(
    grpc::ServerContext* context, const v1::ReleaseUnconfirmedSeatsRequest* request,
    v1::ReleaseUnconfirmedSeatsResponse* response) {
  TH_ADMIT(call, *context, request, kService(), "ReleaseUnconfirmedSeats");
  auto result = enrolments_.ReleaseUnconfirmed(call, request->series_id(), request->reason(),
                                               KeyOf(call.who, *request));
  if (!result.ok()) return ToGrpcStatus(result.status());
  for (const domain::Enrolment& e : result->released) ToProto(e, response->add_released());
  for (const domain::Enrolment& e : result->promoted) ToProto(e, response->add_promoted());
  return grpc::Status::OK;
}

}  // namespace trainhub::api
