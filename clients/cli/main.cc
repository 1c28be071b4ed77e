// trainhub: the command-line client of trainhubd.

#include <cstdlib>
#include <iostream>

#include "clients/cli/app.h"

int main(int argc, char** argv) {
  trainhub::cli::Context ctx(std::cout, std::cerr);
  if (const char* server = std::getenv("TRAINHUB_SERVER"); server && *server) {
    ctx.server = server;
  }
  return trainhub::cli::Run(ctx, argc, argv);
}
