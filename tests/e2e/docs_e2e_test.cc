// End to end: the commands of the README's tour, the coordinator guide and
// the import guide, run in their order against a fresh demo database as a
// new user would type them. A command marked "# refused" must fail with exit
// code 3; every other one must succeed.

#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include <regex>
#include <string>
#include <vector>

#include "e2e/e2e_fixture.h"

namespace trainhub::e2e {
namespace {

constexpr char kDemoPassword[] = "trainhub-demo";

struct DocCommand {
  int line = 0;
  std::vector<std::string> args;  // without the program name
  bool refused = false;
};

// Splits a command line as a POSIX shell would for plain words and
// double- or single-quoted strings.
std::vector<std::string> SplitWords(const std::string& text) {
  std::vector<std::string> words;
  std::string word;
  bool in_word = false;
  char quote = 0;
  for (char c : text) {
    if (quote != 0) {
      if (c == quote) {
        quote = 0;
      } else {
        word += c;
      }
    } else if (c == '"' || c == '\'') {
      quote = c;
      in_word = true;
    } else if (c == ' ' || c == '\t') {
      if (in_word) words.push_back(word);
      word.clear();
      in_word = false;
    } else {
      word += c;
      in_word = true;
    }
  }
  if (in_word) words.push_back(word);
  return words;
}

// The indented `trainhub ...` (or build/clients/cli/trainhub ...) lines of a
// Markdown file, joined over trailing backslashes, comments removed.
std::vector<DocCommand> CommandsOf(const fs::path& doc) {
  std::vector<DocCommand> commands;
  std::istringstream in(ReadFile(doc));
  static const std::regex kCommand(R"(^\s{4,}(?:build/clients/cli/)?trainhub (.*)$)");
  std::string line;
  for (int number = 1; std::getline(in, line); ++number) {
    std::smatch match;
    if (!std::regex_match(line, match, kCommand)) continue;
    DocCommand command;
    command.line = number;
    std::string text = match[1].str();
    while (!text.empty() && text.back() == '\\' && std::getline(in, line)) {
      ++number;
      text.pop_back();
      text += " " + line;
    }
    if (const size_t comment = text.find(" #"); comment != std::string::npos) {
      command.refused = text.find("refused", comment) != std::string::npos;
      text.resize(comment);
    }
    command.args = SplitWords(text);
    commands.push_back(std::move(command));
  }
  return commands;
}

class DocsTest : public E2eTest {
 protected:
  // A loopback port nobody listens on now.
  static int FreePort() {
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t size = sizeof(address);
    EXPECT_EQ(::bind(fd, reinterpret_cast<sockaddr*>(&address), size), 0);
    EXPECT_EQ(::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &size), 0);
    ::close(fd);
    return ntohs(address.sin_port);
  }

  // A fresh demo database as scripts/run makes it.
  void StartDemo() {
    CreateAdmin(kDemoPassword);
    StartServer();
    MustCli({"login", "--email", kAdminEmail, "--password-stdin"},
            std::string(kDemoPassword) + "\n");
    MustCli({"demo", "load"});
  }

