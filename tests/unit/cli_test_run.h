#ifndef TRAINHUB_TESTS_UNIT_CLI_TEST_RUN_H_
#define TRAINHUB_TESTS_UNIT_CLI_TEST_RUN_H_

// Runs the trainhub CLI in-process for tests: with the given (mock) stubs,
// printing into the given streams and reading answers from `input`.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <memory>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

#include "clients/cli/app.h"

namespace trainhub::cli {

// `trainhub <args>`; its exit code. `stubs` is moved from.
inline int RunCli(std::vector<std::string> args, Client::Stubs& stubs, std::ostream& out,
                  std::ostream& err, const std::string& input = "") {
  args.insert(args.begin(), "trainhub");
  std::vector<const char*> argv;
  for (const std::string& a : args) argv.push_back(a.c_str());
  std::istringstream in(input);
  Context ctx(out, err, std::move(stubs));
  ctx.in = &in;
  return Run(ctx, static_cast<int>(argv.size()), argv.data());
}

// `printed` with the lines the CLI wrapped at 80 columns joined again (a
// line break and the indentation that follows become one space), for
// checking a sentence whatever the width of the values in it.
inline std::string Unwrapped(const std::string& printed) {
  static const std::regex kBreak("\n +");
  return std::regex_replace(printed, kBreak, " ");
}

// A test of CLI commands against generated mock stubs: Mock<Service,
// MockStub>() puts a strict mock in place of a service, Run() runs
// `trainhub <args>` with the mocks in place, out_ and err_ get what it
// printed.
class CliTest : public ::testing::Test {
 protected:
  // A fresh strict mock of `Service`, replacing the one before; stubs_ owns
  // it until the next Run().
  template <typename Service, typename MockStub>
  MockStub* Mock() {
    auto mock = std::make_unique<::testing::StrictMock<MockStub>>();
    MockStub* in_place = mock.get();
    stubs_.Set<Service>(std::move(mock));
    return in_place;
  }

  // `trainhub <args>` reading answers from `input`; its exit code.
  int Run(std::vector<std::string> args, const std::string& input = "") {
    return RunCli(std::move(args), stubs_, out_, err_, input);
  }

  Client::Stubs stubs_;
  std::ostringstream out_, err_;
};

}  // namespace trainhub::cli

#endif  // TRAINHUB_TESTS_UNIT_CLI_TEST_RUN_H_
