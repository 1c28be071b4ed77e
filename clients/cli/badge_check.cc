#include "clients/cli/badge_check.h"

#include <fmt/core.h>
#include <sys/stat.h>

#include <algorithm>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "clients/cli/format.h"
#include "clients/cli/messages.h"
#include "domain/documents/canonical_json.h"
#include "domain/documents/credential_proof.h"

namespace trainhub::cli {
namespace {

constexpr size_t kMaxBadgeFileBytes = 1024 * 1024;

std::string Text(const nlohmann::json& object, const char* name) {
  if (!object.is_object()) return "";
  auto it = object.find(name);
  return it != object.end() && it->is_string() ? it->get<std::string>() : "";
}

// The did of an issuer given as a URL or as a Profile object.
std::string IssuerId(const nlohmann::json& credential) {
  auto it = credential.find("issuer");
  if (it == credential.end()) return "";
  if (it->is_string()) return it->get<std::string>();
  return Text(*it, "id");
}

std::string HolderName(const nlohmann::json& credential) {
  auto subject = credential.find("credentialSubject");
  if (subject == credential.end() || !subject->is_object()) return "";
  auto ids = subject->find("identifier");
  if (ids == subject->end() || !ids->is_array()) return "";
  for (const nlohmann::json& id : *ids) {
    auto hashed = id.is_object() ? id.find("hashed") : id.end();
    if (Text(id, "identityType") == "name" && hashed != id.end() && hashed->is_boolean() &&
        !hashed->get<bool>()) {
      return Text(id, "identityHash");
    }
  }
  return "";
}

// `key` as trusted: key ids compare without case, did:key without fragment.
bool Trusted(const std::string& public_key, const std::vector<std::string>& trusted_keys) {
  const std::string key_id = domain::KeyIdOf(public_key);
  const std::string did = domain::DidKeyOf(public_key);
  for (std::string pin : trusted_keys) {
    pin = std::string(absl::StripAsciiWhitespace(pin));
    pin = pin.substr(0, pin.find('#'));
    if (absl::EqualsIgnoreCase(pin, key_id) || pin == did) return true;
  }
  return false;
}

struct Outcome {
  bool valid = false;
  std::string problem;
  std::string key_id, did;
  nlohmann::json credential;
};

Outcome Check(const std::string& text, const std::vector<std::string>& trusted_keys) {
  Outcome o;
  absl::StatusOr<nlohmann::json> credential = domain::ParseIJson(text);
  if (!credential.ok()) {
    o.problem = fmt::format(msg::kBadgeNotJson, std::string(credential.status().message()));
    return o;
  }
  o.credential = *std::move(credential);
  absl::StatusOr<std::string> method = domain::ProofVerificationMethod(o.credential);
  if (!method.ok()) {
    o.problem = std::string(method.status().message());
    return o;
  }
  absl::StatusOr<std::string> key = domain::PublicKeyOfDidKey(*method);
  if (!key.ok()) {
    o.problem = fmt::format("proof.verificationMethod: {}", std::string(key.status().message()));
    return o;
  }
  o.key_id = domain::KeyIdOf(*key);
  o.did = domain::DidKeyOf(*key);
  if (IssuerId(o.credential) != o.did) {
    o.problem = fmt::format("the issuer \"{}\" is not the key that signed it ({})",
                            IssuerId(o.credential).substr(0, 80), o.did);
    return o;
  }
  if (!Trusted(*key, trusted_keys)) {
    o.problem = fmt::format(msg::kBadgeUnpinnedKey, o.did, o.key_id);
    return o;
  }
  if (absl::Status proof = domain::VerifyEddsaJcsProof(o.credential, *key); !proof.ok()) {
    o.problem = std::string(proof.message());
    return o;
  }
  o.valid = true;
  return o;
}

}  // namespace

bool LooksLikeBadgeFile(const std::string& text) {
  if (absl::EndsWithIgnoreCase(text, ".json") || text.find('/') != std::string::npos) return true;
  struct stat st;
  return ::stat(text.c_str(), &st) == 0 && S_ISREG(st.st_mode);
}

void VerifyBadgeFile(Context& ctx, const std::string& path,
                     const std::vector<std::string>& trusted_keys) {
  if (trusted_keys.empty()) return UsageError(ctx, msg::kIssuerKeyNeeded);
  std::ifstream in(path, std::ios::binary);
  if (!in) return UsageError(ctx, fmt::format(msg::kCannotRead, path));
  std::string text(kMaxBadgeFileBytes + 1, '\0');
  in.read(text.data(), static_cast<std::streamsize>(text.size()));
  text.resize(static_cast<size_t>(in.gcount()));
  if (text.size() > kMaxBadgeFileBytes) {
    return UsageError(ctx, fmt::format(msg::kBadgeFileTooLarge, path));
  }
  const Outcome o = Check(text, trusted_keys);
  if (!o.valid) ctx.exit_code = kExitRejected;
  if (ctx.client().json()) {
    nlohmann::json out = {{"file", path},
                          {"valid", o.valid},
                          {"problem", o.problem},
                          {"key_id", o.key_id},
                          {"did", o.did}};
    if (o.valid) {
      out["id"] = Text(o.credential, "id");
      out["name"] = Text(o.credential, "name");
      out["holder"] = HolderName(o.credential);
      out["valid_from"] = Text(o.credential, "validFrom");
    }
    ctx.out() << out.dump(2) << "\n";
    return;
  }
  if (!o.valid) {
    PrintWrapped(ctx.out(), fmt::format(msg::kBadgeInvalid, path, o.problem));
    return;
  }
  auto& out = ctx.out();
  const nlohmann::json& proof = o.credential["proof"];
  PrintWrapped(out, fmt::format(msg::kBadgeValid, path));
  PrintWrapped(out, fmt::format(msg::kBadgeWhat, Text(o.credential, "name")));
  PrintWrapped(out, fmt::format(msg::kBadgeHolder, HolderName(o.credential)));
  PrintWrapped(out, fmt::format(msg::kBadgeIssuer, Text(o.credential["issuer"], "name"), o.did));
  PrintWrapped(out, fmt::format(msg::kBadgeValidFrom, Text(o.credential, "validFrom")));
  PrintWrapped(out, fmt::format(msg::kBadgeSignedBy, o.key_id, o.did, Text(proof, "created")));
  if (const std::string id = Text(o.credential, "id"); absl::StartsWith(id, "http")) {
    PrintWrapped(out, fmt::format(msg::kBadgeStatusOnline, id));
  }
}

}  // namespace trainhub::cli
