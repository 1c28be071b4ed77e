#include "domain/accounts/accounts.h"

#include <SQLiteCpp/Database.h>
#include <gtest/gtest.h>
#include <sodium.h>
#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

#include "absl/strings/str_cat.h"
#include "domain/errors.h"
#include "domain/accounts/login_throttle.h"
#include "domain/completion/name_check_budget.h"
#include "domain/accounts/passwords.h"
#include "domain/status_macros.h"
#include "domain/accounts/token_cache.h"
#include "store/sqlite_store.h"
#include "testing/temp_files.h"

namespace trainhub::domain {
namespace {

constexpr char kClientAddress[] = "ipv4:192.0.2.10";

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
    auto created = accounts_->CreateAccount(domain::Principal::System(), a, kPassword);
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
  EXPECT_TRUE(VerifyPassword(kPassword, *hash)->matches);
  EXPECT_FALSE(VerifyPassword("something else entirely", *hash)->matches);
  EXPECT_FALSE(VerifyPassword(kPassword, "")->matches);  // the dummy never matches
  EXPECT_EQ(PasswordProblem("short")->English(), "must have at least 10 characters");
  EXPECT_TRUE(PasswordProblem(std::string(2000, 'x')).has_value());
}

TEST(PasswordsTest, TokensAreLongRandomAndStoredAsHashes) {
  const std::string a = NewToken(), b = NewToken();
  EXPECT_EQ(a.size(), 43u);  // 256 bits, base64url
  EXPECT_NE(a, b);
  EXPECT_EQ(TokenHash(a).size(), 64u);
  EXPECT_NE(TokenHash(a), TokenHash(b));
  EXPECT_EQ(TokenHash(a).find(a), std::string::npos);
}

TEST(NameCheckBudgetTest, AddressesGroupAsTheRateLimitsCountThem) {
  EXPECT_EQ(NameCheckBudget::AddressGroup("ipv4:192.0.2.7"), "ipv4:192.0.2.7");
  EXPECT_EQ(NameCheckBudget::AddressGroup("ipv6:[::ffff:192.0.2.7]"), "ipv4:192.0.2.7");
  EXPECT_EQ(NameCheckBudget::AddressGroup("ipv6:[2001:db8:1:2:3:4:5:6]"),
            NameCheckBudget::AddressGroup("ipv6:[2001:db8:1:2:ffff::1]"));
  EXPECT_NE(NameCheckBudget::AddressGroup("ipv6:[2001:db8:1:2::1]"),
            NameCheckBudget::AddressGroup("ipv6:[2001:db8:1:3::1]"));
  EXPECT_EQ(NameCheckBudget::AddressGroup(""), "");
}

TEST(NameCheckBudgetTest, PerAddressOverallAndOneAtATime) {
  NameCheckBudget budget;
  absl::Time now = absl::FromUnixSeconds(1000000);
  absl::Duration retry_after;
  for (int i = 0; i < NameCheckBudget::kPerAddressBurst; ++i) {
    ASSERT_TRUE(budget.Admit("ipv4:192.0.2.1", now).ok()) << i;
  }
  absl::StatusOr<WorkGate::Pass> refused = budget.Admit("ipv4:192.0.2.1", now, &retry_after);
  EXPECT_EQ(refused.status().code(), absl::StatusCode::kResourceExhausted);
  EXPECT_NE(refused.status().message().find("from your address"), std::string::npos);
  EXPECT_EQ(retry_after, absl::Seconds(6));  // 10 a minute
  // Other addresses have their own, until all of them together are at the
  // overall burst.
  int admitted = NameCheckBudget::kPerAddressBurst;
  for (int a = 2; admitted < NameCheckBudget::kOverallBurst; ++a, ++admitted) {
    ASSERT_TRUE(budget.Admit(absl::StrCat("ipv4:192.0.2.", a), now).ok()) << a;
  }
  absl::StatusOr<WorkGate::Pass> overall = budget.Admit("ipv4:198.51.100.1", now, &retry_after);
  EXPECT_EQ(overall.status().code(), absl::StatusCode::kResourceExhausted);
  EXPECT_NE(overall.status().message().find("too many name checks are being made"),
            std::string::npos);
  now += absl::Seconds(6);  // a minute's 60 refill one a second
  absl::StatusOr<WorkGate::Pass> held = budget.Admit("ipv4:198.51.100.1", now);
  ASSERT_TRUE(held.ok()) << held.status();
  // One hash at a time: the next waits its second, then is told to retry.
  now += absl::Seconds(6);
  absl::StatusOr<WorkGate::Pass> busy = budget.Admit("ipv4:198.51.100.2", now, &retry_after);
  EXPECT_EQ(busy.status().code(), absl::StatusCode::kResourceExhausted);
  EXPECT_NE(busy.status().message().find("other names are being checked"), std::string::npos);
  EXPECT_EQ(retry_after, absl::Seconds(1));
}

TEST_F(AccountsTest, LoginGivesATokenThatAuthenticatesUntilLogout) {
  Account created = MustCreate("nuran.sahin@example.org");
  auto login = accounts_->Login("Nuran.Sahin@example.org", kPassword, kClientAddress);
  ASSERT_TRUE(login.ok()) << login.status();
  EXPECT_EQ(login->account.id, created.id);
  EXPECT_EQ(login->expire_time, now_ + Accounts::kTokenLifetime);
  auto principal = accounts_->Authenticate(login->token);
  ASSERT_TRUE(principal.ok()) << principal.status();
  EXPECT_TRUE(principal->Has(Role::kAdmin));
  ASSERT_TRUE(accounts_->Logout(Principal::System(), login->token).ok());
  EXPECT_EQ(accounts_->Authenticate(login->token).status().code(),
            absl::StatusCode::kUnauthenticated);
}

TEST_F(AccountsTest, TokensExpire) {
  MustCreate("a@example.org");
  auto login = accounts_->Login("a@example.org", kPassword, kClientAddress);
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
  auto login = accounts_->Login("gone@example.org", kPassword, kClientAddress);
  ASSERT_TRUE(login.ok());
  {
    SQLite::Database db(path_, SQLite::OPEN_READWRITE);
    db.exec("PRAGMA foreign_keys = ON");
    db.exec("DELETE FROM account WHERE id = " + std::to_string(a.id));
  }
  EXPECT_EQ(accounts_->Authenticate(login->token).status().code(),
            absl::StatusCode::kUnauthenticated);
}

TEST_F(AccountsTest, ALoginStormMakesItsAddressWaitAndLeaksNothing) {
  MustCreate("storm@example.org");
  std::vector<std::thread> threads;
  std::atomic<int> refused{0};
  for (int i = 0; i < 12; ++i) {
    threads.emplace_back([&, i] {
      auto r = accounts_->Login(i % 2 ? "storm@example.org" : "nobody@example.org",
                                "guess number " + std::to_string(i), kClientAddress);
      if (r.status().code() == absl::StatusCode::kUnauthenticated) ++refused;
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(refused.load(), 12);
  // That address waits, even with the right password; the same answer as before.
  auto locked = accounts_->Login("storm@example.org", kPassword, kClientAddress);
  EXPECT_EQ(locked.status().code(), absl::StatusCode::kUnauthenticated);
  // The owner, logging in from elsewhere, is not locked out.
  EXPECT_TRUE(accounts_->Login("storm@example.org", kPassword, "ipv4:198.51.100.7").ok());
  now_ += absl::Minutes(15);
  EXPECT_TRUE(accounts_->Login("storm@example.org", kPassword, kClientAddress).ok());
}

TEST_F(AccountsTest, AnAddressGuessingManyAccountsWaitsAsAWhole) {
  MustCreate("a@example.org");
  for (int i = 0; i < LoginThrottle::kMaxAddressFailures; ++i) {
    EXPECT_FALSE(
        accounts_
            ->Login("guess" + std::to_string(i) + "@example.org", "wrong password", kClientAddress)
            .ok());
  }
  EXPECT_FALSE(accounts_->Login("a@example.org", kPassword, kClientAddress).ok());
  EXPECT_TRUE(accounts_->Login("a@example.org", kPassword, "ipv6:[2001:db8::1]").ok());
  now_ += LoginThrottle::kAddressWindow;
  EXPECT_TRUE(accounts_->Login("a@example.org", kPassword, kClientAddress).ok());
}

TEST(LoginThrottleTest, WaitsGrowPerAddressAndAccountAndMemoryIsBounded) {
  EXPECT_EQ(LoginThrottle::LockDuration(1), absl::ZeroDuration());
  EXPECT_EQ(LoginThrottle::LockDuration(LoginThrottle::kFreeAttempts), absl::Seconds(5));
  EXPECT_EQ(LoginThrottle::LockDuration(LoginThrottle::kFreeAttempts + 1), absl::Seconds(30));
  EXPECT_EQ(LoginThrottle::LockDuration(LoginThrottle::kFreeAttempts + 5), absl::Minutes(15));
  LoginThrottle throttle;
  const absl::Time t0 = absl::FromUnixSeconds(1800000000);
  // Many addresses, one failure each: the oldest are forgotten, the newest kept.
  for (size_t i = 0; i < LoginThrottle::kMaxTracked + 10; ++i) {
    throttle.RecordFailure("ipv6:[2001:db8::" + std::to_string(i) + "]", "a@example.org",
                           t0 + absl::Seconds(static_cast<int64_t>(i)));
  }
  for (int i = 0; i < LoginThrottle::kFreeAttempts; ++i) {
    throttle.RecordFailure("ipv4:192.0.2.1", "a@example.org", t0);
  }
  EXPECT_FALSE(throttle.MayTry("ipv4:192.0.2.1", "a@example.org", t0 + absl::Seconds(1)));
  EXPECT_TRUE(throttle.MayTry("ipv4:192.0.2.2", "a@example.org", t0 + absl::Seconds(1)));
  EXPECT_TRUE(throttle.MayTry("ipv4:192.0.2.1", "a@example.org", t0 + absl::Seconds(5)));
  // Failures for an empty e-mail lock that (nonsense) account only, not the address.
  for (int i = 0; i < LoginThrottle::kFreeAttempts; ++i) {
    throttle.RecordFailure("ipv4:192.0.2.3", "", t0);
  }
  EXPECT_FALSE(throttle.MayTry("ipv4:192.0.2.3", "", t0 + absl::Seconds(1)));
  EXPECT_TRUE(throttle.MayTry("ipv4:192.0.2.3", "b@example.org", t0 + absl::Seconds(1)));
}

TEST_F(AccountsTest, EmailAddressesFoldUnicodeCaseAndNamesAreStoredComposed) {
  Account a;
  a.email = "leitung@bücherei-köthen.de";
  a.display_name = "Zoe\u0308 Müller";  // "Zoë" with a combining diaeresis
  a.roles = {{Role::kAdmin}};
  auto created = accounts_->CreateAccount(domain::Principal::System(), a, kPassword);
  ASSERT_TRUE(created.ok()) << created.status();
  EXPECT_EQ(created->display_name, "Zo\u00EB Müller");  // composed
  Account upper = a;
  upper.email = "LEITUNG@BÜCHEREI-KÖTHEN.DE";
  EXPECT_EQ(accounts_->CreateAccount(domain::Principal::System(), upper, kPassword).status().code(),
            absl::StatusCode::kAlreadyExists);
  EXPECT_TRUE(accounts_->Login(upper.email, kPassword, kClientAddress).ok());
}

TEST_F(AccountsTest, RevokingAllTokensEndsEverySession) {
  Account a = MustCreate("a@example.org");
  auto first = accounts_->Login("a@example.org", kPassword, kClientAddress);
  auto second = accounts_->Login("a@example.org", kPassword, kClientAddress);
  ASSERT_TRUE(first.ok() && second.ok());
  // Checked once, so remembered: revoking must end them all the same.
  ASSERT_TRUE(accounts_->Authenticate(first->token).ok());
  ASSERT_TRUE(accounts_->Authenticate(second->token).ok());
  auto revoked = accounts_->RevokeAllTokens(Principal::System(), a.id);
  ASSERT_TRUE(revoked.ok());
  EXPECT_EQ(*revoked, 2);
  EXPECT_FALSE(accounts_->Authenticate(first->token).ok());
  EXPECT_FALSE(accounts_->Authenticate(second->token).ok());
}

TEST(TokenCacheTest, RemembersUntilExpiryOrForgetting) {
  TokenCache cache(3);
  const absl::Time t0 = absl::FromUnixSeconds(1000);
  Principal p;
  p.account.id = 7;
  cache.Keep("h1", p, t0 + absl::Hours(1), t0, cache.generation());
  ASSERT_TRUE(cache.Find("h1", t0).has_value());
  EXPECT_EQ(cache.Find("h1", t0)->account.id, 7);
  EXPECT_FALSE(cache.Find("h1", t0 + absl::Hours(1)).has_value());  // expired

  cache.Keep("h2", p, t0 + absl::Hours(1), t0, cache.generation());
  cache.Forget("h2");
  EXPECT_FALSE(cache.Find("h2", t0).has_value());

  Principal other;
  other.account.id = 8;
  cache.Keep("h3", p, t0 + absl::Hours(1), t0, cache.generation());
  cache.Keep("h4", other, t0 + absl::Hours(1), t0, cache.generation());
  cache.ForgetAccount(7);
  EXPECT_FALSE(cache.Find("h3", t0).has_value());
  EXPECT_TRUE(cache.Find("h4", t0).has_value());
}

TEST(TokenCacheTest, AReadFromBeforeARevocationIsNotKept) {
  TokenCache cache(10);
  const absl::Time t0 = absl::FromUnixSeconds(1000);
  Principal p;
  p.account.id = 7;
  const uint64_t before = cache.generation();  // a check starts reading the store
  cache.Forget("h1");                          // meanwhile the token is revoked
  cache.Keep("h1", p, t0 + absl::Hours(1), t0, before);
  EXPECT_FALSE(cache.Find("h1", t0).has_value());
}

TEST(TokenCacheTest, BoundedDroppingExpiredOnesFirst) {
  TokenCache cache(2);
  const absl::Time t0 = absl::FromUnixSeconds(1000);
  Principal p;
  cache.Keep("old", p, t0 + absl::Minutes(1), t0, cache.generation());
  cache.Keep("a", p, t0 + absl::Hours(1), t0, cache.generation());
  cache.Keep("b", p, t0 + absl::Hours(1), t0 + absl::Minutes(2), cache.generation());
  EXPECT_EQ(cache.size(), 2u);  // "old" had expired and made room
  EXPECT_TRUE(cache.Find("b", t0 + absl::Minutes(2)).has_value());
  cache.Keep("c", p, t0 + absl::Hours(1), t0 + absl::Minutes(2), cache.generation());
  EXPECT_FALSE(cache.Find("c", t0 + absl::Minutes(2)).has_value());  // full: read each time
  EXPECT_EQ(cache.size(), 2u);
}

TEST_F(AccountsTest, UnknownEmailAndWrongPasswordLookTheSame) {
  MustCreate("a@example.org");
  auto unknown = accounts_->Login("nobody@example.org", kPassword, kClientAddress);
  auto wrong = accounts_->Login("a@example.org", "not the password at all", kClientAddress);
  EXPECT_EQ(unknown.status().code(), absl::StatusCode::kUnauthenticated);
  EXPECT_EQ(unknown.status(), wrong.status());
  auto huge = accounts_->Login("a@example.org", std::string(100000, 'p'), kClientAddress);
  EXPECT_EQ(huge.status().code(), absl::StatusCode::kInvalidArgument);
}

TEST_F(AccountsTest, FailedLoginsMakeTheAddressWaitForGrowingPeriods) {
  MustCreate("a@example.org");
  for (int i = 0; i < LoginThrottle::kFreeAttempts; ++i) {
    EXPECT_FALSE(accounts_->Login("a@example.org", "wrong password here", kClientAddress).ok());
  }
  // Waiting now: even the right password is refused, with the same message.
  auto locked = accounts_->Login("a@example.org", kPassword, kClientAddress);
  EXPECT_EQ(locked.status().code(), absl::StatusCode::kUnauthenticated);
  now_ += LoginThrottle::LockDuration(LoginThrottle::kFreeAttempts);
  EXPECT_TRUE(accounts_->Login("a@example.org", kPassword, kClientAddress).ok());
}

TEST_F(AccountsTest, OldHashParametersAreUpgradedAtLogin) {
  // An account hashed with cheaper parameters than today's.
  char weak[crypto_pwhash_STRBYTES];
  ASSERT_EQ(crypto_pwhash_str(weak, kPassword, sizeof kPassword - 1, crypto_pwhash_OPSLIMIT_MIN,
                              crypto_pwhash_MEMLIMIT_MIN * 8),
            0);
  ASSERT_TRUE(store_
                  ->Write([&](UnitOfWork& w) -> absl::Status {
                    AccountCredentials c;
                    c.account.email = "old@example.org";
                    c.account.display_name = "Old";
                    c.account.roles = {{Role::kParticipant}};
                    c.password_hash = weak;
                    return w.accounts().Insert(c).status();
                  })
                  .ok());
  ASSERT_TRUE(accounts_->Login("old@example.org", kPassword, kClientAddress).ok());
  std::string stored;
  ASSERT_TRUE(store_
                  ->Read([&](ReadView& r) -> absl::Status {
                    TH_ASSIGN_OR_RETURN(auto c, r.accounts().FindByEmail("old@example.org"));
                    stored = c->password_hash;
                    return absl::OkStatus();
                  })
                  .ok());
  EXPECT_NE(stored, std::string(weak));
  EXPECT_TRUE(VerifyPassword(kPassword, stored)->matches);
  EXPECT_FALSE(VerifyPassword(kPassword, stored)->needs_rehash);
}

TEST_F(AccountsTest, CreateAccountChecksEveryField) {
  Account a;
  a.email = "not an address";
  a.display_name = "";
  a.roles = {{Role::kCoordinator}, {static_cast<Role>(9)}};
  auto created = accounts_->CreateAccount(domain::Principal::System(), a, "short");
  ASSERT_EQ(created.status().code(), absl::StatusCode::kInvalidArgument);
  std::vector<std::string> fields;
  for (const auto& v : GetFieldViolations(created.status())) fields.push_back(v.field);
  EXPECT_EQ(fields, (std::vector<std::string>{"account.email", "account.display_name", "password",
                                              "account.roles[0].organization_id",
                                              "account.roles[1].role"}));
  a.email = "c@example.org";
  a.display_name = "Coordinator";
  a.roles = {{Role::kCoordinator, 404}};
  auto missing_org = accounts_->CreateAccount(domain::Principal::System(), a, kPassword);
  EXPECT_EQ(missing_org.status().code(), absl::StatusCode::kInvalidArgument);
  MustCreate("dup@example.org");
  a.email = "DUP@example.org";
  a.roles = {{Role::kParticipant}};
  EXPECT_EQ(accounts_->CreateAccount(domain::Principal::System(), a, kPassword).status().code(),
            absl::StatusCode::kAlreadyExists);
}

TEST_F(AccountsTest, NeitherPasswordNorTokenIsStoredInClear) {
  const std::string canary = "Kanarienvogel-4711-geheim";
  Account a;
  a.email = "canary@example.org";
  a.display_name = "Canary";
  a.roles = {{Role::kAdmin}};
  ASSERT_TRUE(accounts_->CreateAccount(domain::Principal::System(), a, canary).ok());
  auto login = accounts_->Login("canary@example.org", canary, kClientAddress);
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
