// MaildirTransport (maildir_transport.h).

#include "mail/maildir_transport.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstring>
#include <string>
#include <utility>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "mail/mime_message.h"

namespace trainhub::mail {
namespace {

namespace fs = std::filesystem;
using Outcome = domain::MailResult::Outcome;

// Makes Maildir names unique within the process (with the pid, the host).
std::atomic<unsigned long> mail_counter{0};

absl::Status SystemError(absl::string_view what, const fs::path& path) {
  return absl::UnavailableError(absl::StrCat(what, " ", path.string(), ": ", std::strerror(errno)));
}

// Creates `dir` and its missing parents, each 0700.
absl::Status MakeFolders(const fs::path& dir) {
  fs::path prefix;
  for (const fs::path& part : dir) {
    prefix /= part;
    if (::mkdir(prefix.c_str(), 0700) != 0 && errno != EEXIST) {
      return SystemError("cannot create the folder", prefix);
    }
  }
  return absl::OkStatus();
}

// The host part of a Maildir name: "/" and ":" written as the convention says.
std::string HostPart() {
  char host[256] = {};
  if (::gethostname(host, sizeof(host) - 1) != 0 || host[0] == '\0') return "localhost";
  return absl::StrReplaceAll(host, {{"/", "\\057"}, {":", "\\072"}});
}

absl::Status SyncFolder(const fs::path& dir) {
  const int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return SystemError("cannot open the folder", dir);
  const int synced = ::fsync(fd);
  ::close(fd);
  return synced == 0 ? absl::OkStatus() : SystemError("cannot flush the folder", dir);
}

// Writes `bytes` to a new file `path` (0600) and flushes it to disk.
absl::Status WriteNewFile(const fs::path& path, const std::string& bytes) {
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0) return SystemError("cannot create", path);
  size_t written = 0;
  while (written < bytes.size()) {
    const ssize_t n = ::write(fd, bytes.data() + written, bytes.size() - written);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) break;
    written += static_cast<size_t>(n);
  }
  const bool ok = written == bytes.size() && ::fsync(fd) == 0;
  const absl::Status status = ok ? absl::OkStatus() : SystemError("cannot write", path);
  ::close(fd);
  if (!ok) ::unlink(path.c_str());
  return status;
}

absl::StatusOr<fs::path> WriteToMaildir(const fs::path& dir, const std::string& name,
                                        const std::string& bytes) {
  for (const char* folder : {"tmp", "new", "cur"}) {
    if (absl::Status status = MakeFolders(dir / folder); !status.ok()) return status;
  }
  const fs::path temporary = dir / "tmp" / name;
  const fs::path final_path = dir / "new" / name;
  if (absl::Status status = WriteNewFile(temporary, bytes); !status.ok()) return status;
  if (::rename(temporary.c_str(), final_path.c_str()) != 0) {
    absl::Status status = SystemError("cannot move the mail into", dir / "new");
    ::unlink(temporary.c_str());
    return status;
  }
  if (absl::Status status = SyncFolder(dir / "new"); !status.ok()) return status;
  return final_path;
}

domain::MailResult Result(Outcome outcome, std::string answer) {
  domain::MailResult result;
  result.outcome = outcome;
  result.answer = std::move(answer);
  return result;
}

}  // namespace

MaildirTransport::MaildirTransport(fs::path dir) : dir_(std::move(dir)) {}

std::string MaildirTransport::Describe() const { return "maildir " + dir_.string(); }

std::vector<domain::MailResult> MaildirTransport::Send(const std::vector<domain::Mail>& batch) {
  std::vector<domain::MailResult> results;
  results.reserve(batch.size());
  for (const domain::Mail& mail : batch) results.push_back(Deliver(mail));
  return results;
}

domain::MailResult MaildirTransport::Deliver(const domain::Mail& mail) {
  absl::StatusOr<std::string> bytes = BuildMimeMessage(mail);
  if (!bytes.ok()) return Result(Outcome::kPermanent, std::string(bytes.status().message()));
  timeval now{};
  ::gettimeofday(&now, nullptr);
  const std::string name = absl::StrCat(now.tv_sec, ".M", now.tv_usec, "P", ::getpid(), "Q",
                                        ++mail_counter, ".", HostPart(), ".eml");
  absl::StatusOr<fs::path> path = WriteToMaildir(dir_, name, *bytes);
  if (!path.ok()) return Result(Outcome::kTemporary, std::string(path.status().message()));
  return Result(Outcome::kDelivered, "written to " + path->string());
}

}  // namespace trainhub::mail
