#include "domain/completion/certificate_status.h"

#include <zlib.h>

#include <memory>
#include <vector>

#include "absl/strings/escaping.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"
#include "domain/berlin_time.h"
#include "domain/errors.h"
#include "domain/documents/hash_fields.h"
#include "domain/ports/unit_of_work.h"
#include "domain/status_macros.h"

namespace trainhub::domain {
namespace {

constexpr char kRecordEncoding[] = "trainhub-certificate-status-v1";
constexpr char kListEncoding[] = "trainhub-certificate-status-list-v1";
// The Bitstring Status List's minimum length: 131,072 entries.
constexpr size_t kMinListBytes = 16 * 1024;
// A decoded list larger than this is refused (8 million certificates).
constexpr size_t kMaxListBytes = 1024 * 1024;

const char* StatusName(CertificateStatus s) {
  switch (s) {
    case CertificateStatus::kValid:
      return "valid";
    case CertificateStatus::kRevoked:
      return "revoked";
    case CertificateStatus::kSuperseded:
      return "replaced";
    default:
      return "unknown";
  }
}

std::string Gzip(const std::string& bytes) {
  z_stream z{};
  // 15 window bits + 16: a GZIP header and trailer instead of zlib's.
  deflateInit2(&z, Z_BEST_COMPRESSION, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY);
  std::string out(deflateBound(&z, bytes.size()), '\0');
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(bytes.data()));
  z.avail_in = static_cast<uInt>(bytes.size());
  z.next_out = reinterpret_cast<Bytef*>(out.data());
  z.avail_out = static_cast<uInt>(out.size());
  deflate(&z, Z_FINISH);
  out.resize(z.total_out);
  deflateEnd(&z);
  return out;
}

std::optional<std::string> Gunzip(const std::string& bytes) {
  z_stream z{};
  if (inflateInit2(&z, 15 + 16) != Z_OK) return std::nullopt;
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(bytes.data()));
  z.avail_in = static_cast<uInt>(bytes.size());
  std::string out;
  char chunk[16384];
  int result = Z_OK;
  while (result == Z_OK) {
    z.next_out = reinterpret_cast<Bytef*>(chunk);
    z.avail_out = sizeof chunk;
    result = inflate(&z, Z_NO_FLUSH);
    out.append(chunk, sizeof chunk - z.avail_out);
    if (out.size() > kMaxListBytes) result = Z_BUF_ERROR;
  }
  inflateEnd(&z);
  if (result != Z_STREAM_END) return std::nullopt;
  return out;
}

}  // namespace

std::string CertificateStatusMessage(const Certificate& c, const CertificateStatusRecord& r) {
  std::string out;
  AppendField(out, kRecordEncoding);
  AppendField(out, c.content.serial);
  AppendField(out, r.status_index);
  AppendField(out, static_cast<int64_t>(c.status));
  AppendField(out, c.revoke_reason);
  AppendField(out, c.revoke_time ? absl::StrCat(absl::ToUnixMicros(*c.revoke_time)) : "");
  AppendField(out, c.superseded_by);
  AppendField(out, r.list_version);
  return out;
}

std::string StatusListMessage(const CertificateStatusList& list) {
  std::string out;
  AppendField(out, kListEncoding);
  AppendField(out, list.version);
  AppendField(out, static_cast<int64_t>(list.bits.size()));
  AppendField(out, Blake2b256(list.bits));
  AppendField(out, absl::ToUnixMicros(list.update_time));
  AppendField(out, list.key_id);
  return out;
}

bool StatusBit(const std::string& bits, int64_t index) {
  if (index < 0) return false;
  const size_t byte = static_cast<size_t>(index / 8);
  if (byte >= bits.size()) return false;
  return (static_cast<unsigned char>(bits[byte]) >> (7 - index % 8)) & 1;
}

void SetStatusBit(std::string& bits, int64_t index) {
  const size_t byte = static_cast<size_t>(index / 8);
  if (byte >= bits.size()) bits.resize(byte + 1, '\0');
  bits[byte] = static_cast<char>(static_cast<unsigned char>(bits[byte]) | (0x80 >> (index % 8)));
}

CertificateStatusRecord SignedStatusRecord(const Certificate& c, int64_t status_index,
                                           int64_t list_version, const CertificateSigner& signer) {
  CertificateStatusRecord r;
  r.status_index = status_index;
  r.list_version = list_version;
  r.key_id = signer.key_id();
  r.signature = signer.Sign(CertificateStatusMessage(c, r));
  return r;
}

