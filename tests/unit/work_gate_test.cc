#include "domain/work_gate.h"

#include <gtest/gtest.h>

#include <atomic>
#include <thread>
#include <vector>

#include "domain/accounts/passwords.h"

namespace trainhub::domain {
namespace {

TEST(WorkGateTest, RunsAtMostItsSlotsQueuesBrieflyAndTurnsTheRestAway) {
  WorkGate gate(2, 1, absl::Milliseconds(200));
  WorkGate::Pass first = gate.Enter();
  WorkGate::Pass second = gate.Enter();
  ASSERT_TRUE(first.ok() && second.ok());
  EXPECT_EQ(gate.running(), 2);

  std::atomic<bool> waiter_admitted{false};
  std::thread waiter([&] {
    WorkGate::Pass third = gate.Enter();  // queues until a slot frees
    waiter_admitted = third.ok();
  });
  while (gate.waiting() == 0) std::this_thread::yield();
  EXPECT_FALSE(gate.Enter().ok()) << "a full queue turns callers away at once";
  { WorkGate::Pass released = std::move(first); }  // frees a slot for the waiter
  waiter.join();
  EXPECT_TRUE(waiter_admitted);
  EXPECT_EQ(gate.running(), 1);
}

TEST(WorkGateTest, AWaitThatRunsOutIsRefused) {
  WorkGate gate(1, 4, absl::Milliseconds(20));
  WorkGate::Pass holder = gate.Enter();
  ASSERT_TRUE(holder.ok());
  EXPECT_FALSE(gate.Enter().ok());
}

TEST(PasswordGateTest, AStormOfHashesNeverRunsMoreThanTheGateAllows) {
  std::atomic<int> most{0}, refused{0};
  std::vector<std::thread> storm;
  for (int i = 0; i < 48; ++i) {
    storm.emplace_back([&] {
      auto hash = HashPassword("Vielfalt-gestalten-2027");
      if (absl::IsResourceExhausted(hash.status())) ++refused;
      int now = RunningPasswordHashes();
      for (int seen = most; now > seen && !most.compare_exchange_weak(seen, now);) {
      }
    });
  }
  for (auto& t : storm) t.join();
  EXPECT_LE(most.load(), std::max(2, static_cast<int>(std::thread::hardware_concurrency())));
  EXPECT_GT(refused.load(), 0) << "48 at once is more than run and wait";
  EXPECT_EQ(RunningPasswordHashes(), 0);
}

}  // namespace
}  // namespace trainhub::domain
