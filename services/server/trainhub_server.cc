#include "server/trainhub_server.h"

#include <grpcpp/ext/proto_server_reflection_plugin.h>
#include <grpcpp/health_check_service_interface.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <sodium.h>
#include <spdlog/spdlog.h>

#include <filesystem>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/clock.h"
#include "api/account_service.h"
#include "api/admin_service.h"
#include "api/localization.h"
#include "api/attendance_service.h"
#include "api/audit_service.h"
#include "api/certificate_service.h"
#include "api/enrolment_service.h"
#include "api/organization_service.h"
#include "api/participant_service.h"
#include "api/privacy_service.h"
#include "api/report_service.h"
#include "api/request_log.h"
#include "api/schedule_service.h"
#include "api/series_service.h"
#include "api/trainer_service.h"
#include "mail/maildir_transport.h"
#include "mail/mime_message.h"
#include "mail/smtp_transport.h"
#include "server/issuer_key_file.h"
#include "store/connection.h"

namespace trainhub::server {
namespace {

// Threads of the gRPC server that wait for calls: at least this many, and
// at most kMaxWaitingThreads idle ones (more run while more calls do).
constexpr int kMinWaitingThreads = 2;
constexpr int kMaxWaitingThreads = 32;

// FAILED_PRECONDITION unless `key_pem` is a private key whose public half
// is in the first certificate of `cert_pem`.
absl::Status CheckTlsKeyPair(const std::string& cert_pem, const std::string& key_pem) {
  std::unique_ptr<BIO, decltype(&BIO_free)> cert_bio(
      BIO_new_mem_buf(cert_pem.data(), static_cast<int>(cert_pem.size())), BIO_free);
  std::unique_ptr<BIO, decltype(&BIO_free)> key_bio(
      BIO_new_mem_buf(key_pem.data(), static_cast<int>(key_pem.size())), BIO_free);
  std::unique_ptr<X509, decltype(&X509_free)> cert(
      PEM_read_bio_X509(cert_bio.get(), nullptr, nullptr, nullptr), X509_free);
  if (!cert) return absl::FailedPreconditionError("the TLS certificate is not a PEM certificate");
  std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)> key(
      PEM_read_bio_PrivateKey(key_bio.get(), nullptr, nullptr, nullptr), EVP_PKEY_free);
  if (!key) {
    return absl::FailedPreconditionError("the TLS key is not an unencrypted PEM private key");
  }
  if (X509_check_private_key(cert.get(), key.get()) != 1) {
    return absl::FailedPreconditionError(
        "the TLS key does not belong to the TLS certificate (give the key the certificate was "
        "made for)");
  }
  return absl::OkStatus();
}

bool UsesTls(const ServerOptions& options) {
  return !options.tls_cert_pem.empty() || !options.tls_key_pem.empty();
}

// FAILED_PRECONDITION for options that would let passwords, tokens or the
// verification page cross the network unprotected, and for a TLS key that
// is missing or not the certificate's.
absl::Status RefuseUnsafeOptions(const ServerOptions& options) {
  const bool tls = UsesTls(options);
  if (tls && (options.tls_cert_pem.empty() || options.tls_key_pem.empty())) {
    return absl::FailedPreconditionError("TLS needs both a certificate and its key");
  }
  if (!tls && !options.listen_address.empty() && !IsLoopbackAddress(options.listen_address) &&
      !options.allow_insecure_remote) {
    return absl::FailedPreconditionError(
        absl::StrCat("refusing to serve ", options.listen_address,
                     " without TLS: passwords and tokens would cross the network in clear. Give "
                     "--tls-cert and --tls-key, listen on a loopback address, or pass "
                     "--allow-insecure-remote if this is really intended"));
  }
  if (!tls && !options.verify_listen_address.empty() &&
      !IsLoopbackAddress(options.verify_listen_address) && !options.allow_insecure_remote) {
    return absl::FailedPreconditionError(absl::StrCat(
        "refusing to serve the verification page on ", options.verify_listen_address,
        " without TLS: anyone on the way could show a forged answer. Give --tls-cert and "
        "--tls-key, listen on a loopback address (behind a TLS proxy), or pass "
        "--allow-insecure-remote if this is really intended"));
  }
  if (tls) return CheckTlsKeyPair(options.tls_cert_pem, options.tls_key_pem);
  return absl::OkStatus();
}

std::shared_ptr<grpc::ServerCredentials> ListeningCredentials(const ServerOptions& options) {
  if (!UsesTls(options)) return grpc::InsecureServerCredentials();
  grpc::SslServerCredentialsOptions ssl;
  ssl.pem_key_cert_pairs.push_back({options.tls_key_pem, options.tls_cert_pem});
  return grpc::SslServerCredentials(ssl);
}

}  // namespace

