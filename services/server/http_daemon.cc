#include "server/http_daemon.h"

#include <netdb.h>
#include <sys/socket.h>
#include <sys/stat.h>

#include <algorithm>
#include <vector>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"

namespace trainhub::server {
namespace {

// How often the watcher looks for overdue request heads (at least).
constexpr absl::Duration kWatchPeriod = absl::Milliseconds(250);

unsigned long InodeOf(int fd) {
  struct stat st {};
  return ::fstat(fd, &st) == 0 ? static_cast<unsigned long>(st.st_ino) : 0;
}

}  // namespace

HttpDaemon::HttpDaemon(const HttpDaemonOptions& options, MHD_AccessHandlerCallback handler,
                       void* cls)
    : header_deadline_(options.header_deadline),
      busy_header_deadline_(std::min(options.busy_header_deadline, options.header_deadline)),
      max_connections_(static_cast<size_t>(std::max(1, options.max_connections))),
      handler_(handler),
      handler_cls_(cls) {}

absl::StatusOr<std::unique_ptr<HttpDaemon>> HttpDaemon::Start(const std::string& what,
                                                              const HttpDaemonOptions& options,
                                                              MHD_AccessHandlerCallback handler,
                                                              void* cls) {
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
  std::unique_ptr<HttpDaemon> daemon(new HttpDaemon(options, handler, cls));
  const bool tls = !options.tls_cert_pem.empty() && !options.tls_key_pem.empty();
  unsigned int flags = MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_EPOLL;
  if (found->ai_family == AF_INET6) flags |= MHD_USE_IPv6;
  if (tls) flags |= MHD_USE_TLS;
  const unsigned int idle_seconds =
      static_cast<unsigned int>(std::max<int64_t>(1, absl::ToInt64Seconds(options.idle_timeout)));
  std::vector<MHD_OptionItem> items = {
      {MHD_OPTION_SOCK_ADDR, 0, found->ai_addr},
      {MHD_OPTION_THREAD_POOL_SIZE, options.threads, nullptr},
      {MHD_OPTION_CONNECTION_LIMIT, options.max_connections, nullptr},
      {MHD_OPTION_PER_IP_CONNECTION_LIMIT, options.max_connections_per_address, nullptr},
      {MHD_OPTION_CONNECTION_TIMEOUT, idle_seconds, nullptr},
      {MHD_OPTION_CONNECTION_MEMORY_LIMIT, 32 * 1024, nullptr},
      {MHD_OPTION_NOTIFY_CONNECTION, reinterpret_cast<intptr_t>(&HttpDaemon::Notified),
       daemon.get()},
      {MHD_OPTION_NOTIFY_COMPLETED, reinterpret_cast<intptr_t>(&HttpDaemon::Completed),
       daemon.get()},
  };
  if (tls) {
    items.push_back(
        {MHD_OPTION_HTTPS_MEM_CERT, 0, const_cast<char*>(options.tls_cert_pem.c_str())});
    items.push_back({MHD_OPTION_HTTPS_MEM_KEY, 0, const_cast<char*>(options.tls_key_pem.c_str())});
    items.push_back({MHD_OPTION_HTTPS_PRIORITIES, 0, const_cast<char*>(kHttpsPriorities)});
  }
  items.push_back({MHD_OPTION_END, 0, nullptr});
  daemon->daemon_ =
      MHD_start_daemon(flags, static_cast<uint16_t>(port), nullptr, nullptr, &HttpDaemon::Access,
                       daemon.get(), MHD_OPTION_ARRAY, items.data(), MHD_OPTION_END);
  freeaddrinfo(found);
  if (daemon->daemon_ == nullptr) {
    return absl::UnavailableError(absl::StrCat("cannot serve the ", what, " on ", address,
                                               tls ? " (is the address in use, or the TLS key "
                                                     "unreadable?)"
                                                   : " (is the address in use?)"));
  }
  const MHD_DaemonInfo* bound = MHD_get_daemon_info(daemon->daemon_, MHD_DAEMON_INFO_BIND_PORT);
  daemon->port_ = bound != nullptr ? bound->port : 0;
  HttpDaemon* self = daemon.get();
  daemon->watcher_ = std::thread([self] { self->Watch(); });
  return daemon;
}

HttpDaemon::~HttpDaemon() {
  if (daemon_ != nullptr) MHD_stop_daemon(daemon_);
  {
    std::lock_guard<std::mutex> lock(mu_);
    stopping_ = true;
  }
  stop_.notify_all();
  if (watcher_.joinable()) watcher_.join();
}

int64_t HttpDaemon::closed_for_lateness() {
  std::lock_guard<std::mutex> lock(mu_);
  return closed_for_lateness_;
}

MHD_Result HttpDaemon::Access(void* cls, MHD_Connection* connection, const char* url,
                              const char* method, const char* version, const char* upload_data,
                              size_t* upload_data_size, void** con_cls) {
  auto* self = static_cast<HttpDaemon*>(cls);
  {
    // The head is in: the request is being answered.
    std::lock_guard<std::mutex> lock(self->mu_);
    auto it = self->open_.find(connection);
    if (it != self->open_.end()) it->second.awaiting_since = absl::InfiniteFuture();
  }
  return self->handler_(self->handler_cls_, connection, url, method, version, upload_data,
                        upload_data_size, con_cls);
}

void HttpDaemon::Completed(void* cls, MHD_Connection* connection, void**,
                           MHD_RequestTerminationCode) {
  auto* self = static_cast<HttpDaemon*>(cls);
  std::lock_guard<std::mutex> lock(self->mu_);
  auto it = self->open_.find(connection);
  if (it != self->open_.end()) it->second.awaiting_since = absl::Now();  // the next request's
}

void HttpDaemon::Notified(void* cls, MHD_Connection* connection, void**,
                          MHD_ConnectionNotificationCode code) {
  auto* self = static_cast<HttpDaemon*>(cls);
  if (code == MHD_CONNECTION_NOTIFY_STARTED) {
    const MHD_ConnectionInfo* info =
        MHD_get_connection_info(connection, MHD_CONNECTION_INFO_CONNECTION_FD);
    Open open;
    open.fd = info != nullptr ? info->connect_fd : -1;
    open.inode = open.fd >= 0 ? InodeOf(open.fd) : 0;
    open.awaiting_since = absl::Now();
    std::lock_guard<std::mutex> lock(self->mu_);
    self->open_[connection] = open;
  } else {
    // Called before libmicrohttpd closes the socket: the watcher never
    // touches a closed one.
    std::lock_guard<std::mutex> lock(self->mu_);
    self->open_.erase(connection);
  }
}

void HttpDaemon::Watch() {
  std::unique_lock<std::mutex> lock(mu_);
  while (!stopping_) {
    const absl::Time now = absl::Now();
    // Full: others wait in the listen queue for a connection to end.
    const absl::Duration deadline =
        open_.size() >= max_connections_ ? busy_header_deadline_ : header_deadline_;
    absl::Time next = now + kWatchPeriod;
    for (auto& [connection, open] : open_) {
      if (open.awaiting_since == absl::InfiniteFuture() || open.fd < 0) continue;
      const absl::Time due = open.awaiting_since + deadline;
      if (due > now) {
        next = std::min(next, due);
        continue;
      }
      // libmicrohttpd sees the connection end and closes it on its thread.
      if (InodeOf(open.fd) == open.inode) ::shutdown(open.fd, SHUT_RDWR);
      open.fd = -1;
      ++closed_for_lateness_;
    }
    stop_.wait_for(lock, absl::ToChronoMilliseconds(std::max(absl::Milliseconds(10), next - now)),
                   [this] { return stopping_; });
  }
}

}  // namespace trainhub::server
