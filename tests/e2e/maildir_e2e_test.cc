// services/mail's MaildirTransport: the .eml files a new installation
// writes instead of sending, read back with Python's email package.

#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <regex>
#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "mail/maildir_transport.h"
#include "mail/mime_message.h"
#include "testing/sample_mails.h"
#include "testing/smtp_server.h"

namespace trainhub::mail {
namespace {

namespace fs = std::filesystem;
using ::trainhub::testing::FileText;
using ::trainhub::testing::ReadMail;
using ::trainhub::testing::SampleMail;
using ::trainhub::testing::SampleMailWithAttachments;
using Outcome = domain::MailResult::Outcome;

class MaildirTransportTest : public ::testing::Test {
 protected:
  void SetUp() override {
    root_ = fs::temp_directory_path() /
            absl::StrCat("trainhub-maildir-", ::getpid(), "-",
                         ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(root_);
  }
  void TearDown() override { fs::remove_all(root_); }

  static std::vector<fs::path> Files(const fs::path& folder) {
    std::vector<fs::path> files;
    for (const auto& entry : fs::directory_iterator(folder)) files.push_back(entry.path());
    std::sort(files.begin(), files.end());
    return files;
  }
  static unsigned Mode(const fs::path& path) {
    struct stat st {};
    EXPECT_EQ(::stat(path.c_str(), &st), 0) << path;
    return st.st_mode & 07777;
  }

  fs::path root_;
};

TEST_F(MaildirTransportTest, WritesEachMailAsAPrivateFileInNew) {
  const fs::path maildir = root_ / "var" / "mail";
  MaildirTransport transport(maildir);
  EXPECT_EQ(transport.Describe(), "maildir " + maildir.string());
  const std::vector<domain::Mail> batch = {SampleMailWithAttachments(0), SampleMail(1)};
  const std::vector<domain::MailResult> results = transport.Send(batch);
  ASSERT_EQ(results.size(), 2u);
  for (const fs::path& folder :
       {root_ / "var", maildir, maildir / "tmp", maildir / "new", maildir / "cur"}) {
    EXPECT_EQ(Mode(folder), 0700u) << folder;
  }
  EXPECT_TRUE(Files(maildir / "tmp").empty()) << "written in tmp/, then moved";
  const std::vector<fs::path> files = Files(maildir / "new");
  ASSERT_EQ(files.size(), 2u);
  const std::regex maildir_name(R"(\d+\.M\d+P\d+Q\d+\.[^/:]+\.eml)");
  for (size_t i = 0; i < batch.size(); ++i) {
    ASSERT_EQ(results[i].outcome, Outcome::kDelivered) << results[i].answer;
    ASSERT_TRUE(absl::StartsWith(results[i].answer, "written to ")) << results[i].answer;
    const fs::path file = fs::path(results[i].answer.substr(strlen("written to ")));
    EXPECT_EQ(std::count(files.begin(), files.end(), file), 1) << file;
    EXPECT_TRUE(std::regex_match(file.filename().string(), maildir_name)) << file;
    EXPECT_EQ(Mode(file), 0600u) << file;
    EXPECT_EQ(FileText(file), *BuildMimeMessage(batch[i])) << "the bytes SMTP would send";
    const nlohmann::json read = ReadMail(file);
    EXPECT_EQ(read["to_address"], batch[i].to_address);
    EXPECT_EQ(read["subject"], batch[i].subject);
    EXPECT_EQ(read["body"], batch[i].text_body);
    EXPECT_EQ(read["attachments"].size(), batch[i].attachments.size());
    EXPECT_EQ(read["defects"].size(), 0u) << read["defects"].dump();
  }
}

TEST_F(MaildirTransportTest, RefusedMailLeavesNoFileAndTheBatchGoesOn) {
  MaildirTransport transport(root_);
  domain::Mail injected = SampleMail(1);
  injected.to_name = "Ayşe\r\nBcc: everyone@example.org";
  const std::vector<domain::MailResult> results =
      transport.Send({SampleMail(0), injected, SampleMail(2)});
  EXPECT_EQ(results[0].outcome, Outcome::kDelivered);
  EXPECT_EQ(results[1].outcome, Outcome::kPermanent);
  EXPECT_TRUE(absl::StrContains(results[1].answer, "to_name")) << results[1].answer;
  EXPECT_EQ(results[2].outcome, Outcome::kDelivered);
  EXPECT_EQ(Files(root_ / "new").size(), 2u);
}

TEST_F(MaildirTransportTest, UnwritableMaildirIsTemporaryWithTheSystemsWords) {
  fs::create_directories(root_);
  { std::ofstream(root_ / "not-a-folder") << "a file where the maildir should be"; }
  MaildirTransport transport(root_ / "not-a-folder" / "mail");
  const std::vector<domain::MailResult> results = transport.Send({SampleMail(0)});
  EXPECT_EQ(results[0].outcome, Outcome::kTemporary);
  EXPECT_TRUE(absl::StrContains(results[0].answer, "Not a directory")) << results[0].answer;
}

TEST_F(MaildirTransportTest, ExistingMaildirKeepsItsFoldersAndGainsFiles) {
  fs::create_directories(root_ / "new");
  fs::permissions(root_, fs::perms::owner_all | fs::perms::group_read | fs::perms::group_exec);
  MaildirTransport transport(root_);
  EXPECT_EQ(transport.Send({SampleMail(0)})[0].outcome, Outcome::kDelivered);
  EXPECT_EQ(transport.Send({SampleMail(1)})[0].outcome, Outcome::kDelivered);
  EXPECT_EQ(Files(root_ / "new").size(), 2u) << "unique names, nothing overwritten";
  EXPECT_EQ(Mode(root_), 0750u) << "an operator's choice stays";
}

}  // namespace
}  // namespace trainhub::mail
