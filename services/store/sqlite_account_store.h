#ifndef TRAINHUB_SERVICES_STORE_SQLITE_ACCOUNT_STORE_H_
#define TRAINHUB_SERVICES_STORE_SQLITE_ACCOUNT_STORE_H_

// The SQLite side of domain::AccountWriter: accounts, their roles and tokens.

#include "domain/ports/accounts.h"
#include "store/sql_support.h"

namespace trainhub::store {

class SqliteAccountStore : public domain::AccountWriter {
 public:
  // `sql` must outlive this object.
  explicit SqliteAccountStore(Sql& sql) : sql_(sql) {}

  absl::StatusOr<domain::Account> Get(domain::Id id) override;
  absl::StatusOr<std::optional<domain::AccountCredentials>> FindByEmail(
      absl::string_view email) override;
  absl::StatusOr<int64_t> Count() override;
  absl::StatusOr<domain::Page<domain::Account>> List(const domain::PageRequest& page) override;
  absl::StatusOr<std::optional<domain::TokenRecord>> FindToken(
      absl::string_view token_hash) override;
  absl::StatusOr<domain::Id> Insert(const domain::AccountCredentials& account) override;
  absl::Status UpdateLoginState(const domain::AccountCredentials& account) override;
  absl::Status InsertToken(const domain::TokenRecord& token) override;
  absl::Status RevokeToken(absl::string_view token_hash) override;
  absl::StatusOr<int64_t> RevokeAllTokens(domain::Id account_id) override;

 private:
  absl::Status LoadRoles(domain::Account& account);
  Sql& sql_;
};

}  // namespace trainhub::store

#endif  // TRAINHUB_SERVICES_STORE_SQLITE_ACCOUNT_STORE_H_
