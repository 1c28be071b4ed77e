// AccountService: login, logout, revocation; request ids per account.

#include <google/protobuf/descriptor.h>
#include <google/protobuf/dynamic_message.h>

#include <cstdlib>
#include <limits>
#include <random>

#include "api/access_matrix.h"
#include "api/api_fixture.h"
#include "domain/accounts/passwords.h"
#include "testing/remembered_tokens.h"

namespace trainhub::api_test {
namespace {

// AccountService's rows of the access matrix (access_matrix.h).
TH_ACCESS_ROWS(kAccountServiceRows,
               {
                   {"AccountService/GetCurrentAccount",
                    [](const AccessObjects&) { return std::string(); }, kAll},
                   {"AccountService/CreateAccount",
                    [](const AccessObjects&) { return std::string(); }, kAdminOnly},
                   {"AccountService/ListAccounts",
                    [](const AccessObjects&) { return std::string(); }, kAdminOnly},
                   {"AccountService/RevokeTokens",
                    [](const AccessObjects&) { return std::string(); }, kAdminOnly},
               });

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

TEST_F(ApiTest, RequestIdsAreEachAccountsOwn) {
  const int64_t org = CreateOrganization("Stadt Köthen");
  for (const char* email : {"a@example.org", "b@example.org"}) {
    domain::Account coordinator;
    coordinator.email = email;
    coordinator.display_name = email;
    coordinator.roles = {{domain::Role::kCoordinator, org}};
    ASSERT_TRUE(server_->accounts()
                    .CreateAccount(domain::Principal::System(), coordinator, kPassword)
                    .ok());
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

// Fills `m` with random values: ids mostly among the first `max_id`, texts
// valid, malformed or too long, enums in and out of range, nested messages.
void FillRandomly(google::protobuf::Message& m, std::mt19937& rng, int max_id, int depth = 0) {
  using google::protobuf::FieldDescriptor;
  const google::protobuf::Descriptor* d = m.GetDescriptor();
  const google::protobuf::Reflection* r = m.GetReflection();
  auto number = [&]() -> int64_t {
    static constexpr int64_t kOdd[] = {0, -1, 1000000, std::numeric_limits<int64_t>::max()};
    return rng() % 4 == 0 ? kOdd[rng() % 4] : 1 + static_cast<int64_t>(rng() % max_id);
  };
  auto text = [&]() -> std::string {
    static const char* kTexts[] = {"",         "x",          "Stadt Köthen",       "a@example.org",
                                   "\xc3\x28", "2027-03-06", "ABCD-EFGH-JKMN-PQRS"};
    if (rng() % 10 == 0) return std::string(rng() % 3000, 'a');
    return kTexts[rng() % 7];
  };
  for (int i = 0; i < d->field_count(); ++i) {
    const FieldDescriptor* f = d->field(i);
    if (rng() % 3 == 0) continue;
    const int n = f->is_repeated() ? static_cast<int>(rng() % 3) : 1;
    for (int k = 0; k < n; ++k) {
      const bool add = f->is_repeated();
      switch (f->cpp_type()) {
        case FieldDescriptor::CPPTYPE_INT32:
          add ? r->AddInt32(&m, f, number()) : r->SetInt32(&m, f, number());
          break;
        case FieldDescriptor::CPPTYPE_INT64:
          add ? r->AddInt64(&m, f, number()) : r->SetInt64(&m, f, number());
          break;
        case FieldDescriptor::CPPTYPE_UINT32:
          add ? r->AddUInt32(&m, f, number()) : r->SetUInt32(&m, f, number());
          break;
        case FieldDescriptor::CPPTYPE_UINT64:
          add ? r->AddUInt64(&m, f, number()) : r->SetUInt64(&m, f, number());
          break;
        case FieldDescriptor::CPPTYPE_BOOL:
          add ? r->AddBool(&m, f, rng() % 2) : r->SetBool(&m, f, rng() % 2);
          break;
        case FieldDescriptor::CPPTYPE_ENUM: {
          const int value = static_cast<int>(rng() % (f->enum_type()->value_count() + 1));
          add ? r->AddEnumValue(&m, f, value) : r->SetEnumValue(&m, f, value);
          break;
        }
        case FieldDescriptor::CPPTYPE_STRING:
          add ? r->AddString(&m, f, text()) : r->SetString(&m, f, text());
          break;
        case FieldDescriptor::CPPTYPE_MESSAGE: {
          if (depth >= 4) break;
          google::protobuf::Message* sub = add ? r->AddMessage(&m, f) : r->MutableMessage(&m, f);
          if (f->message_type()->full_name() == "google.protobuf.Timestamp") {
            sub->GetReflection()->SetInt64(sub, sub->GetDescriptor()->field(0),
                                           1700000000 + static_cast<int64_t>(rng() % 100000000));
          } else {
            FillRandomly(*sub, rng, max_id, depth + 1);
          }
          break;
        }
        default:
          break;
      }
    }
  }
}

// An RPC's path ("/pkg.Service/Method") and its request type.
struct Target {
  std::string method;
  const google::protobuf::Descriptor* input;
};

// Every method of every service but Logout (which would end the caller's
// session).
std::vector<Target> EveryMethodButLogout() {
  std::vector<Target> targets;
  for (const auto* service : AllServices()) {
    for (int i = 0; i < service->method_count(); ++i) {
      const auto* m = service->method(i);
      if (m->name() == "Logout") continue;
      targets.push_back({absl::StrCat("/", service->full_name(), "/", m->name()), m->input_type()});
    }
  }
  return targets;
}

// Until `stop`: `email` logs in, is checked three times and logs out.
void ComeAndGoUntil(const std::atomic<bool>& stop, const std::shared_ptr<grpc::Channel>& channel,
                    const std::string& email) {
  auto accounts = v1::AccountService::NewStub(channel);
  while (!stop) {
    v1::LoginRequest request;
    request.set_email(email);
    request.set_password(kPassword);
    v1::LoginResponse login;
    grpc::ClientContext context;
    if (!accounts->Login(&context, request, &login).ok()) continue;
    for (int i = 0; i < 3; ++i) {
      grpc::ClientContext check;
      check.AddMetadata("authorization", "Bearer " + login.token());
      v1::Account me;
      (void)accounts->GetCurrentAccount(&check, {}, &me);
    }
    grpc::ClientContext out;
    out.AddMetadata("authorization", "Bearer " + login.token());
    v1::LogoutResponse done;
    (void)accounts->Logout(&out, {}, &done);
  }
}

// Until `stop`: logins with wrong passwords, as the admin or unknown people.
void FailLoginsUntil(const std::atomic<bool>& stop, const std::shared_ptr<grpc::Channel>& channel) {
  auto accounts = v1::AccountService::NewStub(channel);
  std::mt19937 rng(99);
  while (!stop) {
    v1::LoginRequest request;
    request.set_email(rng() % 2 ? "admin@example.org" : absl::StrCat("x", rng() % 100, "@e.org"));
    request.set_password(absl::StrCat("wrong password ", rng()));
    v1::LoginResponse response;
    grpc::ClientContext context;
    (void)accounts->Login(&context, request, &response);
  }
}

// The mix under which a valid admin token was refused: every RPC called
// with the admin's token and random (often malformed) requests, valid
// changes among them, failed logins, other sessions logging in, out and
// being revoked. With the token cache full, every check of the admin's
// token reads the database. A valid, unrevoked token is never refused.
// TOKEN_STRESS_SECONDS runs it longer by hand.
TEST_F(ApiTest, AValidTokenIsNeverRefusedUnderAMixOfEveryCall) {
  const char* seconds_text = std::getenv("TOKEN_STRESS_SECONDS");
  const int seconds = seconds_text != nullptr ? std::atoi(seconds_text) : 4;
  const int64_t org = CreateOrganization("Netzwerk Vielfalt e. V.");
  std::vector<int64_t> ids;
  for (const char* email : {"filler@example.org", "other@example.org"}) {
    domain::Account a;
    a.email = email;
    a.display_name = email;
    a.roles = {{domain::Role::kCoordinator, org}};
    auto created = server_->accounts().CreateAccount(domain::Principal::System(), a, kPassword);
    ASSERT_TRUE(created.ok()) << created.status();
    ids.push_back(created->id);
  }
  const int64_t filler_id = ids[0];
  const int64_t other_id = ids[1];
  // The cache full of other sessions' tokens: the admin's is read each time.
  ASSERT_NO_FATAL_FAILURE(
      testing::RememberTokensOf(server_->store(), server_->accounts(), filler_id, 10050));
  token_ = LoginAs("admin@example.org");
  ASSERT_GE(server_->accounts().RememberedTokenCount(), 10000u);

  const std::vector<Target> targets = EveryMethodButLogout();
  google::protobuf::DynamicMessageFactory factory;
  std::mutex factory_mu;
  std::atomic<bool> stop{false};
  std::atomic<int> calls{0}, refused{0};
  std::mutex first_mu;
  std::string first_refusal;
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      std::mt19937 rng(7919 * t + 1);
      while (!stop) {
        const Target& target = targets[rng() % targets.size()];
        std::string bytes;
        if (rng() % 4 == 0) {
          bytes.resize(rng() % 64);
          for (char& c : bytes) c = static_cast<char>(rng());
        } else {
          std::unique_ptr<google::protobuf::Message> m;
          {
            std::lock_guard<std::mutex> lock(factory_mu);
            m.reset(factory.GetPrototype(target.input)->New());
          }
          FillRandomly(*m, rng, 12);
          if (target.method == "/trainhub.v1.AccountService/RevokeTokens") {
            // The other sessions' or an unknown account's, never the admin's.
            m->GetReflection()->SetInt64(m.get(), target.input->FindFieldByName("account_id"),
                                         rng() % 2 ? other_id : 1000 + rng() % 10);
          }
          bytes = m->SerializeAsString();
        }
        const grpc::Status s = RawCall(channel_, target.method, bytes, token_);
        ++calls;
        if (s.error_code() == grpc::StatusCode::UNAUTHENTICATED &&
            target.method != "/trainhub.v1.AccountService/Login") {
          ++refused;
          std::lock_guard<std::mutex> lock(first_mu);
          if (first_refusal.empty()) first_refusal = target.method + ": " + s.error_message();
        }
      }
    });
  }
  threads.emplace_back([&] { ComeAndGoUntil(stop, channel_, "other@example.org"); });
  threads.emplace_back([&] { FailLoginsUntil(stop, channel_); });
  std::this_thread::sleep_for(std::chrono::seconds(seconds));
  stop = true;
  for (auto& t : threads) t.join();
  EXPECT_GT(calls, 100);
  EXPECT_EQ(refused, 0) << "of " << calls << " calls; first: " << first_refusal;
  v1::Account me;
  EXPECT_TRUE(Call(*accounts_, &v1::AccountService::Stub::GetCurrentAccount, {}, &me).ok());
}

}  // namespace
}  // namespace trainhub::api_test
