// AccountService: login, logout, revocation; request ids per account.

#include "api/access_matrix.h"
#include "api/api_fixture.h"

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

}  // namespace
}  // namespace trainhub::api_test
