#ifndef TRAINHUB_SERVICES_STORE_SQLITE_CERTIFICATE_STORE_H_
#define TRAINHUB_SERVICES_STORE_SQLITE_CERTIFICATE_STORE_H_

// The SQLite side of domain::CertificateWriter: issued certificates (the
// database refuses changes to anything but their status) and the issuer's
// public keys.

#include "domain/ports/certificates.h"
#include "store/sql_support.h"

namespace trainhub::store {

class SqliteCertificateStore : public domain::CertificateWriter {
 public:
  // `sql` must outlive this object.
  explicit SqliteCertificateStore(Sql& sql) : sql_(sql) {}

  absl::StatusOr<domain::Certificate> Get(domain::Id id) override;
  absl::StatusOr<domain::Certificate> GetBySerial(const std::string& serial,
                                                  domain::CertificateParts parts) override;
  absl::StatusOr<std::optional<domain::Certificate>> FindValid(domain::Id series_id,
                                                               domain::Id participant_id) override;
  absl::StatusOr<domain::Page<domain::Certificate>> List(const domain::CertificateFilter& filter,
                                                         const domain::PageRequest& page) override;
  absl::StatusOr<std::vector<domain::IssuerKey>> ListIssuerKeys() override;
  absl::StatusOr<domain::Id> Insert(const domain::Certificate& certificate) override;
  absl::Status UpdateStatus(const domain::Certificate& certificate) override;
  absl::Status PutActiveIssuerKey(const domain::IssuerKey& key) override;
  absl::StatusOr<std::optional<domain::CertificateStatusRecord>> GetStatusRecord(
      domain::Id certificate_id) override;
  absl::StatusOr<std::optional<domain::CertificateStatusList>> GetStatusList() override;
  absl::Status PutStatusRecord(domain::Id certificate_id,
                               const domain::CertificateStatusRecord& r) override;
  absl::Status PutStatusList(const domain::CertificateStatusList& list) override;

 private:
  Sql& sql_;
};

}  // namespace trainhub::store

#endif  // TRAINHUB_SERVICES_STORE_SQLITE_CERTIFICATE_STORE_H_
