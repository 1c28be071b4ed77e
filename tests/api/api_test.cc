// The service through its generated stubs on an in-process channel.

#include <google/protobuf/unknown_field_set.h>
#include <grpcpp/generic/generic_stub.h>
#include <grpcpp/grpcpp.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <array>
#include <atomic>
#include <filesystem>
#include <functional>
#include <future>
#include <set>
#include <thread>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "api/auth.h"
#include "grpc/health/v1/health.grpc.pb.h"
#include "server/trainhub_server.h"
#include "testing/temp_files.h"
#include "trainhub/v1/account.grpc.pb.h"
#include "trainhub/v1/audit.grpc.pb.h"
#include "trainhub/v1/common.pb.h"
#include "trainhub/v1/enrolment.grpc.pb.h"
#include "trainhub/v1/organization.grpc.pb.h"
#include "trainhub/v1/participant.grpc.pb.h"
#include "trainhub/v1/schedule.grpc.pb.h"
#include "trainhub/v1/series.grpc.pb.h"
#include "trainhub/v1/trainer.grpc.pb.h"

namespace trainhub {
namespace {

namespace v1 = ::trainhub::v1;

constexpr char kPassword[] = "api-test-password";

google::protobuf::Timestamp Utc(int y, int m, int d, int hh, int mm) {
  google::protobuf::Timestamp t;
  t.set_seconds(absl::ToUnixSeconds(
      absl::FromCivil(absl::CivilMinute(y, m, d, hh, mm), absl::UTCTimeZone())));
  return t;
}

// The first field violation named in the status, or "".
std::string FieldOf(const grpc::Status& status) {
  v1::ErrorDetails details;
  if (!details.ParseFromString(status.error_details()) || details.field_violations_size() == 0) {
    return "";
  }
  return details.field_violations(0).field();
}

class ApiTest : public ::testing::Test {
 protected:
  void SetUp() override {
    path_ = testing::TempDbPath("trainhub-api");
    server::ServerOptions options;
    options.listen_address = "";
    options.db_path = path_;
    auto started = server::TrainhubServer::Start(options);
    ASSERT_TRUE(started.ok()) << started.status();
    server_ = *std::move(started);
    channel_ = server_->InProcessChannel();
    orgs_ = v1::OrganizationService::NewStub(channel_);
    trainers_ = v1::TrainerService::NewStub(channel_);
    series_ = v1::SeriesService::NewStub(channel_);
    schedule_ = v1::ScheduleService::NewStub(channel_);
    accounts_ = v1::AccountService::NewStub(channel_);
    enrolments_ = v1::EnrolmentService::NewStub(channel_);
    people_ = v1::ParticipantService::NewStub(channel_);
    domain::Account admin;
    admin.email = "admin@example.org";
    admin.display_name = "Admin";
    admin.roles = {{domain::Role::kAdmin}};
    ASSERT_TRUE(server_->accounts().CreateAccount(admin, kPassword).ok());
    token_ = LoginAs("admin@example.org");
    ASSERT_FALSE(token_.empty());
  }

  // Logs in and returns the token ("" on failure).
  std::string LoginAs(const std::string& email) {
    v1::LoginRequest request;
    request.set_email(email);
    request.set_password(kPassword);
    v1::LoginResponse response;
    grpc::ClientContext context;
    grpc::Status s = accounts_->Login(&context, request, &response);
    EXPECT_TRUE(s.ok()) << s.error_message();
    return response.token();
  }
  void TearDown() override {
    server_.reset();
    testing::RemoveDb(path_);
  }

  template <typename Stub, typename Request, typename Response>
  grpc::Status Call(Stub& stub,
                    grpc::Status (Stub::*method)(grpc::ClientContext*, const Request&, Response*),
                    const Request& request, Response* response) {
    grpc::ClientContext context;
    if (!token_.empty()) context.AddMetadata("authorization", "Bearer " + token_);
    return (stub.*method)(&context, request, response);
  }

  int64_t CreateOrganization(const std::string& name) {
    v1::CreateOrganizationRequest request;
    request.mutable_organization()->set_name(name);
    request.mutable_organization()->set_kind(v1::ORGANIZATION_KIND_NGO);
    v1::Organization org;
    grpc::Status s =
        Call(*orgs_, &v1::OrganizationService::Stub::CreateOrganization, request, &org);
    EXPECT_TRUE(s.ok()) << s.error_message();
    return org.id();
  }

  int64_t CreateTrainer(const std::string& name, const std::string& email) {
    v1::CreateTrainerRequest request;
    request.mutable_trainer()->set_display_name(name);
    request.mutable_trainer()->set_email(email);
    v1::Trainer trainer;
    grpc::Status s = Call(*trainers_, &v1::TrainerService::Stub::CreateTrainer, request, &trainer);
    EXPECT_TRUE(s.ok()) << s.error_message();
    return trainer.id();
  }

  v1::Series CreateSeries(int64_t org, const std::string& title) {
    v1::CreateSeriesRequest request;
    request.mutable_series()->set_organization_id(org);
    request.mutable_series()->set_title(title);
    request.mutable_series()->set_kind(v1::SERIES_KIND_VOLUNTEER_COURSE);
    request.mutable_series()->set_capacity(20);
    request.mutable_series()->add_target_groups(v1::TARGET_GROUP_VOLUNTEERS);
    v1::Series series;
    grpc::Status s = Call(*series_, &v1::SeriesService::Stub::CreateSeries, request, &series);
    EXPECT_TRUE(s.ok()) << s.error_message();
    return series;
  }

  v1::Module CreateModule(int64_t series, const std::string& title) {
    v1::CreateModuleRequest request;
    request.set_series_id(series);
    request.mutable_module()->set_title(title);
    request.mutable_module()->set_mandatory(true);
    v1::Module module;
    grpc::Status s = Call(*series_, &v1::SeriesService::Stub::CreateModule, request, &module);
    EXPECT_TRUE(s.ok()) << s.error_message();
    return module;
  }

  grpc::Status CreateSession(int64_t series, int64_t module,
                             const google::protobuf::Timestamp& start,
                             const google::protobuf::Timestamp& end, std::vector<int64_t> trainers,
                             v1::Session* out) {
    v1::CreateSessionRequest request;
    request.set_series_id(series);
    request.set_module_id(module);
    *request.mutable_session()->mutable_start_time() = start;
    *request.mutable_session()->mutable_end_time() = end;
    request.mutable_session()->mutable_place()->set_name("Kreisvolkshochschule");
    for (int64_t t : trainers) request.mutable_session()->add_trainers()->set_trainer_id(t);
    return Call(*series_, &v1::SeriesService::Stub::CreateSession, request, out);
  }

