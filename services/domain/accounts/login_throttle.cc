#include "domain/accounts/login_throttle.h"

#include <algorithm>

namespace trainhub::domain {

absl::Duration LoginThrottle::LockDuration(int failures) {
  if (failures < kFreeAttempts) return absl::ZeroDuration();
  if (failures == kFreeAttempts) return absl::Seconds(5);
  if (failures == kFreeAttempts + 1) return absl::Seconds(30);
  return absl::Minutes(15);
}

bool LoginThrottle::MayTry(absl::string_view address, absl::string_view account_key,
                           absl::Time now) {
  std::lock_guard<std::mutex> lock(mu_);
  for (const Key& key : {WholeAddress(address), AddressAndAccount(address, account_key)}) {
    auto it = entries_.find(key);
    if (it != entries_.end() && it->second.until > now) return false;
  }
  return true;
}

void LoginThrottle::RecordFailure(absl::string_view address, absl::string_view account_key,
                                  absl::Time now) {
  std::lock_guard<std::mutex> lock(mu_);
  const Key address_key = WholeAddress(address);
  const Key account = AddressAndAccount(address, account_key);
  for (const Key* key : {&address_key, &account}) {
    if (entries_.find(*key) == entries_.end()) MakeRoom(now);
  }
  Entry& per_address = entries_[address_key];
  if (per_address.failures == 0 || now - per_address.window_start >= kAddressWindow) {
    per_address.failures = 0;
    per_address.window_start = now;
  }
  ++per_address.failures;
  per_address.last = now;
  if (per_address.failures >= kMaxAddressFailures) {
    per_address.until = per_address.window_start + kAddressWindow;
  }
  Entry& per_account = entries_[account];
  ++per_account.failures;
  per_account.last = now;
  const absl::Duration wait = LockDuration(per_account.failures);
  if (wait > absl::ZeroDuration()) per_account.until = now + wait;
}

void LoginThrottle::RecordSuccess(absl::string_view address, absl::string_view account_key) {
  std::lock_guard<std::mutex> lock(mu_);
  entries_.erase(AddressAndAccount(address, account_key));
}

void LoginThrottle::MakeRoom(absl::Time now) {
  if (entries_.size() < kMaxTracked) return;
  // An entry matters while it locks or may still grow into a lock.
  const absl::Time forgotten = now - std::max(kAddressWindow, LockDuration(kFreeAttempts + 2));
  for (auto it = entries_.begin(); it != entries_.end();) {
    it = (it->second.until <= now && it->second.last < forgotten) ? entries_.erase(it) : ++it;
  }
  while (entries_.size() >= kMaxTracked) {
    auto oldest = std::min_element(
        entries_.begin(), entries_.end(),
        [](const auto& a, const auto& b) { return a.second.last < b.second.last; });
    entries_.erase(oldest);
  }
}

}  // namespace trainhub::domain
