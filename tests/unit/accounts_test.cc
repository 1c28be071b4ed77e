#include "domain/accounts.h"

#include <SQLiteCpp/Database.h>
#include <gtest/gtest.h>
#include <sodium.h>
#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

#include "domain/errors.h"
#include "domain/passwords.h"
#include "domain/status_macros.h"
#include "store/sqlite_store.h"
#include "testing/temp_files.h"

namespace trainhub::domain {
namespace {

constexpr char kPassword[] = "Vielfalt-gestalten-2027";

class AccountsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    path_ = testing::TempDbPath("trainhub-accounts");
    auto store = store::SqliteStore::Open(path_, 1);
    ASSERT_TRUE(store.ok()) << store.status();
    store_ = *std::move(store);
    accounts_ = std::make_unique<Accounts>(*store_, [this] { return now_; });
  }
  void TearDown() override {
    accounts_.reset();
    store_.reset();
    testing::RemoveDb(path_);
  }

  Account MustCreate(const std::string& email, std::vector<RoleGrant> roles = {{Role::kAdmin}}) {
    Account a;
    a.email = email;
    a.display_name = "Nuran Şahin";
    a.roles = std::move(roles);
    auto created = accounts_->CreateAccount(a, kPassword);
    EXPECT_TRUE(created.ok()) << created.status();
    return created.value_or(Account{});
  }

  std::string path_;
  absl::Time now_ = absl::FromCivil(absl::CivilMinute(2026, 11, 22, 12, 0), absl::UTCTimeZone());
  std::unique_ptr<store::SqliteStore> store_;
  std::unique_ptr<Accounts> accounts_;
};

TEST(PasswordsTest, HashesWithArgon2idAndVerifies) {
  auto hash = HashPassword(kPassword);
  ASSERT_TRUE(hash.ok());
  EXPECT_EQ(hash->rfind("$argon2id$", 0), 0u) << *hash;
  EXPECT_TRUE(VerifyPassword(kPassword, *hash).matches);
  EXPECT_FALSE(VerifyPassword("something else entirely", *hash).matches);
  EXPECT_FALSE(VerifyPassword(kPassword, "").matches);  // the dummy never matches
  EXPECT_EQ(PasswordProblem("short"), "must have at least 10 characters");
  EXPECT_NE(PasswordProblem(std::string(2000, 'x')), "");
}

TEST(PasswordsTest, TokensAreLongRandomAndStoredAsHashes) {
  const std::string a = NewToken(), b = NewToken();
  EXPECT_EQ(a.size(), 43u);  // 256 bits, base64url
  EXPECT_NE(a, b);
  EXPECT_EQ(TokenHash(a).size(), 64u);
  EXPECT_NE(TokenHash(a), TokenHash(b));
  EXPECT_EQ(TokenHash(a).find(a), std::string::npos);
}

TEST_F(AccountsTest, LoginGivesATokenThatAuthenticatesUntilLogout) {
  Account created = MustCreate("nuran.sahin@example.org");
  auto login = accounts_->Login("Nuran.Sahin@example.org", kPassword);
  ASSERT_TRUE(login.ok()) << login.status();
  EXPECT_EQ(login->account.id, created.id);
  EXPECT_EQ(login->expire_time, now_ + Accounts::kTokenLifetime);
  auto principal = accounts_->Authenticate(login->token);
  ASSERT_TRUE(principal.ok()) << principal.status();
  EXPECT_TRUE(principal->Has(Role::kAdmin));
  ASSERT_TRUE(accounts_->Logout(login->token).ok());
  EXPECT_EQ(accounts_->Authenticate(login->token).status().code(),
            absl::StatusCode::kUnauthenticated);
}

