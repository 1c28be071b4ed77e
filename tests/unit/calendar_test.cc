#include "domain/planning/calendar.h"

#include <gtest/gtest.h>
#include <libical/ical.h>

#include "absl/strings/match.h"
#include "absl/strings/str_split.h"
#include "absl/time/clock.h"

namespace trainhub::domain {
namespace {

absl::Time Utc(int y, int m, int d, int hh, int mm) {
  return absl::FromCivil(absl::CivilMinute(y, m, d, hh, mm), absl::UTCTimeZone());
}

Session MakeSession(Id id, absl::Time start, absl::Time end) {
  Session s;
  s.id = id;
  s.start = start;
  s.end = end;
  s.series_title = "Systemische Organisationsberatung im interkulturellen Kontext";
  s.module_title = "Veränderungsprozesse I";
  s.module_position = 1;
  s.place = {"Seminarraum", "Magdeburg"};
  s.trainers = {
      {.trainer_id = 3, .status = BookingStatus::kRequested, .trainer_name = "Nuran Şahin"}};
  return s;
}

// Resolves every VEVENT's DTSTART/DTEND through the file's own VTIMEZONE,
// as a calendar application does, and returns them as UTC instants.
std::vector<std::pair<absl::Time, absl::Time>> ImportedTimes(const std::string& ics) {
  icalcomponent* calendar = icalparser_parse_string(ics.c_str());
  EXPECT_NE(calendar, nullptr);
  std::vector<std::pair<absl::Time, absl::Time>> out;
  if (calendar == nullptr) return out;
  icalcomponent* vtimezone = icalcomponent_get_first_component(calendar, ICAL_VTIMEZONE_COMPONENT);
  EXPECT_NE(vtimezone, nullptr);
  icaltimezone* zone = icaltimezone_new();
  icaltimezone_set_component(zone, icalcomponent_new_clone(vtimezone));
  EXPECT_STREQ(icaltimezone_get_tzid(zone), "Europe/Berlin");
  for (icalcomponent* event = icalcomponent_get_first_component(calendar, ICAL_VEVENT_COMPONENT);
       event != nullptr;
       event = icalcomponent_get_next_component(calendar, ICAL_VEVENT_COMPONENT)) {
    auto resolve = [&](icalproperty_kind kind) {
      icalproperty* prop = icalcomponent_get_first_property(event, kind);
      icalparameter* tzid = icalproperty_get_first_parameter(prop, ICAL_TZID_PARAMETER);
      EXPECT_NE(tzid, nullptr);
      if (tzid) {
        EXPECT_STREQ(icalparameter_get_tzid(tzid), "Europe/Berlin");
      }
      icaltimetype local = icalvalue_get_datetime(icalproperty_get_value(prop));
      return absl::FromUnixSeconds(icaltime_as_timet_with_zone(local, zone));
    };
    out.emplace_back(resolve(ICAL_DTSTART_PROPERTY), resolve(ICAL_DTEND_PROPERTY));
  }
  icaltimezone_free(zone, 1);
  icalcomponent_free(calendar);
  return out;
}

TEST(CalendarTest, ImportedTimesEqualTheStoredInstantsAcrossSummerTime) {
  // Winter, summer, both switch weekends, the 7/8 double block and a
  // session far ahead.
  std::vector<Session> sessions = {
      MakeSession(1, Utc(2018, 11, 23, 8, 0), Utc(2018, 11, 24, 15, 0)),
      MakeSession(2, Utc(2020, 5, 14, 7, 0), Utc(2020, 5, 16, 11, 0)),
      MakeSession(3, Utc(2020, 6, 5, 7, 0), Utc(2020, 6, 6, 14, 0)),
      MakeSession(4, Utc(2027, 3, 27, 23, 0), Utc(2027, 3, 28, 5, 0)),    // spans the switch
      MakeSession(5, Utc(2027, 10, 30, 22, 0), Utc(2027, 10, 31, 4, 0)),  // spans the switch
      MakeSession(6, Utc(2099, 7, 1, 6, 0), Utc(2099, 7, 1, 10, 0)),
  };
  const std::string ics = RenderCalendar(sessions, {.name = "IKOE"}, Utc(2026, 11, 22, 0, 0));
  auto imported = ImportedTimes(ics);
  ASSERT_EQ(imported.size(), sessions.size());
  for (size_t i = 0; i < sessions.size(); ++i) {
    EXPECT_EQ(imported[i].first, sessions[i].start) << "session " << sessions[i].id;
    EXPECT_EQ(imported[i].second, sessions[i].end) << "session " << sessions[i].id;
  }
}

TEST(CalendarTest, WritesLocalTimesAndRfc5545Framing) {
  const std::string ics =
      RenderCalendar({MakeSession(7, Utc(2019, 1, 18, 8, 0), Utc(2019, 1, 19, 15, 0))},
                     {.name = "IKOE"}, Utc(2026, 11, 22, 0, 0));
  EXPECT_TRUE(absl::StartsWith(ics, "BEGIN:VCALENDAR\r\n"));
  EXPECT_TRUE(absl::StrContains(ics, "DTSTART;TZID=Europe/Berlin:20190118T090000\r\n"));
  EXPECT_TRUE(absl::StrContains(ics, "DTEND;TZID=Europe/Berlin:20190119T160000\r\n"));
  EXPECT_TRUE(absl::StrContains(ics, "UID:session-7@trainhub\r\n"));
  EXPECT_TRUE(absl::StrContains(ics, "X-WR-CALNAME:IKOE\r\n"));
  // Only requested so far: not confirmed yet.
  EXPECT_TRUE(absl::StrContains(ics, "STATUS:TENTATIVE"));
  for (absl::string_view line : absl::StrSplit(ics, "\r\n")) {
    EXPECT_LE(line.size(), 75u) << line;  // folded
    EXPECT_FALSE(absl::StrContains(line, "\n")) << "bare LF in: " << line;
  }
}

TEST(CalendarTest, MarksUnconfirmedTrainerSessionsTentativeAndCancelledSeries) {
  Session s = MakeSession(8, Utc(2027, 4, 10, 8, 0), Utc(2027, 4, 10, 13, 30));
  std::string ics = RenderCalendar({s}, {.name = "x", .for_trainer = 3}, absl::Now());
  EXPECT_TRUE(absl::StrContains(ics, "STATUS:TENTATIVE"));
  s.trainers[0].status = BookingStatus::kConfirmed;
  ics = RenderCalendar({s}, {.name = "x", .for_trainer = 3}, absl::Now());
  EXPECT_TRUE(absl::StrContains(ics, "STATUS:CONFIRMED"));
  ics = RenderCalendar({s}, {.name = "x", .all_cancelled = true}, absl::Now());
  EXPECT_TRUE(absl::StrContains(ics, "STATUS:CANCELLED"));
}

TEST(CalendarTest, ConfirmsOnlyScheduledSessionsWithConfirmedTrainers) {
  Session s = MakeSession(8, Utc(2027, 4, 10, 8, 0), Utc(2027, 4, 10, 13, 30));
  s.trainers.push_back(
      {.trainer_id = 4, .status = BookingStatus::kConfirmed, .trainer_name = "Dr. Jonas Keller"});
  for (SeriesStatus draft : {SeriesStatus::kDraft, SeriesStatus::kPlanned}) {
    s.series_status = draft;
    s.trainers[0].status = BookingStatus::kConfirmed;
    EXPECT_EQ(EventStatus(s, {}), "TENTATIVE") << static_cast<int>(draft);
  }
  s.series_status = SeriesStatus::kOpenForEnrolment;
  s.trainers[0].status = BookingStatus::kRequested;
  EXPECT_EQ(EventStatus(s, {}), "TENTATIVE");                  // one trainer has not said yes
  EXPECT_EQ(EventStatus(s, {.for_trainer = 4}), "CONFIRMED");  // Keller's own calendar
  s.trainers[0].status = BookingStatus::kDeclined;
  EXPECT_EQ(EventStatus(s, {}), "CONFIRMED");  // the declined one does not come
  s.trainers.clear();
  EXPECT_EQ(EventStatus(s, {}), "TENTATIVE");  // nobody teaches yet
  s.series_status = SeriesStatus::kCancelled;
  EXPECT_EQ(EventStatus(s, {}), "CANCELLED");
}

TEST(CalendarTest, UidsCarryTheInstallationsDomain) {
  const Session s = MakeSession(30, Utc(2027, 4, 10, 8, 0), Utc(2027, 4, 10, 13, 30));
  const std::string ics =
      RenderCalendar({s}, {.name = "x", .uid_domain = "3f9a2c4d5e6f7a8b.trainhub"}, absl::Now());
  EXPECT_TRUE(absl::StrContains(ics, "UID:session-30@3f9a2c4d5e6f7a8b.trainhub\r\n")) << ics;
}

TEST(CalendarTest, KeepsNamesInAnyScript) {
  Session s = MakeSession(9, Utc(2027, 4, 10, 8, 0), Utc(2027, 4, 10, 13, 30));
  s.trainers = {
      {.trainer_id = 1, .status = BookingStatus::kConfirmed, .trainer_name = "محمد الأحمد"},
      {.trainer_id = 2, .status = BookingStatus::kConfirmed, .trainer_name = "Алина Петрова"}};
  const std::string ics = RenderCalendar({s}, {.name = "x"}, absl::Now());
  icalcomponent* calendar = icalparser_parse_string(ics.c_str());
  ASSERT_NE(calendar, nullptr);
  icalcomponent* event = icalcomponent_get_first_component(calendar, ICAL_VEVENT_COMPONENT);
  const std::string description = icalcomponent_get_description(event);
  EXPECT_TRUE(absl::StrContains(description, "محمد الأحمد")) << description;
  EXPECT_TRUE(absl::StrContains(description, "Алина Петрова")) << description;
  icalcomponent_free(calendar);
}

}  // namespace
}  // namespace trainhub::domain
