#include "server/http_daemon.h"

#include <netdb.h>
#include <sys/socket.h>

#include <vector>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"

namespace trainhub::server {

absl::StatusOr<MHD_Daemon*> StartHttpDaemon(const std::string& what,
                                            const HttpDaemonOptions& options,
                                            MHD_AccessHandlerCallback handler, void* cls) {
  const std::string& address = options.listen_address;
  const size_t colon = address.rfind(':');
  int port = 0;
  if (colon == std::string::npos || !absl::SimpleAtoi(address.substr(colon + 1), &port) ||
      port < 0 || port > 65535) {
    return absl::InvalidArgumentError(
        absl::StrCat(what, " address \"", address, "\" is not HOST:PORT"));
  }
  std::string host = address.substr(0, colon);
  if (host.size() >= 2 && host.front() == '[' && host.back() == ']') {
    host = host.substr(1, host.size() - 2);
  }
  addrinfo hints{};
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_STREAM;
  hints.ai_flags = AI_PASSIVE | AI_NUMERICSERV;
  addrinfo* found = nullptr;
  const std::string port_text = std::to_string(port);
  if (getaddrinfo(host.empty() ? nullptr : host.c_str(), port_text.c_str(), &hints, &found) != 0 ||
      found == nullptr) {
    return absl::InvalidArgumentError(
        absl::StrCat(what, " address \"", address, "\": unknown host"));
  }
  const bool tls = !options.tls_cert_pem.empty() && !options.tls_key_pem.empty();
  unsigned int flags = MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_EPOLL;
  if (found->ai_family == AF_INET6) flags |= MHD_USE_IPv6;
  if (tls) flags |= MHD_USE_TLS;
  std::vector<MHD_OptionItem> items = {
      {MHD_OPTION_SOCK_ADDR, 0, found->ai_addr},
      {MHD_OPTION_THREAD_POOL_SIZE, options.threads, nullptr},
      {MHD_OPTION_CONNECTION_LIMIT, 256, nullptr},
      {MHD_OPTION_PER_IP_CONNECTION_LIMIT, 16, nullptr},
      {MHD_OPTION_CONNECTION_TIMEOUT, 15, nullptr},
      {MHD_OPTION_CONNECTION_MEMORY_LIMIT, 32 * 1024, nullptr},
  };
  if (tls) {
    items.push_back(
        {MHD_OPTION_HTTPS_MEM_CERT, 0, const_cast<char*>(options.tls_cert_pem.c_str())});
    items.push_back({MHD_OPTION_HTTPS_MEM_KEY, 0, const_cast<char*>(options.tls_key_pem.c_str())});
  }
  items.push_back({MHD_OPTION_END, 0, nullptr});
  MHD_Daemon* daemon =
      MHD_start_daemon(flags, static_cast<uint16_t>(port), nullptr, nullptr, handler, cls,
                       MHD_OPTION_ARRAY, items.data(), MHD_OPTION_END);
  freeaddrinfo(found);
  if (daemon == nullptr) {
    return absl::UnavailableError(absl::StrCat("cannot serve the ", what, " on ", address,
                                               tls ? " (is the address in use, or the TLS key "
                                                     "unreadable?)"
                                                   : " (is the address in use?)"));
  }
  return daemon;
}

int BoundPort(MHD_Daemon* daemon) {
  const MHD_DaemonInfo* bound = MHD_get_daemon_info(daemon, MHD_DAEMON_INFO_BIND_PORT);
  return bound != nullptr ? bound->port : 0;
}

}  // namespace trainhub::server
