// The API tests' fixture: the service through its generated stubs on an
// in-process channel, as the admin, with helpers shared by tests/api/*_test.cc.

#ifndef TRAINHUB_TESTS_API_API_FIXTURE_H_
#define TRAINHUB_TESTS_API_API_FIXTURE_H_

#include <google/protobuf/unknown_field_set.h>
#include <grpcpp/generic/generic_stub.h>
#include <grpcpp/grpcpp.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <array>
#include <atomic>
#include <condition_variable>
#include <filesystem>
#include <functional>
#include <future>
#include <mutex>
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

namespace trainhub::api_test {

namespace v1 = ::trainhub::v1;

constexpr char kPassword[] = "api-test-password";

inline google::protobuf::Timestamp ProtoTime(absl::Time t) {
  google::protobuf::Timestamp out;
  out.set_seconds(absl::ToUnixSeconds(t));
  return out;
}

inline google::protobuf::Timestamp Utc(int y, int m, int d, int hh, int mm) {
  google::protobuf::Timestamp t;
  t.set_seconds(absl::ToUnixSeconds(
      absl::FromCivil(absl::CivilMinute(y, m, d, hh, mm), absl::UTCTimeZone())));
  return t;
}

// The first field violation named in the status, or "".
inline std::string FieldOf(const grpc::Status& status) {
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
    ASSERT_TRUE(
        server_->accounts().CreateAccount(domain::Principal::System(), admin, kPassword).ok());
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
  // Creates an account with `grant` and returns its token.
  std::string Account(const std::string& email, domain::RoleGrant grant) {
    domain::Account a;
    a.email = email;
    a.display_name = email.substr(0, email.find('@'));
    a.roles = {grant};
    EXPECT_TRUE(server_->accounts().CreateAccount(domain::Principal::System(), a, kPassword).ok());
    return LoginAs(email);
  }

  // Runs `body` with the calls made as `token`'s account.
  template <typename Body>
  auto As(const std::string& token, Body body) {
    const std::string admin = token_;
    token_ = token;
    auto result = body();
    token_ = admin;
    return result;
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

  // `method` called with `request` when the returned function runs (a
  // BadRequest's call).
  template <typename Stub, typename Request, typename Response>
  std::function<grpc::Status()> Calling(
      Stub& stub, grpc::Status (Stub::*method)(grpc::ClientContext*, const Request&, Response*),
      Request request) {
    return [this, &stub, method, request = std::move(request)] {
      Response out;
      return Call(stub, method, request, &out);
    };
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

  // A new participant of organisation `org` in target group `group`.
  v1::Participant CreatePerson(int64_t org, const std::string& name,
                               v1::TargetGroup group = v1::TARGET_GROUP_VOLUNTEERS) {
    v1::CreateParticipantRequest r;
    r.mutable_participant()->set_display_name(name);
    r.mutable_participant()->set_organization_id(org);
    r.mutable_participant()->add_target_groups(group);
    v1::Participant p;
    grpc::Status s = Call(*people_, &v1::ParticipantService::Stub::CreateParticipant, r, &p);
    EXPECT_TRUE(s.ok()) << s.error_message();
    return p;
  }

  // A new volunteer of organisation `org` who asks for a seat in `series`;
  // their participant id.
  int64_t EnrolNewVolunteer(int64_t org, int64_t series, const std::string& name) {
    const v1::Participant p = CreatePerson(org, name);
    v1::RequestEnrolmentRequest enrol;
    enrol.set_series_id(series);
    enrol.set_participant_id(p.id());
    v1::Enrolment e;
    EXPECT_TRUE(Call(*enrolments_, &v1::EnrolmentService::Stub::RequestEnrolment, enrol, &e).ok());
    return p.id();
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

// One row per bad request: which RPC, what is wrong, the expected code and
// the field the error must name.
struct BadRequest {
  std::string name;
  std::function<grpc::Status()> call;
  grpc::StatusCode code;
  std::string field;
};

// Each case is refused with its code, a message and the field it names.
inline void ExpectRefused(const std::vector<BadRequest>& cases) {
  for (const BadRequest& c : cases) {
    grpc::Status status = c.call();
    EXPECT_EQ(status.error_code(), c.code) << c.name << ": " << status.error_message();
    EXPECT_EQ(FieldOf(status), c.field) << c.name << ": " << status.error_message();
    EXPECT_FALSE(status.error_message().empty()) << c.name;
  }
}

// Every service of every proto of the build (TRAINHUB_PROTOS, from
// proto/CMakeLists.txt), so that a new service cannot slip past the tests.
inline std::vector<const google::protobuf::ServiceDescriptor*> AllServices() {
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
// Sends `bytes` as the single request of `method` and reads every response
// message until the call ends; works for unary and server-streaming methods.
// Returns the call's final status.
inline grpc::Status RawCall(const std::shared_ptr<grpc::Channel>& channel,
                            const std::string& method, const std::string& bytes,
                            const std::string& token) {
  class SingleRequestReactor : public grpc::ClientBidiReactor<grpc::ByteBuffer, grpc::ByteBuffer> {
   public:
    explicit SingleRequestReactor(const std::string& bytes) : slice_(bytes), request_(&slice_, 1) {}
    void Begin() {
      StartWriteLast(&request_, grpc::WriteOptions());
      StartRead(&response_);
      StartCall();
    }
    void OnReadDone(bool ok) override {
      if (ok) StartRead(&response_);
    }
    void OnDone(const grpc::Status& status) override {
      std::lock_guard<std::mutex> lock(mutex_);
      status_ = status;
      done_ = true;
      finished_.notify_all();
    }
    grpc::Status Wait() {
      std::unique_lock<std::mutex> lock(mutex_);
      finished_.wait(lock, [this] { return done_; });
      return status_;
    }

   private:
    grpc::Slice slice_;
    grpc::ByteBuffer request_;
    grpc::ByteBuffer response_;
    std::mutex mutex_;
    std::condition_variable finished_;
    bool done_ = false;
    grpc::Status status_;
  };
  grpc::GenericStub generic(channel);
  grpc::ClientContext context;
  if (!token.empty()) context.AddMetadata("authorization", "Bearer " + token);
  SingleRequestReactor reactor(bytes);
  generic.PrepareBidiStreamingCall(&context, method, grpc::StubOptions(), &reactor);
  reactor.Begin();
  return reactor.Wait();
}

// Wire bytes of a `type` message whose first reachable string field holds
// malformed UTF-8; sets `path` to that field. Empty when it has none.
inline std::string WithBadString(const google::protobuf::Descriptor& type, std::string* path,
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

}  // namespace trainhub::api_test

#endif  // TRAINHUB_TESTS_API_API_FIXTURE_H_
