#include "server/rate_limiter.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include <cstring>

#include "absl/strings/str_cat.h"

namespace trainhub::server {
namespace {

// IPv4 mapped into IPv6 (dual stack).
constexpr char kMapped[12] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, '\xff', '\xff'};

}  // namespace

std::string RateLimiter::ClientKey(const struct sockaddr* address) {
  if (address == nullptr) return "";
  if (address->sa_family == AF_INET) {
    const auto* in4 = reinterpret_cast<const sockaddr_in*>(address);
    return std::string(reinterpret_cast<const char*>(&in4->sin_addr), 4);
  }
  if (address->sa_family == AF_INET6) {
    const auto* in6 = reinterpret_cast<const sockaddr_in6*>(address);
    const auto* bytes = reinterpret_cast<const char*>(&in6->sin6_addr);
    if (std::memcmp(bytes, kMapped, sizeof kMapped) == 0) return std::string(bytes + 12, 4);
    return std::string(bytes, 8);
  }
  return "";
}

std::string RateLimiter::PeerText(const struct sockaddr* address) {
  if (address == nullptr) return "";
  char text[INET6_ADDRSTRLEN] = {};
  if (address->sa_family == AF_INET) {
    const auto* in4 = reinterpret_cast<const sockaddr_in*>(address);
    if (inet_ntop(AF_INET, &in4->sin_addr, text, sizeof text) == nullptr) return "";
    return absl::StrCat("ipv4:", text);
  }
  if (address->sa_family == AF_INET6) {
    const auto* in6 = reinterpret_cast<const sockaddr_in6*>(address);
    const auto* bytes = reinterpret_cast<const unsigned char*>(&in6->sin6_addr);
    if (std::memcmp(bytes, kMapped, sizeof kMapped) == 0) {
      if (inet_ntop(AF_INET, bytes + 12, text, sizeof text) == nullptr) return "";
      return absl::StrCat("ipv4:", text);
    }
    if (inet_ntop(AF_INET6, &in6->sin6_addr, text, sizeof text) == nullptr) return "";
    return absl::StrCat("ipv6:[", text, "]");
  }
  return "";
}

}  // namespace trainhub::server
