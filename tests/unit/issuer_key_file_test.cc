// The issuer key file beside the database: created private on first start,
// the same key on every start after, refused when others may read it, and
// rotated with the old one kept aside.

#include "server/issuer_key_file.h"

#include <gtest/gtest.h>
#include <sodium.h>
#include <sys/stat.h>

#include <filesystem>

namespace trainhub::server {
namespace {

namespace fs = std::filesystem;

class IssuerKeyFileTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_GE(sodium_init(), 0);
    dir_ = fs::temp_directory_path() / ("issuer-key-" + std::to_string(getpid()));
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    path_ = IssuerKeyPathFor((dir_ / "trainhub.db").string());
  }
  void TearDown() override { fs::remove_all(dir_); }

  fs::path dir_;
  std::string path_;
};

TEST_F(IssuerKeyFileTest, CreatedPrivateOnceThenTheSameKey) {
  EXPECT_EQ(path_, (dir_ / "trainhub.db.issuer-key").string());
  EXPECT_EQ(IssuerKeyPathFor(":memory:"), "");
  const mode_t saved = umask(0);
  auto first = LoadOrCreateIssuerKey(path_);
  umask(saved);
  ASSERT_TRUE(first.ok()) << first.status();
  struct stat info {};
  ASSERT_EQ(stat(path_.c_str(), &info), 0);
  EXPECT_EQ(info.st_mode & 0777, 0600u);
  auto again = LoadOrCreateIssuerKey(path_);
  ASSERT_TRUE(again.ok()) << again.status();
  EXPECT_EQ((*again)->public_key(), (*first)->public_key());
  EXPECT_EQ((*again)->key_id(), (*first)->key_id());
}

TEST_F(IssuerKeyFileTest, ReadableByOthersOrNotAKeyIsRefused) {
  ASSERT_TRUE(LoadOrCreateIssuerKey(path_).ok());
  ASSERT_EQ(chmod(path_.c_str(), 0644), 0);
  auto open = LoadOrCreateIssuerKey(path_);
  EXPECT_EQ(open.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_NE(open.status().message().find("chmod 600"), std::string::npos);
  const std::string other = (dir_ / "other.issuer-key").string();
  {
    std::FILE* f = std::fopen(other.c_str(), "w");
    std::fputs("not a key\n", f);
    std::fclose(f);
  }
  ASSERT_EQ(chmod(other.c_str(), 0600), 0);
  EXPECT_EQ(LoadOrCreateIssuerKey(other).status().code(), absl::StatusCode::kFailedPrecondition);
}

TEST_F(IssuerKeyFileTest, RotationKeepsTheOldKeyAside) {
  auto old = LoadOrCreateIssuerKey(path_);
  ASSERT_TRUE(old.ok());
  auto fresh_id = RotateIssuerKey(path_);
  ASSERT_TRUE(fresh_id.ok()) << fresh_id.status();
  EXPECT_NE(*fresh_id, (*old)->key_id());
  EXPECT_TRUE(fs::exists(path_ + "." + (*old)->key_id() + ".retired"));
  auto now = LoadOrCreateIssuerKey(path_);
  ASSERT_TRUE(now.ok());
  EXPECT_EQ((*now)->key_id(), *fresh_id);
}

}  // namespace
}  // namespace trainhub::server
