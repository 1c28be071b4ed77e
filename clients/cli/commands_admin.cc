// trainhub admin: running the installation (admins only).

#include <fmt/core.h>

#include "clients/cli/commands.h"
#include "clients/cli/messages.h"
#include "trainhub/v1/admin.grpc.pb.h"

namespace trainhub::cli {

namespace v1 = trainhub::v1;

void AddAdminCommands(CLI::App& app, Context& ctx) {
  auto* admin = app.add_subcommand("admin", msg::kAdminCommand);
  admin->require_subcommand(1);
  auto* backup = admin->add_subcommand("backup", msg::kAdminBackup);
  auto file = std::make_shared<std::string>();
  backup->add_option("file", *file, msg::kBackupFileArg)->required();
  backup->callback([&ctx, file] {
    std::string path = *file;
    auto& c = ctx.client();
    const std::optional<size_t> written = ReceiveFile(ctx, path, [&](const auto& sink) {
      return c.Receive(c.stub<v1::AdminService>(), &v1::AdminService::StubInterface::BackupDatabase,
                       v1::BackupDatabaseRequest(), sink);
    });
    if (!written) return;
    if (path != "-") ctx.err() << fmt::format(msg::kBackupWritten, path, *written) << "\n";
  });
}

}  // namespace trainhub::cli
