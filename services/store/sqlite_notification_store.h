#ifndef TRAINHUB_SERVICES_STORE_SQLITE_NOTIFICATION_STORE_H_
#define TRAINHUB_SERVICES_STORE_SQLITE_NOTIFICATION_STORE_H_

// The SQLite side of domain::NotificationWriter: the notification outbox
// and its delivery attempts (schema_notifications.cc).

#include <vector>

#include "domain/ports/notifications.h"
#include "store/sql_support.h"

namespace trainhub::store {

class SqliteNotificationStore : public domain::NotificationWriter {
 public:
  // `sql` must outlive this object.
  explicit SqliteNotificationStore(Sql& sql) : sql_(sql) {}

  absl::StatusOr<domain::Notification> Get(domain::Id id) override;
  absl::StatusOr<domain::Page<domain::Notification>> List(
      const domain::NotificationFilter& filter, const domain::PageRequest& page) override;
  absl::StatusOr<std::vector<domain::DeliveryAttempt>> Attempts(
      domain::Id notification_id) override;
  absl::StatusOr<std::vector<domain::Notification>> Due(absl::Time now, int limit) override;
  absl::StatusOr<domain::OutboxDepth> Depth() override;

  absl::StatusOr<domain::Id> Append(const domain::Notification& n) override;
  absl::Status RecordAttempt(const domain::DeliveryAttempt& attempt,
                             absl::Time next_attempt_time) override;
  absl::StatusOr<int64_t> EraseMailTo(domain::RecipientKind kind, domain::Id recipient_id,
                                      absl::Time now) override;

 private:
  Sql& sql_;
};

}  // namespace trainhub::store

#endif  // TRAINHUB_SERVICES_STORE_SQLITE_NOTIFICATION_STORE_H_
