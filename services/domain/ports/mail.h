#ifndef TRAINHUB_SERVICES_DOMAIN_PORTS_MAIL_H_
#define TRAINHUB_SERVICES_DOMAIN_PORTS_MAIL_H_

// How the domain hands e-mail to the outside: a MailTransport sends a batch
// of mails and says for each what became of it. services/mail implements it
// with SMTP (libcurl) and with a maildir of .eml files; both build the
// message (MIME, encoded headers) from a Mail the same way.

#include <string>
#include <vector>

#include "absl/time/time.h"

namespace trainhub::domain {

struct MailAttachment {
  std::string filename;      // as the recipient sees it: "Zertifikat-7K3M.pdf"
  std::string content_type;  // "application/pdf", "text/calendar; method=REQUEST"
  std::string data;          // the file's bytes
};

// One e-mail as the domain writes it: plain text, UTF-8 everywhere. Names
// and subject may hold any script; CR and LF in them are not allowed (the
// transport refuses such a mail as a permanent failure, never sends it).
struct Mail {
  std::string message_id;  // without angle brackets; the same on every resend
  std::string from_name;
  std::string from_address;
  std::string to_name;
  std::string to_address;
  std::string subject;
  std::string text_body;  // lines end in "\n"; the transport writes CRLF
  absl::Time date;
  std::string language;  // "de" or "en": Content-Language
  // Set on what the person may switch off: where they do so (a URL or a
  // mailto:), sent as List-Unsubscribe.
  std::string unsubscribe;
  std::vector<MailAttachment> attachments;
};

// What became of one mail.
struct MailResult {
  enum class Outcome {
    kDelivered,  // the server took it (SMTP 250) or the file was written
    // 4xx, no connection, a timeout, a refused sign-in (the installation's
    // fault, not the mail's): try again later.
    kTemporary,
    // A 5xx answer to this mail's MAIL FROM, RCPT TO or DATA, or a mail that
    // cannot be sent as it is: give up.
    kPermanent,
  };
  Outcome outcome = Outcome::kTemporary;
  // The SMTP reply code that decided it; 0 when the server gave none (no
  // connection, a maildir).
  int reply_code = 0;
  std::string answer;  // the server's words, or what went wrong, for people
};

class MailTransport {
 public:
  virtual ~MailTransport() = default;
  // Sends `batch` over one connection where the transport has connections;
  // returns one result per mail, in the batch's order. Not called
  // concurrently.
  virtual std::vector<MailResult> Send(const std::vector<Mail>& batch) = 0;
  // Where mail goes, for logs and the health of the installation
  // ("smtp://mail.example.org:587", "maildir var/mail"); never a password.
  virtual std::string Describe() const = 0;
};

}  // namespace trainhub::domain

#endif  // TRAINHUB_SERVICES_DOMAIN_PORTS_MAIL_H_
