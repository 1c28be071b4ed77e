#include "domain/calendar.h"

#include <libical/ical.h>

#include <memory>
#include <mutex>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "domain/berlin_time.h"

namespace trainhub::domain {
namespace {

struct ComponentDeleter {
  void operator()(icalcomponent* c) const { icalcomponent_free(c); }
};
using ComponentPtr = std::unique_ptr<icalcomponent, ComponentDeleter>;

// libical's time zone cache and its TZID prefix are process-wide.
std::mutex& LibicalMutex() {
  static std::mutex mutex;
  return mutex;
}

icaltimezone* BerlinZone() {
  static icaltimezone* zone = [] {
    icaltimezone_set_tzid_prefix("");
    return icaltimezone_get_builtin_timezone(kDisplayTimeZone);
  }();
  return zone;
}

icalproperty* LocalTime(icalproperty* (*make)(struct icaltimetype),
                        absl::Time t, icaltimezone* zone) {
  icaltimetype local = icaltime_from_timet_with_zone(
      static_cast<time_t>(absl::ToUnixSeconds(t)), 0, zone);
  icalproperty* prop = make(local);
  icalparameter* tzid = icalproperty_get_first_parameter(prop, ICAL_TZID_PARAMETER);
  if (tzid == nullptr) {
    icalproperty_add_parameter(prop, icalparameter_new_tzid(kDisplayTimeZone));
  }
  return prop;
}

std::string Summary(const Session& s) {
  return absl::StrCat(s.series_title, " – Modul ", s.module_position, ": ",
                      s.module_title);
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

}  // namespace

std::string RenderCalendar(const std::vector<Session>& sessions,
                           const CalendarOptions& options, absl::Time stamp) {
  std::lock_guard<std::mutex> lock(LibicalMutex());
  icaltimezone* zone = BerlinZone();
  ComponentPtr calendar(icalcomponent_new(ICAL_VCALENDAR_COMPONENT));
  icalcomponent_add_property(calendar.get(), icalproperty_new_version("2.0"));
  icalcomponent_add_property(calendar.get(),
                             icalproperty_new_prodid("-//trainhub//trainhub//EN"));
  icalcomponent_add_property(calendar.get(), icalproperty_new_calscale("GREGORIAN"));
  icalcomponent_add_property(calendar.get(), icalproperty_new_method(ICAL_METHOD_PUBLISH));
  if (!options.name.empty()) {
    icalproperty* name = icalproperty_new_x(options.name.c_str());
    icalproperty_set_x_name(name, "X-WR-CALNAME");
    icalcomponent_add_property(calendar.get(), name);
  }
  if (zone != nullptr) {
    icalcomponent_add_component(
        calendar.get(), icalcomponent_new_clone(icaltimezone_get_component(zone)));
  }
  const icaltimetype dtstamp = icaltime_from_timet_with_zone(
      static_cast<time_t>(absl::ToUnixSeconds(stamp)), 0,
      icaltimezone_get_utc_timezone());
  for (const Session& s : sessions) {
    icalcomponent* event = icalcomponent_new(ICAL_VEVENT_COMPONENT);
    const std::string uid = absl::StrCat("session-", s.id, "@trainhub");
    icalcomponent_add_property(event, icalproperty_new_uid(uid.c_str()));
    icalcomponent_add_property(event, icalproperty_new_dtstamp(dtstamp));
    if (zone != nullptr) {
      icalcomponent_add_property(event, LocalTime(icalproperty_new_dtstart, s.start, zone));
      icalcomponent_add_property(event, LocalTime(icalproperty_new_dtend, s.end, zone));
    } else {
      icaltimezone* utc = icaltimezone_get_utc_timezone();
      icalcomponent_add_property(event, icalproperty_new_dtstart(icaltime_from_timet_with_zone(
          static_cast<time_t>(absl::ToUnixSeconds(s.start)), 0, utc)));
      icalcomponent_add_property(event, icalproperty_new_dtend(icaltime_from_timet_with_zone(
          static_cast<time_t>(absl::ToUnixSeconds(s.end)), 0, utc)));
    }
    icalcomponent_add_property(event, icalproperty_new_summary(Summary(s).c_str()));
    if (!s.place.name.empty() || !s.place.address.empty()) {
      std::string location = s.place.name;
      if (!s.place.address.empty()) {
        absl::StrAppend(&location, location.empty() ? "" : ", ", s.place.address);
      }
      icalcomponent_add_property(event, icalproperty_new_location(location.c_str()));
    }
    if (std::string description = Description(s); !description.empty()) {
      icalcomponent_add_property(event,
                                 icalproperty_new_description(description.c_str()));
    }
    icalproperty_status status = ICAL_STATUS_CONFIRMED;
    if (options.all_cancelled) {
      status = ICAL_STATUS_CANCELLED;
    } else if (options.for_trainer != 0) {
      for (const TrainerBooking& b : s.trainers) {
        if (b.trainer_id == options.for_trainer &&
            b.status != BookingStatus::kConfirmed) {
          status = ICAL_STATUS_TENTATIVE;
        }
      }
    }
    icalcomponent_add_property(event, icalproperty_new_status(status));
    icalcomponent_add_component(calendar.get(), event);
  }
  char* text = icalcomponent_as_ical_string_r(calendar.get());
  std::string out(text);
  free(text);
  return out;
}

}  // namespace trainhub::domain
