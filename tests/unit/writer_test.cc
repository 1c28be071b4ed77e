#include "store/writer.h"

#include <gtest/gtest.h>

#include <future>
#include <thread>

#include "store/connection.h"

namespace trainhub::store {
namespace {

class WriterTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto db = OpenWriteConnection(":memory:");
    ASSERT_TRUE(db.ok());
    (*db)->exec("CREATE TABLE item (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE)");
    writer_ = std::make_unique<Writer>(*std::move(db));
  }

  absl::Status Insert(const std::string& name) {
    return writer_->Run([name](SQLite::Database& db) {
      SQLite::Statement q(db, "INSERT INTO item (name) VALUES (?)");
      q.bind(1, name);
      q.exec();
      return absl::OkStatus();
    });
  }

  int Count() {
    int count = -1;
    EXPECT_TRUE(writer_
                    ->Run([&](SQLite::Database& db) {
                      count = db.execAndGet("SELECT count(*) FROM item").getInt();
                      return absl::OkStatus();
                    })
                    .ok());
    return count;
  }

  std::unique_ptr<Writer> writer_;
};

TEST_F(WriterTest, AFailingUnitLeavesNothingBehind) {
  ASSERT_TRUE(Insert("kept").ok());
  absl::Status status = writer_->Run([](SQLite::Database& db) {
    db.exec("INSERT INTO item (name) VALUES ('written then refused')");
    return absl::FailedPreconditionError("refused");
  });
  EXPECT_EQ(status.code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(Count(), 1);
}

TEST_F(WriterTest, SqliteErrorsBecomeStatusesAndRollBack) {
  ASSERT_TRUE(Insert("same").ok());
  absl::Status duplicate = Insert("same");
  EXPECT_EQ(duplicate.code(), absl::StatusCode::kAlreadyExists) << duplicate;
  absl::Status bad_sql = writer_->Run([](SQLite::Database& db) {
    db.exec("INSERT INTO item (name) VALUES ('half')");
    db.exec("THIS IS NOT SQL");
    return absl::OkStatus();
  });
  EXPECT_EQ(bad_sql.code(), absl::StatusCode::kInternal);
  EXPECT_EQ(Count(), 1);
}

TEST_F(WriterTest, WaitingUnitsShareOneCommit) {
  std::promise<void> started;
  std::promise<void> release;
  std::shared_future<void> released = release.get_future().share();
  const Writer::Stats before = writer_->stats();
  std::thread blocker([&] {
    EXPECT_TRUE(writer_
                    ->Run([&](SQLite::Database&) {
                      started.set_value();
                      released.wait();
                      return absl::OkStatus();
                    })
                    .ok());
  });
  started.get_future().wait();  // the writer thread is now busy
  std::vector<std::thread> writers;
  for (int i = 0; i < 5; ++i) {
    writers.emplace_back([&, i] { EXPECT_TRUE(Insert("n" + std::to_string(i)).ok()); });
  }
  while (writer_->pending() < 5) std::this_thread::yield();
  release.set_value();
  blocker.join();
  for (auto& t : writers) t.join();
  const Writer::Stats after = writer_->stats();
  EXPECT_EQ(after.units - before.units, 6u);
  EXPECT_EQ(after.commits - before.commits, 2u);  // the blocker, then the five together
  EXPECT_EQ(Count(), 5);
}

TEST_F(WriterTest, ConcurrentWritersAllLand) {
  std::vector<std::thread> threads;
  for (int t = 0; t < 8; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 100; ++i) {
        EXPECT_TRUE(Insert("t" + std::to_string(t) + "-" + std::to_string(i)).ok());
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(Count(), 800);
}

}  // namespace
}  // namespace trainhub::store