  // Everything a coordinator can see, serialized: compared before and after
  // rejected requests.
  std::string Snapshot() {
    std::string out;
    v1::ListOrganizationsResponse orgs;
    Call(*orgs_, &v1::OrganizationService::Stub::ListOrganizations, {}, &orgs);
    v1::ListTrainersResponse trainers;
    Call(*trainers_, &v1::TrainerService::Stub::ListTrainers, {}, &trainers);
    v1::ListSeriesResponse series;
    Call(*series_, &v1::SeriesService::Stub::ListSeries, {}, &series);
    out = orgs.SerializeAsString() + trainers.SerializeAsString() + series.SerializeAsString();
    for (const auto& s : series.series()) {
      v1::ListModulesRequest mr;
      mr.set_series_id(s.id());
      v1::ListModulesResponse modules;
      Call(*series_, &v1::SeriesService::Stub::ListModules, mr, &modules);
      v1::ListSessionsRequest sr;
      sr.set_series_id(s.id());
      v1::ListSessionsResponse sessions;
      Call(*series_, &v1::SeriesService::Stub::ListSessions, sr, &sessions);
      v1::ListEnrolmentsRequest er;
      er.set_series_id(s.id());
      v1::ListEnrolmentsResponse enrolments;
      Call(*enrolments_, &v1::EnrolmentService::Stub::ListEnrolments, er, &enrolments);
      out += modules.SerializeAsString() + sessions.SerializeAsString() +
             enrolments.SerializeAsString();
      for (const auto& e : enrolments.enrolments()) {
        v1::ListEnrolmentHistoryRequest hr;
        hr.set_enrolment_id(e.id());
        v1::ListEnrolmentHistoryResponse history;
        Call(*enrolments_, &v1::EnrolmentService::Stub::ListEnrolmentHistory, hr, &history);
        out += history.SerializeAsString();
      }
    }
    v1::ListParticipantsResponse people;
    Call(*people_, &v1::ParticipantService::Stub::ListParticipants, {}, &people);
    out += people.SerializeAsString();
    return out;
  }

