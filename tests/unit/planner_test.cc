#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "domain/errors.h"
#include "store/sqlite_store.h"
#include "testing/planning.h"

namespace trainhub::domain {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

absl::Time Berlin(int y, int m, int d, int hh, int mm) {
  absl::TimeZone tz;
  EXPECT_TRUE(absl::LoadTimeZone("Europe/Berlin", &tz));
  return absl::FromCivil(absl::CivilMinute(y, m, d, hh, mm), tz);
}

std::string FirstField(const absl::Status& status) {
  auto v = GetFieldViolations(status);
  return v.empty() ? "" : v[0].field;
}

class PlannerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto store = store::SqliteStore::Open(":memory:");
    ASSERT_TRUE(store.ok()) << store.status();
    store_ = *std::move(store);
    planner_ = std::make_unique<trainhub::testing::Planning>(
        *store_, [] { return Berlin(2026, 11, 22, 12, 0); });
    org_ = MustCreateOrganization("Auslandsgesellschaft Sachsen-Anhalt e.V.");
    sahin_ = MustCreateTrainer("Nuran Şahin", "nuran.sahin@example.org");
    petrova_ = MustCreateTrainer("Алина Петрова", "alina.petrova@example.org");
    series_ = MustCreateSeries("Systemische Organisationsberatung im interkulturellen Kontext");
  }

  Id MustCreateOrganization(const std::string& name) {
    Organization org;
    org.name = name;
    org.kind = OrganizationKind::kNgo;
    auto created = planner_->organizations.Create(admin_, org, {});
    EXPECT_TRUE(created.ok()) << created.status();
    return created.ok() ? created->id : 0;
  }

  Id MustCreateTrainer(const std::string& name, const std::string& email) {
    Trainer t;
    t.display_name = name;
    t.email = email;
    auto created = planner_->trainers.Create(admin_, t, {});
    EXPECT_TRUE(created.ok()) << created.status();
    return created.ok() ? created->id : 0;
  }

  Id MustCreateSeries(const std::string& title) {
    Series s;
    s.organization_id = org_;
    s.title = title;
    s.kind = SeriesKind::kTrainerQualification;
    s.capacity = 16;
    auto created = planner_->series.CreateSeries(admin_, s, {});
    EXPECT_TRUE(created.ok()) << created.status();
    return created.ok() ? created->id : 0;
  }

  Id MustCreateModule(Id series, const std::string& title, int position = 0) {
    Module m;
    m.title = title;
    auto created = planner_->series.CreateModule(admin_, series, m, position, {});
    EXPECT_TRUE(created.ok()) << created.status();
    return created.ok() ? created->id : 0;
  }

  Session MakeSession(absl::Time start, absl::Time end, std::vector<Id> trainers,
                      Place place = {}) {
    Session s;
    s.start = start;
    s.end = end;
    s.place = place;
    for (Id t : trainers) s.trainers.push_back({.trainer_id = t});
    return s;
  }

  absl::StatusOr<Session> AddSession(Id series, Id module, Session s, bool allow = false) {
    return planner_->sessions.CreateSession(admin_, series, module, std::move(s), allow, {});
  }

  std::vector<std::string> ModuleTitles(Id series) {
    auto page = planner_->series.ListModules(admin_, series, {});
    EXPECT_TRUE(page.ok());
    std::vector<std::string> titles;
    for (const Module& m : page->items) {
      titles.push_back(std::to_string(m.position) + " " + m.title);
    }
    return titles;
  }

  std::unique_ptr<store::SqliteStore> store_;
  std::unique_ptr<trainhub::testing::Planning> planner_;
  const Principal admin_ = Principal::System();
  Id org_ = 0, sahin_ = 0, petrova_ = 0, series_ = 0;
};

TEST_F(PlannerTest, NewSeriesStartsAsDraftWithNormalizedFields) {
  auto series = planner_->series.GetSeries(admin_, series_);
  ASSERT_TRUE(series.ok());
  EXPECT_EQ(series->status, SeriesStatus::kDraft);
  EXPECT_EQ(series->module_count, 0);
  EXPECT_FALSE(series->first_session_start.has_value());
}

