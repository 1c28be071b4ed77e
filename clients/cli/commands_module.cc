// trainhub module ...: the ordered modules of a series.

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

void AddModuleAdd(CLI::App* module, Context& ctx) {
  struct AddOptions {
    int64_t series_id = 0;
    std::string title, request_id;
    std::vector<std::string> topics;
    bool optional = false;
    int units = 0, position = 0;
  };
  auto add_opts = std::make_shared<AddOptions>();
  auto* add = module->add_subcommand("add", msg::kAddModule);
  add->add_option("series", add_opts->series_id, msg::kSeriesIdArg)->required();
  add->add_option("--title", add_opts->title, msg::kTitleOption)->required();
  add->add_option("--topic", add_opts->topics, msg::kTopicOption);
  add->add_flag("--optional", add_opts->optional, msg::kOptionalOption);
  add->add_option("--units", add_opts->units, msg::kUnitsOption);
  add->add_option("--position", add_opts->position, msg::kPositionOption);
  add->add_option("--request-id", add_opts->request_id, msg::kRequestIdOption);
  add->callback([&ctx, add_opts] {
    v1::CreateModuleRequest request;
    request.set_series_id(add_opts->series_id);
    request.set_position(add_opts->position);
    request.set_request_id(add_opts->request_id.empty() ? NewRequestId() : add_opts->request_id);
    v1::Module* m = request.mutable_module();
    m->set_title(add_opts->title);
    for (const auto& t : add_opts->topics) m->add_topics(t);
    m->set_mandatory(!add_opts->optional);
    m->set_teaching_units(add_opts->units);
    v1::Module response;
    auto& c = ctx.client();
    if (!Check(ctx, c.Call(c.stub<v1::SeriesService>(), &Stub::CreateModule, request, &response)))
      return;
    if (c.json()) return c.PrintJson(response);
    PrintWrapped(ctx.out(), fmt::format(msg::kModuleCreated, response.position(), response.title(),
                                        response.id()));
  });
}

void AddModuleList(CLI::App* module, Context& ctx) {
  auto* list = module->add_subcommand("list", msg::kList);
  auto list_series = std::make_shared<int64_t>();
  list->add_option("series", *list_series, msg::kSeriesIdArg)->required();
  list->callback([&ctx, list_series] {
    auto& c = ctx.client();
    v1::ListModulesResponse modules;
    if (!Check(ctx, AllModules(c, *list_series, &modules))) return;
    if (c.json()) return c.PrintJson(modules);
    PrintModuleTable(ctx.out(), modules);
  });
}

void AddModuleUpdate(CLI::App* module, Context& ctx) {
  struct UpdateOptions {
    int64_t series_id = 0, module_id = 0;
    std::string title;
    std::vector<std::string> topics;
    bool no_topics = false, mandatory = true;
    int units = 0;
    CLI::Option *title_opt, *topics_opt, *no_topics_opt, *mandatory_opt, *units_opt;
  };
  auto update_opts = std::make_shared<UpdateOptions>();
  auto* update = module->add_subcommand("update", msg::kUpdate);
  update->add_option("series", update_opts->series_id, msg::kSeriesIdArg)->required();
  update->add_option("module", update_opts->module_id, msg::kModuleIdArg)->required();
  update_opts->title_opt = update->add_option("--title", update_opts->title, msg::kTitleOption);
  update_opts->topics_opt = update->add_option("--topic", update_opts->topics, msg::kTopicOption);
  update_opts->no_topics_opt =
      update->add_flag("--no-topics", update_opts->no_topics, msg::kNoTopicsOption);
  update_opts->mandatory_opt =
      update->add_option("--mandatory", update_opts->mandatory, msg::kMandatoryOption);
  update_opts->units_opt = update->add_option("--units", update_opts->units, msg::kUnitsOption);
  update->callback([&ctx, update_opts] {
    v1::UpdateModuleRequest request;
    request.set_series_id(update_opts->series_id);
    v1::Module* m = request.mutable_module();
    m->set_id(update_opts->module_id);
    auto* mask = request.mutable_update_mask();
    if (update_opts->title_opt->count()) {
      m->set_title(update_opts->title);
      mask->add_paths("title");
    }
    if (update_opts->topics_opt->count() || update_opts->no_topics_opt->count()) {
      for (const auto& t : update_opts->topics) m->add_topics(t);
      mask->add_paths("topics");
    }
    if (update_opts->mandatory_opt->count()) {
      m->set_mandatory(update_opts->mandatory);
      mask->add_paths("mandatory");
    }
    if (update_opts->units_opt->count()) {
      m->set_teaching_units(update_opts->units);
      mask->add_paths("teaching_units");
    }
    if (mask->paths_size() == 0) return UsageError(ctx, msg::kNothingToUpdate);
    v1::Module response;
    auto& c = ctx.client();
    if (!Check(ctx, c.Call(c.stub<v1::SeriesService>(), &Stub::UpdateModule, request, &response)))
      return;
    if (c.json()) return c.PrintJson(response);
    PrintWrapped(ctx.out(), fmt::format(msg::kModuleLine, response.position(), response.title()));
  });
}

