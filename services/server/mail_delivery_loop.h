#ifndef TRAINHUB_SERVICES_SERVER_MAIL_DELIVERY_LOOP_H_
#define TRAINHUB_SERVICES_SERVER_MAIL_DELIVERY_LOOP_H_

// Runs the outbox's delivery (domain::MailDelivery) on a thread of its own
// for as long as trainhubd serves: one batch at a time, at once again while
// batches come full, else after the poll interval. A failure of storage or
// of the transport is logged and tried again after the interval; nothing
// is lost, since a notification stays pending until an attempt is recorded.

#include <condition_variable>
#include <functional>
#include <mutex>
#include <thread>

#include "absl/time/time.h"
#include "domain/notifications/mail_delivery.h"

namespace trainhub::server {

class MailDeliveryLoop {
 public:
  // Called after each pass that tried something, with what it did.
  using PassObserver = std::function<void(const domain::DeliveryPass&)>;

  // Starts the thread. `delivery` must outlive this object.
  MailDeliveryLoop(domain::MailDelivery& delivery, absl::Duration poll, PassObserver observe);
  // Stops (see Stop).
  ~MailDeliveryLoop();
  MailDeliveryLoop(const MailDeliveryLoop&) = delete;
  MailDeliveryLoop& operator=(const MailDeliveryLoop&) = delete;

  // Delivers what is due now instead of after the poll interval.
  void Wake();
  // Lets the batch in hand finish, then ends the thread. Idempotent.
  void Stop();

 private:
  void Run();

  domain::MailDelivery& delivery_;
  const absl::Duration poll_;
  PassObserver observe_;
  std::mutex mu_;
  std::condition_variable changed_;
  bool stop_ = false;
  bool wake_ = false;
  std::thread thread_;  // last: starts once the rest is set
};

}  // namespace trainhub::server

#endif  // TRAINHUB_SERVICES_SERVER_MAIL_DELIVERY_LOOP_H_
