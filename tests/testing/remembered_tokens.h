#ifndef TRAINHUB_TESTS_TESTING_REMEMBERED_TOKENS_H_
#define TRAINHUB_TESTS_TESTING_REMEMBERED_TOKENS_H_

// Other sessions' tokens in the accounts' cache of checked tokens: with the
// cache full, every check of another token reads the store.

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/time/clock.h"
#include "domain/accounts/accounts.h"
#include "domain/accounts/passwords.h"
#include "domain/ports/unit_of_work.h"

namespace trainhub::testing {

// Makes `count` new tokens of account `id` in `store` and has `accounts`
// check each (so it remembers them), as that many other sessions would.
inline void RememberTokensOf(domain::Store& store, domain::Accounts& accounts, domain::Id id,
                             int count) {
  const absl::Time now = absl::Now();
  std::vector<std::string> fill(count);
  ASSERT_TRUE(store
                  .Write([&](domain::UnitOfWork& w) -> absl::Status {
                    for (std::string& token : fill) {
                      token = domain::NewToken();
                      domain::TokenRecord t;
                      t.token_hash = domain::TokenHash(token);
                      t.account_id = id;
                      t.create_time = now;
                      t.expire_time = now + absl::Hours(12);
                      if (absl::Status s = w.accounts().InsertToken(t); !s.ok()) return s;
                    }
                    return absl::OkStatus();
                  })
                  .ok());
  for (const std::string& token : fill) ASSERT_TRUE(accounts.Authenticate(token).ok());
}

}  // namespace trainhub::testing

#endif  // TRAINHUB_TESTS_TESTING_REMEMBERED_TOKENS_H_
