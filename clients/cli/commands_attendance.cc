// trainhub attendance sheet|record|take|signoff|history: recording a
// session's attendance.

#include <fmt/core.h>
#include <unistd.h>

#include <map>
#include <random>

#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_split.h"
#include "clients/cli/attendance_views.h"
#include "clients/cli/commands.h"
#include "clients/cli/format.h"
#include "clients/cli/messages.h"
#include "trainhub/v1/attendance.grpc.pb.h"

namespace trainhub::cli {

void AddAttendanceReportCommands(CLI::App* attendance, Context& ctx);
void AddAttendanceCheckInCommands(CLI::App* attendance, Context& ctx);

namespace {

namespace v1 = ::trainhub::v1;
using Stub = v1::AttendanceService::StubInterface;

// This machine, as the device of the records it makes.
std::string DeviceId() {
  char host[256] = {};
  if (::gethostname(host, sizeof(host) - 1) != 0 || host[0] == '\0') return "cli";
  return std::string("cli@") + std::string(host).substr(0, 59);
}

// A mark made now on this device, with a fresh nonce so that a resend
// changes nothing.
v1::AttendanceMark NewMark(int64_t participant, v1::AttendanceStatus status, int minutes) {
  v1::AttendanceMark mark;
  mark.set_participant_id(participant);
  mark.set_status(status);
  mark.set_minutes_missed(minutes);
  SetTimestamp(absl::Now(), mark.mutable_client_time());
  mark.set_client_nonce(NewRequestId());
  mark.set_device_id(DeviceId());
  return mark;
}

struct RecordOptions {
  int64_t session_id = 0;
  std::vector<std::string> present, late, excused, absent, notes;
  std::string reason, request_id;
};

// "12" or, for --late, "12:20" (participant 12 missed 20 minutes).
bool ParsePerson(const std::string& text, const std::string& flag, bool with_minutes, int64_t* id,
                 int* minutes, std::string* error) {
  std::vector<std::string> parts = absl::StrSplit(text, ':');
  const bool ok = (parts.size() == 1 || (with_minutes && parts.size() == 2)) &&
                  absl::SimpleAtoi(parts[0], id) && *id > 0 &&
                  (parts.size() == 1 || (absl::SimpleAtoi(parts[1], minutes) && *minutes >= 0));
  if (!ok) {
    *error =
        fmt::format(fmt::runtime(with_minutes ? msg::kBadLatePerson : msg::kBadPerson), flag, text);
  }
  return ok;
}

// The marks the options give, one per person; nullopt after a usage error.
std::optional<std::vector<v1::AttendanceMark>> MarksOf(Context& ctx, const RecordOptions& o) {
  std::map<int64_t, v1::AttendanceMark> marks;
  const std::vector<std::tuple<const std::vector<std::string>*, std::string, v1::AttendanceStatus>>
      groups = {{&o.present, "--present", v1::ATTENDANCE_STATUS_PRESENT},
                {&o.late, "--late", v1::ATTENDANCE_STATUS_LATE},
                {&o.excused, "--excused", v1::ATTENDANCE_STATUS_EXCUSED},
                {&o.absent, "--absent", v1::ATTENDANCE_STATUS_ABSENT}};
  for (const auto& [list, flag, status] : groups) {
    for (const std::string& item : *list) {
      int64_t id = 0;
      int minutes = 0;
      std::string error;
      if (!ParsePerson(item, flag, status == v1::ATTENDANCE_STATUS_LATE, &id, &minutes, &error)) {
        UsageError(ctx, error);
        return std::nullopt;
      }
      if (marks.count(id)) {
        UsageError(ctx, fmt::format(msg::kPersonTwice, id));
        return std::nullopt;
      }
      marks[id] = NewMark(id, status, minutes);
    }
  }
  for (const std::string& note : o.notes) {
    const size_t eq = note.find('=');
    int64_t id = 0;
    if (eq == std::string::npos || !absl::SimpleAtoi(note.substr(0, eq), &id) || !marks.count(id)) {
      UsageError(ctx, fmt::format(msg::kBadNote, note));
      return std::nullopt;
    }
    marks[id].set_note(note.substr(eq + 1));
  }
  if (marks.empty()) {
    UsageError(ctx, msg::kNoMarks);
    return std::nullopt;
  }
  std::vector<v1::AttendanceMark> out;
  for (auto& [id, mark] : marks) out.push_back(std::move(mark));
  return out;
}

void RecordSheet(Context& ctx, int64_t session_id, std::vector<v1::AttendanceMark> marks,
                 const std::string& reason, const std::string& request_id) {
  v1::RecordAttendanceSheetRequest request;
  request.set_session_id(session_id);
  for (auto& m : marks) *request.add_marks() = std::move(m);
  request.set_reason(reason);
  request.set_request_id(request_id.empty() ? NewRequestId() : request_id);
  v1::AttendanceSheet sheet;
  auto& c = ctx.client();
  if (Check(ctx, c.Call(c.stub<v1::AttendanceService>(), &Stub::RecordAttendanceSheet, request,
                        &sheet))) {
    PrintSheet(ctx, sheet);
  }
}

void AddSheet(CLI::App* attendance, Context& ctx) {
  auto* cmd = attendance->add_subcommand("sheet", msg::kAttendanceSheetHelp);
  auto session = std::make_shared<int64_t>();
  cmd->add_option("session", *session, msg::kSessionIdArg)->required();
  cmd->callback([&ctx, session] {
    v1::GetAttendanceSheetRequest request;
    request.set_session_id(*session);
    v1::AttendanceSheet sheet;
    auto& c = ctx.client();
    if (Check(ctx, c.Call(c.stub<v1::AttendanceService>(), &Stub::GetAttendanceSheet, request,
                          &sheet))) {
      PrintSheet(ctx, sheet);
    }
  });
}

void AddRecord(CLI::App* attendance, Context& ctx) {
  auto* cmd = attendance->add_subcommand("record", msg::kAttendanceRecordHelp);
  auto o = std::make_shared<RecordOptions>();
  cmd->add_option("session", o->session_id, msg::kSessionIdArg)->required();
  cmd->add_option("--present", o->present, msg::kPresentOption)->delimiter(',');
  cmd->add_option("--late", o->late, msg::kLateOption)->delimiter(',');
  cmd->add_option("--excused", o->excused, msg::kExcusedOption)->delimiter(',');
  cmd->add_option("--absent", o->absent, msg::kAbsentOption)->delimiter(',');
  cmd->add_option("--note", o->notes, msg::kAttendanceNoteOption);
  cmd->add_option("--reason", o->reason, msg::kCorrectionReasonOption);
  cmd->add_option("--request-id", o->request_id, msg::kRequestIdOption);
  cmd->callback([&ctx, o] {
    std::optional<std::vector<v1::AttendanceMark>> marks = MarksOf(ctx, *o);
    if (marks) RecordSheet(ctx, o->session_id, *std::move(marks), o->reason, o->request_id);
  });
}

// One answer of `attendance take`: a status with its minutes, "keep" or "stop".
struct Answer {
  enum Kind { kStatus, kKeep, kStop, kInvalid } kind = kInvalid;
  v1::AttendanceStatus status = v1::ATTENDANCE_STATUS_UNSPECIFIED;
  int minutes = 0;
};

Answer ParseAnswer(const std::string& line) {
  const std::string text = absl::AsciiStrToLower(absl::StripAsciiWhitespace(line));
  Answer a;
  if (text.empty()) return {Answer::kKeep};
  if (text == "q") return {Answer::kStop};
  std::vector<std::string> parts = absl::StrSplit(text, ' ', absl::SkipEmpty());
  static const std::map<std::string, v1::AttendanceStatus> kKeys = {
      {"p", v1::ATTENDANCE_STATUS_PRESENT},
      {"l", v1::ATTENDANCE_STATUS_LATE},
      {"e", v1::ATTENDANCE_STATUS_EXCUSED},
      {"a", v1::ATTENDANCE_STATUS_ABSENT}};
  auto it = kKeys.find(parts[0]);
  if (it == kKeys.end() || parts.size() > 2) return a;
  a.status = it->second;
  if (parts.size() == 2 && (a.status != v1::ATTENDANCE_STATUS_LATE ||
                            !absl::SimpleAtoi(parts[1], &a.minutes) || a.minutes < 0)) {
    return a;
  }
  a.kind = Answer::kStatus;
  return a;
}

void AddTake(CLI::App* attendance, Context& ctx) {
  auto* cmd = attendance->add_subcommand("take", msg::kAttendanceTakeHelp);
  auto session = std::make_shared<int64_t>();
  auto reason = std::make_shared<std::string>();
  cmd->add_option("session", *session, msg::kSessionIdArg)->required();
  cmd->add_option("--reason", *reason, msg::kCorrectionReasonOption);
  cmd->callback([&ctx, session, reason] {
    v1::GetAttendanceSheetRequest request;
    request.set_session_id(*session);
    v1::AttendanceSheet sheet;
    auto& c = ctx.client();
    if (!Check(ctx,
               c.Call(c.stub<v1::AttendanceService>(), &Stub::GetAttendanceSheet, request, &sheet)))
      return;
    PrintWrapped(ctx.out(), fmt::format(msg::kTakeIntro, sheet.module_title(),
                                        FormatRange(sheet.start_time(), sheet.end_time()),
                                        sheet.entries_size()));
    std::vector<v1::AttendanceMark> marks;
    const int total = sheet.entries_size();
    for (int i = 0; i < total; ++i) {
      const auto& e = sheet.entries(i);
      Answer answer;
      do {
        ctx.out() << fmt::format(msg::kTakePrompt, i + 1, total, e.participant_name(),
                                 StatusText(e.status(), e.minutes_missed()))
                  << std::flush;
        std::string line;
        if (!std::getline(*ctx.in, line)) {
          answer.kind = Answer::kStop;
          ctx.out() << "\n";
          break;
        }
        answer = ParseAnswer(line);
        if (answer.kind == Answer::kInvalid) ctx.out() << msg::kTakeHelp << "\n";
      } while (answer.kind == Answer::kInvalid);
      if (answer.kind == Answer::kStop) break;
      if (answer.kind == Answer::kStatus) {
        marks.push_back(NewMark(e.participant_id(), answer.status, answer.minutes));
      }
    }
    if (marks.empty()) {
      ctx.out() << msg::kTakeNothing << "\n";
      return;
    }
    RecordSheet(ctx, *session, std::move(marks), *reason, "");
  });
}

void AddSignOff(CLI::App* attendance, Context& ctx) {
  auto* cmd = attendance->add_subcommand("signoff", msg::kAttendanceSignOffHelp);
  auto session = std::make_shared<int64_t>();
  auto request_id = std::make_shared<std::string>();
  cmd->add_option("session", *session, msg::kSessionIdArg)->required();
  cmd->add_option("--request-id", *request_id, msg::kRequestIdOption);
  cmd->callback([&ctx, session, request_id] {
    v1::SignOffAttendanceSheetRequest request;
    request.set_session_id(*session);
    request.set_request_id(request_id->empty() ? NewRequestId() : *request_id);
    v1::AttendanceSheet sheet;
    auto& c = ctx.client();
    if (Check(ctx, c.Call(c.stub<v1::AttendanceService>(), &Stub::SignOffAttendanceSheet, request,
                          &sheet))) {
      PrintSheet(ctx, sheet);
    }
  });
}

void AddHistory(CLI::App* attendance, Context& ctx) {
  auto* cmd = attendance->add_subcommand("history", msg::kAttendanceHistoryHelp);
  auto session = std::make_shared<int64_t>();
  auto participant = std::make_shared<int64_t>();
  auto paging = std::make_shared<Paging>();
  cmd->add_option("session", *session, msg::kSessionIdArg)->required();
  cmd->add_option("--participant", *participant, msg::kHistoryParticipantOption);
  paging->AddTo(cmd);
  cmd->callback([&ctx, session, participant, paging] {
    v1::ListAttendanceHistoryRequest request;
    request.set_session_id(*session);
    request.set_participant_id(*participant);
    v1::ListAttendanceHistoryResponse all;
    auto& c = ctx.client();
    if (!Check(ctx, ListAll(c, c.stub<v1::AttendanceService>(), &Stub::ListAttendanceHistory,
                            request, *paging, &all))) {
      return;
    }
    if (c.json()) return c.PrintJson(all);
    if (all.records_size() == 0) {
      ctx.out() << msg::kNoAttendanceHistory << "\n";
      return;
    }
    Table table(
        {msg::kColTime, msg::kColParticipant, msg::kColStatus, msg::kColBy, msg::kColReason});
    table.KeepWidth(2);  // a change of status is read whole
    for (const auto& r : all.records()) {
      std::string by = r.source() == v1::ATTENDANCE_SOURCE_SELF_CHECK_IN ? msg::kBySelfCheckIn
                                                                         : r.account_name();
      if (!r.device_id().empty()) by += fmt::format(" ({})", r.device_id());
      std::string why = r.reason();
      if (!r.note().empty()) why += (why.empty() ? "" : "; ") + r.note();
      std::string status =
          StatusText(r.status(), r.minutes_missed(), r.conflicting_record_id() != 0);
      if (r.previous_status() != v1::ATTENDANCE_STATUS_UNSPECIFIED) {
        status = fmt::format(msg::kStatusChange, StatusText(r.previous_status(), 0), status);
      }
      table.Add(
          {FormatLocal(r.record_time()), std::to_string(r.participant_id()), status, by, why});
    }
    table.Print(ctx.out());
  });
}

}  // namespace

void AddAttendanceCommands(CLI::App& app, Context& ctx) {
  auto* attendance = app.add_subcommand("attendance", msg::kAttendanceHelp);
  attendance->require_subcommand(1);
  AddSheet(attendance, ctx);
  AddRecord(attendance, ctx);
  AddTake(attendance, ctx);
  AddSignOff(attendance, ctx);
  AddHistory(attendance, ctx);
  AddAttendanceReportCommands(attendance, ctx);
  AddAttendanceCheckInCommands(attendance, ctx);
}

}  // namespace trainhub::cli
