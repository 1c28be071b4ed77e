#ifndef TRAINHUB_SERVICES_DOMAIN_COMPLETION_CERTIFICATE_DOCUMENT_H_
#define TRAINHUB_SERVICES_DOMAIN_COMPLETION_CERTIFICATE_DOCUMENT_H_

// An issued certificate and the document it freezes: everything printed on
// it (holder, series, organisation and partners, modules with dates, UE,
// trainers and topics, outcome, issue date, place and signatory) and the
// evaluation it rests on, as canonical JSON signed with the issuer's Ed25519
// key. Also the serial numbers and the issuer keys.
//
// The document format is versioned ("format": "trainhub-certificate-vN"):
// an issued document never changes (a redaction re-signs it in its own
// version), so every version ever issued stays readable. Version 1 had no
// signatory, place, module topics, attended days or issued documents.

#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "domain/completion/completion_rules.h"
#include "domain/documents/data_integrity.h"
#include "domain/model.h"
#include "domain/work_gate.h"

namespace trainhub::domain {

// Numbers are stored and sent; never renumber.
// kUnconfirmed is never stored: verification answers it for a stored status
// that the issuer's signatures do not back (domain/completion/certificate_status.h).
enum class CertificateStatus {
  kUnspecified = 0,
  kValid = 1,
  kRevoked = 2,
  kSuperseded = 3,
  kUnconfirmed = 4,
};

// The newest document format, which new certificates are issued in.
inline constexpr int kCertificateFormatVersion = 2;

struct CertificateModuleLine {
  int position = 0;
  std::string title;
  std::string dates;                    // German, e.g. "23.11.2018 – 24.11.2018"
  std::string teaching_units;           // decimal text
  std::string teaching_units_attended;  // decimal text
  bool attended = false;
  std::vector<std::string> trainers;
  std::vector<std::string> topics;  // version 2
};

// What a certificate says; frozen at issue.
struct CertificateContent {
  int format_version = kCertificateFormatVersion;  // 1 or 2
  std::string serial;
  CompletionOutcome outcome = CompletionOutcome::kUnspecified;
  std::string holder_name;  // "" once the holder's data was erased
  // Once the holder's data was erased: the argon2id hash (libsodium's
  // crypto_pwhash_str) of Folded(holder name), with its own salt, so that
  // someone who presents the name can confirm it.
  std::string holder_name_hash;
  // With it (erasures from this version on): the same kind of hash of the
  // name's TransliterationKey (name_transliteration.h), so that the name
  // also checks in Latin letters when it was stored in another script.
  std::string holder_transliteration_hash;
  Id series_id = 0;
  std::string series_title;
  SeriesKind series_kind = SeriesKind::kUnspecified;
  std::string qualification;  // the series' awards_qualification (Zertifikat only)
  std::string organization_name;
  std::vector<std::string> partner_names;
  std::vector<CertificateModuleLine> modules;
  std::string teaching_units_attended;  // decimal text
  std::string teaching_units_total;
  // Version 2: what the series issues (a Teilnahmebestätigung of a
  // confirmation-only series is worded for an event, with its days), the
  // days the holder attended (Europe/Berlin, in order), where it was issued
  // (the organisation's city; may be empty) and who signs it.
  IssuedDocuments issued_documents = IssuedDocuments::kCertificateAndConfirmation;
  std::vector<absl::CivilDay> attended_days;
  std::string place;
  std::string signatory_name;
  std::string signatory_role;
  absl::Time issue_time;
  std::string supersedes;  // serial
  std::string key_id;
  nlohmann::json evaluation;  // the rule and the person's records it used
};

struct Certificate {
  Id id = 0;
  Id participant_id = 0;
  CertificateContent content;
  std::string document;    // canonical JSON of DocumentOf(content)
  std::string signature;   // 64 bytes, Ed25519 over document
  std::string pdf;         // as issued (empty in lists)
  std::string pdf_sha256;  // hex
  CertificateStatus status = CertificateStatus::kValid;
  std::string revoke_reason;
  std::optional<absl::Time> revoke_time;
  std::string superseded_by;
  Id issued_by = 0;  // account
};

// The signed document of `content` in its format_version; its canonical
// text is what is signed. DocumentOf(ContentOf(d)) gives d again.
nlohmann::json DocumentOf(const CertificateContent& content);
// `document`'s content (the evaluation only when asked for), of any format
// version; INVALID_ARGUMENT when it is not a trainhub certificate document.
absl::StatusOr<CertificateContent> ContentOf(const std::string& document,
                                             bool with_evaluation = true);

// `content` without anything personal, for a holder whose data is erased:
// the name goes (the salted hashes of it and of its transliteration key
// stay, see holder_name_hash) and so do the reasons in the evaluation.
// RESOURCE_EXHAUSTED when too many hashes run.
absl::StatusOr<CertificateContent> RedactedContent(CertificateContent content);

enum class HolderNameCheck {
  kDiffers,
  kMatches,                // letter for letter (compared as Folded())
  kMatchesTransliterated,  // only through the TransliterationKey of both
};
// Whether `name` is the holder's: compared as Folded(), else through the
// transliteration keys (at least kMinTransliterationKey letters); for an
// erased holder through the hashes (the second only when the first
// differs), which run in `hash_slot`: the caller's own budget, never a
// login's. FAILED_PRECONDITION when a hash is needed and `hash_slot` is null.
absl::StatusOr<HolderNameCheck> CheckHolderName(const CertificateContent& content,
                                                absl::string_view name,
                                                const WorkGate::Pass* hash_slot);
// Whether checking a name against `content` costs a password hash.
inline bool NameCheckNeedsHash(const CertificateContent& content) {
  return !content.holder_name_hash.empty();
}

// A new serial: 80 bits from libsodium's generator as 16 characters of
// Crockford base32 in groups of four ("7K3M-Q9ZD-X2RT-4HNB").
std::string NewSerial();
// `text` as a serial (case, spaces and dashes ignored; O read as 0, I and L
// as 1), or nullopt when it cannot be one.
std::optional<std::string> NormalizeSerial(const std::string& text);

// Teaching units as decimal text: at most two decimals, no trailing zeros.
std::string DecimalText(double value);

// The issuer's signing key (Ed25519). Thread-safe.
class CertificateSigner {
 public:
  virtual ~CertificateSigner() = default;
  virtual const std::string& key_id() const = 0;
  virtual const std::string& public_key() const = 0;  // 32 bytes
  // 64-byte signature of `message`.
  virtual std::string Sign(const std::string& message) const = 0;
};

// A signer over a 32-byte Ed25519 seed (libsodium).
class Ed25519Signer : public CertificateSigner {
 public:
  // INVALID_ARGUMENT unless `seed` has 32 bytes.
  static absl::StatusOr<std::unique_ptr<Ed25519Signer>> FromSeed(const std::string& seed);
  const std::string& key_id() const override { return key_id_; }
  const std::string& public_key() const override { return public_key_; }
  std::string Sign(const std::string& message) const override;

 private:
  Ed25519Signer() = default;
  std::string secret_key_;  // libsodium's 64-byte form
  std::string public_key_;
  std::string key_id_;
};

bool VerifySignature(const std::string& public_key, const std::string& message,
                     const std::string& signature);

// A public key the server has signed with.
struct IssuerKey {
  std::string key_id;
  std::string public_key;  // 32 bytes
  absl::Time create_time;
  bool active = false;
};

}  // namespace trainhub::domain

#endif  // TRAINHUB_SERVICES_DOMAIN_COMPLETION_CERTIFICATE_DOCUMENT_H_
