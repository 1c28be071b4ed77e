// SeriesService and the planning RPCs: a series end to end, completion,
// idempotent creates, double bookings, what a series issues, page tokens.
// Bad input is in series_bad_input_test.cc.

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
