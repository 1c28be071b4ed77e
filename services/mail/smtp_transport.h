#ifndef TRAINHUB_SERVICES_MAIL_SMTP_TRANSPORT_H_
#define TRAINHUB_SERVICES_MAIL_SMTP_TRANSPORT_H_

// Sends mail to an SMTP server (submission) with libcurl: the message
// bytes from BuildMimeMessage, the envelope from the Mail's addresses.

#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "domain/ports/mail.h"

namespace trainhub::mail {

struct SmtpOptions {
  // "smtp://host:port" (STARTTLS) or "smtps://host:port" (TLS from the
  // first byte); no user or password in it. A path names the EHLO domain
  // ("smtp://host:587/trainhub.example.org"), as in libcurl.
  std::string url;
  // Empty: no AUTH. The caller reads the password from a 0600 file or the
  // environment; this class never reads flags or files for it.
  std::string username;
  std::string password;
  // smtp:// to a host other than loopback (localhost, 127.0.0.0/8, ::1)
  // always requires STARTTLS; on loopback STARTTLS is used when the server
  // offers it, and required only when this is set.
  bool require_tls = false;
  // PEM file of the CAs to trust instead of the system's (tests, a private
  // CA). The server's certificate and name are always verified.
  std::string ca_file;
  // Host names pinned to addresses, as libcurl's CURLOPT_RESOLVE:
  // "mail.example.org:587:127.0.0.1". The TLS rule above goes by the host in
  // `url`, not by the address it is pinned to.
  std::vector<std::string> resolve;
  // Up to the server's greeting (TCP and, for smtps, TLS).
  absl::Duration connect_timeout = absl::Seconds(15);
  // One mail's whole exchange, from MAIL FROM to the server's last answer.
  absl::Duration mail_timeout = absl::Seconds(120);
};

// One easy handle per Send(): its batch travels over one connection, which
// ends (QUIT) when Send returns. Results per mail:
// - delivered: the server answered 250 to the end of the data;
// - the server answered MAIL FROM, RCPT TO or DATA with 4xx: kTemporary,
//   5xx: kPermanent, with the code and the server's words; libcurl closes
//   the connection after a refused mail, so the next mail opens a new one;
// - a mail CheckMail refuses: kPermanent, reply_code 0, never sent;
// - the connection broke during a mail on the batch's connection: that mail
//   is tried once more on a new connection; if it breaks again during the
//   mail, it is kTemporary and the batch goes on, unless the mail before it
//   broke too: then the rest of the batch is kTemporary as below (a server
//   that hangs costs at most two mails' timeouts per batch);
// - no connection, TLS refused or unverifiable, STARTTLS missing where
//   required, the greeting or EHLO refused, the sign-in refused (535 and
//   the like): this mail and the rest of the batch are kTemporary with the
//   same answer, and no further connection is tried in this batch (a wrong
//   password is the installation's fault, not the mail's: the mails wait,
//   with the server's words, until the operator fixes it).
// Answers hold the server's reply lines (or libcurl's words when the server
// said nothing) and never the password or the AUTH exchange.
class SmtpTransport : public domain::MailTransport {
 public:
  // INVALID_ARGUMENT when the URL is not smtp:// or smtps:// with a host,
  // holds a user or password, or a resolve entry is not HOST:PORT:ADDRESS.
  // Initialises libcurl once (call it before threads use libcurl).
  static absl::StatusOr<std::unique_ptr<SmtpTransport>> Create(SmtpOptions options);

  std::vector<domain::MailResult> Send(const std::vector<domain::Mail>& batch) override;
  // "smtp://host:port" or "smtps://host:port".
  std::string Describe() const override;

  // Whether `host` (as in a URL: "[::1]" or "::1") is a loopback address.
  static bool IsLoopbackHost(const std::string& host);

 private:
  SmtpTransport(SmtpOptions options, std::string described, bool tls_required);

  const SmtpOptions options_;
  const std::string described_;
  const bool tls_required_;
};

}  // namespace trainhub::mail

#endif  // TRAINHUB_SERVICES_MAIL_SMTP_TRANSPORT_H_
