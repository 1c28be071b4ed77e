#ifndef TRAINHUB_SERVICES_DOMAIN_DOCUMENTS_CREDENTIAL_PROOF_H_
#define TRAINHUB_SERVICES_DOMAIN_DOCUMENTS_CREDENTIAL_PROOF_H_

// Verifiable credentials signed the W3C way, for certificates exported as
// Open Badges: Data Integrity proofs with the eddsa-jcs-2022 cryptosuite
// (Ed25519 over SHA-256 of the canonical JSON (RFC 8785) of the proof
// options followed by SHA-256 of that of the document) and did:key
// identifiers of Ed25519 keys. Shared by the server, which signs, and the
// CLI, which verifies exported files without a server.

#include <functional>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"

namespace trainhub::domain {

// Multibase base58btc: "z" followed by the bytes in the Bitcoin alphabet.
std::string MultibaseBase58(absl::string_view bytes);
// The bytes of a base58btc multibase text; nullopt for anything else.
std::optional<std::string> FromMultibaseBase58(absl::string_view text);

// "did:key:z6Mk..." of a 32-byte Ed25519 public key.
std::string DidKeyOf(const std::string& public_key);
// The Ed25519 public key of a did:key (a "#fragment" is ignored);
// INVALID_ARGUMENT naming what is wrong otherwise.
absl::StatusOr<std::string> PublicKeyOfDidKey(absl::string_view did);
// "k" and 16 hex digits of the BLAKE2b hash of an Ed25519 public key: how
// trainhub names its issuer keys.
std::string KeyIdOf(const std::string& public_key);

// 64-byte Ed25519 signature of its argument.
using SignFunction = std::function<std::string(const std::string&)>;

// `document` with an eddsa-jcs-2022 DataIntegrityProof (proofPurpose
// assertionMethod, the document's @context repeated in the proof) made with
// `sign` at `created` (whole seconds). INVALID_ARGUMENT when the document is
// not an object, has a proof already or holds what JCS cannot take here
// (floating-point numbers, invalid UTF-8).
absl::StatusOr<nlohmann::json> AddEddsaJcsProof(nlohmann::json document,
                                                const std::string& verification_method,
                                                absl::Time created, const SignFunction& sign);

// The verificationMethod of `secured`'s proof (INVALID_ARGUMENT when it has
// no single proof object).
absl::StatusOr<std::string> ProofVerificationMethod(const nlohmann::json& secured);

// Checks `secured`'s eddsa-jcs-2022 proof against `public_key`. OK when it
// holds; INVALID_ARGUMENT naming the field when the proof is malformed or of
// another kind; FAILED_PRECONDITION when the signature does not match (the
// document or proof was changed after signing, or another key signed it).
absl::Status VerifyEddsaJcsProof(const nlohmann::json& secured, const std::string& public_key);

}  // namespace trainhub::domain

#endif  // TRAINHUB_SERVICES_DOMAIN_DOCUMENTS_CREDENTIAL_PROOF_H_
