// SmtpSession (smtp_session.h): libcurl's easy interface, one handle.

#include "mail/smtp_session.h"

#include <algorithm>
#include <cstring>
#include <string>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"

namespace trainhub::mail {
namespace {

// The most of one reply kept for people (a long EHLO list is cut).
constexpr size_t kMaxReplyBytes = 1000;

int OnDebug(CURL*, curl_infotype type, char* data, size_t size, void* session) {
  if (type == CURLINFO_HEADER_IN) {
    static_cast<SmtpSession*>(session)->OnReplyLines(absl::string_view(data, size));
  } else if (type == CURLINFO_HEADER_OUT) {
    static_cast<SmtpSession*>(session)->OnCommand(absl::string_view(data, size));
  }
  return 0;
}

// The code of a reply line "250 ok" / "250-more follows", or 0.
int ReplyCode(absl::string_view line) {
  int code = 0;
  if (line.size() < 3 || !absl::SimpleAtoi(line.substr(0, 3), &code)) return 0;
  if (line.size() > 3 && line[3] != ' ' && line[3] != '-') return 0;
  return code;
}

}  // namespace

SmtpSession::SmtpSession(const SmtpOptions& options, bool tls_required)
    : handle_(curl_easy_init()) {
  curl_easy_setopt(handle_, CURLOPT_URL, options.url.c_str());
  curl_easy_setopt(handle_, CURLOPT_PROTOCOLS_STR, "smtp,smtps");
  curl_easy_setopt(handle_, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(handle_, CURLOPT_USE_SSL,
                   static_cast<long>(tls_required ? CURLUSESSL_ALL : CURLUSESSL_TRY));
  curl_easy_setopt(handle_, CURLOPT_SSLVERSION, static_cast<long>(CURL_SSLVERSION_TLSv1_2));
  if (!options.ca_file.empty()) curl_easy_setopt(handle_, CURLOPT_CAINFO, options.ca_file.c_str());
  if (!options.username.empty()) {
    curl_easy_setopt(handle_, CURLOPT_USERNAME, options.username.c_str());
    curl_easy_setopt(handle_, CURLOPT_PASSWORD, options.password.c_str());
  }
  for (const std::string& entry : options.resolve) {
    resolve_ = curl_slist_append(resolve_, entry.c_str());
  }
  if (resolve_ != nullptr) curl_easy_setopt(handle_, CURLOPT_RESOLVE, resolve_);
  curl_easy_setopt(handle_, CURLOPT_CONNECTTIMEOUT_MS,
                   static_cast<long>(absl::ToInt64Milliseconds(options.connect_timeout)));
  curl_easy_setopt(handle_, CURLOPT_TIMEOUT_MS,
                   static_cast<long>(absl::ToInt64Milliseconds(options.mail_timeout)));
  curl_easy_setopt(handle_, CURLOPT_SERVER_RESPONSE_TIMEOUT,
                   static_cast<long>(absl::ToInt64Seconds(options.mail_timeout)));
  curl_easy_setopt(handle_, CURLOPT_UPLOAD, 1L);
  curl_easy_setopt(handle_, CURLOPT_READFUNCTION, &SmtpSession::OnRead);
  curl_easy_setopt(handle_, CURLOPT_READDATA, &upload_);
  curl_easy_setopt(handle_, CURLOPT_ERRORBUFFER, error_);
  // The debug callback sees the server's replies; nothing is printed.
  curl_easy_setopt(handle_, CURLOPT_VERBOSE, 1L);
  curl_easy_setopt(handle_, CURLOPT_DEBUGFUNCTION, &OnDebug);
  curl_easy_setopt(handle_, CURLOPT_DEBUGDATA, this);
}

SmtpSession::~SmtpSession() {
  curl_easy_cleanup(handle_);
  curl_slist_free_all(resolve_);
}

size_t SmtpSession::OnRead(char* buffer, size_t size, size_t count, void* data) {
  auto* upload = static_cast<Upload*>(data);
  const size_t n = std::min(size * count, upload->bytes.size() - upload->offset);
  std::memcpy(buffer, upload->bytes.data() + upload->offset, n);
  upload->offset += n;
  return n;
}

void SmtpSession::OnReplyLines(absl::string_view text) {
  if (quitting_) return;
  while (!text.empty()) {
    const size_t end = text.find('\n');
    absl::string_view line = text.substr(0, end);
    text = end == absl::string_view::npos ? absl::string_view() : text.substr(end + 1);
    while (!line.empty() && (line.back() == '\r' || line.back() == '\n')) line.remove_suffix(1);
    const int code = ReplyCode(line);
    if (reply_lines_.size() < kMaxReplyBytes) {
      absl::StrAppend(&reply_lines_, reply_lines_.empty() ? "" : " ",
                      line.substr(0, kMaxReplyBytes - reply_lines_.size()));
    }
    if (code == 0 || (line.size() > 3 && line[3] == '-')) continue;  // more lines follow
    current_.last_reply_code = code;
    current_.last_reply = std::move(reply_lines_);
    reply_lines_.clear();
    if (current_.in_mail) {
      current_.mail_reply_code = code;
      current_.mail_reply = current_.last_reply;
    }
  }
}

void SmtpSession::OnCommand(absl::string_view line) {
  if (absl::StartsWithIgnoreCase(line, "MAIL FROM:")) current_.in_mail = true;
  // libcurl says QUIT after a refusal; "221 Bye" is no answer to the mail.
  if (absl::StartsWithIgnoreCase(line, "QUIT")) quitting_ = true;
}

SmtpSession::Attempt SmtpSession::Transfer(const domain::Mail& mail, const std::string& bytes,
                                           bool fresh) {
  current_ = Attempt();
  quitting_ = false;
  reply_lines_.clear();
  error_[0] = '\0';
  upload_ = Upload{bytes, 0};
  const std::string from = absl::StrCat("<", mail.from_address, ">");
  curl_slist* recipients =
      curl_slist_append(nullptr, absl::StrCat("<", mail.to_address, ">").c_str());
  curl_easy_setopt(handle_, CURLOPT_MAIL_FROM, from.c_str());
  curl_easy_setopt(handle_, CURLOPT_MAIL_RCPT, recipients);
  curl_easy_setopt(handle_, CURLOPT_INFILESIZE_LARGE, static_cast<curl_off_t>(bytes.size()));
  curl_easy_setopt(handle_, CURLOPT_FRESH_CONNECT, fresh ? 1L : 0L);
  current_.code = curl_easy_perform(handle_);
  long connects = 0;
  curl_easy_getinfo(handle_, CURLINFO_NUM_CONNECTS, &connects);
  current_.reused = connected_ && !fresh && connects == 0;
  connected_ = current_.code == CURLE_OK;
  if (current_.code != CURLE_OK) {
    current_.error = error_[0] != '\0' ? error_ : curl_easy_strerror(current_.code);
  }
  curl_easy_setopt(handle_, CURLOPT_MAIL_RCPT, nullptr);
  curl_slist_free_all(recipients);
  return current_;
}

}  // namespace trainhub::mail
