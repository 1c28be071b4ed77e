// What certificates rest on: the canonical JSON (RFC 8785) that is signed,
// serial numbers, the document's round trip, Ed25519 signatures, names in
// either script, and the status list. The printed PDF is in
// certificate_pdf_test.cc.

#include "domain/completion/certificate_document.h"

#include <gtest/gtest.h>
#include <sodium.h>

#include <algorithm>
#include <set>
#include <sstream>
#include <tuple>
#include <utility>
#include <vector>

#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "domain/documents/canonical_json.h"
#include "domain/completion/certificate_status.h"
#include "domain/completion/name_transliteration.h"
#include "domain/work_gate.h"
#include "testing/v1_certificate.h"
#include "unit/certificate_document_fixture.h"

namespace trainhub::domain {
namespace {

TEST_F(CertificateDocumentTest, CanonicalJsonSortsByUtf16CodeUnits) {
  // RFC 8785, 3.2.3: the sorting example (a character beyond U+FFFF sorts
  // by its surrogates, before U+FB33).
  const nlohmann::json object = {{"\u20ac", "Euro Sign"},
                                 {"\r", "Carriage Return"},
                                 {"\ufb33", "Hebrew Letter Dalet With Dagesh"},
                                 {"1", "One"},
                                 {"\U0001F600", "Emoji: Grinning Face"},
                                 {"\u0080", "Control"},
                                 {"\u00f6", "Latin Small Letter O With Diaeresis"}};
  absl::StatusOr<std::string> text = CanonicalJson(object);
  ASSERT_TRUE(text.ok()) << text.status();
  std::vector<std::string> order;
  for (const char* key : {"\\r", "1", "\u0080", "\u00f6", "\u20ac", "\U0001F600", "\ufb33"}) {
    order.push_back(key);
  }
  size_t at = 0;
  for (const std::string& key : order) {
    const size_t found = text->find("\"" + key + "\"", at);
    ASSERT_NE(found, std::string::npos) << key << " in " << *text;
    at = found;
  }
}

TEST_F(CertificateDocumentTest, CanonicalJsonEscapesOnlyWhatJcsEscapes) {
  const nlohmann::json value = {{"b", nlohmann::json::array({1, -2, true, nullptr})},
                                {"a", "\"\\\b\f\n\r\t\x0f/é€"}};
  absl::StatusOr<std::string> text = CanonicalJson(value);
  ASSERT_TRUE(text.ok()) << text.status();
  EXPECT_EQ(*text, "{\"a\":\"\\\"\\\\\\b\\f\\n\\r\\t\\u000f/é€\",\"b\":[1,-2,true,null]}");
  EXPECT_FALSE(CanonicalJson({{"x", 1.5}}).ok()) << "decimals go as text";
  EXPECT_FALSE(CanonicalJson({{"x", std::string("\xc3\x28")}}).ok()) << "malformed UTF-8";
}

TEST_F(CertificateDocumentTest, SerialsAreRandomCrockfordInGroupsAndReadLoosely) {
  std::set<std::string> seen;
  for (int i = 0; i < 200; ++i) {
    const std::string serial = NewSerial();
    ASSERT_EQ(serial.size(), 19u);
    EXPECT_EQ(serial.find_first_not_of("0123456789ABCDEFGHJKMNPQRSTVWXYZ-"), std::string::npos);
    EXPECT_EQ(serial[4], '-');
    EXPECT_EQ(NormalizeSerial(serial), serial);
    seen.insert(serial);
  }
  EXPECT_EQ(seen.size(), 200u);
  EXPECT_EQ(NormalizeSerial("7k3m q9zd-x2rt-4hnb"), "7K3M-Q9ZD-X2RT-4HNB");
  EXPECT_EQ(NormalizeSerial("OIL0-0000-0000-0000"), "0110-0000-0000-0000");
  EXPECT_FALSE(NormalizeSerial("7K3M-Q9ZD-X2RT").has_value());
  EXPECT_FALSE(NormalizeSerial("7K3M-Q9ZD-X2RT-4HNU").has_value());  // U is not Crockford
  EXPECT_FALSE(NormalizeSerial(std::string(100, 'A')).has_value());
}

TEST_F(CertificateDocumentTest, DocumentsRoundTripAndSignatures) {
  const CertificateContent c = Example();
  absl::StatusOr<std::string> document = CanonicalJson(DocumentOf(c));
  ASSERT_TRUE(document.ok()) << document.status();
  absl::StatusOr<CertificateContent> back = ContentOf(*document);
  ASSERT_TRUE(back.ok()) << back.status();
  EXPECT_EQ(back->holder_name, c.holder_name);
  EXPECT_EQ(back->modules.size(), 2u);
  EXPECT_EQ(back->modules[1].trainers, std::vector<std::string>{"Алина Петрова"});
  EXPECT_EQ(back->issue_time, c.issue_time);
  EXPECT_EQ(back->format_version, kCertificateFormatVersion);
  EXPECT_EQ(back->modules[0].topics, c.modules[0].topics);
  EXPECT_EQ(back->attended_days, c.attended_days);
  EXPECT_EQ(back->place, "Magdeburg");
  EXPECT_EQ(back->signatory_name, "Dr. Katrin Beispiel");
  EXPECT_EQ(back->signatory_role, "Projektleitung");
  EXPECT_EQ(back->issued_documents, IssuedDocuments::kCertificateAndConfirmation);
  EXPECT_EQ(CanonicalJson(DocumentOf(*back)).value(), *document) << "canonical twice is the same";
  EXPECT_EQ(ContentOf(*CanonicalJson(DocumentOf(FachtagConfirmation()))).value().issued_documents,
            IssuedDocuments::kConfirmationOnly);
  // A version this build does not know is not read as another one.
  std::string future = *document;
  future.replace(future.find("trainhub-certificate-v2"), 23, "trainhub-certificate-v3");
  EXPECT_FALSE(ContentOf(future).ok());
  // Each version names its own fields: a version 2 document without its
  // signatory is not a document.
  nlohmann::json stripped = DocumentOf(c);
  stripped.erase("signatory");
  EXPECT_FALSE(ContentOf(stripped.dump()).ok());
  EXPECT_FALSE(ContentOf("{\"format\":\"other\"}").ok());

  auto signer = Ed25519Signer::FromSeed(std::string(32, '\x07'));
  ASSERT_TRUE(signer.ok());
  EXPECT_EQ((*signer)->key_id(), KeyIdOf((*signer)->public_key()));
  const std::string signature = (*signer)->Sign(*document);
  EXPECT_TRUE(VerifySignature((*signer)->public_key(), *document, signature));
  std::string changed = *document;
  changed[changed.find("Anhalt")] = 'a';
  EXPECT_FALSE(VerifySignature((*signer)->public_key(), changed, signature));
  EXPECT_FALSE(Ed25519Signer::FromSeed("short").ok());
}

// "Amal Haddad" (the README's spelling) and "أمل حداد" are one name; so
// are the Latin and Cyrillic spellings of Russian and Ukrainian names.
TEST_F(CertificateDocumentTest, TransliterationKeysMeetAcrossScripts) {
  EXPECT_EQ(TransliterationKey("Amal Haddad"), "mlhd");
  for (const auto& [original, latin] : std::vector<std::pair<std::string, std::string>>{
           {"أمل حداد", "Amal Haddad"},
           {"محمد يوسف", "Mohammed Youssef"},
           {"فاطمة علي", "Fatima Ali"},
           {"عبد الله إبراهيم", "Abdullah Ibrahim"},
           {"Ольга Иванова", "Olga Ivanova"},
           {"Олександр Коваленко", "Oleksandr Kovalenko"},
           {"Щукин Юрий", "Shchukin Yuriy"},
           {"Жанна Цой", "Zhanna Tsoy"},
           {"Nguyễn Thị Lan", "Nguyen Thi Lan"},
       }) {
    EXPECT_EQ(TransliterationKey(original), TransliterationKey(latin)) << original;
    EXPECT_GE(TransliterationKey(original).size(), kMinTransliterationKey) << original;
  }
  EXPECT_NE(TransliterationKey("أمل حداد"), TransliterationKey("Jonas Berg"));
  EXPECT_NE(TransliterationKey("Ольга Иванова"), TransliterationKey("Olga Petrova"));
  EXPECT_NE(TransliterationKey("Олександр Коваленко"), TransliterationKey("Oleksandr Kowalski"));
}

TEST_F(CertificateDocumentTest, ANameChecksInEitherScriptAlsoAfterTheErasure) {
  for (const auto& [holder, latin, other] :
       std::vector<std::tuple<std::string, std::string, std::string>>{
           {"أمل حداد", "Amal Haddad", "Jonas Berg"},
           {"Ольга Иванова", "olga  IVANOVA", "Olga Petrova"},
       }) {
    CertificateContent c = Example();
    c.holder_name = holder;
    EXPECT_EQ(CheckHolderName(c, holder).value(), HolderNameCheck::kMatches);
    EXPECT_EQ(CheckHolderName(c, latin).value(), HolderNameCheck::kMatchesTransliterated);
    EXPECT_EQ(CheckHolderName(c, other).value(), HolderNameCheck::kDiffers);

    absl::StatusOr<CertificateContent> redacted = RedactedContent(c);
    ASSERT_TRUE(redacted.ok()) << redacted.status();
    const std::string document = CanonicalJson(DocumentOf(*redacted)).value();
    EXPECT_EQ(document.find(holder), std::string::npos) << document;
    EXPECT_EQ(document.find(TransliterationKey(holder)), std::string::npos) << document;
    EXPECT_NE(document.find("\"transliteration_hash\":\"$argon2id$"), std::string::npos)
        << document;
    absl::StatusOr<CertificateContent> stored = ContentOf(document);
    ASSERT_TRUE(stored.ok()) << stored.status();
    EXPECT_EQ(stored->holder_name, "");
    EXPECT_EQ(CheckHolderName(*stored, holder).value(), HolderNameCheck::kMatches) << holder;
    EXPECT_EQ(CheckHolderName(*stored, latin).value(), HolderNameCheck::kMatchesTransliterated)
        << latin;
    EXPECT_EQ(CheckHolderName(*stored, other).value(), HolderNameCheck::kDiffers) << other;
  }
  // A Latin name gets the second hash too: its presence tells nothing about
  // the script; and a key too short to tell names apart is not compared.
  CertificateContent c = Example();
  c.holder_name = "Ali Ula";
  absl::StatusOr<CertificateContent> redacted = RedactedContent(c);
  ASSERT_TRUE(redacted.ok());
  EXPECT_FALSE(redacted->holder_transliteration_hash.empty());
  EXPECT_EQ(CheckHolderName(*redacted, "Eli Ole").value(), HolderNameCheck::kDiffers);
  EXPECT_EQ(CheckHolderName(*redacted, "ali ula").value(), HolderNameCheck::kMatches);
}

// Issued certificates are frozen: a document of the first format, as
// trainhub issued them, still parses, still verifies, and is written back
// to the very same text (a redaction re-signs it in its own format).
TEST_F(CertificateDocumentTest, FirstFormatDocumentsStayReadableAndVerifiable) {
  const std::string document = trainhub::testing::kV1CertificateDocument;
  auto signer = Ed25519Signer::FromSeed(std::string(32, trainhub::testing::kV1CertificateSeedByte));
  ASSERT_TRUE(signer.ok());
  std::string signature;
  ASSERT_TRUE(absl::WebSafeBase64Unescape(trainhub::testing::kV1CertificateSignature, &signature));
  EXPECT_TRUE(VerifySignature((*signer)->public_key(), document, signature));

  absl::StatusOr<CertificateContent> c = ContentOf(document);
  ASSERT_TRUE(c.ok()) << c.status();
  EXPECT_EQ(c->format_version, 1);
  EXPECT_EQ(c->serial, trainhub::testing::kV1CertificateSerial);
  EXPECT_EQ(c->holder_name, "أمل حداد");
  EXPECT_EQ(c->outcome, CompletionOutcome::kCertificate);
  EXPECT_EQ(c->key_id, (*signer)->key_id());
  ASSERT_EQ(c->modules.size(), 2u);
  EXPECT_TRUE(c->modules[0].topics.empty());
  EXPECT_TRUE(c->signatory_name.empty());
  EXPECT_TRUE(c->attended_days.empty());
  EXPECT_EQ(CanonicalJson(DocumentOf(*c)).value(), document);

  absl::StatusOr<CertificateContent> redacted = RedactedContent(*c);
  ASSERT_TRUE(redacted.ok()) << redacted.status();
  const std::string resigned = CanonicalJson(DocumentOf(*redacted)).value();
  EXPECT_NE(resigned.find("\"format\":\"trainhub-certificate-v1\""), std::string::npos);
  EXPECT_EQ(resigned.find("signatory"), std::string::npos);
  absl::StatusOr<CertificateContent> back = ContentOf(resigned);
  ASSERT_TRUE(back.ok()) << back.status();
  EXPECT_EQ(back->format_version, 1);
  EXPECT_EQ(CheckHolderName(*back, "أمل حداد").value(), HolderNameCheck::kMatches);
}

TEST_F(CertificateDocumentTest, DecimalTextHasNoTrailingZeros) {
  EXPECT_EQ(DecimalText(16), "16");
  EXPECT_EQ(DecimalText(15.5), "15.5");
  EXPECT_EQ(DecimalText(2.0 / 3.0), "0.67");
  EXPECT_EQ(DecimalText(0), "0");
}

// The status list's bits as the W3C Bitstring Status List numbers them
// (index 0 the first byte's most significant bit), GZIP-compressed to at
// least 131,072 entries; signed records cover every status field.
TEST_F(CertificateDocumentTest, StatusListBitsAndSignedStatuses) {
  std::string bits;
  SetStatusBit(bits, 0);
  SetStatusBit(bits, 9);
  ASSERT_EQ(bits.size(), 2u);
  EXPECT_EQ(static_cast<unsigned char>(bits[0]), 0x80);
  EXPECT_EQ(static_cast<unsigned char>(bits[1]), 0x40);
  EXPECT_TRUE(StatusBit(bits, 9));
  EXPECT_FALSE(StatusBit(bits, 8));
  EXPECT_FALSE(StatusBit(bits, 100000));  // beyond the stored bytes: valid
  const std::string encoded = EncodedStatusList(bits);
  ASSERT_EQ(encoded[0], 'u');
  std::optional<std::string> decoded = DecodedStatusList(encoded);
  ASSERT_TRUE(decoded.has_value());
  EXPECT_EQ(decoded->size(), 16u * 1024);
  EXPECT_EQ(decoded->substr(0, 2), bits);
  EXPECT_FALSE(DecodedStatusList("uAAAA").has_value());
  EXPECT_EQ(StatusListUrl("https://pruefen.example.org/c/"),
            "https://pruefen.example.org/status/revocation");

  auto signer = Ed25519Signer::FromSeed(std::string(32, '\x07'));
  ASSERT_TRUE(signer.ok());
  Certificate c;
  c.id = 9;
  c.content.serial = "7K3M-Q9ZD-X2RT-4HNB";
  c.status = CertificateStatus::kRevoked;
  c.revoke_reason = "Irrtum";
  c.revoke_time = absl::FromUnixSeconds(1700000000);
  const CertificateStatusRecord record = SignedStatusRecord(c, 9, 2, **signer);
  CertificateStatusList list;
  list.version = 2;
  list.bits = bits;
  list.update_time = absl::FromUnixSeconds(1700000000);
  SignStatusList(list, **signer);
  const SignatureCheck holds = [&](const std::string& key_id, const std::string& message,
                                   const std::string& signature) {
    return key_id == (*signer)->key_id() &&
           VerifySignature((*signer)->public_key(), message, signature);
  };
  EXPECT_TRUE(CheckCertificateStatus(c, record, list, holds).confirmed);
  Certificate changed = c;
  changed.revoke_reason = "anders";
  EXPECT_FALSE(CheckCertificateStatus(changed, record, list, holds).confirmed);
  changed = c;
  changed.revoke_time = absl::FromUnixSeconds(1700000001);
  EXPECT_FALSE(CheckCertificateStatus(changed, record, list, holds).confirmed);
  changed = c;
  changed.status = CertificateStatus::kSuperseded;
  EXPECT_FALSE(CheckCertificateStatus(changed, record, list, holds).confirmed);
  CertificateStatusRecord moved = record;
  moved.status_index = 8;  // another bit, not set
  EXPECT_FALSE(CheckCertificateStatus(c, moved, list, holds).confirmed);
  CertificateStatusList older = list;
  older.version = 1;
  SignStatusList(older, **signer);
  const StatusCheck stale = CheckCertificateStatus(c, record, older, holds);
  EXPECT_FALSE(stale.confirmed);
  EXPECT_NE(stale.problem.find("older"), std::string::npos) << stale.problem;
}

}  // namespace
}  // namespace trainhub::domain