TEST_F(AccountsTest, TokensExpire) {
  MustCreate("a@example.org");
  auto login = accounts_->Login("a@example.org", kPassword);
  ASSERT_TRUE(login.ok());
  now_ += Accounts::kTokenLifetime - absl::Seconds(1);
  EXPECT_TRUE(accounts_->Authenticate(login->token).ok());
  now_ += absl::Seconds(1);
  EXPECT_EQ(accounts_->Authenticate(login->token).status().code(),
            absl::StatusCode::kUnauthenticated);
  EXPECT_EQ(accounts_->Authenticate("not-a-token").status().code(),
            absl::StatusCode::kUnauthenticated);
  EXPECT_EQ(accounts_->Authenticate("").status().code(), absl::StatusCode::kUnauthenticated);
}

TEST_F(AccountsTest, ATokenOfADeletedAccountIsRefused) {
  Account a = MustCreate("gone@example.org");
  auto login = accounts_->Login("gone@example.org", kPassword);
  ASSERT_TRUE(login.ok());
  {
    SQLite::Database db(path_, SQLite::OPEN_READWRITE);
    db.exec("PRAGMA foreign_keys = ON");
    db.exec("DELETE FROM account WHERE id = " + std::to_string(a.id));
  }
  EXPECT_EQ(accounts_->Authenticate(login->token).status().code(),
            absl::StatusCode::kUnauthenticated);
}

