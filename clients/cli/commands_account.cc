// trainhub login | logout | whoami | account ...

#include <fmt/core.h>
#include <termios.h>
#include <unistd.h>

#include "absl/strings/numbers.h"
#include "absl/strings/str_split.h"
#include "absl/time/time.h"
#include "clients/cli/commands.h"
#include "clients/cli/format.h"
#include "clients/cli/messages.h"
#include "grpc/health/v1/health.grpc.pb.h"
#include "trainhub/v1/account.grpc.pb.h"
#include "trainhub/v1/audit.grpc.pb.h"

namespace trainhub::cli {
namespace {

namespace v1 = ::trainhub::v1;
using Stub = v1::AccountService::StubInterface;

// A password from standard input: at a terminal (unless `plain`) with a
// prompt and without echo, otherwise the first line.
std::string ReadPassword(std::ostream& prompts, const char* prompt, bool plain) {
  const bool terminal = !plain && isatty(STDIN_FILENO);
  termios saved{};
  if (terminal) {
    prompts << prompt << std::flush;
    tcgetattr(STDIN_FILENO, &saved);
    termios hidden = saved;
    hidden.c_lflag &= ~static_cast<tcflag_t>(ECHO);
    tcsetattr(STDIN_FILENO, TCSANOW, &hidden);
  }
  std::string password;
  std::getline(std::cin, password);
  if (terminal) {
    tcsetattr(STDIN_FILENO, TCSANOW, &saved);
    prompts << "\n";
  }
  if (!password.empty() && password.back() == '\r') password.pop_back();
  return password;
}

const std::map<std::string, v1::Role>& RoleWords() {
  static const auto* words =
      new std::map<std::string, v1::Role>{{"admin", v1::ROLE_ADMIN},
                                          {"coordinator", v1::ROLE_COORDINATOR},
                                          {"trainer", v1::ROLE_TRAINER},
                                          {"participant", v1::ROLE_PARTICIPANT}};
  return *words;
}

std::string DescribeRoles(const v1::Account& account) {
  std::string out;
  for (const auto& g : account.roles()) {
    std::string role = WordOf(RoleWords(), g.role());
    if (g.role() == v1::ROLE_COORDINATOR) role += ":" + std::to_string(g.organization_id());
    if (g.role() == v1::ROLE_TRAINER) role += ":" + std::to_string(g.trainer_id());
    if (g.role() == v1::ROLE_PARTICIPANT && g.participant_id() != 0) {
      role += ":" + std::to_string(g.participant_id());
    }
    out += (out.empty() ? "" : ", ") + role;
  }
  return out.empty() ? msg::kNone : out;
}

// "coordinator:3" -> RoleGrant; false for anything else.
bool ParseRole(const std::string& text, v1::RoleGrant* grant) {
  std::pair<std::string, std::string> parts = absl::StrSplit(text, absl::MaxSplits(':', 1));
  auto role = RoleWords().find(parts.first);
  if (role == RoleWords().end()) return false;
  grant->set_role(role->second);
  const bool needs_id = role->second == v1::ROLE_COORDINATOR || role->second == v1::ROLE_TRAINER;
  const bool may_have_id = needs_id || role->second == v1::ROLE_PARTICIPANT;
  if (parts.second.empty()) return !needs_id;
  int64_t id = 0;
  if (!may_have_id || !absl::SimpleAtoi(parts.second, &id) || id <= 0) return false;
  if (role->second == v1::ROLE_COORDINATOR) grant->set_organization_id(id);
  if (role->second == v1::ROLE_TRAINER) grant->set_trainer_id(id);
  if (role->second == v1::ROLE_PARTICIPANT) grant->set_participant_id(id);
  return true;
}

void PrintAccount(Context& ctx, const v1::Account& account) {
  if (ctx.client().json()) return ctx.client().PrintJson(account);
  ctx.out() << account.id() << "  " << account.display_name() << "\n";
  PrintFields(ctx.out(),
              {{msg::kLabelEmail, account.email()}, {msg::kLabelRoles, DescribeRoles(account)}});
}

}  // namespace

namespace {

void AddLoginCommand(CLI::App& app, Context& ctx) {
  struct LoginOptions {
    std::string email;
    bool password_stdin = false;
  };
  auto login_opts = std::make_shared<LoginOptions>();
  auto* login = app.add_subcommand("login", msg::kLoginCommand);
  login->add_option("--email", login_opts->email, msg::kEmailOption)->required();
  login->add_flag("--password-stdin", login_opts->password_stdin, msg::kPasswordStdinOption);
  login->callback([&ctx, login_opts] {
    v1::LoginRequest request;
    request.set_email(login_opts->email);
    request.set_password(ReadPassword(ctx.err(), msg::kPasswordPrompt, login_opts->password_stdin));
    v1::LoginResponse response;
    auto& c = ctx.client();
    grpc::Status status = c.Call(c.stub<v1::AccountService>(), &Stub::Login, request, &response);
    if (status.error_code() == grpc::StatusCode::UNAUTHENTICATED) {
      // Logging in is what failed: no hint to log in first.
      ctx.err() << msg::kErrorPrefix << status.error_message() << "\n";
      ctx.exit_code = kExitDenied;
      return;
    }
    if (!Check(ctx, status)) return;
    if (!SaveToken(response.token())) {
      ctx.err() << msg::kErrorPrefix << fmt::format(msg::kCannotSaveToken, TokenPath()) << "\n";
      ctx.exit_code = kExitOther;
      return;
    }
    if (c.json()) return c.PrintJson(response.account());
    PrintWrapped(
        ctx.out(),
        fmt::format(msg::kLoggedIn, response.account().display_name(), response.account().email(),
                    DescribeRoles(response.account()), FormatLocal(response.expire_time())));
  });
}

void AddLogoutCommand(CLI::App& app, Context& ctx) {
  auto* logout = app.add_subcommand("logout", msg::kLogoutCommand);
  logout->callback([&ctx] {
    auto& c = ctx.client();
    v1::LogoutResponse response;
    grpc::Status status =
        c.Call(c.stub<v1::AccountService>(), &Stub::Logout, v1::LogoutRequest{}, &response);
    ForgetToken();  // also when the server no longer knew the token
    if (status.ok() || status.error_code() == grpc::StatusCode::UNAUTHENTICATED) {
      if (!c.json()) ctx.out() << msg::kLoggedOut << "\n";
      return;
    }
    Check(ctx, status);
  });
}

void AddHealthCommand(CLI::App& app, Context& ctx) {
  // Needs no login: scripts wait with it until the server is ready.
  auto* health = app.add_subcommand("health", msg::kHealthCommand);
  health->callback([&ctx] {
    auto& c = ctx.client();
    auto& stub = c.stub<grpc::health::v1::Health>();
    grpc::health::v1::HealthCheckResponse response;
    if (!Check(ctx, c.Call(stub, &grpc::health::v1::Health::StubInterface::Check,
                           grpc::health::v1::HealthCheckRequest{}, &response))) {
      return;
    }
    const bool serving = response.status() == grpc::health::v1::HealthCheckResponse::SERVING;
    ctx.out() << (serving ? msg::kServing : msg::kNotServing) << "\n";
    if (!serving) ctx.exit_code = kExitUnreachable;
  });
}

void AddWhoamiCommand(CLI::App& app, Context& ctx) {
  auto* whoami = app.add_subcommand("whoami", msg::kWhoamiCommand);
  whoami->callback([&ctx] {
    auto& c = ctx.client();
    v1::Account account;
    if (Check(ctx, c.Call(c.stub<v1::AccountService>(), &Stub::GetCurrentAccount,
                          v1::GetCurrentAccountRequest{}, &account))) {
      PrintAccount(ctx, account);
    }
  });
}

void AddAccountCreate(CLI::App* account, Context& ctx) {
  struct CreateOptions {
    std::string email, name;
    std::vector<std::string> roles;
    bool password_stdin = false;
  };
  auto create_opts = std::make_shared<CreateOptions>();
  auto* create = account->add_subcommand("create", msg::kCreateAccount);
  create->add_option("--email", create_opts->email, msg::kEmailOption)->required();
  create->add_option("--name", create_opts->name, msg::kNameOption)->required();
  create->add_option("--role", create_opts->roles, msg::kRoleOption)->required();
  create->add_flag("--password-stdin", create_opts->password_stdin, msg::kPasswordStdinOption);
  create->callback([&ctx, create_opts] {
    v1::CreateAccountRequest request;
    request.mutable_account()->set_email(create_opts->email);
    request.mutable_account()->set_display_name(create_opts->name);
    for (const std::string& role : create_opts->roles) {
      if (!ParseRole(role, request.mutable_account()->add_roles())) {
        return UsageError(ctx, fmt::format(msg::kBadRole, role));
      }
    }
    const bool plain = create_opts->password_stdin;
    std::string password = ReadPassword(ctx.err(), msg::kNewPasswordPrompt, plain);
    if (!plain && isatty(STDIN_FILENO) &&
        ReadPassword(ctx.err(), msg::kRepeatPasswordPrompt, plain) != password) {
      return UsageError(ctx, msg::kPasswordsDiffer);
    }
    request.set_password(password);
    v1::Account response;
    auto& c = ctx.client();
    if (Check(ctx,
              c.Call(c.stub<v1::AccountService>(), &Stub::CreateAccount, request, &response))) {
      PrintAccount(ctx, response);
    }
  });
}

void AddAccountList(CLI::App* account, Context& ctx) {
  auto* list = account->add_subcommand("list", msg::kList);
  auto paging = std::make_shared<Paging>();
  paging->AddTo(list);
  list->callback([&ctx, paging] {
    auto& c = ctx.client();
    v1::ListAccountsResponse all;
    grpc::Status status = ListAll(c, c.stub<v1::AccountService>(), &Stub::ListAccounts,
                                  v1::ListAccountsRequest{}, *paging, &all);
    if (!Check(ctx, status)) return;
    if (c.json()) return c.PrintJson(all);
    Table table({msg::kColId, msg::kColName, msg::kColEmail, msg::kColRoles});
    for (const auto& a : all.accounts()) {
      table.Add({std::to_string(a.id()), a.display_name(), a.email(), DescribeRoles(a)});
    }
    table.Print(ctx.out());
  });
}

void AddAccountRevokeTokens(CLI::App* account, Context& ctx) {
  auto* revoke = account->add_subcommand("revoke-tokens", msg::kRevokeTokens);
  auto revoke_id = std::make_shared<int64_t>();
  revoke->add_option("id", *revoke_id, msg::kIdArg)->required();
  revoke->callback([&ctx, revoke_id] {
    v1::RevokeTokensRequest request;
    request.set_account_id(*revoke_id);
    v1::RevokeTokensResponse response;
    auto& c = ctx.client();
    if (!Check(ctx, c.Call(c.stub<v1::AccountService>(), &Stub::RevokeTokens, request, &response)))
      return;
    if (c.json()) return c.PrintJson(response);
    ctx.out() << fmt::format(msg::kRevoked, response.revoked_count()) << "\n";
  });
}

}  // namespace

void AddAccountCommands(CLI::App& app, Context& ctx) {
  AddLoginCommand(app, ctx);
  AddLogoutCommand(app, ctx);
  AddHealthCommand(app, ctx);
  AddWhoamiCommand(app, ctx);
  CLI::App* account = app.add_subcommand("account", msg::kAccountCommand)->require_subcommand(1);
  AddAccountCreate(account, ctx);
  AddAccountList(account, ctx);
  AddAccountRevokeTokens(account, ctx);
}

namespace {

void AddAuditList(CLI::App* audit, Context& ctx) {
  auto* list = audit->add_subcommand("list", msg::kAuditList);
  auto paging = std::make_shared<Paging>();
  paging->AddTo(list);
  list->callback([&ctx, paging] {
    auto& c = ctx.client();
    v1::ListAuditEventsResponse all;
    auto& stub = c.stub<v1::AuditService>();
    v1::ListAuditEventsRequest request;
    grpc::Status status =
        ListAll(c, stub, &v1::AuditService::StubInterface::ListAuditEvents, request, *paging, &all);
    if (!Check(ctx, status)) return;
    if (c.json()) return c.PrintJson(all);
    if (all.events_size() == 0) {
      ctx.out() << msg::kNoItems << "\n";
      return;
    }
    Table table(
        {msg::kColWhenLocal, msg::kColAccount, msg::kColCall, msg::kColObject, msg::kColResult});
    table.KeepWidth(4);  // a status code is read whole
    for (const auto& e : all.events()) {
      const std::string method = e.method().substr(e.method().find('/') + 1);
      std::string who = msg::kNone;
      if (e.account_id() != 0) {
        who = e.account_name().empty() ? fmt::format(msg::kAccountGone, e.account_id())
                                       : fmt::format("{} ({})", e.account_name(), e.account_id());
      } else if (!e.peer().empty()) {
        who = fmt::format(msg::kUnknownCaller, e.peer());
      }
      std::string result = e.result();
      if (e.repeat_count() > 1) result += fmt::format(msg::kRepeatCount, e.repeat_count());
      table.Add({absl::FormatTime("%d.%m.%Y %H:%M:%S", FromTimestamp(e.time()), LocalZone()), who,
                 method, e.object().empty() ? msg::kNone : e.object(), result});
    }
    table.Print(ctx.out());
  });
}

// Exit 0 when the chain holds, kExitRejected when it was changed.
void AddAuditVerify(CLI::App* audit, Context& ctx) {
  auto* verify = audit->add_subcommand("verify", msg::kAuditVerify);
  verify->callback([&ctx] {
    auto& c = ctx.client();
    v1::AuditLogVerification out;
    if (!Check(ctx,
               c.Call(c.stub<v1::AuditService>(), &v1::AuditService::StubInterface::VerifyAuditLog,
                      v1::VerifyAuditLogRequest(), &out))) {
      return;
    }
    if (!out.intact()) ctx.exit_code = kExitRejected;
    if (c.json()) return c.PrintJson(out);
    if (!out.intact()) {
      ctx.out() << fmt::format(msg::kAuditBroken, out.problem()) << "\n";
      return;
    }
    ctx.out() << fmt::format(msg::kAuditIntact, out.event_count(), out.head_hash()) << "\n";
    if (out.open_count() > 0) {
      ctx.out() << fmt::format(msg::kAuditOpenRows, out.open_count()) << "\n";
    }
  });
}

}  // namespace

void AddAuditCommands(CLI::App& app, Context& ctx) {
  CLI::App* audit = app.add_subcommand("audit", msg::kAuditCommand)->require_subcommand(1);
  AddAuditList(audit, ctx);
  AddAuditVerify(audit, ctx);
}

}  // namespace trainhub::cli
