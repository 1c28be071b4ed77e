#ifndef TRAINHUB_CLIENTS_CLI_CLIENT_H_
#define TRAINHUB_CLIENTS_CLI_CLIENT_H_

// The CLI's connection to trainhubd. All server access goes through the
// generated stubs held here, by their StubInterface, so that commands can be
// tested with the generated mocks instead of a server. This header names no
// service: a command includes the generated header of the services it calls
// and asks for their stubs by type, stub<trainhub::v1::SeriesService>().

#include <google/protobuf/message.h>
#include <grpcpp/grpcpp.h>
#include <grpcpp/support/sync_stream.h>

#include <iostream>
#include <map>
#include <memory>
#include <string>

#include "clients/cli/printer.h"

namespace trainhub::cli {

class Client {
 public:
  // How to reach the server: plaintext, or TLS with the system's CAs or
  // the CAs of a PEM file.
  struct Transport {
    bool tls = false;
    std::string ca_pem;  // empty: the system's roots
  };
  // Stubs to use instead of those of a channel (tests), by service; those
  // not set are made from the channel when first needed.
  class Stubs {
   public:
    template <typename Service>
    void Set(std::unique_ptr<typename Service::StubInterface> stub) {
      by_service_[Service::service_full_name()] =
          std::shared_ptr<typename Service::StubInterface>(std::move(stub));
    }
    // The stub set for `Service`, or null; owned by this.
    template <typename Service>
    typename Service::StubInterface* Get() const {
      auto it = by_service_.find(Service::service_full_name());
      return it == by_service_.end()
                 ? nullptr
                 : static_cast<typename Service::StubInterface*>(it->second.get());
    }

   private:
    friend class Client;
    // Service name -> its StubInterface (type-erased, deleted as what it is).
    std::map<std::string, std::shared_ptr<void>, std::less<>> by_service_;
  };
  // `token` (may be empty) goes with every call as a bearer token; results
  // and errors go to `printer`, which must outlive the client.
  Client(std::string server, Printer& printer, std::string token, Transport transport,
         Stubs stubs = {});

  const std::string& server() const { return server_; }
  bool json() const { return printer_.json(); }
  Printer& printer() { return printer_; }

  // The channel, for stubs this class does not hold.
  std::shared_ptr<grpc::Channel> channel() { return Channel(); }
  // The stub of `Service` (a generated service class), made from the
  // channel on first use unless one was set in the Stubs; owned by this.
  template <typename Service>
  typename Service::StubInterface& stub() {
    if (auto* set = stubs_.Get<Service>()) return *set;
    stubs_.Set<Service>(Service::NewStub(Channel()));
    return *stubs_.Get<Service>();
  }

  // Calls `method` on `stub` with a deadline. Returns the gRPC status.
  // Text that is not UTF-8 is refused locally (INVALID_ARGUMENT naming
  // the field) instead of being sent.
  template <typename Stub, typename Request, typename Response>
  grpc::Status Call(Stub& stub,
                    grpc::Status (Stub::*method)(grpc::ClientContext*, const Request&, Response*),
                    const Request& request, Response* response) {
    if (grpc::Status bad = CheckUtf8(request); !bad.ok()) return bad;
    grpc::ClientContext context;
    context.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(30));
    AddMetadata(context);
    return (stub.*method)(&context, request, response);
  }

  // Calls the server-streaming `method` and hands each message received, in
  // order, to `sink` (false stops and cancels). A long deadline: a download
  // may take minutes.
  template <typename Stub, typename Request, typename Part, typename Sink>
  grpc::Status Receive(Stub& stub,
                       std::unique_ptr<grpc::ClientReaderInterface<Part>> (Stub::*method)(
                           grpc::ClientContext*, const Request&),
                       const Request& request, Sink&& sink) {
    if (grpc::Status bad = CheckUtf8(request); !bad.ok()) return bad;
    grpc::ClientContext context;
    context.set_deadline(std::chrono::system_clock::now() + std::chrono::minutes(10));
    AddMetadata(context);
    std::unique_ptr<grpc::ClientReaderInterface<Part>> reader = (stub.*method)(&context, request);
    Part part;
    while (reader->Read(&part)) {
      if (!sink(part)) {
        context.TryCancel();
        break;
      }
    }
    return reader->Finish();
  }

  // Prints a failed call readably (see Printer::Report) and returns the
  // exit code for it.
  int Report(const grpc::Status& status) {
    return printer_.Report(status, server_, !token_.empty());
  }

  // Prints `message` as JSON (proto field names, all fields).
  void PrintJson(const google::protobuf::Message& message) { printer_.Json(message); }

 private:
  std::shared_ptr<grpc::Channel> Channel();
  static grpc::Status CheckUtf8(const google::protobuf::Message& request);
  // The token, and the user's language for the server's refusals.
  void AddMetadata(grpc::ClientContext& context) const;

  std::string server_;
  Printer& printer_;
  std::string token_;
  std::string language_;  // from the locale environment; "" for none
  Transport transport_;
  std::shared_ptr<grpc::Channel> channel_;
  Stubs stubs_;
};

// Where `trainhub login` keeps the token: $XDG_CONFIG_HOME/trainhub/token,
// else ~/.config/trainhub/token.
std::string TokenPath();
// The token to send: $TRAINHUB_TOKEN, else the saved one, else "".
std::string LoadToken();
// Saves `token` readable by the user only (file 0600, folder 0700).
bool SaveToken(const std::string& token);
void ForgetToken();

// A fresh random request_id for a create call.
std::string NewRequestId();

// The language the user reads, as an `accept-language` value, from the
// first of LC_ALL, LC_MESSAGES and LANG that is set ("de_DE.UTF-8" ->
// "de-DE"); "" for none or the C/POSIX locale.
std::string UserLanguage();

}  // namespace trainhub::cli

#endif  // TRAINHUB_CLIENTS_CLI_CLIENT_H_
