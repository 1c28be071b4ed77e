#include "store/sqlite_account_store.h"

#include "absl/strings/str_cat.h"
#include "domain/status_macros.h"
#include "store/sql_support.h"

namespace trainhub::store {

using domain::Id;

namespace {
absl::Time FromMicrosOrPast(int64_t micros) {
  return micros == 0 ? absl::InfinitePast() : absl::FromUnixMicros(micros);
}
int64_t MicrosOrZero(absl::Time t) { return t == absl::InfinitePast() ? 0 : absl::ToUnixMicros(t); }

constexpr char kAccountColumns[] =
    "id, email, display_name, create_time, password_hash, failed_logins, locked_until";

domain::AccountCredentials ReadAccount(SQLite::Statement& q) {
  domain::AccountCredentials c;
  c.account.id = q.getColumn(0).getInt64();
  c.account.email = q.getColumn(1).getString();
  c.account.display_name = q.getColumn(2).getString();
  c.account.create_time = absl::FromUnixMicros(q.getColumn(3).getInt64());
  c.password_hash = q.getColumn(4).getString();
  c.failed_logins = q.getColumn(5).getInt();
  c.locked_until = FromMicrosOrPast(q.getColumn(6).getInt64());
  return c;
}

}  // namespace

absl::Status SqliteAccountStore::LoadRoles(domain::Account& account) {
  auto& q = sql_.Prepare(
      "SELECT role, organization_id, trainer_id, participant_id FROM account_role"
      " WHERE account_id = ? ORDER BY position");
  q.bind(1, account.id);
  account.roles.clear();
  while (q.executeStep()) {
    domain::RoleGrant g;
    g.role = static_cast<domain::Role>(q.getColumn(0).getInt());
    g.organization_id = q.getColumn(1).isNull() ? 0 : q.getColumn(1).getInt64();
    g.trainer_id = q.getColumn(2).isNull() ? 0 : q.getColumn(2).getInt64();
    g.participant_id = q.getColumn(3).isNull() ? 0 : q.getColumn(3).getInt64();
    account.roles.push_back(g);
  }
  return absl::OkStatus();
}

absl::StatusOr<domain::Account> SqliteAccountStore::Get(Id id) {
  return Guarded("GetAccount", [&]() -> absl::StatusOr<domain::Account> {
    auto& q = sql_.Prepare(absl::StrCat("SELECT ", kAccountColumns, " FROM account WHERE id = ?"));
    q.bind(1, id);
    if (!q.executeStep()) return NotFound("account", id);
    domain::Account account = ReadAccount(q).account;
    TH_RETURN_IF_ERROR(LoadRoles(account));
    return account;
  });
}

absl::StatusOr<std::optional<domain::AccountCredentials>> SqliteAccountStore::FindByEmail(
    absl::string_view email) {
  return Guarded(
      "FindAccountByEmail", [&]() -> absl::StatusOr<std::optional<domain::AccountCredentials>> {
        auto& q = sql_.Prepare(
            absl::StrCat("SELECT ", kAccountColumns, " FROM account WHERE email_key = ?"));
        q.bind(1, EmailKey(email));
        if (!q.executeStep()) return std::optional<domain::AccountCredentials>();
        domain::AccountCredentials c = ReadAccount(q);
        TH_RETURN_IF_ERROR(LoadRoles(c.account));
        return std::optional<domain::AccountCredentials>(std::move(c));
      });
}

absl::StatusOr<int64_t> SqliteAccountStore::Count() {
  return Guarded("CountAccounts", [&]() -> absl::StatusOr<int64_t> {
    auto& q = sql_.Prepare("SELECT count(*) FROM account");
    q.executeStep();
    return q.getColumn(0).getInt64();
  });
}

absl::StatusOr<domain::Page<domain::Account>> SqliteAccountStore::List(
    const domain::PageRequest& page) {
  TH_ASSIGN_OR_RETURN(
      domain::Page<domain::AccountCredentials> credentials,
      ListById<domain::AccountCredentials>(
          sql_, "ListAccounts", absl::StrCat("SELECT ", kAccountColumns, " FROM account WHERE 1"),
          page, ReadAccount));
  domain::Page<domain::Account> out;
  out.next = credentials.next;
  for (domain::AccountCredentials& c : credentials.items) {
    TH_RETURN_IF_ERROR(Guarded("ListAccounts", [&] { return LoadRoles(c.account); }));
    out.items.push_back(std::move(c.account));
  }
  return out;
}

absl::StatusOr<std::optional<domain::TokenRecord>> SqliteAccountStore::FindToken(
    absl::string_view token_hash) {
  return Guarded("FindToken", [&]() -> absl::StatusOr<std::optional<domain::TokenRecord>> {
    auto& q = sql_.Prepare(
        "SELECT account_id, create_time, expire_time, revoked FROM auth_token"
        " WHERE token_hash = ?");
    q.bind(1, std::string(token_hash));
    if (!q.executeStep()) return std::optional<domain::TokenRecord>();
    domain::TokenRecord t;
    t.token_hash = std::string(token_hash);
    t.account_id = q.getColumn(0).getInt64();
    t.create_time = absl::FromUnixMicros(q.getColumn(1).getInt64());
    t.expire_time = absl::FromUnixMicros(q.getColumn(2).getInt64());
    t.revoked = q.getColumn(3).getInt() != 0;
    return std::optional<domain::TokenRecord>(t);
  });
}

absl::StatusOr<Id> SqliteAccountStore::Insert(const domain::AccountCredentials& c) {
  return Guarded("InsertAccount", [&]() -> absl::StatusOr<Id> {
    auto& q = sql_.Prepare(
        "INSERT INTO account (email, email_key, display_name, password_hash,"
        " failed_logins, locked_until, create_time) VALUES (?, ?, ?, ?, ?, ?, ?)");
    q.bind(1, c.account.email);
    q.bind(2, EmailKey(c.account.email));
    q.bind(3, c.account.display_name);
    q.bind(4, c.password_hash);
    q.bind(5, c.failed_logins);
    q.bind(6, MicrosOrZero(c.locked_until));
    q.bind(7, Micros(c.account.create_time));
    q.exec();
    const Id id = sql_.db().getLastInsertRowid();
    for (size_t i = 0; i < c.account.roles.size(); ++i) {
      const domain::RoleGrant& g = c.account.roles[i];
      auto& r = sql_.Prepare(
          "INSERT INTO account_role (account_id, position, role, organization_id,"
          " trainer_id, participant_id) VALUES (?, ?, ?, ?, ?, ?)");
      r.bind(1, id);
      r.bind(2, static_cast<int>(i));
      r.bind(3, static_cast<int>(g.role));
      if (g.organization_id != 0) r.bind(4, g.organization_id);
      if (g.trainer_id != 0) r.bind(5, g.trainer_id);
      if (g.participant_id != 0) r.bind(6, g.participant_id);
      r.exec();
    }
    return id;
  });
}

absl::Status SqliteAccountStore::UpdateLoginState(const domain::AccountCredentials& c) {
  return Guarded("UpdateLoginState", [&]() -> absl::Status {
    auto& q = sql_.Prepare(
        "UPDATE account SET failed_logins = ?, locked_until = ?, password_hash = ?"
        " WHERE id = ?");
    q.bind(1, c.failed_logins);
    q.bind(2, MicrosOrZero(c.locked_until));
    q.bind(3, c.password_hash);
    q.bind(4, c.account.id);
    q.exec();
    return CheckChanged(sql_.db(), "account", c.account.id);
  });
}

absl::Status SqliteAccountStore::InsertToken(const domain::TokenRecord& t) {
  return Guarded("InsertToken", [&]() -> absl::Status {
    auto& q = sql_.Prepare(
        "INSERT INTO auth_token (token_hash, account_id, create_time, expire_time,"
        " revoked) VALUES (?, ?, ?, ?, ?)");
    q.bind(1, t.token_hash);
    q.bind(2, t.account_id);
    q.bind(3, Micros(t.create_time));
    q.bind(4, Micros(t.expire_time));
    q.bind(5, t.revoked ? 1 : 0);
    q.exec();
    return absl::OkStatus();
  });
}

absl::Status SqliteAccountStore::RevokeToken(absl::string_view token_hash) {
  return Guarded("RevokeToken", [&]() -> absl::Status {
    auto& q = sql_.Prepare("UPDATE auth_token SET revoked = 1 WHERE token_hash = ?");
    q.bind(1, std::string(token_hash));
    q.exec();
    return absl::OkStatus();
  });
}

absl::StatusOr<int64_t> SqliteAccountStore::RevokeAllTokens(Id account_id) {
  return Guarded("RevokeAllTokens", [&]() -> absl::StatusOr<int64_t> {
    auto& q =
        sql_.Prepare("UPDATE auth_token SET revoked = 1 WHERE account_id = ? AND revoked = 0");
    q.bind(1, account_id);
    q.exec();
    return static_cast<int64_t>(sql_.db().getChanges());
  });
}

}  // namespace trainhub::store
