// SeriesService and the planning RPCs: a series end to end, idempotent creates, double bookings,
// bad input, page tokens.

#include "api/access_matrix.h"
#include "api/api_fixture.h"

namespace trainhub::api_test {
namespace {

// SeriesService's rows of the access matrix (access_matrix.h).
TH_ACCESS_ROWS(kSeriesServiceRows, {
                                       {"SeriesService/CreateSeries",
                                        [](const AccessObjects& o) {
                                          v1::CreateSeriesRequest r;
                                          r.mutable_series()->set_organization_id(o.org);
                                          r.mutable_series()->set_title("Neue Reihe");
                                          r.mutable_series()->set_kind(v1::SERIES_KIND_OTHER);
                                          r.mutable_series()->set_capacity(5);
                                          return Bytes(r);
                                        },
                                        kPlannerOwn},
                                       {"SeriesService/GetSeries",
                                        [](const AccessObjects& o) {
                                          v1::GetSeriesRequest r;
                                          r.set_id(o.series);
                                          return Bytes(r);
                                        },
                                        kSeeOwnOrEnrolled},
                                       {"SeriesService/ListSeries",
                                        [](const AccessObjects&) { return std::string(); }, kAll},
                                       {"SeriesService/UpdateSeries",
                                        [](const AccessObjects& o) {
                                          v1::UpdateSeriesRequest r;
                                          r.mutable_series()->set_id(o.series);
                                          r.mutable_series()->set_title("Umbenannt");
                                          r.mutable_update_mask()->add_paths("title");
                                          return Bytes(r);
                                        },
                                        kPlannerOwn},
                                       {"SeriesService/CreateModule",
                                        [](const AccessObjects& o) {
                                          v1::CreateModuleRequest r;
                                          r.set_series_id(o.series);
                                          r.mutable_module()->set_title("Zusatzmodul");
                                          return Bytes(r);
                                        },
                                        kPlannerOwn},
                                       {"SeriesService/ListModules",
                                        [](const AccessObjects& o) {
                                          v1::ListModulesRequest r;
                                          r.set_series_id(o.series);
                                          return Bytes(r);
                                        },
                                        kSeeOwnOrEnrolled},
                                       {"SeriesService/UpdateModule",
                                        [](const AccessObjects& o) {
                                          v1::UpdateModuleRequest r;
                                          r.set_series_id(o.series);
                                          r.mutable_module()->set_id(o.module);
                                          r.mutable_module()->set_teaching_units(4);
                                          r.mutable_update_mask()->add_paths("teaching_units");
                                          return Bytes(r);
                                        },
                                        kPlannerOwn},
                                       {"SeriesService/MoveModule",
                                        [](const AccessObjects& o) {
                                          v1::MoveModuleRequest r;
                                          r.set_series_id(o.series);
                                          r.set_module_id(o.module);
                                          r.set_position(1);
                                          return Bytes(r);
                                        },
                                        kPlannerOwn},
                                       {"SeriesService/CreateSession",
                                        [](const AccessObjects& o) {
                                          v1::CreateSessionRequest r;
                                          r.set_series_id(o.series);
                                          r.set_module_id(o.module);
                                          SetTime(r.mutable_session()->mutable_start_time(), 8);
                                          SetTime(r.mutable_session()->mutable_end_time(), 9);
                                          r.set_allow_overlap(true);
                                          return Bytes(r);
                                        },
                                        kPlannerOwn},
                                       {"SeriesService/CreateSessionDays",
                                        [](const AccessObjects& o) {
                                          v1::CreateSessionDaysRequest r;
                                          r.set_series_id(o.series);
                                          r.set_module_id(o.module);
                                          r.mutable_first_day()->set_year(2029);
                                          r.mutable_first_day()->set_month(3);
                                          r.mutable_first_day()->set_day(5);
                                          *r.mutable_last_day() = r.first_day();
                                          r.mutable_daily_start()->set_hours(8);
                                          r.mutable_daily_end()->set_hours(9);
                                          r.set_allow_overlap(true);
                                          return Bytes(r);
                                        },
                                        kPlannerOwn},
                                       {"SeriesService/GetSession",
                                        [](const AccessObjects& o) {
                                          v1::GetSessionRequest r;
                                          r.set_id(o.session);
                                          return Bytes(r);
                                        },
                                        kSeeOwnOrEnrolled},
                                       {"SeriesService/ListSessions",
                                        [](const AccessObjects& o) {
                                          v1::ListSessionsRequest r;
                                          r.set_series_id(o.series);
                                          return Bytes(r);
                                        },
                                        kSeeOwnOrEnrolled},
                                       {"SeriesService/UpdateSession",
                                        [](const AccessObjects& o) {
                                          v1::UpdateSessionRequest r;
                                          r.mutable_session()->set_id(o.session);
                                          r.mutable_session()->set_note("Raum geändert");
                                          r.mutable_update_mask()->add_paths("note");
                                          return Bytes(r);
                                        },
                                        kPlannerOwn},
                                       {"SeriesService/SetBookingStatus",
                                        [](const AccessObjects& o) {
                                          v1::SetBookingStatusRequest r;
                                          r.set_session_id(o.session);
                                          r.set_trainer_id(o.trainer);
                                          r.set_status(v1::BOOKING_STATUS_CONFIRMED);
                                          return Bytes(r);
                                        },
                                        kSeeOwn},
                                       {"SeriesService/DeleteModule",
                                        [](const AccessObjects& o) {
                                          v1::DeleteModuleRequest r;
                                          r.set_series_id(o.series);
                                          r.set_module_id(o.module);
                                          return Bytes(r);
                                        },
                                        kPlannerOwn, /*order=*/3},
                                       {"SeriesService/DeleteSession",
                                        [](const AccessObjects& o) {
                                          v1::DeleteSessionRequest r;
                                          r.set_id(o.spare_session);
                                          return Bytes(r);
                                        },
                                        kPlannerOwn, /*order=*/4},
                                       {"SeriesService/DeleteSeries",
                                        [](const AccessObjects& o) {
                                          v1::DeleteSeriesRequest r;
                                          r.set_id(o.series);
                                          return Bytes(r);
                                        },
                                        kPlannerOwn, /*order=*/5},
                                       {"SeriesService/CancelSeries",
                                        [](const AccessObjects& o) {
                                          v1::CancelSeriesRequest r;
                                          r.set_id(o.series);
                                          return Bytes(r);
                                        },
                                        kPlannerOwn, /*order=*/6},
                                   });

TEST_F(ApiTest, PlansASeriesEndToEnd) {
  const int64_t org = CreateOrganization("Auslandsgesellschaft Sachsen-Anhalt e.V.");
  const int64_t partner = CreateOrganization("Landkreis Anhalt-Bitterfeld");
  const int64_t trainer = CreateTrainer("Ørjan Ødegård", "orjan@example.org");
  v1::CreateSeriesRequest request;
  v1::Series* s = request.mutable_series();
  s->set_organization_id(org);
  s->add_partner_organization_ids(partner);
  s->set_title("Interkultur im Ehrenamt");
  s->set_kind(v1::SERIES_KIND_VOLUNTEER_COURSE);
  s->set_description("Fünf aufeinander aufbauende Module.\nKostenfrei.");
  s->add_target_groups(v1::TARGET_GROUP_VOLUNTEERS);
  s->set_capacity(20);
  v1::Series series;
  ASSERT_TRUE(Call(*series_, &v1::SeriesService::Stub::CreateSeries, request, &series).ok());
  EXPECT_EQ(series.status(), v1::SERIES_STATUS_DRAFT);
  EXPECT_EQ(series.partner_organization_ids(0), partner);
  EXPECT_GT(series.create_time().seconds(), 0);

  v1::Module module = CreateModule(series.id(), "Rollenverständnis im Ehrenamt");
  v1::Session session;
  ASSERT_TRUE(CreateSession(series.id(), module.id(), Utc(2027, 3, 6, 9, 0),
                            Utc(2027, 3, 6, 14, 30), {trainer}, &session)
                  .ok());
  EXPECT_EQ(session.trainers(0).trainer_name(), "Ørjan Ødegård");
  EXPECT_EQ(session.trainers(0).status(), v1::BOOKING_STATUS_REQUESTED);
  EXPECT_EQ(session.series_title(), "Interkultur im Ehrenamt");

  v1::SetBookingStatusRequest confirm;
  confirm.set_session_id(session.id());
  confirm.set_trainer_id(trainer);
  confirm.set_status(v1::BOOKING_STATUS_CONFIRMED);
  v1::Session confirmed;
  ASSERT_TRUE(Call(*series_, &v1::SeriesService::Stub::SetBookingStatus, confirm, &confirmed).ok());
  EXPECT_EQ(confirmed.trainers(0).status(), v1::BOOKING_STATUS_CONFIRMED);

  v1::GetSeriesRequest get;
  get.set_id(series.id());
  v1::Series reloaded;
  ASSERT_TRUE(Call(*series_, &v1::SeriesService::Stub::GetSeries, get, &reloaded).ok());
  EXPECT_EQ(reloaded.module_count(), 1);
  EXPECT_EQ(reloaded.first_session_start().seconds(), Utc(2027, 3, 6, 9, 0).seconds());

  v1::ListTrainerSessionsRequest schedule;
  schedule.set_trainer_id(trainer);
  v1::ListScheduleResponse sessions;
  ASSERT_TRUE(
      Call(*schedule_, &v1::ScheduleService::Stub::ListTrainerSessions, schedule, &sessions).ok());
  ASSERT_EQ(sessions.sessions_size(), 1);

  v1::ExportCalendarRequest ical;
  ical.set_series_id(series.id());
  v1::ExportCalendarResponse file;
  ASSERT_TRUE(Call(*schedule_, &v1::ScheduleService::Stub::ExportCalendar, ical, &file).ok());
  EXPECT_EQ(file.filename(), "series-" + std::to_string(series.id()) + ".ics");
  EXPECT_NE(file.ical().find("DTSTART;TZID=Europe/Berlin:20270306T100000"), std::string::npos);
}

// A series is completed once its last session is over: not while one
// runs, not with one ahead; the refusal names the session.
TEST_F(ApiTest, ASeriesIsCompletedOnlyOnceItsLastSessionHasEnded) {
  const int64_t org = CreateOrganization("Stadt Köthen (Anhalt)");
  const int64_t series = CreateSeries(org, "Ideenwerkstatt Frühjahr").id();
  const int64_t module = CreateModule(series, "Werkstatt").id();
  const absl::Time now = absl::Now();
  v1::Session running, ahead;
  ASSERT_TRUE(CreateSession(series, module, ProtoTime(now - absl::Hours(3)),
                            ProtoTime(now + absl::Minutes(30)), {}, &running)
                  .ok());
  ASSERT_TRUE(CreateSession(series, module, ProtoTime(now + absl::Hours(24 * 6)),
                            ProtoTime(now + absl::Hours(24 * 6 + 4)), {}, &ahead)
                  .ok());
  auto set_status = [&](v1::SeriesStatus status, v1::Series* out) {
    v1::UpdateSeriesRequest r;
    r.mutable_series()->set_id(series);
    r.mutable_series()->set_status(status);
    r.mutable_update_mask()->add_paths("status");
    return Call(*series_, &v1::SeriesService::Stub::UpdateSeries, r, out);
  };
  v1::Series out;
  ASSERT_TRUE(set_status(v1::SERIES_STATUS_OPEN_FOR_ENROLMENT, &out).ok());
  ASSERT_TRUE(set_status(v1::SERIES_STATUS_RUNNING, &out).ok());
  ExpectRefused({{"with a session ahead",
                  [&] { return set_status(v1::SERIES_STATUS_COMPLETED, &out); },
                  grpc::StatusCode::FAILED_PRECONDITION, "series.status"}});
  grpc::Status s = set_status(v1::SERIES_STATUS_COMPLETED, &out);
  EXPECT_NE(s.error_message().find(absl::StrCat("session ", ahead.id(), " ")), std::string::npos)
      << s.error_message();

  v1::DeleteSessionRequest remove;
  remove.set_id(ahead.id());
  v1::DeleteSessionResponse removed;
  ASSERT_TRUE(Call(*series_, &v1::SeriesService::Stub::DeleteSession, remove, &removed).ok());
  s = set_status(v1::SERIES_STATUS_COMPLETED, &out);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::FAILED_PRECONDITION) << "the last session still runs";
  EXPECT_NE(s.error_message().find(absl::StrCat("session ", running.id(), " ")), std::string::npos)
      << s.error_message();
  v1::GetSeriesRequest get;
  get.set_id(series);
  ASSERT_TRUE(Call(*series_, &v1::SeriesService::Stub::GetSeries, get, &out).ok());
  EXPECT_EQ(out.status(), v1::SERIES_STATUS_RUNNING);

