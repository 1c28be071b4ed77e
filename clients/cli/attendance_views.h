#ifndef TRAINHUB_CLIENTS_CLI_ATTENDANCE_VIEWS_H_
#define TRAINHUB_CLIENTS_CLI_ATTENDANCE_VIEWS_H_

// What the attendance commands share: how a sheet and a record look in a
// table, and writing a downloaded file.

#include <string>

#include "clients/cli/commands.h"
#include "trainhub/v1/attendance.pb.h"

namespace trainhub::cli {

// "present", "late (20 min)", "not recorded", with "needs review" when flagged.
std::string StatusText(trainhub::v1::AttendanceStatus status, int minutes_missed,
                       bool needs_review = false);

void PrintSheet(Context& ctx, const trainhub::v1::AttendanceSheet& sheet);
void PrintRecord(Context& ctx, const trainhub::v1::AttendanceRecord& record);

// Writes `content` to `path` readable by the user only (attendance files
// name people), or to standard output when `path` is empty or "-". Sets the
// exit code and reports when it cannot.
bool WriteDownload(Context& ctx, const std::string& path, const std::string& content);

}  // namespace trainhub::cli

#endif  // TRAINHUB_CLIENTS_CLI_ATTENDANCE_VIEWS_H_
