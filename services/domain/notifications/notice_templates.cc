#include "domain/notifications/notice_templates.h"

#include <unicode/datefmt.h>
#include <unicode/locid.h>
#include <unicode/timezone.h>
#include <unicode/unistr.h>

#include <memory>
#include <optional>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"

namespace trainhub::domain {
namespace {

struct Wording {
  std::string subject;
  std::string body;
};

struct NoticeTemplate {
  NotificationKind kind;
  Wording de;
  Wording en;
};

// Said under every body: who sent it on whose behalf.
const char kFooterDe[] =
    "\n-- \nDiese Nachricht hat trainhub im Auftrag von {organization} automatisch versandt.\n";
const char kFooterEn[] =
    "\n-- \ntrainhub sent this message automatically on behalf of {organization}.\n";

// A binding confirmation due by {deadline}, when {confirm} is "yes".
const char kConfirmDe[] =
    "{confirm, select, yes {\nBitte bestätigen Sie Ihre Teilnahme verbindlich bis {deadline}. "
    "Ohne Ihre Bestätigung kann der Platz danach an die nächste Person auf der Warteliste "
    "gehen.\n} other {}}";
const char kConfirmEn[] =
    "{confirm, select, yes {\nPlease confirm your participation bindingly by {deadline}. "
    "Without your confirmation the seat may then go to the next person on the waiting list.\n} "
    "other {}}";

// The reason given for a step, when {has_reason} is "yes".
const char kReasonDe[] = "{has_reason, select, yes {\nBegründung: {reason}\n} other {}}";
const char kReasonEn[] = "{has_reason, select, yes {\nReason: {reason}\n} other {}}";

const char kQuestionsDe[] =
    "\nBei Fragen wenden Sie sich bitte an die Koordination von {organization}.\n";
const char kQuestionsEn[] =
    "\nIf you have questions, please contact the coordinators of {organization}.\n";

// The reviewed wording; German addresses people formally (Sie).
std::vector<NoticeTemplate> MakeCatalogue() {
  using K = NotificationKind;
  return {
      {K::kEnrolmentReceived,
       {"Anmeldung eingegangen: {series}",
        "Guten Tag {name},\n\nIhre Anmeldung zu „{series}“ ist eingegangen. Die Koordination von "
        "{organization} prüft sie und schreibt Ihnen, sobald entschieden ist. Sie müssen nichts "
        "weiter tun.\n"},
       {"Enrolment received: {series}",
        "Hello {name},\n\nyour enrolment in “{series}” has arrived. The coordinators of "
        "{organization} will review it and write to you once it is decided. There is nothing "
        "else you need to do.\n"}},
      {K::kSeatConfirmed,
       {"Ihr Platz ist sicher: {series}",
        absl::StrCat("Guten Tag {name},\n\nSie haben einen Platz in „{series}“.\n", kConfirmDe,
                     kQuestionsDe)},
       {"Your seat is confirmed: {series}",
        absl::StrCat("Hello {name},\n\nyou have a seat in “{series}”.\n", kConfirmEn,
                     kQuestionsEn)}},
      {K::kWaitlisted,
       {"Warteliste: {series}",
        "Guten Tag {name},\n\n„{series}“ ist zurzeit ausgebucht. Sie stehen auf der Warteliste "
        "an Position {position}. Wird ein Platz frei, rücken Sie der Reihe nach automatisch "
        "nach, und wir schreiben Ihnen sofort.\n"},
       {"Waiting list: {series}",
        "Hello {name},\n\n“{series}” is fully booked at the moment. You are on the waiting list "
        "at position {position}. When a seat becomes free, people move up in order "
        "automatically, and we will write to you at once.\n"}},
      {K::kPromoted,
       {"Ein Platz ist frei geworden: {series}",
        absl::StrCat("Guten Tag {name},\n\nin „{series}“ ist ein Platz frei geworden: Sie sind "
                     "von der Warteliste nachgerückt und haben jetzt einen Platz.\n",
                     kConfirmDe, kQuestionsDe)},
       {"A seat became free: {series}",
        absl::StrCat("Hello {name},\n\na seat in “{series}” became free: you have moved up from "
                     "the waiting list and now have a seat.\n",
                     kConfirmEn, kQuestionsEn)}},
      {K::kWithdrawnByCoordinator,
       {"Ihre Anmeldung wurde zurückgezogen: {series}",
        absl::StrCat("Guten Tag {name},\n\ndie Koordination von {organization} hat Ihre "
                     "Anmeldung zu „{series}“ zurückgezogen.\n",
                     kReasonDe, kQuestionsDe)},
       {"Your enrolment was withdrawn: {series}",
        absl::StrCat("Hello {name},\n\nthe coordinators of {organization} have withdrawn your "
                     "enrolment in “{series}”.\n",
                     kReasonEn, kQuestionsEn)}},
      {K::kEnrolmentRejected,
       {"Ihre Anmeldung wurde nicht angenommen: {series}",
        absl::StrCat("Guten Tag {name},\n\ndie Koordination von {organization} hat Ihre "
                     "Anmeldung zu „{series}“ leider nicht angenommen.\n",
                     kReasonDe, kQuestionsDe)},
       {"Your enrolment was not accepted: {series}",
        absl::StrCat("Hello {name},\n\nunfortunately the coordinators of {organization} have "
                     "not accepted your enrolment in “{series}”.\n",
                     kReasonEn, kQuestionsEn)}},
      {K::kSeatReleased,
       {"Ihr Platz wurde freigegeben: {series}",
        absl::StrCat("Guten Tag {name},\n\nSie haben Ihre Teilnahme an „{series}“ nicht "
                     "rechtzeitig bestätigt. Ihr Platz ging deshalb an die nächste Person auf "
                     "der Warteliste. Solange die Anmeldung offen ist, können Sie sich erneut "
                     "anmelden.\n",
                     kQuestionsDe)},
       {"Your seat was released: {series}",
        absl::StrCat("Hello {name},\n\nyou did not confirm your participation in “{series}” in "
                     "time, so your seat went to the next person on the waiting list. While "
                     "enrolment is open, you can enrol again.\n",
                     kQuestionsEn)}},
      {K::kSeriesCancelled,
       {"Abgesagt: {series}",
        absl::StrCat("Guten Tag {name},\n\n{organization} hat „{series}“ abgesagt. Ihre "
                     "Anmeldung ist damit beendet.\n",
                     kReasonDe, kQuestionsDe)},
       {"Cancelled: {series}",
        absl::StrCat("Hello {name},\n\n{organization} has cancelled “{series}”. Your enrolment "
                     "has ended with it.\n",
                     kReasonEn, kQuestionsEn)}},
  };
}

const NoticeTemplate* TemplateOf(NotificationKind kind) {
  static const std::vector<NoticeTemplate> catalogue = MakeCatalogue();
  for (const NoticeTemplate& t : catalogue) {
    if (t.kind == kind) return &t;
  }
  return nullptr;
}

}  // namespace

const std::vector<std::string>& NoticeLanguages() {
  static const std::vector<std::string> languages = {"de", "en"};
  return languages;
}

absl::StatusOr<NoticeText> RenderNotice(NotificationKind kind, absl::string_view language,
                                        const std::vector<MessageArg>& args) {
  const NoticeTemplate* found = TemplateOf(kind);
  if (found == nullptr) {
    return absl::InternalError(
        absl::StrCat("no e-mail template for notifications of kind ", ToString(kind)));
  }
  const bool english = language == "en";
  const Wording& wording = english ? found->en : found->de;
  const absl::string_view locale = english ? "en" : "de";
  std::optional<std::string> subject = FormatPattern(wording.subject, args, locale);
  std::optional<std::string> body =
      FormatPattern(absl::StrCat(wording.body, english ? kFooterEn : kFooterDe), args, locale);
  if (!subject || !body) {
    return absl::InternalError(absl::StrCat("the ", locale, " e-mail template of ",
                                            ToString(kind),
                                            " cannot be formatted with the values given"));
  }
  return NoticeText{*std::move(subject), *std::move(body)};
}

std::string FormatWhen(absl::Time t, absl::string_view language) {
  const icu::Locale locale = language == "en" ? icu::Locale("en", "GB") : icu::Locale("de", "DE");
  std::unique_ptr<icu::DateFormat> format(
      icu::DateFormat::createDateTimeInstance(icu::DateFormat::kFull, icu::DateFormat::kShort,
                                              locale));
  if (format == nullptr) return absl::StrCat(absl::FormatTime("%Y-%m-%d %H:%M", t, absl::UTCTimeZone()), " UTC");
  format->adoptTimeZone(icu::TimeZone::createTimeZone("Europe/Berlin"));
  icu::UnicodeString out;
  format->format(static_cast<UDate>(absl::ToUnixMillis(t)), out);
  std::string utf8;
  out.toUTF8String(utf8);
  return utf8;
}

}  // namespace trainhub::domain
