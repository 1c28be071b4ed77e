// trainhub: the command-line client of trainhubd.

#include <iostream>

#include "clients/cli/app.h"

int main(int argc, char** argv) {
  trainhub::cli::Context ctx(std::cout, std::cerr);
  return trainhub::cli::Run(ctx, argc, argv);
}
