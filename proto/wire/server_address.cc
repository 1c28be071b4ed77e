#include "wire/server_address.h"

#include <algorithm>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"

namespace trainhub::wire {
namespace {

bool IsPort(absl::string_view text) {
  int port = 0;
  return !text.empty() && std::all_of(text.begin(), text.end(), absl::ascii_isdigit) &&
         absl::SimpleAtoi(text, &port) && port >= 1 && port <= 65535;
}

}  // namespace

std::optional<std::string> ServerTarget(absl::string_view typed) {
  const absl::string_view text = absl::StripAsciiWhitespace(typed);
  if (text.empty() || std::any_of(text.begin(), text.end(), absl::ascii_isspace)) {
    return std::nullopt;
  }
  // gRPC's own target syntax names its scheme: left to gRPC.
  for (absl::string_view scheme : {"dns:", "unix:", "unix-abstract:", "ipv4:", "ipv6:", "vsock:"}) {
    if (absl::StartsWithIgnoreCase(text, scheme)) return std::string(text);
  }
  if (text.front() == '[') {
    // An IPv6 literal in brackets, with or without a port.
    const size_t close = text.find(']');
    if (close == absl::string_view::npos || close == 1) return std::nullopt;
    const absl::string_view rest = text.substr(close + 1);
    if (rest.empty()) return absl::StrCat(text, ":", kDefaultServerPort);
    if (rest == ":") return absl::StrCat(text, kDefaultServerPort);
    if (rest.front() != ':' || !IsPort(rest.substr(1))) return std::nullopt;
    return std::string(text);
  }
  const size_t colon = text.rfind(':');
  if (colon == absl::string_view::npos) return absl::StrCat(text, ":", kDefaultServerPort);
  if (text.find(':') != colon) {
    // Several colons without brackets: an IPv6 literal alone ("::1").
    return absl::StrCat("[", text, "]:", kDefaultServerPort);
  }
  if (colon == 0) return std::nullopt;
  const absl::string_view port = text.substr(colon + 1);
  if (port.empty()) return absl::StrCat(text, kDefaultServerPort);
  if (!IsPort(port)) return std::nullopt;
  return std::string(text);
}

}  // namespace trainhub::wire
