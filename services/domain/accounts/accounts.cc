#include "domain/accounts/accounts.h"

#include <algorithm>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "domain/audit_trail.h"
#include "domain/errors.h"
#include "domain/limits.h"
#include "domain/accounts/passwords.h"
#include "domain/status_macros.h"
#include "domain/text.h"
#include "domain/validation.h"

namespace trainhub::domain {
namespace {

absl::Status BadCredentials() {
  return Refusal(absl::StatusCode::kUnauthenticated,
                 Msg("e-mail or password is wrong, or there were too many failed attempts from "
                     "your address: wait a few minutes and try again"));
}

absl::Status InvalidToken() {
  return Refusal(absl::StatusCode::kUnauthenticated,
                 Msg("the token is unknown, expired or revoked; log in again"));
}

}  // namespace

Accounts::Accounts(Store& store, Clock clock) : store_(store), clock_(std::move(clock)) {}

absl::StatusOr<Account> Accounts::CreateAccount(const RequestContext& ctx, Account account,
                                                const std::string& password) {
  Violations v;
  account.email = Normalized(account.email);
  if (std::optional<Message> p = TextProblem(account.email, 1, kMaxEmailChars)) {
    v.Add("account.email", *std::move(p));
  } else if (!LooksLikeEmail(account.email)) {
    v.Add("account.email", Msg("is not an e-mail address"));
  }
  account.display_name = Normalized(account.display_name);
  if (std::optional<Message> p = TextProblem(account.display_name, 1, kMaxNameChars)) {
    v.Add("account.display_name", *std::move(p));
  }
  if (std::optional<Message> p = PasswordProblem(password)) v.Add("password", *p);
  if (account.roles.empty()) v.Add("account.roles", Msg("give at least one role"));
  for (size_t i = 0; i < account.roles.size(); ++i) {
    const RoleGrant& g = account.roles[i];
    const std::string at = absl::StrCat("account.roles[", i, "]");
    if (!IsKnown(g.role)) {
      v.Add(at + ".role", UnknownValue(static_cast<int>(g.role)));
    } else if (g.role == Role::kCoordinator && g.organization_id <= 0) {
      v.Add(at + ".organization_id", Msg("a coordinator needs an organisation"));
    } else if (g.role == Role::kTrainer && g.trainer_id <= 0) {
      v.Add(at + ".trainer_id", Msg("a trainer account needs a trainer record"));
    } else if (g.participant_id != 0 && g.role != Role::kParticipant) {
      v.Add(at + ".participant_id", Msg("only a participant role links a participant record"));
    } else if (std::count(account.roles.begin(), account.roles.end(), g) > 1) {
      v.Add(at, Msg("is listed twice"));
    }
  }
  TH_RETURN_IF_ERROR(v.ToStatus());
  TH_ASSIGN_OR_RETURN(std::string hash, HashPassword(password));
  account.create_time = clock_();
  Account out;
  TH_RETURN_IF_ERROR(store_.Write([&](UnitOfWork& w) -> absl::Status {
    TH_ASSIGN_OR_RETURN(auto existing, w.accounts().FindByEmail(account.email));
    if (existing) {
      return FieldError(
          absl::StatusCode::kAlreadyExists, "account.email",
          Msg("account {account} already has this e-mail address",
              {{"account", existing->account.id}}));
    }
    Violations refs;
    for (size_t i = 0; i < account.roles.size(); ++i) {
      const RoleGrant& g = account.roles[i];
      const std::string at = absl::StrCat("account.roles[", i, "]");
      if (g.role == Role::kCoordinator &&
          absl::IsNotFound(w.organizations().Get(g.organization_id).status())) {
        refs.Add(at + ".organization_id",
                 Msg("organisation {organization} does not exist",
                     {{"organization", g.organization_id}}));
      }
      if (g.participant_id != 0 &&
          absl::IsNotFound(w.participants().Get(g.participant_id).status())) {
        refs.Add(at + ".participant_id",
                 Msg("participant {participant} does not exist",
                     {{"participant", g.participant_id}}));
      }
      if (g.role == Role::kTrainer && absl::IsNotFound(w.trainers().Get(g.trainer_id).status())) {
        refs.Add(at + ".trainer_id",
                 Msg("trainer {trainer} does not exist", {{"trainer", g.trainer_id}}));
      }
    }
    TH_RETURN_IF_ERROR(refs.ToStatus());
    AccountCredentials record;
    record.account = account;
    record.password_hash = hash;
    TH_ASSIGN_OR_RETURN(Id id, w.accounts().Insert(record));
    TH_RETURN_IF_ERROR(AuditTrail(w, ctx, account.create_time).Changed("account", id, 0));
    TH_ASSIGN_OR_RETURN(out, w.accounts().Get(id));
    return absl::OkStatus();
  }));
  return out;
}

absl::StatusOr<Accounts::LoginResult> Accounts::Login(absl::string_view email,
                                                      absl::string_view password,
                                                      absl::string_view client_address) {
  if (password.size() > kMaxPasswordBytes) {
    return InvalidField("password", Msg("must have at most {max} bytes",
                                        {{"max", static_cast<int64_t>(kMaxPasswordBytes)}}));
  }
  if (email.size() > 4 * kMaxEmailChars) {
    return InvalidField("email", Msg("must have at most {max} characters",
                                     {{"max", static_cast<int64_t>(kMaxEmailChars)}}));
  }
  const std::string wanted = Normalized(email);
  const std::string account_key = Folded(wanted);
  const absl::Time now = clock_();
  const bool may_try = throttle_.MayTry(client_address, account_key, now);
  std::optional<AccountCredentials> found;
  TH_RETURN_IF_ERROR(store_.Read([&](ReadView& r) -> absl::Status {
    TH_ASSIGN_OR_RETURN(found, r.accounts().FindByEmail(wanted));
    return absl::OkStatus();
  }));
  // The same work for unknown accounts and addresses that must wait.
  TH_ASSIGN_OR_RETURN(
      const PasswordCheck check,
      VerifyPassword(password, found && may_try ? absl::string_view(found->password_hash) : ""));
  if (!may_try) return BadCredentials();
  if (!found || !check.matches) {
    throttle_.RecordFailure(client_address, account_key, now);
    return BadCredentials();
  }

  std::string new_hash;
  if (check.needs_rehash) {
    TH_ASSIGN_OR_RETURN(new_hash, HashPassword(password));
  }
  LoginResult result;
  TH_RETURN_IF_ERROR(store_.Write([&](UnitOfWork& w) -> absl::Status {
    TH_ASSIGN_OR_RETURN(auto current, w.accounts().FindByEmail(wanted));
    if (!current || current->account.id != found->account.id) return BadCredentials();
    if (!new_hash.empty()) {
      current->password_hash = new_hash;
      TH_RETURN_IF_ERROR(w.accounts().UpdateLoginState(*current));
    }
    TokenRecord token;
    result.token = NewToken();
    token.token_hash = TokenHash(result.token);
    token.account_id = current->account.id;
    token.create_time = now;
    token.expire_time = now + kTokenLifetime;
    TH_RETURN_IF_ERROR(w.accounts().InsertToken(token));
    result.expire_time = token.expire_time;
    result.account = current->account;
    return absl::OkStatus();
  }));
  throttle_.RecordSuccess(client_address, account_key);
  return result;
}

absl::Status Accounts::Logout(const RequestContext& ctx, absl::string_view token) {
  if (token.empty()) return InvalidToken();
  const std::string hash = TokenHash(token);
  absl::Status revoked = store_.Write([&](UnitOfWork& w) -> absl::Status {
    TH_ASSIGN_OR_RETURN(auto record, w.accounts().FindToken(hash));
    if (!record) return InvalidToken();
    TH_RETURN_IF_ERROR(w.accounts().RevokeToken(hash));
    return AuditTrail(w, ctx, clock_()).Changed("token");
  });
  checked_tokens_.Forget(hash);
  return revoked;
}

absl::StatusOr<Principal> Accounts::Authenticate(absl::string_view token) {
  if (token.empty() || token.size() > 256) return InvalidToken();
  const std::string hash = TokenHash(token);
  const absl::Time now = clock_();
  if (std::optional<Principal> known = checked_tokens_.Find(hash, now)) return *std::move(known);
  const uint64_t generation = checked_tokens_.generation();
  Principal principal;
  absl::Time expire_time;
  TH_RETURN_IF_ERROR(store_.Read([&](ReadView& r) -> absl::Status {
    TH_ASSIGN_OR_RETURN(auto record, r.accounts().FindToken(hash));
    if (!record || record->revoked || record->expire_time <= now) return InvalidToken();
    absl::StatusOr<Account> account = r.accounts().Get(record->account_id);
    if (absl::IsNotFound(account.status())) return InvalidToken();
    if (!account.ok()) return account.status();
    principal.account = *std::move(account);
    expire_time = record->expire_time;
    return absl::OkStatus();
  }));
  checked_tokens_.Keep(hash, principal, expire_time, now, generation);
  return principal;
}

absl::StatusOr<int64_t> Accounts::RevokeAllTokens(const RequestContext& ctx, Id account_id) {
  if (account_id <= 0) return InvalidField("account_id", Msg("must be a positive id"));
  int64_t revoked = 0;
  TH_RETURN_IF_ERROR(store_.Write([&](UnitOfWork& w) -> absl::Status {
    absl::StatusOr<Account> account = w.accounts().Get(account_id);
    if (absl::IsNotFound(account.status())) {
      return FieldError(absl::StatusCode::kNotFound, "account_id", MessageOf(account.status()));
    }
    TH_RETURN_IF_ERROR(account.status());
    TH_ASSIGN_OR_RETURN(revoked, w.accounts().RevokeAllTokens(account_id));
    TH_RETURN_IF_ERROR(AuditTrail(w, ctx, clock_()).Changed("account", account_id, 0));
    return absl::OkStatus();
  }));
  checked_tokens_.ForgetAccount(account_id);
  return revoked;
}

absl::StatusOr<Page<Account>> Accounts::ListAccounts(const PageRequest& page) {
  Page<Account> out;
  TH_RETURN_IF_ERROR(store_.Read([&](ReadView& r) -> absl::Status {
    TH_ASSIGN_OR_RETURN(out, r.accounts().List(page));
    return absl::OkStatus();
  }));
  return out;
}

absl::StatusOr<bool> Accounts::HasAnyAccount() {
  int64_t count = 0;
  TH_RETURN_IF_ERROR(store_.Read([&](ReadView& r) -> absl::Status {
    TH_ASSIGN_OR_RETURN(count, r.accounts().Count());
    return absl::OkStatus();
  }));
  return count > 0;
}

}  // namespace trainhub::domain
