#ifndef TRAINHUB_SERVICES_DOMAIN_PORTS_ACCOUNTS_H_
#define TRAINHUB_SERVICES_DOMAIN_PORTS_ACCOUNTS_H_

// Storage port of accounts with their roles and sign-in tokens.

#include <optional>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "domain/model.h"
#include "domain/ports/page.h"

namespace trainhub::domain {

class AccountReader {
 public:
  virtual ~AccountReader() = default;
  // NOT_FOUND for a missing id.
  virtual absl::StatusOr<Account> Get(Id id) = 0;
  // The account whose e-mail equals `email` per Folded(), if any.
  virtual absl::StatusOr<std::optional<AccountCredentials>> FindByEmail(
      absl::string_view email) = 0;
  virtual absl::StatusOr<int64_t> Count() = 0;
  // Ordered by id.
  virtual absl::StatusOr<Page<Account>> List(const PageRequest& page) = 0;
  virtual absl::StatusOr<std::optional<TokenRecord>> FindToken(absl::string_view token_hash) = 0;
};

class AccountWriter : public AccountReader {
 public:
  // ALREADY_EXISTS when another account has the same e-mail.
  virtual absl::StatusOr<Id> Insert(const AccountCredentials& account) = 0;
  // Stores failed_logins, locked_until and password_hash of `account`.
  virtual absl::Status UpdateLoginState(const AccountCredentials& account) = 0;
  virtual absl::Status InsertToken(const TokenRecord& token) = 0;
  virtual absl::Status RevokeToken(absl::string_view token_hash) = 0;
  // Returns how many tokens were revoked.
  virtual absl::StatusOr<int64_t> RevokeAllTokens(Id account_id) = 0;
};

}  // namespace trainhub::domain

#endif  // TRAINHUB_SERVICES_DOMAIN_PORTS_ACCOUNTS_H_
