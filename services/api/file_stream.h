#ifndef TRAINHUB_SERVICES_API_FILE_STREAM_H_
#define TRAINHUB_SERVICES_API_FILE_STREAM_H_

// Files made for a download and sent as a stream of FileChunk parts.

#include <grpcpp/grpcpp.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "absl/status/statusor.h"
#include "trainhub/v1/certificate.pb.h"

namespace trainhub::api {

// A directory of its own (0700) under the system's temporary directory,
// removed with all it holds when destroyed.
class PrivateTempDir {
 public:
  // INTERNAL when none can be made.
  static absl::StatusOr<PrivateTempDir> Make(const std::string& prefix);
  PrivateTempDir(PrivateTempDir&& other) noexcept : path_(std::move(other.path_)) {
    other.path_.clear();
  }
  PrivateTempDir(const PrivateTempDir&) = delete;
  PrivateTempDir& operator=(const PrivateTempDir&) = delete;
  ~PrivateTempDir();
  const std::filesystem::path& path() const { return path_; }

 private:
  explicit PrivateTempDir(std::filesystem::path path) : path_(std::move(path)) {}
  std::filesystem::path path_;
};

// Sends what `in` holds in parts of 256 KB, the first with `file_name` and
// `content_type`. CANCELLED when the client went away.
grpc::Status SendFileChunks(grpc::ServerContext& context,
                            grpc::ServerWriter<trainhub::v1::FileChunk>& writer, std::istream& in,
                            const std::string& file_name, const std::string& content_type);

}  // namespace trainhub::api

#endif  // TRAINHUB_SERVICES_API_FILE_STREAM_H_