  std::string path_;
  std::unique_ptr<server::TrainhubServer> server_;
  std::shared_ptr<grpc::Channel> channel_;
  std::unique_ptr<v1::OrganizationService::Stub> orgs_;
  std::unique_ptr<v1::TrainerService::Stub> trainers_;
  std::unique_ptr<v1::SeriesService::Stub> series_;
  std::unique_ptr<v1::ScheduleService::Stub> schedule_;
  std::unique_ptr<v1::AccountService::Stub> accounts_;
  std::unique_ptr<v1::EnrolmentService::Stub> enrolments_;
  std::unique_ptr<v1::ParticipantService::Stub> people_;
  std::string token_;
};

TEST(ServerOptionsTest, KnowsLoopbackAddresses) {
  for (const char* address : {"127.0.0.1:50051", "127.1.2.3:0", "localhost:9", "[::1]:50051"}) {
    EXPECT_TRUE(server::IsLoopbackAddress(address)) << address;
  }
  for (const char* address : {"0.0.0.0:50051", "10.0.0.5:1", "[::]:50051", "127.0.0.1.evil:1",
                              "example.org:443", "[2001:db8::1]:1"}) {
    EXPECT_FALSE(server::IsLoopbackAddress(address)) << address;
  }
}

TEST_F(ApiTest, HealthCheckAnswersServing) {
  auto health = grpc::health::v1::Health::NewStub(channel_);
  grpc::ClientContext context;
  grpc::health::v1::HealthCheckRequest request;
  grpc::health::v1::HealthCheckResponse response;
  ASSERT_TRUE(health->Check(&context, request, &response).ok());
  EXPECT_EQ(response.status(), grpc::health::v1::HealthCheckResponse::SERVING);
}

// Server reflection through a generic stream, the way grpcurl and similar
// tools use it: ServerReflectionRequest{list_services: ""}.
TEST_F(ApiTest, ReflectionListsTheServices) {
  grpc::GenericStub generic(channel_);
  grpc::ClientContext context;
  grpc::CompletionQueue cq;
  auto call = generic.PrepareCall(
      &context, "/grpc.reflection.v1alpha.ServerReflection/ServerReflectionInfo", &cq);
  auto await = [&](intptr_t want) {
    void* tag = nullptr;
    bool ok = false;
    EXPECT_TRUE(cq.Next(&tag, &ok));
    EXPECT_EQ(reinterpret_cast<intptr_t>(tag), want);
    return ok;
  };
  call->StartCall(reinterpret_cast<void*>(1));
  ASSERT_TRUE(await(1));
  grpc::Slice request_slice(std::string("\x3a\x00", 2));  // field 7, empty string
  grpc::ByteBuffer request(&request_slice, 1);
  call->Write(request, reinterpret_cast<void*>(2));
  ASSERT_TRUE(await(2));
  call->WritesDone(reinterpret_cast<void*>(3));
  ASSERT_TRUE(await(3));
  grpc::ByteBuffer response;
  call->Read(&response, reinterpret_cast<void*>(4));
  ASSERT_TRUE(await(4));
  grpc::Status status;
  call->Finish(&status, reinterpret_cast<void*>(5));
  ASSERT_TRUE(await(5));
  ASSERT_TRUE(status.ok()) << status.error_message();

  std::vector<grpc::Slice> slices;
  ASSERT_TRUE(response.Dump(&slices).ok());
  std::string bytes;
  for (const auto& slice : slices)
    bytes.append(reinterpret_cast<const char*>(slice.begin()), slice.size());
  // ServerReflectionResponse.list_services_response (6) -> service (1) -> name (1).
  auto field = [](const std::string& data, int number) {
    google::protobuf::UnknownFieldSet set;
    std::vector<std::string> out;
    if (!set.ParseFromString(data)) return out;
    for (int i = 0; i < set.field_count(); ++i) {
      if (set.field(i).number() == number &&
          set.field(i).type() == google::protobuf::UnknownField::TYPE_LENGTH_DELIMITED) {
        out.push_back(set.field(i).length_delimited());
      }
    }
    return out;
  };
  std::set<std::string> names;
  for (const std::string& list : field(bytes, 6)) {
    for (const std::string& service : field(list, 1)) {
      for (const std::string& name : field(service, 1)) names.insert(name);
    }
  }
  for (const char* name :
       {"trainhub.v1.OrganizationService", "trainhub.v1.TrainerService",
        "trainhub.v1.SeriesService", "trainhub.v1.ScheduleService", "grpc.health.v1.Health"}) {
    EXPECT_TRUE(names.count(name)) << name;
  }
}

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
  EXPECT_NE(clash.error_message().find("Nuran Şahin"), std::string::npos);
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

// One row per bad request: which RPC, what is wrong, the expected code and
// the field the error must name.
struct BadRequest {
  std::string name;
  std::function<grpc::Status()> call;
  grpc::StatusCode code;
  std::string field;
};

// Each case is refused with its code, a message and the field it names.
void ExpectRefused(const std::vector<BadRequest>& cases) {
  for (const BadRequest& c : cases) {
    grpc::Status status = c.call();
    EXPECT_EQ(status.error_code(), c.code) << c.name << ": " << status.error_message();
    EXPECT_EQ(FieldOf(status), c.field) << c.name << ": " << status.error_message();
    EXPECT_FALSE(status.error_message().empty()) << c.name;
  }
}

TEST_F(ApiTest, ConcurrentEnrolmentsFillExactlyTheSeatsAndWaitlistTheRestInArrivalOrder) {
  constexpr int kCapacity = 10, kPeople = 48, kWithdrawals = 5;
  const int64_t org = CreateOrganization("Landkreis Harz");
  v1::CreateSeriesRequest create;
  create.mutable_series()->set_organization_id(org);
  create.mutable_series()->set_title("Interkultur im Ehrenamt");
  create.mutable_series()->set_kind(v1::SERIES_KIND_VOLUNTEER_COURSE);
  create.mutable_series()->set_capacity(kCapacity);
  v1::Series series;
  ASSERT_TRUE(Call(*series_, &v1::SeriesService::Stub::CreateSeries, create, &series).ok());
  std::vector<int64_t> people;
  for (int i = 0; i < kPeople; ++i) {
    v1::CreateParticipantRequest r;
    r.mutable_participant()->set_display_name("Person " + std::to_string(i));
    r.mutable_participant()->set_organization_id(org);
    r.mutable_participant()->add_target_groups(v1::TARGET_GROUP_VOLUNTEERS);
    v1::Participant p;
    ASSERT_TRUE(Call(*people_, &v1::ParticipantService::Stub::CreateParticipant, r, &p).ok());
    people.push_back(p.id());
  }
  // Every client on its own channel, all released at once.
  std::atomic<bool> go{false};
  std::atomic<int> failed{0};
  std::vector<std::thread> clients;
  for (int64_t person : people) {
    clients.emplace_back([&, person] {
      auto stub = v1::EnrolmentService::NewStub(server_->InProcessChannel());
      v1::RequestEnrolmentRequest r;
      r.set_series_id(series.id());
      r.set_participant_id(person);
      v1::Enrolment out;
      while (!go.load()) std::this_thread::yield();
      if (!Call(*stub, &v1::EnrolmentService::Stub::RequestEnrolment, r, &out).ok()) ++failed;
    });
  }
  go = true;
  for (auto& t : clients) t.join();
  ASSERT_EQ(failed.load(), 0);

  auto list = [&] {
    v1::ListEnrolmentsRequest r;
    r.set_series_id(series.id());
    r.set_page_size(500);
    v1::ListEnrolmentsResponse out;
    EXPECT_TRUE(Call(*enrolments_, &v1::EnrolmentService::Stub::ListEnrolments, r, &out).ok());
    return std::vector<v1::Enrolment>(out.enrolments().begin(), out.enrolments().end());
  };
  // Listed in arrival order: the first kCapacity hold the seats, then the
  // waiting list counts 1, 2, 3, ...
  std::vector<v1::Enrolment> all = list();
  ASSERT_EQ(all.size(), static_cast<size_t>(kPeople));
  for (int i = 0; i < kPeople; ++i) {
    if (i > 0) {
      EXPECT_LT(all[i - 1].queue_number(), all[i].queue_number());
    }
    if (i < kCapacity) {
      EXPECT_EQ(all[i].state(), v1::ENROLMENT_STATE_ENROLLED) << i;
    } else {
      EXPECT_EQ(all[i].state(), v1::ENROLMENT_STATE_WAITLISTED) << i;
      EXPECT_EQ(all[i].waitlist_position(), i - kCapacity + 1);
    }
  }

  // Concurrent withdrawals of seat holders promote the first waiting, in order.
  std::vector<std::thread> leavers;
  for (int i = 0; i < kWithdrawals; ++i) {
    leavers.emplace_back([&, id = all[i].id()] {
      auto stub = v1::EnrolmentService::NewStub(server_->InProcessChannel());
      v1::WithdrawEnrolmentRequest r;
      r.set_id(id);
      r.set_reason("kann nicht mehr");
      v1::Enrolment out;
      if (!Call(*stub, &v1::EnrolmentService::Stub::WithdrawEnrolment, r, &out).ok()) ++failed;
    });
  }
  for (auto& t : leavers) t.join();
  ASSERT_EQ(failed.load(), 0);
  std::vector<v1::Enrolment> after = list();
  int seats = 0, waiting = 0;
  for (int i = 0; i < kPeople; ++i) {
    const v1::Enrolment& e = after[i];
    if (i < kWithdrawals) {
      EXPECT_EQ(e.state(), v1::ENROLMENT_STATE_WITHDRAWN);
    } else if (i < kCapacity + kWithdrawals) {
      EXPECT_EQ(e.state(), v1::ENROLMENT_STATE_ENROLLED) << i;
      ++seats;
    } else {
      EXPECT_EQ(e.state(), v1::ENROLMENT_STATE_WAITLISTED) << i;
      EXPECT_EQ(e.waitlist_position(), ++waiting);
    }
  }
  EXPECT_EQ(seats, kCapacity);
  v1::GetSeriesRequest get;
  get.set_id(series.id());
  ASSERT_TRUE(Call(*series_, &v1::SeriesService::Stub::GetSeries, get, &series).ok());
  EXPECT_EQ(series.seats_taken(), kCapacity);
  EXPECT_EQ(series.waitlist_length(), kPeople - kCapacity - kWithdrawals);
}

TEST_F(ApiTest, BadEnrolmentRequestsAreRefusedNamingTheFieldAndChangeNothing) {
  const int64_t org = CreateOrganization("Landkreis Harz");
  v1::Series open = CreateSeries(org, "Interkultur im Ehrenamt");
  v1::Series cancelled = CreateSeries(org, "Abgesagt");
  v1::CancelSeriesRequest cancel;
  cancel.set_id(cancelled.id());
  ASSERT_TRUE(Call(*series_, &v1::SeriesService::Stub::CancelSeries, cancel, &cancelled).ok());
  v1::CreateParticipantRequest person;
  person.mutable_participant()->set_display_name("Jana Beispiel");
  person.mutable_participant()->set_organization_id(org);
  person.mutable_participant()->add_target_groups(v1::TARGET_GROUP_VOLUNTEERS);
  v1::Participant jana, manager;
  ASSERT_TRUE(Call(*people_, &v1::ParticipantService::Stub::CreateParticipant, person, &jana).ok());
  person.mutable_participant()->set_display_name("Dr. Weber");
  person.mutable_participant()->set_target_groups(0, v1::TARGET_GROUP_MANAGERS);
  ASSERT_TRUE(
      Call(*people_, &v1::ParticipantService::Stub::CreateParticipant, person, &manager).ok());
  v1::RequestEnrolmentRequest enrol;
  enrol.set_series_id(open.id());
  enrol.set_participant_id(jana.id());
  v1::Enrolment enrolment;
  ASSERT_TRUE(
      Call(*enrolments_, &v1::EnrolmentService::Stub::RequestEnrolment, enrol, &enrolment).ok());
  const std::string before = Snapshot();

  using ES = v1::EnrolmentService::Stub;
  auto request = [&](int64_t series_id, int64_t participant_id) {
    return [=, this] {
      v1::RequestEnrolmentRequest r;
      r.set_series_id(series_id);
      r.set_participant_id(participant_id);
      v1::Enrolment out;
      return Call(*enrolments_, &ES::RequestEnrolment, r, &out);
    };
  };
  auto withdraw = [&](int64_t id, const std::string& reason) {
    return [=, this] {
      v1::WithdrawEnrolmentRequest r;
      r.set_id(id);
      r.set_reason(reason);
      v1::Enrolment out;
      return Call(*enrolments_, &ES::WithdrawEnrolment, r, &out);
    };
  };
  auto import = [&](const std::string& csv) {
    return [=, this] {
      v1::ImportParticipantsRequest r;
      r.set_organization_id(org);
      r.set_csv(csv);
      v1::ImportParticipantsResponse out;
      return Call(*people_, &v1::ParticipantService::Stub::ImportParticipants, r, &out);
    };
  };
  const auto kPrecondition = grpc::StatusCode::FAILED_PRECONDITION;
  std::vector<BadRequest> cases = {
      {"enrolling twice", request(open.id(), jana.id()), grpc::StatusCode::ALREADY_EXISTS,
       "participant_id"},
      {"unknown person", request(open.id(), 9999), grpc::StatusCode::NOT_FOUND, "participant_id"},
      {"unknown series", request(9999, jana.id()), grpc::StatusCode::NOT_FOUND, "series_id"},
      {"no series", request(0, jana.id()), grpc::StatusCode::INVALID_ARGUMENT, "series_id"},
      {"admin without a participant record", request(open.id(), 0),
       grpc::StatusCode::INVALID_ARGUMENT, "participant_id"},
      {"cancelled series", request(cancelled.id(), jana.id()), kPrecondition, ""},
      {"outside the target groups", request(open.id(), manager.id()), kPrecondition,
       "participant_id"},
      {"withdrawal without reason", withdraw(enrolment.id(), " "),
       grpc::StatusCode::INVALID_ARGUMENT, "reason"},
      {"withdrawing someone not enrolled", withdraw(9999, "x"), grpc::StatusCode::NOT_FOUND, "id"},
      {"confirming where no confirmation is asked",
       [&] {
         v1::ConfirmEnrolmentRequest r;
         r.set_id(enrolment.id());
         v1::Enrolment out;
         return Call(*enrolments_, &ES::ConfirmEnrolment, r, &out);
       },
       kPrecondition, ""},
      {"unknown state filter",
       [&] {
         v1::ListEnrolmentsRequest r;
         r.add_states(static_cast<v1::EnrolmentState>(42));
         v1::ListEnrolmentsResponse out;
         return Call(*enrolments_, &ES::ListEnrolments, r, &out);
       },
       grpc::StatusCode::INVALID_ARGUMENT, "states[0]"},
      {"cohort without members",
       [&] {
         v1::EnrolCohortRequest r;
         r.set_series_id(open.id());
         v1::EnrolCohortResponse out;
         return Call(*enrolments_, &ES::EnrolCohort, r, &out);
       },
       grpc::StatusCode::INVALID_ARGUMENT, "participant_ids"},
      {"csv with an open quote", import("Name;Zielgruppe\n\"Omar;Ehrenamt\n"),
       grpc::StatusCode::INVALID_ARGUMENT, "csv"},
      {"csv in Latin-1", import("Name;Zielgruppe\nJ\xfcrgen;Ehrenamt\n"),
       grpc::StatusCode::INVALID_ARGUMENT, "csv"},
      {"csv with a bad row",
       import("Name;E-Mail;Zielgruppe\nOmar;omar@example.org;Ehrenamt\nX;kein;Ehrenamt\n"),
       grpc::StatusCode::INVALID_ARGUMENT, "csv line 3 E-Mail"},
  };
  ExpectRefused(cases);
  EXPECT_EQ(Snapshot(), before) << "a rejected request changed data";
}

TEST_F(ApiTest, EveryBadInputIsRefusedNamingTheFieldAndChangesNothing) {
  const int64_t org = CreateOrganization("Auslandsgesellschaft Sachsen-Anhalt e.V.");
  const int64_t trainer = CreateTrainer("Алина Петрова", "alina@example.org");
  v1::Series series = CreateSeries(org, "Interkultur im Ehrenamt");
  v1::Series other = CreateSeries(org, "Vielfalts-Montag");
  v1::Module module = CreateModule(series.id(), "Modul 1");
  v1::Module other_module = CreateModule(other.id(), "Modul A");
  v1::Session session;
  ASSERT_TRUE(CreateSession(series.id(), module.id(), Utc(2027, 3, 6, 9, 0),
                            Utc(2027, 3, 6, 14, 30), {trainer}, &session)
                  .ok());
  const std::string before = Snapshot();

  using SS = v1::SeriesService::Stub;
  auto series_with = [&](std::function<void(v1::Series*)> edit) {
    return [this, org, edit] {
      v1::CreateSeriesRequest r;
      r.mutable_series()->set_organization_id(org);
      r.mutable_series()->set_title("Neue Reihe");
      r.mutable_series()->set_kind(v1::SERIES_KIND_OTHER);
      r.mutable_series()->set_capacity(10);
      edit(r.mutable_series());
      v1::Series out;
      return Call(*series_, &SS::CreateSeries, r, &out);
    };
  };
  auto session_with = [&](int64_t series_id, int64_t module_id,
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
  };
  const auto kInvalid = grpc::StatusCode::INVALID_ARGUMENT;
  const auto kNotFound = grpc::StatusCode::NOT_FOUND;
  std::vector<BadRequest> cases = {
      {"empty title", series_with([](v1::Series* s) { s->set_title(""); }), kInvalid,
       "series.title"},
      {"oversize title", series_with([](v1::Series* s) { s->set_title(std::string(201, 'x')); }),
       kInvalid, "series.title"},
      {"unknown kind",
       series_with([](v1::Series* s) { s->set_kind(static_cast<v1::SeriesKind>(42)); }), kInvalid,
       "series.kind"},
      {"unknown target group",
       series_with([](v1::Series* s) { s->add_target_groups(static_cast<v1::TargetGroup>(77)); }),
       kInvalid, "series.target_groups[0]"},
      {"zero capacity", series_with([](v1::Series* s) { s->set_capacity(0); }), kInvalid,
       "series.capacity"},
      {"unknown organisation", series_with([](v1::Series* s) { s->set_organization_id(999); }),
       kInvalid, "series.organization_id"},
      {"status on create",
       series_with([](v1::Series* s) { s->set_status(v1::SERIES_STATUS_RUNNING); }), kInvalid,
       "series.status"},
      {"end before start",
       session_with(series.id(), module.id(),
                    [](v1::Session* s) { *s->mutable_end_time() = Utc(2028, 1, 10, 8, 0); }),
       kInvalid, "session.end_time"},
      {"missing start",
       session_with(series.id(), module.id(), [](v1::Session* s) { s->clear_start_time(); }),
       kInvalid, "session.start_time"},
      {"invalid timestamp",
       session_with(series.id(), module.id(),
                    [](v1::Session* s) { s->mutable_start_time()->set_nanos(-1); }),
       kInvalid, "session.start_time"},
      {"sub-second start (kept in whole seconds, never cut silently)",
       session_with(series.id(), module.id(),
                    [](v1::Session* s) { s->mutable_start_time()->set_nanos(500000000); }),
       kInvalid, "session.start_time"},
      {"module of another series",
       session_with(series.id(), other_module.id(), [](v1::Session*) {}), kInvalid, "module_id"},
      {"unknown module", session_with(series.id(), 9999, [](v1::Session*) {}), kNotFound,
       "module_id"},
      {"unknown series", session_with(9999, module.id(), [](v1::Session*) {}), kNotFound,
       "series_id"},
      {"unknown trainer",
       session_with(series.id(), module.id(),
                    [](v1::Session* s) { s->add_trainers()->set_trainer_id(4242); }),
       kInvalid, "session.trainers[0].trainer_id"},
      {"unknown booking status",
       session_with(series.id(), module.id(),
                    [&](v1::Session* s) {
                      auto* b = s->add_trainers();
                      b->set_trainer_id(trainer);
                      b->set_status(static_cast<v1::BookingStatus>(9));
                    }),
       kInvalid, "session.trainers[0].status"},
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
         r.mutable_series()->set_id(series.id());
         r.mutable_update_mask()->add_paths("module_count");
         v1::Series out;
         return Call(*series_, &SS::UpdateSeries, r, &out);
       },
       kInvalid, "update_mask"},
      {"update to oversize capacity",
       [&] {
         v1::UpdateSeriesRequest r;
         r.mutable_series()->set_id(series.id());
         r.mutable_series()->set_capacity(10001);
         r.mutable_update_mask()->add_paths("capacity");
         v1::Series out;
         return Call(*series_, &SS::UpdateSeries, r, &out);
       },
       kInvalid, "series.capacity"},
      {"skip the lifecycle",
       [&] {
         v1::UpdateSeriesRequest r;
         r.mutable_series()->set_id(series.id());
         r.mutable_series()->set_status(v1::SERIES_STATUS_COMPLETED);
         r.mutable_update_mask()->add_paths("status");
         v1::Series out;
         return Call(*series_, &SS::UpdateSeries, r, &out);
       },
       grpc::StatusCode::FAILED_PRECONDITION, "series.status"},
      {"delete series with modules",
       [&] {
         v1::DeleteSeriesRequest r;
         r.set_id(series.id());
         v1::DeleteSeriesResponse out;
         return Call(*series_, &SS::DeleteSeries, r, &out);
       },
       grpc::StatusCode::FAILED_PRECONDITION, ""},
      {"module with empty topic",
       [&] {
         v1::CreateModuleRequest r;
         r.set_series_id(series.id());
         r.mutable_module()->set_title("Konfliktmanagement");
         r.mutable_module()->add_topics("");
         v1::Module out;
         return Call(*series_, &SS::CreateModule, r, &out);
       },
       kInvalid, "module.topics[0]"},
      {"move module out of range",
       [&] {
         v1::MoveModuleRequest r;
         r.set_series_id(series.id());
         r.set_module_id(module.id());
         r.set_position(3);
         v1::ListModulesResponse out;
         return Call(*series_, &SS::MoveModule, r, &out);
       },
       kInvalid, "position"},
      {"booking of a trainer not on the session",
       [&] {
         v1::SetBookingStatusRequest r;
         r.set_session_id(session.id());
         r.set_trainer_id(trainer + 100);
         r.set_status(v1::BOOKING_STATUS_CONFIRMED);
         v1::Session out;
         return Call(*series_, &SS::SetBookingStatus, r, &out);
       },
       kNotFound, "trainer_id"},
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
  };
  ExpectRefused(cases);
  EXPECT_EQ(Snapshot(), before) << "a rejected request changed data";
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

// Every service of every proto of the build (TRAINHUB_PROTOS, from
// proto/CMakeLists.txt), so that a new service cannot slip past the tests.
std::vector<const google::protobuf::ServiceDescriptor*> AllServices() {
  std::vector<const google::protobuf::ServiceDescriptor*> services;
  for (absl::string_view name : absl::StrSplit(TRAINHUB_PROTOS, ',')) {
    const std::string proto = absl::StrCat("trainhub/v1/", name, ".proto");
    const auto* file = google::protobuf::DescriptorPool::generated_pool()->FindFileByName(proto);
    EXPECT_NE(file, nullptr) << proto;
    if (file == nullptr) continue;
    for (int s = 0; s < file->service_count(); ++s) services.push_back(file->service(s));
  }
  return services;
}

// Sends `bytes` as the request of `method` ("/pkg.Service/Method"), with
// `token` as bearer token unless empty.
grpc::Status RawCall(const std::shared_ptr<grpc::Channel>& channel, const std::string& method,
                     const std::string& bytes, const std::string& token) {
  grpc::GenericStub generic(channel);
  grpc::ClientContext context;
  if (!token.empty()) context.AddMetadata("authorization", "Bearer " + token);
  grpc::Slice slice(bytes);
  grpc::ByteBuffer request(&slice, 1);
  grpc::ByteBuffer response;
  std::promise<grpc::Status> done;
  generic.UnaryCall(&context, method, grpc::StubOptions(), &request, &response,
                    [&](grpc::Status s) { done.set_value(s); });
  return done.get_future().get();
}

// Wire bytes of a `type` message whose first reachable string field holds
// malformed UTF-8; sets `path` to that field. Empty when it has none.
std::string WithBadString(const google::protobuf::Descriptor& type, std::string* path,
                          int depth = 0) {
  using FD = google::protobuf::FieldDescriptor;
  auto tag = [](int number) { return static_cast<char>((number << 3) | 2); };
  for (int i = 0; i < type.field_count() && depth < 4; ++i) {
    const FD* field = type.field(i);
    if (field->number() > 15) continue;  // one-byte tags keep this simple
    const std::string name = field->name() + (field->is_repeated() ? "[0]" : "");
    if (field->type() == FD::TYPE_STRING) {
      *path = name;
      return std::string{tag(field->number()), '\x02', '\xc3', '\x28'};
    }
    if (field->type() == FD::TYPE_MESSAGE) {
      std::string inner_path;
      std::string inner = WithBadString(*field->message_type(), &inner_path, depth + 1);
      if (inner.empty() || inner.size() > 127) continue;
      *path = name + "." + inner_path;
      return std::string{tag(field->number()), static_cast<char>(inner.size())} + inner;
    }
  }
  return "";
}

TEST_F(ApiTest, EveryRpcRefusesMalformedUtf8AndGarbageNamingTheField) {
  const std::string before = Snapshot();
  int checked_utf8 = 0;
  for (const auto* service : AllServices()) {
    for (int m = 0; m < service->method_count(); ++m) {
      const auto* method = service->method(m);
      const std::string path = "/" + service->full_name() + "/" + method->name();
      std::string field;
      const std::string bad = WithBadString(*method->input_type(), &field);
      if (!bad.empty()) {
        ++checked_utf8;
        grpc::Status status = RawCall(channel_, path, bad, token_);
        EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT)
            << path << ": " << status.error_message();
        EXPECT_EQ(FieldOf(status), field) << path;
      }
      // Not protobuf at all: a field header that promises more bytes.
      grpc::Status garbage = RawCall(channel_, path, std::string("\x0a\x7f", 2), token_);
      EXPECT_EQ(garbage.error_code(), grpc::StatusCode::INVALID_ARGUMENT)
          << path << ": " << garbage.error_message();
    }
  }
  EXPECT_GE(checked_utf8, 15);
  EXPECT_EQ(Snapshot(), before);
}

