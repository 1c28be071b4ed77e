// trainhub: the command-line client of trainhubd.

#include <CLI/CLI.hpp>

#include "clients/cli/client.h"
#include "clients/cli/commands.h"
#include "clients/cli/messages.h"

int main(int argc, char** argv) {
  using namespace trainhub::cli;
  Context ctx;
  if (const char* server = std::getenv("TRAINHUB_SERVER"); server && *server) {
    ctx.server = server;
  }
  CLI::App app{msg::kAppDescription, "trainhub"};
  app.fallthrough();
  app.require_subcommand(1);
  app.add_option("--server", ctx.server, msg::kServerOption)->capture_default_str();
  app.add_flag("--tls", ctx.tls, msg::kTlsOption)->envname("TRAINHUB_TLS");
  app.add_option("--ca-file", ctx.ca_file, msg::kCaFileOption)
      ->envname("TRAINHUB_CA_FILE")
      ->check(CLI::ExistingFile);
  app.add_option("--output", ctx.output, msg::kOutputOption)
      ->check(CLI::IsMember({"table", "json"}))
      ->capture_default_str();
  AddAccountCommands(app, ctx);
  AddAuditCommands(app, ctx);
  AddOrganizationCommands(app, ctx);
  AddTrainerCommands(app, ctx);
  AddParticipantCommands(app, ctx);
  AddEnrolmentCommands(app, ctx);
  AddSeriesCommands(app, ctx);
  AddModuleCommands(app, ctx);
  AddSessionCommands(app, ctx);
  AddScheduleCommands(app, ctx);
  AddDemoCommands(app, ctx);
  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    app.exit(e);
    return kExitUsage;
  }
  return ctx.exit_code;
}
