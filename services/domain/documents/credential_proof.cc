#include "domain/documents/credential_proof.h"

#include <sodium.h>

#include <algorithm>
#include <vector>

#include "absl/strings/escaping.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "domain/documents/canonical_json.h"

namespace trainhub::domain {
namespace {

constexpr absl::string_view kBase58Alphabet =
    "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";
// The multicodec prefix of an Ed25519 public key (varint of 0xed).
constexpr absl::string_view kEd25519PublicKeyCodec = "\xed\x01";
constexpr absl::string_view kDidKeyPrefix = "did:key:";
constexpr char kCryptosuite[] = "eddsa-jcs-2022";
constexpr char kProofType[] = "DataIntegrityProof";
// Longer multibase texts than any key or signature are refused unread.
constexpr size_t kMaxMultibaseChars = 200;
// Credentials nest a few levels; deeper ones are refused before copying.
constexpr int kMaxDepth = 32;

absl::Status InitSodium() {
  if (sodium_init() < 0) return absl::InternalError("libsodium cannot be initialised");
  return absl::OkStatus();
}

std::string Sha256(const std::string& bytes) {
  std::string digest(crypto_hash_sha256_BYTES, '\0');
  crypto_hash_sha256(reinterpret_cast<unsigned char*>(digest.data()),
                     reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size());
  return digest;
}

// What the signature covers: the hashes of the canonical proof options and
// of the canonical document, in that order.
absl::StatusOr<std::string> HashData(const nlohmann::json& proof_options,
                                     const nlohmann::json& document) {
  absl::StatusOr<std::string> options_text = CanonicalJson(proof_options);
  if (!options_text.ok()) {
    return absl::InvalidArgumentError(absl::StrCat("proof: ", options_text.status().message()));
  }
  absl::StatusOr<std::string> document_text = CanonicalJson(document);
  if (!document_text.ok()) return document_text.status();
  return Sha256(*options_text) + Sha256(*document_text);
}

absl::StatusOr<const nlohmann::json*> SingleProof(const nlohmann::json& secured) {
  if (!secured.is_object()) return absl::InvalidArgumentError("the credential is not an object");
  auto it = secured.find("proof");
  if (it == secured.end()) return absl::InvalidArgumentError("the credential has no proof");
  if (!it->is_object()) {
    return absl::InvalidArgumentError("proof must be one object (proof sets are not accepted)");
  }
  return &*it;
}

// Whether `value` nests arrays and objects deeper than `limit`; iterative,
// so that a hostile file cannot exhaust the stack before it is refused.
bool NestsDeeperThan(const nlohmann::json& value, int limit) {
  std::vector<std::pair<const nlohmann::json*, int>> pending = {{&value, 0}};
  while (!pending.empty()) {
    auto [node, depth] = pending.back();
    pending.pop_back();
    if (!node->is_structured()) continue;
    if (depth >= limit) return true;
    for (const nlohmann::json& child : *node) pending.emplace_back(&child, depth + 1);
  }
  return false;
}

std::string StringField(const nlohmann::json& object, const char* name) {
  auto it = object.find(name);
  return it != object.end() && it->is_string() ? it->get<std::string>() : std::string();
}

}  // namespace

std::string MultibaseBase58(absl::string_view bytes) {
  size_t zeros = 0;
  while (zeros < bytes.size() && bytes[zeros] == '\0') ++zeros;
  // Base-58 digits, least significant first.
  std::vector<unsigned char> digits;
  for (size_t i = zeros; i < bytes.size(); ++i) {
    unsigned carry = static_cast<unsigned char>(bytes[i]);
    for (unsigned char& d : digits) {
      carry += static_cast<unsigned>(d) << 8;
      d = static_cast<unsigned char>(carry % 58);
      carry /= 58;
    }
    while (carry > 0) {
      digits.push_back(static_cast<unsigned char>(carry % 58));
      carry /= 58;
    }
  }
  std::string out = "z";
  out.append(zeros, '1');
  for (auto it = digits.rbegin(); it != digits.rend(); ++it) out.push_back(kBase58Alphabet[*it]);
  return out;
}

std::optional<std::string> FromMultibaseBase58(absl::string_view text) {
  if (text.empty() || text[0] != 'z' || text.size() > kMaxMultibaseChars) return std::nullopt;
  text.remove_prefix(1);
  size_t ones = 0;
  while (ones < text.size() && text[ones] == '1') ++ones;
  // Bytes, least significant first.
  std::vector<unsigned char> bytes;
  for (size_t i = ones; i < text.size(); ++i) {
    const size_t value = kBase58Alphabet.find(text[i]);
    if (value == absl::string_view::npos) return std::nullopt;
    unsigned carry = static_cast<unsigned>(value);
    for (unsigned char& b : bytes) {
      carry += static_cast<unsigned>(b) * 58;
      b = static_cast<unsigned char>(carry & 0xff);
      carry >>= 8;
    }
    while (carry > 0) {
      bytes.push_back(static_cast<unsigned char>(carry & 0xff));
      carry >>= 8;
    }
  }
  std::string out(ones, '\0');
  for (auto it = bytes.rbegin(); it != bytes.rend(); ++it) out.push_back(static_cast<char>(*it));
  return out;
}

std::string DidKeyOf(const std::string& public_key) {
  return absl::StrCat(kDidKeyPrefix,
                      MultibaseBase58(absl::StrCat(kEd25519PublicKeyCodec, public_key)));
}

absl::StatusOr<std::string> PublicKeyOfDidKey(absl::string_view did) {
  if (!absl::StartsWith(did, kDidKeyPrefix)) {
    return absl::InvalidArgumentError(
        absl::StrCat("\"", did.substr(0, 80), "\" is not a did:key identifier"));
  }
  did.remove_prefix(kDidKeyPrefix.size());
  did = did.substr(0, did.find('#'));
  std::optional<std::string> bytes = FromMultibaseBase58(did);
  if (!bytes || !absl::StartsWith(*bytes, kEd25519PublicKeyCodec) ||
      bytes->size() != kEd25519PublicKeyCodec.size() + crypto_sign_PUBLICKEYBYTES) {
    return absl::InvalidArgumentError("the did:key identifier is not an Ed25519 public key");
  }
  return bytes->substr(kEd25519PublicKeyCodec.size());
}

std::string KeyIdOf(const std::string& public_key) {
  unsigned char hash[8];
  crypto_generichash(hash, sizeof hash, reinterpret_cast<const unsigned char*>(public_key.data()),
                     public_key.size(), nullptr, 0);
  return absl::StrCat(
      "k", absl::BytesToHexString(std::string(reinterpret_cast<const char*>(hash), sizeof hash)));
}

absl::StatusOr<nlohmann::json> AddEddsaJcsProof(nlohmann::json document,
                                                const std::string& verification_method,
                                                absl::Time created, const SignFunction& sign) {
  if (absl::Status init = InitSodium(); !init.ok()) return init;
  if (!document.is_object()) return absl::InvalidArgumentError("the document is not an object");
  if (document.contains("proof")) return absl::InvalidArgumentError("the document has a proof");
  nlohmann::json proof = {
      {"type", kProofType},
      {"cryptosuite", kCryptosuite},
      {"created", absl::FormatTime("%Y-%m-%dT%H:%M:%SZ", created, absl::UTCTimeZone())},
      {"verificationMethod", verification_method},
      {"proofPurpose", "assertionMethod"}};
  if (document.contains("@context")) proof["@context"] = document["@context"];
  absl::StatusOr<std::string> hash_data = HashData(proof, document);
  if (!hash_data.ok()) return hash_data.status();
  proof["proofValue"] = MultibaseBase58(sign(*hash_data));
  document["proof"] = std::move(proof);
  return document;
}

absl::StatusOr<std::string> ProofVerificationMethod(const nlohmann::json& secured) {
  absl::StatusOr<const nlohmann::json*> proof = SingleProof(secured);
  if (!proof.ok()) return proof.status();
  std::string method = StringField(**proof, "verificationMethod");
  if (method.empty()) {
    return absl::InvalidArgumentError("proof.verificationMethod is missing");
  }
  return method;
}

absl::Status VerifyEddsaJcsProof(const nlohmann::json& secured, const std::string& public_key) {
  if (absl::Status init = InitSodium(); !init.ok()) return init;
  if (NestsDeeperThan(secured, kMaxDepth)) {
    return absl::InvalidArgumentError(
        absl::StrCat("the credential nests deeper than ", kMaxDepth, " levels"));
  }
  absl::StatusOr<const nlohmann::json*> found = SingleProof(secured);
  if (!found.ok()) return found.status();
  nlohmann::json options = **found;
  if (StringField(options, "type") != kProofType) {
    return absl::InvalidArgumentError(absl::StrCat("proof.type is not ", kProofType));
  }
  if (const std::string suite = StringField(options, "cryptosuite"); suite != kCryptosuite) {
    return absl::InvalidArgumentError(
        absl::StrCat("proof.cryptosuite is \"", suite.substr(0, 40), "\", not ", kCryptosuite));
  }
  std::optional<std::string> signature = FromMultibaseBase58(StringField(options, "proofValue"));
  if (!signature || signature->size() != crypto_sign_BYTES) {
    return absl::InvalidArgumentError("proof.proofValue is not a base58btc signature of 64 bytes");
  }
  options.erase("proofValue");
  nlohmann::json document = secured;
  document.erase("proof");
  if (options.contains("@context")) {
    // The proof's context must begin the document's.
    const nlohmann::json& proof_context = options["@context"];
    const nlohmann::json document_context =
        document.contains("@context") ? document["@context"] : nlohmann::json::array();
    bool prefix = proof_context == document_context;
    if (!prefix && proof_context.is_array() && document_context.is_array() &&
        proof_context.size() <= document_context.size()) {
      prefix = std::equal(proof_context.begin(), proof_context.end(), document_context.begin());
    }
    if (!prefix) {
      return absl::InvalidArgumentError(
          "proof.@context does not match the beginning of the credential's @context");
    }
    document["@context"] = proof_context;
  }
  absl::StatusOr<std::string> hash_data = HashData(options, document);
  if (!hash_data.ok()) return hash_data.status();
  if (public_key.size() != crypto_sign_PUBLICKEYBYTES ||
      crypto_sign_verify_detached(reinterpret_cast<const unsigned char*>(signature->data()),
                                  reinterpret_cast<const unsigned char*>(hash_data->data()),
                                  hash_data->size(),
                                  reinterpret_cast<const unsigned char*>(public_key.data())) != 0) {
    return absl::FailedPreconditionError(
        "the signature does not match: the credential was changed after it was signed, or "
        "another key signed it");
  }
  return absl::OkStatus();
}

}  // namespace trainhub::domain
