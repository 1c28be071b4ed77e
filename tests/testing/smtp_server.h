// The test SMTP server (tests/testing/smtp_server.py, Debian's aiosmtpd)
// as a process a test starts and reads, and read_mail.py's view of a
// received message. Needs TRAINHUB_SOURCE_DIR (every e2e test has it) and
// nlohmann_json.

#ifndef TRAINHUB_TESTS_TESTING_SMTP_SERVER_H_
#define TRAINHUB_TESTS_TESTING_SMTP_SERVER_H_

#include <fcntl.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <regex>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

extern char** environ;

namespace trainhub::testing {

inline constexpr char kDebianPython[] = "/usr/bin/python3";  // the one with aiosmtpd

inline std::string FileText(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

// Runs `argv` with standard output and error to `log`; returns the pid.
inline pid_t SpawnLogged(const std::vector<std::string>& argv, const std::filesystem::path& log) {
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 1, log.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  posix_spawn_file_actions_adddup2(&actions, 1, 2);
  posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
  std::vector<char*> args;
  for (const std::string& a : argv) args.push_back(const_cast<char*>(a.c_str()));
  args.push_back(nullptr);
  pid_t pid = 0;
  EXPECT_EQ(posix_spawn(&pid, args[0], &actions, nullptr, args.data(), environ), 0);
  posix_spawn_file_actions_destroy(&actions);
  return pid;
}

// What read_mail.py (Python's email package) makes of `eml`; see its header.
inline nlohmann::json ReadMail(const std::filesystem::path& eml) {
  const std::filesystem::path out = eml.string() + ".read.json";
  const pid_t pid = SpawnLogged(
      {kDebianPython, TRAINHUB_SOURCE_DIR "/tests/testing/read_mail.py", eml.string()}, out);
  int status = 0;
  waitpid(pid, &status, 0);
  const std::string text = FileText(out);
  std::filesystem::remove(out);
  EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << text;
  return nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
}

// smtp_server.py started with `args` (its command line: --user, --reply,
// --tls, ...), storing what it receives in `folder`; stopped (SIGTERM) when
// destroyed.
class SmtpServerProcess {
 public:
  SmtpServerProcess(const std::filesystem::path& folder, const std::vector<std::string>& args)
      : folder_(folder), log_(folder.string() + ".log") {
    std::vector<std::string> argv = {kDebianPython,
                                     TRAINHUB_SOURCE_DIR "/tests/testing/smtp_server.py", "--dir",
                                     folder.string()};
    argv.insert(argv.end(), args.begin(), args.end());
    pid_ = SpawnLogged(argv, log_);
    const std::regex port_line(R"(^port (\d+)$)", std::regex::multiline);
    const std::regex certificate_line(R"(^certificate (\S+)$)", std::regex::multiline);
    for (int i = 0; i < 400 && port_ == 0; ++i) {
      std::this_thread::sleep_for(std::chrono::milliseconds(25));
      const std::string log = FileText(log_);
      std::smatch match;
      if (std::regex_search(log, match, certificate_line)) certificate_ = match[1].str();
      if (std::regex_search(log, match, port_line)) port_ = std::stoi(match[1].str());
    }
    EXPECT_NE(port_, 0) << "smtp_server.py did not start:\n" << FileText(log_);
  }
  ~SmtpServerProcess() { Stop(); }
  SmtpServerProcess(const SmtpServerProcess&) = delete;
  SmtpServerProcess& operator=(const SmtpServerProcess&) = delete;

  void Stop() {
    if (pid_ <= 0) return;
    kill(pid_, SIGTERM);
    waitpid(pid_, nullptr, 0);
    pid_ = 0;
  }

  int port() const { return port_; }
  // The CA file a client trusts (empty with --tls none).
  const std::string& certificate() const { return certificate_; }
  std::string log() const { return FileText(log_); }

  // The received messages (NNNNNN.eml), in the order they arrived.
  std::vector<std::filesystem::path> Messages() const {
    std::vector<std::filesystem::path> found;
    if (!std::filesystem::exists(folder_)) return found;
    for (const auto& entry : std::filesystem::directory_iterator(folder_)) {
      if (std::regex_match(entry.path().filename().string(), std::regex(R"(\d{6}\.eml)"))) {
        found.push_back(entry.path());
      }
    }
    std::sort(found.begin(), found.end());
    return found;
  }

  // The envelope the server saved beside `eml` (connection, mail_from,
  // rcpt_tos, tls, auth_user).
  static nlohmann::json Envelope(const std::filesystem::path& eml) {
    std::filesystem::path facts = eml;
    return nlohmann::json::parse(FileText(facts.replace_extension(".json")));
  }

  // How many connections the server accepted.
  int ConnectionsOpened() const {
    std::istringstream lines(FileText(folder_ / "connections.jsonl"));
    int opened = 0;
    for (std::string line; std::getline(lines, line);) {
      opened += nlohmann::json::parse(line).value("event", "") == "open";
    }
    return opened;
  }

 private:
  std::filesystem::path folder_;
  std::filesystem::path log_;
  pid_t pid_ = 0;
  int port_ = 0;
  std::string certificate_;
};

}  // namespace trainhub::testing

#endif  // TRAINHUB_TESTS_TESTING_SMTP_SERVER_H_