void SignStatusList(CertificateStatusList& list, const CertificateSigner& signer) {
  list.key_id = signer.key_id();
  list.signature = signer.Sign(StatusListMessage(list));
}

StatusCheck CheckStatusList(const std::optional<CertificateStatusList>& list,
                            const SignatureCheck& signature_holds) {
  StatusCheck out;
  if (!list) {
    out.problem = "the issuer's signed status list is missing from the server's database";
  } else if (!signature_holds(list->key_id, StatusListMessage(*list), list->signature)) {
    out.problem = "the issuer's status list was changed without the issuer's signature";
  } else {
    out.confirmed = true;
  }
  return out;
}

StatusCheck CheckCertificateStatus(const Certificate& c,
                                   const std::optional<CertificateStatusRecord>& record,
                                   const std::optional<CertificateStatusList>& list,
                                   const SignatureCheck& signature_holds) {
  StatusCheck out = CheckStatusList(list, signature_holds);
  if (!out.confirmed) return out;
  out.confirmed = false;
  if (!record) {
    out.problem = "no status signed by the issuer is stored for this certificate";
    return out;
  }
  if (!signature_holds(record->key_id, CertificateStatusMessage(c, *record), record->signature)) {
    out.problem = absl::StrCat("the stored status (", StatusName(c.status),
                               ") is not the one the issuer signed");
    return out;
  }
  const bool listed_invalid = StatusBit(list->bits, record->status_index);
  if (listed_invalid != (c.status != CertificateStatus::kValid)) {
    out.problem =
        absl::StrCat("the issuer's status list says ", listed_invalid ? "no longer valid" : "valid",
                     ", the signed status says ", StatusName(c.status));
    return out;
  }
  if (list->version < record->list_version) {
    out.problem = "the issuer's status list is older than this certificate's signed status";
    return out;
  }
  out.confirmed = true;
  return out;
}

bool VerifiedSignatures::Holds(const std::string& public_key, const std::string& message,
                               const std::string& signature) {
  const std::string key = Blake2b256OfFields({public_key, signature, message});
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (auto it = checked_.find(key); it != checked_.end()) return it->second;
  }
  const bool holds = !public_key.empty() && VerifySignature(public_key, message, signature);
  std::lock_guard<std::mutex> lock(mu_);
  if (checked_.size() >= kMaxEntries) checked_.clear();
  checked_.emplace(key, holds);
  return holds;
}

SignatureCheck RecordedKeysCheck(ReadView& r) {
  auto keys = std::make_shared<std::optional<std::vector<IssuerKey>>>();
  return [&r, keys](const std::string& key_id, const std::string& message,
                    const std::string& signature) {
    if (!*keys) {
      absl::StatusOr<std::vector<IssuerKey>> listed = r.certificates().ListIssuerKeys();
      *keys = listed.ok() ? *std::move(listed) : std::vector<IssuerKey>();
    }
    for (const IssuerKey& k : **keys) {
      if (k.key_id == key_id) return VerifySignature(k.public_key, message, signature);
    }
    return false;
  };
}

absl::Status SignIssuedStatus(UnitOfWork& w, const Certificate& c,
                              const CertificateSigner& signer) {
  return w.certificates().PutStatusRecord(c.id, SignedStatusRecord(c, c.id, 0, signer));
}

absl::Status SignChangedStatus(UnitOfWork& w, const Certificate& c, absl::Time now,
                               const CertificateSigner& signer) {
  TH_ASSIGN_OR_RETURN(std::optional<CertificateStatusList> list, w.certificates().GetStatusList());
  const StatusCheck check = CheckStatusList(list, RecordedKeysCheck(w));
  if (!check.confirmed) {
    return Refusal(absl::StatusCode::kFailedPrecondition,
                   Msg("the status of certificate {serial} cannot be changed: {problem}; restore "
                       "the database from a backup (see docs/operations.md)",
                       {{"serial", c.content.serial}, {"problem", check.problem}}));
  }
  ++list->version;
  SetStatusBit(list->bits, c.id);
  list->update_time = now;
  SignStatusList(*list, signer);
  TH_RETURN_IF_ERROR(w.certificates().PutStatusList(*list));
  return w.certificates().PutStatusRecord(c.id, SignedStatusRecord(c, c.id, list->version, signer));
}

