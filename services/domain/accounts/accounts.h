#ifndef TRAINHUB_SERVICES_DOMAIN_ACCOUNTS_ACCOUNTS_H_
#define TRAINHUB_SERVICES_DOMAIN_ACCOUNTS_ACCOUNTS_H_

// Accounts, signing in and session tokens. Passwords are kept only as
// argon2id hashes and tokens only as hashes. Failed logins make the client's
// address wait, growing with each failure (domain/accounts/login_throttle.h): the
// account's owner elsewhere can still log in. The error never tells whether
// an e-mail address has an account. Thread-safe.

#include <functional>
#include <string>

#include "absl/status/statusor.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "domain/accounts/login_throttle.h"
#include "domain/model.h"
#include "domain/ports/unit_of_work.h"
#include "domain/principal.h"
#include "domain/request_context.h"
#include "domain/accounts/token_cache.h"

namespace trainhub::domain {

class Accounts {
 public:
  using Clock = std::function<absl::Time()>;

  static constexpr absl::Duration kTokenLifetime = absl::Hours(12);

  // `store` must outlive this object.
  explicit Accounts(
      Store& store, Clock clock = [] { return absl::Now(); });

  // Creates an account with `password`. Checks e-mail (unique, ignoring
  // case), display name, password rules and roles (at least one; a
  // coordinator's organisation and a trainer's record must exist).
  absl::StatusOr<Account> CreateAccount(const RequestContext& ctx, Account account,
                                        const std::string& password);

  struct LoginResult {
    std::string token;  // give to the client once; only its hash is stored
    absl::Time expire_time;
    Account account;
  };
  // UNAUTHENTICATED with one message for an unknown e-mail, a wrong
  // password and an address that must wait; RESOURCE_EXHAUSTED when too
  // many passwords are being checked at once. `client_address` is the
  // caller's address without the port (failures are throttled per address).
  absl::StatusOr<LoginResult> Login(absl::string_view email, absl::string_view password,
                                    absl::string_view client_address);

  // Revokes `token`; OK also when it was already revoked or expired.
  absl::Status Logout(const RequestContext& ctx, absl::string_view token);

  // The principal behind `token`; UNAUTHENTICATED when it is unknown,
  // expired, revoked, or its account is gone. Tokens checked once are
  // remembered (domain/accounts/token_cache.h) until they expire or are revoked
  // through this object.
  absl::StatusOr<Principal> Authenticate(absl::string_view token);

  // Revokes every token of the account; returns how many were active.
  absl::StatusOr<int64_t> RevokeAllTokens(const RequestContext& ctx, Id account_id);
  // Forgets the remembered tokens of `account_id` after they were deleted
  // from storage by another use case (an erasure). Thread-safe.
  void ForgetTokensOf(Id account_id) { checked_tokens_.ForgetAccount(account_id); }

  // Tokens remembered as checked and valid (for the server's metrics).
  size_t RememberedTokenCount() { return checked_tokens_.size(); }

  absl::StatusOr<bool> HasAnyAccount();
  absl::StatusOr<Page<Account>> ListAccounts(const PageRequest& page);

 private:
  // Enough for every token of a large installation's working day.
  static constexpr size_t kRememberedTokens = 10000;

  Store& store_;
  Clock clock_;
  LoginThrottle throttle_;
  TokenCache checked_tokens_{kRememberedTokens};
};

}  // namespace trainhub::domain

#endif  // TRAINHUB_SERVICES_DOMAIN_ACCOUNTS_ACCOUNTS_H_
