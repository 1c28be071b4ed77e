// Verification of certificate numbers, for anyone
// (domain/completion/certificate_verifier.h): the stored document checked
// against its signature, remembered while it stays the same.

#include "domain/completion/certificate_verifier.h"

#include "absl/strings/str_cat.h"
#include "domain/documents/credential_proof.h"
#include "domain/documents/hash_fields.h"
#include "domain/errors.h"
#include "domain/limits.h"
#include "domain/status_macros.h"
#include "domain/text.h"

namespace trainhub::domain {
namespace {

constexpr int kMaxReplacementsFollowed = 32;

}  // namespace

std::shared_ptr<const CheckedDocument> DocumentCache::Check(const std::string& public_key,
                                                            const std::string& document,
                                                            const std::string& signature) {
  const std::string key = Blake2b256OfFields({public_key, signature, document});
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (auto it = checked_.find(key); it != checked_.end()) return it->second;
  }
  auto checked = std::make_shared<CheckedDocument>();
  checked->content = ContentOf(document, /*with_evaluation=*/false);  // not shown
  checked->signature_valid = VerifySignature(public_key, document, signature);
  std::lock_guard<std::mutex> lock(mu_);
  if (checked_.size() >= kMaxEntries) checked_.clear();
  checked_.emplace(key, checked);
  return checked;
}

CertificateVerifier::CertificateVerifier(Store& store, const CertificateSigner& signer,
                                         std::string verify_url_base, Clock clock)
    : store_(store),
      signer_(signer),
      verify_url_base_(std::move(verify_url_base)),
      clock_(std::move(clock)) {}

std::string CertificateVerifier::VerificationUrl(const std::string& serial) const {
  return verify_url_base_ + serial;
}

void CertificateVerifier::Remember(const Certificate& c) {
  if (c.document.empty() || c.signature.empty()) return;
  checked_documents_.Check(signer_.public_key(), c.document, c.signature);
}

absl::StatusOr<CertificateVerification> CertificateVerifier::Verify(
    const std::string& text, const std::string& holder_name, absl::string_view client_address,
    absl::Duration* retry_after) {
  std::optional<std::string> serial = NormalizeSerial(text);
  if (!serial) {
    return InvalidField(
        "serial", Msg("is not a certificate number (16 characters, e.g. 7K3M-Q9ZD-X2RT-4HNB)"));
  }
  if (std::optional<Message> problem = TextProblem(holder_name, 0, kMaxNameChars, false)) {
    return InvalidField("holder_name", *std::move(problem));
  }
  CertificateVerification v;
  TH_RETURN_IF_ERROR(store_.Read([&](ReadView& r) -> absl::Status {
    absl::StatusOr<Certificate> c =
        r.certificates().GetBySerial(*serial, CertificateParts::kUnparsed);
    if (absl::IsNotFound(c.status())) return absl::OkStatus();
    TH_RETURN_IF_ERROR(c.status());
    TH_ASSIGN_OR_RETURN(std::string public_key, PublicKeyOf(r, c->content.key_id));
    TH_ASSIGN_OR_RETURN(StatusCheck status, CheckStatus(r, *c));
    if (!status.confirmed) {
      c->status = CertificateStatus::kUnconfirmed;
      c->revoke_reason.clear();
      c->revoke_time.reset();
      c->superseded_by.clear();
      v.status_problem = status.problem;
    }
    std::shared_ptr<const CheckedDocument> checked =
        checked_documents_.Check(public_key, c->document, c->signature);
    if (!checked->content.ok()) {
      return absl::InternalError(
          absl::StrCat("certificate ", *serial, " has an unreadable document"));
    }
    // The document must be the one of this number.
    v.signature_valid = checked->signature_valid && checked->content->serial == *serial;
    c->content = *checked->content;
    v.certificate = *std::move(c);
    if (v.certificate->status != CertificateStatus::kSuperseded ||
        v.certificate->superseded_by.empty()) {
      return absl::OkStatus();
    }
    // Each reissue replaces a VALID certificate, so the chain ends; it is
    // followed for a bounded number of steps all the same.
    ReplacementState state;
    state.serial = v.certificate->superseded_by;
    for (int step = 0; step < kMaxReplacementsFollowed; ++step) {
      absl::StatusOr<Certificate> next =
          r.certificates().GetBySerial(state.serial, CertificateParts::kUnparsed);
      if (absl::IsNotFound(next.status())) break;
      TH_RETURN_IF_ERROR(next.status());
      state.status = next->status;
      state.revoke_time = next->revoke_time;
      if (next->status != CertificateStatus::kSuperseded || next->superseded_by.empty()) break;
      state.serial = next->superseded_by;
      ++state.replacements;
    }
    v.replacement = std::move(state);
    return absl::OkStatus();
  }));
  if (v.certificate && !Trimmed(holder_name).empty()) {
    std::optional<WorkGate::Pass> hash_slot;
    if (NameCheckNeedsHash(v.certificate->content)) {
      absl::StatusOr<WorkGate::Pass> admitted =
          name_checks_.Admit(client_address, clock_(), retry_after);
      if (!admitted.ok()) return admitted.status();
      hash_slot.emplace(*std::move(admitted));
    }
    TH_ASSIGN_OR_RETURN(HolderNameCheck check, CheckHolderName(v.certificate->content, holder_name,
                                                               hash_slot ? &*hash_slot : nullptr));
    v.holder_name_matches = check != HolderNameCheck::kDiffers;
    v.holder_name_transliterated = check == HolderNameCheck::kMatchesTransliterated;
  }
  return v;
}

