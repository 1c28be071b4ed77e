#include "domain/notifications/mail_delivery.h"

#include <algorithm>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "domain/model_notifications.h"
#include "domain/notifications/outbox.h"
#include "domain/status_macros.h"

namespace trainhub::domain {
namespace {

// Longest mail server answer kept per attempt, in bytes (cut at a UTF-8
// character boundary).
constexpr size_t kMaxAnswerBytes = 1000;

std::string Bounded(std::string answer) {
  if (answer.size() <= kMaxAnswerBytes) return answer;
  size_t end = kMaxAnswerBytes;
  while (end > 0 && (static_cast<unsigned char>(answer[end]) & 0xC0) == 0x80) --end;
  answer.resize(end);
  return answer;
}

}  // namespace

MailDelivery::MailDelivery(Store& store, MailTransport& transport, MailDeliveryOptions options,
                           Clock clock)
    : store_(store),
      transport_(transport),
      options_(std::move(options)),
      clock_(std::move(clock)) {}

absl::Duration MailDelivery::RetryDelay(int attempts) const {
  absl::Duration delay = options_.first_retry;
  for (int i = 1; i < attempts && delay < options_.longest_retry; ++i) delay *= 2;
  return std::min(delay, options_.longest_retry);
}

absl::StatusOr<DeliveryPass> MailDelivery::DeliverDue() {
  const absl::Time now = clock_();
  std::vector<Notification> due;
  TH_RETURN_IF_ERROR(store_.Read([&](ReadView& r) -> absl::Status {
    if (uid_domain_.empty()) {
      TH_ASSIGN_OR_RETURN(uid_domain_, r.installation().UidDomain());
    }
    TH_ASSIGN_OR_RETURN(due, r.notifications().Due(now, options_.batch_size));
    return absl::OkStatus();
  }));
  DeliveryPass pass;
  if (due.empty()) return pass;
  pass.batch_full = static_cast<int>(due.size()) >= options_.batch_size;

  std::vector<Mail> batch;
  batch.reserve(due.size());
  for (const Notification& n : due) {
    Mail m;
    m.message_id = MessageIdOf(n, uid_domain_);
    m.from_name = options_.from_name;
    m.from_address = options_.from_address;
    m.to_name = n.recipient.name;
    m.to_address = n.recipient.address;
    m.subject = n.subject;
    m.text_body = n.body;
    m.date = n.create_time;
    m.language = n.recipient.language;
    batch.push_back(std::move(m));
  }
  std::vector<MailResult> results = transport_.Send(batch);
  results.resize(due.size(), MailResult{MailResult::Outcome::kTemporary, 0,
                                        "the mail transport gave no answer for this mail"});

  std::vector<std::pair<DeliveryAttempt, absl::Time>> outcomes;  // with the next due time
  outcomes.reserve(due.size());
  for (size_t i = 0; i < due.size(); ++i) {
    const Notification& n = due[i];
    const MailResult& result = results[i];
    DeliveryAttempt attempt;
    attempt.notification_id = n.id;
    attempt.time = now;
    attempt.reply_code = result.reply_code;
    attempt.answer = Bounded(result.answer);
    absl::Time next = now;
    switch (result.outcome) {
      case MailResult::Outcome::kDelivered:
        attempt.status_after = NotificationStatus::kSent;
        ++pass.sent;
        break;
      case MailResult::Outcome::kPermanent:
        attempt.status_after = NotificationStatus::kGivenUp;
        ++pass.given_up;
        break;
      case MailResult::Outcome::kTemporary:
        next = now + RetryDelay(n.attempts + 1);
        if (next - n.create_time > options_.give_up_after) {
          attempt.status_after = NotificationStatus::kGivenUp;
          ++pass.given_up;
        } else {
          attempt.status_after = NotificationStatus::kPending;
          ++pass.retrying;
        }
        break;
    }
    outcomes.emplace_back(std::move(attempt), next);
  }
  TH_RETURN_IF_ERROR(store_.Write([&](UnitOfWork& w) -> absl::Status {
    for (const auto& [attempt, next] : outcomes) {
      TH_RETURN_IF_ERROR(w.notifications().RecordAttempt(attempt, next));
    }
    return absl::OkStatus();
  }));
  return pass;
}

}  // namespace trainhub::domain
