#include "clients/cli/attendance_views.h"

#include <fcntl.h>
#include <fmt/core.h>
#include <sys/stat.h>
#include <unistd.h>

#include "clients/cli/format.h"
#include "clients/cli/messages.h"

namespace trainhub::cli {

namespace v1 = ::trainhub::v1;

std::string StatusText(v1::AttendanceStatus status, int minutes_missed, bool needs_review) {
  std::string text = status == v1::ATTENDANCE_STATUS_UNSPECIFIED
                         ? std::string(msg::kNotRecorded)
                         : WordOf(AttendanceStatusWords(), status);
  if (minutes_missed > 0) text += fmt::format(msg::kMinutesMissed, minutes_missed);
  if (needs_review) text += msg::kNeedsReview;
  return text;
}

void PrintSheet(Context& ctx, const v1::AttendanceSheet& sheet) {
  if (ctx.client().json()) return ctx.client().PrintJson(sheet);
  PrintWrapped(ctx.out(), fmt::format(msg::kSheetHeading, sheet.session_id(), sheet.module_title(),
                                      sheet.series_title()));
  std::vector<std::pair<std::string, std::string>> fields = {
      {msg::kLabelWhen, FormatRange(sheet.start_time(), sheet.end_time())},
      {msg::kLabelRecorded, fmt::format(msg::kRecordedCounts, sheet.recorded_count(),
                                        sheet.recorded_count() + sheet.unrecorded_count())}};
  if (sheet.signed_off()) {
    fields.push_back({msg::kLabelSignedOff,
                      sheet.signed_off_by().empty()
                          ? FormatLocal(sheet.sign_off_time())
                          : fmt::format(msg::kSignedOffBy, FormatLocal(sheet.sign_off_time()),
                                        sheet.signed_off_by())});
  }
  if (sheet.check_in_open()) fields.push_back({msg::kLabelCheckIn, msg::kCheckInIsOpen});
  PrintFields(ctx.out(), fields);
  if (sheet.entries_size() == 0) {
    ctx.out() << msg::kNobodyExpected << "\n";
    return;
  }
  Table table({msg::kColId, msg::kColName, msg::kColOrganization, msg::kColStatus, msg::kColNote});
  for (const auto& e : sheet.entries()) {
    std::string status = StatusText(e.status(), e.minutes_missed(), e.needs_review());
    if (e.source() == v1::ATTENDANCE_SOURCE_SELF_CHECK_IN) status += msg::kSelfCheckedIn;
    table.Add({std::to_string(e.participant_id()), e.participant_name(), e.organization_name(),
               status, e.note()});
  }
  table.Print(ctx.out());
}

void PrintRecord(Context& ctx, const v1::AttendanceRecord& r) {
  if (ctx.client().json()) return ctx.client().PrintJson(r);
  PrintWrapped(ctx.out(), fmt::format(msg::kRecordLine, r.participant_id(),
                                      StatusText(r.status(), r.minutes_missed(),
                                                 r.conflicting_record_id() != 0),
                                      r.session_id()));
}

bool WriteDownload(Context& ctx, const std::string& path, const std::string& content) {
  if (path.empty() || path == "-") {
    ctx.out() << content;
    return true;
  }
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  bool ok = fd >= 0;
  size_t written = 0;
  while (ok && written < content.size()) {
    const ssize_t n = ::write(fd, content.data() + written, content.size() - written);
    ok = n > 0;
    if (ok) written += static_cast<size_t>(n);
  }
  if (fd >= 0) ok = ::close(fd) == 0 && ok;
  if (!ok) {
    ctx.err() << msg::kErrorPrefix << fmt::format(msg::kCannotWrite, path) << "\n";
    ctx.exit_code = kExitOther;
    return false;
  }
  ctx.err() << fmt::format(msg::kWroteBytes, path, content.size()) << "\n";
  return true;
}

}  // namespace trainhub::cli
