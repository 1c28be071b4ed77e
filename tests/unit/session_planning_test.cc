// Sessions and bookings: the conflict check, bookings kept across updates, multi-day blocks.

#include "unit/planning_fixture.h"

namespace trainhub::domain {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::Not;

TEST_F(PlanningTest, SessionMustBelongToTheSeriesNamed) {
  Id other_series = MustCreateSeries("Interkultur im Ehrenamt");
  Id foreign_module = MustCreateModule(other_series, "Rollenverständnis");
  auto s = AddSession(series_, foreign_module,
                      MakeSession(Berlin(2027, 3, 6, 10, 0), Berlin(2027, 3, 6, 15, 0), {}));
  EXPECT_EQ(s.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(FirstField(s.status()), "module_id");
  EXPECT_THAT(std::string(s.status().message()), HasSubstr("belongs to series"));
}

TEST_F(PlanningTest, DoubleBookingATrainerIsRefusedNamingTheOtherSession) {
  Id m1 = MustCreateModule(series_, "Modul 1");
  auto first = AddSession(
      series_, m1, MakeSession(Berlin(2018, 11, 23, 9, 0), Berlin(2018, 11, 24, 16, 0), {sahin_}));
  ASSERT_TRUE(first.ok()) << first.status();
  Id other_series = MustCreateSeries("Vielfalts-Montag");
  Id m2 = MustCreateModule(other_series, "Einführung");
  auto clash = AddSession(
      other_series, m2,
      MakeSession(Berlin(2018, 11, 24, 13, 0), Berlin(2018, 11, 24, 17, 0), {petrova_, sahin_}));
  ASSERT_EQ(clash.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(GetConflictingSessionId(clash.status()), first->id);
  EXPECT_THAT(std::string(clash.status().message()), HasSubstr("Nuran Şahin"));
  EXPECT_THAT(std::string(clash.status().message()), HasSubstr("24.11.2018 16:00"));
  EXPECT_EQ(planner_->sessions.ListSessions(admin_, other_series, 0, {})->items.size(), 0u);

  auto intended =
      AddSession(other_series, m2,
                 MakeSession(Berlin(2018, 11, 24, 13, 0), Berlin(2018, 11, 24, 17, 0), {sahin_}),
                 /*allow=*/true);
  EXPECT_TRUE(intended.ok()) << intended.status();
}

TEST_F(PlanningTest, AOneDaySessionInARefusalShowsItsDateOnce) {
  Id m1 = MustCreateModule(series_, "Modul 1");
  ASSERT_TRUE(
      AddSession(series_, m1,
                 MakeSession(Berlin(2027, 3, 12, 9, 0), Berlin(2027, 3, 12, 17, 0), {sahin_}))
          .ok());
  auto clash = AddSession(
      series_, m1, MakeSession(Berlin(2027, 3, 12, 13, 0), Berlin(2027, 3, 12, 15, 0), {sahin_}));
  ASSERT_EQ(clash.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_THAT(std::string(clash.status().message()),
              HasSubstr("12.03.2027 09:00–17:00 (Europe/Berlin)"));
  EXPECT_THAT(std::string(clash.status().message()), Not(HasSubstr("– 12.03.2027")));
}

TEST_F(PlanningTest, BackToBackSessionsAndDeclinedBookingsDoNotConflict) {
  Id m1 = MustCreateModule(series_, "Modul 1");
  ASSERT_TRUE(AddSession(series_, m1,
                         MakeSession(Berlin(2019, 1, 18, 9, 0), Berlin(2019, 1, 18, 12, 0),
                                     {sahin_}, {"Raum 1", "Magdeburg"}))
                  .ok());
  auto next = AddSession(series_, m1,
                         MakeSession(Berlin(2019, 1, 18, 12, 0), Berlin(2019, 1, 18, 16, 0),
                                     {sahin_}, {"Raum 1", "Magdeburg"}));
  EXPECT_TRUE(next.ok()) << next.status();

  Session declined = MakeSession(Berlin(2019, 1, 18, 10, 0), Berlin(2019, 1, 18, 11, 0), {});
  declined.trainers.push_back({.trainer_id = sahin_, .status = BookingStatus::kDeclined});
  auto with_declined = AddSession(series_, m1, declined);
  ASSERT_TRUE(with_declined.ok()) << with_declined.status();

  // Taking the declined booking back blocks the time again: refused.
  auto confirm = planner_->sessions.SetBookingStatus(admin_, with_declined->id, sahin_,
                                                     BookingStatus::kConfirmed, false);
  EXPECT_EQ(confirm.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(planner_->sessions.GetSession(admin_, with_declined->id)->trainers[0].status,
            BookingStatus::kDeclined);
}

TEST_F(PlanningTest, ThePlaceIsComparedIgnoringCaseAndSpacing) {
  Id m1 = MustCreateModule(series_, "Modul 1");
  ASSERT_TRUE(AddSession(series_, m1,
                         MakeSession(Berlin(2019, 3, 1, 9, 0), Berlin(2019, 3, 2, 16, 0), {},
                                     {"Rathaus Dessau-Roßlau, Ratssaal", "Dessau-Roßlau"}))
                  .ok());
  auto clash = AddSession(series_, m1,
                          MakeSession(Berlin(2019, 3, 2, 9, 0), Berlin(2019, 3, 2, 12, 0), {},
                                      {"rathaus  Dessau-Roßlau, Ratssaal ", "Dessau-Roßlau"}));
  EXPECT_EQ(clash.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_THAT(std::string(clash.status().message()), HasSubstr("place"));
}

TEST_F(PlanningTest, SessionsOfCancelledSeriesFreeTheirTrainers) {
  Id m1 = MustCreateModule(series_, "Modul 1");
  ASSERT_TRUE(
      AddSession(series_, m1,
                 MakeSession(Berlin(2027, 5, 3, 13, 0), Berlin(2027, 5, 3, 16, 30), {petrova_}))
          .ok());
  ASSERT_TRUE(planner_->series.CancelSeries(admin_, series_, "zu wenige Anmeldungen").ok());
  Id other = MustCreateSeries("Vielfalts-Montag");
  Id m2 = MustCreateModule(other, "Einführung");
  auto s = AddSession(
      other, m2, MakeSession(Berlin(2027, 5, 3, 13, 0), Berlin(2027, 5, 3, 16, 30), {petrova_}));
  EXPECT_TRUE(s.ok()) << s.status();
}

TEST_F(PlanningTest, MovingASessionIntoAConflictIsRefusedAndChangesNothing) {
  Id m1 = MustCreateModule(series_, "Modul 1");
  auto a = AddSession(series_, m1,
                      MakeSession(Berlin(2019, 5, 10, 9, 0), Berlin(2019, 5, 11, 16, 0), {sahin_}));
  auto b = AddSession(series_, m1,
                      MakeSession(Berlin(2019, 9, 6, 9, 0), Berlin(2019, 9, 7, 16, 0), {sahin_}));
  ASSERT_TRUE(a.ok() && b.ok());
  Session patch;
  patch.id = b->id;
  patch.start = Berlin(2019, 5, 11, 9, 0);
  patch.end = Berlin(2019, 5, 11, 18, 0);
  auto moved = planner_->sessions.UpdateSession(admin_, patch, {"start_time", "end_time"}, false);
  EXPECT_EQ(moved.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(GetConflictingSessionId(moved.status()), a->id);
  EXPECT_EQ(planner_->sessions.GetSession(admin_, b->id)->start, Berlin(2019, 9, 6, 9, 0));
}

TEST_F(PlanningTest, UpdatingTrainersKeepsTheStatusOfThoseWhoStay) {
  Id m1 = MustCreateModule(series_, "Modul 1");
  auto s = AddSession(series_, m1,
                      MakeSession(Berlin(2020, 1, 31, 9, 0), Berlin(2020, 2, 1, 16, 0), {sahin_}));
  ASSERT_TRUE(s.ok());
  ASSERT_TRUE(
      planner_->sessions.SetBookingStatus(admin_, s->id, sahin_, BookingStatus::kConfirmed, false)
          .ok());
  Session patch;
  patch.id = s->id;
  patch.trainers = {{.trainer_id = sahin_}, {.trainer_id = petrova_}};
  auto updated = planner_->sessions.UpdateSession(admin_, patch, {"trainers"}, false);
  ASSERT_TRUE(updated.ok()) << updated.status();
  ASSERT_EQ(updated->trainers.size(), 2u);
  EXPECT_EQ(updated->trainers[0].status, BookingStatus::kConfirmed);
  EXPECT_EQ(updated->trainers[1].status, BookingStatus::kRequested);
  EXPECT_EQ(updated->trainers[1].trainer_name, "Алина Петрова");

  patch.trainers = {{.trainer_id = 12345}};
  auto unknown = planner_->sessions.UpdateSession(admin_, patch, {"trainers"}, false);
  EXPECT_EQ(FirstField(unknown.status()), "session.trainers[0].trainer_id");
}

TEST_F(PlanningTest, TheDoubleBlockOfModulesSevenAndEight) {
  std::vector<Id> modules;
  for (int i = 1; i <= 8; ++i)
    modules.push_back(MustCreateModule(series_, "Modul " + std::to_string(i)));
  auto m7 =
      AddSession(series_, modules[6],
                 MakeSession(Berlin(2020, 5, 14, 9, 0), Berlin(2020, 5, 16, 13, 0), {sahin_}));
  auto m8 = AddSession(series_, modules[7],
                       MakeSession(Berlin(2020, 6, 5, 9, 0), Berlin(2020, 6, 6, 16, 0), {sahin_}));
  ASSERT_TRUE(m7.ok() && m8.ok());
  auto series = planner_->series.GetSeries(admin_, series_);
  EXPECT_EQ(series->module_count, 8);
  EXPECT_EQ(*series->first_session_start, Berlin(2020, 5, 14, 9, 0));
  EXPECT_EQ(*series->last_session_end, Berlin(2020, 6, 6, 16, 0));
  auto schedule =
      planner_->schedules.ListTrainerSessions(admin_, sahin_, std::nullopt, std::nullopt, {});
  ASSERT_EQ(schedule->items.size(), 2u);
  EXPECT_EQ(schedule->items[0].module_position, 7);
  EXPECT_EQ(schedule->items[1].module_position, 8);
}

TEST_F(PlanningTest, AMultiDayBlockBecomesOneSessionPerDayAlsoAcrossTheClockChange) {
  const Id module = MustCreateModule(series_, "Modul 7");
  // 24 to 26 October 2026: summer time ends in the night to the 25th.
  const SessionDays days{absl::CivilDay(2026, 10, 24), absl::CivilDay(2026, 10, 26), absl::Hours(9),
                         absl::Hours(16)};
  Session day = MakeSession(absl::UnixEpoch(), absl::UnixEpoch(), {sahin_});
  day.place.name = "Seminarraum";
  const RequestKey key{"days-1", "fingerprint", 0};
  auto created =
      planner_->sessions.CreateSessionDays(admin_, series_, module, days, day, false, key);
  ASSERT_TRUE(created.ok()) << created.status();
  ASSERT_EQ(created->size(), 3u);
  for (int i = 0; i < 3; ++i) {
    const Session& s = (*created)[i];
    EXPECT_EQ(s.start, Berlin(2026, 10, 24 + i, 9, 0)) << i;
    EXPECT_EQ(s.end, Berlin(2026, 10, 24 + i, 16, 0)) << i;
    EXPECT_EQ(s.place.name, "Seminarraum");
    ASSERT_EQ(s.trainers.size(), 1u);
  }
  // A retry returns the same sessions and creates nothing more.
  auto again = planner_->sessions.CreateSessionDays(admin_, series_, module, days, day, false, key);
  ASSERT_TRUE(again.ok()) << again.status();
  EXPECT_EQ((*again)[0].id, (*created)[0].id);
  EXPECT_EQ((*again)[2].id, (*created)[2].id);
  EXPECT_EQ(planner_->sessions.ListSessions(admin_, series_, module, {})->items.size(), 3u);
}

TEST_F(PlanningTest, DaysThatDoubleBookATrainerAreRefusedAsAWhole) {
  const Id module = MustCreateModule(series_, "Modul 1");
  ASSERT_TRUE(
      AddSession(series_, module,
                 MakeSession(Berlin(2027, 3, 2, 10, 0), Berlin(2027, 3, 2, 12, 0), {sahin_}))
          .ok());
  const SessionDays days{absl::CivilDay(2027, 3, 1), absl::CivilDay(2027, 3, 3), absl::Hours(9),
                         absl::Hours(17)};
  auto refused = planner_->sessions.CreateSessionDays(
      admin_, series_, module, days, MakeSession(absl::UnixEpoch(), absl::UnixEpoch(), {sahin_}),
      false, {});
  EXPECT_EQ(refused.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(planner_->sessions.ListSessions(admin_, series_, module, {})->items.size(), 1u);

  const SessionDays backwards{absl::CivilDay(2027, 3, 3), absl::CivilDay(2027, 3, 1),
                              absl::Hours(17), absl::Hours(9)};
  auto bad = planner_->sessions.CreateSessionDays(admin_, series_, module, backwards, Session{},
                                                  false, {});
  std::vector<std::string> fields;
  for (const auto& v : GetFieldViolations(bad.status())) fields.push_back(v.field);
  EXPECT_THAT(fields, ElementsAre("last_day", "daily_end"));
}

}  // namespace
}  // namespace trainhub::domain
