// SmtpTransport (smtp_transport.h) over libcurl's SMTP.

#include "mail/smtp_transport.h"

#include <arpa/inet.h>
#include <curl/curl.h>

#include <algorithm>
#include <cstring>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/ascii.h"
#include "absl/strings/escaping.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "absl/strings/str_split.h"
#include "absl/strings/string_view.h"
#include "absl/strings/strip.h"
#include "mail/mime_message.h"
#include "mail/smtp_session.h"

namespace trainhub::mail {
namespace {

using Outcome = domain::MailResult::Outcome;

void InitializeCurlOnce() {
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

// A URL part, or nullopt when the URL has none.
std::optional<std::string> UrlPart(CURLU* url, CURLUPart part, unsigned int flags = 0) {
  char* value = nullptr;
  if (curl_url_get(url, part, &value, flags) != CURLUE_OK || value == nullptr) return std::nullopt;
  std::string copy(value);
  curl_free(value);
  return copy;
}

absl::Status Refuse(absl::string_view what) {
  return absl::InvalidArgumentError(absl::StrCat("The SMTP ", what, "."));
}

// "scheme://host:port" of a valid URL, or the refusal.
absl::StatusOr<std::string> CheckUrl(const std::string& text, std::string* host) {
  std::unique_ptr<CURLU, decltype(&curl_url_cleanup)> url(curl_url(), &curl_url_cleanup);
  if (curl_url_set(url.get(), CURLUPART_URL, text.c_str(), 0) != CURLUE_OK) {
    return Refuse("url is not a URL such as smtp://mail.example.org:587");
  }
  const std::string scheme =
      absl::AsciiStrToLower(UrlPart(url.get(), CURLUPART_SCHEME).value_or(""));
  if (scheme != "smtp" && scheme != "smtps") {
    return Refuse("url does not start with smtp:// or smtps://");
  }
  if (UrlPart(url.get(), CURLUPART_USER) || UrlPart(url.get(), CURLUPART_PASSWORD)) {
    return Refuse("url holds a user or password; give them as the SMTP user and password file");
  }
  *host = UrlPart(url.get(), CURLUPART_HOST).value_or("");
  if (host->empty()) return Refuse("url names no host");
  const std::string port = UrlPart(url.get(), CURLUPART_PORT, CURLU_DEFAULT_PORT).value_or("");
  return absl::StrCat(scheme, "://", *host, ":", port);
}

absl::Status CheckResolve(const std::vector<std::string>& entries) {
  for (const std::string& entry : entries) {
    const std::vector<absl::string_view> parts = absl::StrSplit(entry, absl::MaxSplits(':', 2));
    int port = 0;
    if (parts.size() != 3 || parts[0].empty() || parts[2].empty() ||
        !absl::SimpleAtoi(parts[1], &port) || port <= 0 || port > 65535) {
      return Refuse(absl::StrCat("resolve entry \"", entry, "\" is not HOST:PORT:ADDRESS"));
    }
  }
  return absl::OkStatus();
}

// What a password could look like in a server's words: itself and the
// base64 forms AUTH PLAIN and AUTH LOGIN send.
std::vector<std::string> Secrets(const SmtpOptions& options) {
  if (options.password.empty()) return {};
  const std::string plain = absl::StrCat(absl::string_view("\0", 1), options.username,
                                         absl::string_view("\0", 1), options.password);
  return {options.password, absl::Base64Escape(options.password), absl::Base64Escape(plain)};
}

std::string Redacted(std::string answer, const std::vector<std::string>& secrets) {
  for (const std::string& secret : secrets) {
    answer = absl::StrReplaceAll(answer, {{secret, "(password removed)"}});
  }
  return answer;
}

std::string FailureContext(CURLcode code) {
  switch (code) {
    case CURLE_LOGIN_DENIED:
      return "The SMTP server refused the sign-in";
    case CURLE_USE_SSL_FAILED:
      return "The SMTP server offers no STARTTLS, and TLS is required for it";
    case CURLE_PEER_FAILED_VERIFICATION:
    case CURLE_SSL_CACERT_BADFILE:
      return "The SMTP server's TLS certificate could not be verified";
    case CURLE_SSL_CONNECT_ERROR:
      return "No TLS connection to the SMTP server";
    case CURLE_COULDNT_RESOLVE_HOST:
    case CURLE_COULDNT_CONNECT:
      return "No connection to the SMTP server";
    case CURLE_OPERATION_TIMEDOUT:
      return "The SMTP server did not answer in time";
    default:
      return "The connection to the SMTP server broke off";
  }
}

domain::MailResult Result(Outcome outcome, int code, std::string answer) {
  domain::MailResult result;
  result.outcome = outcome;
  result.reply_code = code;
  result.answer = std::move(answer);
  return result;
}

// The server's verdict on this mail, when it gave one: its answer to MAIL
// FROM, RCPT TO, DATA or the end of the data.
std::optional<domain::MailResult> Verdict(const SmtpSession::Attempt& attempt) {
  if (attempt.code == CURLE_OK) {
    return Result(Outcome::kDelivered, attempt.mail_reply_code, attempt.mail_reply);
  }
  if (attempt.mail_reply_code >= 400 && attempt.mail_reply_code < 500) {
    return Result(Outcome::kTemporary, attempt.mail_reply_code, attempt.mail_reply);
  }
  if (attempt.mail_reply_code >= 500 && attempt.mail_reply_code < 600) {
    return Result(Outcome::kPermanent, attempt.mail_reply_code, attempt.mail_reply);
  }
  return std::nullopt;
}

// A failure of the connection: what libcurl says, and the server's refusal
// when it gave one (a greeting, EHLO or AUTH answered 4xx/5xx).
domain::MailResult Broken(const SmtpSession::Attempt& attempt, const std::string& where) {
  std::string answer = absl::StrCat(FailureContext(attempt.code), " (", where,
                                    "): ", absl::StripSuffix(attempt.error, "."));
  const bool refused = attempt.last_reply_code >= 400;
  if (refused) absl::StrAppend(&answer, "; the server said: ", attempt.last_reply);
  return Result(Outcome::kTemporary, refused ? attempt.last_reply_code : 0, std::move(answer));
}

}  // namespace

absl::StatusOr<std::unique_ptr<SmtpTransport>> SmtpTransport::Create(SmtpOptions options) {
  InitializeCurlOnce();
  std::string host;
  absl::StatusOr<std::string> described = CheckUrl(options.url, &host);
  if (!described.ok()) return described.status();
  if (absl::Status status = CheckResolve(options.resolve); !status.ok()) return status;
  if (options.password.empty() != options.username.empty()) {
    return Refuse("user and password come together: one of them is empty");
  }
  const bool tls_required = options.require_tls || !IsLoopbackHost(host);
  return std::unique_ptr<SmtpTransport>(
      new SmtpTransport(std::move(options), *std::move(described), tls_required));
}

SmtpTransport::SmtpTransport(SmtpOptions options, std::string described, bool tls_required)
    : options_(std::move(options)), described_(std::move(described)), tls_required_(tls_required) {}

std::string SmtpTransport::Describe() const { return described_; }

bool SmtpTransport::IsLoopbackHost(const std::string& host) {
  std::string bare = host;
  if (bare.size() >= 2 && bare.front() == '[' && bare.back() == ']') {
    bare = bare.substr(1, bare.size() - 2);
  }
  if (absl::AsciiStrToLower(bare) == "localhost") return true;
  in_addr v4{};
  if (inet_pton(AF_INET, bare.c_str(), &v4) == 1) {
    return (ntohl(v4.s_addr) >> 24) == 127;
  }
  in6_addr v6{};
  if (inet_pton(AF_INET6, bare.c_str(), &v6) == 1) {
    if (IN6_IS_ADDR_LOOPBACK(&v6)) return true;
    return IN6_IS_ADDR_V4MAPPED(&v6) && v6.s6_addr[12] == 127;
  }
  return false;
}

std::vector<domain::MailResult> SmtpTransport::Send(const std::vector<domain::Mail>& batch) {
  std::vector<domain::MailResult> results;
  results.reserve(batch.size());
  const std::vector<std::string> secrets = Secrets(options_);
  std::unique_ptr<SmtpSession> session;
  std::optional<domain::MailResult> connection_failure;
  int broken_in_a_row = 0;  // mails whose connection broke, each after its retry
  for (const domain::Mail& mail : batch) {
    if (connection_failure) {
      results.push_back(*connection_failure);
      continue;
    }
    absl::StatusOr<std::string> bytes = BuildMimeMessage(mail);
    if (!bytes.ok()) {
      results.push_back(Result(Outcome::kPermanent, 0, std::string(bytes.status().message())));
      continue;
    }
    if (!session) session = std::make_unique<SmtpSession>(options_, tls_required_);
    SmtpSession::Attempt attempt = session->Transfer(mail, *bytes, /*fresh=*/false);
    std::optional<domain::MailResult> verdict = Verdict(attempt);
    if (!verdict && attempt.reused) {  // the batch's connection broke: once more, anew
      attempt = session->Transfer(mail, *bytes, /*fresh=*/true);
      verdict = Verdict(attempt);
    }
    broken_in_a_row = verdict ? 0 : broken_in_a_row + 1;
    if (!verdict && attempt.in_mail && broken_in_a_row < 2) verdict = Broken(attempt, described_);
    if (!verdict) connection_failure = Broken(attempt, described_);
    domain::MailResult result = verdict ? *std::move(verdict) : *connection_failure;
    result.answer = Redacted(std::move(result.answer), secrets);
    if (connection_failure) connection_failure->answer = result.answer;
    results.push_back(std::move(result));
  }
  return results;
}

}  // namespace trainhub::mail
