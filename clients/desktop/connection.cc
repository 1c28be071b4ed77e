#include "clients/desktop/connection.h"

#include <mutex>
#include <random>

#include "wire/server_address.h"

namespace trainhub::desktop {

namespace v1 = trainhub::v1;

namespace {

std::mutex language_mutex;
std::string& Language() {
  static auto* language = new std::string();
  return *language;
}

}  // namespace

void Connection::SetLanguage(std::string language) {
  std::lock_guard lock(language_mutex);
  Language() = std::move(language);
}

Connection::Connection(Settings settings) : settings_(std::move(settings)) {
  std::shared_ptr<grpc::ChannelCredentials> credentials;
  if (settings_.tls) {
    grpc::SslCredentialsOptions ssl;
    ssl.pem_root_certs = settings_.ca_pem;
    credentials = grpc::SslCredentials(ssl);
  } else {
    credentials = grpc::InsecureChannelCredentials();
  }
  grpc::ChannelArguments arguments;
  // A stopped server is noticed within seconds, and found again as soon as
  // it is back (the offline queue's resend depends on it).
  arguments.SetInt(GRPC_ARG_INITIAL_RECONNECT_BACKOFF_MS, 200);
  arguments.SetInt(GRPC_ARG_MAX_RECONNECT_BACKOFF_MS, 2000);
  arguments.SetMaxReceiveMessageSize(64 * 1024 * 1024);
  // "127.0.0.1" means trainhubd's default port, as in the CLI.
  channel_ = grpc::CreateCustomChannel(
      wire::ServerTarget(settings_.address).value_or(settings_.address), credentials, arguments);
  accounts_ = v1::AccountService::NewStub(channel_);
  attendance_ = v1::AttendanceService::NewStub(channel_);
  certificates_ = v1::CertificateService::NewStub(channel_);
  enrolments_ = v1::EnrolmentService::NewStub(channel_);
  organizations_ = v1::OrganizationService::NewStub(channel_);
  participants_ = v1::ParticipantService::NewStub(channel_);
  privacy_ = v1::PrivacyService::NewStub(channel_);
  reports_ = v1::ReportService::NewStub(channel_);
  schedule_ = v1::ScheduleService::NewStub(channel_);
  series_ = v1::SeriesService::NewStub(channel_);
  trainers_ = v1::TrainerService::NewStub(channel_);
}

void Connection::SetToken(std::string token) {
  std::lock_guard lock(mutex_);
  token_ = std::move(token);
}

std::string Connection::token() const {
  std::lock_guard lock(mutex_);
  return token_;
}

void Connection::CancelAll() {
  std::lock_guard lock(mutex_);
  for (grpc::ClientContext* context : running_) context->TryCancel();
}

void Connection::Prepare(grpc::ClientContext& context, std::chrono::seconds deadline) const {
  context.set_deadline(std::chrono::system_clock::now() + deadline);
  const std::string bearer = token();
  if (!bearer.empty()) context.AddMetadata("authorization", "Bearer " + bearer);
  std::string language;
  {
    std::lock_guard lock(language_mutex);
    language = Language();
  }
  if (!language.empty()) context.AddMetadata("accept-language", language);
}

Connection::Registration::Registration(Connection& owner, grpc::ClientContext* context)
    : owner_(owner), context_(context) {
  std::lock_guard lock(owner_.mutex_);
  owner_.running_.insert(context_);
}

Connection::Registration::~Registration() {
  std::lock_guard lock(owner_.mutex_);
  owner_.running_.erase(context_);
}

std::string NewRequestId() {
  std::random_device device;
  std::uniform_int_distribution<uint64_t> dist;
  char text[48];
  std::snprintf(text, sizeof text, "desktop-%016llx%016llx",
                static_cast<unsigned long long>(dist(device)),
                static_cast<unsigned long long>(dist(device)));
  return text;
}

}  // namespace trainhub::desktop
