#ifndef TRAINHUB_SERVICES_DOMAIN_PORTS_NOTIFICATIONS_H_
#define TRAINHUB_SERVICES_DOMAIN_PORTS_NOTIFICATIONS_H_

// Storage port of the notification outbox: the e-mails owed to people,
// appended in the unit of work of the change they tell of, and what their
// delivery attempts found.

#include <optional>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "domain/model.h"
#include "domain/model_notifications.h"
#include "domain/ports/page.h"

namespace trainhub::domain {

struct NotificationFilter {
  Id organization_id = 0;  // 0: any
  Id series_id = 0;        // 0: any
  std::optional<RecipientKind> recipient_kind;  // with recipient_id: one person's
  Id recipient_id = 0;
  std::optional<NotificationStatus> status;
};

// How many notifications are pending, and the earliest time one of them is
// due.
struct OutboxDepth {
  int64_t pending = 0;
  std::optional<absl::Time> oldest_due;  // the earliest next_attempt_time
};

class NotificationReader {
 public:
  virtual ~NotificationReader() = default;
  // NOT_FOUND naming notification_id when there is none.
  virtual absl::StatusOr<Notification> Get(Id id) = 0;
  // Newest first (create time, then id).
  virtual absl::StatusOr<Page<Notification>> List(const NotificationFilter& filter,
                                                  const PageRequest& page) = 0;
  // The attempts of one notification, oldest first.
  virtual absl::StatusOr<std::vector<DeliveryAttempt>> Attempts(Id notification_id) = 0;
  // The pending notifications due at `now`, the longest due first; at most
  // `limit`. Index-backed: its cost does not grow with sent ones.
  virtual absl::StatusOr<std::vector<Notification>> Due(absl::Time now, int limit) = 0;
  // The pending notifications' count and earliest due time.
  virtual absl::StatusOr<OutboxDepth> Depth() = 0;
};

class NotificationWriter : public NotificationReader {
 public:
  // Appends `n` (pending); returns its id.
  virtual absl::StatusOr<Id> Append(const Notification& n) = 0;
  // Records `attempt` and moves its notification to `attempt.status_after`
  // (pending again not before `next_attempt_time`), counting the attempt.
  virtual absl::Status RecordAttempt(const DeliveryAttempt& attempt,
                                     absl::Time next_attempt_time) = 0;
  // For an erasure: removes the name, address, subject and body of every
  // notification to the recipient and the server answers about them (which
  // may quote the address), keeping kind, status and times for the counts;
  // pending ones are dropped, never sent. Returns how many were erased.
  virtual absl::StatusOr<int64_t> EraseMailTo(RecipientKind kind, Id recipient_id,
                                              absl::Time now) = 0;
};

}  // namespace trainhub::domain

#endif  // TRAINHUB_SERVICES_DOMAIN_PORTS_NOTIFICATIONS_H_
