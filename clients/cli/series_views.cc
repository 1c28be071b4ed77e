#include "clients/cli/series_views.h"

#include <fmt/core.h>

#include "clients/cli/format.h"
#include "clients/cli/messages.h"
#include "trainhub/v1/organization.grpc.pb.h"
#include "trainhub/v1/series.grpc.pb.h"

namespace trainhub::cli {

namespace v1 = ::trainhub::v1;
using Stub = v1::SeriesService::StubInterface;

std::string DateRange(const v1::Series& s) {
  if (!s.has_first_session_start()) return msg::kNone;
  auto day = [](const google::protobuf::Timestamp& t) {
    return absl::FormatTime("%d.%m.%Y", FromTimestamp(t), LocalZone());
  };
  const std::string first = day(s.first_session_start());
  const std::string last = day(s.last_session_end());
  return first == last ? first : first + "–" + last;
}

std::string JoinWords(const std::vector<std::string>& words) {
  std::string out;
  for (const auto& w : words) out += (out.empty() ? "" : ", ") + w;
  return out.empty() ? msg::kNone : out;
}

std::string OrganizationLabel(Client& c, int64_t id) {
  v1::GetOrganizationRequest request;
  request.set_id(id);
  v1::Organization org;
  if (!c.Call(c.stub<v1::OrganizationService>(),
              &v1::OrganizationService::StubInterface::GetOrganization, request, &org)
           .ok()) {
    return std::to_string(id);
  }
  return fmt::format("{} ({})", org.name(), id);
}

grpc::Status AllModules(Client& c, int64_t series_id, v1::ListModulesResponse* all) {
  v1::ListModulesRequest request;
  request.set_series_id(series_id);
  return ListAll(c, c.stub<v1::SeriesService>(), &Stub::ListModules, request, Paging{}, all);
}

grpc::Status SessionsOf(Client& c, int64_t series_id, int64_t module_id, const Paging& paging,
                        v1::ListSessionsResponse* all) {
  v1::ListSessionsRequest request;
  request.set_series_id(series_id);
  request.set_module_id(module_id);
  return ListAll(c, c.stub<v1::SeriesService>(), &Stub::ListSessions, request, paging, all);
}

void PrintModuleTable(std::ostream& out, const v1::ListModulesResponse& modules) {
  Table table({msg::kColPosition, msg::kColTitle, msg::kColUnits, msg::kColSessions, msg::kColId});
  for (const auto& m : modules.modules()) {
    table.Add({std::to_string(m.position()), m.title() + (m.mandatory() ? "" : msg::kOptionalMark),
               std::to_string(m.teaching_units()), std::to_string(m.session_count()),
               std::to_string(m.id())});
  }
  table.Print(out);
}

void PrintSeriesSummary(Context& ctx, const v1::Series& s) {
  if (ctx.client().json()) return ctx.client().PrintJson(s);
  PrintWrapped(ctx.out(), fmt::format(msg::kSeriesHeading, s.id(), s.title()));
  PrintFields(ctx.out(), {{msg::kLabelKind, WordOf(SeriesKindWords(), s.kind())},
                          {msg::kLabelStatus, WordOf(SeriesStatusWords(), s.status())},
                          {msg::kLabelCapacity, std::to_string(s.capacity())},
                          {msg::kLabelSeats, fmt::format(msg::kSeatsValue, s.seats_taken(),
                                                         s.capacity(), s.waitlist_length())},
                          {msg::kLabelDates, DateRange(s)}});
}

void PrintSession(Context& ctx, const v1::Session& s) {
  if (ctx.client().json()) return ctx.client().PrintJson(s);
  PrintWrapped(ctx.out(), fmt::format(msg::kSessionHeading, s.id()));
  std::vector<std::pair<std::string, std::string>> fields = {
      {msg::kLabelSeries, fmt::format("{} ({})", s.series_title(), s.series_id())},
      {msg::kLabelModule,
       fmt::format("{}. {} ({})", s.module_position(), s.module_title(), s.module_id())},
      {msg::kLabelWhen,
       fmt::format(msg::kLocalTimeSuffix, FormatRange(s.start_time(), s.end_time()))},
      {msg::kLabelPlace,
       s.place().name().empty() && s.place().address().empty()
           ? msg::kNone
           : s.place().name() + (s.place().address().empty() ? "" : ", " + s.place().address())}};
  // One label; a trainer per line.
  std::string trainers;
  for (const auto& b : s.trainers()) {
    trainers += (trainers.empty() ? "" : "\n") +
                fmt::format(msg::kTrainerBookingLine, b.trainer_name(), b.trainer_id(),
                            WordOf(BookingStatusWords(), b.status()));
  }
  if (!trainers.empty()) fields.push_back({msg::kLabelTrainers, trainers});
  if (!s.note().empty()) fields.push_back({msg::kLabelNote, s.note()});
  PrintFields(ctx.out(), fields);
}

// Reads --start/--end style options; false (with a usage error) when bad.
bool ReadTime(Context& ctx, CLI::Option* opt, const std::string& text,
              google::protobuf::Timestamp* out) {
  std::string error;
  std::optional<absl::Time> t = ParseUserTime(text, opt->get_name(), &error);
  if (!t) {
    UsageError(ctx, error);
    return false;
  }
  SetTimestamp(*t, out);
  return true;
}

// The series' enrolment rules as labelled lines.
void AddEnrolmentRules(const v1::Series& s,
                       std::vector<std::pair<std::string, std::string>>& fields) {
  if (s.requires_approval()) fields.push_back({msg::kLabelApproval, msg::kApprovalRequired});
  if (s.requires_confirmation()) {
    fields.push_back(
        {msg::kLabelConfirmation,
         s.has_confirmation_deadline()
             ? fmt::format(msg::kConfirmationRequired, FormatLocal(s.confirmation_deadline()))
             : std::string(msg::kConfirmationRequiredNoDeadline)});
  }
  if (s.has_enrolment_deadline()) {
    fields.push_back({msg::kLabelEnrolmentUntil, FormatLocal(s.enrolment_deadline())});
  }
  if (!s.awards_qualification().empty()) {
    fields.push_back({msg::kLabelAwards, s.awards_qualification()});
  }
  if (!s.required_qualification().empty()) {
    fields.push_back({msg::kLabelRequires, s.required_qualification()});
  }
  fields.push_back(
      {msg::kLabelDocuments, s.issued_documents() == v1::ISSUED_DOCUMENTS_CONFIRMATION_ONLY
                                 ? msg::kDocumentsConfirmationOnly
                                 : msg::kDocumentsBoth});
}

const std::map<std::string, v1::IssuedDocuments>& IssuedDocumentsWords() {
  static const auto* words = new std::map<std::string, v1::IssuedDocuments>{
      {"certificate-and-confirmation", v1::ISSUED_DOCUMENTS_CERTIFICATE_AND_CONFIRMATION},
      {"confirmation-only", v1::ISSUED_DOCUMENTS_CONFIRMATION_ONLY}};
  return *words;
}

std::string SessionStatusMark(const v1::Session& session) {
  return session.series_status() == v1::SERIES_STATUS_CANCELLED ? msg::kCancelledMark : "";
}

std::string TrainerSummary(const v1::Session& session) {
  std::string out;
  for (const auto& b : session.trainers()) {
    const char* mark = b.status() == v1::BOOKING_STATUS_CONFIRMED  ? "✓ "
                       : b.status() == v1::BOOKING_STATUS_DECLINED ? "✗ "
                                                                   : "? ";
    out += (out.empty() ? "" : ", ") + (mark + b.trainer_name());
  }
  return out.empty() ? msg::kNone : out;
}

void PrintSessionTable(std::ostream& out,
                       const google::protobuf::RepeatedPtrField<v1::Session>& sessions,
                       bool with_series) {
  if (with_series) {
    // Across series there is no room for columns: three lines per session.
    PrintWrapped(out, fmt::format("{:<4}{}", msg::kColId, msg::kColWhen));
    // Long titles wrap onto further lines (indented); nothing is cut.
    const auto print_wrapped = [&out](const std::string& text) { PrintWrapped(out, text); };
    for (const auto& s : sessions) {
      const std::string place = s.place().name().empty() ? msg::kNone : s.place().name();
      print_wrapped(fmt::format("{:<4}{}{}", s.id(), FormatRange(s.start_time(), s.end_time()),
                                SessionStatusMark(s)));
      print_wrapped(fmt::format(msg::kScheduleModuleLine, s.series_title(), s.module_position(),
                                s.module_title()));
      print_wrapped(fmt::format(msg::kSchedulePlaceLine, place, TrainerSummary(s)));
    }
    return;
  }
  Table table({msg::kColId, msg::kColWhen, msg::kColModule, msg::kColPlace, msg::kColTrainers});
  table.KeepWidth(0);
  for (const auto& s : sessions) {
    table.Add({std::to_string(s.id()),
               FormatRange(s.start_time(), s.end_time()) + SessionStatusMark(s),
               fmt::format("{}. {}", s.module_position(), s.module_title()),
               s.place().name().empty() ? msg::kNone : s.place().name(), TrainerSummary(s)});
  }
  table.Print(out);
}

}  // namespace trainhub::cli
