#ifndef TRAINHUB_SERVICES_DOMAIN_WORK_GATE_H_
#define TRAINHUB_SERVICES_DOMAIN_WORK_GATE_H_

// Bounds how many expensive jobs (password hashing, PDF rendering, reports)
// run at once: at most `slots` run, at most `max_waiting` wait, each
// for at most `max_wait`; anyone beyond that is turned away at once.
// Thread-safe.

#include <condition_variable>
#include <mutex>

#include "absl/status/status.h"
#include "absl/time/time.h"

namespace trainhub::domain {

class WorkGate {
 public:
  WorkGate(int slots, int max_waiting, absl::Duration max_wait)
      : slots_(slots), max_waiting_(max_waiting), max_wait_(max_wait) {}

  // Holds a slot until destroyed; ok() tells whether one was granted.
  class Pass {
   public:
    Pass(Pass&& other) noexcept : gate_(other.gate_) { other.gate_ = nullptr; }
    Pass(const Pass&) = delete;
    Pass& operator=(const Pass&) = delete;
    Pass& operator=(Pass&&) = delete;
    ~Pass() {
      if (gate_ != nullptr) gate_->Leave();
    }
    bool ok() const { return gate_ != nullptr; }

   private:
    friend class WorkGate;
    explicit Pass(WorkGate* gate) : gate_(gate) {}
    WorkGate* gate_;
  };

  // A slot, or a Pass that is not ok() when the queue is full or the wait
  // ran out.
  Pass Enter() {
    std::unique_lock<std::mutex> lock(mu_);
    if (running_ < slots_) {
      ++running_;
      return Pass(this);
    }
    if (waiting_ >= max_waiting_) return Pass(nullptr);
    ++waiting_;
    const bool granted = freed_.wait_for(lock, absl::ToChronoMilliseconds(max_wait_),
                                         [this] { return running_ < slots_; });
    --waiting_;
    if (!granted) return Pass(nullptr);
    ++running_;
    return Pass(this);
  }

  int slots() const { return slots_; }
  int running() {
    std::lock_guard<std::mutex> lock(mu_);
    return running_;
  }
  int waiting() {
    std::lock_guard<std::mutex> lock(mu_);
    return waiting_;
  }

 private:
  void Leave() {
    {
      std::lock_guard<std::mutex> lock(mu_);
      --running_;
    }
    freed_.notify_one();
  }

  const int slots_;
  const int max_waiting_;
  const absl::Duration max_wait_;
  std::mutex mu_;
  std::condition_variable freed_;
  int running_ = 0;
  int waiting_ = 0;
};

}  // namespace trainhub::domain

#endif  // TRAINHUB_SERVICES_DOMAIN_WORK_GATE_H_
