#include "server/mail_delivery_loop.h"

#include <spdlog/spdlog.h>

#include <string>
#include <utility>

namespace trainhub::server {

MailDeliveryLoop::MailDeliveryLoop(domain::MailDelivery& delivery, absl::Duration poll,
                                   PassObserver observe)
    : delivery_(delivery),
      poll_(poll),
      observe_(std::move(observe)),
      thread_([this] { Run(); }) {}

MailDeliveryLoop::~MailDeliveryLoop() { Stop(); }

void MailDeliveryLoop::Wake() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    wake_ = true;
  }
  changed_.notify_all();
}

void MailDeliveryLoop::Stop() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    stop_ = true;
  }
  changed_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void MailDeliveryLoop::Run() {
  bool failing = false;
  while (true) {
    {
      std::lock_guard<std::mutex> lock(mu_);
      if (stop_) return;
      wake_ = false;
    }
    absl::StatusOr<domain::DeliveryPass> pass = delivery_.DeliverDue();
    bool again_at_once = false;
    if (!pass.ok()) {
      // Said once per spell of failures, not every interval.
      if (!failing) {
        spdlog::error("mail delivery: {}; trying again every {}",
                      std::string(pass.status().message()), absl::FormatDuration(poll_));
      }
      failing = true;
    } else {
      if (failing) spdlog::info("mail delivery works again");
      failing = false;
      if (pass->sent + pass->retrying + pass->given_up > 0) {
        if (observe_) observe_(*pass);
        if (pass->retrying + pass->given_up > 0) {
          spdlog::warn("mail delivery: {} sent, {} to try again, {} given up", pass->sent,
                       pass->retrying, pass->given_up);
        }
      }
      again_at_once = pass->batch_full;
    }
    std::unique_lock<std::mutex> lock(mu_);
    if (!again_at_once) {
      changed_.wait_for(lock, absl::ToChronoMilliseconds(poll_), [&] { return stop_ || wake_; });
    }
  }
}

}  // namespace trainhub::server
