#include <fcntl.h>
#include <fmt/core.h>
#include <unistd.h>

#include <cstdio>

#include "clients/cli/commands.h"
#include "clients/cli/format.h"
#include "clients/cli/messages.h"
#include "trainhub/v1/certificate.pb.h"
#include "trainhub/v1/series.pb.h"

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

std::optional<size_t> ReceiveFile(
    Context& ctx, std::string& path,
    const std::function<grpc::Status(const std::function<bool(const trainhub::v1::FileChunk&)>&)>&
        receive) {
  const bool to_stdout = path == "-";
  std::string partial;
  int fd = -1;
  bool write_failed = false;
  size_t written = 0;
  grpc::Status status = receive([&](const trainhub::v1::FileChunk& chunk) {
    if (to_stdout) {
      ctx.out() << chunk.data();
      written += chunk.data().size();
      return true;
    }
    if (fd < 0) {
      if (path.empty()) path = chunk.file_name();
      partial = path + ".part";
      fd = ::open(partial.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
      if (fd < 0) return !(write_failed = true);
    }
    size_t done = 0;
    while (done < chunk.data().size()) {
      const ssize_t n = ::write(fd, chunk.data().data() + done, chunk.data().size() - done);
      if (n <= 0) return !(write_failed = true);
      done += static_cast<size_t>(n);
    }
    written += done;
    return true;
  });
  if (fd >= 0) write_failed = ::fsync(fd) != 0 || ::close(fd) != 0 || write_failed;
  const bool complete = status.ok() && !write_failed;
  if (!partial.empty() && (!complete || std::rename(partial.c_str(), path.c_str()) != 0)) {
    std::remove(partial.c_str());
    if (complete) write_failed = true;
  }
  if (write_failed) {
    ctx.err() << msg::kErrorPrefix << fmt::format(msg::kCannotWrite, path) << "\n";
    ctx.exit_code = kExitOther;
    return std::nullopt;
  }
  if (!Check(ctx, status)) return std::nullopt;
  return written;
}

void NameTypedArgument(Context& ctx, const std::string& field, const std::string& typed) {
  constexpr size_t kLongest = 40;
  std::vector<std::string> lines = WrapText(typed, kLongest);
  std::string shown = lines.empty() ? "" : lines.front();
  if (lines.size() > 1) shown += "…";
  ctx.printer().NameArgument(field, "\"" + shown + "\"");
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

bool ReadDay(const std::string& text, trainhub::v1::LocalDate* day) {
  std::string error;
  const std::optional<absl::Time> t = ParseUserTime(text, "--days", &error);
  if (!t) return false;
  const absl::TimeZone::CivilInfo local = LocalZone().At(*t);
  if (local.cs != absl::CivilSecond(absl::CivilDay(local.cs))) return false;
  day->set_year(static_cast<int32_t>(local.cs.year()));
  day->set_month(local.cs.month());
  day->set_day(local.cs.day());
  return true;
}

}  // namespace trainhub::cli
