#ifndef TRAINHUB_SERVICES_DOMAIN_ACCOUNTS_PASSWORDS_H_
#define TRAINHUB_SERVICES_DOMAIN_ACCOUNTS_PASSWORDS_H_

// Password hashing with libsodium's argon2id (crypto_pwhash_str) and the
// random session tokens handed out at login.

#include <optional>
#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "domain/message.h"
#include "domain/work_gate.h"

namespace trainhub::domain {

inline constexpr size_t kMinPasswordChars = 10;
inline constexpr size_t kMaxPasswordBytes = 1024;  // refused before hashing

// Calls sodium_init(); safe to call repeatedly. False if libsodium failed.
bool InitCrypto();

// Why `password` cannot be set, or nullopt when it can (length rules only).
std::optional<Message> PasswordProblem(absl::string_view password);

// How many password hashes run at once (one per core, at least 2), how many
// wait, and how long: argon2id takes 64 MiB and most of a core per hash.
inline constexpr int kMaxWaitingPasswordHashes = 32;
inline constexpr absl::Duration kMaxPasswordHashWait = absl::Seconds(5);
// How many hashes are running now (for tests and benchmarks).
int RunningPasswordHashes();
// True while every login hashing slot is taken or a login waits for one.
bool LoginHashingIsBusy();

// "$argon2id$..." with the current interactive cost parameters.
// RESOURCE_EXHAUSTED when too many hashes run and wait already.
absl::StatusOr<std::string> HashPassword(absl::string_view password);

struct PasswordCheck {
  bool matches = false;
  bool needs_rehash = false;  // hash made with other cost parameters
};
// Constant work whether or not it matches; an empty `hash` is checked
// against a fixed dummy hash so that unknown accounts cost the same.
// RESOURCE_EXHAUSTED when too many hashes run and wait already.
absl::StatusOr<PasswordCheck> VerifyPassword(absl::string_view password, absl::string_view hash);
// VerifyPassword for a caller that bounds its hashing with a gate of its
// own (anonymous name checks, domain/completion/name_check_budget.h): runs in
// `own_slot`, taking no login slot. FAILED_PRECONDITION without a slot.
absl::StatusOr<PasswordCheck> VerifyPasswordInOwnSlot(absl::string_view password,
                                                      absl::string_view hash,
                                                      const WorkGate::Pass& own_slot);

// A fresh token: 32 random bytes, base64url without padding (43 chars).
std::string NewToken();
// What the store keeps of a token: a 32-byte BLAKE2b hash, hex.
std::string TokenHash(absl::string_view token);

}  // namespace trainhub::domain

#endif  // TRAINHUB_SERVICES_DOMAIN_ACCOUNTS_PASSWORDS_H_
