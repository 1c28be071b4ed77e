#ifndef TRAINHUB_SERVICES_DOMAIN_ACCOUNTS_LOGIN_THROTTLE_H_
#define TRAINHUB_SERVICES_DOMAIN_ACCOUNTS_LOGIN_THROTTLE_H_

// Throttles failed logins per client address, so that nobody can lock an
// account for its owner by guessing from elsewhere:
// - per address and account (e-mail key): after kFreeAttempts failures in a
//   row that address waits 5 s, then 30 s, then 15 min before each further
//   try for that account; a good login resets it;
// - per address: after kMaxAddressFailures failures (any accounts) within
//   kAddressWindow the address waits until the window has passed.
// Logins of the same account from other addresses are not affected.
// Memory is bounded (kMaxTracked entries per kind; the oldest are dropped
// first). Thread-safe; in memory only, so a restart forgets it.

#include <cstddef>
#include <map>
#include <mutex>
#include <string>
#include <tuple>

#include "absl/strings/string_view.h"
#include "absl/time/time.h"

namespace trainhub::domain {

class LoginThrottle {
 public:
  static constexpr int kFreeAttempts = 3;
  static constexpr int kMaxAddressFailures = 30;
  static constexpr absl::Duration kAddressWindow = absl::Minutes(15);
  static constexpr size_t kMaxTracked = 10000;

  // How long `address` waits before the next try at one account after
  // `failures` failures in a row (zero while below kFreeAttempts).
  static absl::Duration LockDuration(int failures);

  // True when a login for `account_key` from `address` may be tried at `now`.
  bool MayTry(absl::string_view address, absl::string_view account_key, absl::Time now);
  void RecordFailure(absl::string_view address, absl::string_view account_key, absl::Time now);
  void RecordSuccess(absl::string_view address, absl::string_view account_key);

 private:
  struct Entry {
    int failures = 0;
    absl::Time window_start;  // per address: start of the counting window
    absl::Time until = absl::InfinitePast();
    absl::Time last = absl::InfinitePast();
  };
  // Address, whether the entry counts the whole address, account key.
  using Key = std::tuple<std::string, bool, std::string>;
  static Key WholeAddress(absl::string_view address) { return {std::string(address), true, ""}; }
  static Key AddressAndAccount(absl::string_view address, absl::string_view account) {
    return {std::string(address), false, std::string(account)};
  }
  // Makes room for one more entry: drops expired ones, then the oldest.
  void MakeRoom(absl::Time now);

  std::mutex mu_;
  std::map<Key, Entry> entries_;
};

}  // namespace trainhub::domain

#endif  // TRAINHUB_SERVICES_DOMAIN_ACCOUNTS_LOGIN_THROTTLE_H_
