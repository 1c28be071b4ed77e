// trainhub participant ...

#include <fmt/core.h>

#include "clients/cli/commands.h"
#include "clients/cli/format.h"
#include "clients/cli/messages.h"

namespace trainhub::cli {
namespace {

namespace v1 = ::trainhub::v1;
using Stub = v1::ParticipantService::Stub;

std::string Groups(const v1::Participant& p) {
  std::string out;
  for (int g : p.target_groups()) {
    out += (out.empty() ? "" : ", ") + WordOf(TargetGroupWords(), static_cast<v1::TargetGroup>(g));
  }
  if (p.training_year() != 0) out += fmt::format(msg::kTrainingYearSuffix, p.training_year());
  return out;
}

void PrintParticipant(Context& ctx, const v1::Participant& p) {
  if (ctx.client().json()) return ctx.client().PrintJson(p);
  std::cout << p.id() << "  " << p.display_name() << "\n";
  PrintFields(std::cout, {{msg::kLabelEmail, p.email().empty() ? msg::kNone : p.email()},
                          {msg::kLabelOrganisation, std::to_string(p.organization_id())},
                          {msg::kLabelTargetGroups, Groups(p)}});
}

// Options naming participant fields, shared by create and update.
struct ParticipantOptions {
  std::string name, email;
  int64_t organization_id = 0;
  std::vector<std::string> groups;
  int training_year = 0;
  CLI::Option *name_opt, *email_opt, *org_opt, *group_opt, *year_opt;

  void AddTo(CLI::App* cmd, bool create) {
    name_opt = cmd->add_option("--name", name, msg::kNameOption);
    email_opt = cmd->add_option("--email", email, msg::kParticipantEmailOption);
    org_opt = cmd->add_option("--org", organization_id, msg::kParticipantOrgOption);
    group_opt = cmd->add_option("--target-group", groups, msg::kTargetGroupOption)
                    ->check(CLI::IsMember(TargetGroupWords()));
    year_opt = cmd->add_option("--training-year", training_year, msg::kTrainingYearOption);
    if (create) {
      name_opt->required();
      org_opt->required();
      group_opt->required();
    }
  }

  void Fill(v1::Participant* p, google::protobuf::FieldMask* mask) const {
    auto given = [&](CLI::Option* opt, const char* path) {
      if (opt->count() == 0) return false;
      if (mask) mask->add_paths(path);
      return true;
    };
    if (given(name_opt, "display_name")) p->set_display_name(name);
    if (given(email_opt, "email")) p->set_email(email);
    if (given(org_opt, "organization_id")) p->set_organization_id(organization_id);
    if (given(group_opt, "target_groups")) {
      for (const auto& g : groups) p->add_target_groups(TargetGroupWords().at(g));
    }
    if (given(year_opt, "training_year")) p->set_training_year(training_year);
  }
};

}  // namespace

void AddParticipantCommands(CLI::App& app, Context& ctx) {
  CLI::App* participant =
      app.add_subcommand("participant", msg::kParticipantCommand)->require_subcommand(1);

  auto* create = participant->add_subcommand("create", msg::kCreate);
  auto create_opts = std::make_shared<ParticipantOptions>();
  auto request_id = std::make_shared<std::string>();
  create_opts->AddTo(create, /*create=*/true);
  create->add_option("--request-id", *request_id, msg::kRequestIdOption);
  create->callback([&ctx, create_opts, request_id] {
    v1::CreateParticipantRequest request;
    create_opts->Fill(request.mutable_participant(), nullptr);
    request.set_request_id(request_id->empty() ? NewRequestId() : *request_id);
    v1::Participant response;
    auto& c = ctx.client();
    auto stub = v1::ParticipantService::NewStub(c.channel());
    if (Check(ctx, c.Call(*stub, &Stub::CreateParticipant, request, &response))) {
      PrintParticipant(ctx, response);
    }
  });

  auto* list = participant->add_subcommand("list", msg::kList);
  auto list_org = std::make_shared<int64_t>(0);
  auto paging = std::make_shared<Paging>();
  list->add_option("--org", *list_org, msg::kParticipantOrgOption);
  paging->AddTo(list);
  list->callback([&ctx, list_org, paging] {
    auto& c = ctx.client();
    auto stub = v1::ParticipantService::NewStub(c.channel());
    v1::ListParticipantsResponse all;
    grpc::Status status =
        ForEachPage(*paging, [&](const std::string& token, int size, std::string* next) {
          v1::ListParticipantsRequest request;
          request.set_organization_id(*list_org);
          request.set_page_size(size);
          request.set_page_token(token);
          v1::ListParticipantsResponse page;
          grpc::Status s = c.Call(*stub, &Stub::ListParticipants, request, &page);
          all.mutable_participants()->MergeFrom(page.participants());
          *next = page.next_page_token();
          all.set_next_page_token(page.next_page_token());
          return s;
        });
    if (!Check(ctx, status)) return;
    if (c.json()) return c.PrintJson(all);
    Table table({msg::kColId, msg::kColName, msg::kColEmail, msg::kColTargetGroups});
    for (const auto& p : all.participants()) {
      table.Add({std::to_string(p.id()), p.display_name(), p.email(), Groups(p)});
    }
    table.Print(std::cout);
  });

  auto* show = participant->add_subcommand("show", msg::kShow);
  auto show_id = std::make_shared<int64_t>();
  show->add_option("id", *show_id, msg::kIdArg)->required();
  show->callback([&ctx, show_id] {
    v1::GetParticipantRequest request;
    request.set_id(*show_id);
    v1::Participant response;
    auto& c = ctx.client();
    auto stub = v1::ParticipantService::NewStub(c.channel());
    if (Check(ctx, c.Call(*stub, &Stub::GetParticipant, request, &response))) {
      PrintParticipant(ctx, response);
    }
  });

  auto* update = participant->add_subcommand("update", msg::kUpdate);
  auto update_id = std::make_shared<int64_t>();
  auto update_opts = std::make_shared<ParticipantOptions>();
  update->add_option("id", *update_id, msg::kIdArg)->required();
  update_opts->AddTo(update, /*create=*/false);
  update->callback([&ctx, update_id, update_opts] {
    v1::UpdateParticipantRequest request;
    request.mutable_participant()->set_id(*update_id);
    update_opts->Fill(request.mutable_participant(), request.mutable_update_mask());
    if (request.update_mask().paths_size() == 0) return UsageError(ctx, msg::kNothingToUpdate);
    v1::Participant response;
    auto& c = ctx.client();
    auto stub = v1::ParticipantService::NewStub(c.channel());
    if (Check(ctx, c.Call(*stub, &Stub::UpdateParticipant, request, &response))) {
      PrintParticipant(ctx, response);
    }
  });
}

}  // namespace trainhub::cli
