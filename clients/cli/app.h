#ifndef TRAINHUB_CLIENTS_CLI_APP_H_
#define TRAINHUB_CLIENTS_CLI_APP_H_

// The trainhub command line: the global options and every command.

#include "clients/cli/commands.h"

namespace trainhub::cli {

// Parses `argv` (argv[0] is the program) and runs the command it names
// with `ctx`; returns the process exit code (see ExitCode). Help and
// usage errors go to `ctx`'s streams.
int Run(Context& ctx, int argc, const char* const* argv);

}  // namespace trainhub::cli

#endif  // TRAINHUB_CLIENTS_CLI_APP_H_
