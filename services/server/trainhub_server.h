#ifndef TRAINHUB_SERVICES_SERVER_TRAINHUB_SERVER_H_
#define TRAINHUB_SERVICES_SERVER_TRAINHUB_SERVER_H_

// The composition root: builds the store and the use cases, hands them to the
// gRPC services (services/api), and serves them with health checking,
// reflection and the request log. Used by trainhubd, the API tests and the
// benchmark.

#include <grpcpp/grpcpp.h>

#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "api/auth.h"
#include "api/request_log.h"
#include "domain/accounts/accounts.h"
#include "domain/accounts/audit.h"
#include "domain/attendance/attendance_recording.h"
#include "domain/attendance/attendance_reports.h"
#include "domain/attendance/self_check_in.h"
#include "domain/completion/certificate_archive.h"
#include "domain/completion/certificate_issuing.h"
#include "domain/completion/certificate_verifier.h"
#include "domain/completion/completion.h"
#include "domain/enrolment/enrolments.h"
#include "domain/enrolment/participant_import.h"
#include "domain/enrolment/participants.h"
#include "domain/maintenance.h"
#include "domain/planning/calendar_export.h"
#include "domain/planning/organizations.h"
#include "domain/planning/schedules.h"
#include "domain/planning/series_planning.h"
#include "domain/planning/session_planning.h"
#include "domain/planning/trainers.h"
#include "domain/privacy/privacy.h"
#include "domain/reports/funder_reports.h"
#include "domain/notifications/mail_delivery.h"
#include "server/mail_delivery_loop.h"
#include "server/metrics.h"
#include "server/metrics_server.h"
#include "server/verification_server.h"
#include "store/database_lock.h"
#include "store/sqlite_store.h"

namespace trainhub::server {

struct ServerOptions {
  // "host:port"; port 0 picks a free one. Empty: in-process channel only.
  std::string listen_address = "127.0.0.1:50051";
  std::string db_path = "trainhub.db";
  int read_connections = 4;
  // PEM contents; when both are set the server speaks only TLS.
  std::string tls_cert_pem;
  std::string tls_key_pem;
  // Without TLS the server listens only on loopback addresses, unless this
  // says that plaintext on the network is intended.
  bool allow_insecure_remote = false;
  // Where certificates are checked: the serial is appended (printed on
  // every certificate and in its QR code).
  std::string verify_url_base = "http://localhost:8080/c/";
  // "host:port" of the public verification web page (HTTP, or HTTPS with
  // the TLS files above; the same loopback rule); port 0 picks a free one.
  // Empty: no web page.
  std::string verify_listen_address;
  // "host:port" of the Prometheus metrics endpoint (GET /metrics, plain
  // HTTP, no account, no personal data); port 0 picks a free one. Empty:
  // none.
  std::string metrics_listen_address;

  // Where notification e-mail goes (docs/operations.md, "E-mail"):
  // "smtp://host:port" (STARTTLS, required beyond loopback) or
  // "smtps://host:port". Empty: written as .eml files into `maildir`.
  std::string smtp_url;
  std::string smtp_username;
  std::string smtp_password;  // read from a 0600 file or the environment, never a flag
  std::string smtp_ca_file;   // PEM CAs to trust instead of the system's
  std::string mail_from;      // sender address; required with smtp_url
  std::string mail_from_name = "trainhub";
  // Without smtp_url: the maildir; empty: "mail" beside the database file
  // (an in-memory database keeps its outbox and delivers nothing).
  std::string maildir;
  absl::Duration mail_poll = absl::Seconds(1);
};

// True for 127.0.0.0/8, [::1] and localhost (with a port).
bool IsLoopbackAddress(absl::string_view listen_address);

class TrainhubServer {
 public:
  // Locks and opens the database and starts serving. FAILED_PRECONDITION
  // for a plaintext non-loopback address (see ServerOptions), half a TLS
  // configuration, or a database another trainhubd has open; UNAVAILABLE
  // when the address cannot be bound; database errors as returned by the
  // store.
  static absl::StatusOr<std::unique_ptr<TrainhubServer>> Start(const ServerOptions& options);
  ~TrainhubServer();

