#ifndef TRAINHUB_SERVICES_DOMAIN_COMPLETION_CERTIFICATE_STATUS_H_
#define TRAINHUB_SERVICES_DOMAIN_COMPLETION_CERTIFICATE_STATUS_H_

// Certificate statuses signed by the issuer, so that a status changed in
// the database is found by whoever verifies. Each certificate's status
// (valid, revoked or replaced, with reason, time and successor) is a record
// signed with the issuer key that names the certificate's bit in the status
// list (its status_index) and the list's version that has the status. The
// status list, one bit per certificate, set once it is no longer valid, with
// a version that grows with every change, is signed as a whole. A revoked
// certificate made valid again behind the server's back has no signed
// record saying so (its record says revoked, or a record copied from before
// says valid while its bit is set); a removed record leaves its row
// unbacked; a removed list leaves every status unbacked. Only a whole
// earlier state (an older copy of the database) goes unnoticed. The list is
// also published as a W3C Bitstring Status List credential, so that offline
// badge checks learn revocations.

#include <cstdint>
#include <functional>
#include <mutex>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <unordered_map>

#include "absl/status/status.h"
#include "absl/time/time.h"
#include "domain/completion/certificate_document.h"
#include "domain/model_completion.h"

namespace trainhub::domain {

class ReadView;
class UnitOfWork;

// What a status record's signature covers: the certificate's serial, its
// status with reason, time and successor, and the record's index and
// list version.
std::string CertificateStatusMessage(const Certificate& c, const CertificateStatusRecord& r);
// What the list's signature covers: version, length and hash of the bits,
// time and key.
std::string StatusListMessage(const CertificateStatusList& list);

bool StatusBit(const std::string& bits, int64_t index);
void SetStatusBit(std::string& bits, int64_t index);

// `c`'s status as a record signed by `signer`.
CertificateStatusRecord SignedStatusRecord(const Certificate& c, int64_t status_index,
                                           int64_t list_version, const CertificateSigner& signer);
// Signs `list` (version, bits and time set) with `signer`.
void SignStatusList(CertificateStatusList& list, const CertificateSigner& signer);

// Whether `signature` by the key `key_id` holds over `message`.
using SignatureCheck = std::function<bool(const std::string& key_id, const std::string& message,
                                          const std::string& signature)>;

// Whether `c`'s stored status is backed by its signed record and the signed
// list; when not, `problem` says why (one sentence).
struct StatusCheck {
  bool confirmed = false;
  std::string problem;
};
StatusCheck CheckCertificateStatus(const Certificate& c,
                                   const std::optional<CertificateStatusRecord>& record,
                                   const std::optional<CertificateStatusList>& list,
                                   const SignatureCheck& signature_holds);
// Whether the stored list's signature holds; `problem` otherwise.
StatusCheck CheckStatusList(const std::optional<CertificateStatusList>& list,
                            const SignatureCheck& signature_holds);

// Ed25519 signatures checked once and remembered by a digest of key,
// message and signature (a changed one is a new entry). Bounded: forgets
// everything when full. Thread-safe.
class VerifiedSignatures {
 public:
  bool Holds(const std::string& public_key, const std::string& message,
             const std::string& signature);

 private:
  static constexpr size_t kMaxEntries = 8192;
  std::mutex mu_;
  std::unordered_map<std::string, bool> checked_;
};

// Checks signatures by the issuer keys recorded in `r` (read when first
// needed); for write units, which change statuses rarely.
SignatureCheck RecordedKeysCheck(ReadView& r);

// Inside a write: stores the signed status of `c`, just inserted and valid
// (its bit is its id).
absl::Status SignIssuedStatus(UnitOfWork& w, const Certificate& c, const CertificateSigner& signer);
// Inside a write, after `c`'s status was changed to revoked or replaced and
// stored: sets its bit in the status list, signs the list's next version
// and `c`'s new status. FAILED_PRECONDITION when the stored list is missing
// or its signature does not hold (re-signing it would vouch for a changed
// list: restore the database from a backup).
absl::Status SignChangedStatus(UnitOfWork& w, const Certificate& c, absl::Time now,
                               const CertificateSigner& signer);
// Inside a write, after an erasure blanked `before`'s revoke reason (giving
// `after`): signs the status anew when the record of `before` held, else
// leaves it unbacked (a status changed behind the server's back is not
// vouched for by an erasure).
absl::Status ResignRedactedStatus(UnitOfWork& w, const Certificate& before,
                                  const Certificate& after, const CertificateSigner& signer);

// What SignStatusBaseline did.
struct StatusBaseline {
  bool signed_now = false;  // the statuses and the list were signed now
  int64_t certificates = 0;
  int64_t not_valid = 0;
  // Nothing was signed: the list is missing although statuses were signed
  // before (it was removed outside trainhub).
  bool list_removed = false;
};
// Inside a write: when there is no status list and no certificate has a
// signed status (a database from before signed statuses, or a new one),
// signs every certificate's status as stored now, and the list of them.
// The one moment statuses are taken on trust.
absl::StatusOr<StatusBaseline> SignStatusBaseline(UnitOfWork& w, absl::Time now,
                                                  const CertificateSigner& signer);

// The W3C Bitstring Status List (statusPurpose "revocation") of `list` as a
// BitstringStatusListCredential without proof: `url` is its id (where it is
// published), `issuer_did` the did:key that signs it. The list has at least
// 131,072 entries, GZIP-compressed, as multibase base64url.
nlohmann::json BitstringStatusListCredentialOf(const CertificateStatusList& list,
                                               const std::string& url,
                                               const std::string& issuer_did);
// The BitstringStatusListEntry a credential carries for `status_index`.
nlohmann::json BitstringStatusListEntryOf(int64_t status_index, const std::string& list_url);
// The encodedList of `bits`: "u" and base64url without padding of the GZIP
// of the bits padded with zeros to at least 16 KB. And back (nullopt when it
// is not such a text).
std::string EncodedStatusList(const std::string& bits);
std::optional<std::string> DecodedStatusList(const std::string& encoded);

// Where the status list is published, from the verification address of
// certificates (e.g. "https://example.org/c/" -> "https://example.org/status/revocation").
std::string StatusListUrl(const std::string& verify_url_base);

}  // namespace trainhub::domain

#endif  // TRAINHUB_SERVICES_DOMAIN_COMPLETION_CERTIFICATE_STATUS_H_
