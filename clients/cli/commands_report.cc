// trainhub report funder: counts for funders, as a table or a file.

#include <fmt/core.h>

#include "clients/cli/attendance_views.h"
#include "clients/cli/commands.h"
#include "clients/cli/format.h"
#include "clients/cli/messages.h"
#include "trainhub/v1/report.grpc.pb.h"

namespace trainhub::cli {
namespace {

namespace v1 = ::trainhub::v1;
using Stub = v1::ReportService::StubInterface;

struct FunderOptions {
  int year = 0;
  std::string from;
  std::string to;
  int64_t organization_id = 0;
  std::vector<int64_t> series_ids;
  int k = 0;
  std::string file;
  std::string format;
};

std::string Count(const v1::ReportCount& c) {
  return c.suppressed() ? msg::kReportSuppressed : std::to_string(c.value());
}

std::string RowLabel(const v1::ReportTable& table, const v1::ReportRow& row) {
  switch (table.breakdown()) {
    case v1::REPORT_BREAKDOWN_TARGET_GROUP:
      return row.target_group() == v1::TARGET_GROUP_UNSPECIFIED
                 ? msg::kReportNotStated
                 : WordOf(TargetGroupWords(), row.target_group());
    case v1::REPORT_BREAKDOWN_TRAINING_YEAR:
      return row.training_year() == 0 ? msg::kReportNotStated
                                      : fmt::format(msg::kReportYear, row.training_year());
    case v1::REPORT_BREAKDOWN_ORGANIZATION:
      return fmt::format("{} ({})", row.name(), row.organization_id());
    case v1::REPORT_BREAKDOWN_SERIES:
      return fmt::format("{} ({})", row.name(), row.series_id());
    default:
      return row.name();
  }
}

const char* TableTitle(v1::ReportBreakdown b) {
  switch (b) {
    case v1::REPORT_BREAKDOWN_TARGET_GROUP:
      return msg::kReportByGroup;
    case v1::REPORT_BREAKDOWN_ORGANIZATION:
      return msg::kReportByOrganization;
    case v1::REPORT_BREAKDOWN_SERIES:
      return msg::kReportBySeries;
    case v1::REPORT_BREAKDOWN_TRAINING_YEAR:
      return msg::kReportByYear;
    default:
      return "";
  }
}

void PrintReport(Context& ctx, const v1::FunderReport& r) {
  std::ostream& out = ctx.out();
  PrintWrapped(out, fmt::format(msg::kReportHeading, r.scope_name(), r.first_day(), r.last_day(),
                                r.min_persons()));
  out << "\n";
  std::string attendance = "–";
  if (r.attendance_suppressed()) {
    attendance = msg::kReportSuppressed;
  } else if (r.statuses_recorded() > 0) {
    attendance = fmt::format("{:.1f} % ({} of {} statuses)",
                             100.0 * static_cast<double>(r.statuses_attended()) /
                                 static_cast<double>(r.statuses_recorded()),
                             r.statuses_attended(), r.statuses_recorded());
  }
  PrintFields(out, {{msg::kReportPersons, Count(r.persons())},
                    {msg::kReportParticipations, Count(r.participations())},
                    {msg::kReportSessions, std::to_string(r.sessions_held())},
                    {msg::kReportUnits, fmt::format("{:.1f}", r.teaching_units())},
                    {msg::kReportAttendance, attendance},
                    {msg::kReportCertificates, Count(r.certificates())},
                    {msg::kReportConfirmations, Count(r.confirmations())},
                    {msg::kReportDropouts, Count(r.dropouts())}});
  for (const v1::ReportTable& t : r.tables()) {
    if (t.breakdown() == v1::REPORT_BREAKDOWN_TRAINING_YEAR && !t.total().suppressed() &&
        t.total().value() == 0) {
      continue;  // no apprentices
    }
    out << "\n" << TableTitle(t.breakdown()) << "\n";
    Table table({"", msg::kReportColPersons});
    for (const v1::ReportRow& row : t.rows()) table.Add({RowLabel(t, row), Count(row.persons())});
    table.Add({msg::kReportTotal, Count(t.total())});
    table.Print(out);
  }
  out << "\n";
  for (const std::string& line :
       WrapText(fmt::format(msg::kReportNote, r.min_persons(), r.inputs_hash()), 80)) {
    out << line << "\n";
  }
}

// The file format asked for: --format, else the file name's extension.
std::optional<v1::ReportFileFormat> FormatOf(const FunderOptions& o) {
  std::string f = o.format;
  if (f.empty()) {
    const size_t dot = o.file.rfind('.');
    if (dot != std::string::npos) f = o.file.substr(dot + 1);
    for (char& ch : f) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  }
  if (f == "pdf") return v1::REPORT_FILE_FORMAT_PDF;
  if (f == "csv") return v1::REPORT_FILE_FORMAT_CSV;
  if (f == "json") return v1::REPORT_FILE_FORMAT_JSON;
  return std::nullopt;
}

void AddFunder(CLI::App* report, Context& ctx) {
  auto* cmd = report->add_subcommand("funder", msg::kFunderReportHelp);
  auto o = std::make_shared<FunderOptions>();
  auto* year = cmd->add_option("--year", o->year, msg::kReportYearOption);
  auto* from = cmd->add_option("--from", o->from, msg::kReportFromOption);
  auto* to = cmd->add_option("--to", o->to, msg::kReportToOption);
  year->excludes(from)->excludes(to);
  auto* org = cmd->add_option("--org", o->organization_id, msg::kReportOrgOption);
  auto* series =
      cmd->add_option("--series", o->series_ids, msg::kReportSeriesOption)->delimiter(',');
  org->excludes(series);
  cmd->add_option("--k", o->k, msg::kReportKOption);
  cmd->add_option("-o,--out", o->file, msg::kReportOutOption);
  cmd->add_option("--format", o->format, msg::kReportFormatOption)
      ->check(CLI::IsMember({"pdf", "csv", "json"}));
  cmd->callback([&ctx, o] {
    v1::GetFunderReportRequest request;
    request.mutable_period()->set_year(o->year);
    request.mutable_period()->set_first_day(o->from);
    request.mutable_period()->set_last_day(o->to);
    request.set_organization_id(o->organization_id);
    for (int64_t id : o->series_ids) request.add_series_ids(id);
    request.set_min_persons(o->k);
    auto& c = ctx.client();
    if (o->file.empty() && o->format.empty()) {
      v1::FunderReport out;
      if (!Check(ctx, c.Call(c.stub<v1::ReportService>(), &Stub::GetFunderReport, request, &out)))
        return;
      if (c.json()) return c.PrintJson(out);
      return PrintReport(ctx, out);
    }
    const std::optional<v1::ReportFileFormat> format = FormatOf(*o);
    if (!format) return UsageError(ctx, fmt::format(msg::kReportFormatUnknown, o->file));
    v1::ExportFunderReportRequest export_request;
    *export_request.mutable_report() = request;
    export_request.set_format(*format);
    v1::ReportFile out;
    if (Check(ctx, c.Call(c.stub<v1::ReportService>(), &Stub::ExportFunderReport, export_request,
                          &out))) {
      WriteDownload(ctx, o->file.empty() ? out.file_name() : o->file, out.content());
    }
  });
}

}  // namespace

void AddReportCommands(CLI::App& app, Context& ctx) {
  auto* report = app.add_subcommand("report", msg::kReportHelp);
  report->require_subcommand(1);
  AddFunder(report, ctx);
}

}  // namespace trainhub::cli
