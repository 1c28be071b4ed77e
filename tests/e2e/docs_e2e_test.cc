// End to end: the commands of the README's tour, the coordinator guide and
// the import guide, run in their order against a fresh demo database as a
// new user would type them. A command marked "# refused" must fail with exit
// code 3; every other one must succeed.

#include <gtest/gtest.h>

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
