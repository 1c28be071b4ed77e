// trainhub series ..., trainhub module ..., trainhub session ...

#include <fmt/core.h>

#include "clients/cli/commands.h"
#include "clients/cli/format.h"
#include "clients/cli/messages.h"

namespace trainhub::cli {
namespace {

namespace v1 = ::trainhub::v1;
using Stub = v1::SeriesService::StubInterface;

std::string DateRange(const v1::Series& s) {
  if (!s.has_first_session_start()) return msg::kNone;
  auto day = [](const google::protobuf::Timestamp& t) {
    return absl::FormatTime("%d.%m.%Y", FromTimestamp(t), LocalZone());
  };
  const std::string first = day(s.first_session_start());
  const std::string last = day(s.last_session_end());
  return first == last ? first : first + "–" + last;
}

std::string JoinWords(const std::vector<std::string>& words) {
  std::string out;
  for (const auto& w : words) out += (out.empty() ? "" : ", ") + w;
  return out.empty() ? msg::kNone : out;
}

std::string OrganizationLabel(Client& c, int64_t id) {
  v1::GetOrganizationRequest request;
  request.set_id(id);
  v1::Organization org;
  if (!c.Call(c.organizations(), &v1::OrganizationService::StubInterface::GetOrganization, request,
              &org)
           .ok()) {
    return std::to_string(id);
  }
  return fmt::format("{} ({})", org.name(), id);
}

grpc::Status AllModules(Client& c, int64_t series_id, v1::ListModulesResponse* all) {
  v1::ListModulesRequest request;
  request.set_series_id(series_id);
  return ListAll(c, c.series(), &Stub::ListModules, request, Paging{}, all);
}

grpc::Status SessionsOf(Client& c, int64_t series_id, int64_t module_id, const Paging& paging,
                        v1::ListSessionsResponse* all) {
  v1::ListSessionsRequest request;
  request.set_series_id(series_id);
  request.set_module_id(module_id);
  return ListAll(c, c.series(), &Stub::ListSessions, request, paging, all);
}

void PrintModuleTable(std::ostream& out, const v1::ListModulesResponse& modules) {
  Table table({msg::kColPosition, msg::kColTitle, msg::kColUnits, msg::kColSessions, msg::kColId});
  for (const auto& m : modules.modules()) {
    table.Add({std::to_string(m.position()), m.title() + (m.mandatory() ? "" : msg::kOptionalMark),
               std::to_string(m.teaching_units()), std::to_string(m.session_count()),
               std::to_string(m.id())});
  }
  table.Print(out);
}

void PrintSeriesSummary(Context& ctx, const v1::Series& s) {
  if (ctx.client().json()) return ctx.client().PrintJson(s);
  ctx.out() << fmt::format(msg::kSeriesHeading, s.id(), s.title()) << "\n";
  PrintFields(ctx.out(), {{msg::kLabelKind, WordOf(SeriesKindWords(), s.kind())},
                          {msg::kLabelStatus, WordOf(SeriesStatusWords(), s.status())},
                          {msg::kLabelCapacity, std::to_string(s.capacity())},
                          {msg::kLabelSeats, fmt::format(msg::kSeatsValue, s.seats_taken(),
                                                         s.capacity(), s.waitlist_length())},
                          {msg::kLabelDates, DateRange(s)}});
}

void PrintSession(Context& ctx, const v1::Session& s) {
  if (ctx.client().json()) return ctx.client().PrintJson(s);
  ctx.out() << fmt::format(msg::kSessionHeading, s.id()) << "\n";
  std::vector<std::pair<std::string, std::string>> fields = {
      {msg::kLabelSeries, fmt::format("{} ({})", s.series_title(), s.series_id())},
      {msg::kLabelModule,
       fmt::format("{}. {} ({})", s.module_position(), s.module_title(), s.module_id())},
      {msg::kLabelWhen,
       fmt::format(msg::kLocalTimeSuffix, FormatRange(s.start_time(), s.end_time()))},
      {msg::kLabelPlace,
       s.place().name().empty() && s.place().address().empty()
           ? msg::kNone
           : s.place().name() + (s.place().address().empty() ? "" : ", " + s.place().address())}};
  for (const auto& b : s.trainers()) {
    fields.push_back(
        {msg::kLabelTrainers, fmt::format("{} ({}): {}", b.trainer_name(), b.trainer_id(),
                                          WordOf(BookingStatusWords(), b.status()))});
  }
  if (!s.note().empty()) fields.push_back({msg::kLabelNote, s.note()});
  PrintFields(ctx.out(), fields);
}

// Reads --start/--end style options; false (with a usage error) when bad.
bool ReadTime(Context& ctx, CLI::Option* opt, const std::string& text,
              google::protobuf::Timestamp* out) {
  std::string error;
  std::optional<absl::Time> t = ParseUserTime(text, opt->get_name(), &error);
  if (!t) {
    UsageError(ctx, error);
    return false;
  }
  SetTimestamp(*t, out);
  return true;
}

// The series' enrolment rules as labelled lines.
void AddEnrolmentRules(const v1::Series& s,
                       std::vector<std::pair<std::string, std::string>>& fields) {
  if (s.requires_approval()) fields.push_back({msg::kLabelApproval, msg::kApprovalRequired});
  if (s.requires_confirmation()) {
    fields.push_back(
        {msg::kLabelConfirmation,
         s.has_confirmation_deadline()
             ? fmt::format(msg::kConfirmationRequired, FormatLocal(s.confirmation_deadline()))
             : std::string(msg::kConfirmationRequiredNoDeadline)});
  }
  if (s.has_enrolment_deadline()) {
    fields.push_back({msg::kLabelEnrolmentUntil, FormatLocal(s.enrolment_deadline())});
  }
  if (!s.awards_qualification().empty()) {
    fields.push_back({msg::kLabelAwards, s.awards_qualification()});
  }
  if (!s.required_qualification().empty()) {
    fields.push_back({msg::kLabelRequires, s.required_qualification()});
  }
}

// Options naming series fields, shared by create and update.
struct SeriesOptions {
  std::string title, kind, description, status;
  int64_t organization_id = 0;
  int capacity = 0;
  std::vector<int64_t> partners;
  std::vector<std::string> groups;
  bool no_partners = false, no_groups = false, partners_may_plan = false;
  bool requires_approval = false, requires_confirmation = false;
  std::string confirmation_deadline, enrolment_deadline, awards, required;
  CLI::Option *title_opt, *kind_opt, *description_opt, *org_opt, *capacity_opt, *partner_opt,
      *group_opt, *partners_may_plan_opt, *status_opt = nullptr, *no_partners_opt = nullptr,
                                          *no_groups_opt = nullptr;
  CLI::Option *approval_opt, *confirmation_opt, *confirmation_deadline_opt, *enrolment_deadline_opt,
      *awards_opt, *requires_opt;

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

struct SessionOptions {
  std::string start, end, place, address, note;
  std::vector<int64_t> trainers;
  bool no_trainers = false, allow_overlap = false;
  CLI::Option *start_opt, *end_opt, *place_opt, *address_opt, *note_opt, *trainer_opt,
      *no_trainers_opt = nullptr;