bool IsLoopbackAddress(absl::string_view listen_address) {
  absl::string_view host = listen_address;
  if (absl::ConsumePrefix(&host, "[")) {
    host = host.substr(0, host.find(']'));
    return host == "::1";
  }
  host = host.substr(0, host.rfind(':'));
  if (host == "localhost") return true;
  if (!absl::ConsumePrefix(&host, "127.")) return false;
  int dots = 0;
  for (char c : host) {
    if (c == '.') {
      ++dots;
    } else if (c < '0' || c > '9') {
      return false;
    }
  }
  return dots == 2;
}

void TrainhubServer::BuildServices() {
  domain::Store& data = *store_;
  organizations_ = std::make_unique<domain::Organizations>(data);
  trainers_ = std::make_unique<domain::Trainers>(data);
  series_ = std::make_unique<domain::SeriesPlanning>(data);
  sessions_ = std::make_unique<domain::SessionPlanning>(data);
  schedules_ = std::make_unique<domain::Schedules>(data);
  calendars_ = std::make_unique<domain::CalendarExport>(data);
  accounts_ = std::make_unique<domain::Accounts>(data);
  audit_ = std::make_unique<domain::AuditLog>(data);
  participants_ = std::make_unique<domain::Participants>(data);
  import_ = std::make_unique<domain::ParticipantImport>(data);
  enrolments_ = std::make_unique<domain::Enrolments>(data);
  attendance_recording_ = std::make_unique<domain::AttendanceRecording>(data);
  check_in_ = std::make_unique<domain::SelfCheckIn>(data);
  attendance_reports_ = std::make_unique<domain::AttendanceReports>(data);
  completion_ = std::make_unique<domain::Completion>(data);
  certificate_verifier_ =
      std::make_unique<domain::CertificateVerifier>(data, *issuer_key_, verify_url_base_);
  certificate_issuing_ =
      std::make_unique<domain::CertificateIssuing>(data, *issuer_key_, *certificate_verifier_);
  certificate_archive_ =
      std::make_unique<domain::CertificateArchive>(data, *issuer_key_, *certificate_verifier_);
  maintenance_ = std::make_unique<domain::Maintenance>(data);
  reports_ = std::make_unique<domain::FunderReports>(data);
  privacy_ = std::make_unique<domain::Privacy>(data, *issuer_key_, *accounts_);
  auth_ = std::make_unique<api::Authenticator>(*accounts_);
  api::Authenticator& auth = *auth_;
  services_.push_back(std::make_unique<api::AccountServiceImpl>(*accounts_, *audit_, auth));
  services_.push_back(std::make_unique<api::AuditServiceImpl>(*audit_, auth));
  services_.push_back(std::make_unique<api::ReportServiceImpl>(*reports_, auth));
  services_.push_back(std::make_unique<api::PrivacyServiceImpl>(*privacy_, auth));
  services_.push_back(std::make_unique<api::AdminServiceImpl>(*maintenance_, auth));
  services_.push_back(
      std::make_unique<api::ParticipantServiceImpl>(*participants_, *import_, auth));
  services_.push_back(std::make_unique<api::EnrolmentServiceImpl>(*enrolments_, auth));
  services_.push_back(std::make_unique<api::AttendanceServiceImpl>(
      *attendance_recording_, *check_in_, *attendance_reports_, auth));
  services_.push_back(std::make_unique<api::CertificateServiceImpl>(
      *completion_, *certificate_issuing_, *certificate_archive_, *certificate_verifier_, auth));
  services_.push_back(std::make_unique<api::OrganizationServiceImpl>(*organizations_, auth));
  services_.push_back(std::make_unique<api::TrainerServiceImpl>(*trainers_, auth));
  services_.push_back(std::make_unique<api::SeriesServiceImpl>(*series_, *sessions_, auth));
  services_.push_back(std::make_unique<api::ScheduleServiceImpl>(*schedules_, *calendars_, auth));
}

