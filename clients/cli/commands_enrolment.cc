// trainhub enrolment ..., trainhub roster, trainhub import ...

#include <fmt/core.h>

#include <fstream>
#include <regex>
#include <sstream>

#include "clients/cli/commands.h"
#include "clients/cli/format.h"
#include "clients/cli/messages.h"
#include "trainhub/v1/enrolment.grpc.pb.h"
#include "trainhub/v1/participant.grpc.pb.h"

namespace trainhub::cli {
namespace {

namespace v1 = ::trainhub::v1;
using Stub = v1::EnrolmentService::StubInterface;

std::string StateText(const v1::Enrolment& e) {
  if (e.state() == v1::ENROLMENT_STATE_WAITLISTED) {
    return fmt::format(msg::kWaitlistState, e.waitlist_position());
  }
  return WordOf(EnrolmentStateWords(), e.state());
}

std::string PersonText(const v1::Enrolment& e) {
  return fmt::format("{} ({})", e.participant_name(), e.participant_id());
}

void PrintEnrolment(Context& ctx, const v1::Enrolment& e) {
  if (ctx.client().json()) return ctx.client().PrintJson(e);
  PrintWrapped(ctx.out(),
               fmt::format(msg::kEnrolmentHeading, e.id(), e.participant_name(), e.series_title()));
  std::vector<std::pair<std::string, std::string>> fields = {
      {msg::kLabelState, StateText(e)},
      {msg::kLabelParticipant, PersonText(e)},
      {msg::kLabelSeries, std::to_string(e.series_id())},
      {msg::kLabelRequested, FormatLocal(e.request_time())}};
  if (e.has_seat_time()) fields.push_back({msg::kLabelSeatSince, FormatLocal(e.seat_time())});
  if (e.eligibility_overridden()) fields.push_back({msg::kLabelOverride, msg::kOverridden});
  if (!e.note().empty()) fields.push_back({msg::kLabelNote, e.note()});
  if (!e.requirement_unmet().empty()) {
    fields.push_back({msg::kLabelRequirement, e.requirement_unmet()});
  }
  PrintFields(ctx.out(), fields);
}

void PrintEnrolmentTable(std::ostream& out,
                         const google::protobuf::RepeatedPtrField<v1::Enrolment>& enrolments,
                         bool with_series) {
  std::vector<std::string> headings = {msg::kColId, msg::kColParticipant, msg::kColState,
                                       msg::kColRequested};
  if (with_series) headings.push_back(msg::kColSeries);
  Table table(headings);
  for (const auto& e : enrolments) {
    std::vector<std::string> row = {std::to_string(e.id()), PersonText(e), StateText(e),
                                    FormatLocal(e.request_time())};
    if (with_series) row.push_back(fmt::format("{} ({})", e.series_title(), e.series_id()));
    table.Add(std::move(row));
  }
  table.Print(out);
  // Enrolments that no longer meet their series' requirement, with the reason.
  for (const auto& e : enrolments) {
    if (e.requirement_unmet().empty()) continue;
    out << fmt::format(msg::kRequirementUnmetLine, e.id(), e.participant_name(),
                       e.requirement_unmet())
        << "\n";
  }
}

// Fetches every page (or the one asked for) of ListEnrolments.
grpc::Status ListEnrolments(Context& ctx, const Paging& paging,
                            const v1::ListEnrolmentsRequest& request,
                            v1::ListEnrolmentsResponse* all) {
  auto& c = ctx.client();
  auto& stub = c.stub<v1::EnrolmentService>();
  return ListAll(c, stub, &Stub::ListEnrolments, request, paging, all);
}

// A command taking one enrolment id (and optionally a reason) that
// answers the changed enrolment.
template <typename Request>
void AddEnrolmentChange(CLI::App* parent, Context& ctx, const char* name, const char* help,
                        grpc::Status (Stub::*method)(grpc::ClientContext*, const Request&,
                                                     v1::Enrolment*),
                        bool with_reason) {
  auto* cmd = parent->add_subcommand(name, help);
  auto id = std::make_shared<int64_t>();
  auto reason = std::make_shared<std::string>();
  auto request_id = std::make_shared<std::string>();
  cmd->add_option("id", *id, msg::kEnrolmentIdArg)->required();
  if (with_reason) cmd->add_option("--reason", *reason, msg::kRequiredReasonOption)->required();
  cmd->add_option("--request-id", *request_id, msg::kRequestIdOption);
  cmd->callback([&ctx, method, id, reason, request_id] {
    Request request;
    request.set_id(*id);
    if constexpr (requires { request.set_reason(std::string()); }) request.set_reason(*reason);
    request.set_request_id(request_id->empty() ? NewRequestId() : *request_id);
    v1::Enrolment response;
    auto& c = ctx.client();
    auto& stub = c.stub<v1::EnrolmentService>();
    if (Check(ctx, c.Call(stub, method, request, &response))) PrintEnrolment(ctx, response);
  });
}

// ImportParticipantsRequest.csv's documented limit (docs/api.md).
constexpr size_t kMaxImportFileBytes = 4 * 1024 * 1024 - 64 * 1024;

std::optional<std::string> ReadFile(Context& ctx, const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    UsageError(ctx, fmt::format(msg::kCannotRead, path));
    return std::nullopt;
  }
  std::stringstream bytes;
  bytes << in.rdbuf();
  return bytes.str();
}

struct ImportOptions {
  std::string file;
  int64_t organization_id = 0, series_id = 0;
  std::vector<std::string> default_groups;
  bool dry_run = false, good_rows_only = false, override_eligibility = false;
  std::string request_id;

