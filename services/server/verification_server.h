#ifndef TRAINHUB_SERVICES_SERVER_VERIFICATION_SERVER_H_
#define TRAINHUB_SERVICES_SERVER_VERIFICATION_SERVER_H_

// The public verification web page over HTTP (libmicrohttpd), for employers
// who scan a certificate's QR code: no account, GET only.
//   /                 a form for the number (German or English)
//   /c?serial=NUMBER  to /c/NUMBER (303), or the form again with the problem
//   /c/NUMBER         the verification page (404 for an unknown number)
//   /c/NUMBER.json    the same as JSON
//   /keys             the issuer's public keys as a page (German or English),
//                     or as JSON for "Accept: application/json"
//   /keys.json        the issuer's public keys as JSON (key ids, did:key)
// Language: ?lang=de|en, else Accept-Language, else German. Each client
// address is rate-limited (429 with Retry-After); so are name checks
// against an erased holder (domain/completion/name_check_budget.h). Connections, their
// memory and their time are bounded (server/http_daemon.h).

#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "domain/completion/certificate_verifier.h"
#include "server/rate_limiter.h"

namespace trainhub::server {

class HttpDaemon;

struct VerificationServerOptions {
  // "host:port"; port 0 picks a free one.
  std::string listen_address;
  // PEM contents; when both are set the page is served only over HTTPS.
  std::string tls_cert_pem;
  std::string tls_key_pem;
  int requests_per_minute = 30;
  int burst = 20;
};

class VerificationServer {
 public:
  // Starts serving on its own threads. INVALID_ARGUMENT for an address that
  // is not host:port; UNAVAILABLE when it cannot be bound. `certificates`
  // must outlive the server.
  static absl::StatusOr<std::unique_ptr<VerificationServer>> Start(
      domain::CertificateVerifier& certificates, const VerificationServerOptions& options);
  // Stops serving (in-flight requests finish).
  ~VerificationServer();

  int port() const;

 private:
  VerificationServer(domain::CertificateVerifier& certificates,
                     const VerificationServerOptions& options);

  domain::CertificateVerifier& certificates_;
  RateLimiter limiter_;
  std::unique_ptr<HttpDaemon> daemon_;

  friend struct VerificationHandler;
};

}  // namespace trainhub::server

#endif  // TRAINHUB_SERVICES_SERVER_VERIFICATION_SERVER_H_