absl::StatusOr<std::unique_ptr<TrainhubServer>> TrainhubServer::Start(
    const ServerOptions& options) {
  // Debian builds abseil with assertions, which makes every absl::Mutex
  // (gRPC's locks) record a lock graph under one global lock: measured as
  // a cost of every call at 8 client threads.
  absl::SetMutexDeadlockDetectionMode(absl::OnDeadlockCycle::kIgnore);
  if (absl::Status unsafe = RefuseUnsafeOptions(options); !unsafe.ok()) return unsafe;
  if (sodium_init() < 0) return absl::InternalError("libsodium failed to start");
  std::unique_ptr<store::DatabaseLock> database_lock;
  if (!store::IsInMemory(options.db_path)) {
    auto locked = store::DatabaseLock::Acquire(options.db_path);
    if (!locked.ok()) return locked.status();
    database_lock = *std::move(locked);
  }
  auto store = store::SqliteStore::Open(options.db_path, options.read_connections);
  if (!store.ok()) return store.status();

  auto issuer_key = LoadOrCreateIssuerKey(IssuerKeyPathFor(options.db_path));
  if (!issuer_key.ok()) return issuer_key.status();

  std::unique_ptr<TrainhubServer> server(new TrainhubServer());
  server->database_lock_ = std::move(database_lock);
  server->store_ = *std::move(store);
  server->issuer_key_ = *std::move(issuer_key);
  server->verify_url_base_ = options.verify_url_base;
  server->BuildServices();
  if (absl::Status key = server->certificate_issuing_->RegisterIssuerKey(); !key.ok()) return key;
  if (absl::Status s = server->SealIntegrityAtStart(); !s.ok()) return s;
  if (absl::Status grpc = server->StartGrpc(options); !grpc.ok()) return grpc;
  if (absl::Status pages = server->StartWebPages(options); !pages.ok()) return pages;
  if (absl::Status mail = server->StartMail(options); !mail.ok()) return mail;
  server->server_->GetHealthCheckService()->SetServingStatus(true);
  return server;
}

absl::Status TrainhubServer::StartGrpc(const ServerOptions& options) {
  grpc::EnableDefaultHealthCheckService(true);
  grpc::reflection::InitProtoReflectionServerBuilderPlugin();
  grpc::ServerBuilder builder;
  // gRPC turns SO_REUSEPORT on by default: a second server on the same port
  // would then share it and answer from another database.
  builder.AddChannelArgument(GRPC_ARG_ALLOW_REUSEPORT, 0);
  // A thread that has answered a call goes back to waiting for the next
  // one unless kMaxWaitingThreads already wait; gRPC's default of two made
  // every call beyond two at once start a thread and end one (measured
  // with 8 clients: 10 times the threads started, and a token check took
  // 0.70 of the health check's rate instead of 0.86).
  builder.SetSyncServerOption(grpc::ServerBuilder::SyncServerOption::MIN_POLLERS,
                              kMinWaitingThreads);
  builder.SetSyncServerOption(grpc::ServerBuilder::SyncServerOption::MAX_POLLERS,
                              kMaxWaitingThreads);
  if (!options.listen_address.empty()) {
    builder.AddListeningPort(options.listen_address, ListeningCredentials(options), &port_);
  }
  for (auto& service : services_) builder.RegisterService(service.get());
  start_time_ = absl::Now();
  ServerMetrics* metrics = &metrics_;
  store_->SetCommitObserver(
      [metrics](size_t units, double seconds) { metrics->ObserveCommit(units, seconds); });
  InterceptCalls(builder);
  server_ = builder.BuildAndStart();
  if (!server_ || (!options.listen_address.empty() && port_ == 0)) {
    return absl::UnavailableError(absl::StrCat(
        "cannot listen on ", options.listen_address,
        ": the address is in use (is another trainhubd running?) or is not a local address"));
  }
  return absl::OkStatus();
}

