#ifndef TRAINHUB_SERVICES_DOMAIN_NOTIFICATIONS_MAIL_DELIVERY_H_
#define TRAINHUB_SERVICES_DOMAIN_NOTIFICATIONS_MAIL_DELIVERY_H_

// Delivers the outbox: takes the notifications that are due, oldest first,
// hands them to the mail transport in one batch and records what became of
// each. A notification is marked sent only after the transport took it, so
// a crash in between sends it again, with the same Message-ID (at least
// once, never lost). Temporary failures are retried with exponential
// backoff until `give_up_after` has passed since the notification was
// made; permanent ones give up at once. Not thread-safe: one delivery
// thread per installation.

#include <functional>
#include <optional>
#include <string>

#include "absl/status/statusor.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "domain/ports/mail.h"
#include "domain/ports/unit_of_work.h"

namespace trainhub::domain {

struct MailDeliveryOptions {
  std::string from_address;  // the envelope and From: sender
  std::string from_name = "trainhub";
  int batch_size = 50;  // mails per connection
  absl::Duration first_retry = absl::Minutes(1);
  absl::Duration longest_retry = absl::Hours(12);
  absl::Duration give_up_after = absl::Hours(72);
};

// What one pass did.
struct DeliveryPass {
  int sent = 0;
  int retrying = 0;  // failed for now, due again later
  int given_up = 0;
  bool batch_full = false;  // more may be due at once
};

class MailDelivery {
 public:
  using Clock = std::function<absl::Time()>;
  // `store` and `transport` must outlive this object.
  MailDelivery(Store& store, MailTransport& transport, MailDeliveryOptions options,
               Clock clock = [] { return absl::Now(); });

  // Sends one batch of what is due now and records the outcomes.
  absl::StatusOr<DeliveryPass> DeliverDue();

  // The wait before the next attempt after `attempts` failed ones.
  absl::Duration RetryDelay(int attempts) const;

  const MailDeliveryOptions& options() const { return options_; }

 private:
  Store& store_;
  MailTransport& transport_;
  MailDeliveryOptions options_;
  Clock clock_;
  std::string uid_domain_;  // read once, for Message-IDs
};

}  // namespace trainhub::domain

#endif  // TRAINHUB_SERVICES_DOMAIN_NOTIFICATIONS_MAIL_DELIVERY_H_