// Every RPC of every trainhub service has an access rule, refuses calls
// without a token (except Login), and admits exactly the roles its rule
// names. Empty requests: an admitted call fails on its input instead.
TEST_F(ApiTest, EveryRpcFollowsThePolicyForEveryRole) {
  const int64_t org = CreateOrganization("Stadt Dessau-Roßlau");
  const int64_t trainer = CreateTrainer("Katrin Vogel", "katrin@example.org");
  struct Caller {
    std::string name;
    domain::RoleGrant grant;
    std::string token;
  };
  std::vector<Caller> callers = {
      {"admin", {domain::Role::kAdmin}, ""},
      {"coordinator", {domain::Role::kCoordinator, org}, ""},
      {"trainer", {domain::Role::kTrainer, 0, trainer}, ""},
      {"participant", {domain::Role::kParticipant}, ""},
  };
  for (Caller& caller : callers) {
    domain::Account account;
    account.email = caller.name + "@policy.example.org";
    account.display_name = caller.name;
    account.roles = {caller.grant};
    ASSERT_TRUE(server_->accounts().CreateAccount(account, kPassword).ok());
    caller.token = LoginAs(account.email);
  }
  auto admits = [](api::Callers rule, domain::Role role) {
    using domain::Role;
    switch (rule) {
      case api::Callers::kAnyone:
      case api::Callers::kSignedIn:
        return true;
      case api::Callers::kAdmin:
        return role == Role::kAdmin;
      case api::Callers::kPlanners:
        return role == Role::kAdmin || role == Role::kCoordinator;
      case api::Callers::kStaff:
        return role != Role::kParticipant;
    }
    return false;
  };
  int checked = 0;
  {
    for (const auto* service : AllServices()) {
      for (int m = 0; m < service->method_count(); ++m) {
        const std::string key = service->full_name() + "/" + service->method(m)->name();
        const std::string path = "/" + key;
        auto rule = api::Policy().find(key);
        ASSERT_NE(rule, api::Policy().end()) << key << " has no policy entry";
        ++checked;
        if (rule->second == api::Callers::kAnyone) continue;
        EXPECT_EQ(RawCall(channel_, path, "", "").error_code(), grpc::StatusCode::UNAUTHENTICATED)
            << key;
        EXPECT_EQ(RawCall(channel_, path, "", "forged-token").error_code(),
                  grpc::StatusCode::UNAUTHENTICATED)
            << key;
        for (const Caller& caller : callers) {
          if (key == "trainhub.v1.AccountService/Logout") continue;  // would end the session
          const grpc::StatusCode code = RawCall(channel_, path, "", caller.token).error_code();
          if (admits(rule->second, caller.grant.role)) {
            EXPECT_NE(code, grpc::StatusCode::PERMISSION_DENIED) << key << " as " << caller.name;
            EXPECT_NE(code, grpc::StatusCode::UNAUTHENTICATED) << key << " as " << caller.name;
          } else {
            EXPECT_EQ(code, grpc::StatusCode::PERMISSION_DENIED) << key << " as " << caller.name;
          }
        }
      }
    }
  }
  EXPECT_EQ(static_cast<size_t>(checked), api::Policy().size()) << "a rule names no RPC";
}

