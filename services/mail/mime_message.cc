// BuildMimeMessage (mime_message.h) with GMime 3.

#include "mail/mime_message.h"

#include <gmime/gmime.h>

#include <memory>
#include <mutex>
#include <string>
#include <utility>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "absl/time/time.h"

namespace trainhub::mail {
namespace {

// Owns one reference to a GObject.
struct Unref {
  void operator()(gpointer object) const { g_object_unref(object); }
};
template <typename T>
using Owned = std::unique_ptr<T, Unref>;

void InitializeGMimeOnce() {
  static std::once_flag once;
  std::call_once(once, [] { g_mime_init(); });
}

// The multipart boundary: "=_" cannot occur in base64 or quoted-printable
// lines, and the digest of the message id makes the bytes reproducible.
std::string BoundaryFor(const std::string& message_id) {
  gchar* digest = g_compute_checksum_for_string(G_CHECKSUM_SHA256, message_id.c_str(),
                                                static_cast<gssize>(message_id.size()));
  std::string boundary = absl::StrCat("=_trainhub_", std::string(digest).substr(0, 32));
  g_free(digest);
  return boundary;
}

// A body's line ends as "\n" whatever the writer used; GMime writes CRLF.
std::string UnixLineEnds(const std::string& text) {
  return absl::StrReplaceAll(absl::StrReplaceAll(text, {{"\r\n", "\n"}}), {{"\r", "\n"}});
}

void AddMailbox(InternetAddressList* list, const std::string& name, const std::string& address) {
  InternetAddress* mailbox =
      internet_address_mailbox_new(name.empty() ? nullptr : name.c_str(), address.c_str());
  internet_address_set_charset(mailbox, "utf-8");
  internet_address_list_add(list, mailbox);
  g_object_unref(mailbox);
}

// `data` as the content of `part`, unencoded (GMime encodes when writing).
void SetContent(GMimePart* part, const std::string& data) {
  Owned<GMimeStream> stream(g_mime_stream_mem_new_with_buffer(data.data(), data.size()));
  Owned<GMimeDataWrapper> content(
      g_mime_data_wrapper_new_with_stream(stream.get(), GMIME_CONTENT_ENCODING_DEFAULT));
  g_mime_part_set_content(part, content.get());
}

Owned<GMimePart> TextPart(const domain::Mail& mail) {
  Owned<GMimePart> part(g_mime_part_new_with_type("text", "plain"));
  g_mime_object_set_content_type_parameter(GMIME_OBJECT(part.get()), "charset", "utf-8");
  SetContent(part.get(), UnixLineEnds(mail.text_body));
  g_mime_part_set_content_encoding(part.get(), g_mime_part_get_best_content_encoding(
                                                   part.get(), GMIME_ENCODING_CONSTRAINT_7BIT));
  return part;
}

// RFC 2231 parameters in UTF-8 rather than whatever legacy charset GMime
// finds for the name (ISO-8859-2 for "Şule").
void UseUtf8(GMimeParamList* params, const char* name) {
  if (GMimeParam* param = g_mime_param_list_get_parameter(params, name)) {
    g_mime_param_set_charset(param, "utf-8");
  }
}

Owned<GMimePart> AttachmentPart(const domain::MailAttachment& attachment) {
  Owned<GMimePart> part(g_mime_part_new());
  Owned<GMimeContentType> type(g_mime_content_type_parse(nullptr, attachment.content_type.c_str()));
  g_mime_object_set_content_type(GMIME_OBJECT(part.get()), type.get());
  g_mime_object_set_disposition(GMIME_OBJECT(part.get()), GMIME_DISPOSITION_ATTACHMENT);
  g_mime_part_set_filename(part.get(), attachment.filename.c_str());
  GMimeObject* object = GMIME_OBJECT(part.get());
  UseUtf8(g_mime_content_disposition_get_parameters(g_mime_object_get_content_disposition(object)),
          "filename");
  UseUtf8(g_mime_content_type_get_parameters(g_mime_object_get_content_type(object)), "name");
  SetContent(part.get(), attachment.data);
  g_mime_part_set_content_encoding(part.get(), GMIME_CONTENT_ENCODING_BASE64);
  return part;
}

void SetHeaders(GMimeMessage* message, const domain::Mail& mail) {
  AddMailbox(g_mime_message_get_from(message), mail.from_name, mail.from_address);
  AddMailbox(g_mime_message_get_to(message), mail.to_name, mail.to_address);
  g_mime_message_set_subject(message, mail.subject.c_str(), "utf-8");
  GDateTime* date = g_date_time_new_from_unix_utc(absl::ToUnixSeconds(mail.date));
  g_mime_message_set_date(message, date);
  g_date_time_unref(date);
  g_mime_message_set_message_id(message, mail.message_id.c_str());
  GMimeObject* object = GMIME_OBJECT(message);
  g_mime_object_set_header(object, "MIME-Version", "1.0", nullptr);
  if (!mail.language.empty()) {
    g_mime_object_set_header(object, "Content-Language", mail.language.c_str(), nullptr);
  }
  g_mime_object_set_header(object, "Auto-Submitted", "auto-generated", nullptr);
  if (!mail.unsubscribe.empty()) {
    const std::string link = absl::StrCat("<", mail.unsubscribe, ">");
    g_mime_object_set_header(object, "List-Unsubscribe", link.c_str(), nullptr);
    if (absl::StartsWith(absl::AsciiStrToLower(mail.unsubscribe), "https://")) {
      g_mime_object_set_header(object, "List-Unsubscribe-Post", "List-Unsubscribe=One-Click",
                               nullptr);
    }
  }
}

Owned<GMimeObject> Body(const domain::Mail& mail) {
  Owned<GMimePart> text = TextPart(mail);
  if (mail.attachments.empty()) return Owned<GMimeObject>(GMIME_OBJECT(text.release()));
  Owned<GMimeMultipart> mixed(g_mime_multipart_new_with_subtype("mixed"));
  g_mime_multipart_set_boundary(mixed.get(), BoundaryFor(mail.message_id).c_str());
  g_mime_multipart_add(mixed.get(), GMIME_OBJECT(text.get()));
  for (const domain::MailAttachment& attachment : mail.attachments) {
    g_mime_multipart_add(mixed.get(), GMIME_OBJECT(AttachmentPart(attachment).get()));
  }
  return Owned<GMimeObject>(GMIME_OBJECT(mixed.release()));
}

std::string Write(GMimeMessage* message) {
  GMimeFormatOptions* options = g_mime_format_options_new();
  g_mime_format_options_set_newline_format(options, GMIME_NEWLINE_FORMAT_DOS);
  Owned<GMimeStream> stream(g_mime_stream_mem_new());
  g_mime_object_write_to_stream(GMIME_OBJECT(message), options, stream.get());
  g_mime_format_options_free(options);
  GByteArray* bytes = g_mime_stream_mem_get_byte_array(GMIME_STREAM_MEM(stream.get()));
  return std::string(reinterpret_cast<const char*>(bytes->data), bytes->len);
}

}  // namespace

absl::StatusOr<std::string> BuildMimeMessage(const domain::Mail& mail) {
  if (absl::Status status = CheckMail(mail); !status.ok()) return status;
  InitializeGMimeOnce();
  Owned<GMimeMessage> message(g_mime_message_new(TRUE));
  SetHeaders(message.get(), mail);
  Owned<GMimeObject> body = Body(mail);
  g_mime_message_set_mime_part(message.get(), body.get());
  return Write(message.get());
}

}  // namespace trainhub::mail
