#ifndef TRAINHUB_SERVICES_SERVER_METRICS_SERVER_H_
#define TRAINHUB_SERVICES_SERVER_METRICS_SERVER_H_

// Serves GET /metrics in Prometheus text format over HTTP (libmicrohttpd),
// for a scraper on the operator's network. No account: bind it to an
// address only the monitoring can reach. It shows counts and timings, never
// personal data.

#include <functional>
#include <memory>
#include <string>

#include "absl/status/statusor.h"

struct MHD_Daemon;

namespace trainhub::server {

class MetricsServer {
 public:
  // Starts serving `render()` (called on the HTTP threads, must be
  // thread-safe, outlives the server) on "host:port" (port 0: a free one).
  static absl::StatusOr<std::unique_ptr<MetricsServer>> Start(const std::string& listen_address,
                                                              std::function<std::string()> render);
  // Stops serving (in-flight scrapes finish).
  ~MetricsServer();

  int port() const { return port_; }

 private:
  explicit MetricsServer(std::function<std::string()> render) : render_(std::move(render)) {}

  std::function<std::string()> render_;
  MHD_Daemon* daemon_ = nullptr;
  int port_ = 0;

  friend struct MetricsHandler;
};

}  // namespace trainhub::server

#endif  // TRAINHUB_SERVICES_SERVER_METRICS_SERVER_H_
