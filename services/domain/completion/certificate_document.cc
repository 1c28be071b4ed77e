#include "domain/completion/certificate_document.h"

#include <sodium.h>

#include <cmath>

#include "absl/strings/ascii.h"
#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "domain/berlin_time.h"
#include "domain/documents/canonical_json.h"
#include "domain/completion/name_transliteration.h"
#include "domain/accounts/passwords.h"
#include "domain/status_macros.h"
#include "domain/text.h"

namespace trainhub::domain {
namespace {

// "trainhub-certificate-v" followed by the version.
constexpr char kDocumentFormatPrefix[] = "trainhub-certificate-v";
constexpr char kCrockford[] = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
constexpr int kSerialChars = 16;  // 80 bits

const char* OutcomeName(CompletionOutcome outcome) {
  switch (outcome) {
    case CompletionOutcome::kCertificate:
      return "Zertifikat";
    case CompletionOutcome::kConfirmation:
      return "Teilnahmebestätigung";
    default:
      return "";
  }
}

// The document's "holder": the name, or once erased its hashes (the
// transliteration's only for erasures that made one).
nlohmann::json HolderOf(const CertificateContent& c) {
  if (c.holder_name_hash.empty()) return {{"name", c.holder_name}};
  nlohmann::json holder = {{"name", c.holder_name}, {"name_hash", c.holder_name_hash}};
  if (!c.holder_transliteration_hash.empty()) {
    holder["transliteration_hash"] = c.holder_transliteration_hash;
  }
  return holder;
}

const char* IssuedDocumentsName(IssuedDocuments value) {
  return value == IssuedDocuments::kConfirmationOnly ? "confirmation_only"
                                                     : "certificate_and_confirmation";
}

std::string DayText(absl::CivilDay day) { return absl::FormatCivilTime(day); }

}  // namespace

nlohmann::json DocumentOf(const CertificateContent& c) {
  const bool v2 = c.format_version >= 2;
  nlohmann::json modules = nlohmann::json::array();
  for (const CertificateModuleLine& m : c.modules) {
    nlohmann::json line = {{"position", m.position},
                           {"title", m.title},
                           {"dates", m.dates},
                           {"teaching_units", m.teaching_units},
                           {"teaching_units_attended", m.teaching_units_attended},
                           {"attended", m.attended},
                           {"trainers", m.trainers}};
    if (v2) line["topics"] = m.topics;
    modules.push_back(std::move(line));
  }
  nlohmann::json series = {{"id", c.series_id},
                           {"title", c.series_title},
                           {"kind", static_cast<int>(c.series_kind)},
                           {"qualification", c.qualification}};
  if (v2) series["documents"] = IssuedDocumentsName(c.issued_documents);
  nlohmann::json document = {
      {"format", absl::StrCat(kDocumentFormatPrefix, c.format_version)},
      {"serial", c.serial},
      {"outcome", OutcomeName(c.outcome)},
      {"holder", HolderOf(c)},
      {"series", std::move(series)},
      {"organization", {{"name", c.organization_name}}},
      {"partners", c.partner_names},
      {"modules", modules},
      {"teaching_units_attended", c.teaching_units_attended},
      {"teaching_units_total", c.teaching_units_total},
      {"issued", FormatUtcSeconds(c.issue_time)},
      {"supersedes", c.supersedes},
      {"key_id", c.key_id},
      {"evaluation", c.evaluation.is_null() ? nlohmann::json::object() : c.evaluation},
  };
  if (v2) {
    nlohmann::json days = nlohmann::json::array();
    for (absl::CivilDay day : c.attended_days) days.push_back(DayText(day));
    document["attended_days"] = std::move(days);
    document["place"] = c.place;
    document["signatory"] = {{"name", c.signatory_name}, {"role", c.signatory_role}};
  }
  return document;
}

absl::StatusOr<CertificateContent> ContentOf(const std::string& document, bool with_evaluation) {
  CertificateContent c;
  try {
    // Without the evaluation its subtree is not built at all.
    const nlohmann::json d = nlohmann::json::parse(
        document,
        [with_evaluation](int depth, nlohmann::json::parse_event_t event, nlohmann::json& parsed) {
          return with_evaluation || depth != 1 || event != nlohmann::json::parse_event_t::key ||
                 parsed != "evaluation";
        });
    const std::string format = d.at("format");
    if (format == absl::StrCat(kDocumentFormatPrefix, 1)) {
      c.format_version = 1;
    } else if (format == absl::StrCat(kDocumentFormatPrefix, 2)) {
      c.format_version = 2;
    } else {
      return absl::InvalidArgumentError("not a trainhub certificate document");
    }
    const bool v2 = c.format_version >= 2;
    c.serial = d.at("serial");
    const std::string outcome = d.at("outcome");
    c.outcome = outcome == OutcomeName(CompletionOutcome::kCertificate)
                    ? CompletionOutcome::kCertificate
                    : CompletionOutcome::kConfirmation;
    c.holder_name = d.at("holder").at("name");
    c.holder_name_hash = d.at("holder").value("name_hash", "");
    c.holder_transliteration_hash = d.at("holder").value("transliteration_hash", "");
    c.series_id = d.at("series").at("id");
    c.series_title = d.at("series").at("title");
    c.series_kind = static_cast<SeriesKind>(d.at("series").at("kind").get<int>());
    c.qualification = d.at("series").at("qualification");
    c.organization_name = d.at("organization").at("name");
    c.partner_names = d.at("partners").get<std::vector<std::string>>();
    for (const nlohmann::json& m : d.at("modules")) {
      CertificateModuleLine line;
      line.position = m.at("position");
      line.title = m.at("title");
      line.dates = m.at("dates");
      line.teaching_units = m.at("teaching_units");
      line.teaching_units_attended = m.at("teaching_units_attended");
      line.attended = m.at("attended");
      line.trainers = m.at("trainers").get<std::vector<std::string>>();
      if (v2) line.topics = m.at("topics").get<std::vector<std::string>>();
      c.modules.push_back(std::move(line));
    }
    c.teaching_units_attended = d.at("teaching_units_attended");
    c.teaching_units_total = d.at("teaching_units_total");
    std::string error;
    if (!absl::ParseTime("%Y-%m-%dT%H:%M:%SZ", d.at("issued").get<std::string>(),
                         absl::UTCTimeZone(), &c.issue_time, &error)) {
      return absl::InvalidArgumentError("the document's issue time is unreadable");
    }
    c.supersedes = d.at("supersedes");
    c.key_id = d.at("key_id");
    if (v2) {
      const std::string documents = d.at("series").at("documents");
      if (documents == IssuedDocumentsName(IssuedDocuments::kConfirmationOnly)) {
        c.issued_documents = IssuedDocuments::kConfirmationOnly;
      } else if (documents != IssuedDocumentsName(IssuedDocuments::kCertificateAndConfirmation)) {
        return absl::InvalidArgumentError("the document names unknown issued documents");
      }
      for (const nlohmann::json& day : d.at("attended_days")) {
        absl::CivilDay parsed;
        if (!absl::ParseCivilTime(day.get<std::string>(), &parsed)) {
          return absl::InvalidArgumentError("the document's attended days are unreadable");
        }
        c.attended_days.push_back(parsed);
      }
      c.place = d.at("place");
      c.signatory_name = d.at("signatory").at("name");
      c.signatory_role = d.at("signatory").at("role");
    }
    if (with_evaluation) c.evaluation = d.at("evaluation");
  } catch (const nlohmann::json::exception&) {
    return absl::InvalidArgumentError("not a trainhub certificate document");
  }
  return c;
}

absl::StatusOr<CertificateContent> RedactedContent(CertificateContent content) {
  if (content.holder_name_hash.empty()) {
    TH_ASSIGN_OR_RETURN(content.holder_name_hash, HashPassword(Folded(content.holder_name)));
    // Made for every name, Latin ones too, so that its presence tells
    // nothing about the script the name was written in.
    TH_ASSIGN_OR_RETURN(content.holder_transliteration_hash,
                        HashPassword(TransliterationKey(content.holder_name)));
  }
  content.holder_name.clear();
  if (content.evaluation.is_object() && content.evaluation.contains("decision") &&
      content.evaluation["decision"].is_object()) {
    nlohmann::json& decision = content.evaluation["decision"];
    if (decision.contains("reason")) decision["reason"] = "";
  }
  return content;
}

absl::StatusOr<HolderNameCheck> CheckHolderName(const CertificateContent& content,
                                                absl::string_view name,
                                                const WorkGate::Pass* hash_slot) {
  const std::string key = TransliterationKey(name);
  const bool comparable_key = key.size() >= kMinTransliterationKey;
  if (!NameCheckNeedsHash(content)) {
    if (Folded(content.holder_name) == Folded(name)) return HolderNameCheck::kMatches;
    return comparable_key && TransliterationKey(content.holder_name) == key
               ? HolderNameCheck::kMatchesTransliterated
               : HolderNameCheck::kDiffers;
  }
  if (hash_slot == nullptr) return absl::FailedPreconditionError("no hashing slot was granted");
  TH_ASSIGN_OR_RETURN(PasswordCheck exact,
                      VerifyPasswordInOwnSlot(Folded(name), content.holder_name_hash, *hash_slot));
  if (exact.matches) return HolderNameCheck::kMatches;
  if (!comparable_key || content.holder_transliteration_hash.empty()) {
    return HolderNameCheck::kDiffers;
  }
  TH_ASSIGN_OR_RETURN(PasswordCheck latin, VerifyPasswordInOwnSlot(
                                               key, content.holder_transliteration_hash, *hash_slot));
  return latin.matches ? HolderNameCheck::kMatchesTransliterated : HolderNameCheck::kDiffers;
}

std::string NewSerial() {
  unsigned char bytes[10];
  randombytes_buf(bytes, sizeof bytes);
  std::string serial;
  uint32_t buffer = 0;
  int bits = 0;
  for (unsigned char b : bytes) {
    buffer = (buffer << 8) | b;
    bits += 8;
    while (bits >= 5) {
      serial.push_back(kCrockford[(buffer >> (bits - 5)) & 0x1F]);
      bits -= 5;
    }
  }
  std::string grouped;
  for (int i = 0; i < kSerialChars; ++i) {
    if (i > 0 && i % 4 == 0) grouped.push_back('-');
    grouped.push_back(serial[i]);
  }
  return grouped;
}

std::optional<std::string> NormalizeSerial(const std::string& text) {
  if (text.size() > 64) return std::nullopt;
  std::string chars;
  for (char ch : text) {
    if (ch == '-' || ch == ' ') continue;
    char c = absl::ascii_toupper(static_cast<unsigned char>(ch));
    if (c == 'O') c = '0';
    if (c == 'I' || c == 'L') c = '1';
    if (std::string_view(kCrockford).find(c) == std::string_view::npos) return std::nullopt;
    chars.push_back(c);
  }
  if (static_cast<int>(chars.size()) != kSerialChars) return std::nullopt;
  std::string grouped;
  for (int i = 0; i < kSerialChars; ++i) {
    if (i > 0 && i % 4 == 0) grouped.push_back('-');
    grouped.push_back(chars[i]);
  }
  return grouped;
}

std::string DecimalText(double value) {
  std::string text = absl::StrFormat("%.2f", std::round(value * 100) / 100);
  while (!text.empty() && text.back() == '0') text.pop_back();
  if (!text.empty() && text.back() == '.') text.pop_back();
  return text == "-0" ? "0" : text;
}

absl::StatusOr<std::unique_ptr<Ed25519Signer>> Ed25519Signer::FromSeed(const std::string& seed) {
  if (seed.size() != crypto_sign_SEEDBYTES) {
    return absl::InvalidArgumentError("an Ed25519 seed has 32 bytes");
  }
  auto signer = std::unique_ptr<Ed25519Signer>(new Ed25519Signer());
  signer->secret_key_.resize(crypto_sign_SECRETKEYBYTES);
  signer->public_key_.resize(crypto_sign_PUBLICKEYBYTES);
  crypto_sign_seed_keypair(reinterpret_cast<unsigned char*>(signer->public_key_.data()),
                           reinterpret_cast<unsigned char*>(signer->secret_key_.data()),
                           reinterpret_cast<const unsigned char*>(seed.data()));
  signer->key_id_ = KeyIdOf(signer->public_key_);
  return signer;
}

std::string Ed25519Signer::Sign(const std::string& message) const {
  std::string signature(crypto_sign_BYTES, '\0');
  crypto_sign_detached(reinterpret_cast<unsigned char*>(signature.data()), nullptr,
                       reinterpret_cast<const unsigned char*>(message.data()), message.size(),
                       reinterpret_cast<const unsigned char*>(secret_key_.data()));
  return signature;
}

bool VerifySignature(const std::string& public_key, const std::string& message,
                     const std::string& signature) {
  if (public_key.size() != crypto_sign_PUBLICKEYBYTES || signature.size() != crypto_sign_BYTES) {
    return false;
  }
  return crypto_sign_verify_detached(
             reinterpret_cast<const unsigned char*>(signature.data()),
             reinterpret_cast<const unsigned char*>(message.data()), message.size(),
             reinterpret_cast<const unsigned char*>(public_key.data())) == 0;
}

}  // namespace trainhub::domain
