#ifndef TRAINHUB_SERVICES_DOMAIN_PLANNING_CALENDAR_H_
#define TRAINHUB_SERVICES_DOMAIN_PLANNING_CALENDAR_H_

// iCalendar (RFC 5545) export of sessions, rendered with libical.

#include <string>
#include <vector>

#include "absl/time/time.h"
#include "domain/model.h"

namespace trainhub::domain {

struct CalendarOptions {
  std::string name;            // X-WR-CALNAME
  bool all_cancelled = false;  // every event STATUS:CANCELLED
  // When set, only this trainer's booking decides CONFIRMED (see below).
  Id for_trainer = 0;
  // Unique per installation (ReadView::InstallationUidDomain()).
  std::string uid_domain = "trainhub";
};

// STATUS of a session's event: CANCELLED when its series is cancelled;
// TENTATIVE while the series is a draft or planned, or while a booking
// (for_trainer's, else any not declined) is not confirmed or there is none;
// CONFIRMED otherwise.
std::string EventStatus(const Session& session, const CalendarOptions& options);

// A VCALENDAR with a Europe/Berlin VTIMEZONE and one VEVENT per session
// (UID "session-<id>@<uid_domain>", local times with TZID). `stamp` is
// DTSTAMP. CRLF line ends, lines folded at 75 octets. Thread-safe.
std::string RenderCalendar(const std::vector<Session>& sessions, const CalendarOptions& options,
                           absl::Time stamp);

}  // namespace trainhub::domain

#endif  // TRAINHUB_SERVICES_DOMAIN_PLANNING_CALENDAR_H_
