#include "clients/cli/app.h"

#include <fmt/core.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <cstdlib>
#include <string>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "clients/cli/commands.h"
#include "clients/cli/messages.h"
#include "wire/server_address.h"

namespace trainhub::cli {

namespace {

size_t EditDistance(const std::string& a, const std::string& b) {
  std::vector<size_t> row(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    size_t diagonal = row[0];
    row[0] = i;
    for (size_t j = 1; j <= b.size(); ++j) {
      const size_t above = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diagonal = above;
    }
  }
  return row[b.size()];
}

// The message for a command word that is not one (with the nearest known
// one), or "" when every command word on the line is known.
std::string UnknownCommand(CLI::App& app, int argc, const char* const* argv) {
  CLI::App* current = &app;
  std::string path = "trainhub";
  for (int i = 1; i < argc; ++i) {
    const std::string word = argv[i];
    if (word.rfind("-", 0) == 0) {
      // Skip an option's value ("--server HOST").
      const CLI::Option* option = current->get_option_no_throw(word);
      if (option != nullptr && option->get_type_size() != 0 &&
          word.find('=') == std::string::npos) {
        ++i;
      }
      continue;
    }
    const auto commands = current->get_subcommands([](CLI::App*) { return true; });
    if (commands.empty()) return "";
    CLI::App* next = nullptr;
    std::string nearest;
    size_t best = std::string::npos;
    for (CLI::App* command : commands) {
      if (command->check_name(word)) next = command;
      const size_t distance = EditDistance(word, command->get_name());
      if (distance < best) {
        best = distance;
        nearest = command->get_name();
      }
    }
    if (next == nullptr) {
      return best <= std::max<size_t>(2, word.size() / 3)
                 ? fmt::format(msg::kUnknownCommandNear, path, word, path, nearest)
                 : fmt::format(msg::kUnknownCommand, path, word, path);
    }
    current = next;
    path += " " + current->get_name();
  }
  return "";
}

// The word for a positional argument in messages, as the docs write it
// ("series show ID" says SERIES): its name in capitals, and for a plain "id"
// the noun of the command it belongs to.
std::string ArgumentWord(const CLI::Option& option, const CLI::App& command) {
  static const std::pair<const char*, const char*> kNouns[] = {
      {"series", "SERIES"},       {"session", "SESSION"}, {"module", "MODULE"},
      {"org", "ORGANISATION"},    {"trainer", "TRAINER"}, {"participant", "PARTICIPANT"},
      {"enrolment", "ENROLMENT"}, {"account", "ACCOUNT"}};
  if (option.get_name() != "id") return absl::AsciiStrToUpper(option.get_name());
  for (const CLI::App* app = &command; app != nullptr; app = app->get_parent()) {
    for (const auto& [name, word] : kNouns) {
      if (app->get_name() == name) return word;
    }
  }
  return "ID";
}

// Numbers the user types are read by the CLI before anything is sent: a
// word that is not a whole number gets a message naming the argument the
// way the docs do (an id argument must also be positive), instead of
// CLI11's "Could not convert: id = abc". The message goes to
// `usage_message` (CLI11 prefixes its own name to a validator's text).
void CheckNumbers(CLI::App& command, std::string& usage_message) {
  for (CLI::Option* option : command.get_options()) {
    if (option->get_type_name() != "INT") continue;
    const bool argument = option->get_positional() && !option->nonpositional();
    const std::string word = argument                        ? ArgumentWord(*option, command)
                             : !option->get_lnames().empty() ? "--" + option->get_lnames().front()
                                                             : option->get_name();
    option->check(CLI::Validator(
        [argument, word, &usage_message](std::string& value) -> std::string {
          int64_t number = 0;
          const std::string text(absl::StripAsciiWhitespace(value));
          const bool is_number = absl::SimpleAtoi(text, &number);
          if (is_number && (!argument || number > 0)) return "";
          const char* says = !argument   ? msg::kNotANumber
                             : is_number ? msg::kNotAPositiveId
                                         : msg::kNotAnId;
          usage_message = fmt::format(fmt::runtime(says), word, value);
          return usage_message;
        },
        ""));
  }
  for (CLI::App* sub : command.get_subcommands([](CLI::App*) { return true; })) {
    CheckNumbers(*sub, usage_message);
  }
}

}  // namespace

int Run(Context& ctx, int argc, const char* const* argv) {
  CLI::App app{msg::kAppDescription, "trainhub"};
  app.fallthrough();
  app.require_subcommand(1);
  std::string usage_message;
  app.add_option("--server", ctx.server, msg::kServerOption)
      ->capture_default_str()
      ->envname(msg::kServerEnvName)
      ->check(CLI::Validator(
          [&usage_message](std::string& value) -> std::string {
            if (wire::ServerTarget(value)) return "";
            usage_message = fmt::format(msg::kBadServer, value);
            return usage_message;
          },
          "HOST[:PORT]"));
  app.add_flag("--tls", ctx.tls, msg::kTlsOption)->envname("TRAINHUB_TLS");
  app.add_option("--ca-file", ctx.ca_file, msg::kCaFileOption)
      ->envname("TRAINHUB_CA_FILE")
      ->check(CLI::ExistingFile);
  app.add_option("--output", ctx.output, msg::kOutputOption)
      ->check(CLI::IsMember({"table", "json"}))
      ->capture_default_str();
  AddAccountCommands(app, ctx);
  AddAuditCommands(app, ctx);
  AddAdminCommands(app, ctx);
  AddOrganizationCommands(app, ctx);
  AddTrainerCommands(app, ctx);
  AddParticipantCommands(app, ctx);
  AddEnrolmentCommands(app, ctx);
  AddAttendanceCommands(app, ctx);
  AddCompletionCommands(app, ctx);
  AddCertificateCommands(app, ctx);
  AddReportCommands(app, ctx);
  AddPrivacyCommands(app, ctx);
  AddCheckInCommand(app, ctx);
  AddSeriesCommands(app, ctx);
  AddModuleCommands(app, ctx);
  AddSessionCommands(app, ctx);
  AddScheduleCommands(app, ctx);
  AddDemoCommands(app, ctx);
  CheckNumbers(app, usage_message);
  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e, ctx.raw_out(), ctx.raw_err());
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e, ctx.raw_out(), ctx.raw_err());
  } catch (const CLI::ParseError& e) {
    if (!usage_message.empty()) {
      ctx.raw_err() << msg::kErrorPrefix << usage_message << "\n";
      return kExitUsage;
    }
    if (const std::string unknown = UnknownCommand(app, argc, argv); !unknown.empty()) {
      ctx.raw_err() << msg::kErrorPrefix << unknown << "\n";
      return kExitUsage;
    }
    app.exit(e, ctx.raw_out(), ctx.raw_err());
    return kExitUsage;
  }
  return ctx.exit_code;
}

}  // namespace trainhub::cli
