// trainhub participant ...

#include <fmt/core.h>

#include "clients/cli/commands.h"
#include "clients/cli/format.h"
#include "clients/cli/messages.h"
#include "trainhub/v1/participant.grpc.pb.h"

namespace trainhub::cli {
namespace {

namespace v1 = ::trainhub::v1;
using Stub = v1::ParticipantService::StubInterface;

std::string Groups(const v1::Participant& p) {
  std::string out;
  for (int g : p.target_groups()) {
    out += (out.empty() ? "" : ", ") + WordOf(TargetGroupWords(), static_cast<v1::TargetGroup>(g));
  }
  if (p.has_training_start()) {
    const v1::LocalDate& start = p.training_start();
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wdeprecated-declarations"
    const int year_today = p.training_year();  // the server's: the training year today
#pragma GCC diagnostic pop
    out += year_today != 0 ? fmt::format(msg::kTrainingStartSuffix, start.day(), start.month(),
                                         start.year(), year_today)
                           : fmt::format(msg::kTrainingStartOnlySuffix, start.day(), start.month(),
                                         start.year());
  }
  return out;
}

void PrintParticipant(Context& ctx, const v1::Participant& p) {
  if (ctx.client().json()) return ctx.client().PrintJson(p);
  PrintWrapped(ctx.out(), fmt::format("{}  {}", p.id(), p.display_name()));
  std::vector<std::pair<std::string, std::string>> fields = {
      {msg::kLabelEmail, p.email().empty() ? msg::kNone : p.email()},
      {msg::kLabelOrganisation, std::to_string(p.organization_id())},
      {msg::kLabelTargetGroups, Groups(p)}};
  if (p.has_erasure()) {
    const std::string when = FormatLocal(p.erasure().erase_time());
    fields.push_back(
        {msg::kLabelErased, p.erasure().retention_overridden()
                                ? fmt::format(msg::kErasedOnOverridden, when, p.erasure().reason())
                                : fmt::format(msg::kErasedOn, when, p.erasure().reason())});
  }
  PrintFields(ctx.out(), fields);
}

// Options naming participant fields, shared by create and update.
struct ParticipantOptions {
  std::string name, email;
  int64_t organization_id = 0;
  std::vector<std::string> groups;
  std::string training_start;
  int training_year = 0;
  CLI::Option *name_opt, *email_opt, *org_opt, *group_opt, *start_opt, *year_opt;

  void AddTo(CLI::App* cmd, bool create) {
    name_opt = cmd->add_option("--name", name, msg::kNameOption);
    email_opt = cmd->add_option("--email", email, msg::kParticipantEmailOption);
    org_opt = cmd->add_option("--org", organization_id, msg::kParticipantOrgOption);
    group_opt = cmd->add_option("--target-group", groups, msg::kTargetGroupOption)
                    ->check(CLI::IsMember(TargetGroupWords()));
    start_opt = cmd->add_option("--training-start", training_start, msg::kTrainingStartOption);
    year_opt = cmd->add_option("--training-year", training_year, msg::kTrainingYearOption);
    if (create) {
      name_opt->required();
      org_opt->required();
      group_opt->required();
    }
  }

