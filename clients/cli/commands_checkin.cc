// trainhub attendance checkin open|code|close (trainers) and trainhub
// checkin CODE (participants): self check-in with the rotating code.

#include <fmt/core.h>
#include <qrencode.h>

#include <thread>

#include "clients/cli/attendance_views.h"
#include "clients/cli/commands.h"
#include "clients/cli/format.h"
#include "clients/cli/messages.h"
#include "trainhub/v1/attendance.grpc.pb.h"

namespace trainhub::cli {
namespace {

namespace v1 = ::trainhub::v1;
using Stub = v1::AttendanceService::StubInterface;

// `text` as a QR code drawn with Unicode half blocks, two modules per
// character cell, light modules drawn (for dark and light terminals alike
// the quiet zone frames it). Empty when it cannot be encoded.
std::string QrText(const std::string& text) {
  QRcode* code = QRcode_encodeString(text.c_str(), 0, QR_ECLEVEL_M, QR_MODE_8, 1);
  if (code == nullptr) return "";
  constexpr int kQuiet = 2;
  const int size = code->width;
  auto dark = [&](int x, int y) {
    if (x < 0 || y < 0 || x >= size || y >= size) return false;
    return (code->data[y * size + x] & 1) != 0;
  };
  std::string out;
  for (int y = -kQuiet; y < size + kQuiet; y += 2) {
    for (int x = -kQuiet; x < size + kQuiet; ++x) {
      const bool top = !dark(x, y), bottom = !dark(x, y + 1);  // light modules
      out += top && bottom ? "\u2588" : top ? "\u2580" : bottom ? "\u2584" : " ";
    }
    out += "\n";
  }
  QRcode_free(code);
  return out;
}

void PrintWindow(Context& ctx, const v1::CheckInWindow& w, bool with_qr) {
  if (ctx.client().json()) return ctx.client().PrintJson(w);
  if (!w.open()) {
    ctx.out() << fmt::format(msg::kCheckInClosed, w.session_id()) << "\n";
    return;
  }
  PrintWrapped(ctx.out(), fmt::format(msg::kCheckInCode, w.session_id(), w.code().substr(0, 3),
                                      w.code().substr(3), FormatLocal(w.code_expire_time()),
                                      FormatLocal(w.close_time())));
  if (with_qr) ctx.out() << QrText(w.qr_payload());
}

template <typename Request>
void AddWindowCommand(CLI::App* checkin, Context& ctx, const char* name, const char* help,
                      grpc::Status (Stub::*method)(grpc::ClientContext*, const Request&,
                                                   v1::CheckInWindow*)) {
  auto* cmd = checkin->add_subcommand(name, help);
  struct Options {
    int64_t session = 0;
    int minutes = 0;
    bool qr = false, watch = false;
    std::string request_id;
  };
  auto o = std::make_shared<Options>();
  cmd->add_option("session", o->session, msg::kSessionIdArg)->required();
  constexpr bool kOpens = std::is_same_v<Request, v1::OpenCheckInRequest>;
  constexpr bool kShows = !std::is_same_v<Request, v1::CloseCheckInRequest>;
  if constexpr (kOpens) cmd->add_option("--minutes", o->minutes, msg::kCheckInMinutesOption);
  if constexpr (kShows) {
    cmd->add_flag("--qr", o->qr, msg::kQrOption);
    cmd->add_flag("--watch", o->watch, msg::kWatchOption);
  }
  if constexpr (requires(Request r) { r.set_request_id(""); }) {
    cmd->add_option("--request-id", o->request_id, msg::kRequestIdOption);
  }
  cmd->callback([&ctx, method, o] {
    Request request;
    request.set_session_id(o->session);
    if constexpr (kOpens) request.set_minutes(o->minutes);
    if constexpr (requires(Request r) { r.set_request_id(""); }) {
      request.set_request_id(o->request_id.empty() ? NewRequestId() : o->request_id);
    }
    v1::CheckInWindow window;
    auto& c = ctx.client();
    if (!Check(ctx, c.Call(c.stub<v1::AttendanceService>(), method, request, &window))) return;
    PrintWindow(ctx, window, o->qr);
    // Shows each new code until the window closes (Ctrl-C ends it).
    while (o->watch && window.open()) {
      const absl::Time next = FromTimestamp(window.code_expire_time());
      std::this_thread::sleep_for(absl::ToChronoMilliseconds(
          std::max(absl::Milliseconds(200), next - absl::Now() + absl::Milliseconds(200))));
      v1::GetCheckInCodeRequest again;
      again.set_session_id(o->session);
      if (!Check(ctx,
                 c.Call(c.stub<v1::AttendanceService>(), &Stub::GetCheckInCode, again, &window)))
        return;
      ctx.out() << "\n";
      PrintWindow(ctx, window, o->qr);
    }
  });
}

}  // namespace

void AddAttendanceCheckInCommands(CLI::App* attendance, Context& ctx) {
  auto* checkin = attendance->add_subcommand("checkin", msg::kAttendanceCheckInHelp);
  checkin->require_subcommand(1);
  AddWindowCommand<v1::OpenCheckInRequest>(checkin, ctx, "open", msg::kCheckInOpenHelp,
                                           &Stub::OpenCheckIn);
  AddWindowCommand<v1::GetCheckInCodeRequest>(checkin, ctx, "code", msg::kCheckInCodeHelp,
                                              &Stub::GetCheckInCode);
  AddWindowCommand<v1::CloseCheckInRequest>(checkin, ctx, "close", msg::kCheckInCloseHelp,
                                            &Stub::CloseCheckIn);
}

void AddCheckInCommand(CLI::App& app, Context& ctx) {
  auto* cmd = app.add_subcommand("checkin", msg::kCheckInHelp);
  auto code = std::make_shared<std::vector<std::string>>();
  auto session = std::make_shared<int64_t>();
  // The code as the trainer's screen shows it: "482 915" (one argument in
  // quotes, or two), "482915" or "482-915"; the server reads them all.
  cmd->add_option("code", *code, msg::kCheckInCodeArg)->required()->expected(1, 2);
  cmd->add_option("--session", *session, msg::kCheckInSessionOption);
  cmd->callback([&ctx, code, session] {
    v1::CheckInRequest request;
    std::string typed;
    for (const std::string& part : *code) typed += (typed.empty() ? "" : " ") + part;
    request.set_code(typed);
    request.set_session_id(*session);
    request.set_request_id(NewRequestId());
    NameTypedArgument(ctx, "code", typed);
    v1::AttendanceRecord record;
    auto& c = ctx.client();
    if (!Check(ctx, c.Call(c.stub<v1::AttendanceService>(), &Stub::CheckIn, request, &record)))
      return;
    if (c.json()) return c.PrintJson(record);
    ctx.out() << fmt::format(msg::kCheckedIn, record.session_id()) << "\n";
  });
}

}  // namespace trainhub::cli