  void RunAll(const std::string& name) {
    const fs::path doc = fs::path(TRAINHUB_SOURCE_DIR) / name;
    const std::vector<DocCommand> commands = CommandsOf(doc);
    ASSERT_FALSE(commands.empty()) << doc;
    for (const DocCommand& c : commands) {
      // Logins ask for the password (every demo login has the same one).
      const bool login = !c.args.empty() && c.args[0] == "login";
      Result r = Cli(c.args, login ? std::string(kDemoPassword) + "\n" : "");
      std::string shown = "trainhub";
      for (const auto& a : c.args) shown += " " + a;
      if (c.refused) {
        EXPECT_EQ(r.exit_code, 3) << name << ":" << c.line << ": " << shown << "\n" << r.err;
      } else {
        EXPECT_EQ(r.exit_code, 0) << name << ":" << c.line << ": " << shown << "\n"
                                  << r.out << r.err;
      }
    }
  }
};

TEST_F(DocsTest, TheReadmeTourWorksOnAFreshDemo) {
  StartDemo();
  RunAll("README.md");
}

TEST_F(DocsTest, TheCoordinatorGuideWorksOnAFreshDemo) {
  StartDemo();
  RunAll("docs/coordinator-guide.md");
}

TEST_F(DocsTest, LoadingTheDemoAgainAfterTheGuideChangesNothingAndSaysSo) {
  StartDemo();
  RunAll("docs/coordinator-guide.md");
  // The guide's last steps are a coordinator's; the admin loads again.
  MustCli({"login", "--email", kAdminEmail, "--password-stdin"}, std::string(kDemoPassword) + "\n");
  // Series 6 moved on since (cancelled here: completing it waits for its
  // session to end); the load leaves it as it is.
  MustCli({"series", "cancel", "6", "--reason", "Raum nicht verfügbar"});
  const std::string before = MustCli({"--output", "json", "audit", "list"}).out;
  Result again = Cli({"demo", "load"});
  EXPECT_EQ(again.exit_code, 0) << again.err;
  EXPECT_NE(again.out.find("nothing was changed"), std::string::npos) << again.out;
  EXPECT_NE(again.out.find("demo login: trainhub login --email koordination@agsa.example.org"),
            std::string::npos)
      << again.out;
  EXPECT_EQ(MustCli({"--output", "json", "audit", "list"}).out, before)
      << "a repeated load leaves no trace, not even a refused call";
  Result third = Cli({"demo", "load"});
  EXPECT_EQ(third.exit_code, 0) << third.err;
  EXPECT_NE(third.out.find("nothing was changed"), std::string::npos) << third.out;
}

TEST_F(DocsTest, TheReadmeTourThenAnotherLoadChangesNothing) {
  StartDemo();
  RunAll("README.md");  // erases Amal Haddad's data, among others
  Result again = Cli({"demo", "load"});
  EXPECT_EQ(again.exit_code, 0) << again.err;
  EXPECT_NE(again.out.find("nothing was changed"), std::string::npos) << again.out;
}

// scripts/run as the README has it, on the binaries of this build (linked
// into a folder laid out like the source tree), twice: on the first start
// it loads the demo, on every start it shows the demo's logins and the
// desktop command.
TEST_F(DocsTest, ScriptsRunShowsTheDemoLoginsOnEveryStart) {
  const fs::path tree = dir_ / "tree";
  fs::create_directories(tree / "scripts");
  fs::create_directories(tree / "build/services");
  fs::create_directories(tree / "build/clients/cli");
  fs::copy_file(fs::path(TRAINHUB_SOURCE_DIR) / "scripts/run", tree / "scripts/run");
  fs::create_symlink(TRAINHUBD_PATH, tree / "build/services/trainhubd");
  fs::create_symlink(TRAINHUB_CLI_PATH, tree / "build/clients/cli/trainhub");
  for (int start = 1; start <= 2; ++start) {
    SCOPED_TRACE(start == 1 ? "a new database" : "the same database again");
    // env(1) sets these over whatever the test's environment holds.
    const std::vector<std::string> command = {
        "/usr/bin/env",
        "TRAINHUB_LISTEN=127.0.0.1:" + std::to_string(FreePort()),
        "TRAINHUB_VERIFY_LISTEN=127.0.0.1:0",
        "TRAINHUB_DB=" + (tree / "var/trainhub.db").string(),
        "XDG_CONFIG_HOME=" + (dir_ / "config").string(),
        "TRAINHUB_TOKEN=",
        (tree / "scripts/run").string(),
        "--no-build"};
    const fs::path log = dir_ / ("run-" + std::to_string(start) + ".log");
    const pid_t run = Spawn(command, log);
    std::string out;
    for (int i = 0; i < 1200 && out.find("Stop it with Ctrl-C.") == std::string::npos; ++i) {
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
      out = ReadFile(log);
    }
    const fs::path maildir = tree / "var/mail/new";
    EXPECT_NE(out.find("E-mail to people is written as files into " +
                       (tree / "var/mail").string() + "/new/"),
              std::string::npos)
        << out;
    // The demo's enrolments were mailed: the files are there to look at.
    size_t mails = 0;
    for (int i = 0; i < 100 && mails == 0; ++i) {
      if (fs::exists(maildir)) {
        mails = std::distance(fs::directory_iterator(maildir), fs::directory_iterator());
      }
      if (mails == 0) std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    EXPECT_GT(mails, 0u) << "no .eml file in " << maildir;
    kill(run, SIGTERM);
    WaitExit(run);
    ASSERT_NE(out.find("Stop it with Ctrl-C."), std::string::npos) << out;
    for (const char* login :
         {"--email admin@example.org", "--email koordination@agsa.example.org",
          "--email nuran.sahin@example.org", "--email teilnehmerin@example.org"}) {
      EXPECT_NE(out.find(std::string("demo login: trainhub login ") + login), std::string::npos)
          << login << "\n"
          << out;
    }
    EXPECT_NE(out.find("build/clients/desktop/trainhub-desktop --email "
                       "koordination@agsa.example.org --password-stdin"),
              std::string::npos)
        << out;
  }
}

TEST_F(DocsTest, TheImportGuideWorksOnAFreshDemoWithItsOwnExample) {
  StartDemo();
  // The guide's example file, as a coordinator saves it from a spreadsheet.
  const std::string guide = ReadFile(fs::path(TRAINHUB_SOURCE_DIR) / "docs/import.md");
  const size_t example = guide.find("Vorname;Nachname;E-Mail;Zielgruppe\n");
  ASSERT_NE(example, std::string::npos);
  std::ofstream(dir_ / "volunteers.csv")
      << guide.substr(example, guide.find("```", example) - example);
  RunAll("docs/import.md");
}

}  // namespace
}  // namespace trainhub::e2e
