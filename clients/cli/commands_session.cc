// trainhub session ...: sessions, their trainers and bookings.

#include <fmt/core.h>

#include <regex>

#include "absl/strings/numbers.h"
#include "clients/cli/commands.h"
#include "clients/cli/format.h"
#include "clients/cli/messages.h"
#include "clients/cli/series_views.h"
#include "trainhub/v1/series.grpc.pb.h"

namespace trainhub::cli {
namespace {

namespace v1 = ::trainhub::v1;
using Stub = v1::SeriesService::StubInterface;

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
    if (!create) {
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

// --days FIRST..LAST (or one day) and --daily HH:MM-HH:MM into `request`;
// false after a usage error.
bool ReadDays(Context& ctx, const std::string& days, const std::string& daily,
              v1::CreateSessionDaysRequest* request) {
  const size_t dots = days.find("..");
  const std::string first = days.substr(0, dots);
  const std::string last = dots == std::string::npos ? first : days.substr(dots + 2);
  if (!ReadDay(first, request->mutable_first_day()) ||
      !ReadDay(last, request->mutable_last_day())) {
    UsageError(ctx, msg::kBadDays);
    return false;
  }
  // "09:00-16:00", also "9-16".
  static const std::regex kHours(R"((\d{1,2})(?::(\d{2}))?\s*-\s*(\d{1,2})(?::(\d{2}))?)");
  std::smatch m;
  if (!std::regex_match(daily, m, kHours)) {
    UsageError(ctx, msg::kBadDaily);
    return false;
  }
  auto minutes = [&](int i) { return m[i].matched ? std::stoi(m[i]) : 0; };
  request->mutable_daily_start()->set_hours(std::stoi(m[1]));
  request->mutable_daily_start()->set_minutes(minutes(2));
  request->mutable_daily_end()->set_hours(std::stoi(m[3]));
  request->mutable_daily_end()->set_minutes(minutes(4));
  return true;
}

void AddSessionAdd(CLI::App* session, Context& ctx) {
  struct AddOptions {
    int64_t series_id = 0, module_id = 0;
    std::string request_id, days, daily;
    SessionOptions fields;
    CLI::Option *days_opt, *daily_opt;
  };
  auto add_opts = std::make_shared<AddOptions>();
  auto* add = session->add_subcommand("add", msg::kAddSession);
  add->add_option("series", add_opts->series_id, msg::kSeriesIdArg)->required();
  add->add_option("module", add_opts->module_id, msg::kModuleIdArg)->required();
  add_opts->fields.AddTo(add, /*create=*/true);
  add_opts->days_opt = add->add_option("--days", add_opts->days, msg::kDaysOption);
  add_opts->daily_opt = add->add_option("--daily", add_opts->daily, msg::kDailyOption);
  add->add_option("--request-id", add_opts->request_id, msg::kRequestIdOption);
  add->callback([&ctx, add_opts] {
    const bool by_times = add_opts->fields.start_opt->count() && add_opts->fields.end_opt->count();
    const bool by_days = add_opts->days_opt->count() && add_opts->daily_opt->count();
    const bool any_days = add_opts->days_opt->count() || add_opts->daily_opt->count();
    if (by_times == by_days || (by_times && any_days)) return UsageError(ctx, msg::kDaysOrTimes);
    const std::string request_id =
        add_opts->request_id.empty() ? NewRequestId() : add_opts->request_id;
    auto& c = ctx.client();
    if (by_days) {
      v1::CreateSessionDaysRequest request;
      request.set_series_id(add_opts->series_id);
      request.set_module_id(add_opts->module_id);
      request.set_allow_overlap(add_opts->fields.allow_overlap);
      request.set_request_id(request_id);
      if (!ReadDays(ctx, add_opts->days, add_opts->daily, &request)) return;
      if (!add_opts->fields.Fill(ctx, request.mutable_session(), nullptr, nullptr)) return;
      v1::CreateSessionDaysResponse response;
      if (!Check(ctx,
                 c.Call(c.stub<v1::SeriesService>(), &Stub::CreateSessionDays, request, &response)))
        return;
      if (c.json()) return c.PrintJson(response);
      PrintSessionTable(ctx.out(), response.sessions(), false);
      return;
    }
    v1::CreateSessionRequest request;
    request.set_series_id(add_opts->series_id);
    request.set_module_id(add_opts->module_id);
    request.set_allow_overlap(add_opts->fields.allow_overlap);
    request.set_request_id(request_id);
    if (!add_opts->fields.Fill(ctx, request.mutable_session(), nullptr, nullptr)) return;
    v1::Session response;
    if (Check(ctx, c.Call(c.stub<v1::SeriesService>(), &Stub::CreateSession, request, &response))) {
      PrintSession(ctx, response);
    }
  });
}

void AddSessionList(CLI::App* session, Context& ctx) {
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
}

void AddSessionShow(CLI::App* session, Context& ctx) {
  auto* show = session->add_subcommand("show", msg::kShow);
  auto show_id = std::make_shared<int64_t>();
  show->add_option("id", *show_id, msg::kIdArg)->required();
  show->callback([&ctx, show_id] {
    v1::GetSessionRequest request;
    request.set_id(*show_id);
    v1::Session response;
    auto& c = ctx.client();
    if (Check(ctx, c.Call(c.stub<v1::SeriesService>(), &Stub::GetSession, request, &response))) {
      PrintSession(ctx, response);
    }
  });
}

void AddSessionUpdate(CLI::App* session, Context& ctx) {
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
    if (!Check(ctx, c.Call(c.stub<v1::SeriesService>(), &Stub::GetSession, get, &current))) return;
    v1::UpdateSessionRequest request;
    request.mutable_session()->set_id(update_opts->id);
    request.set_allow_overlap(update_opts->fields.allow_overlap);
    if (!update_opts->fields.Fill(ctx, request.mutable_session(), &current,
                                  request.mutable_update_mask())) {
      return;
    }
    if (request.update_mask().paths_size() == 0) return UsageError(ctx, msg::kNothingToUpdate);
    v1::Session response;
    if (Check(ctx, c.Call(c.stub<v1::SeriesService>(), &Stub::UpdateSession, request, &response))) {
      PrintSession(ctx, response);
    }
  });
}

void AddSessionBooking(CLI::App* session, Context& ctx) {
  // SESSION [TRAINER] STATUS: a trainer answering for their own booking
  // leaves TRAINER out (the server takes the caller's trainer record).
  struct BookingOptions {
    int64_t session_id = 0;
    std::vector<std::string> rest;
    bool allow_overlap = false;
  };
  auto booking_opts = std::make_shared<BookingOptions>();
  auto* booking = session->add_subcommand("booking", msg::kBooking);
  booking->add_option("session", booking_opts->session_id, msg::kSessionIdArg)->required();
  booking->add_option("trainer_status", booking_opts->rest, msg::kBookingArgs)
      ->required()
      ->expected(1, 2);
  booking->add_flag("--allow-overlap", booking_opts->allow_overlap, msg::kAllowOverlapOption);
  booking->callback([&ctx, booking_opts] {
    const std::vector<std::string>& rest = booking_opts->rest;
    if (rest.empty() || rest.size() > 2) return UsageError(ctx, msg::kBookingArgsWrong);
    int64_t trainer_id = 0;
    if (rest.size() == 2 && (!absl::SimpleAtoi(rest[0], &trainer_id) || trainer_id <= 0)) {
      return UsageError(ctx, fmt::format(msg::kBookingTrainerNotANumber, rest[0]));
    }
    const auto status = BookingStatusWords().find(rest.back());
    if (status == BookingStatusWords().end()) {
      return UsageError(ctx, fmt::format(msg::kBookingStatusWrong, rest.back()));
    }
    v1::SetBookingStatusRequest request;
    request.set_session_id(booking_opts->session_id);
    request.set_trainer_id(trainer_id);
    request.set_status(status->second);
    request.set_allow_overlap(booking_opts->allow_overlap);
    v1::Session response;
    auto& c = ctx.client();
    if (Check(ctx,
              c.Call(c.stub<v1::SeriesService>(), &Stub::SetBookingStatus, request, &response))) {
      PrintSession(ctx, response);
    }
  });
}

void AddSessionDelete(CLI::App* session, Context& ctx) {
  auto* remove = session->add_subcommand("delete", msg::kDeleteSession);
  auto delete_id = std::make_shared<int64_t>();
  remove->add_option("id", *delete_id, msg::kIdArg)->required();
  remove->callback([&ctx, delete_id] {
    v1::DeleteSessionRequest request;
    request.set_id(*delete_id);
    v1::DeleteSessionResponse response;
    auto& c = ctx.client();
    if (!Check(ctx, c.Call(c.stub<v1::SeriesService>(), &Stub::DeleteSession, request, &response)))
      return;
    if (c.json()) return c.PrintJson(response);
    ctx.out() << fmt::format(msg::kDeletedSession, *delete_id) << "\n";
  });
}

}  // namespace

void AddSessionCommands(CLI::App& app, Context& ctx) {
  CLI::App* session = app.add_subcommand("session", msg::kSessionCommand)->require_subcommand(1);
  AddSessionAdd(session, ctx);
  AddSessionList(session, ctx);
  AddSessionShow(session, ctx);
  AddSessionUpdate(session, ctx);
  AddSessionBooking(session, ctx);
  AddSessionDelete(session, ctx);
}

}  // namespace trainhub::cli