  // The session ended early: now the series can be completed.
  v1::UpdateSessionRequest shorten;
  shorten.mutable_session()->set_id(running.id());
  *shorten.mutable_session()->mutable_end_time() = ProtoTime(now - absl::Minutes(1));
  shorten.mutable_update_mask()->add_paths("end_time");
  ASSERT_TRUE(Call(*series_, &v1::SeriesService::Stub::UpdateSession, shorten, &running).ok());
  s = set_status(v1::SERIES_STATUS_COMPLETED, &out);
  ASSERT_TRUE(s.ok()) << s.error_message();
  EXPECT_EQ(out.status(), v1::SERIES_STATUS_COMPLETED);
}

TEST_F(ApiTest, RetriedCreateWithRequestIdMakesOneRow) {
  const int64_t org = CreateOrganization("Stadt Dessau-Roßlau");
  v1::CreateSeriesRequest request;
  request.set_request_id("retry-1");
  request.mutable_series()->set_organization_id(org);
  request.mutable_series()->set_title("Vielfalts-Montag");
  request.mutable_series()->set_kind(v1::SERIES_KIND_VIELFALTS_MONTAG);
  request.mutable_series()->set_capacity(24);
  v1::Series first, second;
  ASSERT_TRUE(Call(*series_, &v1::SeriesService::Stub::CreateSeries, request, &first).ok());
  ASSERT_TRUE(Call(*series_, &v1::SeriesService::Stub::CreateSeries, request, &second).ok());
  EXPECT_EQ(first.id(), second.id());
  v1::ListSeriesResponse all;
  Call(*series_, &v1::SeriesService::Stub::ListSeries, {}, &all);
  EXPECT_EQ(all.series_size(), 1);

  request.mutable_series()->set_capacity(25);
  grpc::Status changed = Call(*series_, &v1::SeriesService::Stub::CreateSeries, request, &second);
  EXPECT_EQ(changed.error_code(), grpc::StatusCode::ALREADY_EXISTS);
  EXPECT_EQ(FieldOf(changed), "request_id");
}

TEST_F(ApiTest, ADoubleBookingNamesTheOtherSessionInTheDetails) {
  const int64_t org = CreateOrganization("Stadt Dessau-Roßlau");
  const int64_t trainer = CreateTrainer("Nuran Şahin", "nuran@example.org");
  v1::Series a = CreateSeries(org, "Gemeinsam verschieden");
  v1::Series b = CreateSeries(org, "Vielfalts-Montag");
  v1::Module ma = CreateModule(a.id(), "Vielfaltsparcours");
  v1::Module mb = CreateModule(b.id(), "Einführung");
  v1::Session first, second;
  ASSERT_TRUE(CreateSession(a.id(), ma.id(), Utc(2027, 10, 27, 6, 0), Utc(2027, 10, 28, 13, 0),
                            {trainer}, &first)
                  .ok());
  grpc::Status clash = CreateSession(b.id(), mb.id(), Utc(2027, 10, 28, 8, 0),
                                     Utc(2027, 10, 28, 9, 0), {trainer}, &second);
  EXPECT_EQ(clash.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  v1::ErrorDetails details;
  ASSERT_TRUE(details.ParseFromString(clash.error_details()));
  EXPECT_EQ(details.conflicting_session_id(), first.id());
  EXPECT_TRUE(details.double_booking());
  EXPECT_NE(clash.error_message().find("Nuran Şahin"), std::string::npos);
}

TEST_F(ApiTest, DoubleBookingWithAnotherOrganisationsSessionHidesItButSaysSo) {
  const int64_t city = CreateOrganization("Stadt Dessau-Roßlau");
  const int64_t ngo = CreateOrganization("Auslandsgesellschaft Sachsen-Anhalt");
  const int64_t trainer = CreateTrainer("Dr. Jonas Keller", "keller@example.org");
  v1::Series theirs = CreateSeries(city, "Vielfalts-Montag");
  v1::Module their_module = CreateModule(theirs.id(), "Einführung");
  v1::Session first;
  ASSERT_TRUE(CreateSession(theirs.id(), their_module.id(), Utc(2027, 3, 1, 12, 0),
                            Utc(2027, 3, 1, 15, 30), {trainer}, &first)
                  .ok());
  domain::Account coordinator;
  coordinator.email = "koordination@agsa.example.org";
  coordinator.display_name = "Koordination";
  coordinator.roles = {{domain::Role::kCoordinator, ngo}};
  ASSERT_TRUE(
      server_->accounts().CreateAccount(domain::Principal::System(), coordinator, kPassword).ok());
  v1::Series ours = CreateSeries(ngo, "Interkultur im Ehrenamt");
  v1::Module our_module = CreateModule(ours.id(), "Rollenverständnis");
  token_ = LoginAs("koordination@agsa.example.org");
  v1::Session second;
  grpc::Status clash = CreateSession(ours.id(), our_module.id(), Utc(2027, 3, 1, 13, 0),
                                     Utc(2027, 3, 1, 16, 0), {trainer}, &second);
  EXPECT_EQ(clash.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  v1::ErrorDetails details;
  ASSERT_TRUE(details.ParseFromString(clash.error_details()));
  EXPECT_TRUE(details.double_booking());
  EXPECT_EQ(details.conflicting_session_id(), 0);  // not theirs to see
  EXPECT_EQ(clash.error_message().find("Vielfalts-Montag"), std::string::npos);
}

TEST_F(ApiTest, ConcurrentBookingsOfOneTrainerLetExactlyOneThrough) {
  const int64_t org = CreateOrganization("Stadt Dessau-Roßlau");
  const int64_t trainer = CreateTrainer("Katrin Vogel", "katrin@example.org");
  std::vector<std::pair<int64_t, int64_t>> targets;  // series, module
  for (int i = 0; i < 8; ++i) {
    v1::Series s = CreateSeries(org, "Reihe " + std::to_string(i));
    targets.emplace_back(s.id(), CreateModule(s.id(), "Modul").id());
  }
  std::atomic<int> ok{0}, refused{0};
  std::vector<std::thread> threads;
  for (const auto& [series_id, module_id] : targets) {
    threads.emplace_back([&, series_id = series_id, module_id = module_id] {
      v1::Session out;
      grpc::Status s = CreateSession(series_id, module_id, Utc(2028, 5, 2, 7, 0),
                                     Utc(2028, 5, 2, 15, 0), {trainer}, &out);
      if (s.ok()) ++ok;
      if (s.error_code() == grpc::StatusCode::FAILED_PRECONDITION) ++refused;
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(ok.load(), 1);
  EXPECT_EQ(refused.load(), 7);
}

using SS = v1::SeriesService::Stub;
constexpr auto kInvalid = grpc::StatusCode::INVALID_ARGUMENT;
constexpr auto kNotFound = grpc::StatusCode::NOT_FOUND;

// A plan to aim bad requests at: an organisation, a trainer, two series
// with a module each, a session. Every refused request must leave all of it
// (and everything else) as it was.
class BadInputTest : public ApiTest {
 protected:
  void SetUp() override {
    ApiTest::SetUp();
    org_ = CreateOrganization("Auslandsgesellschaft Sachsen-Anhalt e.V.");
    trainer_ = CreateTrainer("Алина Петрова", "alina@example.org");
    series_a_ = CreateSeries(org_, "Interkultur im Ehrenamt");
    series_b_ = CreateSeries(org_, "Vielfalts-Montag");
    module_a_ = CreateModule(series_a_.id(), "Modul 1");
    module_b_ = CreateModule(series_b_.id(), "Modul A");
    ASSERT_TRUE(CreateSession(series_a_.id(), module_a_.id(), Utc(2027, 3, 6, 9, 0),
                              Utc(2027, 3, 6, 14, 30), {trainer_}, &session_)
                    .ok());
    before_ = Snapshot();
  }
  void TearDown() override {
    EXPECT_EQ(Snapshot(), before_) << "a rejected request changed data";
    ApiTest::TearDown();
  }

  // Creating a valid series changed by `edit`.
  std::function<grpc::Status()> SeriesWith(std::function<void(v1::Series*)> edit) {
    return [this, edit] {
      v1::CreateSeriesRequest r;
      r.mutable_series()->set_organization_id(org_);
      r.mutable_series()->set_title("Neue Reihe");
      r.mutable_series()->set_kind(v1::SERIES_KIND_OTHER);
      r.mutable_series()->set_capacity(10);
      edit(r.mutable_series());
      v1::Series out;
      return Call(*series_, &SS::CreateSeries, r, &out);
    };
  }
  // Creating a valid session of `module_id` changed by `edit`.
  std::function<grpc::Status()> SessionWith(int64_t series_id, int64_t module_id,
                                            std::function<void(v1::Session*)> edit) {
    return [this, series_id, module_id, edit] {
      v1::CreateSessionRequest r;
      r.set_series_id(series_id);
      r.set_module_id(module_id);
      *r.mutable_session()->mutable_start_time() = Utc(2028, 1, 10, 9, 0);
      *r.mutable_session()->mutable_end_time() = Utc(2028, 1, 10, 12, 0);
      edit(r.mutable_session());
      v1::Session out;
      return Call(*series_, &SS::CreateSession, r, &out);
    };
  }

  int64_t org_ = 0, trainer_ = 0;
  v1::Series series_a_, series_b_;
  v1::Module module_a_, module_b_;
  v1::Session session_;
  std::string before_;
};

TEST_F(BadInputTest, ASeriesWithBadFieldsIsRefusedNamingEachField) {
  ExpectRefused({
      {"empty title", SeriesWith([](v1::Series* s) { s->set_title(""); }), kInvalid,
       "series.title"},
      {"oversize title", SeriesWith([](v1::Series* s) { s->set_title(std::string(201, 'x')); }),
       kInvalid, "series.title"},
      {"unknown kind",
       SeriesWith([](v1::Series* s) { s->set_kind(static_cast<v1::SeriesKind>(42)); }), kInvalid,
       "series.kind"},
      {"unknown target group",
       SeriesWith([](v1::Series* s) { s->add_target_groups(static_cast<v1::TargetGroup>(77)); }),
       kInvalid, "series.target_groups[0]"},
      {"zero capacity", SeriesWith([](v1::Series* s) { s->set_capacity(0); }), kInvalid,
       "series.capacity"},
      {"unknown organisation", SeriesWith([](v1::Series* s) { s->set_organization_id(999); }),
       kInvalid, "series.organization_id"},
      {"status on create",
       SeriesWith([](v1::Series* s) { s->set_status(v1::SERIES_STATUS_RUNNING); }), kInvalid,
       "series.status"},
      {"unknown issued documents", SeriesWith([](v1::Series* s) {
         s->set_issued_documents(static_cast<v1::IssuedDocuments>(9));
       }),
       kInvalid, "series.issued_documents"},
      {"a qualification from Teilnahmebestätigungen only", SeriesWith([](v1::Series* s) {
         s->set_issued_documents(v1::ISSUED_DOCUMENTS_CONFIRMATION_ONLY);
         s->set_awards_qualification("Vielfaltsgestalter:in");
       }),
       kInvalid, "series.issued_documents"},
      {"issued documents unset in an update",
       [&] {
         v1::UpdateSeriesRequest r;
         r.mutable_series()->set_id(series_a_.id());
         r.mutable_update_mask()->add_paths("issued_documents");
         v1::Series out;
         return Call(*series_, &SS::UpdateSeries, r, &out);
       },
       kInvalid, "series.issued_documents"},
  });
}

// What a series issues: Zertifikat and Teilnahmebestätigung unless it says
// otherwise; kept and changed like its other settings.
TEST_F(ApiTest, ASeriesIssuesZertifikateUnlessSetToTeilnahmebestaetigungenOnly) {
  const int64_t org = CreateOrganization("Stadt Dessau-Roßlau, Integrationsbüro");
  v1::Series series = CreateSeries(org, "Fachtag Vielfalt");
  EXPECT_EQ(series.issued_documents(), v1::ISSUED_DOCUMENTS_CERTIFICATE_AND_CONFIRMATION);
  v1::UpdateSeriesRequest r;
  r.mutable_series()->set_id(series.id());
  r.mutable_series()->set_issued_documents(v1::ISSUED_DOCUMENTS_CONFIRMATION_ONLY);
  r.mutable_update_mask()->add_paths("issued_documents");
  v1::Series updated;
  ASSERT_TRUE(Call(*series_, &v1::SeriesService::Stub::UpdateSeries, r, &updated).ok());
  EXPECT_EQ(updated.issued_documents(), v1::ISSUED_DOCUMENTS_CONFIRMATION_ONLY);
  v1::GetSeriesRequest get;
  get.set_id(series.id());
  v1::Series read;
  ASSERT_TRUE(Call(*series_, &v1::SeriesService::Stub::GetSeries, get, &read).ok());
  EXPECT_EQ(read.issued_documents(), v1::ISSUED_DOCUMENTS_CONFIRMATION_ONLY);
}

TEST_F(BadInputTest, ASessionWithBadFieldsIsRefusedNamingEachField) {
  ExpectRefused({
      {"end before start",
       SessionWith(series_a_.id(), module_a_.id(),
                   [](v1::Session* s) { *s->mutable_end_time() = Utc(2028, 1, 10, 8, 0); }),
       kInvalid, "session.end_time"},
      {"missing start",
       SessionWith(series_a_.id(), module_a_.id(), [](v1::Session* s) { s->clear_start_time(); }),
       kInvalid, "session.start_time"},
      {"invalid timestamp",
       SessionWith(series_a_.id(), module_a_.id(),
                   [](v1::Session* s) { s->mutable_start_time()->set_nanos(-1); }),
       kInvalid, "session.start_time"},
      {"sub-second start (kept in whole seconds, never cut silently)",
       SessionWith(series_a_.id(), module_a_.id(),
                   [](v1::Session* s) { s->mutable_start_time()->set_nanos(500000000); }),
       kInvalid, "session.start_time"},
      {"module of another series", SessionWith(series_a_.id(), module_b_.id(), [](v1::Session*) {}),
       kInvalid, "module_id"},
      {"unknown module", SessionWith(series_a_.id(), 9999, [](v1::Session*) {}), kNotFound,
       "module_id"},
      {"unknown series", SessionWith(9999, module_a_.id(), [](v1::Session*) {}), kNotFound,
       "series_id"},
      {"unknown trainer",
       SessionWith(series_a_.id(), module_a_.id(),
                   [](v1::Session* s) { s->add_trainers()->set_trainer_id(4242); }),
       kInvalid, "session.trainers[0].trainer_id"},
      {"unknown booking status",
       SessionWith(series_a_.id(), module_a_.id(),
                   [&](v1::Session* s) {
                     auto* b = s->add_trainers();
                     b->set_trainer_id(trainer_);
                     b->set_status(static_cast<v1::BookingStatus>(9));
                   }),
       kInvalid, "session.trainers[0].status"},
      {"booking of a trainer not on the session",
       [&] {
         v1::SetBookingStatusRequest r;
         r.set_session_id(session_.id());
         r.set_trainer_id(trainer_ + 100);
         r.set_status(v1::BOOKING_STATUS_CONFIRMED);
         v1::Session out;
         return Call(*series_, &SS::SetBookingStatus, r, &out);
       },
       kNotFound, "trainer_id"},
  });
}

TEST_F(BadInputTest, BadDaysOfAMultiDayBlockAreRefusedNamingTheField) {
  auto days_with = [this](std::function<void(v1::CreateSessionDaysRequest*)> edit) {
    return [this, edit] {
      v1::CreateSessionDaysRequest r;
      r.set_series_id(series_a_.id());
      r.set_module_id(module_a_.id());
      r.mutable_first_day()->set_year(2028);
      r.mutable_first_day()->set_month(5);
      r.mutable_first_day()->set_day(14);
      *r.mutable_last_day() = r.first_day();
      r.mutable_last_day()->set_day(16);
      r.mutable_daily_start()->set_hours(9);
      r.mutable_daily_end()->set_hours(16);
      edit(&r);
      v1::CreateSessionDaysResponse out;
      return Call(*series_, &SS::CreateSessionDays, r, &out);
    };
  };
  ExpectRefused({
      {"no first day", days_with([](auto* r) { r->clear_first_day(); }), kInvalid, "first_day"},
      {"30 February", days_with([](auto* r) {
         r->mutable_first_day()->set_month(2);
         r->mutable_first_day()->set_day(30);
       }),
       kInvalid, "first_day"},
      {"last before first", days_with([](auto* r) { r->mutable_last_day()->set_day(13); }),
       kInvalid, "last_day"},
      {"more than a month", days_with([](auto* r) { r->mutable_last_day()->set_month(7); }),
       kInvalid, "last_day"},
      {"hour 24", days_with([](auto* r) { r->mutable_daily_start()->set_hours(24); }), kInvalid,
       "daily_start"},
      {"end before start", days_with([](auto* r) { r->mutable_daily_end()->set_hours(8); }),
       kInvalid, "daily_end"},
      {"times of the session set", days_with([](auto* r) {
         *r->mutable_session()->mutable_start_time() = Utc(2028, 5, 14, 7, 0);
       }),
       kInvalid, "session.start_time"},
      {"unknown module", days_with([](auto* r) { r->set_module_id(9999); }), kNotFound,
       "module_id"},
  });
  // One impossible day (first and last alike) is one problem, named once.
  const grpc::Status one_day = days_with([](auto* r) {
    r->mutable_first_day()->set_month(2);
    r->mutable_first_day()->set_day(30);
    *r->mutable_last_day() = r->first_day();
  })();
  v1::ErrorDetails details;
  ASSERT_TRUE(details.ParseFromString(one_day.error_details()));
  ASSERT_EQ(details.field_violations_size(), 1) << one_day.error_message();
  EXPECT_EQ(details.field_violations(0).field(), "first_day");
}

TEST_F(BadInputTest, BadReadsAndChangesOfThePlanAreRefusedNamingTheField) {
  ExpectRefused({
      {"get unknown series",
       [&] {
         v1::GetSeriesRequest r;
         r.set_id(12345);
         v1::Series out;
         return Call(*series_, &SS::GetSeries, r, &out);
       },
       kNotFound, "id"},
      {"negative page size",
       [&] {
         v1::ListSeriesRequest r;
         r.set_page_size(-1);
         v1::ListSeriesResponse out;
         return Call(*series_, &SS::ListSeries, r, &out);
       },
       kInvalid, "page_size"},
      {"garbage page token",
       [&] {
         v1::ListSeriesRequest r;
         r.set_page_token("not-a-token");
         v1::ListSeriesResponse out;
         return Call(*series_, &SS::ListSeries, r, &out);
       },
       kInvalid, "page_token"},
      {"unknown status filter",
       [&] {
         v1::ListSeriesRequest r;
         r.set_status(static_cast<v1::SeriesStatus>(55));
         v1::ListSeriesResponse out;
         return Call(*series_, &SS::ListSeries, r, &out);
       },
       kInvalid, "status"},
      {"update with unknown mask path",
       [&] {
         v1::UpdateSeriesRequest r;
         r.mutable_series()->set_id(series_a_.id());
         r.mutable_update_mask()->add_paths("module_count");
         v1::Series out;
         return Call(*series_, &SS::UpdateSeries, r, &out);
       },
       kInvalid, "update_mask"},
      {"update to oversize capacity",
       [&] {
         v1::UpdateSeriesRequest r;
         r.mutable_series()->set_id(series_a_.id());
         r.mutable_series()->set_capacity(10001);
         r.mutable_update_mask()->add_paths("capacity");
         v1::Series out;
         return Call(*series_, &SS::UpdateSeries, r, &out);
       },
       kInvalid, "series.capacity"},
      {"skip the lifecycle",
       [&] {
         v1::UpdateSeriesRequest r;
         r.mutable_series()->set_id(series_a_.id());
         r.mutable_series()->set_status(v1::SERIES_STATUS_COMPLETED);
         r.mutable_update_mask()->add_paths("status");
         v1::Series out;
         return Call(*series_, &SS::UpdateSeries, r, &out);
       },
       grpc::StatusCode::FAILED_PRECONDITION, "series.status"},
      {"delete series with modules",
       [&] {
         v1::DeleteSeriesRequest r;
         r.set_id(series_a_.id());
         v1::DeleteSeriesResponse out;
         return Call(*series_, &SS::DeleteSeries, r, &out);
       },
       grpc::StatusCode::FAILED_PRECONDITION, ""},
      {"module with empty topic",
       [&] {
         v1::CreateModuleRequest r;
         r.set_series_id(series_a_.id());
         r.mutable_module()->set_title("Konfliktmanagement");
         r.mutable_module()->add_topics("");
         v1::Module out;
         return Call(*series_, &SS::CreateModule, r, &out);
       },
       kInvalid, "module.topics[0]"},
      {"move module out of range",
       [&] {
         v1::MoveModuleRequest r;
         r.set_series_id(series_a_.id());
         r.set_module_id(module_a_.id());
         r.set_position(3);
         v1::ListModulesResponse out;
         return Call(*series_, &SS::MoveModule, r, &out);
       },
       kInvalid, "position"},
  });
}

TEST_F(BadInputTest, BadInputOfOtherServicesIsRefusedNamingTheField) {
  ExpectRefused({
      {"trainer with bad e-mail",
       [&] {
         v1::CreateTrainerRequest r;
         r.mutable_trainer()->set_display_name("Katrin Vogel");
         r.mutable_trainer()->set_email("katrin at example.org");
         v1::Trainer out;
         return Call(*trainers_, &v1::TrainerService::Stub::CreateTrainer, r, &out);
       },
       kInvalid, "trainer.email"},
      {"organisation without kind",
       [&] {
         v1::CreateOrganizationRequest r;
         r.mutable_organization()->set_name("Netzwerk");
         v1::Organization out;
         return Call(*orgs_, &v1::OrganizationService::Stub::CreateOrganization, r, &out);
       },
       kInvalid, "organization.kind"},
      {"calendar without scope",
       [&] {
         v1::ExportCalendarRequest r;
         v1::ExportCalendarResponse out;
         return Call(*schedule_, &v1::ScheduleService::Stub::ExportCalendar, r, &out);
       },
       kInvalid, "scope"},
      {"range without bounds",
       [&] {
         v1::ListSessionsInRangeRequest r;
         v1::ListScheduleResponse out;
         return Call(*schedule_, &v1::ScheduleService::Stub::ListSessionsInRange, r, &out);
       },
       kInvalid, "from"},
      {"oversize request id",
       [&] {
         v1::CreateOrganizationRequest r;
         r.set_request_id(std::string(200, 'r'));
         r.mutable_organization()->set_name("Netzwerk");
         r.mutable_organization()->set_kind(v1::ORGANIZATION_KIND_NETWORK);
         v1::Organization out;
         return Call(*orgs_, &v1::OrganizationService::Stub::CreateOrganization, r, &out);
       },
       kInvalid, "request_id"},
  });
}

TEST_F(ApiTest, APageTokenOnlyContinuesItsOwnQuery) {
  const int64_t org = CreateOrganization("Stadt Dessau-Roßlau");
  for (int i = 0; i < 5; ++i) CreateSeries(org, "Reihe " + std::to_string(i));
  v1::ListSeriesRequest request;
  request.set_page_size(2);
  std::vector<int64_t> ids;
  for (;;) {
    v1::ListSeriesResponse page;
    ASSERT_TRUE(Call(*series_, &v1::SeriesService::Stub::ListSeries, request, &page).ok());
    for (const auto& s : page.series()) ids.push_back(s.id());
    if (page.next_page_token().empty()) break;
    request.set_page_token(page.next_page_token());
  }
  EXPECT_EQ(ids.size(), 5u);

  v1::ListSeriesRequest first;
  first.set_page_size(2);
  v1::ListSeriesResponse page;
  ASSERT_TRUE(Call(*series_, &v1::SeriesService::Stub::ListSeries, first, &page).ok());
  v1::ListSeriesRequest other_filter;
  other_filter.set_page_size(2);
  other_filter.set_organization_id(org);
  other_filter.set_page_token(page.next_page_token());
  grpc::Status status = Call(*series_, &v1::SeriesService::Stub::ListSeries, other_filter, &page);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(FieldOf(status), "page_token");
  v1::ListTrainersRequest other_rpc;
  other_rpc.set_page_size(2);
  other_rpc.set_page_token(page.next_page_token());
  v1::ListTrainersResponse trainers;
  EXPECT_EQ(
      Call(*trainers_, &v1::TrainerService::Stub::ListTrainers, other_rpc, &trainers).error_code(),
      grpc::StatusCode::INVALID_ARGUMENT);
}

}  // namespace
}  // namespace trainhub::api_test
