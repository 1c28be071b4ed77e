#include "api/convert_accounts.h"
#include "api/account_service.h"

#include "api/handler_util.h"

namespace trainhub::api {

grpc::Status AccountServiceImpl::Login(grpc::ServerContext* context,
                                       const v1::LoginRequest* request,
                                       v1::LoginResponse* response) {
  TH_ADMIT(call, *context, request, v1::AccountService::service_full_name(), "Login");
  auto result =
      accounts_.Login(request->email(), request->password(), ClientAddress(context->peer()));
  if (!result.ok()) return ToGrpcStatus(result.status());
  domain::AuditEvent login;
  login.account_id = result->account.id;
  login.method = absl::StrCat(v1::AccountService::service_full_name(), "/Login");
  login.object = absl::StrCat("account/", result->account.id);
  login.result = "OK";
  if (absl::Status recorded = audit_.Record(login); !recorded.ok()) {
    return ToGrpcStatus(recorded);  // no login without its audit entry
  }
  response->set_token(result->token);
  TimeToProto(result->expire_time, response->mutable_expire_time());
  ToProto(result->account, response->mutable_account());
  return grpc::Status::OK;
}

grpc::Status AccountServiceImpl::Logout(grpc::ServerContext* context,
                                        const v1::LogoutRequest* request, v1::LogoutResponse*) {
  TH_ADMIT(call, *context, request, v1::AccountService::service_full_name(), "Logout");
  auto token = Authenticator::BearerToken(*context);
  if (!token.ok()) return ToGrpcStatus(token.status());
  return ToGrpcStatus(accounts_.Logout(call, *token));
}

grpc::Status AccountServiceImpl::GetCurrentAccount(grpc::ServerContext* context,
                                                   const v1::GetCurrentAccountRequest* request,
                                                   v1::Account* response) {
  TH_ADMIT(call, *context, request, v1::AccountService::service_full_name(), "GetCurrentAccount");
  ToProto(call.who.account, response);
  return grpc::Status::OK;
}

grpc::Status AccountServiceImpl::CreateAccount(grpc::ServerContext* context,
                                               const v1::CreateAccountRequest* request,
                                               v1::Account* response) {
  TH_ADMIT(call, *context, request, v1::AccountService::service_full_name(), "CreateAccount");
  return Reply(accounts_.CreateAccount(call, FromProto(request->account()), request->password()),
               response);
}

grpc::Status AccountServiceImpl::ListAccounts(grpc::ServerContext* context,
                                              const v1::ListAccountsRequest* request,
                                              v1::ListAccountsResponse* response) {
  TH_ADMIT(call, *context, request, v1::AccountService::service_full_name(), "ListAccounts");
  auto page = ReadPage(*request, request->page_size(), request->page_token());
  if (!page.ok()) return ToGrpcStatus(page.status());
  return ReplyPage(*request, accounts_.ListAccounts(*page), response,
                   [](auto* r) { return r->add_accounts(); });
}

grpc::Status AccountServiceImpl::RevokeTokens(grpc::ServerContext* context,
                                              const v1::RevokeTokensRequest* request,
                                              v1::RevokeTokensResponse* response) {
  TH_ADMIT(call, *context, request, v1::AccountService::service_full_name(), "RevokeTokens");
  auto revoked = accounts_.RevokeAllTokens(call, request->account_id());
  if (!revoked.ok()) return ToGrpcStatus(revoked.status());
  response->set_revoked_count(*revoked);
  return grpc::Status::OK;
}

}  // namespace trainhub::api
