#include "api/convert_enrolment.h"
#include "api/participant_service.h"

#include "api/handler_util.h"
#include "api/localization.h"

namespace trainhub::api {

grpc::Status ParticipantServiceImpl::CreateParticipant(grpc::ServerContext* context,
                                                       const v1::CreateParticipantRequest* request,
                                                       v1::Participant* response) {
  TH_ADMIT(call, *context, request, v1::ParticipantService::service_full_name(),
           "CreateParticipant");
  absl::StatusOr<domain::Participant> participant = FromProto(request->participant());
  if (!participant.ok()) return ToGrpcStatus(participant.status());
  return Reply(participants_.Create(call, *std::move(participant), KeyOf(call.who, *request)),
               response);
}

grpc::Status ParticipantServiceImpl::GetParticipant(grpc::ServerContext* context,
                                                    const v1::GetParticipantRequest* request,
                                                    v1::Participant* response) {
  TH_ADMIT(call, *context, request, v1::ParticipantService::service_full_name(), "GetParticipant");
  return Reply(participants_.Get(call.who, request->id()), response);
}

grpc::Status ParticipantServiceImpl::ListParticipants(grpc::ServerContext* context,
                                                      const v1::ListParticipantsRequest* request,
                                                      v1::ListParticipantsResponse* response) {
  TH_ADMIT(call, *context, request, v1::ParticipantService::service_full_name(),
           "ListParticipants");
  auto page = ReadPage(*request, request->page_size(), request->page_token());
  if (!page.ok()) return ToGrpcStatus(page.status());
  return ReplyPage(*request,
                   participants_.List(call.who, request->organization_id(), request->name(), *page),
                   response, [](auto* r) { return r->add_participants(); });
}

grpc::Status ParticipantServiceImpl::UpdateParticipant(grpc::ServerContext* context,
                                                       const v1::UpdateParticipantRequest* request,
                                                       v1::Participant* response) {
  TH_ADMIT(call, *context, request, v1::ParticipantService::service_full_name(),
           "UpdateParticipant");
  absl::StatusOr<domain::Participant> patch = FromProto(request->participant());
  if (!patch.ok()) return ToGrpcStatus(patch.status());
  return Reply(participants_.Update(call, *patch, MaskFromProto(request->update_mask())), response);
}

}  // namespace trainhub::api

namespace trainhub::api {

grpc::Status ParticipantServiceImpl::ImportParticipants(
    grpc::ServerContext* context, const v1::ImportParticipantsRequest* request,
    v1::ImportParticipantsResponse* response) {
  TH_ADMIT(call, *context, request, v1::ParticipantService::service_full_name(),
           "ImportParticipants");
  domain::ImportOptions options;
  options.organization_id = request->organization_id();
  for (int group : request->default_target_groups()) {
    options.default_target_groups.push_back(ConvertEnum<domain::TargetGroup>(group));
  }
  options.series_id = request->series_id();
  options.override_eligibility = request->override_eligibility();
  options.dry_run = request->dry_run();
  options.accept_good_rows = request->accept_good_rows();
  absl::StatusOr<domain::ImportReport> report =
      import_.Import(call, request->csv(), options, KeyOf(call.who, *request));
  if (!report.ok()) return ToGrpcStatus(report.status());
  response->set_rows(report->rows);
  response->set_applied(report->applied);
  response->set_repeated(report->repeated);
  const std::optional<std::string> language = AskedLanguage(*context);
  for (const domain::ImportProblem& p : report->problems) {
    v1::ImportProblem* out = response->add_problems();
    out->set_line(p.line);
    out->set_column(p.column);
    out->set_reason(p.reason.English());
    if (language) {
      out->mutable_localized_reason()->set_locale(*language);
      out->mutable_localized_reason()->set_message(SaidIn(p.reason, *language));
    }
  }
  for (const domain::ImportedRow& row : report->imported) {
    v1::ImportedRow* out = response->add_imported();
    out->set_line(row.line);
    out->set_participant_id(row.participant_id);
    out->set_created(row.created);
    out->set_enrolment_id(row.enrolment_id);
    out->set_enrolment_state(static_cast<v1::EnrolmentState>(row.enrolment_state));
    out->set_waitlist_position(row.waitlist_position);
    out->set_display_name(row.display_name);
  }
  return grpc::Status::OK;
}

grpc::Status ParticipantServiceImpl::RecordQualification(
    grpc::ServerContext* context, const v1::RecordQualificationRequest* request,
    v1::Qualification* response) {
  TH_ADMIT(call, *context, request, v1::ParticipantService::service_full_name(),
           "RecordQualification");
  domain::Qualification qualification = FromProto(request->qualification());
  qualification.participant_id = request->participant_id();
  return Reply(participants_.RecordQualification(call, qualification, KeyOf(call.who, *request)),
               response);
}

grpc::Status ParticipantServiceImpl::ListQualifications(
    grpc::ServerContext* context, const v1::ListQualificationsRequest* request,
    v1::ListQualificationsResponse* response) {
  TH_ADMIT(call, *context, request, v1::ParticipantService::service_full_name(),
           "ListQualifications");
  auto list = participants_.ListQualifications(call.who, request->participant_id());
  if (!list.ok()) return ToGrpcStatus(list.status());
  for (const domain::Qualification& q : *list) ToProto(q, response->add_qualifications());
  return grpc::Status::OK;
}

grpc::Status ParticipantServiceImpl::DeleteQualification(
    grpc::ServerContext* context, const v1::DeleteQualificationRequest* request,
    v1::DeleteQualificationResponse*) {
  TH_ADMIT(call, *context, request, v1::ParticipantService::service_full_name(),
           "DeleteQualification");
  return ToGrpcStatus(participants_.DeleteQualification(
      call, request->participant_id(), request->qualification_id(), KeyOf(call.who, *request)));
}

}  // namespace trainhub::api
