#ifndef TRAINHUB_SERVICES_DOMAIN_PORTS_CERTIFICATES_H_
#define TRAINHUB_SERVICES_DOMAIN_PORTS_CERTIFICATES_H_

// Storage port of issued certificates and of the issuer's public keys.
// A certificate's document, signature and PDF never change; only its
// status does (revoked, superseded).

#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "domain/model.h"
#include "domain/model_completion.h"
#include "domain/ports/page.h"

namespace trainhub::domain {

// What of a stored certificate to read.
enum class CertificateParts {
  kAll,
  kWithoutPdf,
  // Also `content` unparsed: only its serial, series_id, outcome, issue
  // time and key_id are filled; `document` holds the rest.
  kUnparsed,
};

struct CertificateFilter {
  Id series_id = 0;       // 0: any
  Id participant_id = 0;  // 0: anyone
  // Only series these organisations own or partner (empty: any). For
  // coordinators; participants filter by participant_id.
  std::vector<Id> organization_ids;
};

class CertificateReader {
 public:
  virtual ~CertificateReader() = default;
  // With the PDF. NOT_FOUND for an unknown id.
  virtual absl::StatusOr<Certificate> Get(Id id) = 0;
  // NOT_FOUND for an unknown serial.
  virtual absl::StatusOr<Certificate> GetBySerial(
      const std::string& serial, CertificateParts parts = CertificateParts::kAll) = 0;
  // The person's certificate of the series that is VALID, if any.
  virtual absl::StatusOr<std::optional<Certificate>> FindValid(Id series_id, Id participant_id) = 0;
  // In the order issued (cursor key: the id), without PDFs.
  virtual absl::StatusOr<Page<Certificate>> List(const CertificateFilter& filter,
                                                 const PageRequest& page) = 0;
  // Every key ever used, oldest first.
  virtual absl::StatusOr<std::vector<IssuerKey>> ListIssuerKeys() = 0;
  // The certificate's signed status (domain/completion/certificate_status.h), if any.
  virtual absl::StatusOr<std::optional<CertificateStatusRecord>> GetStatusRecord(
      Id certificate_id) = 0;
  // The signed status list, if any.
  virtual absl::StatusOr<std::optional<CertificateStatusList>> GetStatusList() = 0;
};

class CertificateWriter : public CertificateReader {
 public:
  // ALREADY_EXISTS for a serial in use.
  virtual absl::StatusOr<Id> Insert(const Certificate& certificate) = 0;
  // Stores status, revoke_reason, revoke_time and superseded_by.
  virtual absl::Status UpdateStatus(const Certificate& certificate) = 0;
  // Records `key` (once) and makes it the only active one.
  virtual absl::Status PutActiveIssuerKey(const IssuerKey& key) = 0;
  // Creates or replaces the certificate's signed status (its status_index
  // never changes).
  virtual absl::Status PutStatusRecord(Id certificate_id, const CertificateStatusRecord& r) = 0;
  virtual absl::Status PutStatusList(const CertificateStatusList& list) = 0;
};

}  // namespace trainhub::domain

#endif  // TRAINHUB_SERVICES_DOMAIN_PORTS_CERTIFICATES_H_