  // False after a usage error.
  bool Fill(Context& ctx, v1::Participant* p, google::protobuf::FieldMask* mask) const {
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
    if (given(start_opt, "training_start") &&
        !ReadDay(training_start, p->mutable_training_start())) {
      UsageError(ctx, msg::kBadTrainingStart);
      return false;
    }
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wdeprecated-declarations"
    // The server stores a year as a start of training (the API's deprecated way).
    if (given(year_opt, "training_year")) p->set_training_year(training_year);
#pragma GCC diagnostic pop
    return true;
  }
};

}  // namespace

namespace {

void AddParticipantCreate(CLI::App* participant, Context& ctx) {
  auto* create = participant->add_subcommand("create", msg::kCreate);
  auto create_opts = std::make_shared<ParticipantOptions>();
  auto request_id = std::make_shared<std::string>();
  create_opts->AddTo(create, /*create=*/true);
  create->add_option("--request-id", *request_id, msg::kRequestIdOption);
  create->callback([&ctx, create_opts, request_id] {
    v1::CreateParticipantRequest request;
    if (!create_opts->Fill(ctx, request.mutable_participant(), nullptr)) return;
    request.set_request_id(request_id->empty() ? NewRequestId() : *request_id);
    v1::Participant response;
    auto& c = ctx.client();
    auto& stub = c.stub<v1::ParticipantService>();
    if (Check(ctx, c.Call(stub, &Stub::CreateParticipant, request, &response))) {
      PrintParticipant(ctx, response);
    }
  });
}

void AddParticipantList(CLI::App* participant, Context& ctx) {
  auto* list = participant->add_subcommand("list", msg::kList);
  auto list_org = std::make_shared<int64_t>(0);
  auto list_name = std::make_shared<std::string>();
  auto paging = std::make_shared<Paging>();
  list->add_option("--org", *list_org, msg::kParticipantOrgOption);
  list->add_option("--name", *list_name, msg::kParticipantNameFilterOption);
  paging->AddTo(list);
  list->callback([&ctx, list_org, list_name, paging] {
    auto& c = ctx.client();
    auto& stub = c.stub<v1::ParticipantService>();
    v1::ListParticipantsResponse all;
    v1::ListParticipantsRequest request;
    request.set_organization_id(*list_org);
    request.set_name(*list_name);
    grpc::Status status = ListAll(c, stub, &Stub::ListParticipants, request, *paging, &all);
    if (!Check(ctx, status)) return;
    if (c.json()) return c.PrintJson(all);
    if (all.participants_size() == 0) {
      ctx.out() << msg::kNoItems << "\n";
      return;
    }
    Table table({msg::kColId, msg::kColName, msg::kColEmail, msg::kColTargetGroups});
    for (const auto& p : all.participants()) {
      table.Add({std::to_string(p.id()), p.display_name(), p.email(), Groups(p)});
    }
    table.Print(ctx.out());
  });
}

void AddParticipantShow(CLI::App* participant, Context& ctx) {
  auto* show = participant->add_subcommand("show", msg::kShow);
  auto show_id = std::make_shared<int64_t>();
  show->add_option("id", *show_id, msg::kIdArg)->required();
  show->callback([&ctx, show_id] {
    v1::GetParticipantRequest request;
    request.set_id(*show_id);
    v1::Participant response;
    auto& c = ctx.client();
    auto& stub = c.stub<v1::ParticipantService>();
    if (Check(ctx, c.Call(stub, &Stub::GetParticipant, request, &response))) {
      PrintParticipant(ctx, response);
    }
  });
}

void AddParticipantUpdate(CLI::App* participant, Context& ctx) {
  auto* update = participant->add_subcommand("update", msg::kUpdate);
  auto update_id = std::make_shared<int64_t>();
  auto update_opts = std::make_shared<ParticipantOptions>();
  update->add_option("id", *update_id, msg::kIdArg)->required();
  update_opts->AddTo(update, /*create=*/false);
  update->callback([&ctx, update_id, update_opts] {
    v1::UpdateParticipantRequest request;
    request.mutable_participant()->set_id(*update_id);
    if (!update_opts->Fill(ctx, request.mutable_participant(), request.mutable_update_mask())) {
      return;
    }
    if (request.update_mask().paths_size() == 0) return UsageError(ctx, msg::kNothingToUpdate);
    v1::Participant response;
    auto& c = ctx.client();
    auto& stub = c.stub<v1::ParticipantService>();
    if (Check(ctx, c.Call(stub, &Stub::UpdateParticipant, request, &response))) {
      PrintParticipant(ctx, response);
    }
  });
}

void AddQualificationAdd(CLI::App* qualification, Context& ctx) {
  auto* add = qualification->add_subcommand("add", msg::kQualificationAdd);
  struct AddArgs {
    int64_t participant_id = 0;
    std::string title, note, request_id;
  };
  auto add_args = std::make_shared<AddArgs>();
  add->add_option("participant", add_args->participant_id, msg::kIdArg)->required();
  add->add_option("--title", add_args->title, msg::kQualificationTitleOption)->required();
  add->add_option("--note", add_args->note, msg::kQualificationNoteOption);
  add->add_option("--request-id", add_args->request_id, msg::kRequestIdOption);
  add->callback([&ctx, add_args] {
    v1::RecordQualificationRequest request;
    request.set_participant_id(add_args->participant_id);
    request.mutable_qualification()->set_title(add_args->title);
    request.mutable_qualification()->set_note(add_args->note);
    request.set_request_id(add_args->request_id.empty() ? NewRequestId() : add_args->request_id);
    v1::Qualification response;
    auto& c = ctx.client();
    auto& stub = c.stub<v1::ParticipantService>();
    if (!Check(ctx, c.Call(stub, &Stub::RecordQualification, request, &response))) return;
    if (c.json()) return c.PrintJson(response);
    ctx.out() << response.id() << "  " << response.title() << "\n";
  });
}

void AddQualificationList(CLI::App* qualification, Context& ctx) {
  auto* quals = qualification->add_subcommand("list", msg::kQualificationList);
  auto quals_id = std::make_shared<int64_t>();
  quals->add_option("participant", *quals_id, msg::kIdArg)->required();
  quals->callback([&ctx, quals_id] {
    v1::ListQualificationsRequest request;
    request.set_participant_id(*quals_id);
    v1::ListQualificationsResponse response;
    auto& c = ctx.client();
    auto& stub = c.stub<v1::ParticipantService>();
    if (!Check(ctx, c.Call(stub, &Stub::ListQualifications, request, &response))) return;
    if (c.json()) return c.PrintJson(response);
    if (response.qualifications_size() == 0) {
      ctx.out() << msg::kNoItems << "\n";
      return;
    }
    Table table({msg::kColId, msg::kColTitle, msg::kColRecorded, msg::kColNote});
    for (const auto& q : response.qualifications()) {
      table.Add({std::to_string(q.id()), q.title(), FormatLocal(q.record_time()), q.note()});
    }
    table.Print(ctx.out());
  });
}

void AddQualificationRemove(CLI::App* qualification, Context& ctx) {
  auto* remove = qualification->add_subcommand("remove", msg::kQualificationRemove);
  auto remove_participant = std::make_shared<int64_t>();
  auto remove_id = std::make_shared<int64_t>();
  remove->add_option("participant", *remove_participant, msg::kIdArg)->required();
  remove->add_option("qualification", *remove_id, msg::kQualificationIdArg)->required();
  remove->callback([&ctx, remove_participant, remove_id] {
    v1::DeleteQualificationRequest request;
    request.set_participant_id(*remove_participant);
    request.set_qualification_id(*remove_id);
    request.set_request_id(NewRequestId());
    v1::DeleteQualificationResponse response;
    auto& c = ctx.client();
    auto& stub = c.stub<v1::ParticipantService>();
    if (!Check(ctx, c.Call(stub, &Stub::DeleteQualification, request, &response))) return;
    if (c.json()) return c.PrintJson(response);
    ctx.out() << fmt::format(msg::kRemovedQualification, *remove_id) << "\n";
  });
}

}  // namespace

void AddParticipantCommands(CLI::App& app, Context& ctx) {
  CLI::App* participant =
      app.add_subcommand("participant", msg::kParticipantCommand)->require_subcommand(1);
  AddParticipantCreate(participant, ctx);
  AddParticipantList(participant, ctx);
  AddParticipantShow(participant, ctx);
  AddParticipantUpdate(participant, ctx);
  CLI::App* qualification = participant->add_subcommand("qualification", msg::kQualificationCommand)
                                ->require_subcommand(1);
  AddQualificationAdd(qualification, ctx);
  AddQualificationList(qualification, ctx);
  AddQualificationRemove(qualification, ctx);
}

}  // namespace trainhub::cli