  void AddTo(CLI::App* cmd, bool create) {
    start_opt = cmd->add_option("--start", start, msg::kStartOption)
                    ->description(std::string(msg::kStartOption) + ": " + msg::kTimeFormatsHelp);
    end_opt = cmd->add_option("--end", end, msg::kEndOption);
    place_opt = cmd->add_option("--place", place, msg::kPlaceOption);
    address_opt = cmd->add_option("--address", address, msg::kAddressOption);
    trainer_opt = cmd->add_option("--trainer", trainers, msg::kTrainerOption);
    note_opt = cmd->add_option("--note", note, msg::kNoteOption);
    cmd->add_flag("--allow-overlap", allow_overlap, msg::kAllowOverlapOption);
    if (create) {
      start_opt->required();
      end_opt->required();
    } else {
      no_trainers_opt = cmd->add_flag("--no-trainers", no_trainers, msg::kNoTrainersOption);
    }
  }

  // Fills `s`; `current` supplies the half of the place not given. False
  // after a usage error.
  bool Fill(Context& ctx, v1::Session* s, const v1::Session* current,
            google::protobuf::FieldMask* mask) const {
    auto given = [&](CLI::Option* opt) { return opt != nullptr && opt->count() > 0; };
    if (given(start_opt)) {
      if (!ReadTime(ctx, start_opt, start, s->mutable_start_time())) return false;
      if (mask) mask->add_paths("start_time");
    }
    if (given(end_opt)) {
      if (!ReadTime(ctx, end_opt, end, s->mutable_end_time())) return false;
      if (mask) mask->add_paths("end_time");
    }
    if (given(place_opt) || given(address_opt)) {
      if (current) *s->mutable_place() = current->place();
      if (given(place_opt)) s->mutable_place()->set_name(place);
      if (given(address_opt)) s->mutable_place()->set_address(address);
      if (mask) mask->add_paths("place");
    }
    if (given(trainer_opt) || given(no_trainers_opt)) {
      for (int64_t id : trainers) s->add_trainers()->set_trainer_id(id);
      if (mask) mask->add_paths("trainers");
    }
    if (given(note_opt)) {
      s->set_note(note);
      if (mask) mask->add_paths("note");
    }
    return true;
  }
};

}  // namespace

std::string SessionStatusMark(const v1::Session& session) {
  return session.series_status() == v1::SERIES_STATUS_CANCELLED ? msg::kCancelledMark : "";
}

std::string TrainerSummary(const v1::Session& session) {
  std::string out;
  for (const auto& b : session.trainers()) {
    const char* mark = b.status() == v1::BOOKING_STATUS_CONFIRMED  ? "✓ "
                       : b.status() == v1::BOOKING_STATUS_DECLINED ? "✗ "
                                                                   : "? ";
    out += (out.empty() ? "" : ", ") + (mark + b.trainer_name());
  }
  return out.empty() ? msg::kNone : out;
}

void PrintSessionTable(std::ostream& out,
                       const google::protobuf::RepeatedPtrField<v1::Session>& sessions,
                       bool with_series) {
  if (with_series) {
    // Across series there is no room for columns: three lines per session.
    out << fmt::format("{:<4}{}", msg::kColId, msg::kColWhen) << "\n";
    // Long titles wrap onto further lines (indented); nothing is cut.
    const auto print_wrapped = [&out](const std::string& text) {
      bool first = true;
      for (const std::string& line : WrapText(text, 76)) {
        out << (first ? "" : "      ") << line << "\n";
        first = false;
      }
    };
    for (const auto& s : sessions) {
      const std::string place = s.place().name().empty() ? msg::kNone : s.place().name();
      print_wrapped(fmt::format("{:<4}{}{}", s.id(), FormatRange(s.start_time(), s.end_time()),
                                SessionStatusMark(s)));
      print_wrapped(fmt::format(msg::kScheduleModuleLine, s.series_title(), s.module_position(),
                                s.module_title()));
      print_wrapped(fmt::format(msg::kSchedulePlaceLine, place, TrainerSummary(s)));
    }
    return;
  }
  Table table({msg::kColId, msg::kColWhen, msg::kColModule, msg::kColPlace, msg::kColTrainers});
  table.KeepWidth(0);
  for (const auto& s : sessions) {
    table.Add({std::to_string(s.id()),
               FormatRange(s.start_time(), s.end_time()) + SessionStatusMark(s),
               fmt::format("{}. {}", s.module_position(), s.module_title()),
               s.place().name().empty() ? msg::kNone : s.place().name(), TrainerSummary(s)});
  }
  table.Print(out);
}

void AddSeriesCommands(CLI::App& app, Context& ctx) {
  CLI::App* series = app.add_subcommand("series", msg::kSeriesCommand)->require_subcommand(1);

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
    if (Check(ctx, c.Call(c.series(), &Stub::CreateSeries, request, &response))) {
      PrintSeriesSummary(ctx, response);
    }
  });

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
    grpc::Status status =
        ListAll(c, c.series(), &Stub::ListSeries, request, list_opts->paging, &all);
    if (!Check(ctx, status)) return;
    if (c.json()) return c.PrintJson(all);
    Table table({msg::kColId, msg::kColTitle, msg::kColStatus, msg::kColDates, msg::kColModules});
    for (const auto& s : all.series()) {
      table.Add({std::to_string(s.id()), s.title(), WordOf(SeriesStatusWords(), s.status()),
                 DateRange(s), std::to_string(s.module_count())});
    }
    table.Print(ctx.out());
  });

  auto* show = series->add_subcommand("show", msg::kShow);
  auto show_id = std::make_shared<int64_t>();
  show->add_option("id", *show_id, msg::kIdArg)->required();
  show->callback([&ctx, show_id] {
    auto& c = ctx.client();
    v1::GetSeriesRequest request;
    request.set_id(*show_id);
    v1::Series s;
    if (!Check(ctx, c.Call(c.series(), &Stub::GetSeries, request, &s))) return;
    v1::ListModulesResponse modules;
    if (!Check(ctx, AllModules(c, s.id(), &modules))) return;
    v1::ListSessionsResponse sessions;
    if (!Check(ctx, SessionsOf(c, s.id(), 0, Paging{}, &sessions))) return;
    if (c.json()) {
      ctx.out() << "{\"series\":" << ToJson(s) << ",\"modules\":" << ToJson(modules)
                << ",\"sessions\":" << ToJson(sessions) << "}\n";
      return;
    }
    ctx.out() << fmt::format(msg::kSeriesHeading, s.id(), s.title()) << "\n";
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
    if (Check(ctx, c.Call(c.series(), &Stub::UpdateSeries, request, &response))) {
      PrintSeriesSummary(ctx, response);
    }
  });

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
    if (Check(ctx, c.Call(c.series(), &Stub::CancelSeries, request, &response))) {
      PrintSeriesSummary(ctx, response);
    }
  });

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
    if (Check(ctx, c.Call(c.series(), &Stub::DeleteSeries, request, &response))) {
      if (c.json()) return c.PrintJson(response);
      ctx.out() << fmt::format(msg::kDeletedSeries, *delete_id) << "\n";
    }
  });
}

