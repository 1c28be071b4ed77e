#include "api/report_service.h"

#include "absl/time/civil_time.h"
#include "api/handler_util.h"

namespace trainhub::api {
namespace {

domain::FunderReportQuery QueryFromProto(const v1::GetFunderReportRequest& in) {
  domain::FunderReportQuery q;
  q.year = in.period().year();
  q.first_day = in.period().first_day();
  q.last_day = in.period().last_day();
  q.organization_id = in.organization_id();
  q.series_ids.assign(in.series_ids().begin(), in.series_ids().end());
  q.min_persons = in.min_persons();
  return q;
}

void CountToProto(const domain::ReportCount& in, v1::ReportCount* out) {
  out->set_suppressed(in.suppressed);
  out->set_value(in.suppressed ? 0 : in.value);
}

v1::ReportBreakdown BreakdownToProto(domain::ReportBreakdown b) {
  switch (b) {
    case domain::ReportBreakdown::kTargetGroup:
      return v1::REPORT_BREAKDOWN_TARGET_GROUP;
    case domain::ReportBreakdown::kOrganization:
      return v1::REPORT_BREAKDOWN_ORGANIZATION;
    case domain::ReportBreakdown::kSeries:
      return v1::REPORT_BREAKDOWN_SERIES;
    case domain::ReportBreakdown::kTrainingYear:
      return v1::REPORT_BREAKDOWN_TRAINING_YEAR;
    case domain::ReportBreakdown::kUnspecified:
      break;
  }
  return v1::REPORT_BREAKDOWN_UNSPECIFIED;
}

void ReportToProto(const domain::FunderReport& in, v1::FunderReport* out) {
  out->set_first_day(absl::FormatCivilTime(in.first_day));
  out->set_last_day(absl::FormatCivilTime(in.last_day));
  out->set_organization_id(in.organization_id);
  out->set_scope_name(in.scope_name);
  for (domain::Id id : in.series_ids) out->add_series_ids(id);
  out->set_min_persons(in.min_persons);
  CountToProto(in.persons, out->mutable_persons());
  CountToProto(in.participations, out->mutable_participations());
  for (const domain::ReportTable& t : in.tables) {
    v1::ReportTable* table = out->add_tables();
    table->set_breakdown(BreakdownToProto(t.breakdown));
    CountToProto(t.total, table->mutable_total());
    for (const domain::ReportRow& r : t.rows) {
      v1::ReportRow* row = table->add_rows();
      if (t.breakdown == domain::ReportBreakdown::kOrganization) row->set_organization_id(r.id);
      if (t.breakdown == domain::ReportBreakdown::kSeries) row->set_series_id(r.id);
      row->set_name(r.name);
      row->set_target_group(static_cast<v1::TargetGroup>(r.target_group));
      row->set_training_year(r.training_year);
      CountToProto(r.persons, row->mutable_persons());
    }
  }
  out->set_sessions_held(in.sessions_held);
  out->set_teaching_units(in.teaching_units);
  out->set_statuses_recorded(in.statuses_recorded);
  out->set_statuses_attended(in.statuses_attended);
  out->set_attendance_suppressed(in.attendance_suppressed);
  CountToProto(in.certificates, out->mutable_certificates());
  CountToProto(in.confirmations, out->mutable_confirmations());
  CountToProto(in.dropouts, out->mutable_dropouts());
  for (const domain::ReportDefinition& d : domain::FunderReportDefinitions()) {
    v1::ReportDefinition* definition = out->add_definitions();
    definition->set_figure(d.figure);
    definition->set_text(d.text);
  }
  out->set_suppression_note(domain::SuppressionNote(in.min_persons));
  out->set_inputs_hash(in.inputs_hash);
  TimeToProto(in.create_time, out->mutable_create_time());
}

}  // namespace

grpc::Status ReportServiceImpl::GetFunderReport(grpc::ServerContext* context,
                                                const v1::GetFunderReportRequest* request,
                                                v1::FunderReport* response) {
  TH_ADMIT(call, *context, request, v1::ReportService::service_full_name(), "GetFunderReport");
  auto report = reports_.Build(call, QueryFromProto(*request));
  if (!report.ok()) return ToGrpcStatus(report.status());
  ReportToProto(*report, response);
  return grpc::Status::OK;
}

grpc::Status ReportServiceImpl::ExportFunderReport(grpc::ServerContext* context,
                                                   const v1::ExportFunderReportRequest* request,
                                                   v1::ReportFile* response) {
  TH_ADMIT(call, *context, request, v1::ReportService::service_full_name(), "ExportFunderReport");
  domain::ReportFormat format = domain::ReportFormat::kPdf;
  switch (request->format()) {
    case v1::REPORT_FILE_FORMAT_UNSPECIFIED:
    case v1::REPORT_FILE_FORMAT_PDF:
      break;
    case v1::REPORT_FILE_FORMAT_CSV:
      format = domain::ReportFormat::kCsv;
      break;
    case v1::REPORT_FILE_FORMAT_JSON:
      format = domain::ReportFormat::kJson;
      break;
    default:
      return ToGrpcStatus(domain::InvalidField(
          "format", domain::UnknownValue(static_cast<int>(request->format()))));
  }
  domain::FunderReportQuery query = QueryFromProto(request->report());
  query.field_prefix = "report.";
  auto file = reports_.Export(call, query, format);
  if (!file.ok()) return ToGrpcStatus(file.status());
  response->set_file_name(file->file_name);
  response->set_content_type(file->content_type);
  response->set_content(file->content);
  return grpc::Status::OK;
}

}  // namespace trainhub::api
