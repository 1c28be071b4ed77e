#include "domain/access.h"

#include <map>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "domain/errors.h"
#include "domain/status_macros.h"

namespace trainhub::domain {

absl::Status Denied(const Message& refusal) {
  return Refusal(absl::StatusCode::kPermissionDenied, refusal);
}

absl::Status CheckId(Id id, absl::string_view field) {
  if (id <= 0) return InvalidField(std::string(field), Msg("must be a positive id"));
  return absl::OkStatus();
}

absl::Status NameField(absl::Status status, absl::string_view field, absl::StatusCode code) {
  if (absl::IsNotFound(status)) {
    return FieldError(code, std::string(field), MessageOf(status));
  }
  return status;
}

absl::StatusOr<bool> Teaches(ReadView& r, const Principal& who, Id series_id) {
  if (who.TrainerId() == 0) return false;
  SessionFilter filter;
  filter.series_id = series_id;
  filter.visible_to = Visibility{.trainer_id = who.TrainerId()};
  PageRequest page;
  page.limit = 1;
  TH_ASSIGN_OR_RETURN(Page<Session> sessions, r.sessions().List(filter, page));
  return !sessions.items.empty();
}

absl::StatusOr<bool> Enrolled(ReadView& r, const Principal& who, Id series_id) {
  if (who.ParticipantId() == 0) return false;
  TH_ASSIGN_OR_RETURN(std::optional<Enrolment> e,
                      r.enrolments().Find(series_id, who.ParticipantId()));
  return e.has_value();
}

absl::Status HideInternals(ReadView& r, const Principal& who, std::vector<Session>& sessions) {
  if (who.IsAdmin()) return absl::OkStatus();
  std::map<Id, Series> series_by_id;
  for (Session& session : sessions) {
    auto it = series_by_id.find(session.series_id);
    if (it == series_by_id.end()) {
      TH_ASSIGN_OR_RETURN(Series series, r.series().Get(session.series_id));
      it = series_by_id.emplace(session.series_id, std::move(series)).first;
    }
    if (!SeesSessionInternals(who, it->second, session)) StripInternals(session);
  }
  return absl::OkStatus();
}

absl::StatusOr<Series> SeriesFor(ReadView& r, const Principal& who, Id id, Need need,
                                 absl::string_view field) {
  absl::StatusOr<Series> series = r.series().Get(id);
  if (who.IsAdmin()) {
    if (!series.ok()) return NameField(series.status(), field);
    return series;
  }
  const Message what = Msg("your account may not {act, select, see {see} other {change}} series {series}",
                           {{"act", need == Need::kSee ? "see" : "change"}, {"series", id}});
  if (absl::IsNotFound(series.status())) return Denied(what);
  TH_RETURN_IF_ERROR(series.status());
  bool allowed = false;
  if (need == Need::kPlan) {
    allowed = CanPlanSeries(who, *series);
  } else {
    SeriesTies ties;
    TH_ASSIGN_OR_RETURN(ties.teaches, Teaches(r, who, id));
    TH_ASSIGN_OR_RETURN(ties.enrolled, Enrolled(r, who, id));
    allowed = CanSeeSeries(who, *series, ties);
  }
  if (!allowed) return Denied(what);
  return series;
}

}  // namespace trainhub::domain