  void AddTo(CLI::App* cmd, bool with_series) {
    if (with_series) cmd->add_option("series", series_id, msg::kSeriesIdArg)->required();
    cmd->add_option("file", file, msg::kFileArg)->required();
    cmd->add_option("--org", organization_id, msg::kImportOrgOption)->required();
    if (!with_series) cmd->add_option("--series", series_id, msg::kImportSeriesOption);
    cmd->add_option("--default-target-group", default_groups, msg::kDefaultGroupOption)
        ->check(CLI::IsMember(TargetGroupWords()));
    cmd->add_flag("--dry-run", dry_run, msg::kDryRunOption);
    cmd->add_flag("--good-rows-only", good_rows_only, msg::kGoodRowsOption);
    cmd->add_flag("--override-eligibility", override_eligibility, msg::kOverrideOption);
    cmd->add_option("--request-id", request_id, msg::kRequestIdOption);
  }
};

// A refused import's bad rows (violations "csv line 4 E-Mail"), as the dry
// run lists them; false when `status` is not such a refusal.
bool ReportRefusedRows(Context& ctx, const std::string& file, const grpc::Status& status) {
  if (status.error_code() != grpc::StatusCode::INVALID_ARGUMENT) return false;
  v1::ErrorDetails details;
  if (!details.ParseFromString(status.error_details())) return false;
  static const std::regex kRow(R"(^csv line (\d+)(?: (.+))?$)");
  std::vector<std::string> lines;
  bool rows = false;
  for (const auto& v : details.field_violations()) {
    std::smatch m;
    if (v.field() == "accept_good_rows") continue;  // said below, with the flag
    const std::string& description = DescriptionOf(v);
    if (std::regex_match(v.field(), m, kRow)) {
      rows = true;
      lines.push_back(fmt::format(msg::kImportProblem, m[1].str(),
                                  m[2].matched ? " (" + m[2].str() + ")" : "", description));
    } else {
      lines.push_back("  " + InCliWords(v.field() + ": " + description));
    }
  }
  if (!rows) return false;
  ctx.err() << msg::kErrorPrefix << fmt::format(msg::kImportRefused, file) << "\n";
  for (const std::string& line : lines) PrintWrapped(ctx.err(), line);
  PrintWrapped(ctx.err(), msg::kImportGoodRowsHint);
  ctx.exit_code = kExitRejected;
  return true;
}

void RunImport(Context& ctx, const ImportOptions& o) {
  std::optional<std::string> bytes = ReadFile(ctx, o.file);
  if (!bytes) return;
  if (bytes->size() > kMaxImportFileBytes) {
    ctx.err() << msg::kErrorPrefix
              << fmt::format(msg::kImportTooLarge, o.file, bytes->size(), kMaxImportFileBytes)
              << "\n";
    ctx.exit_code = kExitRejected;
    return;
  }
  v1::ImportParticipantsRequest request;
  request.set_organization_id(o.organization_id);
  request.set_csv(*std::move(bytes));
  request.set_series_id(o.series_id);
  for (const auto& g : o.default_groups) {
    request.add_default_target_groups(TargetGroupWords().at(g));
  }
  request.set_dry_run(o.dry_run);
  request.set_accept_good_rows(o.good_rows_only);
  request.set_override_eligibility(o.override_eligibility);
  if (!o.dry_run) request.set_request_id(o.request_id.empty() ? NewRequestId() : o.request_id);
  v1::ImportParticipantsResponse response;
  auto& c = ctx.client();
  auto& stub = c.stub<v1::ParticipantService>();
  // The file is named by its name in refusals ("csv" is the API's word).
  ctx.printer().NameArgument("csv", o.file);
  const grpc::Status status =
      c.Call(stub, &v1::ParticipantService::StubInterface::ImportParticipants, request, &response);
  if (ReportRefusedRows(ctx, o.file, status)) return;
  if (!Check(ctx, status)) return;
  // A dry run that found problems answers like a refused import, in JSON too.
  if (o.dry_run && response.problems_size() > 0) ctx.exit_code = kExitRejected;
  if (c.json()) return c.PrintJson(response);
  if (response.repeated()) {
    ctx.out() << msg::kImportRepeated << "\n";
    return;
  }
  for (const auto& row : response.imported()) {
    std::string state;
    if (row.enrolment_state() != v1::ENROLMENT_STATE_UNSPECIFIED) {
      state = row.enrolment_state() == v1::ENROLMENT_STATE_WAITLISTED
                  ? fmt::format(msg::kWaitlistState, row.waitlist_position())
                  : WordOf(EnrolmentStateWords(), row.enrolment_state());
    }
    if (o.dry_run) {
      // Ids of a dry run name nothing that exists.
      const std::string enrolment = state.empty() ? "" : fmt::format(msg::kWouldEnrol, state);
      PrintWrapped(ctx.out(), row.created() ? fmt::format(msg::kWouldImportNew, row.line(),
                                                          row.display_name(), enrolment)
                                            : fmt::format(msg::kWouldImportExisting, row.line(),
                                                          row.display_name(), row.participant_id(),
                                                          enrolment));
      continue;
    }
    const std::string enrolment =
        state.empty() ? "" : fmt::format(msg::kImportedEnrolment, row.enrolment_id(), state);
    PrintWrapped(ctx.out(), fmt::format(msg::kImportedRow, row.line(), row.display_name(),
                                        row.participant_id(),
                                        row.created() ? "" : msg::kImportedExisting, enrolment));
  }
  std::set<int> bad_lines;
  for (const auto& p : response.problems()) {
    bad_lines.insert(p.line());
    PrintWrapped(ctx.out(),
                 fmt::format(msg::kImportProblem, p.line(),
                             p.column().empty() ? "" : " (" + p.column() + ")",
                             p.has_localized_reason() ? p.localized_reason().message()
                                                      : p.reason()));
  }
  PrintWrapped(ctx.out(),
               fmt::format(fmt::runtime(o.dry_run ? msg::kImportDrySummary : msg::kImportSummary),
                           response.rows(), response.imported_size(), bad_lines.size()));
}

}  // namespace