void AddModuleMove(CLI::App* module, Context& ctx) {
  struct MoveOptions {
    int64_t series_id = 0, module_id = 0;
    int position = 0;
  };
  auto move_opts = std::make_shared<MoveOptions>();
  auto* move = module->add_subcommand("move", msg::kMoveModule);
  move->add_option("series", move_opts->series_id, msg::kSeriesIdArg)->required();
  move->add_option("module", move_opts->module_id, msg::kModuleIdArg)->required();
  move->add_option("--to", move_opts->position, msg::kToPositionOption)->required();
  move->callback([&ctx, move_opts] {
    v1::MoveModuleRequest request;
    request.set_series_id(move_opts->series_id);
    request.set_module_id(move_opts->module_id);
    request.set_position(move_opts->position);
    v1::ListModulesResponse response;
    auto& c = ctx.client();
    if (!Check(ctx, c.Call(c.stub<v1::SeriesService>(), &Stub::MoveModule, request, &response)))
      return;
    if (c.json()) return c.PrintJson(response);
    PrintModuleTable(ctx.out(), response);
  });
}

void AddModuleRemove(CLI::App* module, Context& ctx) {
  struct RemoveOptions {
    int64_t series_id = 0, module_id = 0;
    bool force = false;
  };
  auto remove_opts = std::make_shared<RemoveOptions>();
  auto* remove = module->add_subcommand("remove", msg::kRemoveModule);
  remove->add_option("series", remove_opts->series_id, msg::kSeriesIdArg)->required();
  remove->add_option("module", remove_opts->module_id, msg::kModuleIdArg)->required();
  remove->add_flag("--force", remove_opts->force, msg::kForceOption);
  remove->callback([&ctx, remove_opts] {
    v1::DeleteModuleRequest request;
    request.set_series_id(remove_opts->series_id);
    request.set_module_id(remove_opts->module_id);
    request.set_force(remove_opts->force);
    v1::DeleteModuleResponse response;
    auto& c = ctx.client();
    if (!Check(ctx, c.Call(c.stub<v1::SeriesService>(), &Stub::DeleteModule, request, &response)))
      return;
    if (c.json()) return c.PrintJson(response);
    ctx.out() << fmt::format(msg::kDeletedModule, remove_opts->module_id) << "\n";
  });
}

}  // namespace

void AddModuleCommands(CLI::App& app, Context& ctx) {
  CLI::App* module = app.add_subcommand("module", msg::kModuleCommand)->require_subcommand(1);
  AddModuleAdd(module, ctx);
  AddModuleList(module, ctx);
  AddModuleUpdate(module, ctx);
  AddModuleMove(module, ctx);
  AddModuleRemove(module, ctx);
}

}  // namespace trainhub::cli
