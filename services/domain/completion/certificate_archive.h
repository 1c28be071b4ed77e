#ifndef TRAINHUB_SERVICES_DOMAIN_COMPLETION_CERTIFICATE_ARCHIVE_H_
#define TRAINHUB_SERVICES_DOMAIN_COMPLETION_CERTIFICATE_ARCHIVE_H_

// The issued certificates as their readers get them: the coordinators who
// plan a series, the partners' coordinators and the holder read one or a
// list, download its PDF or its Open Badge, and a series' readers download
// its PDFs as one ZIP file.

#include <functional>
#include <string>

#include "absl/status/statusor.h"
#include "absl/time/clock.h"
#include "domain/completion/certificate_document.h"
#include "domain/completion/certificate_verifier.h"
#include "domain/model.h"
#include "domain/ports/unit_of_work.h"
#include "domain/principal.h"

namespace trainhub::domain {

class CertificateArchive {
 public:
  using Clock = std::function<absl::Time()>;
  // `store`, `signer` (which signs badges) and `verifier` (whose addresses
  // badges name) must outlive this object.
  CertificateArchive(
      Store& store, const CertificateSigner& signer, CertificateVerifier& verifier,
      Clock clock = [] { return absl::Now(); });

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
  // Participants: their own (participant_id 0 or themselves).
  absl::StatusOr<Page<Certificate>> List(const Principal& who, Id series_id, Id participant_id,
                                         const PageRequest& page);
  // Writes the PDFs of the series' valid certificates (or of all of them) as
  // one ZIP file at `path`, for the series' readers (planners and the
  // partners' coordinators); answers how many. Each PDF is read only while
  // the archive takes it in. FAILED_PRECONDITION "series_id" when there is
  // none; RESOURCE_EXHAUSTED when too many archives are being made.
  absl::StatusOr<int> WritePdfArchive(const Principal& who, Id series_id, bool include_invalid,
                                      const std::string& path);

 private:
  Store& store_;
  const CertificateSigner& signer_;
  CertificateVerifier& verifier_;
  Clock clock_;
};

}  // namespace trainhub::domain

#endif  // TRAINHUB_SERVICES_DOMAIN_COMPLETION_CERTIFICATE_ARCHIVE_H_
