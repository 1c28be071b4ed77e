#include "api/file_stream.h"

#include <grpcpp/support/sync_stream.h>
#include <stdlib.h>

namespace trainhub::api {

namespace {

// Parts of a streamed file: well below gRPC's 4 MB message limit.
constexpr size_t kFileChunkBytes = 256 * 1024;

}  // namespace

absl::StatusOr<PrivateTempDir> PrivateTempDir::Make(const std::string& prefix) {
  std::error_code error;
  std::string pattern =
      (std::filesystem::temp_directory_path(error) / (prefix + "-XXXXXX")).string();
  if (error || mkdtemp(pattern.data()) == nullptr) {  // mkdtemp makes it 0700
    return absl::InternalError("cannot make a temporary directory");
  }
  return PrivateTempDir(pattern);
}

PrivateTempDir::~PrivateTempDir() {
  if (path_.empty()) return;
  std::error_code ignored;
  std::filesystem::remove_all(path_, ignored);
}

grpc::Status SendFileChunks(grpc::ServerContext& context,
                            grpc::ServerWriter<trainhub::v1::FileChunk>& writer, std::istream& in,
                            const std::string& file_name, const std::string& content_type) {
  trainhub::v1::FileChunk chunk;
  chunk.set_file_name(file_name);
  chunk.set_content_type(content_type);
  std::string buffer(kFileChunkBytes, '\0');
  while (in) {
    in.read(buffer.data(), static_cast<std::streamsize>(buffer.size()));
    const std::streamsize n = in.gcount();
    if (n <= 0) break;
    chunk.set_data(buffer.data(), static_cast<size_t>(n));
    if (context.IsCancelled() || !writer.Write(chunk)) {
      return grpc::Status(grpc::StatusCode::CANCELLED, "the download was cancelled");
    }
    chunk.clear_file_name();
    chunk.clear_content_type();
  }
  return grpc::Status::OK;
}

}  // namespace trainhub::api