namespace {

void AddEnrolmentRequest(CLI::App* enrolment, Context& ctx) {
  auto* request = enrolment->add_subcommand("request", msg::kEnrolmentRequest);
  struct RequestArgs {
    int64_t series_id = 0, participant_id = 0;
    bool override_eligibility = false;
    std::string note, request_id;
  };
  auto args = std::make_shared<RequestArgs>();
  request->add_option("series", args->series_id, msg::kSeriesIdArg)->required();
  request->add_option("participant", args->participant_id, msg::kParticipantIdArg);
  request->add_flag("--override-eligibility", args->override_eligibility, msg::kOverrideOption);
  request->add_option("--note", args->note, msg::kHistoryNoteOption);
  request->add_option("--request-id", args->request_id, msg::kRequestIdOption);
  request->callback([&ctx, args] {
    v1::RequestEnrolmentRequest r;
    r.set_series_id(args->series_id);
    r.set_participant_id(args->participant_id);
    r.set_override_eligibility(args->override_eligibility);
    r.set_note(args->note);
    r.set_request_id(args->request_id.empty() ? NewRequestId() : args->request_id);
    v1::Enrolment response;
    auto& c = ctx.client();
    auto& stub = c.stub<v1::EnrolmentService>();
    if (Check(ctx, c.Call(stub, &Stub::RequestEnrolment, r, &response))) {
      PrintEnrolment(ctx, response);
    }
  });
}

void AddEnrolmentCohort(CLI::App* enrolment, Context& ctx) {
  auto* cohort = enrolment->add_subcommand("cohort", msg::kEnrolmentCohort);
  struct CohortArgs {
    int64_t series_id = 0, organization_id = 0;
    std::vector<int64_t> participants;
    std::string group, request_id;
    int training_year = 0;
    bool override_eligibility = false;
  };
  auto cargs = std::make_shared<CohortArgs>();
  cohort->add_option("series", cargs->series_id, msg::kSeriesIdArg)->required();
  cohort->add_option("--participant", cargs->participants, msg::kCohortParticipantOption);
  cohort->add_option("--org", cargs->organization_id, msg::kCohortOrgOption);
  cohort->add_option("--target-group", cargs->group, msg::kCohortGroupOption)
      ->check(CLI::IsMember(TargetGroupWords()));
  cohort->add_option("--training-year", cargs->training_year, msg::kCohortYearOption);
  cohort->add_flag("--override-eligibility", cargs->override_eligibility, msg::kOverrideOption);
  cohort->add_option("--request-id", cargs->request_id, msg::kRequestIdOption);
  cohort->callback([&ctx, cargs] {
    v1::EnrolCohortRequest r;
    r.set_series_id(cargs->series_id);
    for (int64_t id : cargs->participants) r.add_participant_ids(id);
    r.set_organization_id(cargs->organization_id);
    if (!cargs->group.empty()) r.set_target_group(TargetGroupWords().at(cargs->group));
    r.set_training_year(cargs->training_year);
    r.set_override_eligibility(cargs->override_eligibility);
    r.set_request_id(cargs->request_id.empty() ? NewRequestId() : cargs->request_id);
    v1::EnrolCohortResponse response;
    auto& c = ctx.client();
    auto& stub = c.stub<v1::EnrolmentService>();
    if (!Check(ctx, c.Call(stub, &Stub::EnrolCohort, r, &response))) return;
    if (c.json()) return c.PrintJson(response);
    ctx.out() << fmt::format(msg::kCohortDone, response.enrolments_size()) << "\n";
    PrintEnrolmentTable(ctx.out(), response.enrolments(), false);
  });
}

void AddEnrolmentRelease(CLI::App* enrolment, Context& ctx) {
  AddEnrolmentChange<v1::ApproveEnrolmentRequest>(enrolment, ctx, "approve", msg::kEnrolmentApprove,
                                                  &Stub::ApproveEnrolment, false);
  AddEnrolmentChange<v1::RejectEnrolmentRequest>(enrolment, ctx, "reject", msg::kEnrolmentReject,
                                                 &Stub::RejectEnrolment, true);
  AddEnrolmentChange<v1::ConfirmEnrolmentRequest>(enrolment, ctx, "confirm", msg::kEnrolmentConfirm,
                                                  &Stub::ConfirmEnrolment, false);
  AddEnrolmentChange<v1::WithdrawEnrolmentRequest>(
      enrolment, ctx, "withdraw", msg::kEnrolmentWithdraw, &Stub::WithdrawEnrolment, true);

  auto* release = enrolment->add_subcommand("release", msg::kEnrolmentRelease);
  auto release_series = std::make_shared<int64_t>();
  auto release_reason = std::make_shared<std::string>();
  auto release_id = std::make_shared<std::string>();
  release->add_option("series", *release_series, msg::kSeriesIdArg)->required();
  release->add_option("--reason", *release_reason, msg::kReleaseReasonOption);
  release->add_option("--request-id", *release_id, msg::kRequestIdOption);
  release->callback([&ctx, release_series, release_reason, release_id] {
    v1::ReleaseUnconfirmedSeatsRequest r;
    r.set_series_id(*release_series);
    r.set_reason(*release_reason);
    r.set_request_id(release_id->empty() ? NewRequestId() : *release_id);
    v1::ReleaseUnconfirmedSeatsResponse response;
    auto& c = ctx.client();
    auto& stub = c.stub<v1::EnrolmentService>();
    if (!Check(ctx, c.Call(stub, &Stub::ReleaseUnconfirmedSeats, r, &response))) return;
    if (c.json()) return c.PrintJson(response);
    if (response.released_size() == 0) ctx.out() << msg::kNothingReleased << "\n";
    for (const auto& e : response.released()) {
      PrintWrapped(ctx.out(), fmt::format(msg::kReleasedLine, e.participant_name(),
                                          e.participant_id(), e.id()));
    }
    for (const auto& e : response.promoted()) {
      PrintWrapped(ctx.out(), fmt::format(msg::kPromotedLine, e.participant_name(),
                                          e.participant_id(), e.id()));
    }
  });
}

void AddEnrolmentList(CLI::App* enrolment, Context& ctx) {
  auto* list = enrolment->add_subcommand("list", msg::kEnrolmentList);
  struct ListArgs {
    int64_t series_id = 0, participant_id = 0;
    std::vector<std::string> states;
    bool unconfirmed = false;
    bool requirement_unmet = false;
    Paging paging;
  };
  auto largs = std::make_shared<ListArgs>();
  list->add_option("--series", largs->series_id, msg::kSeriesFilterOption);
  list->add_option("--participant", largs->participant_id, msg::kParticipantFilterOption);
  auto* state_opt = list->add_option("--state", largs->states, msg::kStateFilterOption)
                        ->check(CLI::IsMember(EnrolmentStateWords()));
  list->add_flag("--unconfirmed", largs->unconfirmed, msg::kUnconfirmedOption)->excludes(state_opt);
  list->add_flag("--requirement-unmet", largs->requirement_unmet, msg::kRequirementUnmetOption);
  largs->paging.AddTo(list);
  list->callback([&ctx, largs] {
    v1::ListEnrolmentsRequest r;
    r.set_series_id(largs->series_id);
    r.set_participant_id(largs->participant_id);
    for (const auto& s : largs->states) r.add_states(EnrolmentStateWords().at(s));
    // A seat that still waits for its binding confirmation.
    if (largs->unconfirmed) r.add_states(v1::ENROLMENT_STATE_ENROLLED);
    r.set_requirement_unmet(largs->requirement_unmet);
    v1::ListEnrolmentsResponse all;
    if (!Check(ctx, ListEnrolments(ctx, largs->paging, r, &all))) return;
    if (ctx.client().json()) return ctx.client().PrintJson(all);
    if (all.enrolments_size() == 0) {
      ctx.out() << msg::kNoItems << "\n";
      return;
    }
    PrintEnrolmentTable(ctx.out(), all.enrolments(), largs->series_id == 0);
  });
}

void AddEnrolmentShow(CLI::App* enrolment, Context& ctx) {
  auto* show = enrolment->add_subcommand("show", msg::kShow);
  auto show_id = std::make_shared<int64_t>();
  show->add_option("id", *show_id, msg::kEnrolmentIdArg)->required();
  show->callback([&ctx, show_id] {
    v1::GetEnrolmentRequest r;
    r.set_id(*show_id);
    v1::Enrolment response;
    auto& c = ctx.client();
    auto& stub = c.stub<v1::EnrolmentService>();
    if (Check(ctx, c.Call(stub, &Stub::GetEnrolment, r, &response))) {
      PrintEnrolment(ctx, response);
    }
  });
}

void AddEnrolmentHistory(CLI::App* enrolment, Context& ctx) {
  auto* history = enrolment->add_subcommand("history", msg::kEnrolmentHistory);
  auto history_id = std::make_shared<int64_t>();
  auto history_paging = std::make_shared<Paging>();
  history->add_option("id", *history_id, msg::kEnrolmentIdArg)->required();
  history_paging->AddTo(history);
  history->callback([&ctx, history_id, history_paging] {
    auto& c = ctx.client();
    auto& stub = c.stub<v1::EnrolmentService>();
    v1::ListEnrolmentHistoryResponse all;
    v1::ListEnrolmentHistoryRequest request;
    request.set_enrolment_id(*history_id);
    grpc::Status status =
        ListAll(c, stub, &Stub::ListEnrolmentHistory, request, *history_paging, &all);
    if (!Check(ctx, status)) return;
    if (c.json()) return c.PrintJson(all);
    // Blocks rather than a table: reasons are sentences and must not be cut.
    for (const auto& change : all.changes()) {
      const std::string from = change.from_state() == v1::ENROLMENT_STATE_UNSPECIFIED
                                   ? msg::kCreatedState
                                   : WordOf(EnrolmentStateWords(), change.from_state());
      const std::string who =
          change.account_id() == 0
              ? msg::kSystem
              : fmt::format("{} ({})", change.account_name(), change.account_id());
      PrintWrapped(ctx.out(), fmt::format(msg::kHistoryLine, FormatLocal(change.time()), from,
                                          WordOf(EnrolmentStateWords(), change.to_state()), who));
      if (!change.reason().empty()) {
        PrintWrapped(ctx.out(), fmt::format(msg::kHistoryReason, change.reason()));
      }
    }
  });
}

void AddRosterCommand(CLI::App& app, Context& ctx) {
  auto* roster = app.add_subcommand("roster", msg::kRosterCommand);
  auto roster_series = std::make_shared<int64_t>();
  roster->add_option("series", *roster_series, msg::kSeriesIdArg)->required();
  roster->callback([&ctx, roster_series] {
    v1::ListEnrolmentsRequest r;
    r.set_series_id(*roster_series);
    r.add_states(v1::ENROLMENT_STATE_ENROLLED);
    r.add_states(v1::ENROLMENT_STATE_CONFIRMED);
    v1::ListEnrolmentsResponse all;
    if (!Check(ctx, ListEnrolments(ctx, Paging{}, r, &all))) return;
    if (ctx.client().json()) return ctx.client().PrintJson(all);
    PrintWrapped(ctx.out(), fmt::format(msg::kRosterHeading, *roster_series));
    if (all.enrolments_size() == 0) {
      ctx.out() << msg::kNoItems << "\n";
      return;
    }
    Table table({msg::kColParticipant, msg::kColState});
    for (const auto& e : all.enrolments()) table.Add({PersonText(e), StateText(e)});
    table.Print(ctx.out());
  });
}

void AddImportParticipants(CLI::App* import, Context& ctx) {
  auto* people = import->add_subcommand("participants", msg::kImportParticipants);
  auto people_opts = std::make_shared<ImportOptions>();
  people_opts->AddTo(people, /*with_series=*/false);
  people->callback([&ctx, people_opts] { RunImport(ctx, *people_opts); });
  auto* enrolments = import->add_subcommand("enrolments", msg::kImportEnrolments);
  auto enrolment_opts = std::make_shared<ImportOptions>();
  enrolment_opts->AddTo(enrolments, /*with_series=*/true);
  enrolments->callback([&ctx, enrolment_opts] { RunImport(ctx, *enrolment_opts); });
}

}  // namespace

void AddEnrolmentCommands(CLI::App& app, Context& ctx) {
  CLI::App* enrolment =
      app.add_subcommand("enrolment", msg::kEnrolmentCommand)->require_subcommand(1);
  AddEnrolmentRequest(enrolment, ctx);
  AddEnrolmentCohort(enrolment, ctx);
  AddEnrolmentRelease(enrolment, ctx);
  AddEnrolmentList(enrolment, ctx);
  AddEnrolmentShow(enrolment, ctx);
  AddEnrolmentHistory(enrolment, ctx);
  AddRosterCommand(app, ctx);
  CLI::App* import = app.add_subcommand("import", msg::kImportCommand)->require_subcommand(1);
  AddImportParticipants(import, ctx);
}

}  // namespace trainhub::cli
