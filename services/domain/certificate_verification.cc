// Verification of certificate numbers, for anyone: the stored document
// checked against its signature, remembered while it stays the same.

#include <sodium.h>

#include "absl/strings/str_cat.h"
#include "domain/certificates.h"
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
  unsigned char digest[32];
  crypto_generichash_state state;
  crypto_generichash_init(&state, nullptr, 0, sizeof digest);
  for (const std::string* part : {&public_key, &signature, &document}) {
    const uint64_t size = part->size();
    crypto_generichash_update(&state, reinterpret_cast<const unsigned char*>(&size), sizeof size);
    crypto_generichash_update(&state, reinterpret_cast<const unsigned char*>(part->data()),
                              part->size());
  }
  crypto_generichash_final(&state, digest, sizeof digest);
  const std::string key(reinterpret_cast<const char*>(digest), sizeof digest);
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

absl::StatusOr<CertificateVerification> Certificates::Verify(const std::string& text,
                                                             const std::string& holder_name) {
  std::optional<std::string> serial = NormalizeSerial(text);
  if (!serial) {
    return InvalidField("serial",
                        "is not a certificate number (16 characters, e.g. 7K3M-Q9ZD-X2RT-4HNB)");
  }
  if (std::string problem = TextProblem(holder_name, 0, kMaxNameChars, false); !problem.empty()) {
    return InvalidField("holder_name", problem);
  }
  CertificateVerification v;
  TH_RETURN_IF_ERROR(store_.Read([&](ReadView& r) -> absl::Status {
    absl::StatusOr<Certificate> c =
        r.certificates().GetBySerial(*serial, CertificateParts::kUnparsed);
    if (absl::IsNotFound(c.status())) return absl::OkStatus();
    TH_RETURN_IF_ERROR(c.status());
    std::string public_key;
    {
      std::lock_guard<std::mutex> lock(public_keys_mu_);
      if (auto it = public_keys_.find(c->content.key_id); it != public_keys_.end()) {
        public_key = it->second;
      }
    }
    if (public_key.empty()) {
      TH_ASSIGN_OR_RETURN(std::vector<IssuerKey> keys, r.certificates().ListIssuerKeys());
      std::lock_guard<std::mutex> lock(public_keys_mu_);
      for (const IssuerKey& k : keys) {
        public_keys_[k.key_id] = k.public_key;
        if (k.key_id == c->content.key_id) public_key = k.public_key;
      }
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
    TH_ASSIGN_OR_RETURN(v.holder_name_matches,
                        HolderNameMatches(v.certificate->content, holder_name));
  }
  return v;
}

absl::StatusOr<std::vector<IssuerKey>> Certificates::IssuerKeys() {
  std::vector<IssuerKey> keys;
  TH_RETURN_IF_ERROR(store_.Read([&](ReadView& r) -> absl::Status {
    TH_ASSIGN_OR_RETURN(keys, r.certificates().ListIssuerKeys());
    return absl::OkStatus();
  }));
  return keys;
}

}  // namespace trainhub::domain
