// trainhub privacy export: what trainhub holds about one person (GDPR).

#include <fmt/core.h>

#include "clients/cli/commands.h"
#include "clients/cli/messages.h"

namespace trainhub::cli {
namespace {

namespace v1 = ::trainhub::v1;
using Stub = v1::PrivacyService::StubInterface;

void AddExport(CLI::App* privacy, Context& ctx) {
  auto* cmd = privacy->add_subcommand("export", msg::kPrivacyExportHelp);
  struct Options {
    int64_t participant = 0;
    std::string file;
    std::string format;
  };
  auto o = std::make_shared<Options>();
  cmd->add_option("participant", o->participant, msg::kParticipantIdArg);
  cmd->add_option("-o,--out", o->file, msg::kPrivacyOutOption);
  cmd->add_option("--format", o->format, msg::kPrivacyFormatOption)
      ->check(CLI::IsMember({"json", "zip"}));
  cmd->callback([&ctx, o] {
    std::string format = o->format;
    if (format.empty() && o->file.size() > 4 &&
        o->file.compare(o->file.size() - 4, 4, ".zip") == 0) {
      format = "zip";
    }
    v1::ExportPersonalDataRequest request;
    request.set_participant_id(o->participant);
    request.set_format(format == "zip" ? v1::PERSONAL_DATA_FORMAT_ZIP
                                       : v1::PERSONAL_DATA_FORMAT_JSON);
    std::string path = o->file;
    auto& c = ctx.client();
    const std::optional<size_t> written = ReceiveFile(ctx, path, [&](const auto& sink) {
      return c.Receive(c.privacy(), &Stub::ExportPersonalData, request, sink);
    });
    if (!written) return;
    if (path != "-") ctx.err() << fmt::format(msg::kWroteBytes, path, *written) << "\n";
  });
}

}  // namespace

void AddPrivacyCommands(CLI::App& app, Context& ctx) {
  auto* privacy = app.add_subcommand("privacy", msg::kPrivacyHelp);
  privacy->require_subcommand(1);
  AddExport(privacy, ctx);
}

}  // namespace trainhub::cli