TEST_F(PlannerTest, RetriedCreateWithTheSameRequestIdReturnsTheFirstResource) {
  Organization org;
  org.name = "Hochschule Anhalt";
  org.kind = OrganizationKind::kUniversity;
  auto first = planner_->organizations.Create(admin_, org, {"req-1", "fp-a"});
  auto again = planner_->organizations.Create(admin_, org, {"req-1", "fp-a"});
  ASSERT_TRUE(first.ok() && again.ok());
  EXPECT_EQ(first->id, again->id);
  auto all = planner_->organizations.List({});
  EXPECT_EQ(all->items.size(), 2u);  // setup's organisation + this one

  auto reused = planner_->organizations.Create(admin_, org, {"req-1", "fp-b"});
  EXPECT_EQ(reused.status().code(), absl::StatusCode::kAlreadyExists);
  EXPECT_EQ(FirstField(reused.status()), "request_id");
}

TEST_F(PlannerTest, TrainerEmailsAreUniqueIgnoringCase) {
  Trainer t;
  t.display_name = "Someone Else";
  t.email = "NURAN.SAHIN@example.org";
  auto created = planner_->trainers.Create(admin_, t, {});
  EXPECT_EQ(created.status().code(), absl::StatusCode::kAlreadyExists);
  EXPECT_EQ(FirstField(created.status()), "trainer.email");

  Trainer patch;
  patch.id = petrova_;
  patch.email = "Nuran.Sahin@example.org";
  auto updated = planner_->trainers.Update(admin_, patch, {"email"});
  EXPECT_EQ(updated.status().code(), absl::StatusCode::kAlreadyExists);
  EXPECT_EQ(planner_->trainers.Get(admin_, petrova_)->email, "alina.petrova@example.org");
}

TEST_F(PlannerTest, SeriesRefusesUnknownOrganisations) {
  Series s;
  s.organization_id = 999;
  s.title = "x";
  s.kind = SeriesKind::kOther;
  s.capacity = 5;
  s.partner_organization_ids = {org_ + 1000};
  auto created = planner_->series.CreateSeries(admin_, s, {});
  ASSERT_EQ(created.status().code(), absl::StatusCode::kInvalidArgument);
  auto violations = GetFieldViolations(created.status());
  ASSERT_EQ(violations.size(), 2u);
  EXPECT_EQ(violations[0].field, "series.organization_id");
  EXPECT_EQ(violations[1].field, "series.partner_organization_ids[0]");
}

TEST_F(PlannerTest, ModulesKeepTheirOrderWhenInsertedMovedAndRemoved) {
  Id m1 = MustCreateModule(series_, "Veränderungsprozesse I");
  Id m3 = MustCreateModule(series_, "Change Management");
  MustCreateModule(series_, "Veränderungsprozesse II", /*position=*/2);
  EXPECT_THAT(
      ModuleTitles(series_),
      ElementsAre("1 Veränderungsprozesse I", "2 Veränderungsprozesse II", "3 Change Management"));
  ASSERT_TRUE(planner_->series.MoveModule(admin_, series_, m3, 1).ok());
  EXPECT_THAT(ModuleTitles(series_), ElementsAre("1 Change Management", "2 Veränderungsprozesse I",
                                                 "3 Veränderungsprozesse II"));
  ASSERT_TRUE(planner_->series.DeleteModule(admin_, series_, m1, false).ok());
  EXPECT_THAT(ModuleTitles(series_),
              ElementsAre("1 Change Management", "2 Veränderungsprozesse II"));

  auto bad_move = planner_->series.MoveModule(admin_, series_, m3, 5);
  EXPECT_EQ(FirstField(bad_move.status()), "position");
  Module m;
  m.title = "too far";
  auto bad_insert = planner_->series.CreateModule(admin_, series_, m, 9, {});
  EXPECT_EQ(FirstField(bad_insert.status()), "position");
  EXPECT_EQ(ModuleTitles(series_).size(), 2u);  // nothing was added
}

