#ifndef TRAINHUB_CLIENTS_CLI_PRINTER_H_
#define TRAINHUB_CLIENTS_CLI_PRINTER_H_

// Everything the CLI prints goes through one Printer: results to `out`
// (as tables and lines, or as JSON with --output json), errors, hints and
// notes to `err`. The streams are injected, so commands are tested without
// a terminal.

#include <google/protobuf/message.h>
#include <grpcpp/grpcpp.h>

#include <map>
#include <ostream>
#include <string>

#include "trainhub/v1/common.pb.h"

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
// --allow-overlap" (table in messages.h). A field given as an argument is
// left out before a message that names its object ("series_id: series 9
// does not exist"), and stands as the subject of a bare predicate
// ("serial: is not ..." reads "NUMBER is not ..."). `arguments` maps
// fields to what this command's user typed for them (a file's name, a
// quoted number), used instead of the table.
std::string InCliWords(const std::string& text,
                       const std::map<std::string, std::string>& arguments = {});

// What the server says of one bad field: in the user's language when it
// sent it (the CLI asks for LANG's), else its English.
const std::string& DescriptionOf(const trainhub::v1::ErrorDetails::FieldViolation& violation);

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
  // `server` names the address for UNAVAILABLE; `sent_token` tells a
  // missing login from one that ended (UNAUTHENTICATED).
  int Report(const grpc::Status& status, const std::string& server, bool sent_token = true);

  // How Report names `field` (a request field, e.g. "serial" or "csv") in
  // this command's refusals: what the user typed for it, e.g. "\"ABCD\"" or
  // the file's name.
  void NameArgument(const std::string& field, std::string word) {
    arguments_[field] = std::move(word);
  }

 private:
  OutputFormat format_;
  std::ostream& out_;
  std::ostream& err_;
  std::map<std::string, std::string> arguments_;
};

}  // namespace trainhub::cli

#endif  // TRAINHUB_CLIENTS_CLI_PRINTER_H_
