#ifndef TRAINHUB_SERVICES_DOMAIN_COMPLETION_CERTIFICATE_VERIFIER_H_
#define TRAINHUB_SERVICES_DOMAIN_COMPLETION_CERTIFICATE_VERIFIER_H_

// Verification of certificates, for anyone and without an account: what a
// serial stands for (the stored document checked against the issuer's
// signature, the status against the signed statuses, a holder's name), the
// issuer's keys, and the signed status list that badges name. Also where a
// serial is verified (the addresses printed and published).

#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/clock.h"
#include "domain/completion/certificate_document.h"
#include "domain/completion/certificate_status.h"
#include "domain/completion/name_check_budget.h"
#include "domain/ports/unit_of_work.h"

namespace trainhub::domain {

// Where the replacement of a superseded certificate stands: the last
// certificate of the chain of replacements (the one superseded_by names,
// unless that was replaced in turn).
struct ReplacementState {
  std::string serial;
  CertificateStatus status = CertificateStatus::kUnspecified;  // VALID or REVOKED
  std::optional<absl::Time> revoke_time;
  int replacements = 1;  // how many times the certificate was replaced since
};

// What anyone learns about a serial.
struct CertificateVerification {
  std::optional<Certificate> certificate;  // nullopt: unknown serial
  bool signature_valid = false;
  // Whether the name asked about is the holder's; nullopt when none was.
  std::optional<bool> holder_name_matches;
  // It matches only through the names' transliteration (CheckHolderName).
  bool holder_name_transliterated = false;
  // When the stored status is not backed by the issuer's signatures: why
  // (the certificate's status is then kUnconfirmed, and its revoke reason,
  // time and successor are cleared).
  std::string status_problem;
  // For a SUPERSEDED certificate.
  std::optional<ReplacementState> replacement;
};

// A stored document as verification reads it: parsed (without the
// evaluation, which verification does not show), and whether its signature
// holds under the key given.
struct CheckedDocument {
  absl::StatusOr<CertificateContent> content;
  bool signature_valid = false;
};

// CheckedDocuments remembered by a digest of key, signature and document:
// a document or signature changed in the database is a new entry and is
// parsed and checked afresh. Bounded (forgets everything when full).
// Thread-safe.
class DocumentCache {
 public:
  std::shared_ptr<const CheckedDocument> Check(const std::string& public_key,
                                               const std::string& document,
                                               const std::string& signature);

 private:
  static constexpr size_t kMaxEntries = 4096;
  std::mutex mu_;
  std::unordered_map<std::string, std::shared_ptr<const CheckedDocument>> checked_;
};

class CertificateVerifier {
 public:
  using Clock = std::function<absl::Time()>;
  // `store` and `signer` must outlive this object; verification addresses
  // are `verify_url_base` followed by the serial.
  CertificateVerifier(
      Store& store, const CertificateSigner& signer, std::string verify_url_base,
      Clock clock = [] { return absl::Now(); });

  // No account needed. INVALID_ARGUMENT "serial" for text that cannot be a
  // serial; an unknown serial answers an empty verification. A superseded
  // certificate's answer says where its replacement stands.
  // `holder_name` (optional): the name to check against the holder's, also
  // for an erased holder (through the salted hash, within the anonymous
  // name checks' budget for `client_address`, domain/completion/name_check_budget.h);
  // INVALID_ARGUMENT when longer than a name may be, RESOURCE_EXHAUSTED
  // when the budget is spent (then `retry_after`, if given, says when to
  // try again).
  absl::StatusOr<CertificateVerification> Verify(const std::string& serial,
                                                 const std::string& holder_name = "",
                                                 absl::string_view client_address = "",
                                                 absl::Duration* retry_after = nullptr);
  absl::StatusOr<std::vector<IssuerKey>> IssuerKeys();
  // The signed status list as a W3C BitstringStatusListCredential (JSON
  // text) signed now by the active issuer key as a did:key
  // (eddsa-jcs-2022), published at StatusListUrl(). FAILED_PRECONDITION when
  // the stored list is missing or its signature does not hold.
  absl::StatusOr<std::string> StatusListCredential();
  std::string StatusListUrl() const;
  std::string VerificationUrl(const std::string& serial) const;

  // Whether `c`'s stored status is backed by the issuer's signatures, as
  // `r` sees them.
  absl::StatusOr<StatusCheck> CheckStatus(ReadView& r, const Certificate& c);
  // Checks a certificate just written into the verification's cache, so
  // that its first verification finds it checked.
  void Remember(const Certificate& c);

 private:
  // The public key recorded for `key_id` ("" when none).
  absl::StatusOr<std::string> PublicKeyOf(ReadView& r, const std::string& key_id);

  Store& store_;
  const CertificateSigner& signer_;
  DocumentCache checked_documents_;
  NameCheckBudget name_checks_;
  VerifiedSignatures checked_signatures_;
  // Issuer public keys by key id, as recorded (a recorded key never
  // changes); filled from the store when a key id is not known yet.
  std::mutex public_keys_mu_;
  std::unordered_map<std::string, std::string> public_keys_;
  std::string verify_url_base_;
  Clock clock_;
};

}  // namespace trainhub::domain

#endif  // TRAINHUB_SERVICES_DOMAIN_COMPLETION_CERTIFICATE_VERIFIER_H_
