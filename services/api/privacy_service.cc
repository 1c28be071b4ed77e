#include "api/privacy_service.h"

#include "absl/strings/str_format.h"
#include "api/convert_enrolment.h"
#include "api/file_stream.h"
#include "api/handler_util.h"
#include "api/page_token.h"

namespace trainhub::api {

grpc::Status PrivacyServiceImpl::ExportPersonalData(grpc::ServerContext* context,
                                                    const v1::ExportPersonalDataRequest* request,
                                                    grpc::ServerWriter<v1::FileChunk>* writer) {
  TH_ADMIT(call, *context, request, v1::PrivacyService::service_full_name(), "ExportPersonalData");
  domain::PersonalDataFormat format = domain::PersonalDataFormat::kJson;
  switch (request->format()) {
    case v1::PERSONAL_DATA_FORMAT_UNSPECIFIED:
    case v1::PERSONAL_DATA_FORMAT_JSON:
      break;
    case v1::PERSONAL_DATA_FORMAT_ZIP:
      format = domain::PersonalDataFormat::kZip;
      break;
    default:
      return ToGrpcStatus(domain::InvalidField(
          "format", domain::UnknownValue(static_cast<int>(request->format()))));
  }
  // Written in a directory of its own that only this process can read, and
  // removed before the first part is sent.
  std::ifstream exported;
  domain::PersonalDataFile file;
  {
    absl::StatusOr<PrivateTempDir> directory = PrivateTempDir::Make("trainhub-export");
    if (!directory.ok()) return ToGrpcStatus(directory.status());
    const std::filesystem::path path = directory->path() / "export";
    absl::StatusOr<domain::PersonalDataFile> written =
        privacy_.Export(call, request->participant_id(), format, path.string());
    if (!written.ok()) return ToGrpcStatus(written.status());
    file = *std::move(written);
    exported.open(path, std::ios::binary);  // the open stream keeps the data
    if (!exported) return ToGrpcStatus(absl::InternalError("cannot read the export written"));
  }
  return SendFileChunks(*context, *writer, exported, file.file_name, file.content_type);
}

grpc::Status PrivacyServiceImpl::ErasePersonalData(grpc::ServerContext* context,
                                                   const v1::ErasePersonalDataRequest* request,
                                                   v1::ErasePersonalDataResponse* response) {
  TH_ADMIT(call, *context, request, v1::PrivacyService::service_full_name(), "ErasePersonalData");
  domain::ErasureRequest erasure;
  erasure.participant_id = request->participant_id();
  erasure.reason = request->reason();
  erasure.override_retention = request->override_retention();
  erasure.key = KeyOf(call.who, *request);
  absl::StatusOr<domain::ErasureResult> result = privacy_.Erase(call, erasure);
  if (!result.ok()) return ToGrpcStatus(result.status());
  ToProto(result->person, response->mutable_participant());
  response->set_accounts_erased(result->erased.accounts);
  response->set_texts_erased(result->erased.texts);
  response->set_attendance_records_erased(result->attendance_texts);
  response->set_certificates_redacted(result->certificates);
  response->set_audit_addresses_erased(result->erased.audit_addresses);
  response->set_purge_pending(result->purge_pending);
  return grpc::Status::OK;
}

grpc::Status PrivacyServiceImpl::ListErasureDue(grpc::ServerContext* context,
                                                const v1::ListErasureDueRequest* request,
                                                v1::ListErasureDueResponse* response) {
  TH_ADMIT(call, *context, request, v1::PrivacyService::service_full_name(), "ListErasureDue");
  absl::StatusOr<domain::PageRequest> page =
      ReadPage(*request, request->page_size(), request->page_token());
  if (!page.ok()) return ToGrpcStatus(page.status());
  absl::StatusOr<domain::Page<domain::ErasureDue>> due =
      privacy_.ListErasureDue(call.who, request->organization_id(), *page);
  if (!due.ok()) return ToGrpcStatus(due.status());
  for (const domain::ErasureDue& d : due->items) {
    v1::ErasureDue* out = response->add_people();
    out->set_participant_id(d.participant_id);
    out->set_display_name(d.display_name);
    out->set_organization_id(d.organization_id);
    out->set_kept_until(absl::StrFormat("%04d-%02d-%02d", d.kept_until.year(), d.kept_until.month(),
                                        d.kept_until.day()));
    out->set_series_id(d.kept_for.series_id);
    out->set_series_title(d.kept_for.series_title);
    out->set_retention_years(d.kept_for.retention_years);
  }
  response->set_next_page_token(NextPageToken(*request, due->next));
  response->set_purge_pending(privacy_.PurgePending());
  return grpc::Status::OK;
}

}  // namespace trainhub::api
