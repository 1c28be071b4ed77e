#include "store/schema_notifications.h"

#include <array>

namespace trainhub::store {
namespace {

// The outbox (domain/ports/notifications.h). A notification keeps the ids
// of what it is about without foreign keys: it is the record of a mail and
// outlives a deleted draft series. Pending ones are found through a partial
// index, so finding what is due costs the same however many were sent.
constexpr char kMigration23[] = R"sql(
CREATE TABLE notification (
  id                INTEGER PRIMARY KEY,
  kind              INTEGER NOT NULL,
  recipient_kind    INTEGER NOT NULL,
  recipient_id      INTEGER NOT NULL,
  recipient_name    TEXT    NOT NULL,
  recipient_address TEXT    NOT NULL,
  language          TEXT    NOT NULL,
  organization_id   INTEGER NOT NULL,  -- 0: none
  series_id         INTEGER NOT NULL,  -- 0: none
  enrolment_id      INTEGER NOT NULL,  -- 0: none
  subject           TEXT    NOT NULL,
  body              TEXT    NOT NULL,
  status            INTEGER NOT NULL,  -- domain::NotificationStatus
  create_time       INTEGER NOT NULL,
  next_attempt_time INTEGER NOT NULL,
  attempts          INTEGER NOT NULL DEFAULT 0,
  sent_time         INTEGER,
  last_answer       TEXT    NOT NULL DEFAULT '',
  body_purge_time   INTEGER
) STRICT;
CREATE INDEX notification_due ON notification(next_attempt_time, id) WHERE status = 1;
CREATE INDEX notification_by_series ON notification(series_id, id);
CREATE INDEX notification_by_organization ON notification(organization_id, id);
CREATE INDEX notification_by_recipient ON notification(recipient_kind, recipient_id, id);

CREATE TABLE notification_attempt (
  id              INTEGER PRIMARY KEY,
  notification_id INTEGER NOT NULL REFERENCES notification(id),
  time            INTEGER NOT NULL,
  status_after    INTEGER NOT NULL,
  reply_code      INTEGER NOT NULL,
  answer          TEXT    NOT NULL
) STRICT;
CREATE INDEX notification_attempt_by_notification ON notification_attempt(notification_id, id);
)sql";

constexpr std::array<Migration, 1> kNotificationMigrations = {{{kMigration23}}};

}  // namespace

std::span<const Migration> NotificationMigrations() { return kNotificationMigrations; }

}  // namespace trainhub::store
