#include "domain/accounts/passwords.h"

#include <sodium.h>

#include <algorithm>
#include <thread>

#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "domain/errors.h"
#include "domain/text.h"
#include "domain/work_gate.h"

namespace trainhub::domain {
namespace {

// Interactive limits: ~64 MiB and a fraction of a second per hash.
constexpr unsigned long long kOpsLimit = crypto_pwhash_OPSLIMIT_INTERACTIVE;
constexpr size_t kMemLimit = crypto_pwhash_MEMLIMIT_INTERACTIVE;

const std::string& DummyHash() {
  static const std::string* hash = [] {
    char out[crypto_pwhash_STRBYTES];
    const char kDummy[] = "trainhub dummy password";
    if (crypto_pwhash_str(out, kDummy, sizeof kDummy - 1, kOpsLimit, kMemLimit) != 0) {
      return new std::string();
    }
    return new std::string(out);
  }();
  return *hash;
}

WorkGate& HashingGate() {
  static WorkGate* gate =
      new WorkGate(std::max(2, static_cast<int>(std::thread::hardware_concurrency())),
                   kMaxWaitingPasswordHashes, kMaxPasswordHashWait);
  return *gate;
}

absl::Status TooManyHashes() {
  return Refusal(absl::StatusCode::kResourceExhausted,
                 Msg("the server is busy checking other passwords; try again in a few seconds"));
}

}  // namespace

int RunningPasswordHashes() { return HashingGate().running(); }

bool LoginHashingIsBusy() {
  WorkGate& gate = HashingGate();
  return gate.running() >= gate.slots() || gate.waiting() > 0;
}

bool InitCrypto() { return sodium_init() >= 0; }

std::optional<Message> PasswordProblem(absl::string_view password) {
  if (password.size() > kMaxPasswordBytes) {
    return Msg("must have at most {max} bytes", {{"max", static_cast<int64_t>(kMaxPasswordBytes)}});
  }
  const std::optional<size_t> chars = CountCodePoints(password);
  if (!chars) return Msg("is not valid UTF-8");
  if (*chars < kMinPasswordChars) {
    return Msg("must have at least {min} characters",
               {{"min", static_cast<int64_t>(kMinPasswordChars)}});
  }
  return std::nullopt;
}

absl::StatusOr<std::string> HashPassword(absl::string_view password) {
  if (!InitCrypto()) return absl::InternalError("libsodium failed to start");
  WorkGate::Pass pass = HashingGate().Enter();
  if (!pass.ok()) return TooManyHashes();
  char out[crypto_pwhash_STRBYTES];
  if (crypto_pwhash_str(out, password.data(), password.size(), kOpsLimit, kMemLimit) != 0) {
    return Refusal(absl::StatusCode::kResourceExhausted,
                   Msg("not enough memory to hash the password"));
  }
  return std::string(out);
}

namespace {

// The check itself, in a slot the caller holds.
PasswordCheck CheckInSlot(absl::string_view password, absl::string_view hash) {
  PasswordCheck check;
  const bool real = !hash.empty();
  const std::string stored(real ? hash : absl::string_view(DummyHash()));
  const bool matches =
      crypto_pwhash_str_verify(stored.c_str(), password.data(), password.size()) == 0;
  check.matches = real && matches;
  if (check.matches) {
    check.needs_rehash = crypto_pwhash_str_needs_rehash(stored.c_str(), kOpsLimit, kMemLimit) != 0;
  }
  return check;
}

}  // namespace

absl::StatusOr<PasswordCheck> VerifyPassword(absl::string_view password, absl::string_view hash) {
  if (!InitCrypto() || password.size() > kMaxPasswordBytes) return PasswordCheck();
  if (hash.empty()) DummyHash();  // made outside the slot, once
  WorkGate::Pass pass = HashingGate().Enter();
  if (!pass.ok()) return TooManyHashes();
  return CheckInSlot(password, hash);
}

absl::StatusOr<PasswordCheck> VerifyPasswordInOwnSlot(absl::string_view password,
                                                      absl::string_view hash,
                                                      const WorkGate::Pass& own_slot) {
  if (!own_slot.ok()) return absl::FailedPreconditionError("no hashing slot was granted");
  if (!InitCrypto() || password.size() > kMaxPasswordBytes) return PasswordCheck();
  return CheckInSlot(password, hash);
}

std::string NewToken() {
  InitCrypto();
  unsigned char bytes[32];
  randombytes_buf(bytes, sizeof bytes);
  std::string token = absl::WebSafeBase64Escape(
      absl::string_view(reinterpret_cast<const char*>(bytes), sizeof bytes));
  sodium_memzero(bytes, sizeof bytes);
  return token;
}

std::string TokenHash(absl::string_view token) {
  unsigned char digest[32];
  crypto_generichash(digest, sizeof digest, reinterpret_cast<const unsigned char*>(token.data()),
                     token.size(), nullptr, 0);
  return absl::BytesToHexString(
      absl::string_view(reinterpret_cast<const char*>(digest), sizeof digest));
}

}  // namespace trainhub::domain
