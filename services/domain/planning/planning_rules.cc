#include "domain/planning/planning_rules.h"

#include "absl/strings/str_cat.h"
#include "domain/errors.h"
#include "domain/policy.h"
#include "domain/status_macros.h"
#include "domain/validation.h"

namespace trainhub::domain {

absl::Status CheckNoAttendance(ReadView& r, const std::vector<Id>& session_ids) {
  for (Id id : session_ids) {
    TH_ASSIGN_OR_RETURN(std::vector<AttendanceEntry> entries, r.attendance().ListForSession(id));
    if (!entries.empty()) {
      return Refusal(absl::StatusCode::kFailedPrecondition,
                     Msg("session {session} has attendance records, which are kept; change its "
                         "times or place instead, or cancel the series",
                         {{"session", id}}));
    }
  }
  return absl::OkStatus();
}

absl::Status CheckNotFrozen(const Series& series) {
  if (!series.IsFrozen()) return absl::OkStatus();
  return Refusal(absl::StatusCode::kFailedPrecondition,
                 Msg("series {series} is {status, select, draft {draft} planned {planned} open_for_enrolment {open for enrolment} running {running} completed {completed} cancelled {cancelled} other {unspecified}}; its plan can no longer be changed",
                     {{"series", series.id}, {"status", SelectKey(ToString(series.status))}}));
}

absl::StatusOr<std::pair<Series, Module>> LoadModule(ReadView& r, const Principal& who, Need need,
                                                     Id series_id, Id module_id,
                                                     absl::string_view module_field) {
  TH_RETURN_IF_ERROR(CheckId(series_id, "series_id"));
  TH_RETURN_IF_ERROR(CheckId(module_id, module_field));
  absl::StatusOr<Series> series = SeriesFor(r, who, series_id, need, "series_id");
  if (!series.ok()) return series.status();
  absl::StatusOr<Module> module = r.series().GetModule(module_id);
  if (!module.ok()) return NameField(module.status(), module_field);
  if (module->series_id != series_id) {
    return InvalidField(std::string(module_field),
                        Msg("module {module} belongs to series {owner}, not to series {series}",
                            {{"module", module_id},
                             {"owner", module->series_id},
                             {"series", series_id}}));
  }
  return std::make_pair(*std::move(series), *std::move(module));
}

absl::Status CheckRange(std::optional<absl::Time> from, std::optional<absl::Time> to) {
  if (from && to && *to <= *from) return InvalidField("to", Msg("must be after from"));
  return absl::OkStatus();
}

absl::Status CheckTrainerScope(const Principal& who, Id trainer_id) {
  if (who.IsAdmin() || who.Has(Role::kCoordinator) || who.TrainerId() == trainer_id) {
    return absl::OkStatus();
  }
  return Denied(Msg("your account may not see the sessions of trainer {trainer}",
                    {{"trainer", trainer_id}}));
}

absl::StatusOr<Page<Session>> VisiblePage(ReadView& r, const Principal& who, SessionFilter filter,
                                          const PageRequest& page) {
  filter.visible_to = VisibilityOf(who);
  TH_ASSIGN_OR_RETURN(Page<Session> out, r.sessions().List(filter, page));
  TH_RETURN_IF_ERROR(HideInternals(r, who, out.items));
  return out;
}

}  // namespace trainhub::domain
