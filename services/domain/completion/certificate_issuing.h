#ifndef TRAINHUB_SERVICES_DOMAIN_COMPLETION_CERTIFICATE_ISSUING_H_
#define TRAINHUB_SERVICES_DOMAIN_COMPLETION_CERTIFICATE_ISSUING_H_

// Issuing certificates: the coordinators who plan a series issue the
// Zertifikat or Teilnahmebestätigung each person's completion gives (one
// person, or everyone at once after a preview), revoke them and reissue
// them. Issuing freezes a signed document of everything printed and the PDF
// (domain/completion/certificate_document.h); nothing but the status changes
// later, and every status is signed (domain/completion/certificate_status.h).
// A Zertifikat of a series that awards a qualification records it for the
// holder (revoking takes it back), which enrolment prerequisites accept.
// Also the issuer's start: its key and the signed baseline of statuses.

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/clock.h"
#include "domain/completion/certificate_document.h"
#include "domain/completion/certificate_drafts.h"
#include "domain/completion/certificate_status.h"
#include "domain/completion/certificate_verifier.h"
#include "domain/idempotency.h"
#include "domain/model.h"
#include "domain/ports/unit_of_work.h"
#include "domain/request_context.h"

namespace trainhub::domain {

struct IssueResult {
  std::vector<IssuePlanEntry> plan;  // outcome CERTIFICATE or CONFIRMATION, by name
  std::vector<Certificate> issued;   // without PDFs
};

class CertificateIssuing {
 public:
  using Clock = std::function<absl::Time()>;
  // `store`, `signer` and `verifier` must outlive this object; the PDFs
  // print the verifier's addresses, and what is issued goes into its cache.
  CertificateIssuing(
      Store& store, const CertificateSigner& signer, CertificateVerifier& verifier,
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

  // FAILED_PRECONDITION "participant_id" when the person's outcome is
  // nothing; ALREADY_EXISTS "participant_id" when they hold a valid
  // certificate of the series (reissue it instead).
  absl::StatusOr<Certificate> Issue(const RequestContext& ctx, Id series_id, Id participant_id,
                                    const RequestKey& key);
  // Everyone's plan; unless `preview`, issues it for everyone without a
  // valid certificate, all in one write.
  absl::StatusOr<IssueResult> IssueAll(const RequestContext& ctx, Id series_id, bool preview,
                                       const RequestKey& key);
  // FAILED_PRECONDITION "serial" unless VALID; `reason` required.
  absl::StatusOr<Certificate> Revoke(const RequestContext& ctx, const std::string& serial,
                                     std::string reason, const RequestKey& key);
  // A new certificate from today's data and evaluation that supersedes the
  // VALID one named; `reason` required.
  absl::StatusOr<Certificate> Reissue(const RequestContext& ctx, const std::string& serial,
                                      std::string reason, const RequestKey& key);

 private:
  // DraftCertificates in a read now.
  absl::StatusOr<std::vector<CertificateDraft>> Draft(const RequestContext& ctx,
                                                      const DraftRequest& request,
                                                      std::vector<IssuePlanEntry>* plan = nullptr);
  // `content` with a new serial, signed, and its PDF rendered: the
  // certificate to store.
  absl::StatusOr<Certificate> Frozen(CertificateContent content, Id participant_id, Id issued_by);
  // The certificate that `key`'s first request under `method` answered with,
  // when this is a retry of it (after `check_access` admits the caller);
  // nullopt for a first request. A retry must not meet the refusals the
  // first request's own effect now causes (holds one already, replaced).
  absl::StatusOr<std::optional<Certificate>> AnsweredBefore(
      absl::string_view method, const RequestKey& key,
      const std::function<absl::Status(ReadView&)>& check_access);

  Store& store_;
  const CertificateSigner& signer_;
  CertificateVerifier& verifier_;
  Clock clock_;
};

}  // namespace trainhub::domain

#endif  // TRAINHUB_SERVICES_DOMAIN_COMPLETION_CERTIFICATE_ISSUING_H_
