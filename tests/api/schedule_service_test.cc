// ScheduleService: who may call what (the rows of the access matrix).

#include "api/access_matrix.h"
#include "api/api_fixture.h"

namespace trainhub::api_test {
namespace {

// ScheduleService's rows of the access matrix (access_matrix.h).
TH_ACCESS_ROWS(kScheduleServiceRows,
               {
                   {"ScheduleService/ListTrainerSessions",
                    [](const AccessObjects& o) {
                      v1::ListTrainerSessionsRequest r;
                      r.set_trainer_id(o.trainer);
                      return Bytes(r);
                    },
                    {true, true, true, false, false, false}},
                   {"ScheduleService/ListSessionsInRange",
                    [](const AccessObjects&) {
                      v1::ListSessionsInRangeRequest r;
                      *r.mutable_from() = Utc(2028, 1, 1, 0, 0);
                      *r.mutable_to() = Utc(2029, 1, 1, 0, 0);
                      return Bytes(r);
                    },
                    kStaff},
                   {"ScheduleService/ListPendingBookings",
                    [](const AccessObjects&) { return std::string(); }, kStaff},
                   // Everyone's own sessions: the request names no object.
                   {"ScheduleService/ListMySessions",
                    [](const AccessObjects&) { return std::string(); }, kAll},
                   {"ScheduleService/ExportCalendar",
                    [](const AccessObjects& o) {
                      v1::ExportCalendarRequest r;
                      r.set_series_id(o.series);
                      return Bytes(r);
                    },
                    kSeeOwnOrEnrolled},
               });
// Two series of two organisations: Katrin teaches (and declined one
// session), Amina holds a seat in the first series and waits for one in the
// full second; Jonas is both a trainer and a participant.
class MySessionsTest : public ApiTest {
 protected:
  void SetUp() override {
    ApiTest::SetUp();
    if (HasFatalFailure()) return;
    const absl::Time now = absl::Now();
    own_org_ = CreateOrganization("Netzwerk Vielfalt e. V.");
    other_org_ = CreateOrganization("Stadt Köthen (Anhalt)");
    katrin_ = CreateTrainer("Katrin Vogel", "katrin@example.org");
    jonas_ = CreateTrainer("Jonas Berg", "jonas@example.org");
    course_ = CreateSeries(own_org_, "Interkultur im Ehrenamt").id();
    full_ = CreateSeries(other_org_, "Ideenwerkstatt").id();
    const int64_t m1 = CreateModule(course_, "Grundlagen").id();
    const int64_t m2 = CreateModule(full_, "Werkstatt").id();
    past_ = Add(course_, m1, now - absl::Hours(24 * 7), {katrin_});
    running_ = Add(course_, m1, now - absl::Hours(1), {katrin_});
    ahead_ = Add(course_, m1, now + absl::Hours(24 * 7), {katrin_, jonas_});
    declined_ = Add(full_, m2, now + absl::Hours(24 * 9), {katrin_});
    other_ = Add(full_, m2, now + absl::Hours(24 * 10), {jonas_});
    Book(declined_, katrin_, v1::BOOKING_STATUS_DECLINED);
    Book(ahead_, katrin_, v1::BOOKING_STATUS_CONFIRMED);
    v1::UpdateSessionRequest note;
    note.mutable_session()->set_id(ahead_);
    note.mutable_session()->set_note("Honorar 400 EUR");
    note.mutable_update_mask()->add_paths("note");
    v1::Session noted;
    EXPECT_TRUE(Call(*series_, &v1::SeriesService::Stub::UpdateSession, note, &noted).ok());
    // The second series is full: its one seat goes to Mehmet, Amina waits.
    v1::UpdateSeriesRequest capacity;
    capacity.mutable_series()->set_id(full_);
    capacity.mutable_series()->set_capacity(1);
    capacity.mutable_update_mask()->add_paths("capacity");
    v1::Series updated;
    EXPECT_TRUE(Call(*series_, &v1::SeriesService::Stub::UpdateSeries, capacity, &updated).ok());
    EnrolNewVolunteer(other_org_, full_, "Mehmet Yılmaz");
    amina_ = EnrolNewVolunteer(own_org_, course_, "أمينة حداد");
    v1::RequestEnrolmentRequest wait;
    wait.set_series_id(full_);
    wait.set_participant_id(amina_);
    v1::Enrolment waiting;
    EXPECT_TRUE(Call(*enrolments_, &v1::EnrolmentService::Stub::RequestEnrolment, wait, &waiting)
                    .ok());
    EXPECT_EQ(waiting.state(), v1::ENROLMENT_STATE_WAITLISTED);
    const int64_t jonas_person = EnrolNewVolunteer(own_org_, course_, "Jonas Berg");
    Account("katrin@example.org", {{domain::Role::kTrainer, 0, katrin_}});
    Account("amina@example.org", {{domain::Role::kParticipant, 0, 0, amina_}});
    Account("jonas@example.org",
            {{domain::Role::kTrainer, 0, jonas_}, {domain::Role::kParticipant, 0, 0, jonas_person}});
    Account("koordination@example.org", {{domain::Role::kCoordinator, other_org_}});
  }

  int64_t Add(int64_t series, int64_t module, absl::Time start, std::vector<int64_t> trainers) {
    v1::Session session;
    EXPECT_TRUE(CreateSession(series, module, ProtoTime(start), ProtoTime(start + absl::Hours(3)),
                              trainers, &session)
                    .ok());
    return session.id();
  }

  void Book(int64_t session, int64_t trainer, v1::BookingStatus status) {
    v1::SetBookingStatusRequest r;
    r.set_session_id(session);
    r.set_trainer_id(trainer);
    r.set_status(status);
    v1::Session out;
    grpc::Status s = Call(*series_, &v1::SeriesService::Stub::SetBookingStatus, r, &out);
    EXPECT_TRUE(s.ok()) << s.error_message();
  }

