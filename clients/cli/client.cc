#include "clients/cli/client.h"

#include <fcntl.h>
#include <fmt/core.h>
#include <google/protobuf/util/json_util.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <optional>
#include <random>
#include <regex>

#include "clients/cli/format.h"
#include "clients/cli/messages.h"
#include "trainhub/v1/common.pb.h"
#include "wire/strict_parse.h"

namespace trainhub::cli {
namespace {

// Creates carry a request_id, so every method may be retried when the
// server was briefly unavailable.
constexpr char kServiceConfig[] = R"json({
  "methodConfig": [{
    "name": [{"service": "trainhub.v1.OrganizationService"},
             {"service": "trainhub.v1.TrainerService"},
             {"service": "trainhub.v1.SeriesService"},
             {"service": "trainhub.v1.ScheduleService"}],
    "retryPolicy": {
      "maxAttempts": 3,
      "initialBackoff": "0.2s",
      "maxBackoff": "1s",
      "backoffMultiplier": 2,
      "retryableStatusCodes": ["UNAVAILABLE"]
    }
  }]
})json";

// Path of the first string field (recursively) that is not UTF-8, or "".
std::string FindInvalidUtf8(const google::protobuf::Message& message, const std::string& prefix) {
  const auto* reflection = message.GetReflection();
  std::vector<const google::protobuf::FieldDescriptor*> fields;
  reflection->ListFields(message, &fields);
  for (const auto* field : fields) {
    const std::string path = prefix.empty() ? field->name() : prefix + "." + field->name();
    using FD = google::protobuf::FieldDescriptor;
    if (field->type() == FD::TYPE_STRING) {
      if (field->is_repeated()) {
        for (int i = 0; i < reflection->FieldSize(message, field); ++i) {
          if (!wire::IsValidUtf8(reflection->GetRepeatedString(message, field, i))) {
            return fmt::format("{}[{}]", path, i);
          }
        }
      } else if (!wire::IsValidUtf8(reflection->GetString(message, field))) {
        return path;
      }
    } else if (field->type() == FD::TYPE_MESSAGE) {
      if (field->is_repeated()) {
        for (int i = 0; i < reflection->FieldSize(message, field); ++i) {
          std::string bad = FindInvalidUtf8(reflection->GetRepeatedMessage(message, field, i),
                                            fmt::format("{}[{}]", path, i));
          if (!bad.empty()) return bad;
        }
      } else {
        std::string bad = FindInvalidUtf8(reflection->GetMessage(message, field), path);
        if (!bad.empty()) return bad;
      }
    }
  }
  return "";
}

}  // namespace

grpc::Status Client::CheckUtf8(const google::protobuf::Message& request) {
  const std::string bad = FindInvalidUtf8(request, "");
  if (bad.empty()) return grpc::Status::OK;
  return grpc::Status(grpc::StatusCode::INVALID_ARGUMENT, fmt::format(msg::kBadUtf8, bad));
}

Client::Client(std::string server, Printer& printer, std::string token, Transport transport,
               Stubs stubs)
    : server_(std::move(server)),
      printer_(printer),
      token_(std::move(token)),
      language_(UserLanguage()),
      transport_(std::move(transport)),
      stubs_(std::move(stubs)) {}

void Client::AddMetadata(grpc::ClientContext& context) const {
  if (!token_.empty()) context.AddMetadata("authorization", "Bearer " + token_);
  if (!language_.empty()) context.AddMetadata("accept-language", language_);
}

std::string UserLanguage() {
  for (const char* name : {"LC_ALL", "LC_MESSAGES", "LANG"}) {
    const char* value = std::getenv(name);
    if (value == nullptr || *value == '\0') continue;
    std::string locale(value);
    locale = locale.substr(0, locale.find_first_of(".@"));  // "de_DE.UTF-8@euro"
    if (locale == "C" || locale == "POSIX") return "";
    std::replace(locale.begin(), locale.end(), '_', '-');
    // A header value may hold letters, digits and '-' here; anything else
    // is no language tag.
    if (locale.empty() || locale.size() > 35 ||
        !std::all_of(locale.begin(), locale.end(),
                     [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '-'; })) {
      return "";
    }
    return locale;
  }
  return "";
}

std::shared_ptr<grpc::Channel> Client::Channel() {
  if (!channel_) {
    grpc::ChannelArguments args;
    args.SetServiceConfigJSON(kServiceConfig);
    std::shared_ptr<grpc::ChannelCredentials> credentials = grpc::InsecureChannelCredentials();
    if (transport_.tls) {
      grpc::SslCredentialsOptions ssl;
      ssl.pem_root_certs = transport_.ca_pem;
      credentials = grpc::SslCredentials(ssl);
    }
    channel_ = grpc::CreateCustomChannel(server_, credentials, args);
  }
  return channel_;
}

std::string TokenPath() {
  std::string base;
  if (const char* xdg = std::getenv("XDG_CONFIG_HOME"); xdg && *xdg) {
    base = xdg;
  } else if (const char* home = std::getenv("HOME"); home && *home) {
    base = std::string(home) + "/.config";
  } else {
    base = ".";
  }
  return base + "/trainhub/token";
}

std::string LoadToken() {
  if (const char* env = std::getenv("TRAINHUB_TOKEN"); env && *env) return env;
  std::ifstream in(TokenPath());
  std::string token;
  std::getline(in, token);
  return token;
}

bool SaveToken(const std::string& token) {
  const std::filesystem::path path = TokenPath();
  std::error_code ignored;
  std::filesystem::create_directories(path.parent_path(), ignored);
  ::chmod(path.parent_path().c_str(), 0700);
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  if (fd < 0) return false;
  ::fchmod(fd, 0600);
  const std::string line = token + "\n";
  const bool written = ::write(fd, line.data(), line.size()) == static_cast<ssize_t>(line.size());
  return ::close(fd) == 0 && written;
}

void ForgetToken() {
  std::error_code ignored;
  std::filesystem::remove(TokenPath(), ignored);
}

std::string NewRequestId() {
  std::random_device device;
  std::uniform_int_distribution<uint64_t> dist;
  return fmt::format("cli-{:016x}{:016x}", dist(device), dist(device));
}

}  // namespace trainhub::cli
