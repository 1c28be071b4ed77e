// trainhub schedule ... and trainhub ical ...

#include <fmt/core.h>

#include <fstream>

#include "clients/cli/commands.h"
#include "clients/cli/format.h"
#include "clients/cli/messages.h"
#include "clients/cli/series_views.h"
#include "trainhub/v1/schedule.grpc.pb.h"

namespace trainhub::cli {
namespace {

namespace v1 = ::trainhub::v1;
using Stub = v1::ScheduleService::StubInterface;

template <typename Request>
void RunSchedule(Context& ctx, Request request, const Paging& paging,
                 grpc::Status (Stub::*method)(grpc::ClientContext*, const Request&,
                                              v1::ListScheduleResponse*)) {
  auto& c = ctx.client();
  v1::ListScheduleResponse all;
  grpc::Status status = ListAll(c, c.stub<v1::ScheduleService>(), method, request, paging, &all);
  if (!Check(ctx, status)) return;
  if (c.json()) return c.PrintJson(all);
  if (all.sessions_size() == 0) {
    ctx.out() << msg::kNoItems << "\n";
    return;
  }
  PrintSessionTable(ctx.out(), all.sessions(), /*with_series=*/true);
}

struct RangeOptions {
  std::string from, to;
  CLI::Option *from_opt, *to_opt;
  // Sets the request's from/to when given; false after a usage error.
  template <typename Request>
  bool Fill(Context& ctx, Request* request) const {
    auto read = [&](CLI::Option* opt, const std::string& text,
                    google::protobuf::Timestamp* (Request::*field)()) {
      if (opt->count() == 0) return true;  // unset bounds stay open
      std::string error;
      std::optional<absl::Time> t = ParseUserTime(text, opt->get_name(), &error);
      if (!t) {
        UsageError(ctx, error);
        return false;
      }
      SetTimestamp(*t, (request->*field)());
      return true;
    };
    return read(from_opt, from, &Request::mutable_from) && read(to_opt, to, &Request::mutable_to);
  }
};

void Export(Context& ctx, const v1::ExportCalendarRequest& request, const std::string& file) {
  auto& c = ctx.client();
  v1::ExportCalendarResponse response;
  if (!Check(ctx, c.Call(c.stub<v1::ScheduleService>(), &Stub::ExportCalendar, request, &response)))
    return;
  if (file.empty()) {
    ctx.out() << response.ical();
    return;
  }
  std::ofstream out(file, std::ios::binary | std::ios::trunc);
  out << response.ical();
  out.close();
  if (!out) {
    ctx.err() << msg::kErrorPrefix << fmt::format(msg::kCannotWrite, file) << "\n";
    ctx.exit_code = kExitOther;
    return;
  }
  size_t events = 0;
  for (size_t pos = 0; (pos = response.ical().find("BEGIN:VEVENT", pos)) != std::string::npos;
       ++pos) {
    ++events;
  }
  ctx.err() << fmt::format(msg::kWroteFile, file, events) << "\n";
}

}  // namespace

namespace {

void AddScheduleTrainer(CLI::App* schedule, Context& ctx) {
  struct TrainerOptions {
    int64_t trainer_id = 0;
    RangeOptions range;
    Paging paging;
  };
  auto trainer_opts = std::make_shared<TrainerOptions>();
  auto* trainer = schedule->add_subcommand("trainer", msg::kScheduleTrainer);
  trainer->add_option("trainer", trainer_opts->trainer_id, msg::kTrainerIdArg)->required();
  trainer_opts->range.from_opt =
      trainer->add_option("--from", trainer_opts->range.from, msg::kFromOption);
  trainer_opts->range.to_opt = trainer->add_option("--to", trainer_opts->range.to, msg::kToOption);
  trainer_opts->paging.AddTo(trainer);
  trainer->callback([&ctx, trainer_opts] {
    v1::ListTrainerSessionsRequest request;
    request.set_trainer_id(trainer_opts->trainer_id);
    if (!trainer_opts->range.Fill(ctx, &request)) return;
    RunSchedule(ctx, request, trainer_opts->paging, &Stub::ListTrainerSessions);
  });
}

void AddScheduleMine(CLI::App* schedule, Context& ctx) {
  // The signed-in account's own sessions, from now on unless --from says.
  struct MineOptions {
    RangeOptions range;
    Paging paging;
  };
  auto mine_opts = std::make_shared<MineOptions>();
  auto* mine = schedule->add_subcommand("mine", msg::kScheduleMine);
  mine_opts->range.from_opt =
      mine->add_option("--from", mine_opts->range.from, msg::kMineFromOption);
  mine_opts->range.to_opt = mine->add_option("--to", mine_opts->range.to, msg::kToOption);
  mine_opts->paging.AddTo(mine);
  mine->callback([&ctx, mine_opts] {
    v1::ListMySessionsRequest request;
    if (!mine_opts->range.Fill(ctx, &request)) return;
    RunSchedule(ctx, request, mine_opts->paging, &Stub::ListMySessions);
  });
}

void AddScheduleRange(CLI::App* schedule, Context& ctx) {
  struct RangeCommandOptions {
    int64_t organization_id = 0;
    RangeOptions range;
    Paging paging;
  };
  auto range_opts = std::make_shared<RangeCommandOptions>();
  auto* range = schedule->add_subcommand("range", msg::kScheduleRange);
  range_opts->range.from_opt =
      range->add_option("--from", range_opts->range.from, msg::kFromOption)->required();
  range_opts->range.to_opt =
      range->add_option("--to", range_opts->range.to, msg::kToOption)->required();
  range->add_option("--org", range_opts->organization_id, msg::kOrgFilterOption);
  range_opts->paging.AddTo(range);
  range->callback([&ctx, range_opts] {
    v1::ListSessionsInRangeRequest request;
    request.set_organization_id(range_opts->organization_id);
    if (!range_opts->range.Fill(ctx, &request)) return;
    RunSchedule(ctx, request, range_opts->paging, &Stub::ListSessionsInRange);
  });
}

void AddSchedulePending(CLI::App* schedule, Context& ctx) {
  struct PendingOptions {
    int64_t trainer_id = 0, organization_id = 0;
    Paging paging;
  };
  auto pending_opts = std::make_shared<PendingOptions>();
  auto* pending = schedule->add_subcommand("pending", msg::kSchedulePending);
  pending->add_option("--trainer", pending_opts->trainer_id, msg::kTrainerFilterOption);
  pending->add_option("--org", pending_opts->organization_id, msg::kOrgFilterOption);
  pending_opts->paging.AddTo(pending);
  pending->callback([&ctx, pending_opts] {
    v1::ListPendingBookingsRequest request;
    request.set_trainer_id(pending_opts->trainer_id);
    request.set_organization_id(pending_opts->organization_id);
    RunSchedule(ctx, request, pending_opts->paging, &Stub::ListPendingBookings);
  });
}

void AddIcalSeries(CLI::App* ical, Context& ctx) {
  struct IcalOptions {
    int64_t id = 0;
    std::string file;
  };
  auto series_opts = std::make_shared<IcalOptions>();
  auto* series = ical->add_subcommand("series", msg::kIcalSeries);
  series->add_option("series", series_opts->id, msg::kSeriesIdArg)->required();
  series->add_option("-o,--out", series_opts->file, msg::kOutFileOption);
  series->callback([&ctx, series_opts] {
    v1::ExportCalendarRequest request;
    request.set_series_id(series_opts->id);
    Export(ctx, request, series_opts->file);
  });
  auto trainer_ical_opts = std::make_shared<IcalOptions>();
  auto* trainer_ical = ical->add_subcommand("trainer", msg::kIcalTrainer);
  trainer_ical->add_option("trainer", trainer_ical_opts->id, msg::kTrainerIdArg)->required();
  trainer_ical->add_option("-o,--out", trainer_ical_opts->file, msg::kOutFileOption);
  trainer_ical->callback([&ctx, trainer_ical_opts] {
    v1::ExportCalendarRequest request;
    request.set_trainer_id(trainer_ical_opts->id);
    Export(ctx, request, trainer_ical_opts->file);
  });
}

}  // namespace

void AddScheduleCommands(CLI::App& app, Context& ctx) {
  CLI::App* schedule = app.add_subcommand("schedule", msg::kScheduleCommand)->require_subcommand(1);
  AddScheduleTrainer(schedule, ctx);
  AddScheduleMine(schedule, ctx);
  AddScheduleRange(schedule, ctx);
  AddSchedulePending(schedule, ctx);
  CLI::App* ical = app.add_subcommand("ical", msg::kIcalCommand)->require_subcommand(1);
  AddIcalSeries(ical, ctx);
}

}  // namespace trainhub::cli
