// The e2e fixture: the real trainhubd on a free loopback port with a
// temporary database, driven by the real trainhub CLI.

#ifndef TRAINHUB_TESTS_E2E_E2E_FIXTURE_H_
#define TRAINHUB_TESTS_E2E_E2E_FIXTURE_H_

#include <fcntl.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <spawn.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

extern char** environ;

namespace trainhub::e2e {

namespace fs = std::filesystem;

constexpr char kAdminEmail[] = "admin@example.org";
constexpr char kAdminPassword[] = "e2e-admin-password";

inline std::string ReadFile(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

// Starts `argv` with stdout and stderr going to `log`; returns the pid.
// Standard input comes from `input` (a file) or /dev/null.
inline pid_t Spawn(const std::vector<std::string>& argv, const fs::path& log,
                   const std::vector<std::string>& extra_env = {},
                   const fs::path& input = "/dev/null") {
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 1, log.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  posix_spawn_file_actions_adddup2(&actions, 1, 2);
  posix_spawn_file_actions_addopen(&actions, 0, input.c_str(), O_RDONLY, 0);
  std::vector<char*> args;
  for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
  args.push_back(nullptr);
  std::vector<std::string> env_strings;
  for (char** e = environ; *e != nullptr; ++e) env_strings.emplace_back(*e);
  for (const auto& e : extra_env) env_strings.push_back(e);
  std::vector<char*> env;
  for (auto& e : env_strings) env.push_back(e.data());
  env.push_back(nullptr);
  pid_t pid = 0;
  EXPECT_EQ(posix_spawn(&pid, args[0], &actions, nullptr, args.data(), env.data()), 0);
  posix_spawn_file_actions_destroy(&actions);
  return pid;
}

inline int WaitExit(pid_t pid) {
  int status = 0;
  waitpid(pid, &status, 0);
  if (WIFEXITED(status)) return WEXITSTATUS(status);
  return 128 + WTERMSIG(status);
}

// A CLI call that must fail with `exit_code`, its standard error saying `says`.
struct BadInput {
  std::vector<std::string> args;
  int exit_code;
  std::string says;
};

struct Result {
  int exit_code = -1;
  std::string out;
  std::string err;
};

class E2eTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("trainhub-e2e-" + std::to_string(::getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    db_ = (dir_ / "trainhub.db").string();
  }
  void TearDown() override {
    StopServer(SIGKILL);
    fs::remove_all(dir_);
  }

  // The first admin of a new database, as an operator creates it.
  void CreateAdmin(const std::string& admin_password = kAdminPassword) {
    const fs::path password = dir_ / "admin-password";
    std::ofstream(password, std::ios::trunc) << admin_password << "\n";
    pid_t pid = Spawn({TRAINHUBD_PATH, "--db", db_, "--create-admin", kAdminEmail},
                      dir_ / "create-admin.log", {}, password);
    ASSERT_EQ(WaitExit(pid), 0) << ReadFile(dir_ / "create-admin.log");
  }

  // A new database with an admin, the server started, the CLI logged in.
  void StartAsAdmin() {
    CreateAdmin();
    StartServer();
    MustCli({"login", "--email", kAdminEmail, "--password-stdin"},
            std::string(kAdminPassword) + "\n");
  }

  // Starts trainhubd on a free port (it binds port 0 and logs the port).
  void StartServer(bool via_env = false, const std::vector<std::string>& extra = {}) {
    server_log_ = dir_ / ("server-" + std::to_string(++starts_) + ".log");
    if (via_env) {
      server_ = Spawn({TRAINHUBD_PATH}, server_log_,
                      {"TRAINHUB_LISTEN=127.0.0.1:0", "TRAINHUB_DB=" + db_});
    } else {
      std::vector<std::string> argv = {TRAINHUBD_PATH, "--listen", "127.0.0.1:0", "--db", db_};
      argv.insert(argv.end(), extra.begin(), extra.end());
      server_ = Spawn(argv, server_log_);
    }
    const std::regex port_line(R"(\(port (\d+))");
    for (int i = 0; i < 200; ++i) {
      std::smatch match;
      const std::string log = ReadFile(server_log_);
      if (std::regex_search(log, match, port_line)) {
        address_ = "127.0.0.1:" + match[1].str();
        return;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(25));
    }
    FAIL() << "trainhubd did not start:\n" << ReadFile(server_log_);
  }

  int StopServer(int signal) {
    if (server_ <= 0) return -1;
    kill(server_, signal);
    const int code = WaitExit(server_);
    server_ = 0;
    return code;
  }

  // Runs the CLI with its config (the saved token) in the test folder and
  // `input` as standard input, in English (LANG=C.UTF-8) unless `extra_env`
  // says otherwise ("LANG=de_DE.UTF-8").
  Result Cli(std::vector<std::string> args, const std::string& input = "",
             const std::vector<std::string>& extra_env = {}) {
    std::vector<std::string> argv = {TRAINHUB_CLI_PATH, "--server", address_};
    argv.insert(argv.end(), args.begin(), args.end());
    const fs::path out = dir_ / "cli.out";
    const fs::path err = dir_ / "cli.err";
    const fs::path in = dir_ / "cli.in";
    std::ofstream(in, std::ios::trunc) << input;
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, 1, out.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    posix_spawn_file_actions_addopen(&actions, 2, err.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    posix_spawn_file_actions_addopen(&actions, 0, in.c_str(), O_RDONLY, 0);
    // Files the CLI writes (-o FILE) land in the test's folder.
    posix_spawn_file_actions_addchdir_np(&actions, dir_.c_str());
    std::vector<char*> c_args;
    for (auto& a : argv) c_args.push_back(a.data());
    c_args.push_back(nullptr);
    std::vector<std::string> env_strings;
    for (char** e = environ; *e != nullptr; ++e) {
      const std::string entry(*e);
      bool inherited = true;
      for (const char* dropped : {"TRAINHUB_TOKEN=", "LANG=", "LC_ALL=", "LC_MESSAGES="}) {
        inherited = inherited && entry.rfind(dropped, 0) != 0;
      }
      if (inherited) env_strings.push_back(entry);
    }
    env_strings.push_back("XDG_CONFIG_HOME=" + (dir_ / "config").string());
    const bool lang_given = std::any_of(extra_env.begin(), extra_env.end(), [](const std::string& e) {
      return e.rfind("LANG=", 0) == 0;
    });
    if (!lang_given) env_strings.push_back("LANG=C.UTF-8");
    for (const std::string& e : extra_env) env_strings.push_back(e);
    std::vector<char*> env;
    for (auto& e : env_strings) env.push_back(e.data());
    env.push_back(nullptr);
    pid_t pid = 0;
    EXPECT_EQ(posix_spawn(&pid, c_args[0], &actions, nullptr, c_args.data(), env.data()), 0);
    posix_spawn_file_actions_destroy(&actions);
    Result r;
    r.exit_code = WaitExit(pid);
    r.out = ReadFile(out);
    r.err = ReadFile(err);
    return r;
  }

  void ExpectBadInputs(const std::vector<BadInput>& cases) {
    for (const BadInput& c : cases) {
      Result r = Cli(c.args);
      std::string joined;
      for (const auto& a : c.args) joined += a + " ";
      EXPECT_EQ(r.exit_code, c.exit_code) << joined << "\n" << r.err;
      EXPECT_NE(r.err.find(c.says), std::string::npos) << joined << "\nstderr: " << r.err;
    }
  }

  Result MustCli(std::vector<std::string> args, const std::string& input = "") {
    Result r = Cli(args, input);
    EXPECT_EQ(r.exit_code, 0) << r.err;
    return r;
  }

  fs::path dir_;
  std::string db_;
  fs::path server_log_;
  pid_t server_ = 0;
  int starts_ = 0;
  std::string address_ = "127.0.0.1:1";
};

// A test CA and a server certificate for 127.0.0.1 in `dir` (ca.pem,
// server.pem, server.key), made with openssl.
inline void MakeTestCertificates(const fs::path& dir) {
  const std::string command =
      std::string("bash '") + TEST_CERTIFICATES_SCRIPT + "' '" + dir.string() + "'";
  ASSERT_EQ(std::system(command.c_str()), 0) << command;
}

}  // namespace trainhub::e2e

#endif  // TRAINHUB_TESTS_E2E_E2E_FIXTURE_H_