void AddModuleCommands(CLI::App& app, Context& ctx) {
  CLI::App* module = app.add_subcommand("module", msg::kModuleCommand)->require_subcommand(1);

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
    if (!Check(ctx, c.Call(c.series(), &Stub::CreateModule, request, &response))) return;
    if (c.json()) return c.PrintJson(response);
    ctx.out() << fmt::format(msg::kModuleCreated, response.position(), response.title(),
                             response.id())
              << "\n";
  });

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
    if (!Check(ctx, c.Call(c.series(), &Stub::UpdateModule, request, &response))) return;
    if (c.json()) return c.PrintJson(response);
    ctx.out() << fmt::format(msg::kModuleLine, response.position(), response.title()) << "\n";
  });

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
    if (!Check(ctx, c.Call(c.series(), &Stub::MoveModule, request, &response))) return;
    if (c.json()) return c.PrintJson(response);
    PrintModuleTable(ctx.out(), response);
  });

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
    if (!Check(ctx, c.Call(c.series(), &Stub::DeleteModule, request, &response))) return;
    if (c.json()) return c.PrintJson(response);
    ctx.out() << fmt::format(msg::kDeletedModule, remove_opts->module_id) << "\n";
  });
}

void AddSessionCommands(CLI::App& app, Context& ctx) {
  CLI::App* session = app.add_subcommand("session", msg::kSessionCommand)->require_subcommand(1);

  struct AddOptions {
    int64_t series_id = 0, module_id = 0;
    std::string request_id;
    SessionOptions fields;
  };
  auto add_opts = std::make_shared<AddOptions>();
  auto* add = session->add_subcommand("add", msg::kAddSession);
  add->add_option("series", add_opts->series_id, msg::kSeriesIdArg)->required();
  add->add_option("module", add_opts->module_id, msg::kModuleIdArg)->required();
  add_opts->fields.AddTo(add, /*create=*/true);
  add->add_option("--request-id", add_opts->request_id, msg::kRequestIdOption);
  add->callback([&ctx, add_opts] {
    v1::CreateSessionRequest request;
    request.set_series_id(add_opts->series_id);
    request.set_module_id(add_opts->module_id);
    request.set_allow_overlap(add_opts->fields.allow_overlap);
    request.set_request_id(add_opts->request_id.empty() ? NewRequestId() : add_opts->request_id);
    if (!add_opts->fields.Fill(ctx, request.mutable_session(), nullptr, nullptr)) return;
    v1::Session response;
    auto& c = ctx.client();
    if (Check(ctx, c.Call(c.series(), &Stub::CreateSession, request, &response))) {
      PrintSession(ctx, response);
    }
  });

  struct ListOptions {
    int64_t series_id = 0, module_id = 0;
    Paging paging;
  };
  auto list_opts = std::make_shared<ListOptions>();
  auto* list = session->add_subcommand("list", msg::kList);
  list->add_option("series", list_opts->series_id, msg::kSeriesIdArg)->required();
  list->add_option("--module", list_opts->module_id, msg::kModuleFilterOption);
  list_opts->paging.AddTo(list);
  list->callback([&ctx, list_opts] {
    auto& c = ctx.client();
    v1::ListSessionsResponse all;
    if (!Check(ctx, SessionsOf(c, list_opts->series_id, list_opts->module_id, list_opts->paging,
                               &all))) {
      return;
    }
    if (c.json()) return c.PrintJson(all);
    PrintSessionTable(ctx.out(), all.sessions(), false);
  });

  auto* show = session->add_subcommand("show", msg::kShow);
  auto show_id = std::make_shared<int64_t>();
  show->add_option("id", *show_id, msg::kIdArg)->required();
  show->callback([&ctx, show_id] {
    v1::GetSessionRequest request;
    request.set_id(*show_id);
    v1::Session response;
    auto& c = ctx.client();
    if (Check(ctx, c.Call(c.series(), &Stub::GetSession, request, &response))) {
      PrintSession(ctx, response);
    }
  });

  struct UpdateOptions {
    int64_t id = 0;
    SessionOptions fields;
  };
  auto update_opts = std::make_shared<UpdateOptions>();
  auto* update = session->add_subcommand("update", msg::kUpdate);
  update->add_option("id", update_opts->id, msg::kIdArg)->required();
  update_opts->fields.AddTo(update, /*create=*/false);
  update->callback([&ctx, update_opts] {
    auto& c = ctx.client();
    v1::GetSessionRequest get;
    get.set_id(update_opts->id);
    v1::Session current;
    if (!Check(ctx, c.Call(c.series(), &Stub::GetSession, get, &current))) return;
    v1::UpdateSessionRequest request;
    request.mutable_session()->set_id(update_opts->id);
    request.set_allow_overlap(update_opts->fields.allow_overlap);
    if (!update_opts->fields.Fill(ctx, request.mutable_session(), &current,
                                  request.mutable_update_mask())) {
      return;
    }
    if (request.update_mask().paths_size() == 0) return UsageError(ctx, msg::kNothingToUpdate);
    v1::Session response;
    if (Check(ctx, c.Call(c.series(), &Stub::UpdateSession, request, &response))) {
      PrintSession(ctx, response);
    }
  });

  struct BookingOptions {
    int64_t session_id = 0, trainer_id = 0;
    std::string status;
    bool allow_overlap = false;
  };
  auto booking_opts = std::make_shared<BookingOptions>();
  auto* booking = session->add_subcommand("booking", msg::kBooking);
  booking->add_option("session", booking_opts->session_id, msg::kSessionIdArg)->required();
  booking->add_option("trainer", booking_opts->trainer_id, msg::kTrainerIdArg)->required();
  booking->add_option("status", booking_opts->status, msg::kBookingStatusArg)
      ->required()
      ->check(CLI::IsMember(BookingStatusWords()));
  booking->add_flag("--allow-overlap", booking_opts->allow_overlap, msg::kAllowOverlapOption);
  booking->callback([&ctx, booking_opts] {
    v1::SetBookingStatusRequest request;
    request.set_session_id(booking_opts->session_id);
    request.set_trainer_id(booking_opts->trainer_id);
    request.set_status(BookingStatusWords().at(booking_opts->status));
    request.set_allow_overlap(booking_opts->allow_overlap);
    v1::Session response;
    auto& c = ctx.client();
    if (Check(ctx, c.Call(c.series(), &Stub::SetBookingStatus, request, &response))) {
      PrintSession(ctx, response);
    }
  });

  auto* remove = session->add_subcommand("delete", msg::kDeleteSession);
  auto delete_id = std::make_shared<int64_t>();
  remove->add_option("id", *delete_id, msg::kIdArg)->required();
  remove->callback([&ctx, delete_id] {
    v1::DeleteSessionRequest request;
    request.set_id(*delete_id);
    v1::DeleteSessionResponse response;
    auto& c = ctx.client();
    if (!Check(ctx, c.Call(c.series(), &Stub::DeleteSession, request, &response))) return;
    if (c.json()) return c.PrintJson(response);
    ctx.out() << fmt::format(msg::kDeletedSession, *delete_id) << "\n";
  });
}

}  // namespace trainhub::cli
