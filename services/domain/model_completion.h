#ifndef TRAINHUB_SERVICES_DOMAIN_MODEL_COMPLETION_H_
#define TRAINHUB_SERVICES_DOMAIN_MODEL_COMPLETION_H_

// The entities of completion and certificates: a series' completion rule
// and the coordinators' decisions (the rules themselves:
// domain/completion/completion_rules.h), issued certificates and what they
// say (their signed documents: domain/completion/certificate_document.h),
// the issuer's keys and the signed statuses
// (domain/completion/certificate_status.h). Plain values; enum numbers
// equal those of the trainhub.v1 proto enums.

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "domain/model.h"

namespace trainhub::domain {

// Numbers are stored and sent; never renumber.
enum class CompletionOutcome {
  kUnspecified = 0,   // in a decision: withdrawn, the rule decides again
  kCertificate = 1,   // Zertifikat
  kConfirmation = 2,  // Teilnahmebestätigung
  kNone = 3,
};
// "certificate", "confirmation", "none"; "unspecified" (defined with the
// rules, domain/completion/completion_rules.cc).
const char* ToString(CompletionOutcome value);

// A series' completion rule; its requirements all apply. The defaults are
// the rule of a series that has none stored.
struct CompletionRule {
  Id series_id = 0;
  bool all_modules = true;
  int min_modules = 0;  // 0: no such requirement
  bool mandatory_modules = false;
  std::optional<int> max_excused;     // nullopt: any number
  int min_teaching_unit_percent = 0;  // 0: no such requirement
  int allowed_minutes_missed = 45;    // per session, for PRESENT or LATE
  int confirmation_min_modules = 1;   // 0: no Teilnahmebestätigung
  bool is_default = true;             // none stored
  Id updated_by = 0;                  // account
  std::string updated_by_name;
  absl::Time update_time;

  bool HasRequirement() const {
    return all_modules || min_modules > 0 || mandatory_modules || min_teaching_unit_percent > 0;
  }
};

// A coordinator's decision for one person; the latest one counts.
struct CompletionDecision {
  Id id = 0;
  Id series_id = 0;
  Id participant_id = 0;
  CompletionOutcome outcome = CompletionOutcome::kUnspecified;  // unspecified: withdrawn
  std::string reason;
  Id account_id = 0;
  std::string account_name;
  absl::Time record_time;
};

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
  // name's TransliterationKey (domain/completion/name_transliteration.h),
  // so that the name also checks in Latin letters when it was stored in
  // another script.
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

// The signed status of one certificate.
struct CertificateStatusRecord {
  int64_t status_index = 0;  // the certificate's bit in the list (its id)
  int64_t list_version = 0;  // the list's version that has this status (0: valid)
  std::string key_id;
  std::string signature;  // Ed25519 over CertificateStatusMessage
};

// The signed status list.
struct CertificateStatusList {
  int64_t version = 0;
  std::string bits;  // bit i (most significant of byte i / 8 first): index i is not valid
  absl::Time update_time;
  std::string key_id;
  std::string signature;  // Ed25519 over StatusListMessage
};

// A public key the server has signed with.
struct IssuerKey {
  std::string key_id;
  std::string public_key;  // 32 bytes
  absl::Time create_time;
  bool active = false;
};

}  // namespace trainhub::domain

#endif  // TRAINHUB_SERVICES_DOMAIN_MODEL_COMPLETION_H_