TEST_F(AccountsTest, ALoginStormLocksTheAccountAndLeaksNothing) {
  MustCreate("storm@example.org");
  std::vector<std::thread> threads;
  std::atomic<int> refused{0};
  for (int i = 0; i < 12; ++i) {
    threads.emplace_back([&, i] {
      auto r = accounts_->Login(i % 2 ? "storm@example.org" : "nobody@example.org",
                                "guess number " + std::to_string(i));
      if (r.status().code() == absl::StatusCode::kUnauthenticated) ++refused;
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(refused.load(), 12);
  // Locked for now, even with the right password; the same answer as before.
  auto locked = accounts_->Login("storm@example.org", kPassword);
  EXPECT_EQ(locked.status().code(), absl::StatusCode::kUnauthenticated);
  now_ += absl::Minutes(15);
  EXPECT_TRUE(accounts_->Login("storm@example.org", kPassword).ok());
}

TEST_F(AccountsTest, RevokingAllTokensEndsEverySession) {
  Account a = MustCreate("a@example.org");
  auto first = accounts_->Login("a@example.org", kPassword);
  auto second = accounts_->Login("a@example.org", kPassword);
  ASSERT_TRUE(first.ok() && second.ok());
  auto revoked = accounts_->RevokeAllTokens(a.id);
  ASSERT_TRUE(revoked.ok());
  EXPECT_EQ(*revoked, 2);
  EXPECT_FALSE(accounts_->Authenticate(first->token).ok());
  EXPECT_FALSE(accounts_->Authenticate(second->token).ok());
}

TEST_F(AccountsTest, UnknownEmailAndWrongPasswordLookTheSame) {
  MustCreate("a@example.org");
  auto unknown = accounts_->Login("nobody@example.org", kPassword);
  auto wrong = accounts_->Login("a@example.org", "not the password at all");
  EXPECT_EQ(unknown.status().code(), absl::StatusCode::kUnauthenticated);
  EXPECT_EQ(unknown.status(), wrong.status());
  auto huge = accounts_->Login("a@example.org", std::string(100000, 'p'));
  EXPECT_EQ(huge.status().code(), absl::StatusCode::kInvalidArgument);
}

TEST_F(AccountsTest, FailedLoginsLockTheAccountForGrowingPeriods) {
  MustCreate("a@example.org");
  for (int i = 0; i < Accounts::kFreeAttempts; ++i) {
    EXPECT_FALSE(accounts_->Login("a@example.org", "wrong password here").ok());
  }
  // Locked now: even the right password is refused, with the same message.
  auto locked = accounts_->Login("a@example.org", kPassword);
  EXPECT_EQ(locked.status().code(), absl::StatusCode::kUnauthenticated);
  now_ += Accounts::LockDuration(Accounts::kFreeAttempts);
  EXPECT_TRUE(accounts_->Login("a@example.org", kPassword).ok());
  EXPECT_EQ(Accounts::LockDuration(Accounts::kFreeAttempts + 5), absl::Minutes(15));
  EXPECT_EQ(Accounts::LockDuration(1), absl::ZeroDuration());
}

TEST_F(AccountsTest, OldHashParametersAreUpgradedAtLogin) {
  // An account hashed with cheaper parameters than today's.
  char weak[crypto_pwhash_STRBYTES];
  ASSERT_EQ(crypto_pwhash_str(weak, kPassword, sizeof kPassword - 1, crypto_pwhash_OPSLIMIT_MIN,
                              crypto_pwhash_MEMLIMIT_MIN * 8),
            0);
  ASSERT_TRUE(store_
                  ->Write([&](StoreWriter& w) -> absl::Status {
                    AccountCredentials c;
                    c.account.email = "old@example.org";
                    c.account.display_name = "Old";
                    c.account.roles = {{Role::kParticipant}};
                    c.password_hash = weak;
                    return w.InsertAccount(c).status();
                  })
                  .ok());
  ASSERT_TRUE(accounts_->Login("old@example.org", kPassword).ok());
  std::string stored;
  ASSERT_TRUE(store_
                  ->Read([&](StoreReader& r) -> absl::Status {
                    TH_ASSIGN_OR_RETURN(auto c, r.FindAccountByEmail("old@example.org"));
                    stored = c->password_hash;
                    return absl::OkStatus();
                  })
                  .ok());
  EXPECT_NE(stored, std::string(weak));
  EXPECT_TRUE(VerifyPassword(kPassword, stored).matches);
  EXPECT_FALSE(VerifyPassword(kPassword, stored).needs_rehash);
}

TEST_F(AccountsTest, CreateAccountChecksEveryField) {
  Account a;
  a.email = "not an address";
  a.display_name = "";
  a.roles = {{Role::kCoordinator}, {static_cast<Role>(9)}};
  auto created = accounts_->CreateAccount(a, "short");
  ASSERT_EQ(created.status().code(), absl::StatusCode::kInvalidArgument);
  std::vector<std::string> fields;
  for (const auto& v : GetFieldViolations(created.status())) fields.push_back(v.field);
  EXPECT_EQ(fields, (std::vector<std::string>{"account.email", "account.display_name", "password",
                                              "account.roles[0].organization_id",
                                              "account.roles[1].role"}));
  a.email = "c@example.org";
  a.display_name = "Coordinator";
  a.roles = {{Role::kCoordinator, 404}};
  auto missing_org = accounts_->CreateAccount(a, kPassword);
  EXPECT_EQ(missing_org.status().code(), absl::StatusCode::kInvalidArgument);
  MustCreate("dup@example.org");
  a.email = "DUP@example.org";
  a.roles = {{Role::kParticipant}};
  EXPECT_EQ(accounts_->CreateAccount(a, kPassword).status().code(),
            absl::StatusCode::kAlreadyExists);
}

TEST_F(AccountsTest, NeitherPasswordNorTokenIsStoredInClear) {
  const std::string canary = "Kanarienvogel-4711-geheim";
  Account a;
  a.email = "canary@example.org";
  a.display_name = "Canary";
  a.roles = {{Role::kAdmin}};
  ASSERT_TRUE(accounts_->CreateAccount(a, canary).ok());
  auto login = accounts_->Login("canary@example.org", canary);
  ASSERT_TRUE(login.ok());
  store_.reset();  // flush and close
  accounts_.reset();
  std::string bytes;
  for (const char* suffix : {"", "-wal"}) {
    std::ifstream in(path_ + suffix, std::ios::binary);
    std::stringstream buffer;
    buffer << in.rdbuf();
    bytes += buffer.str();
  }
  ASSERT_FALSE(bytes.empty());
  EXPECT_EQ(bytes.find(canary), std::string::npos);
  EXPECT_EQ(bytes.find(login->token), std::string::npos);
}

}  // namespace
}  // namespace trainhub::domain
