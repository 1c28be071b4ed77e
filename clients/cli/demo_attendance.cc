// trainhub demo load: attendance transferred from paper lists (see demo_loader.h).

#include <fmt/core.h>

#include "clients/cli/demo_loader.h"
#include "trainhub/v1/attendance.grpc.pb.h"

namespace trainhub::cli::demo {

// Records every session of the series as the coordinator transfers paper
// lists: the default status for everyone, the exceptions per module and
// day, then the sign-off.
grpc::Status DemoLoader::TransferAttendance(const json& d, Counts& counts) {
  if (!d.contains("attendance")) return grpc::Status::OK;
  const std::string key = d.at("key");
  const json& a = d.at("attendance");
  const auto status_of = [](const json& name) {
    return EnumNamed(name, v1::AttendanceStatus_Parse);
  };
  auto& stub = c_.stub<v1::AttendanceService>();
  const auto& modules = sessions_.at(key);
  for (size_t m = 0; m < modules.size(); ++m) {
    for (size_t day = 0; day < modules[m].size(); ++day) {
      v1::RecordAttendanceSheetRequest request;
      request.set_request_id(fmt::format("demo-attendance-{}-{}-{}", key, m + 1, day + 1));
      request.set_session_id(modules[m][day]);
      request.set_reason(a.at("reason"));
      for (const json& person : d.at("participants")) {
        v1::AttendanceMark* mark = request.add_marks();
        mark->set_participant_id(participants_.at(person));
        mark->set_status(status_of(a.at("default")));
        for (const json& e : a.at("exceptions")) {
          if (e.at("module") != m + 1 || e.at("day") != day + 1 || e.at("participant") != person) {
            continue;
          }
          mark->set_status(status_of(e.at("status")));
          mark->set_minutes_missed(e.value("minutes_missed", 0));
          mark->set_note(TextOr(e, "note"));
        }
      }
      v1::AttendanceSheet sheet;
      grpc::Status status = Create(
          stub, &v1::AttendanceService::StubInterface::RecordAttendanceSheet, request, &sheet);
      if (!status.ok()) return status;
      ++counts.sheets;
      if (!a.value("sign_off", false)) continue;
      v1::SignOffAttendanceSheetRequest sign_off;
      sign_off.set_request_id(fmt::format("demo-signoff-{}-{}-{}", key, m + 1, day + 1));
      sign_off.set_session_id(modules[m][day]);
      status = Create(stub, &v1::AttendanceService::StubInterface::SignOffAttendanceSheet, sign_off,
                      &sheet);
      if (!status.ok()) return status;
    }
  }
  return grpc::Status::OK;
}

}  // namespace trainhub::cli::demo
