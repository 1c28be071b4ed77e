// trainhub org ... and trainhub trainer ...

#include <fmt/core.h>

#include "clients/cli/commands.h"
#include "clients/cli/format.h"
#include "clients/cli/messages.h"
#include "trainhub/v1/organization.grpc.pb.h"
#include "trainhub/v1/trainer.grpc.pb.h"

namespace trainhub::cli {
namespace {

namespace v1 = ::trainhub::v1;

void PrintOrganization(Context& ctx, const v1::Organization& org) {
  if (ctx.client().json()) return ctx.client().PrintJson(org);
  PrintWrapped(ctx.out(), fmt::format("{}  {}", org.id(), org.name()));
  PrintFields(ctx.out(),
              {{msg::kLabelKind, WordOf(OrganizationKindWords(), org.kind())},
               {msg::kLabelCity, org.city().empty() ? msg::kNone : org.city()},
               {msg::kLabelWebsite, org.website().empty() ? msg::kNone : org.website()},
               {msg::kLabelRetention,
                org.record_retention_years() == 0
                    ? std::string(msg::kNoRetention)
                    : fmt::format(msg::kRetentionYears, org.record_retention_years())},
               {msg::kLabelSignatory,
                org.signatory_name().empty() ? std::string(msg::kSignatoryIssuer)
                : org.signatory_role().empty()
                    ? org.signatory_name()
                    : fmt::format("{}, {}", org.signatory_name(), org.signatory_role())}});
}

void PrintTrainer(Context& ctx, const v1::Trainer& trainer) {
  if (ctx.client().json()) return ctx.client().PrintJson(trainer);
  PrintWrapped(ctx.out(), fmt::format("{}  {}", trainer.id(), trainer.display_name()));
  PrintFields(ctx.out(), {{msg::kLabelEmail, trainer.email()},
                          {msg::kLabelAffiliation,
                           trainer.affiliation().empty() ? msg::kNone : trainer.affiliation()}});
}

struct OrganizationOptions {
  std::string name, city, website, kind, signatory_name, signatory_role;
  int retention_years = 0;
  CLI::Option *name_opt, *city_opt, *website_opt, *kind_opt, *retention_opt, *signatory_name_opt,
      *signatory_role_opt;

  void AddTo(CLI::App* cmd, bool required) {
    name_opt = cmd->add_option("--name", name, msg::kNameOption);
    kind_opt = cmd->add_option("--kind", kind, msg::kOrgKindOption)
                   ->check(CLI::IsMember(OrganizationKindWords()));
    city_opt = cmd->add_option("--city", city, msg::kCityOption);
    website_opt = cmd->add_option("--website", website, msg::kWebsiteOption);
    retention_opt = cmd->add_option("--retention-years", retention_years, msg::kRetentionOption);
    signatory_name_opt =
        cmd->add_option("--signatory-name", signatory_name, msg::kSignatoryNameOption);
    signatory_role_opt =
        cmd->add_option("--signatory-role", signatory_role, msg::kSignatoryRoleOption);
    if (required) {
      name_opt->required();
      kind_opt->required();
    }
  }
  // Fills `org` with the given options; adds their paths to `mask`.
  void Fill(v1::Organization* org, google::protobuf::FieldMask* mask) const {
    auto set = [&](CLI::Option* opt, const char* path, auto apply) {
      if (opt->count() == 0) return;
      apply();
      if (mask) mask->add_paths(path);
    };
    set(name_opt, "name", [&] { org->set_name(name); });
    set(kind_opt, "kind", [&] { org->set_kind(OrganizationKindWords().at(kind)); });
    set(city_opt, "city", [&] { org->set_city(city); });
    set(website_opt, "website", [&] { org->set_website(website); });
    set(retention_opt, "record_retention_years",
        [&] { org->set_record_retention_years(retention_years); });
    set(signatory_name_opt, "signatory_name", [&] { org->set_signatory_name(signatory_name); });
    set(signatory_role_opt, "signatory_role", [&] { org->set_signatory_role(signatory_role); });
  }
};

struct TrainerOptions {
  std::string name, email, affiliation;
  CLI::Option *name_opt, *email_opt, *affiliation_opt;

