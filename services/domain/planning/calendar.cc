#include "domain/planning/calendar.h"

#include <libical/ical.h>

#include <memory>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "domain/berlin_time.h"

namespace trainhub::domain {
namespace {

struct ComponentDeleter {
  void operator()(icalcomponent* c) const { icalcomponent_free(c); }
};
using ComponentPtr = std::unique_ptr<icalcomponent, ComponentDeleter>;

// Europe/Berlin under the EU summer-time rule (in force since 1996, so for
// every time a session may have). Local times in the file come from the
// system's tzdata; calendar_test checks that both agree.
constexpr char kBerlinVtimezone[] =
    "BEGIN:VTIMEZONE\r\n"
    "TZID:Europe/Berlin\r\n"
    "X-LIC-LOCATION:Europe/Berlin\r\n"
    "BEGIN:DAYLIGHT\r\n"
    "TZNAME:CEST\r\n"
    "TZOFFSETFROM:+0100\r\n"
    "TZOFFSETTO:+0200\r\n"
    "DTSTART:19700329T020000\r\n"
    "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU\r\n"
    "END:DAYLIGHT\r\n"
    "BEGIN:STANDARD\r\n"
    "TZNAME:CET\r\n"
    "TZOFFSETFROM:+0200\r\n"
    "TZOFFSETTO:+0100\r\n"
    "DTSTART:19701025T030000\r\n"
    "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU\r\n"
    "END:STANDARD\r\n"
    "END:VTIMEZONE\r\n";

// DTSTART/DTEND-style property with the local wall-clock time and TZID.
icalproperty* LocalTime(icalproperty* (*make)(struct icaltimetype), absl::Time t) {
  const absl::CivilSecond local = absl::ToCivilSecond(t, DisplayTimeZone());
  icaltimetype value = icaltime_null_time();
  value.year = static_cast<int>(local.year());
  value.month = local.month();
  value.day = local.day();
  value.hour = local.hour();
  value.minute = local.minute();
  value.second = local.second();
  icalproperty* prop = make(value);
  icalproperty_add_parameter(prop, icalparameter_new_tzid(kDisplayTimeZone));
  return prop;
}

std::string Summary(const Session& s) {
  return absl::StrCat(s.series_title, " – Modul ", s.module_position, ": ", s.module_title);
}

std::string Description(const Session& s) {
  std::vector<std::string> lines;
  for (const TrainerBooking& b : s.trainers) {
    if (b.status == BookingStatus::kDeclined) continue;
    lines.push_back(absl::StrCat(b.trainer_name, " (", ToString(b.status), ")"));
  }
  std::string text;
  if (!lines.empty()) text = absl::StrCat("Trainer: ", absl::StrJoin(lines, ", "));
  if (!s.note.empty()) absl::StrAppend(&text, text.empty() ? "" : "\n", s.note);
  return text;
}

icalproperty_status EventStatusValue(const Session& s, const CalendarOptions& options) {
  if (options.all_cancelled || s.series_status == SeriesStatus::kCancelled) {
    return ICAL_STATUS_CANCELLED;
  }
  if (s.series_status == SeriesStatus::kDraft || s.series_status == SeriesStatus::kPlanned) {
    return ICAL_STATUS_TENTATIVE;
  }
  bool any = false;
  for (const TrainerBooking& b : s.trainers) {
    if (b.status == BookingStatus::kDeclined) continue;
    if (options.for_trainer != 0 && b.trainer_id != options.for_trainer) continue;
    if (b.status != BookingStatus::kConfirmed) return ICAL_STATUS_TENTATIVE;
    any = true;
  }
  return any ? ICAL_STATUS_CONFIRMED : ICAL_STATUS_TENTATIVE;
}

}  // namespace

std::string EventStatus(const Session& session, const CalendarOptions& options) {
  return icalproperty_status_to_string(EventStatusValue(session, options));
}

std::string RenderCalendar(const std::vector<Session>& sessions, const CalendarOptions& options,
                           absl::Time stamp) {
  ComponentPtr calendar(icalcomponent_new(ICAL_VCALENDAR_COMPONENT));
  icalcomponent_add_property(calendar.get(), icalproperty_new_version("2.0"));
  icalcomponent_add_property(calendar.get(), icalproperty_new_prodid("-//trainhub//trainhub//EN"));
  icalcomponent_add_property(calendar.get(), icalproperty_new_calscale("GREGORIAN"));
  icalcomponent_add_property(calendar.get(), icalproperty_new_method(ICAL_METHOD_PUBLISH));
  if (!options.name.empty()) {
    icalproperty* name = icalproperty_new_x(options.name.c_str());
    icalproperty_set_x_name(name, "X-WR-CALNAME");
    icalcomponent_add_property(calendar.get(), name);
  }
  icalcomponent_add_component(calendar.get(), icalparser_parse_string(kBerlinVtimezone));
  const icaltimetype dtstamp = icaltime_from_timet_with_zone(
      static_cast<time_t>(absl::ToUnixSeconds(stamp)), 0, icaltimezone_get_utc_timezone());
  for (const Session& s : sessions) {
    icalcomponent* event = icalcomponent_new(ICAL_VEVENT_COMPONENT);
    const std::string uid = absl::StrCat("session-", s.id, "@", options.uid_domain);
    icalcomponent_add_property(event, icalproperty_new_uid(uid.c_str()));
    icalcomponent_add_property(event, icalproperty_new_dtstamp(dtstamp));
    icalcomponent_add_property(event, LocalTime(icalproperty_new_dtstart, s.start));
    icalcomponent_add_property(event, LocalTime(icalproperty_new_dtend, s.end));
    icalcomponent_add_property(event, icalproperty_new_summary(Summary(s).c_str()));
    if (!s.place.name.empty() || !s.place.address.empty()) {
      std::string location = s.place.name;
      if (!s.place.address.empty()) {
        absl::StrAppend(&location, location.empty() ? "" : ", ", s.place.address);
      }
      icalcomponent_add_property(event, icalproperty_new_location(location.c_str()));
    }
    if (std::string description = Description(s); !description.empty()) {
      icalcomponent_add_property(event, icalproperty_new_description(description.c_str()));
    }
    icalcomponent_add_property(event, icalproperty_new_status(EventStatusValue(s, options)));
    icalcomponent_add_component(calendar.get(), event);
  }
  char* text = icalcomponent_as_ical_string_r(calendar.get());
  std::string out(text);
  free(text);
  return out;
}

}  // namespace trainhub::domain