// Every RPC against every role with own and foreign objects: the coordinator
// of organisation A, trainer TA (booked in A's session), a participant and
// an admin call each RPC on A's objects ("own") and on B's ("foreign").
// "Admitted" means anything but PERMISSION_DENIED.
TEST_F(ApiTest, EveryRpcAdmitsOwnAndRefusesForeignObjectsPerRole) {
  struct Objects {
    int64_t org = 0, series = 0, module = 0, session = 0, trainer = 0, spare_session = 0,
            participant = 0, enrolment = 0, qualification = 0;
  };
  Objects own, foreign;
  own.org = CreateOrganization("Organisation A");
  foreign.org = CreateOrganization("Organisation B");
  own.trainer = CreateTrainer("Trainer A", "ta@example.org");
  foreign.trainer = CreateTrainer("Trainer B", "tb@example.org");
  int day = 1;
  auto participants = v1::ParticipantService::NewStub(channel_);
  for (Objects* o : {&own, &foreign}) {
    v1::CreateParticipantRequest person;
    person.mutable_participant()->set_display_name("Teilnehmerin");
    person.mutable_participant()->set_organization_id(o->org);
    person.mutable_participant()->add_target_groups(v1::TARGET_GROUP_VOLUNTEERS);
    v1::Participant created;
    ASSERT_TRUE(
        Call(*participants, &v1::ParticipantService::Stub::CreateParticipant, person, &created)
            .ok());
    o->participant = created.id();
    o->series = CreateSeries(o->org, "Reihe").id();
    o->module = CreateModule(o->series, "Modul").id();
    v1::Session session;
    ASSERT_TRUE(CreateSession(o->series, o->module, Utc(2028, 2, day, 8, 0),
                              Utc(2028, 2, day, 12, 0), {o->trainer}, &session)
                    .ok());
    o->session = session.id();
    ++day;
    ASSERT_TRUE(CreateSession(o->series, o->module, Utc(2028, 2, day + 10, 8, 0),
                              Utc(2028, 2, day + 10, 12, 0), {}, &session)
                    .ok());
    o->spare_session = session.id();
    v1::RequestEnrolmentRequest enrol;
    enrol.set_series_id(o->series);
    enrol.set_participant_id(o->participant);
    v1::Enrolment enrolment;
    ASSERT_TRUE(
        Call(*enrolments_, &v1::EnrolmentService::Stub::RequestEnrolment, enrol, &enrolment).ok());
    ASSERT_EQ(enrolment.state(), v1::ENROLMENT_STATE_ENROLLED);
    o->enrolment = enrolment.id();
    v1::RecordQualificationRequest qualify;
    qualify.set_participant_id(o->participant);
    qualify.mutable_qualification()->set_title("Diversity Trainer:in");
    v1::Qualification qualification;
    ASSERT_TRUE(Call(*participants, &v1::ParticipantService::Stub::RecordQualification, qualify,
                     &qualification)
                    .ok());
    o->qualification = qualification.id();
  }
  auto account = [&](const std::string& email, domain::RoleGrant grant) {
    domain::Account a;
    a.email = email;
    a.display_name = email;
    a.roles = {grant};
    EXPECT_TRUE(server_->accounts().CreateAccount(a, kPassword).ok());
    return LoginAs(email);
  };
  // Callers in the order they run: a successful delete by one must not
  // change what the next may do.
  const std::vector<std::pair<std::string, std::string>> callers = {
      {"participant",
       account("p@example.org", {domain::Role::kParticipant, 0, 0, own.participant})},
      {"trainer", account("t@example.org", {domain::Role::kTrainer, 0, own.trainer})},
      {"coordinator", account("c@example.org", {domain::Role::kCoordinator, own.org})},
      {"admin", token_},
  };
  using Build = std::function<std::string(const Objects&)>;
  struct Row {
    std::string rpc;
    Build request;
    // coordinator own/foreign, trainer own/foreign, participant own/foreign
    std::array<bool, 6> admitted;
  };
  auto bytes = [](const google::protobuf::Message& m) { return m.SerializeAsString(); };
  auto ts = [](google::protobuf::Timestamp* t, int hour) { *t = Utc(2029, 1, 5, hour, 0); };
  const std::array<bool, 6> kAll = {true, true, true, true, true, true};
  const std::array<bool, 6> kPlannerOwn = {true, false, false, false, false, false};
  const std::array<bool, 6> kSeeOwn = {true, false, true, false, false, false};
  // The own participant is enrolled in the own series: they see it in every status.
  const std::array<bool, 6> kSeeOwnOrEnrolled = {true, false, true, false, true, false};
  const std::array<bool, 6> kStaff = {true, true, true, true, false, false};
  const std::array<bool, 6> kPlanners = {true, true, false, false, false, false};
  const std::array<bool, 6> kAdminOnly = {false, false, false, false, false, false};
  std::vector<Row> rows = {
      {"AccountService/GetCurrentAccount", [&](const Objects&) { return std::string(); }, kAll},
      {"AccountService/CreateAccount", [&](const Objects&) { return std::string(); }, kAdminOnly},
      {"AccountService/ListAccounts", [&](const Objects&) { return std::string(); }, kAdminOnly},
      {"AccountService/RevokeTokens", [&](const Objects&) { return std::string(); }, kAdminOnly},
      {"AuditService/ListAuditEvents", [&](const Objects&) { return std::string(); }, kPlanners},
      {"OrganizationService/CreateOrganization", [&](const Objects&) { return std::string(); },
       kAdminOnly},
      {"OrganizationService/GetOrganization",
       [&](const Objects& o) {
         v1::GetOrganizationRequest r;
         r.set_id(o.org);
         return bytes(r);
       },
       kAll},
      {"OrganizationService/ListOrganizations", [&](const Objects&) { return std::string(); },
       kAll},
      {"OrganizationService/UpdateOrganization",
       [&](const Objects& o) {
         v1::UpdateOrganizationRequest r;
         r.mutable_organization()->set_id(o.org);
         r.mutable_update_mask()->add_paths("city");
         return bytes(r);
       },
       kAdminOnly},
      {"ParticipantService/CreateParticipant",
       [&](const Objects& o) {
         v1::CreateParticipantRequest r;
         r.mutable_participant()->set_display_name("Neu");
         r.mutable_participant()->set_organization_id(o.org);
         r.mutable_participant()->add_target_groups(v1::TARGET_GROUP_OTHER);
         return bytes(r);
       },
       kPlannerOwn},
      {"ParticipantService/GetParticipant",
       [&](const Objects& o) {
         v1::GetParticipantRequest r;
         r.set_id(o.participant);
         return bytes(r);
       },
       {true, false, false, false, true, false}},
      {"ParticipantService/ListParticipants", [&](const Objects&) { return std::string(); }, kAll},
      {"ParticipantService/UpdateParticipant",
       [&](const Objects& o) {
         v1::UpdateParticipantRequest r;
         r.mutable_participant()->set_id(o.participant);
         r.mutable_participant()->set_display_name("Umbenannt");
         r.mutable_update_mask()->add_paths("display_name");
         return bytes(r);
       },
       kPlannerOwn},
      {"ParticipantService/ImportParticipants",
       [&](const Objects& o) {
         v1::ImportParticipantsRequest r;
         r.set_organization_id(o.org);
         r.set_csv("Name;Zielgruppe\nNeue Person;Ehrenamt\n");
         r.set_dry_run(true);
         return bytes(r);
       },
       kPlannerOwn},
      {"ParticipantService/RecordQualification",
       [&](const Objects& o) {
         v1::RecordQualificationRequest r;
         r.set_participant_id(o.participant);
         r.mutable_qualification()->set_title("Moderation");
         return bytes(r);
       },
       kPlannerOwn},
      {"ParticipantService/ListQualifications",
       [&](const Objects& o) {
         v1::ListQualificationsRequest r;
         r.set_participant_id(o.participant);
         return bytes(r);
       },
       {true, false, false, false, true, false}},
      {"EnrolmentService/RequestEnrolment",
       [&](const Objects& o) {
         v1::RequestEnrolmentRequest r;
         r.set_series_id(o.series);
         r.set_participant_id(o.participant);
         return bytes(r);
       },
       // Their own request: admitted (and answered that they are enrolled already).
       {true, false, false, false, true, false}},
      {"EnrolmentService/EnrolCohort",
       [&](const Objects& o) {
         v1::EnrolCohortRequest r;
         r.set_series_id(o.series);
         r.add_participant_ids(o.participant);
         return bytes(r);
       },
       kPlannerOwn},
      {"EnrolmentService/GetEnrolment",
       [&](const Objects& o) {
         v1::GetEnrolmentRequest r;
         r.set_id(o.enrolment);
         return bytes(r);
       },
       {true, false, true, false, true, false}},
      {"EnrolmentService/ListEnrolments",
       [&](const Objects& o) {
         v1::ListEnrolmentsRequest r;
         r.set_series_id(o.series);
         return bytes(r);
       },
       // A series' list is its roster: refused to participants (they list their
       // own enrolments by naming themselves).
       {true, false, true, false, false, false}},
      {"EnrolmentService/ListEnrolmentHistory",
       [&](const Objects& o) {
         v1::ListEnrolmentHistoryRequest r;
         r.set_enrolment_id(o.enrolment);
         return bytes(r);
       },
       {true, false, false, false, true, false}},
      {"EnrolmentService/ApproveEnrolment",
       [&](const Objects& o) {
         v1::ApproveEnrolmentRequest r;
         r.set_id(o.enrolment);
         return bytes(r);
       },
       kPlannerOwn},
      {"EnrolmentService/RejectEnrolment",
       [&](const Objects& o) {
         v1::RejectEnrolmentRequest r;
         r.set_id(o.enrolment);
         r.set_reason("Kein Platz");
         return bytes(r);
       },
       kPlannerOwn},
      {"EnrolmentService/ConfirmEnrolment",
       [&](const Objects& o) {
         v1::ConfirmEnrolmentRequest r;
         r.set_id(o.enrolment);
         return bytes(r);
       },
       {true, false, false, false, true, false}},
      {"EnrolmentService/ReleaseUnconfirmedSeats",
       [&](const Objects& o) {
         v1::ReleaseUnconfirmedSeatsRequest r;
         r.set_series_id(o.series);
         return bytes(r);
       },
       kPlannerOwn},
      {"TrainerService/CreateTrainer", [&](const Objects&) { return std::string(); }, kPlanners},
      {"TrainerService/GetTrainer",
       [&](const Objects& o) {
         v1::GetTrainerRequest r;
         r.set_id(o.trainer);
         return bytes(r);
       },
       {true, true, true, false, false, false}},
      {"TrainerService/ListTrainers", [&](const Objects&) { return std::string(); }, kPlanners},
      {"TrainerService/UpdateTrainer",
       [&](const Objects& o) {
         v1::UpdateTrainerRequest r;
         r.mutable_trainer()->set_id(o.trainer);
         r.mutable_update_mask()->add_paths("affiliation");
         return bytes(r);
       },
       kPlanners},
      {"SeriesService/CreateSeries",
       [&](const Objects& o) {
         v1::CreateSeriesRequest r;
         r.mutable_series()->set_organization_id(o.org);
         r.mutable_series()->set_title("Neue Reihe");
         r.mutable_series()->set_kind(v1::SERIES_KIND_OTHER);
         r.mutable_series()->set_capacity(5);
         return bytes(r);
       },
       kPlannerOwn},
      {"SeriesService/GetSeries",
       [&](const Objects& o) {
         v1::GetSeriesRequest r;
         r.set_id(o.series);
         return bytes(r);
       },
       kSeeOwnOrEnrolled},
      {"SeriesService/ListSeries", [&](const Objects&) { return std::string(); }, kAll},
      {"SeriesService/UpdateSeries",
       [&](const Objects& o) {
         v1::UpdateSeriesRequest r;
         r.mutable_series()->set_id(o.series);
         r.mutable_series()->set_title("Umbenannt");
         r.mutable_update_mask()->add_paths("title");
         return bytes(r);
       },
       kPlannerOwn},
      {"SeriesService/CreateModule",
       [&](const Objects& o) {
         v1::CreateModuleRequest r;
         r.set_series_id(o.series);
         r.mutable_module()->set_title("Zusatzmodul");
         return bytes(r);
       },
       kPlannerOwn},
      {"SeriesService/ListModules",
       [&](const Objects& o) {
         v1::ListModulesRequest r;
         r.set_series_id(o.series);
         return bytes(r);
       },
       kSeeOwnOrEnrolled},
      {"SeriesService/UpdateModule",
       [&](const Objects& o) {
         v1::UpdateModuleRequest r;
         r.set_series_id(o.series);
         r.mutable_module()->set_id(o.module);
         r.mutable_module()->set_teaching_units(4);
         r.mutable_update_mask()->add_paths("teaching_units");
         return bytes(r);
       },
       kPlannerOwn},
      {"SeriesService/MoveModule",
       [&](const Objects& o) {
         v1::MoveModuleRequest r;
         r.set_series_id(o.series);
         r.set_module_id(o.module);
         r.set_position(1);
         return bytes(r);
       },
       kPlannerOwn},
      {"SeriesService/CreateSession",
       [&](const Objects& o) {
         v1::CreateSessionRequest r;
         r.set_series_id(o.series);
         r.set_module_id(o.module);
         ts(r.mutable_session()->mutable_start_time(), 8);
         ts(r.mutable_session()->mutable_end_time(), 9);
         r.set_allow_overlap(true);
         return bytes(r);
       },
       kPlannerOwn},
      {"SeriesService/GetSession",
       [&](const Objects& o) {
         v1::GetSessionRequest r;
         r.set_id(o.session);
         return bytes(r);
       },
       kSeeOwnOrEnrolled},
      {"SeriesService/ListSessions",
       [&](const Objects& o) {
         v1::ListSessionsRequest r;
         r.set_series_id(o.series);
         return bytes(r);
       },
       kSeeOwnOrEnrolled},
      {"SeriesService/UpdateSession",
       [&](const Objects& o) {
         v1::UpdateSessionRequest r;
         r.mutable_session()->set_id(o.session);
         r.mutable_session()->set_note("Raum geändert");
         r.mutable_update_mask()->add_paths("note");
         return bytes(r);
       },
       kPlannerOwn},
      {"SeriesService/SetBookingStatus",
       [&](const Objects& o) {
         v1::SetBookingStatusRequest r;
         r.set_session_id(o.session);
         r.set_trainer_id(o.trainer);
         r.set_status(v1::BOOKING_STATUS_CONFIRMED);
         return bytes(r);
       },
       kSeeOwn},
      {"ScheduleService/ListTrainerSessions",
       [&](const Objects& o) {
         v1::ListTrainerSessionsRequest r;
         r.set_trainer_id(o.trainer);
         return bytes(r);
       },
       {true, true, true, false, false, false}},
      {"ScheduleService/ListSessionsInRange",
       [&](const Objects&) {
         v1::ListSessionsInRangeRequest r;
         *r.mutable_from() = Utc(2028, 1, 1, 0, 0);
         *r.mutable_to() = Utc(2029, 1, 1, 0, 0);
         return bytes(r);
       },
       kStaff},
      {"ScheduleService/ListPendingBookings", [&](const Objects&) { return std::string(); },
       kStaff},
      {"ScheduleService/ExportCalendar",
       [&](const Objects& o) {
         v1::ExportCalendarRequest r;
         r.set_series_id(o.series);
         return bytes(r);
       },
       kSeeOwnOrEnrolled},
      // Destructive rows last; without force they fail after admission.
      {"EnrolmentService/WithdrawEnrolment",
       [&](const Objects& o) {
         v1::WithdrawEnrolmentRequest r;
         r.set_id(o.enrolment);
         r.set_reason("Umzug");
         return bytes(r);
       },
       {true, false, false, false, true, false}},
      {"ParticipantService/DeleteQualification",
       [&](const Objects& o) {
         v1::DeleteQualificationRequest r;
         r.set_participant_id(o.participant);
         r.set_qualification_id(o.qualification);
         return bytes(r);
       },
       kPlannerOwn},
      {"SeriesService/DeleteModule",
       [&](const Objects& o) {
         v1::DeleteModuleRequest r;
         r.set_series_id(o.series);
         r.set_module_id(o.module);
         return bytes(r);
       },
       kPlannerOwn},
      {"SeriesService/DeleteSession",
       [&](const Objects& o) {
         v1::DeleteSessionRequest r;
         r.set_id(o.spare_session);
         return bytes(r);
       },
       kPlannerOwn},
      {"SeriesService/DeleteSeries",
       [&](const Objects& o) {
         v1::DeleteSeriesRequest r;
         r.set_id(o.series);
         return bytes(r);
       },
       kPlannerOwn},
      {"SeriesService/CancelSeries",
       [&](const Objects& o) {
         v1::CancelSeriesRequest r;
         r.set_id(o.series);
         return bytes(r);
       },
       kPlannerOwn},
  };
  std::set<std::string> covered = {"trainhub.v1.AccountService/Login",
                                   "trainhub.v1.AccountService/Logout"};
  for (const Row& row : rows) {
    const std::string key = "trainhub.v1." + row.rpc;
    covered.insert(key);
    for (const auto& [name, token] : callers) {
      for (bool own_target : {true, false}) {
        const grpc::StatusCode code =
            RawCall(channel_, "/" + key, row.request(own_target ? own : foreign), token)
                .error_code();
        bool expected = true;
        if (name != "admin") {
          const size_t column = (name == "coordinator" ? 0
                                 : name == "trainer"   ? 2
                                                       : 4) +
                                (own_target ? 0 : 1);
          expected = row.admitted[column];
        }
        const bool admitted = code != grpc::StatusCode::PERMISSION_DENIED;
        EXPECT_EQ(admitted, expected) << row.rpc << " as " << name << " on "
                                      << (own_target ? "own" : "foreign") << " objects: " << code;
        EXPECT_NE(code, grpc::StatusCode::UNAUTHENTICATED) << row.rpc << " as " << name;
      }
    }
  }
  for (const auto* service : AllServices()) {
    for (int m = 0; m < service->method_count(); ++m) {
      const std::string key = service->full_name() + "/" + service->method(m)->name();
      EXPECT_TRUE(covered.count(key)) << key << " has no row in this table";
    }
  }
}

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
  auto coordinator_account = server_->accounts().CreateAccount(coordinator, kPassword);
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