  void Account(const std::string& email, std::vector<domain::RoleGrant> roles) {
    domain::Account a;
    a.email = email;
    a.display_name = email.substr(0, email.find('@'));
    a.roles = std::move(roles);
    ASSERT_TRUE(server_->accounts().CreateAccount(domain::Principal::System(), a, kPassword).ok());
  }

  // The sessions `email`'s account gets as its own, with the request `r`.
  std::vector<v1::Session> Mine(const std::string& email, v1::ListMySessionsRequest r = {}) {
    const std::string admin = token_;
    token_ = LoginAs(email);
    v1::ListScheduleResponse out;
    grpc::Status s = Call(*schedule_, &v1::ScheduleService::Stub::ListMySessions, r, &out);
    token_ = admin;
    EXPECT_TRUE(s.ok()) << email << ": " << s.error_message();
    return {out.sessions().begin(), out.sessions().end()};
  }

  static std::vector<int64_t> Ids(const std::vector<v1::Session>& sessions) {
    std::vector<int64_t> ids;
    for (const auto& s : sessions) ids.push_back(s.id());
    return ids;
  }

  int64_t own_org_ = 0, other_org_ = 0, katrin_ = 0, jonas_ = 0, course_ = 0, full_ = 0,
          amina_ = 0;
  int64_t past_ = 0, running_ = 0, ahead_ = 0, declined_ = 0, other_ = 0;
};

TEST_F(MySessionsTest, EveryRoleGetsItsOwnUpcomingSessions) {
  // A trainer: their bookings from now on (the running one included), not the declined one.
  EXPECT_EQ(Ids(Mine("katrin@example.org")), (std::vector<int64_t>{running_, ahead_}));
  // A participant: the series they hold a seat in, not the one they wait for;
  // as participants see sessions (no note, confirmed trainers only).
  const std::vector<v1::Session> amina = Mine("amina@example.org");
  EXPECT_EQ(Ids(amina), (std::vector<int64_t>{running_, ahead_}));
  ASSERT_EQ(amina.size(), 2u);
  EXPECT_TRUE(amina[1].note().empty());
  ASSERT_EQ(amina[1].trainers_size(), 1);
  EXPECT_EQ(amina[1].trainers(0).trainer_id(), katrin_);
  // Trainer and participant at once: both.
  EXPECT_EQ(Ids(Mine("jonas@example.org")), (std::vector<int64_t>{running_, ahead_, other_}));
  // A coordinator: their organisation's series.
  EXPECT_EQ(Ids(Mine("koordination@example.org")),
            (std::vector<int64_t>{declined_, other_}));
  // Admins: every session; with `from` also past ones, with `to` up to then.
  v1::ListMySessionsRequest all;
  *all.mutable_from() = ProtoTime(absl::Now() - absl::Hours(24 * 30));
  *all.mutable_to() = ProtoTime(absl::Now() + absl::Hours(24 * 8));
  v1::ListScheduleResponse out;
  ASSERT_TRUE(Call(*schedule_, &v1::ScheduleService::Stub::ListMySessions, all, &out).ok());
  EXPECT_EQ(out.sessions_size(), 3);
  EXPECT_EQ(Ids(Mine("katrin@example.org", all)), (std::vector<int64_t>{past_, running_, ahead_}));

  v1::ListMySessionsRequest backwards;
  *backwards.mutable_from() = ProtoTime(absl::Now());
  *backwards.mutable_to() = ProtoTime(absl::Now() - absl::Hours(1));
  ExpectRefused({{"to before from",
                  [&] {
                    return Call(*schedule_, &v1::ScheduleService::Stub::ListMySessions, backwards,
                                &out);
                  },
                  grpc::StatusCode::INVALID_ARGUMENT, "to"}});
}

// A trainer answers for their own booking without naming themselves; a
// coordinator must name the trainer.
TEST_F(MySessionsTest, ATrainerSetsTheirOwnBookingWithoutTheirId) {
  v1::SetBookingStatusRequest r;
  r.set_session_id(other_);
  r.set_status(v1::BOOKING_STATUS_CONFIRMED);
  v1::Session session;
  ExpectRefused({{"a coordinator without a trainer",
                  [&] { return Call(*series_, &v1::SeriesService::Stub::SetBookingStatus, r,
                                    &session); },
                  grpc::StatusCode::INVALID_ARGUMENT, "trainer_id"}});
  const std::string admin = token_;
  token_ = LoginAs("jonas@example.org");
  grpc::Status s = Call(*series_, &v1::SeriesService::Stub::SetBookingStatus, r, &session);
  // Katrin is not booked on Jonas' session: her own id is not on it.
  token_ = LoginAs("katrin@example.org");
  grpc::Status not_hers = Call(*series_, &v1::SeriesService::Stub::SetBookingStatus, r, &session);
  token_ = admin;
  ASSERT_TRUE(s.ok()) << s.error_message();
  EXPECT_EQ(not_hers.error_code(), grpc::StatusCode::PERMISSION_DENIED) << not_hers.error_message();
  v1::GetSessionRequest get;
  get.set_id(other_);
  ASSERT_TRUE(Call(*series_, &v1::SeriesService::Stub::GetSession, get, &session).ok());
  ASSERT_EQ(session.trainers_size(), 1);
  EXPECT_EQ(session.trainers(0).trainer_id(), jonas_);
  EXPECT_EQ(session.trainers(0).status(), v1::BOOKING_STATUS_CONFIRMED);
}

}  // namespace
}  // namespace trainhub::api_test