void TrainhubServer::InterceptCalls(grpc::ServerBuilder& builder) {
  std::vector<std::unique_ptr<grpc::experimental::ServerInterceptorFactoryInterface>> interceptors;
  ServerMetrics* metrics = &metrics_;
  auto request_log = std::make_unique<api::RequestLogFactory>(
      *accounts_, *audit_,
      [metrics](const std::string& method, grpc::StatusCode code, double seconds) {
        metrics->ObserveRpc(method, static_cast<int>(code), seconds);
      });
  request_log_ = request_log.get();  // owned by the server builder, then gRPC
  interceptors.push_back(std::move(request_log));
  interceptors.push_back(std::make_unique<api::LocalizeFactory>());
  builder.experimental().SetInterceptorCreators(std::move(interceptors));
}

absl::Status TrainhubServer::StartWebPages(const ServerOptions& options) {
  if (!options.verify_listen_address.empty()) {
    VerificationServerOptions page;
    page.listen_address = options.verify_listen_address;
    page.tls_cert_pem = options.tls_cert_pem;
    page.tls_key_pem = options.tls_key_pem;
    auto verification = VerificationServer::Start(*certificate_verifier_, page);
    if (!verification.ok()) return verification.status();
    verification_ = *std::move(verification);
  }
  if (!options.metrics_listen_address.empty()) {
    auto metrics_server =
        MetricsServer::Start(options.metrics_listen_address, [this] { return RenderMetrics(); });
    if (!metrics_server.ok()) return metrics_server.status();
    metrics_server_ = *std::move(metrics_server);
  }
  return absl::OkStatus();
}

absl::Status TrainhubServer::StartMail(const ServerOptions& options) {
  if (options.smtp_url.empty()) {
    if (store::IsInMemory(options.db_path) && options.maildir.empty()) return absl::OkStatus();
    const std::filesystem::path maildir =
        options.maildir.empty()
            ? std::filesystem::path(options.db_path).parent_path() / "mail"
            : std::filesystem::path(options.maildir);
    mail_transport_ = std::make_unique<mail::MaildirTransport>(maildir);
  } else {
    if (options.mail_from.empty()) {
      return absl::FailedPreconditionError(
          "--smtp-url needs --mail-from: the address notifications are sent from");
    }
    mail::SmtpOptions smtp;
    smtp.url = options.smtp_url;
    smtp.username = options.smtp_username;
    smtp.password = options.smtp_password;
    smtp.ca_file = options.smtp_ca_file;
    auto transport = mail::SmtpTransport::Create(std::move(smtp));
    if (!transport.ok()) return transport.status();
    mail_transport_ = *std::move(transport);
  }
  if (!options.mail_from.empty() && !mail::IsMailAddress(options.mail_from)) {
    return absl::FailedPreconditionError(
        absl::StrCat("--mail-from \"", options.mail_from, "\" is not an e-mail address"));
  }
  domain::MailDeliveryOptions delivery;
  delivery.from_address = options.mail_from.empty() ? "trainhub@trainhub.invalid" : options.mail_from;
  delivery.from_name = options.mail_from_name;
  mail_delivery_ = std::make_unique<domain::MailDelivery>(*store_, *mail_transport_, delivery);
  ServerMetrics* metrics = &metrics_;
  mail_loop_ = std::make_unique<MailDeliveryLoop>(
      *mail_delivery_, options.mail_poll, [metrics](const domain::DeliveryPass& pass) {
        metrics->ObserveDeliveries(pass.sent, pass.retrying, pass.given_up);
      });
  spdlog::info("notifications go to {}", mail_transport_->Describe());
  return absl::OkStatus();
}