TEST_F(PlannerTest, SessionMustBelongToTheSeriesNamed) {
  Id other_series = MustCreateSeries("Interkultur im Ehrenamt");
  Id foreign_module = MustCreateModule(other_series, "Rollenverständnis");
  auto s = AddSession(series_, foreign_module,
                      MakeSession(Berlin(2027, 3, 6, 10, 0), Berlin(2027, 3, 6, 15, 0), {}));
  EXPECT_EQ(s.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(FirstField(s.status()), "module_id");
  EXPECT_THAT(std::string(s.status().message()), HasSubstr("belongs to series"));
}

TEST_F(PlannerTest, DoubleBookingATrainerIsRefusedNamingTheOtherSession) {
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

TEST_F(PlannerTest, BackToBackSessionsAndDeclinedBookingsDoNotConflict) {
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

TEST_F(PlannerTest, ThePlaceIsComparedIgnoringCaseAndSpacing) {
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

TEST_F(PlannerTest, SessionsOfCancelledSeriesFreeTheirTrainers) {
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

TEST_F(PlannerTest, MovingASessionIntoAConflictIsRefusedAndChangesNothing) {
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

TEST_F(PlannerTest, UpdatingTrainersKeepsTheStatusOfThoseWhoStay) {
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

TEST_F(PlannerTest, TheDoubleBlockOfModulesSevenAndEight) {
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

TEST_F(PlannerTest, FrozenSeriesRefuseChanges) {
  Id m1 = MustCreateModule(series_, "Modul 1");
  ASSERT_TRUE(planner_->series.CancelSeries(admin_, series_, "").ok());
  Module m;
  m.title = "late";
  EXPECT_EQ(planner_->series.CreateModule(admin_, series_, m, 0, {}).status().code(),
            absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(planner_->series.DeleteModule(admin_, series_, m1, true).code(),
            absl::StatusCode::kFailedPrecondition);
  Series patch;
  patch.id = series_;
  patch.title = "renamed";
  EXPECT_EQ(planner_->series.UpdateSeries(admin_, patch, {"title"}).status().code(),
            absl::StatusCode::kFailedPrecondition);
  EXPECT_TRUE(planner_->series.CancelSeries(admin_, series_, "again").ok());  // idempotent
}

TEST_F(PlannerTest, StatusFollowsTheLifecycle) {
  Series patch;
  patch.id = series_;
  patch.status = SeriesStatus::kRunning;
  auto skipped = planner_->series.UpdateSeries(admin_, patch, {"status"});
  EXPECT_EQ(skipped.status().code(), absl::StatusCode::kFailedPrecondition);
  for (SeriesStatus next : {SeriesStatus::kPlanned, SeriesStatus::kOpenForEnrolment,
                            SeriesStatus::kRunning, SeriesStatus::kCompleted}) {
    patch.status = next;
    auto updated = planner_->series.UpdateSeries(admin_, patch, {"status"});
    ASSERT_TRUE(updated.ok()) << updated.status();
    EXPECT_EQ(updated->status, next);
  }
  EXPECT_EQ(planner_->series.CancelSeries(admin_, series_, "").status().code(),
            absl::StatusCode::kFailedPrecondition);
}

TEST_F(PlannerTest, UpdateMaskMustNameKnownFields) {
  Series patch;
  patch.id = series_;
  EXPECT_EQ(FirstField(planner_->series.UpdateSeries(admin_, patch, {}).status()), "update_mask");
  EXPECT_EQ(FirstField(planner_->series.UpdateSeries(admin_, patch, {"module_count"}).status()),
            "update_mask");
  EXPECT_EQ(planner_->series.UpdateSeries(admin_, patch, {"capacity"}).status().code(),
            absl::StatusCode::kInvalidArgument);  // capacity 0
  EXPECT_EQ(planner_->series.GetSeries(admin_, series_)->capacity, 16);
}

TEST_F(PlannerTest, DeletingASeriesWithModulesNeedsForce) {
  Id m1 = MustCreateModule(series_, "Modul 1");
  ASSERT_TRUE(
      AddSession(series_, m1,
                 MakeSession(Berlin(2019, 1, 18, 9, 0), Berlin(2019, 1, 18, 16, 0), {sahin_}))
          .ok());
  EXPECT_EQ(planner_->series.DeleteSeries(admin_, series_, false).code(),
            absl::StatusCode::kFailedPrecondition);
  EXPECT_TRUE(planner_->series.GetSeries(admin_, series_).ok());
  EXPECT_TRUE(planner_->series.DeleteSeries(admin_, series_, true).ok());
  EXPECT_EQ(planner_->series.GetSeries(admin_, series_).status().code(),
            absl::StatusCode::kNotFound);
  EXPECT_TRUE(
      planner_->schedules.ListTrainerSessions(admin_, sahin_, std::nullopt, std::nullopt, {})
          ->items.empty());
}

TEST_F(PlannerTest, ListsPageThroughEverySessionOnce) {
  Id m1 = MustCreateModule(series_, "Modul 1");
  // Two sessions share a start time: the cursor must tell them apart.
  for (int day = 1; day <= 7; ++day) {
    ASSERT_TRUE(AddSession(series_, m1,
                           MakeSession(Berlin(2027, 3, day, 9, 0), Berlin(2027, 3, day, 12, 0), {}))
                    .ok());
  }
  ASSERT_TRUE(
      AddSession(series_, m1, MakeSession(Berlin(2027, 3, 3, 9, 0), Berlin(2027, 3, 3, 10, 0), {}))
          .ok());
  std::vector<Id> seen;
  PageRequest page;
  page.limit = 3;
  for (int pages = 0; pages < 10; ++pages) {
    auto result = planner_->sessions.ListSessions(admin_, series_, 0, page);
    ASSERT_TRUE(result.ok());
    for (const Session& s : result->items) seen.push_back(s.id);
    if (!result->next) break;
    page.after = result->next;
  }
  EXPECT_EQ(seen.size(), 8u);
  std::vector<Id> sorted = seen;
  std::sort(sorted.begin(), sorted.end());
  EXPECT_EQ(std::unique(sorted.begin(), sorted.end()), sorted.end());
}

TEST_F(PlannerTest, PendingBookingsAndRanges) {
  Id m1 = MustCreateModule(series_, "Modul 1");
  auto a =
      AddSession(series_, m1,
                 MakeSession(Berlin(2027, 4, 10, 10, 0), Berlin(2027, 4, 10, 15, 30), {petrova_}));
  auto b = AddSession(series_, m1,
                      MakeSession(Berlin(2027, 5, 8, 10, 0), Berlin(2027, 5, 8, 15, 30), {sahin_}));
  ASSERT_TRUE(a.ok() && b.ok());
  ASSERT_TRUE(
      planner_->sessions.SetBookingStatus(admin_, b->id, sahin_, BookingStatus::kConfirmed, false)
          .ok());
  auto pending = planner_->schedules.ListPendingBookings(admin_, 0, 0, {});
  ASSERT_EQ(pending->items.size(), 1u);
  EXPECT_EQ(pending->items[0].id, a->id);
  EXPECT_TRUE(planner_->schedules.ListPendingBookings(admin_, sahin_, 0, {})->items.empty());

  auto april = planner_->schedules.ListSessionsInRange(admin_, Berlin(2027, 4, 1, 0, 0),
                                                       Berlin(2027, 5, 1, 0, 0), 0, {});
  ASSERT_EQ(april->items.size(), 1u);
  EXPECT_EQ(april->items[0].id, a->id);
  auto backwards = planner_->schedules.ListSessionsInRange(admin_, Berlin(2027, 5, 1, 0, 0),
                                                           Berlin(2027, 4, 1, 0, 0), 0, {});
  EXPECT_EQ(FirstField(backwards.status()), "to");
}

TEST_F(PlannerTest, UnknownIdsAreNotFoundNamingTheField) {
  EXPECT_EQ(planner_->series.GetSeries(admin_, 404).status().code(), absl::StatusCode::kNotFound);
  EXPECT_EQ(FirstField(planner_->series.GetSeries(admin_, 404).status()), "id");
  EXPECT_EQ(FirstField(planner_->series.GetSeries(admin_, -1).status()), "id");
  EXPECT_EQ(planner_->series.ListModules(admin_, 404, {}).status().code(),
            absl::StatusCode::kNotFound);
  EXPECT_EQ(FirstField(
                planner_->schedules.ListTrainerSessions(admin_, 404, std::nullopt, std::nullopt, {})
                    .status()),
            "trainer_id");
  EXPECT_EQ(FirstField(planner_->calendars.ExportSeriesCalendar(admin_, 404).status()),
            "series_id");
}

TEST_F(PlannerTest, CalendarOfATrainerHoldsTheirSessions) {
  Id m1 = MustCreateModule(series_, "Veränderungsprozesse I");
  ASSERT_TRUE(
      AddSession(series_, m1,
                 MakeSession(Berlin(2018, 11, 23, 9, 0), Berlin(2018, 11, 24, 16, 0), {sahin_}))
          .ok());
  auto calendar = planner_->calendars.ExportTrainerCalendar(admin_, sahin_);
  ASSERT_TRUE(calendar.ok());
  EXPECT_EQ(calendar->filename, "trainer-" + std::to_string(sahin_) + ".ics");
  EXPECT_THAT(calendar->ical, HasSubstr("DTSTART;TZID=Europe/Berlin:20181123T090000"));
  EXPECT_THAT(calendar->ical, HasSubstr("STATUS:TENTATIVE"));
}

// Object rules: who sees and changes which series and sessions.
class AccessTest : public PlannerTest {
 protected:
  void SetUp() override {
    PlannerTest::SetUp();
    other_org_ = MustCreateOrganization("Stadt Dessau-Roßlau");
    partner_org_ = MustCreateOrganization("Hochschule Anhalt");
    own_ = series_;  // owned by org_
    Series foreign;
    foreign.organization_id = other_org_;
    foreign.partner_organization_ids = {partner_org_};
    foreign.title = "Vielfalts-Montag";
    foreign.kind = SeriesKind::kVielfaltsMontag;
    foreign.capacity = 24;
    foreign_ = planner_->series.CreateSeries(admin_, foreign, {})->id;
    own_module_ = MustCreateModule(own_, "Modul 1");
    foreign_module_ = MustCreateModule(foreign_, "Einführung");
    foreign_session_ =
        AddSession(foreign_, foreign_module_,
                   MakeSession(Berlin(2027, 3, 1, 13, 0), Berlin(2027, 3, 1, 16, 30), {sahin_}))
            ->id;
    foreign_other_session_ =
        AddSession(foreign_, foreign_module_,
                   MakeSession(Berlin(2027, 4, 5, 13, 0), Berlin(2027, 4, 5, 16, 30), {petrova_}))
            ->id;
  }

  static Principal As(std::vector<RoleGrant> roles) {
    Principal p;
    p.account.roles = std::move(roles);
    return p;
  }

  Id other_org_ = 0, partner_org_ = 0, own_ = 0, foreign_ = 0, own_module_ = 0, foreign_module_ = 0,
     foreign_session_ = 0, foreign_other_session_ = 0;
};

TEST_F(AccessTest, ACoordinatorPlansOnlyTheirOrganisationsSeries) {
  const Principal coordinator = As({{Role::kCoordinator, org_}});
  EXPECT_TRUE(planner_->series.GetSeries(coordinator, own_).ok());
  EXPECT_EQ(planner_->series.GetSeries(coordinator, foreign_).status().code(),
            absl::StatusCode::kPermissionDenied);
  // A missing series looks the same as a foreign one.
  EXPECT_EQ(planner_->series.GetSeries(coordinator, 9999).status().code(),
            absl::StatusCode::kPermissionDenied);
  EXPECT_EQ(planner_->series.GetSeries(admin_, 9999).status().code(), absl::StatusCode::kNotFound);

  auto listed = planner_->series.ListSeries(coordinator, {}, {});
  ASSERT_TRUE(listed.ok());
  ASSERT_EQ(listed->items.size(), 1u);
  EXPECT_EQ(listed->items[0].id, own_);

  Series s;
  s.organization_id = other_org_;
  s.title = "Fremde Reihe";
  s.kind = SeriesKind::kOther;
  s.capacity = 5;
  EXPECT_EQ(planner_->series.CreateSeries(coordinator, s, {}).status().code(),
            absl::StatusCode::kPermissionDenied);
  Series patch;
  patch.id = own_;
  patch.organization_id = other_org_;
  EXPECT_EQ(planner_->series.UpdateSeries(coordinator, patch, {"organization_id"}).status().code(),
            absl::StatusCode::kPermissionDenied);
  Module m;
  m.title = "eingeschmuggelt";
  EXPECT_EQ(planner_->series.CreateModule(coordinator, foreign_, m, 0, {}).status().code(),
            absl::StatusCode::kPermissionDenied);
  EXPECT_EQ(planner_->sessions.DeleteSession(coordinator, foreign_session_).code(),
            absl::StatusCode::kPermissionDenied);
  EXPECT_EQ(planner_->series.CancelSeries(coordinator, foreign_, "").status().code(),
            absl::StatusCode::kPermissionDenied);
  EXPECT_EQ(planner_->series.GetSeries(admin_, foreign_)->status, SeriesStatus::kDraft);
}

TEST_F(AccessTest, PartnersReadButDoNotChange) {
  const Principal partner = As({{Role::kCoordinator, partner_org_}});
  EXPECT_TRUE(planner_->series.GetSeries(partner, foreign_).ok());
  EXPECT_EQ(planner_->sessions.ListSessions(partner, foreign_, 0, {})->items.size(), 2u);
  Series patch;
  patch.id = foreign_;
  patch.title = "umbenannt";
  EXPECT_EQ(planner_->series.UpdateSeries(partner, patch, {"title"}).status().code(),
            absl::StatusCode::kPermissionDenied);
}

TEST_F(AccessTest, TheOwnerCanLetPartnersPlan) {
  const Principal partner = As({{Role::kCoordinator, partner_org_}});
  const Principal owner = As({{Role::kCoordinator, other_org_}});
  Series grant;
  grant.id = foreign_;
  grant.partners_may_plan = true;
  EXPECT_EQ(planner_->series.UpdateSeries(partner, grant, {"partners_may_plan"}).status().code(),
            absl::StatusCode::kPermissionDenied);
  ASSERT_TRUE(planner_->series.UpdateSeries(owner, grant, {"partners_may_plan"}).ok());
  Series patch;
  patch.id = foreign_;
  patch.title = "gemeinsam geplant";
  EXPECT_TRUE(planner_->series.UpdateSeries(partner, patch, {"title"}).ok());
  // The grant is the owner's alone to take back or widen.
  grant.partners_may_plan = false;
  EXPECT_EQ(planner_->series.UpdateSeries(partner, grant, {"partners_may_plan"}).status().code(),
            absl::StatusCode::kPermissionDenied);
  Series reowned;
  reowned.id = foreign_;
  reowned.organization_id = partner_org_;
  EXPECT_EQ(planner_->series.UpdateSeries(partner, reowned, {"organization_id"}).status().code(),
            absl::StatusCode::kPermissionDenied);
}

TEST_F(AccessTest, ATrainerSeesTheirSessionsAndAnswersTheirBookings) {
  const Principal sahin = As({{Role::kTrainer, 0, sahin_}});
  EXPECT_TRUE(planner_->series.GetSeries(sahin, foreign_).ok());
  EXPECT_EQ(planner_->series.GetSeries(sahin, own_).status().code(),
            absl::StatusCode::kPermissionDenied);
  auto sessions = planner_->sessions.ListSessions(sahin, foreign_, 0, {});
  ASSERT_EQ(sessions->items.size(), 1u);
  EXPECT_EQ(sessions->items[0].id, foreign_session_);
  EXPECT_EQ(planner_->sessions.GetSession(sahin, foreign_other_session_).status().code(),
            absl::StatusCode::kPermissionDenied);

  EXPECT_TRUE(
      planner_->sessions
          .SetBookingStatus(sahin, foreign_session_, sahin_, BookingStatus::kConfirmed, false)
          .ok());
  EXPECT_EQ(planner_->sessions
                .SetBookingStatus(sahin, foreign_other_session_, petrova_, BookingStatus::kDeclined,
                                  false)
                .status()
                .code(),
            absl::StatusCode::kPermissionDenied);
  EXPECT_EQ(planner_->schedules.ListTrainerSessions(sahin, petrova_, std::nullopt, std::nullopt, {})
                .status()
                .code(),
            absl::StatusCode::kPermissionDenied);
  EXPECT_EQ(planner_->schedules.ListTrainerSessions(sahin, sahin_, std::nullopt, std::nullopt, {})
                ->items.size(),
            1u);
  EXPECT_EQ(planner_->trainers.Get(sahin, petrova_).status().code(),
            absl::StatusCode::kPermissionDenied);
  auto pending = planner_->schedules.ListPendingBookings(sahin, 0, 0, {});
  EXPECT_TRUE(pending->items.empty());  // petrova's pending booking stays hidden
}

TEST_F(AccessTest, AParticipantSeesOnlySeriesOpenForEnrolment) {
  const Principal participant = As({{Role::kParticipant}});
  EXPECT_EQ(planner_->series.GetSeries(participant, foreign_).status().code(),
            absl::StatusCode::kPermissionDenied);
  EXPECT_TRUE(planner_->series.ListSeries(participant, {}, {})->items.empty());
  Series patch;
  patch.id = foreign_;
  for (SeriesStatus next : {SeriesStatus::kPlanned, SeriesStatus::kOpenForEnrolment}) {
    patch.status = next;
    ASSERT_TRUE(planner_->series.UpdateSeries(admin_, patch, {"status"}).ok());
  }
  EXPECT_TRUE(planner_->series.GetSeries(participant, foreign_).ok());
  EXPECT_EQ(planner_->series.ListSeries(participant, {}, {})->items.size(), 1u);
}

TEST_F(AccessTest, ConflictsWithForeignSessionsKeepTheirDetailsHidden) {
  const Principal coordinator = As({{Role::kCoordinator, org_}});
  auto clash = planner_->sessions.CreateSession(
      coordinator, own_, own_module_,
      MakeSession(Berlin(2027, 3, 1, 14, 0), Berlin(2027, 3, 1, 15, 0), {sahin_}), false, {});
  ASSERT_EQ(clash.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_THAT(std::string(clash.status().message()), HasSubstr("another organisation"));
  EXPECT_THAT(std::string(clash.status().message()), ::testing::Not(HasSubstr("Vielfalts")));
  EXPECT_EQ(GetConflictingSessionId(clash.status()), 0);
}

TEST_F(PlannerTest, OrganisationNamesAreUniqueIgnoringCaseAndSpaces) {
  Organization org;
  org.name = "AUSLANDSGESELLSCHAFT  Sachsen-Anhalt e.V.";
  org.kind = OrganizationKind::kNgo;
  auto duplicate = planner_->organizations.Create(admin_, org, {});
  EXPECT_EQ(duplicate.status().code(), absl::StatusCode::kAlreadyExists);
  EXPECT_EQ(FirstField(duplicate.status()), "organization.name");
  org.name = "Stadt Dessau-Roßlau";
  auto dessau = planner_->organizations.Create(admin_, org, {});
  ASSERT_TRUE(dessau.ok());
  // Renaming into another's name is refused too; keeping one's own name is fine.
  Organization patch;
  patch.id = dessau->id;
  patch.name = "auslandsgesellschaft sachsen-anhalt e.v.";
  EXPECT_EQ(planner_->organizations.Update(admin_, patch, {"name"}).status().code(),
            absl::StatusCode::kAlreadyExists);
  patch.name = "Stadt Dessau-Rosslau";
  EXPECT_TRUE(planner_->organizations.Update(admin_, patch, {"name"}).ok());
}

TEST_F(PlannerTest, DeadlinesMustFitTheSeriesOwnDates) {
  const Id module = MustCreateModule(series_, "Veränderungsprozesse I");
  ASSERT_TRUE(AddSession(series_, module,
                         MakeSession(Berlin(2027, 3, 5, 9, 0), Berlin(2027, 3, 6, 16, 0), {}))
                  .ok());
  Series patch;
  patch.id = series_;
  patch.enrolment_deadline = Berlin(2027, 3, 7, 0, 0);
  auto late = planner_->series.UpdateSeries(admin_, patch, {"enrolment_deadline"});
  EXPECT_EQ(late.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(FirstField(late.status()), "series.enrolment_deadline");
  patch.enrolment_deadline = Berlin(2027, 3, 1, 0, 0);
  EXPECT_TRUE(planner_->series.UpdateSeries(admin_, patch, {"enrolment_deadline"}).ok());

  patch.requires_confirmation = true;
  patch.confirmation_deadline = Berlin(2026, 1, 1, 0, 0);  // the series exists since 2026-11-22
  auto early = planner_->series.UpdateSeries(admin_, patch,
                                             {"requires_confirmation", "confirmation_deadline"});
  EXPECT_EQ(early.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(FirstField(early.status()), "series.confirmation_deadline");
}

}  // namespace
}  // namespace trainhub::domain
