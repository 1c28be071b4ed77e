#ifndef TRAINHUB_SERVICES_SERVER_HTTP_DAEMON_H_
#define TRAINHUB_SERVICES_SERVER_HTTP_DAEMON_H_

// The small HTTP endpoints of trainhubd (verification page, metrics) on
// libmicrohttpd: one place that reads the listen address and bounds
// connections, their memory and their time.

#include <microhttpd.h>

#include <string>

#include "absl/status/statusor.h"

namespace trainhub::server {

struct HttpDaemonOptions {
  // "host:port" or "[v6]:port"; port 0 picks a free one.
  std::string listen_address;
  // PEM contents; when both are set the daemon serves HTTPS only.
  std::string tls_cert_pem;
  std::string tls_key_pem;
  int threads = 2;
};

// Starts serving `handler(cls, ...)` on its own threads; the caller stops it
// with MHD_stop_daemon. `what` names the endpoint in errors ("metrics").
// INVALID_ARGUMENT for an address that is not host:port; UNAVAILABLE when it
// cannot be bound.
absl::StatusOr<MHD_Daemon*> StartHttpDaemon(const std::string& what,
                                            const HttpDaemonOptions& options,
                                            MHD_AccessHandlerCallback handler, void* cls);

// The port `daemon` listens on.
int BoundPort(MHD_Daemon* daemon);

}  // namespace trainhub::server

#endif  // TRAINHUB_SERVICES_SERVER_HTTP_DAEMON_H_
