#include "server/metrics_server.h"

#include <microhttpd.h>

#include <string>
#include <utility>

#include "server/http_daemon.h"

namespace trainhub::server {

// The request handler, a friend of the server.
struct MetricsHandler {
  static MHD_Result Handle(void* cls, MHD_Connection* connection, const char* url,
                           const char* method, const char* /*version*/, const char* /*upload_data*/,
                           size_t* /*upload_data_size*/, void** /*con_cls*/);
};

namespace {

MHD_Result Send(MHD_Connection* connection, unsigned int code, const std::string& body,
                const char* content_type, const char* allow = nullptr) {
  MHD_Response* response = MHD_create_response_from_buffer(
      body.size(), const_cast<char*>(body.data()), MHD_RESPMEM_MUST_COPY);
  if (response == nullptr) return MHD_NO;
  MHD_add_response_header(response, MHD_HTTP_HEADER_CONTENT_TYPE, content_type);
  MHD_add_response_header(response, MHD_HTTP_HEADER_CACHE_CONTROL, "no-store");
  if (allow != nullptr) MHD_add_response_header(response, MHD_HTTP_HEADER_ALLOW, allow);
  const MHD_Result queued = MHD_queue_response(connection, code, response);
  MHD_destroy_response(response);
  return queued;
}

constexpr char kText[] = "text/plain; charset=utf-8";
constexpr char kExposition[] = "text/plain; version=0.0.4; charset=utf-8";

}  // namespace

MHD_Result MetricsHandler::Handle(void* cls, MHD_Connection* connection, const char* url,
                                  const char* method, const char*, const char*, size_t*, void**) {
  auto* server = static_cast<MetricsServer*>(cls);
  const std::string verb = method;
  if (verb != MHD_HTTP_METHOD_GET && verb != MHD_HTTP_METHOD_HEAD) {
    return Send(connection, MHD_HTTP_METHOD_NOT_ALLOWED, "only GET\n", kText, "GET, HEAD");
  }
  if (std::string(url) != "/metrics") {
    return Send(connection, MHD_HTTP_NOT_FOUND, "not found; the metrics are at /metrics\n", kText);
  }
  return Send(connection, MHD_HTTP_OK, server->render_(), kExposition);
}

absl::StatusOr<std::unique_ptr<MetricsServer>> MetricsServer::Start(
    const std::string& listen_address, std::function<std::string()> render) {
  auto server = std::unique_ptr<MetricsServer>(new MetricsServer(std::move(render)));
  HttpDaemonOptions http;
  http.listen_address = listen_address;
  http.threads = 1;
  absl::StatusOr<std::unique_ptr<HttpDaemon>> daemon =
      HttpDaemon::Start("metrics", http, &MetricsHandler::Handle, server.get());
  if (!daemon.ok()) return daemon.status();
  server->daemon_ = *std::move(daemon);
  return server;
}

MetricsServer::MetricsServer(std::function<std::string()> render) : render_(std::move(render)) {}

MetricsServer::~MetricsServer() = default;

int MetricsServer::port() const { return daemon_->port(); }

}  // namespace trainhub::server
