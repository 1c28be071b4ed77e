// Accounts under load: a valid token is accepted whatever else goes on.

#include <gtest/gtest.h>

#include <atomic>
#include <mutex>
#include <thread>

#include "absl/strings/str_cat.h"
#include "domain/accounts/accounts.h"
#include "domain/accounts/passwords.h"
#include "store/sqlite_store.h"
#include "testing/remembered_tokens.h"
#include "testing/temp_files.h"

namespace trainhub::domain {
namespace {

constexpr char kClientAddress[] = "ipv4:192.0.2.10";

constexpr char kPassword[] = "Vielfalt-gestalten-2027";

Account CreateAdmin(Accounts& accounts, const std::string& email) {
  Account a;
  a.email = email;
  a.display_name = "Nuran Şahin";
  a.roles = {{Role::kAdmin}};
  absl::StatusOr<Account> created = accounts.CreateAccount(Principal::System(), a, kPassword);
  EXPECT_TRUE(created.ok()) << created.status();
  return created.value_or(Account{});
}

// Until `stop`: other sessions of account `id`, their tokens written,
// checked, and every 20th time all revoked.
void ComeAndGoUntil(const std::atomic<bool>& stop, Store& store, Accounts& accounts, Id id) {
  for (int n = 1; !stop; ++n) {
    const std::string token = NewToken();
    TokenRecord t;
    t.token_hash = TokenHash(token);
    t.account_id = id;
    t.create_time = absl::Now();
    t.expire_time = t.create_time + absl::Hours(12);
    EXPECT_TRUE(store.Write([&](UnitOfWork& w) { return w.accounts().InsertToken(t); }).ok());
    (void)accounts.Authenticate(token);
    if (n % 20 == 0) {
      EXPECT_TRUE(accounts.RevokeAllTokens(Principal::System(), id).ok());
    }
  }
}

// A valid token is accepted however the store is used meanwhile: with the
// token cache full (so that each check reads the store), other sessions'
// tokens written and revoked, failed logins, write-ahead log checkpoints
// (as an erasure runs) and backups. Thread-safe end to end.
TEST(AccountsStressTest, AValidTokenIsAcceptedWhileEverythingElseGoesOn) {
  const std::string path = testing::TempDbPath("trainhub-accounts-stress");
  auto opened = store::SqliteStore::Open(path, 4);
  ASSERT_TRUE(opened.ok()) << opened.status();
  std::unique_ptr<store::SqliteStore> store = *std::move(opened);
  Accounts accounts(*store);
  CreateAdmin(accounts, "admin@example.org");
  const Account filler = CreateAdmin(accounts, "filler@example.org");
  const Account other = CreateAdmin(accounts, "other@example.org");
  ASSERT_NO_FATAL_FAILURE(testing::RememberTokensOf(*store, accounts, filler.id, 10050));
  absl::StatusOr<Accounts::LoginResult> login =
      accounts.Login("admin@example.org", kPassword, kClientAddress);
  ASSERT_TRUE(login.ok()) << login.status();

  std::atomic<bool> stop{false};
  std::atomic<int> checks{0}, refused{0};
  std::mutex first_mu;
  std::string first_refusal;
  std::vector<std::thread> threads;
  for (int i = 0; i < 3; ++i) {
    threads.emplace_back([&] {
      while (!stop) {
        absl::StatusOr<Principal> p = accounts.Authenticate(login->token);
        ++checks;
        if (!p.ok()) {
          ++refused;
          std::lock_guard<std::mutex> lock(first_mu);
          if (first_refusal.empty()) first_refusal = p.status().ToString();
        }
      }
    });
  }
  threads.emplace_back([&] { ComeAndGoUntil(stop, *store, accounts, other.id); });
  threads.emplace_back([&] {  // failed logins
    for (int n = 0; !stop; ++n) {
      (void)accounts.Login(n % 2 ? "admin@example.org" : "nobody@example.org", "wrong password",
                           absl::StrCat("ipv4:192.0.2.", n % 200));
    }
  });
  threads.emplace_back([&] {  // checkpoints as after an erasure, and backups
    for (int n = 1; !stop; ++n) {
      (void)store->DropOverwrittenData();
      if (n % 10 == 0) {
        const std::string copy = absl::StrCat(path, ".backup", n);
        EXPECT_TRUE(store->CopyTo(copy).ok());
        testing::RemoveDb(copy);
      }
    }
  });
  std::this_thread::sleep_for(std::chrono::seconds(3));
  stop = true;
  for (auto& t : threads) t.join();
  EXPECT_GT(checks, 100);
  EXPECT_EQ(refused, 0) << "of " << checks << "; first: " << first_refusal;
  // Every check read the store: the cache had no room for the admin's token.
  EXPECT_EQ(accounts.RememberedTokenCount(), 10000u);
  store.reset();
  testing::RemoveDb(path);
}

}  // namespace
}  // namespace trainhub::domain
