#include "clients/cli/client.h"

#include <fcntl.h>
#include <fmt/core.h>
#include <google/protobuf/util/json_util.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
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

Client::Client(std::string server, OutputFormat format, std::string token, Transport transport)
    : server_(std::move(server)),
      format_(format),
      token_(std::move(token)),
      transport_(std::move(transport)) {}

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

trainhub::v1::AccountService::Stub& Client::accounts() {
  if (!accounts_) accounts_ = trainhub::v1::AccountService::NewStub(Channel());
  return *accounts_;
}

trainhub::v1::OrganizationService::Stub& Client::organizations() {
  if (!organizations_) organizations_ = trainhub::v1::OrganizationService::NewStub(Channel());
  return *organizations_;
}

trainhub::v1::TrainerService::Stub& Client::trainers() {
  if (!trainers_) trainers_ = trainhub::v1::TrainerService::NewStub(Channel());
  return *trainers_;
}

trainhub::v1::SeriesService::Stub& Client::series() {
  if (!series_) series_ = trainhub::v1::SeriesService::NewStub(Channel());
  return *series_;
}

trainhub::v1::ScheduleService::Stub& Client::schedule() {
  if (!schedule_) schedule_ = trainhub::v1::ScheduleService::NewStub(Channel());
  return *schedule_;
}

std::string InCliWords(const std::string& text) {
  // A field path ("session.end_time", "series.partner_organization_ids[1]"),
  // a snake_case field ("allow_overlap"), or before a colon a single field
  // name ("id: ..."), optionally after "set ".
  static const std::regex kField(
      R"((\bset )?\b([a-z][a-z0-9]*(?:\[\d+\])?(?:[._][a-z0-9]+(?:\[\d+\])?)*)(?=(:)?))");
  static const std::regex kIndex(R"(\[\d+\])");
  constexpr const char* kRequestMessages[] = {"series",       "session", "module",
                                              "organization", "trainer", "participant",
                                              "account",      "cohort",  "qualification"};
  // `named`: the word stands where only a field can (before a colon, after "set").
  auto word_for = [&](const std::string& raw, bool named) -> std::optional<std::string> {
    const std::string path = std::regex_replace(raw, kIndex, "");
    for (const auto& [field, word] : msg::kCliWordForField) {
      const std::string f = field;
      if (path == f || (path.size() > f.size() && path.ends_with("." + f))) {
        if (path == f && f.find('_') == std::string::npos && !named) return std::nullopt;
        return std::string(word);
      }
    }
    const size_t dot = path.find('.');
    const bool message_path = dot != std::string::npos &&
                              std::find(std::begin(kRequestMessages), std::end(kRequestMessages),
                                        path.substr(0, dot)) != std::end(kRequestMessages);
    const bool snake_field = dot == std::string::npos && path.find('_') != std::string::npos;
    if (!message_path && !snake_field) return std::nullopt;
    std::string last = path.substr(path.rfind('.') == std::string::npos ? 0 : path.rfind('.') + 1);
    std::replace(last.begin(), last.end(), '_', '-');
    return "--" + last;
  };
  std::string out;
  size_t copied = 0;
  for (auto it = std::sregex_iterator(text.begin(), text.end(), kField);
       it != std::sregex_iterator(); ++it) {
    const std::smatch& m = *it;
    const size_t at = m.position(2);
    // Parts of e-mail addresses, method names and host names stay.
    if (at > 0 && (text[at - 1] == '@' || text[at - 1] == '/' || text[at - 1] == '.' ||
                   text[at - 1] == '-')) {
      continue;
    }
    const std::optional<std::string> word = word_for(m[2].str(), m[3].matched || m[1].matched);
    if (!word) continue;
    if (word->empty()) {
      // An argument: drop "field: " (the message names the object itself).
      if (!m[3].matched) continue;
      out.append(text, copied, m.position(0) - copied);
      copied = m.position(0) + m.length(0) + 1;
      while (copied < text.size() && text[copied] == ' ') ++copied;
      continue;
    }
    out.append(text, copied, m.position(0) - copied);
    if (m[1].matched) out += word->starts_with("--") ? "pass " : m[1].str();
    out += *word;
    copied = m.position(0) + m.length(0);
  }
  out.append(text, copied, std::string::npos);
  return out;
}

int Client::Report(const grpc::Status& status) const {
  switch (status.error_code()) {
    case grpc::StatusCode::UNAVAILABLE:
    case grpc::StatusCode::DEADLINE_EXCEEDED:
      std::cerr << msg::kErrorPrefix
                << fmt::format(msg::kUnreachable, server_, status.error_message()) << "\n";
      return kExitUnreachable;
    default:
      break;
  }
  trainhub::v1::ErrorDetails details;
  if (!status.error_details().empty()) details.ParseFromString(status.error_details());
  if (status.error_code() == grpc::StatusCode::UNAUTHENTICATED) {
    std::cerr << msg::kErrorPrefix << status.error_message() << "\n" << msg::kLoginHint << "\n";
    return kExitDenied;
  }
  std::cerr << msg::kErrorPrefix
            << (details.field_violations_size() > 1 ? msg::kRequestRejected
                                                    : InCliWords(status.error_message()))
            << "\n";
  {
    if (details.field_violations_size() > 1) {
      for (const auto& v : details.field_violations()) {
        std::string field = InCliWords(v.field() + ":");
        field.pop_back();
        std::cerr << fmt::format(msg::kFieldLine, field, InCliWords(v.description())) << "\n";
      }
    }
    if (details.conflicting_session_id() != 0) {
      std::cerr << fmt::format(msg::kConflictLine, details.conflicting_session_id(),
                               details.conflicting_session_id())
                << "\n";
    }
  }
  switch (status.error_code()) {
    case grpc::StatusCode::NOT_FOUND:
      return kExitNotFound;
    case grpc::StatusCode::INVALID_ARGUMENT:
    case grpc::StatusCode::FAILED_PRECONDITION:
    case grpc::StatusCode::ALREADY_EXISTS:
    case grpc::StatusCode::OUT_OF_RANGE:
    case grpc::StatusCode::ABORTED:
      return kExitRejected;
    case grpc::StatusCode::UNAUTHENTICATED:
    case grpc::StatusCode::PERMISSION_DENIED:
      return kExitDenied;
    default:
      return kExitOther;
  }
}

std::string ToJson(const google::protobuf::Message& message) {
  google::protobuf::util::JsonPrintOptions options;
  options.preserve_proto_field_names = true;
  options.always_print_primitive_fields = true;
  std::string json;
  (void)google::protobuf::util::MessageToJsonString(message, &json, options);
  return json;
}

void Client::PrintJson(const google::protobuf::Message& message) const {
  std::cout << ToJson(message) << "\n";
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
