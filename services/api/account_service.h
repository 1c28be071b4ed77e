#ifndef TRAINHUB_SERVICES_API_ACCOUNT_SERVICE_H_
#define TRAINHUB_SERVICES_API_ACCOUNT_SERVICE_H_

// gRPC adapter: Signing in and out, the current account, and (admins) accounts and their tokens.
// Each handler admits the call (api/auth.h), converts the request, calls the
// use case and converts the result; errors go through ToGrpcStatus.
// Handlers never throw. Thread-safe.

#include "api/auth.h"
#include "domain/accounts/accounts.h"
#include "domain/accounts/audit.h"
#include "trainhub/v1/account.grpc.pb.h"

namespace trainhub::api {

namespace v1 = ::trainhub::v1;

class AccountServiceImpl final : public v1::AccountService::Service {
 public:
  AccountServiceImpl(domain::Accounts& accounts, domain::AuditLog& audit, Authenticator& auth)
      : accounts_(accounts), audit_(audit), auth_(auth) {}
  grpc::Status Login(grpc::ServerContext*, const v1::LoginRequest*, v1::LoginResponse*) override;
  grpc::Status Logout(grpc::ServerContext*, const v1::LogoutRequest*, v1::LogoutResponse*) override;
  grpc::Status GetCurrentAccount(grpc::ServerContext*, const v1::GetCurrentAccountRequest*,
                                 v1::Account*) override;
  grpc::Status CreateAccount(grpc::ServerContext*, const v1::CreateAccountRequest*,
                             v1::Account*) override;
  grpc::Status ListAccounts(grpc::ServerContext*, const v1::ListAccountsRequest*,
                            v1::ListAccountsResponse*) override;
  grpc::Status RevokeTokens(grpc::ServerContext*, const v1::RevokeTokensRequest*,
                            v1::RevokeTokensResponse*) override;

 private:
  domain::Accounts& accounts_;
  domain::AuditLog& audit_;
  Authenticator& auth_;
};

}  // namespace trainhub::api

#endif  // TRAINHUB_SERVICES_API_ACCOUNT_SERVICE_H_
