#ifndef TRAINHUB_SERVICES_MAIL_MAILDIR_TRANSPORT_H_
#define TRAINHUB_SERVICES_MAIL_MAILDIR_TRANSPORT_H_

// Delivers mail as files: each mail becomes one .eml file in a maildir, so
// that an installation without SMTP shows exactly what would be sent.

#include <filesystem>
#include <string>
#include <vector>

#include "domain/ports/mail.h"

namespace trainhub::mail {

// Writes each mail's BuildMimeMessage bytes (the bytes SMTP would send) to
// <dir>/tmp/<name>, flushes it to disk, then renames it to <dir>/new/<name>
// and flushes the folder: a file in new/ is whole and survives a power cut.
// <name> follows the Maildir convention, unique per host, process and mail:
// "<seconds>.M<microseconds>P<pid>Q<counter>.<host>.eml". Files are 0600;
// <dir>, tmp/, new/ and cur/ are created 0700 when missing (existing
// folders keep their permissions). Results: kDelivered with the file's path
// as the answer; kPermanent for a mail CheckMail refuses (no file);
// kTemporary when the file cannot be written (disk full, no permission),
// with the system's words.
class MaildirTransport : public domain::MailTransport {
 public:
  explicit MaildirTransport(std::filesystem::path dir);

  std::vector<domain::MailResult> Send(const std::vector<domain::Mail>& batch) override;
  // "maildir <dir>".
  std::string Describe() const override;

 private:
  domain::MailResult Deliver(const domain::Mail& mail);

  const std::filesystem::path dir_;
};

}  // namespace trainhub::mail

#endif  // TRAINHUB_SERVICES_MAIL_MAILDIR_TRANSPORT_H_
