#ifndef TRAINHUB_SERVICES_DOMAIN_COMPLETION_CERTIFICATE_DOCUMENT_H_
#define TRAINHUB_SERVICES_DOMAIN_COMPLETION_CERTIFICATE_DOCUMENT_H_

// The document an issued certificate (domain/model_completion.h) freezes:
// everything printed on it (holder, series, organisation and partners,
// modules with dates, UE, trainers and topics, outcome, issue date, place and
// signatory) and the evaluation it rests on, as canonical JSON signed with
// the issuer's Ed25519 key. Also the serial numbers and the issuer's signing
// key.
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
#include "domain/documents/credential_proof.h"
#include "domain/model.h"
#include "domain/model_completion.h"
#include "domain/work_gate.h"

namespace trainhub::domain {

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

}  // namespace trainhub::domain

#endif  // TRAINHUB_SERVICES_DOMAIN_COMPLETION_CERTIFICATE_DOCUMENT_H_
