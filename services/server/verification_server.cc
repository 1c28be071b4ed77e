#include "server/verification_server.h"

#include <microhttpd.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <optional>
#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "domain/limits.h"
#include "domain/text.h"
#include "server/http_daemon.h"
#include "server/verification_page.h"

namespace trainhub::server {

namespace {

constexpr char kHtml[] = "text/html; charset=utf-8";
constexpr char kJson[] = "application/json; charset=utf-8";
// No scripts, no foreign resources, no framing; inline style only.
constexpr char kContentSecurityPolicy[] =
    "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; base-uri 'none'; "
    "frame-ancestors 'none'";

MHD_Result Send(MHD_Connection* connection, unsigned int code, const std::string& body,
                const char* content_type,
                const std::vector<std::pair<const char*, std::string>>& headers = {}) {
  const MHD_ConnectionInfo* tls = MHD_get_connection_info(connection, MHD_CONNECTION_INFO_PROTOCOL);
  MHD_Response* response = MHD_create_response_from_buffer(
      body.size(), const_cast<char*>(body.data()), MHD_RESPMEM_MUST_COPY);
  if (response == nullptr) return MHD_NO;
  MHD_add_response_header(response, MHD_HTTP_HEADER_CONTENT_TYPE, content_type);
  MHD_add_response_header(response, "Content-Security-Policy", kContentSecurityPolicy);
  MHD_add_response_header(response, "X-Content-Type-Options", "nosniff");
  MHD_add_response_header(response, "Referrer-Policy", "no-referrer");
  // A certificate may be revoked at any time.
  MHD_add_response_header(response, MHD_HTTP_HEADER_CACHE_CONTROL, "no-store");
  MHD_add_response_header(response, "Vary", "Accept-Language");
  if (tls != nullptr) {
    // Served over HTTPS: browsers keep to it.
    MHD_add_response_header(response, "Strict-Transport-Security", "max-age=31536000");
  }
  for (const auto& [name, value] : headers) {
    MHD_add_response_header(response, name, value.c_str());
  }
  const MHD_Result queued = MHD_queue_response(connection, code, response);
  MHD_destroy_response(response);
  return queued;
}

// A Retry-After value: whole seconds, at least one.
std::string RetryAfterSeconds(absl::Duration wait) {
  return absl::StrCat(
      std::max<int64_t>(1, absl::ToInt64Seconds(absl::Ceil(wait, absl::Seconds(1)))));
}

const char* Lookup(MHD_Connection* connection, MHD_ValueKind kind, const char* key) {
  return MHD_lookup_connection_value(connection, kind, key);
}

// For a failure of the server's own (logged by the caller): try again soon.
MHD_Result SendUnavailablePage(MHD_Connection* connection, PageLanguage language) {
  return Send(connection, MHD_HTTP_SERVICE_UNAVAILABLE, TooManyRequestsHtml(language), kHtml,
              {{MHD_HTTP_HEADER_RETRY_AFTER, "10"}});
}

// What an address of a certificate asks for.
struct CertificateAddress {
  // The number as entered (not yet normalised).
  std::string entered;
  bool json = false;
  // /c?serial=NUMBER, the start page's form: answered with the
  // certificate's own address.
  bool from_form = false;
};

// /c?serial=NUMBER, or /c/NUMBER with .json or ?format=json for JSON;
// nullopt for any other path.
std::optional<CertificateAddress> ParseCertificateAddress(MHD_Connection* connection,
                                                          const std::string& path) {
  CertificateAddress address;
  if (path == "/c") {
    const char* entered = Lookup(connection, MHD_GET_ARGUMENT_KIND, "serial");
    address.entered = entered != nullptr ? std::string(entered).substr(0, 100) : "";
    address.from_form = true;
    return address;
  }
  if (!absl::StartsWith(path, "/c/") || path.size() > 100) return std::nullopt;
  address.entered = path.substr(3);
  address.json = absl::EndsWith(address.entered, ".json");
  if (address.json) address.entered.resize(address.entered.size() - 5);
  if (const char* format = Lookup(connection, MHD_GET_ARGUMENT_KIND, "format")) {
    address.json = address.json || std::string(format) == "json";
  }
  return address;
}

// A name to check against the holder's (the form of an erased holder);
// empty when none was given or none can be it (too long, not UTF-8).
std::string NameToCheck(MHD_Connection* connection) {
  const char* name = Lookup(connection, MHD_GET_ARGUMENT_KIND, "name");
  std::string asked = name != nullptr ? std::string(name) : std::string();
  if (domain::TextProblem(asked, 0, domain::kMaxNameChars, false)) asked.clear();
  return asked;
}

}  // namespace

// The request handler, a friend of the server.
struct VerificationHandler {
  static MHD_Result Handle(void* cls, MHD_Connection* connection, const char* url,
                           const char* method, const char* /*version*/, const char* /*upload_data*/,
                           size_t* /*upload_data_size*/, void** /*con_cls*/);
  // /keys and /keys.json.
  static MHD_Result ServeKeys(VerificationServer& server, MHD_Connection* connection,
                              const std::string& path, PageLanguage language);
  // /status/revocation: the W3C Bitstring Status List of revoked and
  // replaced certificates.
  static MHD_Result ServeStatusList(VerificationServer& server, MHD_Connection* connection);
  // A certificate's page or JSON, asked for from the address `peer`.
  static MHD_Result ServeCertificate(VerificationServer& server, MHD_Connection* connection,
                                     const CertificateAddress& address, PageLanguage language,
                                     const sockaddr* peer);
};

MHD_Result VerificationHandler::Handle(void* cls, MHD_Connection* connection, const char* url,
                                       const char* method, const char*, const char*, size_t*,
                                       void**) {
  auto* server = static_cast<VerificationServer*>(cls);
  const PageLanguage language =
      ChooseLanguage(Lookup(connection, MHD_GET_ARGUMENT_KIND, "lang"),
                     Lookup(connection, MHD_HEADER_KIND, "Accept-Language"));
  const MHD_ConnectionInfo* info =
      MHD_get_connection_info(connection, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
  const sockaddr* peer = info != nullptr ? info->client_addr : nullptr;
  absl::Duration retry_after;
  if (!server->limiter_.Allow(RateLimiter::ClientKey(peer), absl::Now(), &retry_after)) {
    return Send(connection, MHD_HTTP_TOO_MANY_REQUESTS, TooManyRequestsHtml(language), kHtml,
                {{MHD_HTTP_HEADER_RETRY_AFTER, RetryAfterSeconds(retry_after)}});
  }
  if (std::string(method) != MHD_HTTP_METHOD_GET && std::string(method) != MHD_HTTP_METHOD_HEAD) {
    return Send(connection, MHD_HTTP_METHOD_NOT_ALLOWED, NotFoundHtml(language), kHtml,
                {{MHD_HTTP_HEADER_ALLOW, "GET, HEAD"}});
  }
  const std::string path = url;
  if (path == "/") return Send(connection, MHD_HTTP_OK, StartHtml(language, "", ""), kHtml);
  if (path == "/keys" || path == "/keys.json") {
    return ServeKeys(*server, connection, path, language);
  }
  if (path == "/status/revocation" || path == "/status/revocation.json") {
    return ServeStatusList(*server, connection);
  }
  const std::optional<CertificateAddress> address = ParseCertificateAddress(connection, path);
  if (!address) return Send(connection, MHD_HTTP_NOT_FOUND, NotFoundHtml(language), kHtml);
  return ServeCertificate(*server, connection, *address, language, peer);
}

MHD_Result VerificationHandler::ServeKeys(VerificationServer& server, MHD_Connection* connection,
                                          const std::string& path, PageLanguage language) {
  // A page for people; JSON at /keys.json or for Accept: application/json.
  const bool json =
      path == "/keys.json" || PrefersJson(Lookup(connection, MHD_HEADER_KIND, "Accept"));
  auto keys = server.certificates_.IssuerKeys();
  if (!keys.ok()) {
    spdlog::error("verification page: issuer keys: {}", keys.status().ToString());
    if (!json) return SendUnavailablePage(connection, language);
    return Send(connection, MHD_HTTP_SERVICE_UNAVAILABLE, "{\"error\":\"unavailable\"}\n", kJson);
  }
  if (json)
    return Send(connection, MHD_HTTP_OK, IssuerKeysJson(*keys), kJson, {{"Vary", "Accept"}});
  return Send(connection, MHD_HTTP_OK, IssuerKeysHtml(*keys, language), kHtml,
              {{"Vary", "Accept"}});
}

MHD_Result VerificationHandler::ServeStatusList(VerificationServer& server,
                                                MHD_Connection* connection) {
  // Signed now; only from a stored list whose signature holds.
  absl::StatusOr<std::string> list = server.certificates_.StatusListCredential();
  if (!list.ok()) {
    spdlog::error("verification page: certificate status list: {}", list.status().ToString());
    return Send(connection, MHD_HTTP_SERVICE_UNAVAILABLE,
                "{\"error\":\"the certificate status list cannot be confirmed\"}\n", kJson);
  }
  return Send(connection, MHD_HTTP_OK, *list, kJson);
}

MHD_Result VerificationHandler::ServeCertificate(VerificationServer& server,
                                                 MHD_Connection* connection,
                                                 const CertificateAddress& address,
                                                 PageLanguage language, const sockaddr* peer) {
  const std::optional<std::string> serial = domain::NormalizeSerial(address.entered);
  if (!serial) {
    if (address.json) {
      return Send(connection, MHD_HTTP_BAD_REQUEST, "{\"error\":\"not a certificate number\"}\n",
                  kJson);
    }
    const std::string problem = language == PageLanguage::kGerman
                                    ? "Das ist keine Nummer einer Bescheinigung (16 Zeichen)."
                                    : "That is not a certificate number (16 characters).";
    return Send(connection, MHD_HTTP_BAD_REQUEST, StartHtml(language, problem, address.entered),
                kHtml);
  }
  if (address.from_form) {
    return Send(connection, MHD_HTTP_SEE_OTHER, "", kHtml,
                {{MHD_HTTP_HEADER_LOCATION,
                  absl::StrCat("/c/", *serial,
                               "?lang=", language == PageLanguage::kEnglish ? "en" : "de")}});
  }
  absl::Duration name_retry_after;
  absl::StatusOr<domain::CertificateVerification> v = server.certificates_.Verify(
      *serial, NameToCheck(connection), RateLimiter::PeerText(peer), &name_retry_after);
  if (absl::IsResourceExhausted(v.status())) {
    // The name checks' budget is spent (for this address or overall).
    const std::vector<std::pair<const char*, std::string>> retry = {
        {MHD_HTTP_HEADER_RETRY_AFTER, RetryAfterSeconds(name_retry_after)}};
    if (address.json) {
      return Send(connection, MHD_HTTP_TOO_MANY_REQUESTS,
                  "{\"error\":\"too many name checks; try again later\"}\n", kJson, retry);
    }
    return Send(connection, MHD_HTTP_TOO_MANY_REQUESTS, TooManyRequestsHtml(language), kHtml,
                retry);
  }
  if (!v.ok()) {
    spdlog::error("verification page: {}", v.status().ToString());
    return SendUnavailablePage(connection, language);
  }
  const unsigned int code = v->certificate ? MHD_HTTP_OK : MHD_HTTP_NOT_FOUND;
  if (address.json) return Send(connection, code, VerificationJson(*v, *serial), kJson);
  return Send(connection, code, VerificationHtml(*v, *serial, language), kHtml);
}

VerificationServer::VerificationServer(domain::CertificateVerifier& certificates,
                                       const VerificationServerOptions& options)
    : certificates_(certificates), limiter_(options.requests_per_minute, options.burst, 10000) {}

VerificationServer::~VerificationServer() = default;

int VerificationServer::port() const { return daemon_->port(); }

absl::StatusOr<std::unique_ptr<VerificationServer>> VerificationServer::Start(
    domain::CertificateVerifier& certificates, const VerificationServerOptions& options) {
  auto server = std::unique_ptr<VerificationServer>(new VerificationServer(certificates, options));
  HttpDaemonOptions http;
  http.listen_address = options.listen_address;
  http.tls_cert_pem = options.tls_cert_pem;
  http.tls_key_pem = options.tls_key_pem;
  // A name check may hold a thread for one password hash: more event
  // loops than the metrics' one keep the page answering meanwhile.
  http.threads = 4;
  absl::StatusOr<std::unique_ptr<HttpDaemon>> daemon =
      HttpDaemon::Start("verification page", http, &VerificationHandler::Handle, server.get());
  if (!daemon.ok()) return daemon.status();
  server->daemon_ = *std::move(daemon);
  return server;
}

}  // namespace trainhub::server