absl::Status ResignRedactedStatus(UnitOfWork& w, const Certificate& before,
                                  const Certificate& after, const CertificateSigner& signer) {
  TH_ASSIGN_OR_RETURN(std::optional<CertificateStatusRecord> record,
                      w.certificates().GetStatusRecord(before.id));
  if (!record || !RecordedKeysCheck(w)(record->key_id, CertificateStatusMessage(before, *record),
                                       record->signature)) {
    return absl::OkStatus();
  }
  return w.certificates().PutStatusRecord(
      after.id, SignedStatusRecord(after, record->status_index, record->list_version, signer));
}

absl::StatusOr<StatusBaseline> SignStatusBaseline(UnitOfWork& w, absl::Time now,
                                                  const CertificateSigner& signer) {
  StatusBaseline out;
  TH_ASSIGN_OR_RETURN(std::optional<CertificateStatusList> existing,
                      w.certificates().GetStatusList());
  if (existing) return out;
  TH_ASSIGN_OR_RETURN(std::vector<Certificate> all,
                      AllPages<Certificate>([&](const PageRequest& p) {
                        return w.certificates().List(CertificateFilter(), p);
                      }));
  for (const Certificate& c : all) {
    TH_ASSIGN_OR_RETURN(std::optional<CertificateStatusRecord> record,
                        w.certificates().GetStatusRecord(c.id));
    if (record) {
      out.list_removed = true;  // statuses were signed: the list was removed
      return out;
    }
  }
  CertificateStatusList list;
  list.version = 1;
  list.update_time = now;
  for (const Certificate& c : all) {
    const bool valid = c.status == CertificateStatus::kValid;
    if (!valid) SetStatusBit(list.bits, c.id);
    TH_RETURN_IF_ERROR(w.certificates().PutStatusRecord(
        c.id, SignedStatusRecord(c, c.id, valid ? 0 : list.version, signer)));
    ++out.certificates;
    if (!valid) ++out.not_valid;
  }
  SignStatusList(list, signer);
  TH_RETURN_IF_ERROR(w.certificates().PutStatusList(list));
  out.signed_now = true;
  return out;
}

std::string EncodedStatusList(const std::string& bits) {
  std::string padded = bits;
  if (padded.size() < kMinListBytes) padded.resize(kMinListBytes, '\0');
  return absl::StrCat("u", absl::WebSafeBase64Escape(Gzip(padded)));
}

std::optional<std::string> DecodedStatusList(const std::string& encoded) {
  absl::string_view text = encoded;
  if (!absl::ConsumePrefix(&text, "u")) return std::nullopt;
  std::string gzipped;
  if (!absl::WebSafeBase64Unescape(text, &gzipped)) return std::nullopt;
  return Gunzip(gzipped);
}

std::string StatusListUrl(const std::string& verify_url_base) {
  absl::string_view base = verify_url_base;
  if (!absl::ConsumeSuffix(&base, "/c/")) {
    const size_t slash = base.rfind('/');
    base = slash == absl::string_view::npos ? absl::string_view() : base.substr(0, slash);
  }
  return absl::StrCat(base, "/status/revocation");
}

nlohmann::json BitstringStatusListEntryOf(int64_t status_index, const std::string& list_url) {
  return {{"id", absl::StrCat(list_url, "#", status_index)},
          {"type", "BitstringStatusListEntry"},
          {"statusPurpose", "revocation"},
          {"statusListIndex", absl::StrCat(status_index)},
          {"statusListCredential", list_url}};
}

nlohmann::json BitstringStatusListCredentialOf(const CertificateStatusList& list,
                                               const std::string& url,
                                               const std::string& issuer_did) {
  return {{"@context", {"https://www.w3.org/ns/credentials/v2"}},
          {"id", url},
          {"type", {"VerifiableCredential", "BitstringStatusListCredential"}},
          {"issuer", issuer_did},
          {"validFrom", FormatUtcSeconds(list.update_time)},
          {"credentialSubject",
           {{"id", absl::StrCat(url, "#list")},
            {"type", "BitstringStatusList"},
            {"statusPurpose", "revocation"},
            {"encodedList", EncodedStatusList(list.bits)}}}};
}

}  // namespace trainhub::domain
