#include "api/privacy_service.h"

#include "api/file_stream.h"
#include "api/handler_util.h"

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
          "format", absl::StrCat("unknown value ", static_cast<int>(request->format()))));
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

}  // namespace trainhub::api
