// services/mail/mime_message: the bytes of a mail, read back with GMime's
// parser as a mail program would.

#include "mail/mime_message.h"

#include <gmime/gmime.h>
#include <gtest/gtest.h>

#include <regex>
#include <string>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/escaping.h"
#include "absl/strings/match.h"
#include "absl/strings/str_replace.h"
#include "absl/strings/str_split.h"
#include "domain/text.h"
#include "testing/sample_mails.h"

namespace trainhub::mail {
namespace {

using ::trainhub::testing::SampleMail;
using ::trainhub::testing::SampleMailWithAttachments;

// A message parsed by GMime, and its parts decoded.
class Parsed {
 public:
  explicit Parsed(const std::string& bytes) {
    g_mime_init();
    GMimeStream* stream = g_mime_stream_mem_new_with_buffer(bytes.data(), bytes.size());
    GMimeParser* parser = g_mime_parser_new_with_stream(stream);
    message_ = g_mime_parser_construct_message(parser, nullptr);
    g_object_unref(parser);
    g_object_unref(stream);
  }
  ~Parsed() {
    if (message_ != nullptr) g_object_unref(message_);
  }
  GMimeMessage* message() const { return message_; }

  // A header of the message; GMime's parser files Content-* headers under
  // the body part.
  std::string Header(const char* name) const {
    const char* value = g_mime_object_get_header(GMIME_OBJECT(message_), name);
    if (value == nullptr) {
      value = g_mime_object_get_header(g_mime_message_get_mime_part(message_), name);
    }
    return value == nullptr ? "(none)" : value;
  }
  // The name and address of the first mailbox in `list`.
  static std::pair<std::string, std::string> Mailbox(InternetAddressList* list) {
    InternetAddress* address = internet_address_list_get_address(list, 0);
    const char* name = internet_address_get_name(address);
    return {name == nullptr ? "" : name,
            internet_address_mailbox_get_addr(INTERNET_ADDRESS_MAILBOX(address))};
  }
  // The decoded content of `part`.
  static std::string Content(GMimeObject* part) {
    GMimeStream* out = g_mime_stream_mem_new();
    g_mime_data_wrapper_write_to_stream(g_mime_part_get_content(GMIME_PART(part)), out);
    GByteArray* bytes = g_mime_stream_mem_get_byte_array(GMIME_STREAM_MEM(out));
    std::string content(reinterpret_cast<const char*>(bytes->data), bytes->len);
    g_object_unref(out);
    return content;
  }

