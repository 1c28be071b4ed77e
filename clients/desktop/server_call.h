#ifndef TRAINHUB_CLIENTS_DESKTOP_SERVER_CALL_H_
#define TRAINHUB_CLIENTS_DESKTOP_SERVER_CALL_H_

// One server call in the background (background.h), its reply handed to the
// UI thread: the common case of the windows.

#include <chrono>
#include <functional>
#include <memory>
#include <type_traits>

#include "clients/desktop/background.h"
#include "clients/desktop/connection.h"

namespace trainhub::desktop {

// Calls `method` on the stub `stub_of` picks from `connection` with
// `request` on a worker thread, then `done` with the reply on the UI thread
// unless `receiver` was destroyed meanwhile.
template <typename Stub, typename Request, typename Response>
void CallInBackground(QObject* receiver, std::shared_ptr<Connection> connection,
                      Stub& (Connection::*stub_of)(),
                      grpc::Status (Stub::*method)(grpc::ClientContext*, const Request&, Response*),
                      Request request, std::chrono::seconds deadline,
                      std::type_identity_t<std::function<void(Reply<Response>)>> done) {
  RunInBackground<Reply<Response>>(
      receiver,
      [connection = std::move(connection), stub_of, method, request = std::move(request),
       deadline]() {
        Reply<Response> reply;
        reply.status =
            connection->Call(((*connection).*stub_of)(), method, request, &reply.value, deadline);
        return reply;
      },
      std::move(done));
}

// The same with the usual deadline of 20 seconds.
template <typename Stub, typename Request, typename Response>
void CallInBackground(QObject* receiver, std::shared_ptr<Connection> connection,
                      Stub& (Connection::*stub_of)(),
                      grpc::Status (Stub::*method)(grpc::ClientContext*, const Request&, Response*),
                      Request request,
                      std::type_identity_t<std::function<void(Reply<Response>)>> done) {
  CallInBackground(receiver, std::move(connection), stub_of, method, std::move(request),
                   std::chrono::seconds(20), std::move(done));
}

}  // namespace trainhub::desktop

#endif  // TRAINHUB_CLIENTS_DESKTOP_SERVER_CALL_H_