  void AddTo(CLI::App* cmd, bool required) {
    name_opt = cmd->add_option("--name", name, msg::kNameOption);
    email_opt = cmd->add_option("--email", email, msg::kEmailOption);
    affiliation_opt = cmd->add_option("--affiliation", affiliation, msg::kAffiliationOption);
    if (required) {
      name_opt->required();
      email_opt->required();
    }
  }
  void Fill(v1::Trainer* trainer, google::protobuf::FieldMask* mask) const {
    auto set = [&](CLI::Option* opt, const char* path, auto apply) {
      if (opt->count() == 0) return;
      apply();
      if (mask) mask->add_paths(path);
    };
    set(name_opt, "display_name", [&] { trainer->set_display_name(name); });
    set(email_opt, "email", [&] { trainer->set_email(email); });
    set(affiliation_opt, "affiliation", [&] { trainer->set_affiliation(affiliation); });
  }
};

}  // namespace

namespace {

void AddOrgCreate(CLI::App* org, Context& ctx) {
  auto* create = org->add_subcommand("create", msg::kCreate);
  auto create_opts = std::make_shared<OrganizationOptions>();
  auto create_request_id = std::make_shared<std::string>();
  create_opts->AddTo(create, /*required=*/true);
  create->add_option("--request-id", *create_request_id, msg::kRequestIdOption);
  create->callback([&ctx, create_opts, create_request_id] {
    v1::CreateOrganizationRequest request;
    create_opts->Fill(request.mutable_organization(), nullptr);
    request.set_request_id(create_request_id->empty() ? NewRequestId() : *create_request_id);
    v1::Organization response;
    auto& c = ctx.client();
    if (Check(ctx, c.Call(c.stub<v1::OrganizationService>(),
                          &v1::OrganizationService::StubInterface::CreateOrganization, request,
                          &response))) {
      PrintOrganization(ctx, response);
    }
  });
}

void AddOrgList(CLI::App* org, Context& ctx) {
  auto* list = org->add_subcommand("list", msg::kList);
  auto paging = std::make_shared<Paging>();
  paging->AddTo(list);
  list->callback([&ctx, paging] {
    auto& c = ctx.client();
    v1::ListOrganizationsResponse all;
    grpc::Status status = ListAll(c, c.stub<v1::OrganizationService>(),
                                  &v1::OrganizationService::StubInterface::ListOrganizations,
                                  v1::ListOrganizationsRequest{}, *paging, &all);
    if (!Check(ctx, status)) return;
    if (c.json()) return c.PrintJson(all);
    Table table({msg::kColId, msg::kColName, msg::kColKind, msg::kColCity});
    for (const auto& o : all.organizations()) {
      table.Add(
          {std::to_string(o.id()), o.name(), WordOf(OrganizationKindWords(), o.kind()), o.city()});
    }
    table.Print(ctx.out());
  });
}

void AddOrgShow(CLI::App* org, Context& ctx) {
  auto* show = org->add_subcommand("show", msg::kShow);
  auto show_id = std::make_shared<int64_t>();
  show->add_option("id", *show_id, msg::kIdArg)->required();
  show->callback([&ctx, show_id] {
    v1::GetOrganizationRequest request;
    request.set_id(*show_id);
    v1::Organization response;
    auto& c = ctx.client();
    if (Check(ctx, c.Call(c.stub<v1::OrganizationService>(),
                          &v1::OrganizationService::StubInterface::GetOrganization, request,
                          &response))) {
      PrintOrganization(ctx, response);
    }
  });
}

void AddOrgUpdate(CLI::App* org, Context& ctx) {
  auto* update = org->add_subcommand("update", msg::kUpdate);
  auto update_id = std::make_shared<int64_t>();
  auto update_opts = std::make_shared<OrganizationOptions>();
  update->add_option("id", *update_id, msg::kIdArg)->required();
  update_opts->AddTo(update, /*required=*/false);
  update->callback([&ctx, update_id, update_opts] {
    v1::UpdateOrganizationRequest request;
    request.mutable_organization()->set_id(*update_id);
    update_opts->Fill(request.mutable_organization(), request.mutable_update_mask());
    if (request.update_mask().paths_size() == 0) return UsageError(ctx, msg::kNothingToUpdate);
    v1::Organization response;
    auto& c = ctx.client();
    if (Check(ctx, c.Call(c.stub<v1::OrganizationService>(),
                          &v1::OrganizationService::StubInterface::UpdateOrganization, request,
                          &response))) {
      PrintOrganization(ctx, response);
    }
  });
}

}  // namespace

void AddOrganizationCommands(CLI::App& app, Context& ctx) {
  CLI::App* org = app.add_subcommand("org", msg::kOrgCommand)->require_subcommand(1);
  AddOrgCreate(org, ctx);
  AddOrgList(org, ctx);
  AddOrgShow(org, ctx);
  AddOrgUpdate(org, ctx);
}

namespace {

void AddTrainerCreate(CLI::App* trainer, Context& ctx) {
  auto* create = trainer->add_subcommand("create", msg::kCreate);
  auto create_opts = std::make_shared<TrainerOptions>();
  auto create_request_id = std::make_shared<std::string>();
  create_opts->AddTo(create, /*required=*/true);
  create->add_option("--request-id", *create_request_id, msg::kRequestIdOption);
  create->callback([&ctx, create_opts, create_request_id] {
    v1::CreateTrainerRequest request;
    create_opts->Fill(request.mutable_trainer(), nullptr);
    request.set_request_id(create_request_id->empty() ? NewRequestId() : *create_request_id);
    v1::Trainer response;
    auto& c = ctx.client();
    if (Check(ctx, c.Call(c.stub<v1::TrainerService>(),
                          &v1::TrainerService::StubInterface::CreateTrainer, request, &response))) {
      PrintTrainer(ctx, response);
    }
  });
}

void AddTrainerList(CLI::App* trainer, Context& ctx) {
  auto* list = trainer->add_subcommand("list", msg::kList);
  auto paging = std::make_shared<Paging>();
  paging->AddTo(list);
  list->callback([&ctx, paging] {
    auto& c = ctx.client();
    v1::ListTrainersResponse all;
    v1::ListTrainersRequest request;
    grpc::Status status =
        ListAll(c, c.stub<v1::TrainerService>(), &v1::TrainerService::StubInterface::ListTrainers,
                request, *paging, &all);
    if (!Check(ctx, status)) return;
    if (c.json()) return c.PrintJson(all);
    Table table({msg::kColId, msg::kColName, msg::kColEmail, msg::kColAffiliation});
    for (const auto& t : all.trainers()) {
      table.Add({std::to_string(t.id()), t.display_name(), t.email(), t.affiliation()});
    }
    table.Print(ctx.out());
  });
}

void AddTrainerShow(CLI::App* trainer, Context& ctx) {
  auto* show = trainer->add_subcommand("show", msg::kShow);
  auto show_id = std::make_shared<int64_t>();
  show->add_option("id", *show_id, msg::kIdArg)->required();
  show->callback([&ctx, show_id] {
    v1::GetTrainerRequest request;
    request.set_id(*show_id);
    v1::Trainer response;
    auto& c = ctx.client();
    if (Check(ctx, c.Call(c.stub<v1::TrainerService>(),
                          &v1::TrainerService::StubInterface::GetTrainer, request, &response))) {
      PrintTrainer(ctx, response);
    }
  });
}

void AddTrainerUpdate(CLI::App* trainer, Context& ctx) {
  auto* update = trainer->add_subcommand("update", msg::kUpdate);
  auto update_id = std::make_shared<int64_t>();
  auto update_opts = std::make_shared<TrainerOptions>();
  update->add_option("id", *update_id, msg::kIdArg)->required();
  update_opts->AddTo(update, /*required=*/false);
  update->callback([&ctx, update_id, update_opts] {
    v1::UpdateTrainerRequest request;
    request.mutable_trainer()->set_id(*update_id);
    update_opts->Fill(request.mutable_trainer(), request.mutable_update_mask());
    if (request.update_mask().paths_size() == 0) return UsageError(ctx, msg::kNothingToUpdate);
    v1::Trainer response;
    auto& c = ctx.client();
    if (Check(ctx, c.Call(c.stub<v1::TrainerService>(),
                          &v1::TrainerService::StubInterface::UpdateTrainer, request, &response))) {
      PrintTrainer(ctx, response);
    }
  });
}

}  // namespace

void AddTrainerCommands(CLI::App& app, Context& ctx) {
  CLI::App* trainer = app.add_subcommand("trainer", msg::kTrainerCommand)->require_subcommand(1);
  AddTrainerCreate(trainer, ctx);
  AddTrainerList(trainer, ctx);
  AddTrainerShow(trainer, ctx);
  AddTrainerUpdate(trainer, ctx);
}

}  // namespace trainhub::cli