TEST_F(ApiTest, LoginLogoutAndRevocation) {
  v1::Account me;
  ASSERT_TRUE(Call(*accounts_, &v1::AccountService::Stub::GetCurrentAccount,
                   v1::GetCurrentAccountRequest{}, &me)
                  .ok());
  EXPECT_EQ(me.email(), "admin@example.org");
  EXPECT_EQ(me.roles(0).role(), v1::ROLE_ADMIN);

  v1::LoginRequest wrong;
  wrong.set_email("admin@example.org");
  wrong.set_password("not the right one");
  v1::LoginResponse response;
  grpc::ClientContext context;
  grpc::Status refused = accounts_->Login(&context, wrong, &response);
  EXPECT_EQ(refused.error_code(), grpc::StatusCode::UNAUTHENTICATED);
  v1::LoginRequest unknown;
  unknown.set_email("nobody@example.org");
  unknown.set_password("not the right one");
  grpc::ClientContext context2;
  grpc::Status unknown_status = accounts_->Login(&context2, unknown, &response);
  EXPECT_EQ(unknown_status.error_message(), refused.error_message());

  const std::string second = LoginAs("admin@example.org");
  v1::RevokeTokensRequest revoke;
  revoke.set_account_id(me.id());
  v1::RevokeTokensResponse revoked;
  ASSERT_TRUE(Call(*accounts_, &v1::AccountService::Stub::RevokeTokens, revoke, &revoked).ok());
  EXPECT_EQ(revoked.revoked_count(), 2);
  v1::ListSeriesResponse series;
  EXPECT_EQ(Call(*series_, &v1::SeriesService::Stub::ListSeries, {}, &series).error_code(),
            grpc::StatusCode::UNAUTHENTICATED);
  token_ = second;
  EXPECT_EQ(Call(*series_, &v1::SeriesService::Stub::ListSeries, {}, &series).error_code(),
            grpc::StatusCode::UNAUTHENTICATED);
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

TEST_F(ApiTest, RequestIdsAreEachAccountsOwn) {
  const int64_t org = CreateOrganization("Stadt Köthen");
  for (const char* email : {"a@example.org", "b@example.org"}) {
    domain::Account coordinator;
    coordinator.email = email;
    coordinator.display_name = email;
    coordinator.roles = {{domain::Role::kCoordinator, org}};
    ASSERT_TRUE(server_->accounts().CreateAccount(coordinator, kPassword).ok());
  }
  const std::string a = LoginAs("a@example.org");
  const std::string b = LoginAs("b@example.org");
  auto create = [&](const std::string& token, const std::string& title) {
    v1::CreateSeriesRequest request;
    request.set_request_id("neue-reihe-1");
    request.mutable_series()->set_organization_id(org);
    request.mutable_series()->set_title(title);
    request.mutable_series()->set_kind(v1::SERIES_KIND_OTHER);
    request.mutable_series()->set_capacity(12);
    grpc::ClientContext context;
    context.AddMetadata("authorization", "Bearer " + token);
    v1::Series series;
    grpc::Status status = series_->CreateSeries(&context, request, &series);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return series.id();
  };
  const int64_t first = create(a, "Ideenwerkstatt Frühjahr");
  const int64_t second = create(b, "Ideenwerkstatt Herbst");
  EXPECT_NE(first, 0);
  EXPECT_NE(second, 0);
  EXPECT_NE(first, second);
  EXPECT_EQ(create(a, "Ideenwerkstatt Frühjahr"), first);  // A's retry
}

}  // namespace
}  // namespace trainhub
