#ifndef TRAINHUB_SERVICES_DOMAIN_COMPLETION_CERTIFICATES_H_
#define TRAINHUB_SERVICES_DOMAIN_COMPLETION_CERTIFICATES_H_

// Certificates: the coordinators who plan a series issue the Zertifikat or
// Teilnahmebestätigung each person's completion gives (one person, or
// everyone at once after a preview), revoke them and reissue them; they,
// the partners' coordinators and the holder read them; anyone verifies a
// serial. Issuing freezes a signed document of everything printed and the
// PDF (domain/completion/certificate_document.h); nothing but the status changes later.
// A Zertifikat of a series that awards a qualification records it for the
// holder (revoking takes it back), which enrolment prerequisites accept.

#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/clock.h"
#include "domain/completion/certificate_document.h"
#include "domain/completion/certificate_status.h"
#include "domain/idempotency.h"
#include "domain/model.h"
#include "domain/completion/name_check_budget.h"
#include "domain/ports/unit_of_work.h"
#include "domain/principal.h"
#include "domain/request_context.h"

namespace trainhub::domain {

struct IssuePlanEntry {
  Id participant_id = 0;
  std::string participant_name;
  CompletionOutcome outcome = CompletionOutcome::kUnspecified;
  bool decided = false;
  std::string existing_serial;  // holds a valid certificate of the series already
};

struct IssueResult {
  std::vector<IssuePlanEntry> plan;  // outcome CERTIFICATE or CONFIRMATION, by name
  std::vector<Certificate> issued;   // without PDFs
};

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

class Certificates {
 public:
  using Clock = std::function<absl::Time()>;
  // `store` and `signer` must outlive this object; verification addresses
  // are `verify_url_base` followed by the serial.
  Certificates(
      Store& store, const CertificateSigner& signer, std::string verify_url_base,
      Clock clock = [] { return absl::Now(); });

  // Records the signer's public key as the active issuer key (old keys stay
  // for verifying what they signed). Call once at start.
  absl::Status RegisterIssuerKey();
  // Signs the status of every certificate as stored now, and the status
  // list (domain/completion/certificate_status.h), when neither is signed yet (a
  // database from before signed statuses, or a new one). Call once at start,
  // after RegisterIssuerKey. A list removed later is not made anew: every
  // status then shows as unconfirmed.
  absl::StatusOr<StatusBaseline> SignStatusBaseline();
  // The signed status list as a W3C BitstringStatusListCredential (JSON
  // text) signed now by the active issuer key as a did:key
  // (eddsa-jcs-2022), published at StatusListUrl(). FAILED_PRECONDITION when
  // the stored list is missing or its signature does not hold.
  absl::StatusOr<std::string> StatusListCredential();
  std::string StatusListUrl() const;

  // FAILED_PRECONDITION "participant_id" when the person's outcome is
  // nothing; ALREADY_EXISTS "participant_id" when they hold a valid
  // certificate of the series (reissue it instead).
  absl::StatusOr<Certificate> Issue(const RequestContext& ctx, Id series_id, Id participant_id,
                                    const RequestKey& key);
  // Everyone's plan; unless `preview`, issues it for everyone without a
  // valid certificate, all in one write.
  absl::StatusOr<IssueResult> IssueAll(const RequestContext& ctx, Id series_id, bool preview,
                                       const RequestKey& key);
  // With the PDF.
  absl::StatusOr<Certificate> Get(const Principal& who, const std::string& serial);
  // Get, for handing out the PDF: FAILED_PRECONDITION "serial" when the
  // holder's data was erased (the PDF, which shows the name, is not kept).
  absl::StatusOr<Certificate> GetWithPdf(const Principal& who, const std::string& serial);
  // The certificate as an Open Badges 3.0 credential (JSON text) signed now
  // by the active issuer key as a did:key (eddsa-jcs-2022), for whoever may
  // read it. FAILED_PRECONDITION "serial" unless VALID, or when the holder's
  // data was erased.
  absl::StatusOr<std::string> Badge(const Principal& who, const std::string& serial);
  // Writes the PDFs of the series' valid certificates (or of all of them) as
  // one ZIP file at `path`, for the series' readers (planners and the
  // partners' coordinators); answers how many. Each PDF is read only while
  // the archive takes it in. FAILED_PRECONDITION "series_id" when there is
  // none; RESOURCE_EXHAUSTED when too many archives are being made.
  absl::StatusOr<int> WritePdfArchive(const Principal& who, Id series_id, bool include_invalid,
                                      const std::string& path);
  // Participants: their own (participant_id 0 or themselves).
  absl::StatusOr<Page<Certificate>> List(const Principal& who, Id series_id, Id participant_id,
                                         const PageRequest& page);
  // FAILED_PRECONDITION "serial" unless VALID; `reason` required.
  absl::StatusOr<Certificate> Revoke(const RequestContext& ctx, const std::string& serial,
                                     std::string reason, const RequestKey& key);
  // A new certificate from today's data and evaluation that supersedes the
  // VALID one named; `reason` required.
  absl::StatusOr<Certificate> Reissue(const RequestContext& ctx, const std::string& serial,
                                      std::string reason, const RequestKey& key);
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

  std::string VerificationUrl(const std::string& serial) const;

 private:
  struct Prepared;
  absl::StatusOr<std::vector<Prepared>> Prepare(const RequestContext& ctx, Id series_id,
                                                Id only_participant, IssueResult* plan,
                                                const std::string& supersedes);
  absl::StatusOr<Certificate> Frozen(CertificateContent content, Id participant_id, Id issued_by);
  // Checks a certificate just written into the verification cache, so that
  // its first verification finds it checked.
  void RememberChecked(const Certificate& c);
  // The certificate that `key`'s first request under `method` answered with,
  // when this is a retry of it (after `check_access` admits the caller);
  // nullopt for a first request. A retry must not meet the refusals the
  // first request's own effect now causes (holds one already, replaced).
  absl::StatusOr<std::optional<Certificate>> AnsweredBefore(
      absl::string_view method, const RequestKey& key,
      const std::function<absl::Status(ReadView&)>& check_access);
  // The public key recorded for `key_id` ("" when none).
  absl::StatusOr<std::string> PublicKeyOf(ReadView& r, const std::string& key_id);
  // Whether `c`'s stored status is backed by the issuer's signatures.
  absl::StatusOr<StatusCheck> CheckStatus(ReadView& r, const Certificate& c);

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

#endif  // TRAINHUB_SERVICES_DOMAIN_COMPLETION_CERTIFICATES_H_
