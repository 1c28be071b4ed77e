// SeriesService and the other planning RPCs, bad input: each refused
// request names the field and changes nothing.

#include "api/api_fixture.h"

namespace trainhub::api_test {
namespace {

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

  // Reads of series with an unknown id, page or filter.
  std::vector<BadRequest> BadReads() {
    return {
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
    };
  }

  // Changes of series and modules the plan does not allow.
  std::vector<BadRequest> BadChangesOfThePlan() {
    return {
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
  ExpectRefused(BadReads());
  ExpectRefused(BadChangesOfThePlan());
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

}  // namespace
}  // namespace trainhub::api_test