absl::StatusOr<std::string> CertificateVerifier::PublicKeyOf(ReadView& r,
                                                             const std::string& key_id) {
  {
    std::lock_guard<std::mutex> lock(public_keys_mu_);
    if (auto it = public_keys_.find(key_id); it != public_keys_.end()) return it->second;
  }
  TH_ASSIGN_OR_RETURN(std::vector<IssuerKey> keys, r.certificates().ListIssuerKeys());
  std::string public_key;
  std::lock_guard<std::mutex> lock(public_keys_mu_);
  for (const IssuerKey& k : keys) {
    public_keys_[k.key_id] = k.public_key;
    if (k.key_id == key_id) public_key = k.public_key;
  }
  return public_key;
}

absl::StatusOr<StatusCheck> CertificateVerifier::CheckStatus(ReadView& r, const Certificate& c) {
  TH_ASSIGN_OR_RETURN(std::optional<CertificateStatusRecord> record,
                      r.certificates().GetStatusRecord(c.id));
  TH_ASSIGN_OR_RETURN(std::optional<CertificateStatusList> list, r.certificates().GetStatusList());
  absl::Status lookup = absl::OkStatus();
  const SignatureCheck holds = [&](const std::string& key_id, const std::string& message,
                                   const std::string& signature) {
    absl::StatusOr<std::string> key = PublicKeyOf(r, key_id);
    if (!key.ok()) {
      lookup = key.status();
      return false;
    }
    return checked_signatures_.Holds(*key, message, signature);
  };
  StatusCheck check = CheckCertificateStatus(c, record, list, holds);
  TH_RETURN_IF_ERROR(lookup);
  return check;
}

std::string CertificateVerifier::StatusListUrl() const {
  return domain::StatusListUrl(verify_url_base_);
}

absl::StatusOr<std::string> CertificateVerifier::StatusListCredential() {
  std::optional<CertificateStatusList> list;
  StatusCheck check;
  TH_RETURN_IF_ERROR(store_.Read([&](ReadView& r) -> absl::Status {
    TH_ASSIGN_OR_RETURN(list, r.certificates().GetStatusList());
    absl::Status lookup = absl::OkStatus();
    check = CheckStatusList(list, [&](const std::string& key_id, const std::string& message,
                                      const std::string& signature) {
      absl::StatusOr<std::string> key = PublicKeyOf(r, key_id);
      if (!key.ok()) lookup = key.status();
      return key.ok() && checked_signatures_.Holds(*key, message, signature);
    });
    return lookup;
  }));
  if (!check.confirmed) return absl::FailedPreconditionError(check.problem);
  const std::string did = DidKeyOf(signer_.public_key());
  const std::string method = absl::StrCat(did, "#", did.substr(did.rfind(':') + 1));
  TH_ASSIGN_OR_RETURN(
      nlohmann::json credential,
      AddEddsaJcsProof(BitstringStatusListCredentialOf(*list, StatusListUrl(), did), method,
                       absl::FromUnixSeconds(absl::ToUnixSeconds(clock_())),
                       [this](const std::string& message) { return signer_.Sign(message); }));
  return credential.dump(2);
}

absl::StatusOr<std::vector<IssuerKey>> CertificateVerifier::IssuerKeys() {
  std::vector<IssuerKey> keys;
  TH_RETURN_IF_ERROR(store_.Read([&](ReadView& r) -> absl::Status {
    TH_ASSIGN_OR_RETURN(keys, r.certificates().ListIssuerKeys());
    return absl::OkStatus();
  }));
  return keys;
}

}  // namespace trainhub::domain
