#ifndef TRAINHUB_CLIENTS_CLI_PRINTER_H_
#define TRAINHUB_CLIENTS_CLI_PRINTER_H_

// Everything the CLI prints goes through one Printer: results to `out`
// (as tables and lines, or as JSON with --output json), errors, hints and
// notes to `err`. The streams are injected, so commands are tested without
// a terminal.

#include <google/protobuf/message.h>
#include <grpcpp/grpcpp.h>

#include <ostream>
#include <string>

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

// Message as JSON text (proto field names, all fields printed).
std::string ToJson(const google::protobuf::Message& message);

class Printer {
 public:
  // The streams must outlive the printer.
  Printer(OutputFormat format, std::ostream& out, std::ostream& err)
      : format_(format), out_(out), err_(err) {}

  bool json() const { return format_ == OutputFormat::kJson; }
  // Results.
  std::ostream& out() { return out_; }
  // Errors, hints, prompts and notes: never part of a result.
  std::ostream& err() { return err_; }

  // `message` as one line of JSON on `out`.
  void Json(const google::protobuf::Message& message);

  // A failed call, readably on `err` (message, each offending field in the
  // CLI's words, a conflicting session), and the exit code for it.
  // `server` names the address for UNAVAILABLE.
  int Report(const grpc::Status& status, const std::string& server);

 private:
  OutputFormat format_;
  std::ostream& out_;
  std::ostream& err_;
};

}  // namespace trainhub::cli

#endif  // TRAINHUB_CLIENTS_CLI_PRINTER_H_
