// What certificates rest on: the canonical JSON (RFC 8785) that is signed,
// serial numbers, the document's round trip, Ed25519 signatures, and the
// printed PDF (fonts embedded, text in logical order).

#include "domain/completion/certificate_document.h"

#include <gtest/gtest.h>
#include <sodium.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <tuple>
#include <utility>
#include <vector>

#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "domain/documents/canonical_json.h"
#include "domain/completion/certificate_pdf.h"
#include "domain/completion/certificate_status.h"
#include "domain/completion/name_transliteration.h"
#include "domain/work_gate.h"
#include "testing/v1_certificate.h"

namespace trainhub::domain {
namespace {

namespace fs = std::filesystem;

class CertificateDocumentTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { ASSERT_GE(sodium_init(), 0); }

  // CheckHolderName with a hashing slot of the test's own, as the
  // verification's name-check budget grants one.
  absl::StatusOr<HolderNameCheck> CheckHolderName(const CertificateContent& content,
                                                  absl::string_view name) {
    WorkGate::Pass slot = hashing_.Enter();
    if (!slot.ok()) return absl::ResourceExhaustedError("no hashing slot");
    return ::trainhub::domain::CheckHolderName(content, name, &slot);
  }

  WorkGate hashing_{1, 0, absl::ZeroDuration()};
};

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

CertificateContent Example() {
  CertificateContent c;
  c.serial = "7K3M-Q9ZD-X2RT-4HNB";
  c.outcome = CompletionOutcome::kCertificate;
  c.holder_name = "أمل حداد";
  c.series_id = 1;
  c.series_title = "Systemische Organisationsberatung im interkulturellen Kontext";
  c.series_kind = SeriesKind::kTrainerQualification;
  c.qualification = "Systemische Organisationsberater:in";
  c.organization_name = "Auslandsgesellschaft Sachsen-Anhalt e.V.";
  c.partner_names = {"Hochschule Anhalt"};
  c.modules = {{1,
                "Veränderungsprozesse I",
                "23.–24.11.2018",
                "16",
                "16",
                true,
                {"Nuran Şahin"},
                {"Systemisches Denken", "Auftragsklärung in Verwaltungen"}},
               {2,
                "Change Management",
                "01.–02.03.2019",
                "16",
                "8",
                false,
                {"Алина Петрова"},
                {"Widerstände im Wandel"}}};
  c.teaching_units_attended = "24";
  c.teaching_units_total = "32";
  c.issue_time = absl::FromUnixSeconds(1'800'000'000);  // 15.01.2027
  c.key_id = "k0123456789abcdef";
  c.evaluation = {{"rule", {{"min_modules", 1}}}, {"teaching_unit_percent", "75"}};
  c.attended_days = {absl::CivilDay(2018, 11, 23), absl::CivilDay(2018, 11, 24)};
  c.place = "Magdeburg";
  c.signatory_name = "Dr. Katrin Beispiel";
  c.signatory_role = "Projektleitung";
  return c;
}

// A Teilnahmebestätigung of a one-day Fachtag (a series that issues only
// those): one module of 6 UE on 12 March 2027.
CertificateContent FachtagConfirmation() {
  CertificateContent c = Example();
  c.outcome = CompletionOutcome::kConfirmation;
  c.qualification.clear();
  c.partner_names.clear();
  c.issued_documents = IssuedDocuments::kConfirmationOnly;
  c.series_title = "Fachtag Vielfalt in der Verwaltung";
  c.series_kind = SeriesKind::kOther;
  c.modules = {{1,
                "Fachtag",
                "12.03.2027",
                "6",
                "6",
                true,
                {"Мирослава Іваненко"},
                {"Impulsvortrag Antidiskriminierung", "Workshops zu Leichter Sprache"}}};
  c.teaching_units_attended = "6";
  c.teaching_units_total = "6";
  c.attended_days = {absl::CivilDay(2027, 3, 12)};
  c.issue_time = absl::FromCivil(absl::CivilSecond(2027, 3, 15, 10, 0, 0), absl::UTCTimeZone());
  return c;
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

std::string OutputOf(const std::string& command) {
  std::string out;
  if (FILE* p = popen(command.c_str(), "r")) {
    char buffer[4096];
    size_t n;
    while ((n = fread(buffer, 1, sizeof buffer, p)) > 0) out.append(buffer, n);
    pclose(p);
  }
  return out;
}

TEST_F(CertificateDocumentTest, ThePdfEmbedsItsFontsAndReadsInLogicalOrder) {
  absl::StatusOr<std::string> pdf =
      RenderCertificatePdf(Example(), "https://trainhub.example.org/c/7K3M-Q9ZD-X2RT-4HNB");
  ASSERT_TRUE(pdf.ok()) << pdf.status();
  const fs::path file =
      fs::temp_directory_path() / ("certificate-" + std::to_string(getpid()) + ".pdf");
  std::ofstream(file, std::ios::binary) << *pdf;
  const std::string text = OutputOf("pdftotext '" + file.string() + "' - 2>/dev/null");
  const std::string fonts = OutputOf("pdffonts '" + file.string() + "' 2>/dev/null");
  fs::remove(file);
  ASSERT_FALSE(text.empty()) << "pdftotext (poppler-utils) is needed";
  EXPECT_NE(text.find("Zertifikat"), std::string::npos);
  EXPECT_NE(text.find("أمل حداد"), std::string::npos) << text;
  EXPECT_NE(text.find("erfolgreich abgeschlossen"), std::string::npos);
  EXPECT_NE(text.find("8 von 16 UE"), std::string::npos);
  EXPECT_NE(text.find("7K3M-Q9ZD-X2RT-4HNB"), std::string::npos);
  EXPECT_NE(text.find("Алина Петрова"), std::string::npos);
  // Each module's topics, under "Inhalte der Weiterbildungsreihe".
  EXPECT_NE(text.find("Inhalte der Weiterbildungsreihe"), std::string::npos);
  EXPECT_NE(text.find("Systemisches Denken; Auftragsklärung in Verwaltungen"), std::string::npos)
      << text;
  EXPECT_NE(text.find("Widerstände im Wandel"), std::string::npos);
  // Who issued it, where and when, and that it needs no signature.
  EXPECT_NE(text.find("Magdeburg, 15.01.2027"), std::string::npos) << text;
  EXPECT_NE(text.find("Dr. Katrin Beispiel"), std::string::npos);
  EXPECT_NE(text.find("Projektleitung"), std::string::npos);
  EXPECT_NE(
      text.find("Dieses Dokument wurde elektronisch erstellt und ist ohne Unterschrift gültig."),
      std::string::npos)
      << text;
  // Every font row of pdffonts says "yes" for embedded.
  std::istringstream rows(fonts);
  std::string line;
  int checked = 0;
  while (std::getline(rows, line)) {
    if (line.rfind("name", 0) == 0 || line.rfind("----", 0) == 0 || line.empty()) continue;
    EXPECT_NE(line.find(" yes "), std::string::npos) << line;
    ++checked;
  }
  EXPECT_GT(checked, 0);
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

std::string PdfText(const CertificateContent& c) {
  absl::StatusOr<std::string> pdf = RenderCertificatePdf(c, "https://trainhub.example.org/c/X");
  EXPECT_TRUE(pdf.ok()) << pdf.status();
  const fs::path file =
      fs::temp_directory_path() / ("certificate-text-" + std::to_string(getpid()) + ".pdf");
  std::ofstream(file, std::ios::binary) << pdf.value_or("");
  // One line per paragraph, however pango wrapped it.
  std::string text = OutputOf("pdftotext -raw '" + file.string() + "' - 2>/dev/null");
  fs::remove(file);
  std::replace(text.begin(), text.end(), '\n', ' ');
  return text;
}

// A series that issues only Teilnahmebestätigungen (a Fachtag): the
// confirmation says on which day the holder took part in the event, never
// that a Weiterbildungsreihe was completed.
TEST_F(CertificateDocumentTest, AOneDayEventsConfirmationNamesTheDayAndTheEvent) {
  CertificateContent c = FachtagConfirmation();
  std::string text = PdfText(c);
  EXPECT_NE(text.find("Teilnahmebestätigung"), std::string::npos);
  EXPECT_NE(text.find("am 12. März 2027 an der Veranstaltung"), std::string::npos) << text;
  EXPECT_NE(text.find("Fachtag Vielfalt in der Verwaltung teilgenommen hat."), std::string::npos)
      << text;
  EXPECT_NE(text.find("Inhalte der Veranstaltung"), std::string::npos);
  EXPECT_NE(text.find("Impulsvortrag Antidiskriminierung; Workshops zu Leichter Sprache"),
            std::string::npos);
  EXPECT_EQ(text.find("Weiterbildungsreihe"), std::string::npos) << text;
  EXPECT_EQ(text.find("erfolgreich abgeschlossen"), std::string::npos);
  EXPECT_NE(text.find("Magdeburg, 15.03.2027"), std::string::npos) << text;

  // An Ideenwerkstatt of a day and a half; mini-workshops on separate days.
  c.attended_days = {absl::CivilDay(2027, 3, 5), absl::CivilDay(2027, 3, 6)};
  EXPECT_NE(PdfText(c).find("vom 5. bis 6. März 2027 an der Veranstaltung"), std::string::npos);
  c.attended_days = {absl::CivilDay(2026, 12, 30), absl::CivilDay(2027, 1, 2)};
  EXPECT_NE(PdfText(c).find("am 30. Dezember 2026 und 2. Januar 2027 an der"), std::string::npos);
  c.attended_days = {absl::CivilDay(2027, 3, 1), absl::CivilDay(2027, 3, 8),
                     absl::CivilDay(2027, 3, 15)};
  EXPECT_NE(PdfText(c).find("am 1., 8. und 15. März 2027 an der"), std::string::npos);

  // A Teilnahmebestätigung of a series that also issues Zertifikate keeps
  // the series' wording.
  c.issued_documents = IssuedDocuments::kCertificateAndConfirmation;
  text = PdfText(c);
  EXPECT_NE(text.find("an der Weiterbildungsreihe"), std::string::npos) << text;
  EXPECT_NE(text.find("Besuchte Module"), std::string::npos);
}

// A certificate of many modules with their topics runs over several pages:
// each page carries the number, which page it is and the QR code, and the
// signatory comes at the end.
TEST_F(CertificateDocumentTest, ALongCertificateCarriesNumberAndQrCodeOnEveryPage) {
  CertificateContent c = Example();
  for (int i = 3; i <= 8; ++i) {
    c.modules.push_back({i,
                         absl::StrCat("Interkulturelle Prozessbegleitung, Teil ", i),
                         "05.–06.09.2019",
                         "16",
                         "16",
                         true,
                         {"Katrin Vogel", "محمد الأحمد"},
                         {"Grundannahmen und Methodik systemischer Beratungsarbeit",
                          "Gelingensbedingungen für Veränderungen in Organisationen",
                          "Kompetenzmodell und Rollenklärung in der Prozessbegleitung",
                          "Fragetypen und Hypothesenbildung", "Simulation zur Auftragsklärung"}});
  }
  const std::string url = "https://trainhub.example.org/c/7K3M-Q9ZD-X2RT-4HNB";
  absl::StatusOr<std::string> pdf = RenderCertificatePdf(c, url);
  ASSERT_TRUE(pdf.ok()) << pdf.status();
  const fs::path dir =
      fs::temp_directory_path() / ("certificate-pages-" + std::to_string(getpid()));
  fs::create_directories(dir);
  std::ofstream(dir / "c.pdf", std::ios::binary) << *pdf;
  const std::string info = OutputOf("pdfinfo '" + (dir / "c.pdf").string() + "' 2>/dev/null");
  const size_t at = info.find("Pages:");
  ASSERT_NE(at, std::string::npos) << "pdfinfo (poppler-utils) is needed";
  const int pages = std::stoi(info.substr(at + 6));
  ASSERT_GE(pages, 2);
  for (int p = 1; p <= pages; ++p) {
    const std::string text = OutputOf(absl::StrCat("pdftotext -f ", p, " -l ", p, " '",
                                                   (dir / "c.pdf").string(), "' - 2>/dev/null"));
    EXPECT_NE(text.find("7K3M-Q9ZD-X2RT-4HNB"), std::string::npos) << "page " << p;
    EXPECT_NE(text.find(absl::StrCat("Seite ", p, " von ", pages)), std::string::npos)
        << "page " << p << ": " << text;
    EXPECT_EQ(text.find("Dr. Katrin Beispiel") != std::string::npos, p == pages) << "page " << p;
    const std::string png = (dir / absl::StrCat("page-", p)).string();
    const std::string qr = OutputOf(absl::StrCat(
        "pdftoppm -r 150 -png -singlefile -f ", p, " -l ", p, " '", (dir / "c.pdf").string(), "' '",
        png, "' && zbarimg -q --raw '", png, ".png' 2>/dev/null"));
    EXPECT_EQ(qr, url + "\n") << "page " << p;
  }
  fs::remove_all(dir);
}

}  // namespace
}  // namespace trainhub::domain
