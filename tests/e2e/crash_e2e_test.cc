// Crash check: ten times, eight clients write as fast as they can and
// trainhubd is killed with SIGKILL in the middle; every write it had
// acknowledged is there afterwards and the database is intact.

#include <grpcpp/grpcpp.h>
#include <sqlite3.h>

#include <atomic>
#include <mutex>
#include <set>

#include "e2e/e2e_fixture.h"
#include "e2e/organization_writes.h"
#include "trainhub/v1/organization.grpc.pb.h"

namespace trainhub::e2e {
namespace {

namespace v1 = ::trainhub::v1;

constexpr int kCycles = 10;
constexpr int kWriters = 8;

TEST_F(E2eTest, EveryAcknowledgedWriteSurvivesTenKillNineCycles) {
  StartAsAdmin();
  const std::string token = SavedCliToken(dir_);
  ASSERT_FALSE(token.empty());

  std::mutex mu;
  std::set<std::string> acknowledged;
  int refused_other = 0;
  for (int cycle = 0; cycle < kCycles; ++cycle) {
    if (cycle > 0) StartServer();
    std::atomic<bool> stop{false};
    std::vector<std::thread> writers;
    for (int w = 0; w < kWriters; ++w) {
      writers.emplace_back([&, w, cycle] {
        auto stub = v1::OrganizationService::NewStub(
            grpc::CreateChannel(address_, grpc::InsecureChannelCredentials()));
        for (int i = 0; !stop; ++i) {
          const std::string name =
              "Verein " + std::to_string(cycle) + "-" + std::to_string(w) + "-" + std::to_string(i);
          const grpc::Status status =
              CreateOrganizationNamed(*stub, token, name, std::chrono::seconds(5));
          std::lock_guard<std::mutex> lock(mu);
          if (status.ok()) {
            acknowledged.insert(name);
          } else if (status.error_code() != grpc::StatusCode::UNAVAILABLE &&
                     status.error_code() != grpc::StatusCode::DEADLINE_EXCEEDED) {
            ++refused_other;
          }
          if (!status.ok()) return;  // the server is gone
        }
      });
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    EXPECT_EQ(StopServer(SIGKILL), 128 + SIGKILL);
    stop = true;
    for (std::thread& t : writers) t.join();
  }
  EXPECT_EQ(refused_other, 0);
  EXPECT_GT(acknowledged.size(), static_cast<size_t>(kCycles * kWriters));

  StartServer();
  auto stub = v1::OrganizationService::NewStub(
      grpc::CreateChannel(address_, grpc::InsecureChannelCredentials()));
  std::set<std::string> stored;
  v1::ListOrganizationsRequest list;
  list.set_page_size(100);
  for (;;) {
    grpc::ClientContext context;
    context.AddMetadata("authorization", "Bearer " + token);
    v1::ListOrganizationsResponse page;
    const grpc::Status status = stub->ListOrganizations(&context, list, &page);
    ASSERT_TRUE(status.ok()) << status.error_message();
    for (const auto& o : page.organizations()) stored.insert(o.name());
    if (page.next_page_token().empty()) break;
    list.set_page_token(page.next_page_token());
  }
  int lost = 0;
  for (const std::string& name : acknowledged) lost += stored.count(name) == 0;
  EXPECT_EQ(lost, 0) << "of " << acknowledged.size() << " acknowledged writes";
  std::printf("%zu writes acknowledged over %d SIGKILL cycles, %d lost\n", acknowledged.size(),
              kCycles, lost);
  EXPECT_EQ(StopServer(SIGTERM), 0);

  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open_v2(db_.c_str(), &db, SQLITE_OPEN_READONLY, nullptr), SQLITE_OK);
  sqlite3_stmt* check = nullptr;
  ASSERT_EQ(sqlite3_prepare_v2(db, "PRAGMA integrity_check", -1, &check, nullptr), SQLITE_OK);
  ASSERT_EQ(sqlite3_step(check), SQLITE_ROW);
  EXPECT_EQ(std::string(reinterpret_cast<const char*>(sqlite3_column_text(check, 0))), "ok");
  sqlite3_finalize(check);
  sqlite3_close(db);
}

}  // namespace
}  // namespace trainhub::e2e
