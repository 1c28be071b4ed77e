// CheckMail and IsMailAddress (mime_message.h): what a mail must be before
// any byte of it is built or sent.

#include <glib.h>

#include <string>

#include "absl/status/status.h"
#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "mail/mime_message.h"

namespace trainhub::mail {
namespace {

constexpr size_t kMaxAddressBytes = 254;
constexpr size_t kMaxLocalPartBytes = 64;
constexpr size_t kMaxLabelBytes = 63;
constexpr size_t kMaxLanguageBytes = 35;
constexpr size_t kMaxFilenameBytes = 255;
constexpr size_t kMaxContentTypeBytes = 200;

bool IsUtf8(absl::string_view text) {
  return g_utf8_validate(text.data(), static_cast<gssize>(text.size()), nullptr);
}

// RFC 5322 atext, and any UTF-8 byte (RFC 6531).
bool IsAtext(unsigned char c) {
  return absl::ascii_isalnum(c) || c >= 0x80 ||
         absl::string_view("!#$%&'*+-/=?^_`{|}~").find(static_cast<char>(c)) !=
             absl::string_view::npos;
}

bool IsDotAtom(absl::string_view text) {
  if (text.empty() || text.front() == '.' || text.back() == '.') return false;
  if (absl::StrContains(text, "..")) return false;
  for (unsigned char c : text) {
    if (c != '.' && !IsAtext(c)) return false;
  }
  return true;
}

bool IsDomainLabel(absl::string_view label) {
  if (label.empty() || label.size() > kMaxLabelBytes) return false;
  if (label.front() == '-' || label.back() == '-') return false;
  for (unsigned char c : label) {
    if (!absl::ascii_isalnum(c) && c != '-' && c < 0x80) return false;
  }
  return true;
}

bool IsDomain(absl::string_view domain) {
  int labels = 0;
  for (size_t start = 0;;) {
    const size_t dot = domain.find('.', start);
    if (!IsDomainLabel(domain.substr(start, dot - start))) return false;
    ++labels;
    if (dot == absl::string_view::npos) break;
    start = dot + 1;
  }
  return labels >= 2;
}

absl::Status Refuse(absl::string_view field, absl::string_view what) {
  return absl::InvalidArgumentError(absl::StrCat("The mail's ", field, " ", what, "."));
}

// A value that goes into a header: UTF-8, no control characters (CR and LF
// would start a header of their own), at most `max_bytes`.
absl::Status CheckHeaderText(absl::string_view value, absl::string_view field, size_t max_bytes,
                             bool required) {
  if (value.empty()) return required ? Refuse(field, "is empty") : absl::OkStatus();
  if (value.size() > max_bytes) {
    return Refuse(field, absl::StrCat("is longer than ", max_bytes, " bytes"));
  }
  if (value.find_first_of("\r\n") != absl::string_view::npos) {
    return Refuse(field, "holds a line break (CR or LF), which no header may hold");
  }
  for (unsigned char c : value) {
    if (c < 0x20 || c == 0x7F) return Refuse(field, "holds a control character");
  }
  if (!IsUtf8(value)) return Refuse(field, "is not valid UTF-8");
  return absl::OkStatus();
}

absl::Status CheckAddress(absl::string_view value, absl::string_view field) {
  if (absl::Status s = CheckHeaderText(value, field, kMaxAddressBytes, true); !s.ok()) return s;
  if (!IsMailAddress(value)) return Refuse(field, "is not an e-mail address");
  return absl::OkStatus();
}

absl::Status CheckMessageId(absl::string_view id) {
  if (absl::Status s = CheckHeaderText(id, "message_id", kMaxMessageIdBytes, true); !s.ok()) {
    return s;
  }
  const size_t at = id.find('@');
  bool ok = at != absl::string_view::npos && at > 0 && at + 1 < id.size() &&
            id.find('@', at + 1) == absl::string_view::npos;
  for (unsigned char c : id) {
    ok = ok && c > 0x20 && c < 0x7F &&
         absl::string_view("<>()[]\\,;:\"").find(static_cast<char>(c)) == absl::string_view::npos;
  }
  return ok ? absl::OkStatus()
            : Refuse("message_id", "is not of the form left@right in printable ASCII");
}

absl::Status CheckLanguage(absl::string_view language) {
  if (absl::Status s = CheckHeaderText(language, "language", kMaxLanguageBytes, false); !s.ok()) {
    return s;
  }
  bool ok = language.empty() || absl::ascii_isalpha(language.front());
  for (unsigned char c : language) ok = ok && (absl::ascii_isalnum(c) || c == '-');
  return ok ? absl::OkStatus() : Refuse("language", "is not a language tag such as de or en");
}

absl::Status CheckUnsubscribe(absl::string_view link) {
  if (absl::Status s = CheckHeaderText(link, "unsubscribe", kMaxUnsubscribeBytes, false);
      !s.ok() || link.empty()) {
    return s;
  }
  const std::string lower = absl::AsciiStrToLower(link);
  bool ok = absl::StartsWith(lower, "https://") || absl::StartsWith(lower, "http://") ||
            absl::StartsWith(lower, "mailto:");
  for (unsigned char c : link) {
    ok = ok && c > 0x20 &&
         absl::string_view("<>\",").find(static_cast<char>(c)) == absl::string_view::npos;
  }
  return ok ? absl::OkStatus()
            : Refuse("unsubscribe", "is not an https://, http:// or mailto: link");
}

absl::Status CheckDate(absl::Time date) {
  const absl::TimeZone utc = absl::UTCTimeZone();
  if (date < absl::UnixEpoch() ||
      date >= absl::FromCivil(absl::CivilSecond(10000, 1, 1, 0, 0, 0), utc)) {
    return Refuse("date", "is outside the years 1970 to 9999");
  }
  return absl::OkStatus();
}

// token "/" token, then parameters (RFC 2045); GMime encodes the rest.
absl::Status CheckContentType(absl::string_view type, absl::string_view field) {
  if (absl::Status s = CheckHeaderText(type, field, kMaxContentTypeBytes, true); !s.ok()) return s;
  const absl::string_view media = absl::StripAsciiWhitespace(type.substr(0, type.find(';')));
  const size_t slash = media.find('/');
  bool ok = slash != absl::string_view::npos && slash > 0 && slash + 1 < media.size() &&
            media.find('/', slash + 1) == absl::string_view::npos;
  for (unsigned char c : media) {
    ok =
        ok && c > 0x20 && c < 0x7F &&
        absl::string_view("()<>@,;:\\\"[]?=").find(static_cast<char>(c)) == absl::string_view::npos;
  }
  return ok ? absl::OkStatus() : Refuse(field, "is not a MIME type such as application/pdf");
}

absl::Status CheckAttachments(const domain::Mail& mail) {
  if (mail.attachments.size() > kMaxAttachments) {
    return Refuse("attachments", absl::StrCat("are more than ", kMaxAttachments));
  }
  size_t bytes = mail.text_body.size();
  for (size_t i = 0; i < mail.attachments.size(); ++i) {
    const domain::MailAttachment& a = mail.attachments[i];
    const std::string field = absl::StrCat("attachments[", i, "]");
    if (absl::Status s = CheckHeaderText(a.filename, field + ".filename", kMaxFilenameBytes, true);
        !s.ok()) {
      return s;
    }
    if (a.filename.find_first_of("/\\") != std::string::npos) {
      return Refuse(field + ".filename", "holds a folder separator (/ or \\)");
    }
    if (absl::Status s = CheckContentType(a.content_type, field + ".content_type"); !s.ok()) {
      return s;
    }
    bytes += a.data.size();
  }
  if (bytes > kMaxMailBytes) {
    return Refuse("text_body and attachments",
                  absl::StrCat("together exceed ", kMaxMailBytes / (1024 * 1024), " MiB"));
  }
  return absl::OkStatus();
}

}  // namespace

bool IsMailAddress(absl::string_view address) {
  if (address.size() > kMaxAddressBytes || !IsUtf8(address)) return false;
  const size_t at = address.rfind('@');
  if (at == absl::string_view::npos || at > kMaxLocalPartBytes) return false;
  return IsDotAtom(address.substr(0, at)) && IsDomain(address.substr(at + 1));
}

absl::Status CheckMail(const domain::Mail& mail) {
  const absl::Status checks[] = {
      CheckMessageId(mail.message_id),
      CheckHeaderText(mail.from_name, "from_name", kMaxNameBytes, false),
      CheckAddress(mail.from_address, "from_address"),
      CheckHeaderText(mail.to_name, "to_name", kMaxNameBytes, false),
      CheckAddress(mail.to_address, "to_address"),
      CheckHeaderText(mail.subject, "subject", kMaxSubjectBytes, true),
      CheckDate(mail.date),
      CheckLanguage(mail.language),
      CheckUnsubscribe(mail.unsubscribe),
  };
  for (const absl::Status& status : checks) {
    if (!status.ok()) return status;
  }
  if (mail.text_body.find('\0') != std::string::npos) {
    return Refuse("text_body", "holds a NUL character");
  }
  if (!IsUtf8(mail.text_body)) return Refuse("text_body", "is not valid UTF-8");
  return CheckAttachments(mail);
}

}  // namespace trainhub::mail
