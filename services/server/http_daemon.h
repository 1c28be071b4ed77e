#ifndef TRAINHUB_SERVICES_SERVER_HTTP_DAEMON_H_
#define TRAINHUB_SERVICES_SERVER_HTTP_DAEMON_H_

// The small HTTP endpoints of trainhubd (verification page, metrics) on
// libmicrohttpd: one place that reads the listen address and bounds
// connections, their memory and their time.
//
// Connections share `threads` event loops (epoll), so a slow client holds a
// connection, never a thread. A client must send each request's head (the
// request line and headers; with TLS also the handshake) within
// `header_deadline` of connecting or of its previous answer, however it
// trickles it in: a watcher closes connections that take longer, and
// while all `max_connections` are open (new ones wait in the listen queue)
// it allows only `busy_header_deadline`, so that slow clients cannot keep
// the others waiting. At most `max_connections_per_address` come from one
// address; more from it are closed at once. A connection idle for
// `idle_timeout` is closed. HTTPS speaks TLS 1.2 and 1.3 only.

#include <microhttpd.h>

#include <condition_variable>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

#include "absl/status/statusor.h"
#include "absl/time/time.h"

namespace trainhub::server {

struct HttpDaemonOptions {
  // "host:port" or "[v6]:port"; port 0 picks a free one.
  std::string listen_address;
  // PEM contents; when both are set the daemon serves HTTPS only.
  std::string tls_cert_pem;
  std::string tls_key_pem;
  int threads = 2;
  int max_connections = 128;
  int max_connections_per_address = 8;
  absl::Duration header_deadline = absl::Seconds(10);
  absl::Duration busy_header_deadline = absl::Seconds(2);
  absl::Duration idle_timeout = absl::Seconds(10);
};

// GnuTLS priorities of the HTTPS endpoints: GnuTLS's NORMAL ciphers over
// TLS 1.2 and 1.3 only (the gRPC port refuses older versions too).
inline constexpr char kHttpsPriorities[] = "NORMAL:-VERS-ALL:+VERS-TLS1.3:+VERS-TLS1.2";

class HttpDaemon {
 public:
  // Starts serving `handler(cls, ...)` on its own threads. `what` names the
  // endpoint in errors ("metrics"). INVALID_ARGUMENT for an address that is
  // not host:port; UNAVAILABLE when it cannot be bound.
  static absl::StatusOr<std::unique_ptr<HttpDaemon>> Start(const std::string& what,
                                                           const HttpDaemonOptions& options,
                                                           MHD_AccessHandlerCallback handler,
                                                           void* cls);
  // Stops serving (requests in flight finish) and the watcher.
  ~HttpDaemon();
  HttpDaemon(const HttpDaemon&) = delete;
  HttpDaemon& operator=(const HttpDaemon&) = delete;

  // The port it listens on.
  int port() const { return port_; }
  // Connections closed so far because their request's head was late.
  int64_t closed_for_lateness();

 private:
  HttpDaemon(const HttpDaemonOptions& options, MHD_AccessHandlerCallback handler, void* cls);

  // libmicrohttpd's callbacks (cls is the HttpDaemon).
  static MHD_Result Access(void* cls, MHD_Connection* connection, const char* url,
                           const char* method, const char* version, const char* upload_data,
                           size_t* upload_data_size, void** con_cls);
  static void Completed(void* cls, MHD_Connection* connection, void** con_cls,
                        MHD_RequestTerminationCode code);
  static void Notified(void* cls, MHD_Connection* connection, void** socket_context,
                       MHD_ConnectionNotificationCode code);
  // Closes connections whose request head is overdue, until stopped.
  void Watch();

  struct Open {
    int fd = -1;
    unsigned long inode = 0;  // of the socket, so that a reused number is never touched
    // Since when the next request's head is awaited; InfiniteFuture while a
    // request is being answered.
    absl::Time awaiting_since;
  };

  const absl::Duration header_deadline_;
  const absl::Duration busy_header_deadline_;
  const size_t max_connections_;
  const MHD_AccessHandlerCallback handler_;
  void* const handler_cls_;
  MHD_Daemon* daemon_ = nullptr;
  int port_ = 0;
  std::mutex mu_;
  std::condition_variable stop_;
  bool stopping_ = false;
  std::map<MHD_Connection*, Open> open_;
  int64_t closed_for_lateness_ = 0;
  std::thread watcher_;
};

}  // namespace trainhub::server

#endif  // TRAINHUB_SERVICES_SERVER_HTTP_DAEMON_H_