absl::Status TrainhubServer::SealIntegrityAtStart() {
  if (absl::Status audit = audit_->SealRowsLeftOpen(); !audit.ok()) return audit;
  absl::StatusOr<domain::StatusBaseline> baseline = certificate_issuing_->SignStatusBaseline();
  if (!baseline.ok()) return baseline.status();
  if (baseline->signed_now && baseline->certificates > 0) {
    spdlog::warn(
        "signed the status of {} certificates ({} not valid) as stored now, and the "
        "certificate status list: the first start with signed statuses; this happens once",
        baseline->certificates, baseline->not_valid);
  }
  if (baseline->list_removed) {
    spdlog::error(
        "the certificate status list is missing although statuses were signed: it was removed "
        "outside trainhub; every certificate's status shows as not confirmed until the database "
        "is restored from a backup");
  }
  return absl::OkStatus();
}

TrainhubServer::~TrainhubServer() { Shutdown(absl::ZeroDuration()); }

std::shared_ptr<grpc::Channel> TrainhubServer::InProcessChannel() {
  return server_->InProcessChannel(grpc::ChannelArguments());
}

void TrainhubServer::Shutdown(absl::Duration grace) {
  if (shut_down_ || !server_) return;
  shut_down_ = true;
  server_->GetHealthCheckService()->SetServingStatus(false);
  // New calls are refused; calls in flight get up to `grace` to finish.
  // gRPC's own Shutdown would also wait out the grace for idle client
  // connections, so it is called once the calls are done.
  auth_->RefuseNewCalls();
  const absl::Time deadline = absl::Now() + grace;
  while (request_log_ != nullptr && request_log_->active_calls() > 0 && absl::Now() < deadline) {
    absl::SleepFor(absl::Milliseconds(10));
  }
  server_->Shutdown(absl::ToChronoTime(absl::Now() + absl::Milliseconds(100)));
  verification_.reset();
  metrics_server_.reset();
  if (mail_loop_) mail_loop_->Stop();
}

std::string TrainhubServer::RenderMetrics() const {
  ServerGauges gauges;
  gauges.rpcs_in_flight = request_log_ != nullptr ? request_log_->active_calls() : 0;
  gauges.writer_queue_depth = static_cast<int64_t>(store_->writer_queue_depth());
  gauges.cached_tokens = static_cast<int64_t>(accounts_->RememberedTokenCount());
  if (!store_->path().empty() && store_->path() != ":memory:") {
    std::error_code ignored;
    const auto db = std::filesystem::file_size(store_->path(), ignored);
    if (!ignored) gauges.database_bytes = static_cast<int64_t>(db);
    const auto wal = std::filesystem::file_size(store_->path() + "-wal", ignored);
    if (!ignored) gauges.wal_bytes = static_cast<int64_t>(wal);
  }
  gauges.resident_memory_bytes = ResidentMemoryBytes();
  gauges.start_time_seconds = absl::ToDoubleSeconds(start_time_ - absl::UnixEpoch());
  const absl::Status outbox = store_->Read([&](domain::ReadView& r) -> absl::Status {
    absl::StatusOr<domain::OutboxDepth> depth = r.notifications().Depth();
    if (!depth.ok()) return depth.status();
    gauges.outbox_pending = depth->pending;
    if (depth->oldest_due && *depth->oldest_due < absl::Now()) {
      gauges.outbox_oldest_pending_seconds = absl::ToDoubleSeconds(absl::Now() - *depth->oldest_due);
    }
    return absl::OkStatus();
  });
  if (!outbox.ok()) {
    spdlog::warn("metrics: cannot read the outbox: {}", std::string(outbox.message()));
  }
  return metrics_.Render(gauges);
}

absl::Status TrainhubServer::CloseDatabase() {
  Shutdown(absl::ZeroDuration());
  return store_->Close();
}

void TrainhubServer::Wait() {
  if (server_) server_->Wait();
}

}  // namespace trainhub::server
