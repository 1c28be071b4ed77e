#include "store/sqlite_notification_store.h"

#include <string>
#include <utility>

#include "absl/strings/str_cat.h"
#include "domain/status_macros.h"

namespace trainhub::store {

using domain::Id;
using domain::Notification;

namespace {

constexpr char kNotificationColumns[] =
    "SELECT id, kind, recipient_kind, recipient_id, recipient_name, recipient_address, language,"
    " organization_id, series_id, enrolment_id, subject, body, status, create_time,"
    " next_attempt_time, attempts, sent_time, last_answer, body_purge_time FROM notification";

Notification ReadNotification(SQLite::Statement& q) {
  Notification n;
  n.id = q.getColumn(0).getInt64();
  n.kind = static_cast<domain::NotificationKind>(q.getColumn(1).getInt());
  n.recipient.kind = static_cast<domain::RecipientKind>(q.getColumn(2).getInt());
  n.recipient.id = q.getColumn(3).getInt64();
  n.recipient.name = q.getColumn(4).getString();
  n.recipient.address = q.getColumn(5).getString();
  n.recipient.language = q.getColumn(6).getString();
  n.organization_id = q.getColumn(7).getInt64();
  n.series_id = q.getColumn(8).getInt64();
  n.enrolment_id = q.getColumn(9).getInt64();
  n.subject = q.getColumn(10).getString();
  n.body = q.getColumn(11).getString();
  n.status = static_cast<domain::NotificationStatus>(q.getColumn(12).getInt());
  n.create_time = absl::FromUnixMicros(q.getColumn(13).getInt64());
  n.next_attempt_time = absl::FromUnixMicros(q.getColumn(14).getInt64());
  n.attempts = q.getColumn(15).getInt();
  n.sent_time = OptionalTimeOf(q.getColumn(16));
  n.last_answer = q.getColumn(17).getString();
  n.body_purge_time = OptionalTimeOf(q.getColumn(18));
  return n;
}

}  // namespace

absl::StatusOr<Notification> SqliteNotificationStore::Get(Id id) {
  return Guarded("GetNotification", [&]() -> absl::StatusOr<Notification> {
    auto& q = sql_.Prepare(absl::StrCat(kNotificationColumns, " WHERE id = ?"));
    q.bind(1, id);
    if (!q.executeStep()) return NotFound("notification", id);
    return ReadNotification(q);
  });
}

absl::StatusOr<domain::Page<Notification>> SqliteNotificationStore::List(
    const domain::NotificationFilter& filter, const domain::PageRequest& page) {
  return Guarded("ListNotifications", [&]() -> absl::StatusOr<domain::Page<Notification>> {
    // Newest first: ids grow with time. Only the filters given become
    // conditions, so each shape of filter reads its own index.
    std::string sql = absl::StrCat(kNotificationColumns, " WHERE 1");
    if (filter.organization_id != 0) absl::StrAppend(&sql, " AND organization_id = :org");
    if (filter.series_id != 0) absl::StrAppend(&sql, " AND series_id = :series");
    if (filter.recipient_kind) {
      absl::StrAppend(&sql, " AND recipient_kind = :rkind AND recipient_id = :rid");
    }
    if (filter.status) absl::StrAppend(&sql, " AND status = :status");
    if (page.after) absl::StrAppend(&sql, " AND id < :after");
    absl::StrAppend(&sql, " ORDER BY id DESC LIMIT :limit");
    auto& q = sql_.Prepare(sql);
    if (filter.organization_id != 0) q.bind(":org", filter.organization_id);
    if (filter.series_id != 0) q.bind(":series", filter.series_id);
    if (filter.recipient_kind) {
      q.bind(":rkind", static_cast<int>(*filter.recipient_kind));
      q.bind(":rid", filter.recipient_id);
    }
    if (filter.status) q.bind(":status", static_cast<int>(*filter.status));
    if (page.after) q.bind(":after", page.after->id);
    q.bind(":limit", page.limit + 1);
    std::vector<Notification> items;
    while (q.executeStep()) items.push_back(ReadNotification(q));
    return MakePage(std::move(items), page, [](const Notification& n) { return n.id; });
  });
}

absl::StatusOr<std::vector<domain::DeliveryAttempt>> SqliteNotificationStore::Attempts(
    Id notification_id) {
  return Guarded("ListDeliveryAttempts",
                 [&]() -> absl::StatusOr<std::vector<domain::DeliveryAttempt>> {
                   auto& q = sql_.Prepare(
                       "SELECT time, status_after, reply_code, answer FROM notification_attempt"
                       " WHERE notification_id = ? ORDER BY id");
                   q.bind(1, notification_id);
                   std::vector<domain::DeliveryAttempt> out;
                   while (q.executeStep()) {
                     domain::DeliveryAttempt a;
                     a.notification_id = notification_id;
                     a.time = absl::FromUnixMicros(q.getColumn(0).getInt64());
                     a.status_after =
                         static_cast<domain::NotificationStatus>(q.getColumn(1).getInt());
                     a.reply_code = q.getColumn(2).getInt();
                     a.answer = q.getColumn(3).getString();
                     out.push_back(std::move(a));
                   }
                   return out;
                 });
}

absl::StatusOr<std::vector<Notification>> SqliteNotificationStore::Due(absl::Time now,
                                                                        int limit) {
  return Guarded("DueNotifications", [&]() -> absl::StatusOr<std::vector<Notification>> {
    auto& q = sql_.Prepare(absl::StrCat(kNotificationColumns,
                                        " WHERE status = 1 AND next_attempt_time <= ?"
                                        " ORDER BY next_attempt_time, id LIMIT ?"));
    q.bind(1, Micros(now));
    q.bind(2, limit);
    std::vector<Notification> out;
    while (q.executeStep()) out.push_back(ReadNotification(q));
    return out;
  });
}

absl::StatusOr<domain::OutboxDepth> SqliteNotificationStore::Depth() {
  return Guarded("OutboxDepth", [&]() -> absl::StatusOr<domain::OutboxDepth> {
    auto& q = sql_.Prepare(
        "SELECT count(*), min(next_attempt_time) FROM notification WHERE status = 1");
    q.executeStep();
    domain::OutboxDepth depth;
    depth.pending = q.getColumn(0).getInt64();
    depth.oldest_due = OptionalTimeOf(q.getColumn(1));
    return depth;
  });
}

absl::StatusOr<Id> SqliteNotificationStore::Append(const Notification& n) {
  return Guarded("AppendNotification", [&]() -> absl::StatusOr<Id> {
    auto& q = sql_.Prepare(
        "INSERT INTO notification (kind, recipient_kind, recipient_id, recipient_name,"
        " recipient_address, language, organization_id, series_id, enrolment_id, subject, body,"
        " status, create_time, next_attempt_time) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    q.bind(1, static_cast<int>(n.kind));
    q.bind(2, static_cast<int>(n.recipient.kind));
    q.bind(3, n.recipient.id);
    q.bind(4, n.recipient.name);
    q.bind(5, n.recipient.address);
    q.bind(6, n.recipient.language);
    q.bind(7, n.organization_id);
    q.bind(8, n.series_id);
    q.bind(9, n.enrolment_id);
    q.bind(10, n.subject);
    q.bind(11, n.body);
    q.bind(12, static_cast<int>(n.status));
    q.bind(13, Micros(n.create_time));
    q.bind(14, Micros(n.next_attempt_time));
    q.exec();
    return sql_.db().getLastInsertRowid();
  });
}

absl::Status SqliteNotificationStore::RecordAttempt(const domain::DeliveryAttempt& attempt,
                                                    absl::Time next_attempt_time) {
  return Guarded("RecordDeliveryAttempt", [&]() -> absl::Status {
    auto& update = sql_.Prepare(
        "UPDATE notification SET status = ?, attempts = attempts + 1, next_attempt_time = ?,"
        " last_answer = ?, sent_time = CASE WHEN ? = 2 THEN ? ELSE sent_time END WHERE id = ?");
    const int status = static_cast<int>(attempt.status_after);
    update.bind(1, status);
    update.bind(2, Micros(next_attempt_time));
    update.bind(3, attempt.answer);
    update.bind(4, status);
    update.bind(5, Micros(attempt.time));
    update.bind(6, attempt.notification_id);
    update.exec();
    TH_RETURN_IF_ERROR(CheckChanged(sql_.db(), "notification", attempt.notification_id));
    auto& insert = sql_.Prepare(
        "INSERT INTO notification_attempt (notification_id, time, status_after, reply_code,"
        " answer) VALUES (?, ?, ?, ?, ?)");
    insert.bind(1, attempt.notification_id);
    insert.bind(2, Micros(attempt.time));
    insert.bind(3, status);
    insert.bind(4, attempt.reply_code);
    insert.bind(5, attempt.answer);
    insert.exec();
    return absl::OkStatus();
  });
}

absl::StatusOr<int64_t> SqliteNotificationStore::EraseMailTo(domain::RecipientKind kind,
                                                             Id recipient_id, absl::Time now) {
  return Guarded("EraseMailTo", [&]() -> absl::StatusOr<int64_t> {
    auto& answers = sql_.Prepare(
        "UPDATE notification_attempt SET answer = '' WHERE notification_id IN"
        " (SELECT id FROM notification WHERE recipient_kind = ? AND recipient_id = ?)");
    answers.bind(1, static_cast<int>(kind));
    answers.bind(2, recipient_id);
    answers.exec();
    auto& mails = sql_.Prepare(
        "UPDATE notification SET recipient_name = '', recipient_address = '', subject = '',"
        " body = '', last_answer = '', body_purge_time = ?,"
        " status = CASE WHEN status = 1 THEN 4 ELSE status END"
        " WHERE recipient_kind = ? AND recipient_id = ?");
    mails.bind(1, Micros(now));
    mails.bind(2, static_cast<int>(kind));
    mails.bind(3, recipient_id);
    return static_cast<int64_t>(mails.exec());
  });
}

}  // namespace trainhub::store