 private:
  GMimeMessage* message_ = nullptr;
};

std::string HeaderBlock(const std::string& bytes) {
  return bytes.substr(0, bytes.find("\r\n\r\n"));
}

// The value of header `name` in `bytes` as written, its folds undone.
std::string RawHeader(const std::string& bytes, const std::string& name) {
  const std::string block = "\r\n" + HeaderBlock(bytes) + "\r\n";
  const size_t start = block.find("\r\n" + name + ": ");
  if (start == std::string::npos) return "(none)";
  size_t end = start;
  do {
    end = block.find("\r\n", end + 2);
  } while (block[end + 2] == ' ' || block[end + 2] == '\t');
  const size_t value = start + 4 + name.size();
  return absl::StrReplaceAll(block.substr(value, end - value), {{"\r\n ", " "}, {"\r\n\t", " "}});
}

// RFC 2047 as a mail reader applies it: each encoded word decoded on its
// own, the white space between two adjacent ones dropped; UTF-8 (or its
// ASCII subset). A `phrase` (a display name) may hold quoted strings. (Not
// GMime's decoder: 3.2.13 decodes adjacent base64 words as one stream and
// loses the text after a padded word, upstream issue 133.)
std::string DecodedHeader(const std::string& raw, bool phrase = false) {
  static const std::regex word(R"(=\?([^?]+)\?([bBqQ])\?([^?]*)\?=)");
  std::string decoded;
  bool after_word = false;
  size_t position = 0;
  for (auto it = std::sregex_iterator(raw.begin(), raw.end(), word); it != std::sregex_iterator();
       ++it) {
    const std::string between = raw.substr(position, it->position() - position);
    if (!after_word || between.find_first_not_of(" \t") != std::string::npos) {
      decoded += phrase ? absl::StrReplaceAll(between, {{"\"", ""}}) : between;
    }
    const std::string charset = absl::AsciiStrToLower((*it)[1].str());
    EXPECT_TRUE(charset == "utf-8" || charset == "us-ascii") << raw;
    std::string text = (*it)[3].str();
    if (absl::AsciiStrToUpper((*it)[2].str()) == "B") {
      EXPECT_TRUE(absl::Base64Unescape((*it)[3].str(), &text)) << raw;
    } else {
      std::string bytes;
      for (size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '=') {
          bytes += absl::HexStringToBytes(text.substr(i + 1, 2));
          i += 2;
        } else {
          bytes += text[i] == '_' ? ' ' : text[i];
        }
      }
      text = bytes;
    }
    decoded += text;
    after_word = true;
    position = it->position() + it->length();
  }
  const std::string rest = raw.substr(position);
  return decoded + (phrase ? absl::StrReplaceAll(rest, {{"\"", ""}}) : rest);
}

TEST(MimeMessageTest, NamesAndSubjectInAnyScriptDecodeBackIntact) {
  for (int n = 0; n < 3; ++n) {
    const domain::Mail mail = SampleMail(n);
    absl::StatusOr<std::string> bytes = BuildMimeMessage(mail);
    ASSERT_TRUE(bytes.ok()) << bytes.status();
    for (unsigned char c : HeaderBlock(*bytes)) {
      ASSERT_LT(c, 0x80) << "headers are ASCII (RFC 2047 encoded words):\n" << HeaderBlock(*bytes);
    }
    EXPECT_TRUE(absl::StrContains(absl::AsciiStrToLower(*bytes), "=?utf-8?"))
        << HeaderBlock(*bytes);
    EXPECT_EQ(DecodedHeader(RawHeader(*bytes, "From"), true),
              mail.from_name + " <" + mail.from_address + ">");
    EXPECT_EQ(DecodedHeader(RawHeader(*bytes, "To"), true),
              mail.to_name + " <" + mail.to_address + ">");
    EXPECT_EQ(DecodedHeader(RawHeader(*bytes, "Subject")), mail.subject);
    Parsed parsed(*bytes);
    ASSERT_NE(parsed.message(), nullptr);
    EXPECT_EQ(Parsed::Mailbox(g_mime_message_get_from(parsed.message())).second, mail.from_address);
    EXPECT_EQ(Parsed::Mailbox(g_mime_message_get_to(parsed.message())).second, mail.to_address);
    EXPECT_EQ(std::string(g_mime_message_get_message_id(parsed.message())), mail.message_id);
    GDateTime* date = g_mime_message_get_date(parsed.message());
    ASSERT_NE(date, nullptr);
    EXPECT_EQ(g_date_time_to_unix(date), absl::ToUnixSeconds(mail.date));
  }
}

TEST(MimeMessageTest, CarriesTheHeadersMailProgramsAndFiltersRead) {
  domain::Mail mail = SampleMail(1);
  Parsed https(*BuildMimeMessage(mail));
  EXPECT_EQ(https.Header("Message-ID"), "<" + mail.message_id + ">");
  EXPECT_EQ(https.Header("MIME-Version"), "1.0");
  EXPECT_EQ(https.Header("Content-Language"), "de");
  EXPECT_EQ(https.Header("Auto-Submitted"), "auto-generated");
  EXPECT_EQ(https.Header("List-Unsubscribe"), "<" + mail.unsubscribe + ">");
  EXPECT_EQ(https.Header("List-Unsubscribe-Post"), "List-Unsubscribe=One-Click");

  mail.unsubscribe = "mailto:abmelden@trainhub.example.org?subject=7K3M";
  const std::string mailto = *BuildMimeMessage(mail);
  EXPECT_EQ(Parsed(mailto).Header("List-Unsubscribe"), "<" + mail.unsubscribe + ">");
  EXPECT_EQ(Parsed(mailto).Header("List-Unsubscribe-Post"), "(none)") << "one-click is https only";

  mail.unsubscribe.clear();
  mail.language = "en";
  const std::string neither = *BuildMimeMessage(mail);
  EXPECT_EQ(Parsed(neither).Header("List-Unsubscribe"), "(none)");
  EXPECT_EQ(Parsed(neither).Header("Content-Language"), "en");
  EXPECT_EQ(Parsed(neither).Header("Auto-Submitted"), "auto-generated");
}

TEST(MimeMessageTest, EveryLineEndsInCrlfAndStaysWithinSmtpLimits) {
  domain::Mail mail = SampleMailWithAttachments(2);
  mail.text_body += std::string(5000, 'y') + "\r\nWindows line\rold Mac line\n";
  mail.subject = std::string(400, 's') + " Ünïcödé " + std::string(300, 't');
  const std::string bytes = *BuildMimeMessage(mail);
  for (absl::string_view line : absl::StrSplit(bytes, "\r\n")) {
    EXPECT_FALSE(absl::StrContains(line, "\n")) << "a bare LF";
    EXPECT_FALSE(absl::StrContains(line, "\r")) << "a bare CR";
    EXPECT_LE(line.size(), 998u) << line.substr(0, 80);
  }
  EXPECT_EQ(DecodedHeader(RawHeader(bytes, "Subject")), mail.subject);
}

TEST(MimeMessageTest, BodyIsUtf8TextDecodedIntact) {
  const domain::Mail mail = SampleMail(0);
  Parsed parsed(*BuildMimeMessage(mail));
  GMimeObject* body = g_mime_message_get_mime_part(parsed.message());
  ASSERT_TRUE(GMIME_IS_PART(body));
  GMimeContentType* type = g_mime_object_get_content_type(body);
  EXPECT_TRUE(g_mime_content_type_is_type(type, "text", "plain"));
  EXPECT_EQ(std::string(g_mime_content_type_get_parameter(type, "charset")), "utf-8");
  const GMimeContentEncoding encoding = g_mime_part_get_content_encoding(GMIME_PART(body));
  EXPECT_TRUE(encoding == GMIME_CONTENT_ENCODING_QUOTEDPRINTABLE ||
              encoding == GMIME_CONTENT_ENCODING_BASE64)
      << "8-bit text is encoded for 7-bit transports";
  EXPECT_EQ(absl::StrReplaceAll(Parsed::Content(body), {{"\r\n", "\n"}}), mail.text_body);
}

TEST(MimeMessageTest, AttachmentsAreBase64AndArriveIntact) {
  const domain::Mail mail = SampleMailWithAttachments(1);
  const std::string bytes = *BuildMimeMessage(mail);
  Parsed parsed(bytes);
  GMimeObject* root = g_mime_message_get_mime_part(parsed.message());
  ASSERT_TRUE(GMIME_IS_MULTIPART(root));
  EXPECT_TRUE(
      g_mime_content_type_is_type(g_mime_object_get_content_type(root), "multipart", "mixed"));
  GMimeMultipart* mixed = GMIME_MULTIPART(root);
  ASSERT_EQ(g_mime_multipart_get_count(mixed), 3);
  EXPECT_EQ(
      absl::StrReplaceAll(Parsed::Content(g_mime_multipart_get_part(mixed, 0)), {{"\r\n", "\n"}}),
      mail.text_body);
  for (int i = 0; i < 2; ++i) {
    const domain::MailAttachment& sent = mail.attachments[i];
    GMimePart* part = GMIME_PART(g_mime_multipart_get_part(mixed, i + 1));
    EXPECT_EQ(g_mime_part_get_content_encoding(part), GMIME_CONTENT_ENCODING_BASE64);
    EXPECT_TRUE(g_mime_part_is_attachment(part));
    EXPECT_EQ(std::string(g_mime_part_get_filename(part)), sent.filename);
    EXPECT_EQ(Parsed::Content(GMIME_OBJECT(part)), sent.data) << sent.filename;
  }
  EXPECT_TRUE(absl::StrContains(bytes, "filename*=UTF-8''Zertifikat-%C5%9Eule-7K3M.pdf"))
      << "RFC 2231 in UTF-8";
  GMimeContentType* ics = g_mime_object_get_content_type(g_mime_multipart_get_part(mixed, 2));
  EXPECT_TRUE(g_mime_content_type_is_type(ics, "text", "calendar"));
  EXPECT_EQ(std::string(g_mime_content_type_get_parameter(ics, "method")), "REQUEST");
}

TEST(MimeMessageTest, TheSameMailGivesTheSameBytes) {
  const domain::Mail mail = SampleMailWithAttachments(3);
  EXPECT_EQ(*BuildMimeMessage(mail), *BuildMimeMessage(mail)) << "a resend is byte-identical";
}

// A field and a way to put a value into it.
struct Field {
  std::string name;
  void (*set)(domain::Mail&, const std::string&);
};

const std::vector<Field>& HeaderFields() {
  static const std::vector<Field> fields = {
      {"from_name", [](domain::Mail& m, const std::string& v) { m.from_name = v; }},
      {"to_name", [](domain::Mail& m, const std::string& v) { m.to_name = v; }},
      {"subject", [](domain::Mail& m, const std::string& v) { m.subject = v; }},
      {"message_id", [](domain::Mail& m, const std::string& v) { m.message_id = v; }},
      {"from_address", [](domain::Mail& m, const std::string& v) { m.from_address = v; }},
      {"to_address", [](domain::Mail& m, const std::string& v) { m.to_address = v; }},
      {"language", [](domain::Mail& m, const std::string& v) { m.language = v; }},
      {"unsubscribe", [](domain::Mail& m, const std::string& v) { m.unsubscribe = v; }},
      {"attachments[1].filename",
       [](domain::Mail& m, const std::string& v) { m.attachments[1].filename = v; }},
      {"attachments[0].content_type",
       [](domain::Mail& m, const std::string& v) { m.attachments[0].content_type = v; }},
  };
  return fields;
}

TEST(MimeMessageTest, HeaderInjectionThroughAnyFieldIsRefusedNamingIt) {
  for (const Field& field : HeaderFields()) {
    for (const std::string injected :
         {"x@example.org\r\nBcc: victim@example.org", "x@example.org\nBcc: victim@example.org",
          "x@example.org\rBcc: victim@example.org"}) {
      domain::Mail mail = SampleMailWithAttachments(0);
      field.set(mail, injected);
      absl::StatusOr<std::string> bytes = BuildMimeMessage(mail);
      ASSERT_FALSE(bytes.ok()) << field.name << " took a line break:\n" << *bytes;
      EXPECT_EQ(bytes.status().code(), absl::StatusCode::kInvalidArgument);
      EXPECT_TRUE(absl::StrContains(bytes.status().message(), "The mail's " + field.name + " "))
          << bytes.status();
      EXPECT_EQ(CheckMail(mail), bytes.status());
    }
  }
}

TEST(MimeMessageTest, AddressesThatAreNotAddressesAreRefused) {
  for (const char* bad : {"",
                          "plain",
                          "a@b",
                          "a@@example.org",
                          "@example.org",
                          "a@",
                          "a b@example.org",
                          "a..b@example.org",
                          ".a@example.org",
                          "a.@example.org",
                          "a@example..org",
                          "a@-example.org",
                          "a@example-.org",
                          "<a@example.org>",
                          "a@example.org>",
                          "\"quoted\"@example.org",
                          "a(comment)@example.org",
                          "a,b@example.org",
                          "a;b@example.org",
                          "a@exa mple.org",
                          "a@[127.0.0.1]",
                          "a\tb@example.org",
                          "\xff\xfe@example.org"}) {
    EXPECT_FALSE(IsMailAddress(bad)) << bad;
    domain::Mail mail = SampleMail(0);
    mail.to_address = bad;
    EXPECT_TRUE(absl::StrContains(CheckMail(mail).message(), "to_address")) << bad;
  }
  EXPECT_FALSE(IsMailAddress(std::string(65, 'a') + "@example.org")) << "local part over 64";
  EXPECT_FALSE(IsMailAddress("a@" + std::string(64, 'b') + ".org")) << "label over 63";
  for (const char* good :
       {"a@example.org", "o'brien+tag@sub.example.co.uk", "first.last@example.org",
        "şule.yılmaz@örnek.com.tr", "user@xn--bcher-kva.example", "a_b-c=d@e-f.org"}) {
    EXPECT_TRUE(IsMailAddress(good)) << good;
  }
}

TEST(MimeMessageTest, OtherMalformedFieldsAreRefusedNamingThem) {
  const std::vector<std::pair<std::string, void (*)(domain::Mail&)>> cases = {
      {"message_id", [](domain::Mail& m) { m.message_id = "no-at-sign"; }},
      {"message_id", [](domain::Mail& m) { m.message_id = "<a@b>"; }},
      {"message_id", [](domain::Mail& m) { m.message_id = "a b@c"; }},
      {"message_id", [](domain::Mail& m) { m.message_id.clear(); }},
      {"subject", [](domain::Mail& m) { m.subject = "bad \xc3\x28 utf-8"; }},
      {"subject", [](domain::Mail& m) { m.subject = "tab\x01control"; }},
      {"subject", [](domain::Mail& m) { m.subject = std::string(1001, 's'); }},
      {"to_name", [](domain::Mail& m) { m.to_name = std::string(301, 'n'); }},
      {"unsubscribe", [](domain::Mail& m) { m.unsubscribe = "javascript:alert(1)"; }},
      {"unsubscribe", [](domain::Mail& m) { m.unsubscribe = "https://a.org/x>, <https://b"; }},
      {"language", [](domain::Mail& m) { m.language = "d e"; }},
      {"date", [](domain::Mail& m) { m.date = absl::FromUnixSeconds(-1); }},
      {"date", [](domain::Mail& m) { m.date = absl::InfiniteFuture(); }},
      {"text_body", [](domain::Mail& m) { m.text_body = std::string("nul\0byte", 8); }},
      {"text_body", [](domain::Mail& m) { m.text_body = "\xc0\xaf overlong"; }},
      {"attachments[0].filename", [](domain::Mail& m) { m.attachments[0].filename = "../x.pdf"; }},
      {"attachments[0].filename", [](domain::Mail& m) { m.attachments[0].filename.clear(); }},
      {"attachments[1].content_type",
       [](domain::Mail& m) { m.attachments[1].content_type = "calendar"; }},
      {"attachments", [](domain::Mail& m) { m.attachments.resize(kMaxAttachments + 1); }},
      {"text_body and attachments",
       [](domain::Mail& m) { m.attachments[0].data = std::string(kMaxMailBytes, 'a'); }},
  };
  for (const auto& [field, spoil] : cases) {
    domain::Mail mail = SampleMailWithAttachments(0);
    spoil(mail);
    const absl::Status status = BuildMimeMessage(mail).status();
    EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument) << field;
    EXPECT_TRUE(absl::StartsWith(status.message(), "The mail's " + field + " ")) << status;
  }
}

}  // namespace
}  // namespace trainhub::mail

