#include "api/admin_service.h"

#include <fstream>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "api/file_stream.h"
#include "api/handler_util.h"

namespace trainhub::api {

grpc::Status AdminServiceImpl::BackupDatabase(grpc::ServerContext* context,
                                              const v1::BackupDatabaseRequest* request,
                                              grpc::ServerWriter<v1::FileChunk>* writer) {
  TH_ADMIT(call, *context, request, v1::AdminService::service_full_name(), "BackupDatabase");
  // The copy is made in a directory only this process can read and removed
  // before the first part is sent (the open stream keeps the data).
  std::ifstream copy;
  {
    absl::StatusOr<PrivateTempDir> directory = PrivateTempDir::Make("trainhub-backup");
    if (!directory.ok()) return ToGrpcStatus(directory.status());
    const std::filesystem::path path = directory->path() / "trainhub.db";
    if (absl::Status copied = maintenance_.BackupTo(call.who, path.string()); !copied.ok()) {
      return ToGrpcStatus(copied);
    }
    copy.open(path, std::ios::binary);
    if (!copy) return ToGrpcStatus(absl::InternalError("cannot read the backup written"));
  }
  const std::string name = absl::StrCat(
      "trainhub-", absl::FormatTime("%Y-%m-%d-%H%M%S", absl::Now(), absl::UTCTimeZone()), ".db");
  return SendFileChunks(*context, *writer, copy, name, "application/vnd.sqlite3");
}

}  // namespace trainhub::api
