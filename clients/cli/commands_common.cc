#include <fmt/core.h>

#include "clients/cli/commands.h"
#include "clients/cli/messages.h"

namespace trainhub::cli {

void Paging::AddTo(CLI::App* command) {
  command->add_option("--page-size", page_size, msg::kPageSizeOption)->check(CLI::Range(1, 500));
  command->add_option("--page-token", page_token, msg::kPageTokenOption);
}

grpc::Status ForEachPage(
    std::ostream& hints, const Paging& paging,
    const std::function<grpc::Status(const std::string&, int, std::string*)>& fetch) {
  std::string token = paging.page_token;
  for (;;) {
    std::string next;
    grpc::Status status = fetch(token, paging.page_size == 0 ? 500 : paging.page_size, &next);
    if (!status.ok()) return status;
    if (next.empty()) return status;
    if (paging.page_size != 0) {
      hints << fmt::format(msg::kNextPageHint, next) << "\n";
      return status;
    }
    token = next;
  }
}

bool Check(Context& ctx, const grpc::Status& status) {
  if (status.ok()) return true;
  ctx.exit_code = ctx.client().Report(status);
  return false;
}

void UsageError(Context& ctx, const std::string& message) {
  ctx.err() << msg::kErrorPrefix << message << "\n";
  ctx.exit_code = kExitUsage;
}

}  // namespace trainhub::cli
