#ifndef TRAINHUB_TESTS_TESTING_FAULTY_STORE_H_
#define TRAINHUB_TESTS_TESTING_FAULTY_STORE_H_

// A store that fails on demand (LevelDB's SpecialEnv idea), wrapping a real
// one, so that domain tests cover what callers get when storage is busy,
// gone or loses a race: the error passes through unchanged and nothing of a
// failed write is kept.

#include <atomic>
#include <functional>
#include <mutex>

#include "absl/status/status.h"
#include "domain/ports/unit_of_work.h"

namespace trainhub::testing {

class FaultyStore : public domain::Store {
 public:
  enum class When {
    kNever,
    kBeforeReads,   // every Read fails without running its work
    kBeforeWrites,  // every Write fails without running its work
    kAfterWrites,   // every Write runs its work, then fails: the unit is rolled back
  };

  // `inner` must outlive this object.
  explicit FaultyStore(domain::Store& inner) : inner_(inner) {}

  // From now on fails as `when` says with `fault` (e.g. UNAVAILABLE, ABORTED).
  void Fail(When when, absl::Status fault) {
    std::lock_guard<std::mutex> lock(mu_);
    when_ = when;
    fault_ = std::move(fault);
  }
  void Heal() { Fail(When::kNever, absl::OkStatus()); }

  absl::Status Read(const std::function<absl::Status(domain::ReadView&)>& work) override {
    if (const absl::Status f = FaultFor(When::kBeforeReads); !f.ok()) return f;
    return inner_.Read(work);
  }

  absl::Status Write(std::function<absl::Status(domain::UnitOfWork&)> work) override {
    if (const absl::Status f = FaultFor(When::kBeforeWrites); !f.ok()) return f;
    const absl::Status after = FaultFor(When::kAfterWrites);
    if (after.ok()) return inner_.Write(std::move(work));
    return inner_.Write([&](domain::UnitOfWork& w) -> absl::Status {
      if (absl::Status done = work(w); !done.ok()) return done;
      return after;  // as if the commit failed: the real store rolls the unit back
    });
  }

 private:
  absl::Status FaultFor(When when) {
    std::lock_guard<std::mutex> lock(mu_);
    return when_ == when ? fault_ : absl::OkStatus();
  }

  domain::Store& inner_;
  std::mutex mu_;
  When when_ = When::kNever;
  absl::Status fault_;
};

}  // namespace trainhub::testing

#endif  // TRAINHUB_TESTS_TESTING_FAULTY_STORE_H_
