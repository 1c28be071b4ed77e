// trainhub demo load (see demo_loader.h): the command, the order of the
// steps and what the capabilities' loaders share.
// trainhub demo logins: the demo's logins that the database holds.

#include <fmt/core.h>

#include <optional>

#include "absl/strings/numbers.h"
#include "clients/cli/demo_loader.h"
#include "clients/cli/format.h"
#include "clients/cli/messages.h"
#include "trainhub/v1/account.grpc.pb.h"
#include "trainhub/v1/audit.grpc.pb.h"

namespace trainhub::cli {
namespace demo {

// An optional text member of `j`, "" when absent.
std::string TextOr(const json& j, const char* key) { return j.value(key, std::string()); }

// A time of the data: Europe/Berlin ("2019-01-18 09:00"), or relative to
// `now` rounded down to a quarter hour ("now-60m", "now+120m").
void SetBerlinTime(const json& text, absl::Time now, google::protobuf::Timestamp* out) {
  const std::string value = text.get<std::string>();
  int minutes = 0;
  if (value.rfind("now", 0) == 0 && value.size() > 4 && value.back() == 'm' &&
      absl::SimpleAtoi(value.substr(3, value.size() - 4), &minutes)) {
    const absl::Time quarter = absl::FromUnixSeconds(absl::ToUnixSeconds(now) / 900 * 900);
    SetTimestamp(quarter + absl::Minutes(minutes), out);
    return;
  }
  std::string error;
  std::optional<absl::Time> t = ParseUserTime(value, "time", &error);
  if (!t) throw std::invalid_argument(error);
  SetTimestamp(*t, out);
}

grpc::Status DemoLoader::Load(Counts& counts) {
  grpc::Status status = LoadOrganizations(counts);
  if (status.ok()) status = LoadTrainers(counts);
  if (status.ok()) status = LoadParticipants();
  if (status.ok()) status = LoadAccounts();
  if (status.ok()) status = LoadQualifications();
  for (const json& series : data_.at("series")) {
    if (status.ok()) status = LoadSeries(series, counts);
  }
  if (status.ok()) status = LoadEnrolments(counts);
  return status;
}

namespace {

// What this account changed, as the audit log counts it: the newest event's
// id before a load, then the changes by the account after it.
class ChangeCount {
 public:
  explicit ChangeCount(Client& c) : c_(c) {
    v1::Account me;
    if (!c_.Call(c_.stub<v1::AccountService>(),
                 &v1::AccountService::StubInterface::GetCurrentAccount,
                 v1::GetCurrentAccountRequest(), &me)
             .ok()) {
      return;
    }
    v1::ListAuditEventsRequest request;
    request.set_page_size(1);
    v1::ListAuditEventsResponse newest;
    if (!c_.Call(c_.stub<v1::AuditService>(), &v1::AuditService::StubInterface::ListAuditEvents,
                 request, &newest)
             .ok()) {
      return;
    }
    account_ = me.id();
    since_ = newest.events().empty() ? 0 : newest.events(0).id();
    known_ = true;
  }

  // Changes (not refusals) by this account since construction; nullopt
  // when the audit log cannot tell.
  std::optional<int> Changes() {
    if (!known_) return std::nullopt;
    int changes = 0;
    std::string token;
    do {
      v1::ListAuditEventsRequest request;
      request.set_page_size(500);
      request.set_page_token(token);
      v1::ListAuditEventsResponse page;
      if (!c_.Call(c_.stub<v1::AuditService>(), &v1::AuditService::StubInterface::ListAuditEvents,
                   request, &page)
               .ok()) {
        return std::nullopt;
      }
      for (const v1::AuditEvent& e : page.events()) {
        if (e.id() <= since_) return changes;  // newest first: the rest is older
        if (e.account_id() == account_ && e.result() == "OK" && !e.object().empty()) ++changes;
      }
      token = page.next_page_token();
    } while (!token.empty());
    return changes;
  }

 private:
  Client& c_;
  bool known_ = false;
  int64_t account_ = 0, since_ = 0;
};

// Prints a line per login of the demo data (of those in `only`, when given).
void PrintLogins(Context& ctx, const json& data, const std::set<std::string>* only) {
  for (const json& a : data.at("accounts")) {
    if (only != nullptr && only->count(Folded(a.at("email"))) == 0) continue;
    ctx.out() << fmt::format(msg::kDemoAccountLine, a.at("email").get<std::string>(),
                             data.at("password").get<std::string>(),
                             a.at("shown_as").get<std::string>())
              << "\n";
  }
}

}  // namespace
}  // namespace demo

using demo::json;

void AddDemoCommands(CLI::App& app, Context& ctx) {
  CLI::App* command = app.add_subcommand("demo", msg::kDemoCommand)->require_subcommand(1);
  auto* load = command->add_subcommand("load", msg::kDemoLoad);
  load->callback([&ctx] {
    auto& c = ctx.client();
    demo::DemoLoader::Counts counts;
    json data;
    grpc::Status status;
    demo::ChangeCount changes(c);
    try {
      data = json::parse(demo::kDemoJson);
      status = demo::DemoLoader(c, data).Load(counts);
    } catch (const std::exception& e) {
      // A defect of the built-in data file, never of the user's input.
      status =
          grpc::Status(grpc::StatusCode::INTERNAL, fmt::format(msg::kDemoDataBroken, e.what()));
    }
    // A record a load made is gone (deleted since): a repeat cannot tell
    // what to do about it, and has changed nothing before it.
    if (status.error_code() == grpc::StatusCode::NOT_FOUND) {
      status = grpc::Status(grpc::StatusCode::FAILED_PRECONDITION,
                            fmt::format(msg::kDemoRecordGone, status.error_message()));
    }
    if (!Check(ctx, status)) return;
    if (changes.Changes() == 0) {
      PrintWrapped(ctx.out(), msg::kDemoUnchanged);
    } else {
      PrintWrapped(ctx.out(), fmt::format(msg::kDemoLoaded, counts.organizations, counts.trainers,
                                          counts.series, counts.modules, counts.sessions,
                                          counts.enrolments, counts.sheets, counts.certificates));
    }
    // The logins as they are now (a person's erasure ended theirs).
    std::set<std::string> existing;
    const bool listed = demo::ExistingLogins(c, existing).ok();
    demo::PrintLogins(ctx, data, listed ? &existing : nullptr);
  });
  auto* logins = command->add_subcommand("logins", msg::kDemoLogins);
  logins->callback([&ctx] {
    std::set<std::string> existing;
    if (!Check(ctx, demo::ExistingLogins(ctx.client(), existing))) return;
    const json data = json::parse(demo::kDemoJson);
    bool any = false;
    for (const json& a : data.at("accounts"))
      any = any || existing.count(demo::Folded(a.at("email")));
    if (!any) {
      ctx.err() << msg::kErrorPrefix << msg::kNoDemoHere << "\n";
      ctx.exit_code = kExitNotFound;
      return;
    }
    demo::PrintLogins(ctx, data, &existing);
  });
}

}  // namespace trainhub::cli
