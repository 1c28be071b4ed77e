// trainhub series ...: plan series (create, list, show, update, cancel, delete).

#include <fmt/core.h>

#include "clients/cli/commands.h"
#include "clients/cli/format.h"
#include "clients/cli/messages.h"
#include "clients/cli/series_views.h"
#include "trainhub/v1/series.grpc.pb.h"

namespace trainhub::cli {
namespace {

namespace v1 = ::trainhub::v1;
using Stub = v1::SeriesService::StubInterface;

// Options naming series fields, shared by create and update.
struct SeriesOptions {
  std::string title, kind, description, status;
  int64_t organization_id = 0;
  int capacity = 0;
  std::vector<int64_t> partners;
  std::vector<std::string> groups;
  bool no_partners = false, no_groups = false, partners_may_plan = false;
  bool requires_approval = false, requires_confirmation = false;
  std::string confirmation_deadline, enrolment_deadline, awards, required, documents;
  CLI::Option *title_opt, *kind_opt, *description_opt, *org_opt, *capacity_opt, *partner_opt,
      *group_opt, *partners_may_plan_opt, *status_opt = nullptr, *no_partners_opt = nullptr,
                                          *no_groups_opt = nullptr;
  CLI::Option *approval_opt, *confirmation_opt, *confirmation_deadline_opt, *enrolment_deadline_opt,
      *awards_opt, *requires_opt, *documents_opt;

  void AddTo(CLI::App* cmd, bool create) {
    title_opt = cmd->add_option("--title", title, msg::kTitleOption);
    kind_opt = cmd->add_option("--kind", kind, msg::kSeriesKindOption)
                   ->check(CLI::IsMember(SeriesKindWords()));
    org_opt = cmd->add_option("--org", organization_id, msg::kOrgIdOption);
    description_opt = cmd->add_option("--description", description, msg::kDescriptionOption);
    partner_opt = cmd->add_option("--partner", partners, msg::kPartnerOption);
    group_opt = cmd->add_option("--target-group", groups, msg::kTargetGroupOption)
                    ->check(CLI::IsMember(TargetGroupWords()));
    capacity_opt = cmd->add_option("--capacity", capacity, msg::kCapacityOption);
    partners_may_plan_opt =
        cmd->add_option("--partners-may-plan", partners_may_plan, msg::kPartnersMayPlanOption);
    approval_opt =
        cmd->add_option("--requires-approval", requires_approval, msg::kRequiresApprovalOption);
    confirmation_opt = cmd->add_option("--requires-confirmation", requires_confirmation,
                                       msg::kRequiresConfirmationOption);
    confirmation_deadline_opt = cmd->add_option("--confirmation-deadline", confirmation_deadline,
                                                msg::kConfirmationDeadlineOption);
    enrolment_deadline_opt =
        cmd->add_option("--enrolment-deadline", enrolment_deadline, msg::kEnrolmentDeadlineOption);
    awards_opt = cmd->add_option("--awards-qualification", awards, msg::kAwardsQualificationOption);
    requires_opt =
        cmd->add_option("--requires-qualification", required, msg::kRequiresQualificationOption);
    documents_opt = cmd->add_option("--documents", documents, msg::kDocumentsOption)
                        ->check(CLI::IsMember(IssuedDocumentsWords()));
    if (create) {
      title_opt->required();
      kind_opt->required();
      org_opt->required();
      capacity_opt->required();
    } else {
      status_opt = cmd->add_option("--status", status, msg::kStatusOption)
                       ->check(CLI::IsMember(SeriesStatusWords()));
      no_partners_opt = cmd->add_flag("--no-partners", no_partners, msg::kNoPartnersOption);
      no_groups_opt = cmd->add_flag("--no-target-groups", no_groups, msg::kNoTargetGroupsOption);
    }
  }

