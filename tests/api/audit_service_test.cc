// AuditService: changes and refusals recorded, refusals bounded.

#include <set>

#include "api/access_matrix.h"
#include "api/api_fixture.h"

namespace trainhub::api_test {
namespace {

// AuditService's rows of the access matrix (access_matrix.h).
TH_ACCESS_ROWS(kAuditServiceRows,
               {
                   {"AuditService/ListAuditEvents",
                    [](const AccessObjects&) { return std::string(); }, kPlanners},
                   {"AuditService/VerifyAuditLog",
                    [](const AccessObjects&) { return std::string(); }, kAdminOnly},
               });

TEST_F(ApiTest, TheAuditLogRecordsChangesAndRefusedCalls) {
  auto audit = v1::AuditService::NewStub(channel_);
  auto events = [&](const std::string& token) {
    v1::ListAuditEventsResponse response;
    grpc::ClientContext context;
    context.AddMetadata("authorization", "Bearer " + token);
    EXPECT_TRUE(audit->ListAuditEvents(&context, {}, &response).ok());
    return response;
  };
  const int64_t org = CreateOrganization("Stadt Dessau-Roßlau");
  const int64_t other_org = CreateOrganization("Landkreis Anhalt-Bitterfeld");
  // A retried create is one change.
  v1::CreateSeriesRequest create;
  create.set_request_id("audit-1");
  create.mutable_series()->set_organization_id(org);
  create.mutable_series()->set_title("Vielfalts-Montag");
  create.mutable_series()->set_kind(v1::SERIES_KIND_VIELFALTS_MONTAG);
  create.mutable_series()->set_capacity(24);
  v1::Series series;
  ASSERT_TRUE(Call(*series_, &v1::SeriesService::Stub::CreateSeries, create, &series).ok());
  ASSERT_TRUE(Call(*series_, &v1::SeriesService::Stub::CreateSeries, create, &series).ok());
  // Rejected input changes nothing and is not an audit event.
  create.set_request_id("audit-2");
  create.mutable_series()->set_capacity(0);
  EXPECT_FALSE(Call(*series_, &v1::SeriesService::Stub::CreateSeries, create, &series).ok());

  domain::Account coordinator;
  coordinator.email = "koordination@example.org";
  coordinator.display_name = "Koordination";
  coordinator.roles = {{domain::Role::kCoordinator, other_org}};
  auto coordinator_account =
      server_->accounts().CreateAccount(domain::Principal::System(), coordinator, kPassword);
  ASSERT_TRUE(coordinator_account.ok());
  const std::string coordinator_token = LoginAs(coordinator.email);
  {
    v1::UpdateSeriesRequest foreign;
    foreign.mutable_series()->set_id(series.id());
    foreign.mutable_series()->set_title("gekapert");
    foreign.mutable_update_mask()->add_paths("title");
    v1::Series out;
    grpc::ClientContext context;
    context.AddMetadata("authorization", "Bearer " + coordinator_token);
    EXPECT_EQ(series_->UpdateSeries(&context, foreign, &out).error_code(),
              grpc::StatusCode::PERMISSION_DENIED);
  }
  EXPECT_EQ(RawCall(channel_, "/trainhub.v1.SeriesService/ListSeries", "", "").error_code(),
            grpc::StatusCode::UNAUTHENTICATED);

  const v1::ListAuditEventsResponse all = events(token_);
  int creates = 0, denied = 0, unauthenticated = 0, logins = 0;
  for (const auto& e : all.events()) {
    if (e.method() == "trainhub.v1.SeriesService/CreateSeries") {
      ++creates;
      EXPECT_EQ(e.object(), "series/" + std::to_string(series.id()));
      EXPECT_EQ(e.organization_id(), org);
      EXPECT_EQ(e.request_id(), "audit-1");
      EXPECT_EQ(e.result(), "OK");
    }
    if (e.result() == "PERMISSION_DENIED") {
      ++denied;
      EXPECT_EQ(e.account_id(), coordinator_account->id);
      EXPECT_EQ(e.method(), "trainhub.v1.SeriesService/UpdateSeries");
    }
    if (e.result() == "UNAUTHENTICATED") {
      ++unauthenticated;
      EXPECT_EQ(e.account_id(), 0);
    }
    if (e.method() == "trainhub.v1.AccountService/Login") ++logins;
  }
  EXPECT_EQ(creates, 1);
  EXPECT_EQ(denied, 1);
  EXPECT_EQ(unauthenticated, 1);
  EXPECT_EQ(logins, 2);
  EXPECT_GT(all.events(0).id(), all.events(all.events_size() - 1).id()) << "newest first";

  // A coordinator reads the changes to their own organisation's series only.
  const v1::ListAuditEventsResponse mine = events(coordinator_token);
  for (const auto& e : mine.events()) EXPECT_EQ(e.organization_id(), other_org);
}

TEST_F(ApiTest, AnonymousRefusalsCannotGrowTheAuditLogAndItsPagesAlwaysFit) {
  // A 3 MiB request_id, refused for having no token, many times over.
  v1::CreateOrganizationRequest huge;
  huge.set_request_id(std::string(3 * 1024 * 1024, 'x'));
  huge.mutable_organization()->set_name("Anonym");
  huge.mutable_organization()->set_kind(v1::ORGANIZATION_KIND_NGO);
  for (int i = 0; i < 20; ++i) {
    EXPECT_EQ(RawCall(channel_, "/trainhub.v1.OrganizationService/CreateOrganization",
                      huge.SerializeAsString(), "")
                  .error_code(),
              grpc::StatusCode::UNAUTHENTICATED);
  }
  auto audit = v1::AuditService::NewStub(channel_);
  v1::ListAuditEventsRequest request;
  request.set_page_size(500);
  v1::ListAuditEventsResponse response;
  ASSERT_TRUE(Call(*audit, &v1::AuditService::Stub::ListAuditEvents, request, &response).ok());
  int refusals = 0;
  for (const auto& e : response.events()) {
    EXPECT_LE(e.ByteSizeLong(), 2048u);
    if (e.result() == "UNAUTHENTICATED") {
      ++refusals;
      EXPECT_EQ(e.request_id(), "");
      EXPECT_EQ(e.repeat_count(), 20);
    }
  }
  EXPECT_EQ(refusals, 1);
}

TEST_F(ApiTest, EveryChangedObjectGetsItsOwnAuditEventAlsoAutomaticPromotions) {
  const int64_t org = CreateOrganization("Netzwerk Vielfalt");
  v1::CreateSeriesRequest create;
  create.mutable_series()->set_organization_id(org);
  create.mutable_series()->set_title("Gemeinsam verschieden");
  create.mutable_series()->set_kind(v1::SERIES_KIND_APPRENTICE_PARCOURS);
  create.mutable_series()->set_capacity(1);
  v1::Series series;
  ASSERT_TRUE(Call(*series_, &v1::SeriesService::Stub::CreateSeries, create, &series).ok());
  std::vector<int64_t> enrolments;
  for (const char* name : {"Ayşe Demir", "Jonas Weiß"}) {
    v1::CreateParticipantRequest person;
    person.mutable_participant()->set_display_name(name);
    person.mutable_participant()->set_organization_id(org);
    person.mutable_participant()->add_target_groups(v1::TARGET_GROUP_APPRENTICES);
    person.mutable_participant()->mutable_training_start()->set_year(2026);
    person.mutable_participant()->mutable_training_start()->set_month(8);
    person.mutable_participant()->mutable_training_start()->set_day(1);
    v1::Participant p;
    ASSERT_TRUE(Call(*people_, &v1::ParticipantService::Stub::CreateParticipant, person, &p).ok());
    v1::RequestEnrolmentRequest enrol;
    enrol.set_series_id(series.id());
    enrol.set_participant_id(p.id());
    v1::Enrolment e;
    ASSERT_TRUE(Call(*enrolments_, &v1::EnrolmentService::Stub::RequestEnrolment, enrol, &e).ok());
    enrolments.push_back(e.id());
  }
  v1::WithdrawEnrolmentRequest withdraw;
  withdraw.set_id(enrolments[0]);
  withdraw.set_reason("Prüfungswoche");
  withdraw.set_request_id("withdraw-1");
  v1::Enrolment out;
  ASSERT_TRUE(
      Call(*enrolments_, &v1::EnrolmentService::Stub::WithdrawEnrolment, withdraw, &out).ok());

  auto audit = v1::AuditService::NewStub(channel_);
  v1::ListAuditEventsRequest request;
  request.set_page_size(100);
  v1::ListAuditEventsResponse events;
  ASSERT_TRUE(Call(*audit, &v1::AuditService::Stub::ListAuditEvents, request, &events).ok());
  std::set<std::string> withdrawal_objects;
  for (const auto& e : events.events()) {
    if (e.method() != "trainhub.v1.EnrolmentService/WithdrawEnrolment") continue;
    withdrawal_objects.insert(e.object());
    EXPECT_EQ(e.request_id(), "withdraw-1");
    EXPECT_EQ(e.organization_id(), org);
    EXPECT_FALSE(e.peer().empty());
  }
  // The withdrawn seat and the promotion it caused, one event each.
  EXPECT_EQ(withdrawal_objects,
            (std::set<std::string>{"enrolment/" + std::to_string(enrolments[0]),
                                   "enrolment/" + std::to_string(enrolments[1])}));
}

TEST_F(ApiTest, ACohortEnrolmentRecordsEveryMember) {
  const int64_t org = CreateOrganization("Stadt Dessau-Roßlau");
  const v1::Series series = CreateSeries(org, "Gemeinsam verschieden");
  v1::EnrolCohortRequest cohort;
  cohort.set_series_id(series.id());
  cohort.set_request_id("cohort-1");
  for (const char* name : {"Lena Hoffmann", "Mehmet Yılmaz", "Zofia Nowak"}) {
    v1::CreateParticipantRequest person;
    person.mutable_participant()->set_display_name(name);
    person.mutable_participant()->set_organization_id(org);
    person.mutable_participant()->add_target_groups(v1::TARGET_GROUP_VOLUNTEERS);
    v1::Participant p;
    ASSERT_TRUE(Call(*people_, &v1::ParticipantService::Stub::CreateParticipant, person, &p).ok());
    cohort.add_participant_ids(p.id());
  }
  v1::EnrolCohortResponse enrolled;
  ASSERT_TRUE(Call(*enrolments_, &v1::EnrolmentService::Stub::EnrolCohort, cohort, &enrolled).ok());
  ASSERT_EQ(enrolled.enrolments_size(), 3);

  auto audit = v1::AuditService::NewStub(channel_);
  v1::ListAuditEventsRequest request;
  request.set_page_size(100);
  v1::ListAuditEventsResponse events;
  ASSERT_TRUE(Call(*audit, &v1::AuditService::Stub::ListAuditEvents, request, &events).ok());
  std::set<std::string> recorded, expected;
  for (const auto& e : enrolled.enrolments())
    expected.insert("enrolment/" + std::to_string(e.id()));
  for (const auto& e : events.events()) {
    if (e.method() == "trainhub.v1.EnrolmentService/EnrolCohort") recorded.insert(e.object());
  }
  EXPECT_EQ(recorded, expected);
}

}  // namespace
}  // namespace trainhub::api_test
