#ifndef TRAINHUB_SERVICES_MAIL_SMTP_SESSION_H_
#define TRAINHUB_SERVICES_MAIL_SMTP_SESSION_H_

// Inside SmtpTransport: one libcurl easy handle carrying the mails of one
// batch over its connection, and what the server said to each.

#include <curl/curl.h>

#include <string>

#include "absl/strings/string_view.h"
#include "domain/ports/mail.h"
#include "mail/smtp_transport.h"

namespace trainhub::mail {

class SmtpSession {
 public:
  // What became of one transfer (one mail).
  struct Attempt {
    CURLcode code = CURLE_OK;
    // The transfer went over the connection a previous mail of this
    // session used (false for the first mail and after any failure).
    bool reused = false;
    // MAIL FROM went out: what followed concerns this mail.
    bool in_mail = false;
    // The server's last complete reply after MAIL FROM (the verdict on the
    // mail), its code; 0 and empty when it gave none.
    int mail_reply_code = 0;
    std::string mail_reply;
    // The last complete reply of the whole transfer (EHLO, AUTH, ...).
    int last_reply_code = 0;
    std::string last_reply;
    std::string error;  // libcurl's words when code is not CURLE_OK
  };

  // `tls_required`: STARTTLS must succeed (CURLUSESSL_ALL); otherwise it is
  // used when offered (CURLUSESSL_TRY). smtps:// is TLS either way.
  SmtpSession(const SmtpOptions& options, bool tls_required);
  ~SmtpSession();  // QUIT, then the connection closes
  SmtpSession(const SmtpSession&) = delete;
  SmtpSession& operator=(const SmtpSession&) = delete;

  // Sends `bytes` (BuildMimeMessage's) from mail.from_address to
  // mail.to_address; `fresh` opens a new connection first.
  Attempt Transfer(const domain::Mail& mail, const std::string& bytes, bool fresh);

  // The reply lines the server sends (CURLINFO_HEADER_IN) and the commands
  // that go out (only whether MAIL FROM did; nothing of AUTH is kept).
  void OnReplyLines(absl::string_view text);
  void OnCommand(absl::string_view line);

 private:
  struct Upload {
    absl::string_view bytes;
    size_t offset = 0;
  };
  static size_t OnRead(char* buffer, size_t size, size_t count, void* upload);

  CURL* const handle_;
  curl_slist* resolve_ = nullptr;
  bool connected_ = false;  // the last transfer ended well: its connection stays
  Upload upload_;
  char error_[CURL_ERROR_SIZE] = {};
  Attempt current_;
  std::string reply_lines_;  // of a reply not yet complete
  bool quitting_ = false;    // QUIT went out: what follows is not kept
};

}  // namespace trainhub::mail

#endif  // TRAINHUB_SERVICES_MAIL_SMTP_SESSION_H_
