// Enrolments: what each role sees (a participant keeps their series but not
// its internals, notes are for coordinators), retries, a cancelled series,
// and the upgrade that hides a coordinator's old notes.

#include <SQLiteCpp/Database.h>
#include <gtest/gtest.h>

#include "domain/errors.h"
#include "store/connection.h"
#include "testing/temp_files.h"
#include "unit/enrolments_fixture.h"

namespace trainhub::domain {
namespace {

using S = EnrolmentState;

TEST_F(EnrolmentsTest, EachRoleSeesWhatItShould) {
  const Id jana = Person("Jana");
  Enrolment mine = Enrol(jana), other = Enrol(Person("Omar")), waiting = Enrol(Person("Uwe"));
  const Principal self = As({Role::kParticipant, 0, 0, jana});
  auto own = enrolments_->List(self, {}, {});
  ASSERT_TRUE(own.ok());
  ASSERT_EQ(own->items.size(), 1u);
  EXPECT_EQ(own->items[0].id, mine.id);
  EXPECT_EQ(enrolments_->Get(self, other.id).status().code(), absl::StatusCode::kPermissionDenied);
  EXPECT_EQ(enrolments_->List(self, {.participant_id = other.participant_id}, {}).status().code(),
            absl::StatusCode::kPermissionDenied);
  // A series' list without naming oneself is its roster: not for participants.
  EXPECT_EQ(enrolments_->List(self, {.series_id = series_}, {}).status().code(),
            absl::StatusCode::kPermissionDenied);
  EXPECT_EQ(
      enrolments_->List(self, {.series_id = series_, .participant_id = jana}, {})->items.size(),
      1u);
  EXPECT_TRUE(enrolments_->History(self, mine.id, {}).ok());

  const Principal other_coordinator = As({Role::kCoordinator, dessau_});
  EXPECT_EQ(enrolments_->List(other_coordinator, {.series_id = series_}, {}).status().code(),
            absl::StatusCode::kPermissionDenied);
  EXPECT_EQ(enrolments_->Withdraw(other_coordinator, mine.id, "x", {}).status().code(),
            absl::StatusCode::kPermissionDenied);
  EXPECT_EQ(enrolments_->List(coordinator_, {.series_id = series_}, {})->items.size(), 3u);
  EXPECT_EQ(enrolments_->List(coordinator_, {}, {})->items.size(), 3u);
  // Coordinators see the people enrolled in their series, also from elsewhere.
  Participant guest;
  guest.display_name = "Gast aus Dessau";
  guest.organization_id = dessau_;
  guest.target_groups = {TargetGroup::kVolunteers};
  const Id guest_id = participants_->Create(admin_, guest, {})->id;
  EXPECT_EQ(participants_->Get(coordinator_, guest_id).status().code(),
            absl::StatusCode::kPermissionDenied);
  const size_t before = participants_->List(coordinator_, 0, "", {})->items.size();
  Enrol(guest_id);
  EXPECT_TRUE(participants_->Get(coordinator_, guest_id).ok());
  EXPECT_EQ(participants_->List(coordinator_, 0, "", {})->items.size(), before + 1);
  EXPECT_TRUE(participants_->Get(coordinator_, jana).ok());

  Trainer t;
  t.display_name = "Katrin Vogel";
  t.email = "katrin@example.org";
  const Id trainer = planner_->trainers.Create(admin_, t, {})->id;
  Module m;
  m.title = "Modul 1";
  const Id module = planner_->series.CreateModule(admin_, series_, m, 0, {})->id;
  Session s;
  s.start = now_ + absl::Hours(24 * 30);
  s.end = s.start + absl::Hours(6);
  s.trainers = {{trainer}};
  ASSERT_TRUE(planner_->sessions.CreateSession(admin_, series_, module, s, false, {}).ok());
  const Principal teacher = As({Role::kTrainer, 0, trainer});
  auto roster = enrolments_->List(teacher, {.series_id = series_}, {});
  ASSERT_TRUE(roster.ok()) << roster.status();
  ASSERT_EQ(roster->items.size(), 2u);  // seats only; the waiting list is the coordinators'
  EXPECT_EQ(roster->items[0].participant_name, "Jana");
  EXPECT_EQ(enrolments_->Get(teacher, waiting.id).status().code(),
            absl::StatusCode::kPermissionDenied);
  EXPECT_EQ(enrolments_->History(teacher, mine.id, {}).status().code(),
            absl::StatusCode::kPermissionDenied);
}

TEST_F(EnrolmentsTest, RetriesWithTheSameRequestIdChangeNothingMore) {
  const Id anna = Person("Anna");
  auto first = enrolments_->Request(coordinator_, series_, anna, false, "", {"req-1", "f1"});
  auto retry = enrolments_->Request(coordinator_, series_, anna, false, "", {"req-1", "f1"});
  ASSERT_TRUE(first.ok());
  ASSERT_TRUE(retry.ok()) << retry.status();
  EXPECT_EQ(first->id, retry->id);
  auto withdraw = enrolments_->Withdraw(coordinator_, first->id, "ill", {"req-2", "f2"});
  auto withdraw_retry = enrolments_->Withdraw(coordinator_, first->id, "ill", {"req-2", "f2"});
  ASSERT_TRUE(withdraw.ok());
  ASSERT_TRUE(withdraw_retry.ok()) << withdraw_retry.status();
  EXPECT_EQ(History(first->id).size(), 2u);
  EXPECT_EQ(
      enrolments_->Withdraw(coordinator_, first->id, "ill", {"req-1", "other"}).status().code(),
      absl::StatusCode::kAlreadyExists);
}

TEST_F(EnrolmentsTest, CancellingASeriesEndsItsEnrolmentsWithTheReasonInTheirHistory) {
  std::vector<Enrolment> e;
  for (const char* name : {"Anna", "Bülent", "Chiara"}) e.push_back(Enrol(Person(name)));
  ASSERT_EQ(e[2].state, S::kWaitlisted);
  now_ += absl::Hours(1);
  ASSERT_TRUE(planner_->series.CancelSeries(coordinator_, series_, "Referentin erkrankt").ok());
  for (const Enrolment& before : e) {
    const Enrolment after = Get(before.id);
    EXPECT_EQ(after.state, S::kWithdrawn) << before.id;
    const std::vector<EnrolmentChange> history = History(before.id);
    ASSERT_FALSE(history.empty());
    EXPECT_EQ(history.back().reason, "the series was cancelled: Referentin erkrankt");
    EXPECT_EQ(history.back().account_id, coordinator_.account.id);
  }
  // Cancelling again changes nothing more.
  ASSERT_TRUE(planner_->series.CancelSeries(coordinator_, series_, "").ok());
  EXPECT_EQ(History(e[0].id).size(), 2u);
}

TEST_F(EnrolmentsTest, ParticipantsKeepTheirSeriesOnceItRunsButNotItsInternals) {
  const Id jana = Person("Jana Beispiel");
  Enrol(jana);
  Trainer t;
  t.display_name = "Sabine Roth";
  t.email = "sabine.roth@example.org";
  const Id roth = planner_->trainers.Create(admin_, t, {})->id;
  t.display_name = "Dr. Jonas Keller";
  t.email = "jonas.keller@example.org";
  const Id keller = planner_->trainers.Create(admin_, t, {})->id;
  Module m;
  m.title = "Grundlagen";
  m.teaching_units = 4;
  const Id module = planner_->series.CreateModule(admin_, series_, m, 0, {})->id;
  Session s;
  s.start = now_ + absl::Hours(24 * 30);
  s.end = s.start + absl::Hours(3);
  s.note = "Honorar 600 EUR; Vertrag noch nicht unterschrieben";
  s.trainers = {{roth, BookingStatus::kRequested}, {keller, BookingStatus::kRequested}};
  auto session = planner_->sessions.CreateSession(admin_, series_, module, s, false, {});
  ASSERT_TRUE(session.ok()) << session.status();
  ASSERT_TRUE(planner_->sessions
                  .SetBookingStatus(admin_, session->id, keller, BookingStatus::kConfirmed, false)
                  .ok());
  SetStatus(series_, SeriesStatus::kRunning);

  const Principal self = As({Role::kParticipant, 0, 0, jana});
  ASSERT_TRUE(planner_->series.GetSeries(self, series_).ok());
  auto seen = planner_->sessions.GetSession(self, session->id);
  ASSERT_TRUE(seen.ok()) << seen.status();
  EXPECT_EQ(seen->note, "");
  ASSERT_EQ(seen->trainers.size(), 1u);
  EXPECT_EQ(seen->trainers[0].trainer_id, keller);
  auto listed = planner_->sessions.ListSessions(self, series_, 0, {});
  ASSERT_TRUE(listed.ok()) << listed.status();
  ASSERT_EQ(listed->items.size(), 1u);
  EXPECT_EQ(listed->items[0].note, "");
  auto calendar = planner_->calendars.ExportSeriesCalendar(self, series_);
  ASSERT_TRUE(calendar.ok()) << calendar.status();
  EXPECT_EQ(calendar->ical.find("Honorar"), std::string::npos) << calendar->ical;
  EXPECT_EQ(calendar->ical.find("Sabine Roth"), std::string::npos) << calendar->ical;
  auto series_list = planner_->series.ListSeries(self, {}, {});
  ASSERT_TRUE(series_list.ok());
  ASSERT_EQ(series_list->items.size(), 1u);

  // The series' planners and the trainer booked see everything; a partner who
  // only reads sees what participants see.
  EXPECT_EQ(planner_->sessions.GetSession(coordinator_, session->id)->note, s.note);
  Series partnered;
  partnered.id = series_;
  partnered.partner_organization_ids = {dessau_};
  ASSERT_TRUE(planner_->series.UpdateSeries(admin_, partnered, {"partner_organization_ids"}).ok());
  auto partner_view = planner_->sessions.GetSession(As({Role::kCoordinator, dessau_}), session->id);
  ASSERT_TRUE(partner_view.ok()) << partner_view.status();
  EXPECT_EQ(partner_view->note, "");
  EXPECT_EQ(partner_view->trainers.size(), 1u);
  const Principal roth_login = As({Role::kTrainer, 0, roth});
  EXPECT_EQ(planner_->sessions.GetSession(roth_login, session->id)->trainers.size(), 2u);

  // Someone never enrolled does not see a running series.
  const Principal other = As({Role::kParticipant, 0, 0, Person("Omar")});
  EXPECT_EQ(planner_->series.GetSeries(other, series_).status().code(),
            absl::StatusCode::kPermissionDenied);
}

TEST_F(EnrolmentsTest, ARosterIsRefusedToParticipantsAndAMissingSeriesLooksForeign) {
  const Id jana = Person("Jana Beispiel");
  Enrol(jana);
  Enrol(Person("Anna"));
  const Principal self = As({Role::kParticipant, 0, 0, jana});
  EXPECT_EQ(enrolments_->List(self, {.series_id = series_}, {}).status().code(),
            absl::StatusCode::kPermissionDenied);
  auto own = enrolments_->List(self, {.series_id = series_, .participant_id = jana}, {});
  ASSERT_TRUE(own.ok()) << own.status();
  EXPECT_EQ(own->items.size(), 1u);
  EXPECT_EQ(enrolments_->List(self, {.series_id = 999}, {}).status().code(),
            absl::StatusCode::kPermissionDenied);
  EXPECT_EQ(enrolments_->List(coordinator_, {.series_id = 999}, {}).status().code(),
            absl::StatusCode::kPermissionDenied);
  EXPECT_EQ(enrolments_->List(admin_, {.series_id = 999}, {}).status().code(),
            absl::StatusCode::kNotFound);
  // History names its field as the request does.
  auto history = enrolments_->History(admin_, 999, {});
  ASSERT_EQ(history.status().code(), absl::StatusCode::kNotFound);
  EXPECT_NE(std::string(history.status().message()).find("enrolment 999"), std::string::npos);
  EXPECT_EQ(GetFieldViolations(history.status()).at(0).field, "enrolment_id");
}

TEST_F(EnrolmentsTest, NotesAreKeptOnTheEnrolmentForItsCoordinatorsOnly) {
  const Id jana = Person("Jana Beispiel");
  auto e = enrolments_->Request(coordinator_, series_, jana, false, "kommt mit Rollstuhl", {});
  ASSERT_TRUE(e.ok()) << e.status();
  EXPECT_EQ(enrolments_->Get(coordinator_, e->id)->note, "kommt mit Rollstuhl");
  EXPECT_EQ(enrolments_->List(coordinator_, {.series_id = series_}, {})->items[0].note,
            "kommt mit Rollstuhl");
  const Principal self = As({Role::kParticipant, 0, 0, jana});
  EXPECT_EQ(enrolments_->Get(self, e->id)->note, "");
  EXPECT_EQ(enrolments_->List(self, {}, {})->items[0].note, "");
}

// Earlier versions wrote a coordinator's internal note, given with an
// enrolment, as the reason of its history entry, which the participant
// reads. A database written then (schema version 15), once opened, shows
// the participant the plain step instead; their own words and a
// coordinator's reasons for other steps stay, the note stays on the
// enrolment for coordinators, and the history is append-only again.
TEST(EnrolmentHistoryUpgradeTest, ACoordinatorsOldNoteNoLongerReachesTheParticipant) {
  const std::string path = trainhub::testing::TempDbPath("trainhub-history");
  {
    SQLite::Database db(path, SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
    ASSERT_TRUE(store::Migrate(db, 15).ok());
    db.exec(R"sql(
INSERT INTO organization (id, name, kind, city, website, create_time, update_time)
  VALUES (1, 'Auslandsgesellschaft Sachsen-Anhalt e.V.', 1, '', '', 0, 0);
INSERT INTO series (id, organization_id, title, kind, description, target_groups, capacity,
  status, cancellation_reason, create_time, update_time)
  VALUES (1, 1, 'Interkultur im Ehrenamt', 2, '', '[1]', 10, 3, '', 0, 0);
INSERT INTO participant (id, display_name, email, organization_id, target_groups,
  training_year, create_time, update_time)
  VALUES (1, 'Jana Beispiel', '', 1, '[1]', 0, 0, 0), (2, 'سمير خليل', '', 1, '[6]', 0, 0, 0);
INSERT INTO account (id, email, email_key, display_name, password_hash, create_time)
  VALUES (5, 'jana@example.org', 'jana@example.org', 'Jana', 'x', 0),
         (7, 'koordination@example.org', 'koordination@example.org', 'Koordination', 'x', 0);
INSERT INTO account_role (account_id, position, role, organization_id, participant_id)
  VALUES (5, 0, 4, NULL, 1), (7, 0, 2, 1, NULL);
INSERT INTO enrolment (id, series_id, participant_id, state, queue_number, request_time,
  eligibility_overridden, update_time, note)
  VALUES (1, 1, 1, 2, 3, 0, 0, 0, 'Zahlt erst im März, bitte nachhaken'),
         (2, 1, 2, 3, 2, 0, 1, 0, 'Zielgruppe passt nicht, Ausnahme');
INSERT INTO enrolment_change (id, enrolment_id, time, from_state, to_state, account_id, reason)
  VALUES (1, 1, 1, 0, 3, 7, 'Zahlt erst im März, bitte nachhaken'),
         (2, 1, 2, 3, 5, 7, 'auf eigenen Wunsch'),
         (3, 1, 3, 5, 2, 5, 'Ich komme doch, mit dem Zug'),
         (4, 2, 4, 0, 2, 7, 'Zielgruppe passt nicht, Ausnahme (target groups overridden)'),
         (5, 2, 5, 2, 3, 0, 'promoted from the waiting list: a seat became free');
)sql");
  }
  auto store = store::SqliteStore::Open(path);
  ASSERT_TRUE(store.ok()) << store.status();
  Enrolments enrolments(**store, [] { return absl::Now(); });
  auto reasons = [&](const Principal& who, Id enrolment) {
    std::vector<std::string> out;
    absl::StatusOr<Page<EnrolmentChange>> history = enrolments.History(who, enrolment, {100, {}});
    EXPECT_TRUE(history.ok()) << history.status();
    if (history.ok()) {
      for (const EnrolmentChange& c : history->items) out.push_back(c.reason);
    }
    return out;
  };
  Principal jana;
  jana.account.id = 5;
  jana.account.roles = {{Role::kParticipant, 0, 0, 1}};
  Principal samir;
  samir.account.id = 6;
  samir.account.roles = {{Role::kParticipant, 0, 0, 2}};
  Principal coordinator;
  coordinator.account.id = 7;
  coordinator.account.roles = {{Role::kCoordinator, 1}};
  EXPECT_EQ(reasons(jana, 1),
            (std::vector<std::string>{"enrolled by a coordinator", "auf eigenen Wunsch",
                                      "Ich komme doch, mit dem Zug"}));
  EXPECT_EQ(reasons(samir, 2),
            (std::vector<std::string>{"enrolled by a coordinator (target groups overridden)",
                                      "promoted from the waiting list: a seat became free"}));
  absl::StatusOr<Enrolment> seen = enrolments.Get(coordinator, 1);
  ASSERT_TRUE(seen.ok()) << seen.status();
  EXPECT_EQ(seen->note, "Zahlt erst im März, bitte nachhaken");
  EXPECT_TRUE(enrolments.Get(jana, 1)->note.empty());
  store->reset();
  SQLite::Database db(path, SQLite::OPEN_READWRITE);
  EXPECT_THROW(db.exec("UPDATE enrolment_change SET reason = '' WHERE id = 3"), SQLite::Exception);
  trainhub::testing::RemoveDb(path);
}

}  // namespace
}  // namespace trainhub::domain
