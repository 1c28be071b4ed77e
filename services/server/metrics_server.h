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

namespace trainhub::server {

class HttpDaemon;

class MetricsServer {
 public:
  // Starts serving `render()` (called on the HTTP threads, must be
  // thread-safe, outlives the server) on "host:port" (port 0: a free one).
  static absl::StatusOr<std::unique_ptr<MetricsServer>> Start(const std::string& listen_address,
                                                              std::function<std::string()> render);
  // Stops serving (in-flight scrapes finish).
  ~MetricsServer();

  int port() const;

 private:
  explicit MetricsServer(std::function<std::string()> render);

  std::function<std::string()> render_;
  std::unique_ptr<HttpDaemon> daemon_;

  friend struct MetricsHandler;
};

}  // namespace trainhub::server

#endif  // TRAINHUB_SERVICES_SERVER_METRICS_SERVER_H_