  // False (with a usage error) when a deadline cannot be read.
  bool Fill(Context& ctx, v1::Series* s, google::protobuf::FieldMask* mask) const {
    auto given = [&](CLI::Option* opt, const char* path) {
      if (opt == nullptr || opt->count() == 0) return false;
      if (mask) mask->add_paths(path);
      return true;
    };
    if (given(title_opt, "title")) s->set_title(title);
    if (given(kind_opt, "kind")) s->set_kind(SeriesKindWords().at(kind));
    if (given(org_opt, "organization_id")) s->set_organization_id(organization_id);
    if (given(description_opt, "description")) s->set_description(description);
    if (given(partner_opt, "partner_organization_ids") ||
        given(no_partners_opt, "partner_organization_ids")) {
      for (int64_t id : partners) s->add_partner_organization_ids(id);
    }
    if (given(group_opt, "target_groups") || given(no_groups_opt, "target_groups")) {
      for (const auto& g : groups) s->add_target_groups(TargetGroupWords().at(g));
    }
    if (given(capacity_opt, "capacity")) s->set_capacity(capacity);
    if (given(partners_may_plan_opt, "partners_may_plan")) {
      s->set_partners_may_plan(partners_may_plan);
    }
    if (given(status_opt, "status")) s->set_status(SeriesStatusWords().at(status));
    if (given(approval_opt, "requires_approval")) s->set_requires_approval(requires_approval);
    if (given(confirmation_opt, "requires_confirmation")) {
      s->set_requires_confirmation(requires_confirmation);
    }
    if (given(awards_opt, "awards_qualification")) s->set_awards_qualification(awards);
    if (given(requires_opt, "required_qualification")) s->set_required_qualification(required);
    if (given(documents_opt, "issued_documents")) {
      s->set_issued_documents(IssuedDocumentsWords().at(documents));
    }
    if (given(confirmation_deadline_opt, "confirmation_deadline") &&
        confirmation_deadline != msg::kNoDeadline &&
        !ReadTime(ctx, confirmation_deadline_opt, confirmation_deadline,
                  s->mutable_confirmation_deadline())) {
      return false;
    }
    if (given(enrolment_deadline_opt, "enrolment_deadline") &&
        enrolment_deadline != msg::kNoDeadline &&
        !ReadTime(ctx, enrolment_deadline_opt, enrolment_deadline,
                  s->mutable_enrolment_deadline())) {
      return false;
    }
    return true;
  }
};

void AddSeriesCreate(CLI::App* series, Context& ctx) {
  auto* create = series->add_subcommand("create", msg::kCreate);
  auto create_opts = std::make_shared<SeriesOptions>();
  auto request_id = std::make_shared<std::string>();
  create_opts->AddTo(create, /*create=*/true);
  create->add_option("--request-id", *request_id, msg::kRequestIdOption);
  create->callback([&ctx, create_opts, request_id] {
    v1::CreateSeriesRequest request;
    if (!create_opts->Fill(ctx, request.mutable_series(), nullptr)) return;
    request.set_request_id(request_id->empty() ? NewRequestId() : *request_id);
    v1::Series response;
    auto& c = ctx.client();
    if (Check(ctx, c.Call(c.stub<v1::SeriesService>(), &Stub::CreateSeries, request, &response))) {
      PrintSeriesSummary(ctx, response);
    }
  });
}

void AddSeriesList(CLI::App* series, Context& ctx) {
  struct ListOptions {
    std::string kind, status, from, to;
    int64_t organization_id = 0;
    Paging paging;
    CLI::Option *from_opt, *to_opt;
  };
  auto list_opts = std::make_shared<ListOptions>();
  auto* list = series->add_subcommand("list", msg::kList);
  list->add_option("--kind", list_opts->kind, msg::kSeriesKindOption)
      ->check(CLI::IsMember(SeriesKindWords()));
  list->add_option("--status", list_opts->status, msg::kStatusOption)
      ->check(CLI::IsMember(SeriesStatusWords()));
  list->add_option("--org", list_opts->organization_id, msg::kOrgFilterOption);
  list_opts->from_opt = list->add_option("--from", list_opts->from, msg::kFromOption);
  list_opts->to_opt = list->add_option("--to", list_opts->to, msg::kToOption);
  list_opts->paging.AddTo(list);
  list->callback([&ctx, list_opts] {
    v1::ListSeriesRequest request;
    if (!list_opts->kind.empty()) request.set_kind(SeriesKindWords().at(list_opts->kind));
    if (!list_opts->status.empty()) {
      request.set_status(SeriesStatusWords().at(list_opts->status));
    }
    request.set_organization_id(list_opts->organization_id);
    if (list_opts->from_opt->count() &&
        !ReadTime(ctx, list_opts->from_opt, list_opts->from, request.mutable_from())) {
      return;
    }
    if (list_opts->to_opt->count() &&
        !ReadTime(ctx, list_opts->to_opt, list_opts->to, request.mutable_to())) {
      return;
    }
    auto& c = ctx.client();
    v1::ListSeriesResponse all;
    grpc::Status status = ListAll(c, c.stub<v1::SeriesService>(), &Stub::ListSeries, request,
                                  list_opts->paging, &all);
    if (!Check(ctx, status)) return;
    if (c.json()) return c.PrintJson(all);
    Table table({msg::kColId, msg::kColTitle, msg::kColStatus, msg::kColDates, msg::kColModules});
    for (const auto& s : all.series()) {
      table.Add({std::to_string(s.id()), s.title(), WordOf(SeriesStatusWords(), s.status()),
                 DateRange(s), std::to_string(s.module_count())});
    }
    table.Print(ctx.out());
  });
}

void AddSeriesShow(CLI::App* series, Context& ctx) {
  auto* show = series->add_subcommand("show", msg::kShow);
  auto show_id = std::make_shared<int64_t>();
  show->add_option("id", *show_id, msg::kIdArg)->required();
  show->callback([&ctx, show_id] {
    auto& c = ctx.client();
    v1::GetSeriesRequest request;
    request.set_id(*show_id);
    v1::Series s;
    if (!Check(ctx, c.Call(c.stub<v1::SeriesService>(), &Stub::GetSeries, request, &s))) return;
    v1::ListModulesResponse modules;
    if (!Check(ctx, AllModules(c, s.id(), &modules))) return;
    v1::ListSessionsResponse sessions;
    if (!Check(ctx, SessionsOf(c, s.id(), 0, Paging{}, &sessions))) return;
    if (c.json()) {
      ctx.out() << "{\"series\":" << ToJson(s) << ",\"modules\":" << ToJson(modules)
                << ",\"sessions\":" << ToJson(sessions) << "}\n";
      return;
    }
    PrintWrapped(ctx.out(), fmt::format(msg::kSeriesHeading, s.id(), s.title()));
    std::vector<std::string> partners, groups;
    for (int64_t id : s.partner_organization_ids()) partners.push_back(OrganizationLabel(c, id));
    for (int g : s.target_groups()) {
      groups.push_back(WordOf(TargetGroupWords(), static_cast<v1::TargetGroup>(g)));
    }
    std::vector<std::pair<std::string, std::string>> fields = {
        {msg::kLabelKind, WordOf(SeriesKindWords(), s.kind())},
        {msg::kLabelStatus, WordOf(SeriesStatusWords(), s.status())},
        {msg::kLabelOrganisation, OrganizationLabel(c, s.organization_id())},
        {msg::kLabelPartners, JoinWords(partners)},
        {msg::kLabelPartnersMayPlan, s.partners_may_plan() ? msg::kYes : msg::kNo},
        {msg::kLabelTargetGroups, JoinWords(groups)},
        {msg::kLabelCapacity, std::to_string(s.capacity())},
        {msg::kLabelSeats,
         fmt::format(msg::kSeatsValue, s.seats_taken(), s.capacity(), s.waitlist_length())},
        {msg::kLabelDates, DateRange(s)}};
    AddEnrolmentRules(s, fields);
    if (s.status() == v1::SERIES_STATUS_CANCELLED) {
      fields.push_back({msg::kLabelCancelled,
                        s.cancellation_reason().empty() ? msg::kNone : s.cancellation_reason()});
    }
    if (!s.description().empty()) fields.push_back({msg::kLabelDescription, s.description()});
    PrintFields(ctx.out(), fields);
    ctx.out() << "\n" << msg::kLabelModules << "\n";
    if (modules.modules_size() == 0) {
      ctx.out() << msg::kNoItems << "\n";
    } else {
      PrintModuleTable(ctx.out(), modules);
    }
    ctx.out() << "\n" << msg::kLabelSessions << "\n";
    if (sessions.sessions_size() == 0) {
      ctx.out() << msg::kNoItems << "\n";
    } else {
      PrintSessionTable(ctx.out(), sessions.sessions(), false);
    }
  });
}

void AddSeriesUpdate(CLI::App* series, Context& ctx) {
  auto* update = series->add_subcommand("update", msg::kUpdate);
  auto update_id = std::make_shared<int64_t>();
  auto update_opts = std::make_shared<SeriesOptions>();
  update->add_option("id", *update_id, msg::kIdArg)->required();
  update_opts->AddTo(update, /*create=*/false);
  update->callback([&ctx, update_id, update_opts] {
    v1::UpdateSeriesRequest request;
    request.mutable_series()->set_id(*update_id);
    if (!update_opts->Fill(ctx, request.mutable_series(), request.mutable_update_mask())) return;
    if (request.update_mask().paths_size() == 0) return UsageError(ctx, msg::kNothingToUpdate);
    v1::Series response;
    auto& c = ctx.client();
    if (Check(ctx, c.Call(c.stub<v1::SeriesService>(), &Stub::UpdateSeries, request, &response))) {
      PrintSeriesSummary(ctx, response);
    }
  });
}

void AddSeriesCancel(CLI::App* series, Context& ctx) {
  auto* cancel = series->add_subcommand("cancel", msg::kCancelSeries);
  auto cancel_id = std::make_shared<int64_t>();
  auto reason = std::make_shared<std::string>();
  cancel->add_option("id", *cancel_id, msg::kIdArg)->required();
  cancel->add_option("--reason", *reason, msg::kReasonOption);
  cancel->callback([&ctx, cancel_id, reason] {
    v1::CancelSeriesRequest request;
    request.set_id(*cancel_id);
    request.set_reason(*reason);
    v1::Series response;
    auto& c = ctx.client();
    if (Check(ctx, c.Call(c.stub<v1::SeriesService>(), &Stub::CancelSeries, request, &response))) {
      PrintSeriesSummary(ctx, response);
    }
  });
}

void AddSeriesDelete(CLI::App* series, Context& ctx) {
  auto* remove = series->add_subcommand("delete", msg::kDeleteSeries);
  auto delete_id = std::make_shared<int64_t>();
  auto force = std::make_shared<bool>(false);
  remove->add_option("id", *delete_id, msg::kIdArg)->required();
  remove->add_flag("--force", *force, msg::kForceOption);
  remove->callback([&ctx, delete_id, force] {
    v1::DeleteSeriesRequest request;
    request.set_id(*delete_id);
    request.set_force(*force);
    v1::DeleteSeriesResponse response;
    auto& c = ctx.client();
    if (Check(ctx, c.Call(c.stub<v1::SeriesService>(), &Stub::DeleteSeries, request, &response))) {
      if (c.json()) return c.PrintJson(response);
      ctx.out() << fmt::format(msg::kDeletedSeries, *delete_id) << "\n";
    }
  });
}

}  // namespace

void AddSeriesCommands(CLI::App& app, Context& ctx) {
  CLI::App* series = app.add_subcommand("series", msg::kSeriesCommand)->require_subcommand(1);
  AddSeriesCreate(series, ctx);
  AddSeriesList(series, ctx);
  AddSeriesShow(series, ctx);
  AddSeriesUpdate(series, ctx);
  AddSeriesCancel(series, ctx);
  AddSeriesDelete(series, ctx);
}

}  // namespace trainhub::cli
