#ifndef TRAINHUB_CLIENTS_CLI_COMMANDS_H_
#define TRAINHUB_CLIENTS_CLI_COMMANDS_H_

// Registration of the CLI's subcommands. Callbacks run after parsing, set
// Context::exit_code and print results in the chosen output format.

#include <CLI/CLI.hpp>
#include <fstream>
#include <functional>
#include <memory>
#include <optional>
#include <sstream>
#include <string>

#include "clients/cli/client.h"
#include "clients/cli/printer.h"
#include "wire/server_address.h"

namespace trainhub::v1 {
class FileChunk;
class LocalDate;
}  // namespace trainhub::v1

namespace trainhub::cli {

// What the commands share: the global options, the printer, the client and
// the exit code. Commands print only through printer() (or out()/err()).
class Context {
 public:
  // Prints to `out` and `err`, which must outlive the context; `stubs`
  // (tests) replace those the client would make from its channel.
  explicit Context(std::ostream& out = std::cout, std::ostream& err = std::cerr,
                   Client::Stubs stubs = {})
      : out_(out), err_(err), stubs_(std::move(stubs)) {}

  std::string server = "127.0.0.1:50051";
  std::string output = "table";
  bool tls = false;
  std::string ca_file;  // implies tls
  int exit_code = kExitOk;
  // Where interactive commands (attendance take) read answers.
  std::istream* in = &std::cin;

  // Created on first use, after the global options are parsed.
  Printer& printer() {
    if (!printer_) {
      printer_ = std::make_unique<Printer>(
          output == "json" ? OutputFormat::kJson : OutputFormat::kTable, out_, err_);
    }
    return *printer_;
  }
  std::ostream& out() { return printer().out(); }
  std::ostream& err() { return printer().err(); }
  // The streams before the options are parsed (help, usage errors).
  std::ostream& raw_out() { return out_; }
  std::ostream& raw_err() { return err_; }

  Client& client() {
    if (!client_) {
      Client::Transport transport;
      transport.tls = tls || !ca_file.empty();
      if (!ca_file.empty()) {
        std::ifstream in(ca_file, std::ios::binary);
        std::stringstream pem;
        pem << in.rdbuf();
        transport.ca_pem = pem.str();
      }
      // The address as typed is checked when the options are read.
      client_ = std::make_unique<Client>(wire::ServerTarget(server).value_or(server), printer(),
                                         LoadToken(), std::move(transport), std::move(stubs_));
    }
    return *client_;
  }

 private:
  std::ostream& out_;
  std::ostream& err_;
  Client::Stubs stubs_;
  std::unique_ptr<Printer> printer_;
  std::unique_ptr<Client> client_;
};

// Paging options shared by list commands.
struct Paging {
  int page_size = 0;  // 0: fetch all pages
  std::string page_token;
  void AddTo(CLI::App* command);
};

// Calls `fetch(token, &next)` for one page when `paging.page_size` is set
// (printing the next token hint to `hints`), else for all pages. Stops at
// the first error and returns it.
grpc::Status ForEachPage(std::ostream& hints, const Paging& paging,
                         const std::function<grpc::Status(const std::string& token, int page_size,
                                                          std::string* next)>& fetch);

// Every page of a List call (or the one page `paging` asks for) into `all`:
// `request` with page size and token set per page, the pages' items
// appended, `all`'s next_page_token that of the last page fetched.
template <typename Stub, typename Request, typename Response>
grpc::Status ListAll(Client& c, Stub& stub,
                     grpc::Status (Stub::*method)(grpc::ClientContext*, const Request&, Response*),
                     Request request, const Paging& paging, Response* all) {
  return ForEachPage(
      c.printer().err(), paging, [&](const std::string& token, int size, std::string* next) {
        request.set_page_size(size);
        request.set_page_token(token);
        Response page;
        grpc::Status status = c.Call(stub, method, request, &page);
        *next = page.next_page_token();
        all->MergeFrom(page);
        all->set_next_page_token(*next);  // MergeFrom keeps a token over an empty one
        return status;
      });
}

// Receives a streamed file through `receive` (which hands each part to its
// argument, false stopping it) into `path`: when empty the name the first
// part gives, "-" standard output. Writes PATH.part (0600) and renames it
// only when complete. Reports errors (setting ctx.exit_code) and returns the
// bytes written, or nullopt after an error.
std::optional<size_t> ReceiveFile(
    Context& ctx, std::string& path,
    const std::function<grpc::Status(const std::function<bool(const trainhub::v1::FileChunk&)>&)>&
        receive);

// This command's refusals name `field` (a request field such as "serial")
// by what the user typed for it, quoted (and shortened when long): "\"ABCD\"
// is not a certificate number" instead of a bare predicate.
void NameTypedArgument(Context& ctx, const std::string& field, const std::string& typed);

// Sets ctx.exit_code from a status (reporting errors); true when OK.
bool Check(Context& ctx, const grpc::Status& status);
// Reports a usage problem found before calling the server.
void UsageError(Context& ctx, const std::string& message);
// A day the user typed, in any date form ParseUserTime reads ("2020-05-14",
// "14.05.2020", ...); false for anything else, a time of day included.
bool ReadDay(const std::string& text, trainhub::v1::LocalDate* day);

void AddAccountCommands(CLI::App& app, Context& ctx);
void AddAuditCommands(CLI::App& app, Context& ctx);
void AddAdminCommands(CLI::App& app, Context& ctx);
void AddParticipantCommands(CLI::App& app, Context& ctx);
void AddEnrolmentCommands(CLI::App& app, Context& ctx);
void AddAttendanceCommands(CLI::App& app, Context& ctx);
void AddCompletionCommands(CLI::App& app, Context& ctx);
void AddCertificateCommands(CLI::App& app, Context& ctx);
void AddCheckInCommand(CLI::App& app, Context& ctx);
void AddOrganizationCommands(CLI::App& app, Context& ctx);
void AddTrainerCommands(CLI::App& app, Context& ctx);
void AddSeriesCommands(CLI::App& app, Context& ctx);
void AddModuleCommands(CLI::App& app, Context& ctx);
void AddSessionCommands(CLI::App& app, Context& ctx);
void AddScheduleCommands(CLI::App& app, Context& ctx);
void AddDemoCommands(CLI::App& app, Context& ctx);
void AddReportCommands(CLI::App& app, Context& ctx);
void AddPrivacyCommands(CLI::App& app, Context& ctx);

}  // namespace trainhub::cli

#endif  // TRAINHUB_CLIENTS_CLI_COMMANDS_H_
