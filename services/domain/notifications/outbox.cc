#include "domain/notifications/outbox.h"

#include <utility>

#include "absl/strings/str_cat.h"
#include "domain/notifications/notice_templates.h"
#include "domain/status_macros.h"

namespace trainhub::domain {

absl::StatusOr<std::optional<NotificationRecipient>> ParticipantRecipient(ReadView& r,
                                                                          Id participant_id) {
  TH_ASSIGN_OR_RETURN(Participant p, r.participants().Get(participant_id));
  if (p.erasure || p.email.empty()) return std::optional<NotificationRecipient>();
  NotificationRecipient to;
  to.kind = RecipientKind::kParticipant;
  to.id = p.id;
  to.name = p.display_name;
  to.address = p.email;
  return std::optional<NotificationRecipient>(std::move(to));
}

absl::Status AppendNotice(UnitOfWork& w, Notification n, NotificationRecipient to,
                          const std::vector<MessageArg>& args, absl::Time now) {
  TH_ASSIGN_OR_RETURN(NoticeText text, RenderNotice(n.kind, to.language, args));
  n.recipient = std::move(to);
  n.subject = std::move(text.subject);
  n.body = std::move(text.body);
  n.status = NotificationStatus::kPending;
  n.create_time = now;
  n.next_attempt_time = now;
  return w.notifications().Append(n).status();
}

std::string MessageIdOf(const Notification& n, absl::string_view uid_domain) {
  return absl::StrCat("n", n.id, ".", absl::ToUnixMicros(n.create_time), "@", uid_domain);
}

}  // namespace trainhub::domain
