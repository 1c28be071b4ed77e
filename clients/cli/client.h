#ifndef TRAINHUB_CLIENTS_CLI_CLIENT_H_
#define TRAINHUB_CLIENTS_CLI_CLIENT_H_

// The CLI's connection to trainhubd and its error reporting. All server
// access goes through the generated stubs held here.

#include <google/protobuf/message.h>
#include <grpcpp/grpcpp.h>

#include <iostream>
#include <memory>
#include <string>

#include "trainhub/v1/account.grpc.pb.h"
#include "trainhub/v1/audit.grpc.pb.h"
#include "trainhub/v1/organization.grpc.pb.h"
#include "trainhub/v1/participant.grpc.pb.h"
#include "trainhub/v1/schedule.grpc.pb.h"
#include "trainhub/v1/series.grpc.pb.h"
#include "trainhub/v1/trainer.grpc.pb.h"

namespace trainhub::cli {

// Process exit codes (documented in docs/cli.md).
enum ExitCode {
  kExitOk = 0,
  kExitOther = 1,
  kExitUsage = 2,
  kExitRejected = 3,  // INVALID_ARGUMENT, FAILED_PRECONDITION, ALREADY_EXISTS, ...
  kExitNotFound = 4,
  kExitUnreachable = 5,  // UNAVAILABLE, DEADLINE_EXCEEDED
  kExitDenied = 6,       // UNAUTHENTICATED, PERMISSION_DENIED
};

enum class OutputFormat { kTable, kJson };

// `text` from the server with its request field names put the way the
// command line says them: "session.end_time: must be after start_time" reads
// "--end: must be after --start", "set allow_overlap" reads "pass
// --allow-overlap" (table in messages.h).
std::string InCliWords(const std::string& text);

class Client {
 public:
  // How to reach the server: plaintext, or TLS with the system's CAs or
  // the CAs of a PEM file.
  struct Transport {
    bool tls = false;
    std::string ca_pem;  // empty: the system's roots
  };
  // `token` (may be empty) goes with every call as a bearer token.
  Client(std::string server, OutputFormat format, std::string token, Transport transport);

  const std::string& server() const { return server_; }
  bool json() const { return format_ == OutputFormat::kJson; }

  // The channel, for stubs this class does not hold.
  std::shared_ptr<grpc::Channel> channel() { return Channel(); }
  trainhub::v1::AccountService::Stub& accounts();
  trainhub::v1::OrganizationService::Stub& organizations();
  trainhub::v1::TrainerService::Stub& trainers();
  trainhub::v1::SeriesService::Stub& series();
  trainhub::v1::ScheduleService::Stub& schedule();

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
    if (!token_.empty()) context.AddMetadata("authorization", "Bearer " + token_);
    return (stub.*method)(&context, request, response);
  }

  // Prints a failed call readably to stderr (message, each offending field,
  // a conflicting session) and returns the exit code for it.
  int Report(const grpc::Status& status) const;

  // Prints `message` as JSON (proto field names, all fields) to stdout.
  void PrintJson(const google::protobuf::Message& message) const;

 private:
  std::shared_ptr<grpc::Channel> Channel();
  static grpc::Status CheckUtf8(const google::protobuf::Message& request);

  std::string server_;
  OutputFormat format_;
  std::string token_;
  Transport transport_;
  std::unique_ptr<trainhub::v1::AccountService::Stub> accounts_;
  std::shared_ptr<grpc::Channel> channel_;
  std::unique_ptr<trainhub::v1::OrganizationService::Stub> organizations_;
  std::unique_ptr<trainhub::v1::TrainerService::Stub> trainers_;
  std::unique_ptr<trainhub::v1::SeriesService::Stub> series_;
  std::unique_ptr<trainhub::v1::ScheduleService::Stub> schedule_;
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

// Message as JSON text (proto field names, all fields printed).
std::string ToJson(const google::protobuf::Message& message);

}  // namespace trainhub::cli

#endif  // TRAINHUB_CLIENTS_CLI_CLIENT_H_
