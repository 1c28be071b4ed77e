#include "domain/completion/name_check_budget.h"

#include <arpa/inet.h>

#include <algorithm>
#include <cstring>

#include "absl/strings/escaping.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"
#include "domain/errors.h"
#include "domain/accounts/passwords.h"

namespace trainhub::domain {
namespace {

// `why`: "address" (too many checks from the caller's address), "server"
// (too many checks), "passwords" (hashing is busy) or "names".
absl::Status TooMany(const char* why, absl::Duration wait, absl::Duration* retry_after) {
  const absl::Duration rounded = std::max(absl::Seconds(1), absl::Ceil(wait, absl::Seconds(1)));
  if (retry_after != nullptr) *retry_after = rounded;
  return Refusal(
      absl::StatusCode::kResourceExhausted,
      Msg("{why, select, address {too many name checks from your address} server {too many name "
          "checks are being made} passwords {the server is busy checking passwords} other {other "
          "names are being checked}}; try the name again in {seconds} seconds",
          {{"why", why}, MessageArg::Count("seconds", absl::ToInt64Seconds(rounded))}));
}

}  // namespace

std::string NameCheckBudget::AddressGroup(absl::string_view client_address) {
  absl::string_view inside = client_address;
  if (!absl::ConsumePrefix(&inside, "ipv6:[") || !absl::ConsumeSuffix(&inside, "]")) {
    return std::string(client_address);
  }
  const std::string text(inside.substr(0, inside.find('%')));  // without a zone
  unsigned char bytes[16];
  if (inet_pton(AF_INET6, text.c_str(), bytes) != 1) return std::string(client_address);
  static const unsigned char kMapped[12] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff};
  if (std::memcmp(bytes, kMapped, sizeof kMapped) == 0) {
    char v4[INET_ADDRSTRLEN] = {};
    inet_ntop(AF_INET, bytes + 12, v4, sizeof v4);
    return absl::StrCat("ipv4:", v4);
  }
  return absl::StrCat(
      "ipv6:", absl::BytesToHexString(absl::string_view(reinterpret_cast<char*>(bytes), 8)), "/64");
}

absl::StatusOr<WorkGate::Pass> NameCheckBudget::Admit(absl::string_view client_address,
                                                      absl::Time now, absl::Duration* retry_after) {
  absl::Duration wait;
  if (!per_address_.Allow(AddressGroup(client_address), now, &wait)) {
    return TooMany("address", wait, retry_after);
  }
  if (!overall_.Allow("", now, &wait)) {
    return TooMany("server", wait, retry_after);
  }
  // Logins first: a name check uses only hashing capacity that no login
  // needs at this moment.
  if (LoginHashingIsBusy()) {
    return TooMany("passwords", absl::Seconds(1), retry_after);
  }
  WorkGate::Pass pass = hashing_.Enter();
  if (!pass.ok()) {
    return TooMany("names", absl::Seconds(1), retry_after);
  }
  return pass;
}

}  // namespace trainhub::domain