  std::shared_ptr<grpc::Channel> InProcessChannel();
  // For bootstrapping and tests (e.g. the first admin account).
  domain::Accounts& accounts() { return *accounts_; }
  // For tests that serve the verification page beside the API's.
  domain::CertificateVerifier& certificate_verifier() { return *certificate_verifier_; }
  // For tests that sign the statuses of certificates they stored themselves.
  domain::CertificateIssuing& certificate_issuing() { return *certificate_issuing_; }
  // The database under the use cases, for benchmarks that measure it alone.
  domain::Store& store() { return *store_; }
  // The port actually bound (0 without a listen address).
  int port() const { return port_; }
  // The verification web page's port (0 without one).
  int verify_port() const { return verification_ ? verification_->port() : 0; }
  // Where notification e-mail goes ("maildir var/mail", "smtp://..."); ""
  // when nothing is delivered.
  std::string mail_destination() const {
    return mail_transport_ ? mail_transport_->Describe() : std::string();
  }
  // The metrics endpoint's port (0 without one).
  int metrics_port() const { return metrics_server_ ? metrics_server_->port() : 0; }
  // The metrics in Prometheus text format, as the endpoint serves them.
  std::string RenderMetrics() const;

  // Health turns NOT_SERVING, new calls are refused, in-flight calls may
  // finish within `grace` and are cancelled after it. Idempotent.
  void Shutdown(absl::Duration grace = absl::Seconds(10));
  // Blocks until Shutdown has completed.
  void Wait();
  // After Shutdown (done here if not yet): closes the database, leaving it
  // one complete file (store::SqliteStore::Close, whose refusal it
  // returns). The lock on the file is released when the server is
  // destroyed. Idempotent.
  absl::Status CloseDatabase();

 private:
  TrainhubServer() = default;
  // The use cases over store_ and the gRPC services over them.
  void BuildServices();
  // Chains audit rows a previous run left open and signs the certificate
  // statuses of a database that has none signed yet.
  absl::Status SealIntegrityAtStart();
  // Serves the gRPC services on options.listen_address (none when empty).
  absl::Status StartGrpc(const ServerOptions& options);
  // The request log (counting calls into metrics_) and the localisation of
  // refusals, around every call.
  void InterceptCalls(grpc::ServerBuilder& builder);
  // The verification page and the metrics, where the options ask for them.
  absl::Status StartWebPages(const ServerOptions& options);
  // The delivery of the notification outbox, by SMTP or into a maildir.
  absl::Status StartMail(const ServerOptions& options);

  // First, so it outlives everything that reports to it (the store's
  // writer thread commits until the store is gone).
  ServerMetrics metrics_;
  // Held while the database is open: one trainhubd per file. Released
  // after the store's connections are closed (see store::DatabaseLock).
  std::unique_ptr<store::DatabaseLock> database_lock_;
  std::unique_ptr<store::SqliteStore> store_;
  std::unique_ptr<domain::Organizations> organizations_;
  std::unique_ptr<domain::Trainers> trainers_;
  std::unique_ptr<domain::SeriesPlanning> series_;
  std::unique_ptr<domain::SessionPlanning> sessions_;
  std::unique_ptr<domain::Schedules> schedules_;
  std::unique_ptr<domain::CalendarExport> calendars_;
  std::unique_ptr<domain::Accounts> accounts_;
  std::unique_ptr<domain::AuditLog> audit_;
  std::unique_ptr<domain::Maintenance> maintenance_;
  std::unique_ptr<domain::Participants> participants_;
  std::unique_ptr<domain::ParticipantImport> import_;
  std::unique_ptr<domain::Enrolments> enrolments_;
  std::unique_ptr<domain::AttendanceRecording> attendance_recording_;
  std::unique_ptr<domain::SelfCheckIn> check_in_;
  std::unique_ptr<domain::AttendanceReports> attendance_reports_;
  std::unique_ptr<domain::Completion> completion_;
  std::unique_ptr<domain::CertificateSigner> issuer_key_;
  std::unique_ptr<domain::CertificateVerifier> certificate_verifier_;
  std::unique_ptr<domain::CertificateIssuing> certificate_issuing_;
  std::unique_ptr<domain::CertificateArchive> certificate_archive_;
  std::unique_ptr<domain::FunderReports> reports_;
  std::unique_ptr<domain::Privacy> privacy_;
  std::unique_ptr<VerificationServer> verification_;
  std::unique_ptr<MetricsServer> metrics_server_;
  std::unique_ptr<domain::MailTransport> mail_transport_;
  std::unique_ptr<domain::MailDelivery> mail_delivery_;
  std::unique_ptr<MailDeliveryLoop> mail_loop_;
  absl::Time start_time_;
  std::unique_ptr<api::Authenticator> auth_;
  std::vector<std::unique_ptr<grpc::Service>> services_;
  std::unique_ptr<grpc::Server> server_;
  api::RequestLogFactory* request_log_ = nullptr;  // owned by server_
  std::string verify_url_base_;
  int port_ = 0;
  bool shut_down_ = false;
};

}  // namespace trainhub::server

#endif  // TRAINHUB_SERVICES_SERVER_TRAINHUB_SERVER_H_
