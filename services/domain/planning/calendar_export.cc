#include "domain/planning/calendar_export.h"

#include <utility>

#include "absl/strings/str_cat.h"
#include "domain/access.h"
#include "domain/audit_trail.h"
#include "domain/planning/calendar.h"
#include "domain/errors.h"
#include "domain/limits.h"
#include "domain/planning/planning_rules.h"
#include "domain/policy.h"
#include "domain/status_macros.h"
#include "domain/validation.h"

namespace trainhub::domain {
CalendarExport::CalendarExport(Store& store, Clock clock)
    : store_(store), clock_(std::move(clock)) {}

absl::StatusOr<std::vector<Session>> CalendarExport::AllSessions(const Principal& who,
                                                                 const SessionFilter& filter) {
  std::vector<Session> all;
  TH_RETURN_IF_ERROR(store_.Read([&](ReadView& r) -> absl::Status {
    TH_ASSIGN_OR_RETURN(all, AllPages<Session>([&](const PageRequest& page) {
                          return r.sessions().List(filter, page);
                        }));
    return HideInternals(r, who, all);
  }));
  return all;
}

absl::StatusOr<std::string> CalendarExport::UidDomain() {
  std::string domain;
  TH_RETURN_IF_ERROR(store_.Read([&](ReadView& r) -> absl::Status {
    TH_ASSIGN_OR_RETURN(domain, r.installation().UidDomain());
    return absl::OkStatus();
  }));
  return domain;
}

absl::StatusOr<CalendarExport::Calendar> CalendarExport::ExportSeriesCalendar(const Principal& who,
                                                                              Id series_id) {
  TH_RETURN_IF_ERROR(CheckId(series_id, "series_id"));
  Series series;
  TH_RETURN_IF_ERROR(store_.Read([&](ReadView& r) -> absl::Status {
    TH_ASSIGN_OR_RETURN(series, SeriesFor(r, who, series_id, Need::kSee, "series_id"));
    return absl::OkStatus();
  }));
  SessionFilter filter;
  filter.series_id = series_id;
  filter.visible_to = VisibilityOf(who);
  TH_ASSIGN_OR_RETURN(std::vector<Session> sessions, AllSessions(who, filter));
  CalendarOptions options;
  TH_ASSIGN_OR_RETURN(options.uid_domain, UidDomain());
  options.name = series.title;
  options.all_cancelled = series.status == SeriesStatus::kCancelled;
  return Calendar{absl::StrCat("series-", series_id, ".ics"),
                  RenderCalendar(sessions, options, clock_())};
}

absl::StatusOr<CalendarExport::Calendar> CalendarExport::ExportTrainerCalendar(const Principal& who,
                                                                               Id trainer_id) {
  TH_RETURN_IF_ERROR(CheckId(trainer_id, "trainer_id"));
  TH_RETURN_IF_ERROR(CheckTrainerScope(who, trainer_id));
  Trainer trainer;
  TH_RETURN_IF_ERROR(store_.Read([&](ReadView& r) -> absl::Status {
    absl::StatusOr<Trainer> t = r.trainers().Get(trainer_id);
    if (!t.ok()) return NameField(t.status(), "trainer_id");
    trainer = *std::move(t);
    return absl::OkStatus();
  }));
  SessionFilter filter;
  filter.trainer_id = trainer_id;
  filter.skip_cancelled_series = true;
  filter.visible_to = VisibilityOf(who);
  TH_ASSIGN_OR_RETURN(std::vector<Session> sessions, AllSessions(who, filter));
  CalendarOptions options;
  TH_ASSIGN_OR_RETURN(options.uid_domain, UidDomain());
  options.name = absl::StrCat("trainhub – ", trainer.display_name);
  options.for_trainer = trainer_id;
  return Calendar{absl::StrCat("trainer-", trainer_id, ".ics"),
                  RenderCalendar(sessions, options, clock_())};
}

}  // namespace trainhub::domain
