#ifndef TRAINHUB_SERVICES_MAIL_MIME_MESSAGE_H_
#define TRAINHUB_SERVICES_MAIL_MIME_MESSAGE_H_

// The one place where a domain::Mail becomes the bytes of an e-mail
// (RFC 5322 and MIME, built by GMime 3). The SMTP transport sends these
// bytes and the maildir transport writes them, so both deliver the same.

#include <cstddef>
#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "domain/ports/mail.h"

namespace trainhub::mail {

// The most a mail may carry: its text body and attachments together, before
// encoding (base64 makes a third more). A larger one is refused.
inline constexpr size_t kMaxMailBytes = 20 * 1024 * 1024;
// The most a name (from_name, to_name) may hold, in bytes.
inline constexpr size_t kMaxNameBytes = 300;
// The most a subject, a message id or an unsubscribe link may hold, in bytes.
inline constexpr size_t kMaxSubjectBytes = 1000;
inline constexpr size_t kMaxMessageIdBytes = 250;
inline constexpr size_t kMaxUnsubscribeBytes = 2000;
inline constexpr size_t kMaxAttachments = 20;

// True when `address` is a mailbox as SMTP carries it: local@domain with a
// dot-atom local part (RFC 5321 atext; UTF-8 allowed as RFC 6531 does; no
// quoted strings, no comments), at most 64 bytes, and a domain of at least
// two labels of letters, digits, hyphens or UTF-8, 254 bytes in all. This is
// stricter than domain::LooksLikeEmail: "a..b@x.org" or "a(b)@x.org" pass
// there and fail here.
bool IsMailAddress(absl::string_view address);

// OK when `mail` can be sent as it is; otherwise INVALID_ARGUMENT whose
// message is one sentence naming the field ("to_name", "subject",
// "attachments[1].filename", ...): a name, subject, message id, language,
// unsubscribe link, attachment file name or content type holding CR, LF or
// another control character (header injection), malformed UTF-8, an address
// that IsMailAddress refuses, a message id that is not "left@right" in
// printable ASCII, an unsubscribe link that is not https://, http:// or
// mailto:, a date outside 1970..9999, or more than the limits above. Such a
// mail is never sent.
absl::Status CheckMail(const domain::Mail& mail);

// The message as RFC 5322 bytes with CRLF line ends, or CheckMail's refusal.
// From, To and Subject are RFC 2047 encoded words in UTF-8 where they are not
// ASCII; the body is text/plain; charset=utf-8 in 7bit, quoted-printable or
// base64 as GMime finds best; with attachments the message is
// multipart/mixed, each attachment base64 with Content-Disposition:
// attachment and its file name. Headers: From, To, Subject, Date (UTC),
// Message-ID <message_id>, MIME-Version, Content-Language (when language is
// set), Auto-Submitted: auto-generated, List-Unsubscribe <link> (when
// unsubscribe is set) and List-Unsubscribe-Post: List-Unsubscribe=One-Click
// (only for an https link). The same Mail always gives the same bytes (the
// multipart boundary derives from the message id), so a resend is
// byte-identical. Thread-safe; initialises GMime on first use.
absl::StatusOr<std::string> BuildMimeMessage(const domain::Mail& mail);

}  // namespace trainhub::mail

#endif  // TRAINHUB_SERVICES_MAIL_MIME_MESSAGE_H_
