// trainhub attendance summary|export|signin-sheet|ledger|verify: what is
// made of the records.

#include <fmt/core.h>

#include <fstream>
#include <sstream>

#include "clients/cli/attendance_views.h"
#include "clients/cli/commands.h"
#include "clients/cli/format.h"
#include "clients/cli/messages.h"
#include "domain/attendance/attendance_ledger.h"
#include "trainhub/v1/attendance.grpc.pb.h"

namespace trainhub::cli {
namespace {

namespace v1 = ::trainhub::v1;
using Stub = v1::AttendanceService::StubInterface;

// An exported ledger is at most what a unary answer carries.
constexpr size_t kMaxLedgerFileBytes = 64 * 1024 * 1024;

// Teaching units with one decimal at most: "136", "135.1".
std::string Units(double units) {
  std::string text = fmt::format("{:.1f}", units);
  if (text.ends_with(".0")) text.resize(text.size() - 2);
  return text;
}

void AddSummary(CLI::App* attendance, Context& ctx) {
  auto* cmd = attendance->add_subcommand("summary", msg::kAttendanceSummaryHelp);
  auto series = std::make_shared<int64_t>();
  auto participant = std::make_shared<int64_t>();
  cmd->add_option("series", *series, msg::kSeriesIdArg)->required();
  cmd->add_option("--participant", *participant, msg::kSummaryParticipantOption);
  cmd->callback([&ctx, series, participant] {
    v1::GetAttendanceSummaryRequest request;
    request.set_series_id(*series);
    request.set_participant_id(*participant);
    v1::AttendanceSummary summary;
    auto& c = ctx.client();
    if (!Check(ctx, c.Call(c.stub<v1::AttendanceService>(), &Stub::GetAttendanceSummary, request,
                           &summary))) {
      return;
    }
    if (c.json()) return c.PrintJson(summary);
    PrintWrapped(ctx.out(),
                 fmt::format(msg::kSummaryHeading, summary.series_title(), summary.series_id(),
                             summary.session_count(), Units(summary.teaching_units())));
    // PRESENT + LATE + EXCUSED + ABSENT + NOT RECORDED = the sessions held.
    Table table({msg::kColId, msg::kColName, msg::kColHeld, msg::kColPresent, msg::kColLate,
                 msg::kColExcused, msg::kColAbsent, msg::kColNotRecorded, msg::kColUnits,
                 msg::kColRate});
    for (const auto& p : summary.people()) {
      const int recorded = p.present() + p.excused() + p.absent();
      table.Add(
          {std::to_string(p.participant_id()), p.participant_name(),
           fmt::format("{}/{}", p.sessions_held(), p.sessions_expected()),
           std::to_string(p.present_only()), std::to_string(p.late()), std::to_string(p.excused()),
           std::to_string(p.absent()), std::to_string(p.unrecorded()),
           fmt::format("{}/{}", Units(p.teaching_units_attended()), Units(p.teaching_units_held())),
           recorded > 0 ? fmt::format("{:.0f} %", 100 * p.attendance_rate()) : "–"});
    }
    table.Print(ctx.out());
    for (const std::string& line : WrapText(msg::kSummaryLegend, 80)) ctx.out() << line << "\n";
  });
}

void AddExport(CLI::App* attendance, Context& ctx) {
  auto* cmd = attendance->add_subcommand("export", msg::kAttendanceExportHelp);
  auto series = std::make_shared<int64_t>();
  auto file = std::make_shared<std::string>();
  auto format = std::make_shared<std::string>("csv");
  cmd->add_option("series", *series, msg::kSeriesIdArg)->required();
  cmd->add_option("-o,--out", *file, msg::kOutFileOption);
  cmd->add_option("--format", *format, msg::kExportFormatOption)
      ->check(CLI::IsMember({"csv", "json"}))
      ->capture_default_str();
  cmd->callback([&ctx, series, file, format] {
    v1::ExportAttendanceRequest request;
    request.set_series_id(*series);
    request.set_format(*format == "json" ? v1::ATTENDANCE_FILE_FORMAT_JSON
                                         : v1::ATTENDANCE_FILE_FORMAT_CSV);
    v1::AttendanceFile out;
    auto& c = ctx.client();
    if (Check(ctx,
              c.Call(c.stub<v1::AttendanceService>(), &Stub::ExportAttendance, request, &out))) {
      WriteDownload(ctx, *file, out.content());
    }
  });
}

void AddSignInSheet(CLI::App* attendance, Context& ctx) {
  auto* cmd = attendance->add_subcommand("signin-sheet", msg::kSignInSheetHelp);
  auto session = std::make_shared<int64_t>();
  auto file = std::make_shared<std::string>();
  cmd->add_option("session", *session, msg::kSessionIdArg)->required();
  cmd->add_option("-o,--out", *file, msg::kPdfOutOption);
  cmd->callback([&ctx, session, file] {
    v1::RenderSignInSheetRequest request;
    request.set_session_id(*session);
    v1::AttendanceFile out;
    auto& c = ctx.client();
    if (Check(ctx,
              c.Call(c.stub<v1::AttendanceService>(), &Stub::RenderSignInSheet, request, &out))) {
      WriteDownload(ctx, file->empty() ? out.file_name() : *file, out.content());
    }
  });
}

void AddLedger(CLI::App* attendance, Context& ctx) {
  auto* cmd = attendance->add_subcommand("ledger", msg::kLedgerHelp);
  auto series = std::make_shared<int64_t>();
  auto file = std::make_shared<std::string>();
  cmd->add_option("series", *series, msg::kSeriesIdArg)->required();
  cmd->add_option("-o,--out", *file, msg::kOutFileOption);
  cmd->callback([&ctx, series, file] {
    v1::ExportAttendanceLedgerRequest request;
    request.set_series_id(*series);
    v1::AttendanceFile out;
    auto& c = ctx.client();
    if (Check(ctx, c.Call(c.stub<v1::AttendanceService>(), &Stub::ExportAttendanceLedger, request,
                          &out))) {
      WriteDownload(ctx, *file, out.content());
    }
  });
}

void ReportCheck(Context& ctx, const std::string& what, const v1::LedgerVerification& check) {
  if (check.intact()) {
    PrintWrapped(ctx.out(),
                 fmt::format(msg::kLedgerIntact, what, check.entry_count(), check.head_hash()));
    if (check.content_unchecked_count() > 0) {
      PrintWrapped(ctx.out(), fmt::format(msg::kLedgerUnchecked, check.content_unchecked_count()));
    }
    return;
  }
  PrintWrapped(ctx.out(), fmt::format(msg::kLedgerBroken, what, check.problem()));
  if (check.current_status_mismatch_count() > 0) {
    PrintWrapped(ctx.out(),
                 fmt::format(msg::kCountedStatusesDiffer, check.current_status_mismatch_count()));
    for (const std::string& m : check.current_status_mismatches()) {
      PrintWrapped(ctx.out(), "  - " + m);
    }
    const int64_t unlisted =
        check.current_status_mismatch_count() - check.current_status_mismatches_size();
    if (unlisted > 0) PrintWrapped(ctx.out(), fmt::format(msg::kAndMore, unlisted));
  }
  ctx.exit_code = kExitRejected;
}

// Checks an exported ledger file without the server.
void VerifyFile(Context& ctx, const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return UsageError(ctx, fmt::format(msg::kCannotRead, path));
  std::ostringstream bytes;
  bytes << in.rdbuf();
  if (bytes.str().size() > kMaxLedgerFileBytes) {
    return UsageError(ctx, fmt::format(msg::kLedgerFileTooLarge, path));
  }
  absl::StatusOr<std::vector<domain::AttendanceEntry>> entries =
      domain::LedgerFromJson(bytes.str());
  if (!entries.ok()) {
    ctx.err() << msg::kErrorPrefix << path << ": " << entries.status().message() << "\n";
    ctx.exit_code = kExitRejected;
    return;
  }
  const domain::LedgerCheck check = domain::CheckLedger(*entries);
  v1::LedgerVerification out;
  out.set_intact(check.intact);
  out.set_entry_count(check.entry_count);
  out.set_head_hash(check.head_hash);
  out.set_first_bad_entry_id(check.first_bad_entry_id);
  out.set_problem(check.problem);
  out.set_content_unchecked_count(check.content_unchecked_count);
  if (ctx.client().json()) {
    ctx.client().PrintJson(out);
    if (!check.intact) ctx.exit_code = kExitRejected;
    return;
  }
  ReportCheck(ctx, path, out);
}

void AddVerify(CLI::App* attendance, Context& ctx) {
  auto* cmd = attendance->add_subcommand("verify", msg::kVerifyHelp);
  auto series = std::make_shared<int64_t>();
  auto file = std::make_shared<std::string>();
  auto* series_arg = cmd->add_option("series", *series, msg::kSeriesIdArg);
  auto* file_opt = cmd->add_option("--file", *file, msg::kVerifyFileOption);
  series_arg->excludes(file_opt);
  cmd->callback([&ctx, series, file] {
    if (!file->empty()) return VerifyFile(ctx, *file);
    if (*series == 0) return UsageError(ctx, msg::kVerifyWhat);
    v1::VerifyAttendanceLedgerRequest request;
    request.set_series_id(*series);
    v1::LedgerVerification out;
    auto& c = ctx.client();
    if (!Check(ctx, c.Call(c.stub<v1::AttendanceService>(), &Stub::VerifyAttendanceLedger, request,
                           &out)))
      return;
    if (c.json()) {
      c.PrintJson(out);
      if (!out.intact()) ctx.exit_code = kExitRejected;
      return;
    }
    ReportCheck(ctx, fmt::format(msg::kSeriesLedger, *series), out);
  });
}

}  // namespace

void AddAttendanceReportCommands(CLI::App* attendance, Context& ctx) {
  AddSummary(attendance, ctx);
  AddExport(attendance, ctx);
  AddSignInSheet(attendance, ctx);
  AddLedger(attendance, ctx);
  AddVerify(attendance, ctx);
}

}  // namespace trainhub::cli