namespace trainhub::mail {
namespace {

// An address trainhub accepts when a participant, trainer or account is
// saved (domain::LooksLikeEmail) is one mail can be sent to, and the other
// way round: no mail is given up at send time for an address that was
// accepted.
TEST(MailAddressRuleTest, SavingAndSendingAgreeOnEveryAddress) {
  const std::vector<std::string> addresses = {
      "nuran.sahin@example.org", "jürgen@müller.de", "a+tag@example.org",
      "o'brien@example.ie",      "x@sub.example.co.uk", "no-at-sign.org",
      "@example.org",            "a@b@example.org",   "a@example",
      "a@example.",              "a b@example.org",   "a..b@example.org",
      "a(b)@example.org",        "\"q\"@example.org", ".a@example.org",
      "a.@example.org",          "a@-example.org",    "a@example-.org",
      "a@exa_mple.org",          "a@example..org",    std::string(65, 'a') + "@example.org",
      std::string(64, 'a') + "@example.org",          "a@" + std::string(64, 'b') + ".org",
      "a,b@example.org",         "a;b@example.org",   "<a@example.org>"};
  for (const std::string& address : addresses) {
    EXPECT_EQ(domain::LooksLikeEmail(address), IsMailAddress(address)) << address;
  }
}

}  // namespace
}  // namespace trainhub::mail
