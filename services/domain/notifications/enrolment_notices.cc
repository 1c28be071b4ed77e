#include "domain/notifications/enrolment_notices.h"

#include <string>
#include <utility>
#include <vector>

#include "domain/message.h"
#include "domain/notifications/notice_templates.h"
#include "domain/notifications/outbox.h"
#include "domain/status_macros.h"

namespace trainhub::domain {

NotificationKind NoticeForStep(const Series& series, EnrolmentState from, EnrolmentState to,
                               bool by_the_person) {
  using S = EnrolmentState;
  using K = NotificationKind;
  switch (to) {
    case S::kPendingApproval:
      return K::kEnrolmentReceived;
    case S::kWaitlisted:
      return K::kWaitlisted;
    case S::kEnrolled:
      return from == S::kWaitlisted ? K::kPromoted : K::kSeatConfirmed;
    case S::kWithdrawn:
      if (series.status == SeriesStatus::kCancelled) return K::kSeriesCancelled;
      return by_the_person ? K::kUnspecified : K::kWithdrawnByCoordinator;
    case S::kRejected:
      return K::kEnrolmentRejected;
    case S::kReleased:
      return K::kSeatReleased;
    case S::kConfirmed:
    case S::kUnspecified:
      break;
  }
  return K::kUnspecified;
}

absl::Status NoticeEnrolmentStep(UnitOfWork& w, const Series& series, const Enrolment& e,
                                 EnrolmentState from, absl::string_view reason,
                                 bool by_the_person, absl::Time now) {
  const NotificationKind kind = NoticeForStep(series, from, e.state, by_the_person);
  if (kind == NotificationKind::kUnspecified) return absl::OkStatus();
  TH_ASSIGN_OR_RETURN(std::optional<NotificationRecipient> to,
                      ParticipantRecipient(w, e.participant_id));
  if (!to) return absl::OkStatus();
  TH_ASSIGN_OR_RETURN(Organization organization, w.organizations().Get(series.organization_id));
  const std::string told_reason =
      kind == NotificationKind::kSeriesCancelled ? series.cancellation_reason : std::string(reason);
  std::vector<MessageArg> args = {
      {"name", to->name},
      {"series", series.title},
      {"organization", organization.name},
      {"reason", told_reason},
      {"has_reason", told_reason.empty() ? "no" : "yes"},
      {"confirm", "no"},
      {"deadline", ""},
      {"position", "0"},
  };
  if (series.requires_confirmation && series.confirmation_deadline &&
      (kind == NotificationKind::kSeatConfirmed || kind == NotificationKind::kPromoted)) {
    args[5] = {"confirm", "yes"};
    args[6] = {"deadline", FormatWhen(*series.confirmation_deadline, to->language)};
  }
  if (kind == NotificationKind::kWaitlisted) {
    TH_ASSIGN_OR_RETURN(Enrolment placed, w.enrolments().Get(e.id));
    args[7] = {"position", placed.waitlist_position};
  }
  Notification n;
  n.kind = kind;
  n.organization_id = series.organization_id;
  n.series_id = series.id;
  n.enrolment_id = e.id;
  return AppendNotice(w, std::move(n), *std::move(to), args, now);
}

}  // namespace trainhub::domain
