#ifndef TRAINHUB_SERVICES_DOMAIN_NOTIFICATIONS_NOTICE_TEMPLATES_H_
#define TRAINHUB_SERVICES_DOMAIN_NOTIFICATIONS_NOTICE_TEMPLATES_H_

// The catalogue of e-mail texts: for each notification kind a subject and a
// plain-text body in German (the default) and English, ICU MessageFormat
// patterns with named placeholders. Use cases never assemble mail text;
// they name the kind and give the placeholders' values.
//
// Placeholders (each kind uses some): {name} the recipient, {series} the
// series' title, {organization} who runs it, {position} a waiting-list
// position, {confirm} "yes"/"no" whether a binding confirmation is due and
// {deadline} until when, {reason} a reason meant for the recipient
// ({has_reason} "yes"/"no").

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "domain/message.h"
#include "domain/model_notifications.h"

namespace trainhub::domain {

struct NoticeText {
  std::string subject;
  std::string body;  // lines end in "\n"
};

// The texts of `kind` in `language` ("de"; "en"; anything else: German)
// with `args`. INTERNAL when the catalogue has no such kind or a pattern
// cannot be formatted with `args` (a programming error the catalogue's test
// finds).
absl::StatusOr<NoticeText> RenderNotice(NotificationKind kind, absl::string_view language,
                                        const std::vector<MessageArg>& args);

// `t` as people read it in `language`, in German local time: "Montag,
// 1. März 2027 um 10:00" / "Monday, 1 March 2027 at 10:00".
std::string FormatWhen(absl::Time t, absl::string_view language);

// The languages the catalogue has, the default first.
const std::vector<std::string>& NoticeLanguages();

}  // namespace trainhub::domain

#endif  // TRAINHUB_SERVICES_DOMAIN_NOTIFICATIONS_NOTICE_TEMPLATES_H_
