// trainhub demo load: the demo's accounts (see demo_loader.h).

#include "absl/strings/ascii.h"
#include "clients/cli/demo_loader.h"
#include "trainhub/v1/account.grpc.pb.h"

namespace trainhub::cli::demo {

// An e-mail address as logins compare it (the demo's are ASCII).
std::string Folded(const json& email) { return absl::AsciiStrToLower(email.get<std::string>()); }

// The logins (e-mail addresses, Folded) of every account; admins only.
grpc::Status ExistingLogins(Client& c, std::set<std::string>& logins) {
  v1::ListAccountsResponse all;
  grpc::Status status =
      ListAll(c, c.stub<v1::AccountService>(), &v1::AccountService::StubInterface::ListAccounts,
              v1::ListAccountsRequest(), Paging{}, &all);
  for (const v1::Account& a : all.accounts()) logins.insert(absl::AsciiStrToLower(a.email()));
  return status;
}

// The demo's accounts not in the database yet; none of a person whose
// data was erased since (erasure ends their accounts for good).
grpc::Status DemoLoader::LoadAccounts() {
  std::set<std::string> existing;
  grpc::Status listed = ExistingLogins(c_, existing);
  if (!listed.ok()) return listed;
  for (const json& a : data_.at("accounts")) {
    if (existing.count(Folded(a.at("email"))) > 0) continue;
    if (erased_.count(a.at("record").get<std::string>()) > 0) continue;
    v1::CreateAccountRequest request;
    request.mutable_account()->set_email(a.at("email"));
    request.mutable_account()->set_display_name(a.at("name"));
    auto* grant = request.mutable_account()->add_roles();
    grant->set_role(EnumNamed(a.at("role"), v1::Role_Parse));
    const std::string record = a.at("record");
    if (grant->role() == v1::ROLE_COORDINATOR)
      grant->set_organization_id(organizations_.at(record));
    if (grant->role() == v1::ROLE_TRAINER) grant->set_trainer_id(trainers_.at(record));
    if (grant->role() == v1::ROLE_PARTICIPANT) grant->set_participant_id(participants_.at(record));
    request.set_password(data_.at("password"));
    v1::Account account;
    grpc::Status status =
        c_.Call(c_.stub<v1::AccountService>(), &v1::AccountService::StubInterface::CreateAccount,
                request, &account);
    if (status.error_code() == grpc::StatusCode::ALREADY_EXISTS) continue;  // loaded before
    if (!status.ok()) return status;
  }
  return grpc::Status::OK;
}

}  // namespace trainhub::cli::demo
