#include "domain/planning/series_planning.h"

#include <algorithm>
#include <utility>

#include "absl/strings/str_cat.h"
#include "domain/access.h"
#include "domain/audit_trail.h"
#include "domain/berlin_time.h"
#include "domain/enrolment/enrolment_rules.h"
#include "domain/errors.h"
#include "domain/limits.h"
#include "domain/planning/planning_rules.h"
#include "domain/policy.h"
#include "domain/status_macros.h"
#include "domain/text.h"
#include "domain/validation.h"

namespace trainhub::domain {
namespace {

const std::vector<MaskedField<Series>>& SeriesFields() {
  static const auto* fields = new std::vector<MaskedField<Series>>{
      Field("title", &Series::title),
      Field("kind", &Series::kind),
      Field("description", &Series::description),
      Field("organization_id", &Series::organization_id),
      Field("partner_organization_ids", &Series::partner_organization_ids),
      Field("target_groups", &Series::target_groups),
      Field("capacity", &Series::capacity),
      Field("status", &Series::status),
      Field("partners_may_plan", &Series::partners_may_plan),
      Field("requires_approval", &Series::requires_approval),
      Field("requires_confirmation", &Series::requires_confirmation),
      Field("confirmation_deadline", &Series::confirmation_deadline),
      Field("enrolment_deadline", &Series::enrolment_deadline),
      Field("awards_qualification", &Series::awards_qualification),
      Field("required_qualification", &Series::required_qualification),
      Field("issued_documents", &Series::issued_documents)};
  return *fields;
}

const std::vector<MaskedField<Module>>& ModuleFields() {
  static const auto* fields = new std::vector<MaskedField<Module>>{
      Field("title", &Module::title), Field("topics", &Module::topics),
      Field("mandatory", &Module::mandatory), Field("teaching_units", &Module::teaching_units)};
  return *fields;
}

absl::StatusOr<std::vector<Module>> AllModules(ReadView& r, Id series_id) {
  PageRequest page;
  page.limit = kMaxModulesPerSeries + 1;
  TH_ASSIGN_OR_RETURN(Page<Module> modules, r.series().ListModules(series_id, page));
  return std::move(modules.items);
}

std::vector<Id> IdsOf(const std::vector<Module>& modules) {
  std::vector<Id> ids;
  for (const Module& m : modules) ids.push_back(m.id);
  return ids;
}

absl::Status CheckOrganizations(ReadView& r, const Series& series, absl::string_view prefix) {
  Violations v;
  absl::StatusOr<Organization> owner = r.organizations().Get(series.organization_id);
  if (absl::IsNotFound(owner.status())) {
    v.Add(absl::StrCat(prefix, "organization_id"),
          Msg("organisation {organization} does not exist",
              {{"organization", series.organization_id}}));
  } else if (!owner.ok()) {
    return owner.status();
  }
  for (size_t i = 0; i < series.partner_organization_ids.size(); ++i) {
    const Id id = series.partner_organization_ids[i];
    absl::StatusOr<Organization> partner = r.organizations().Get(id);
    if (absl::IsNotFound(partner.status())) {
      v.Add(absl::StrCat(prefix, "partner_organization_ids[", i, "]"),
            Msg("organisation {organization} does not exist", {{"organization", id}}));
    } else if (!partner.ok()) {
      return partner.status();
    }
  }
  return v.ToStatus();
}

// The deadlines that only make sense against the series' own dates: no
// confirmation deadline before the series existed, no enrolment deadline
// after its last session ended. Checks those named by `check_*`.
void CheckDeadlineDates(const Series& series, bool check_confirmation, bool check_enrolment,
                        Violations& v) {
  if (check_confirmation && series.confirmation_deadline &&
      *series.confirmation_deadline < series.create_time) {
    v.Add("series.confirmation_deadline",
          Msg("is before the series was created ({time})",
              {{"time", FormatLocal(series.create_time)}}));
  }
  if (check_enrolment && series.enrolment_deadline && series.last_session_end &&
      *series.enrolment_deadline > *series.last_session_end) {
    v.Add("series.enrolment_deadline",
          Msg("is after the series' last session ends ({time})",
              {{"time", FormatLocal(*series.last_session_end)}}));
  }
}

// A series is completed once its sessions are over: FAILED_PRECONDITION
// "series.status" naming the last session to end while one has not ended.
absl::Status CheckAllSessionsEnded(ReadView& r, const Series& series, absl::Time now) {
  SessionFilter filter;
  filter.series_id = series.id;
  filter.from = now;  // sessions that end after now
  TH_ASSIGN_OR_RETURN(std::vector<Session> open, AllPages<Session>([&](const PageRequest& page) {
                        return r.sessions().List(filter, page);
                      }));
  if (open.empty()) return absl::OkStatus();
  const Session& last = *std::max_element(
      open.begin(), open.end(), [](const Session& a, const Session& b) { return a.end < b.end; });
  return FieldError(
      absl::StatusCode::kFailedPrecondition, "series.status",
      Msg("session {session} of series {series} ends only at {time} (Europe/Berlin){others, "
          "plural, =0 {} other {, and # other session(s) have not ended either}}; a series is "
          "completed once its last session has ended",
          {{"session", last.id},
           {"series", series.id},
           {"time", FormatLocal(last.end)},
           MessageArg::Count("others", static_cast<int64_t>(open.size()) - 1)}));
}

}  // namespace

SeriesPlanning::SeriesPlanning(Store& store, Clock clock)
    : store_(store), clock_(std::move(clock)) {}

absl::StatusOr<Series> SeriesPlanning::CreateSeries(const RequestContext& ctx, Series series,
                                                    const RequestKey& key) {
  const Principal& who = ctx.who;
  Violations v;
  if (series.issued_documents == IssuedDocuments::kUnspecified) {
    series.issued_documents = IssuedDocuments::kCertificateAndConfirmation;
  }
  ValidateSeries(series, "series", v);
  if (series.status != SeriesStatus::kUnspecified && series.status != SeriesStatus::kDraft) {
    v.Add("series.status", Msg("a new series starts as draft; leave it unset"));
  }
  TH_RETURN_IF_ERROR(v.ToStatus());
  if (!who.IsAdmin() && !who.Coordinates(series.organization_id)) {
    return Denied(Msg("your account may not create series for organisation {organization}",
                      {{"organization", series.organization_id}}));
  }
  series.status = SeriesStatus::kDraft;
  series.cancellation_reason.clear();
  series.create_time = series.update_time = clock_();
  CheckDeadlineDates(series, true, true, v);
  TH_RETURN_IF_ERROR(v.ToStatus());
  return CreateOnce<Series>(
      store_, "CreateSeries", key,
      [&](UnitOfWork& w) -> absl::StatusOr<Id> {
        TH_RETURN_IF_ERROR(CheckOrganizations(w, series, "series."));
        TH_ASSIGN_OR_RETURN(Id id, w.series().Insert(series));
        TH_RETURN_IF_ERROR(
            AuditTrail(w, ctx, series.create_time).Changed("series", id, series.organization_id));
        return id;
      },
      [](UnitOfWork& w, Id id) { return w.series().Get(id); });
}

absl::StatusOr<Series> SeriesPlanning::GetSeries(const Principal& who, Id id) {
  TH_RETURN_IF_ERROR(CheckId(id, "id"));
  Series out;
  TH_RETURN_IF_ERROR(store_.Read([&](ReadView& r) -> absl::Status {
    TH_ASSIGN_OR_RETURN(out, SeriesFor(r, who, id, Need::kSee, "id"));
    return absl::OkStatus();
  }));
  return out;
}

absl::StatusOr<Page<Series>> SeriesPlanning::ListSeries(const Principal& who,
                                                        const SeriesFilter& filter,
                                                        const PageRequest& page) {
  Violations v;
  if (filter.kind != SeriesKind::kUnspecified && !IsKnown(filter.kind)) {
    v.Add("kind", UnknownValue(static_cast<int>(filter.kind)));
  }
  if (filter.status != SeriesStatus::kUnspecified && !IsKnown(filter.status)) {
    v.Add("status", UnknownValue(static_cast<int>(filter.status)));
  }
  if (filter.organization_id < 0) v.Add("organization_id", Msg("must not be negative"));
  TH_RETURN_IF_ERROR(v.ToStatus());
  TH_RETURN_IF_ERROR(CheckRange(filter.from, filter.to));
  SeriesFilter visible = filter;
  visible.visible_to = VisibilityOf(who);
  Page<Series> out;
  TH_RETURN_IF_ERROR(store_.Read([&](ReadView& r) -> absl::Status {
    TH_ASSIGN_OR_RETURN(out, r.series().List(visible, page));
    return absl::OkStatus();
  }));
  return out;
}

absl::StatusOr<Series> SeriesPlanning::UpdateSeries(const RequestContext& ctx, const Series& patch,
                                                    const UpdateMask& mask) {
  const Principal& who = ctx.who;
  TH_RETURN_IF_ERROR(CheckId(patch.id, "series.id"));
  TH_RETURN_IF_ERROR(CheckMask(mask, SeriesFields()));
  Series out;
  TH_RETURN_IF_ERROR(store_.Write([&](UnitOfWork& w) -> absl::Status {
    TH_ASSIGN_OR_RETURN(Series series, SeriesFor(w, who, patch.id, Need::kPlan, "series.id"));
    TH_RETURN_IF_ERROR(CheckNotFrozen(series));
    if ((Has(mask, "partners_may_plan") || Has(mask, "organization_id") ||
         Has(mask, "partner_organization_ids")) &&
        !who.IsAdmin() && !who.Coordinates(series.organization_id)) {
      // Who owns and who plans a series is the owner's decision.
      return Denied(
          Msg("your account may not change who plans series {series}", {{"series", series.id}}));
    }
    const SeriesStatus old_status = series.status;
    ApplyMask(series, patch, mask, SeriesFields());
    Violations v;
    ValidateSeries(series, "series", v);
    if (series.status == SeriesStatus::kUnspecified) {
      v.Add("series.status", Msg("is required when named in update_mask"));
    }
    CheckDeadlineDates(series, Has(mask, "confirmation_deadline"), Has(mask, "enrolment_deadline"),
                       v);
    TH_RETURN_IF_ERROR(v.ToStatus());
    TH_RETURN_IF_ERROR(CheckStatusTransition(old_status, series.status));
    if (series.status == SeriesStatus::kCompleted) {
      TH_RETURN_IF_ERROR(CheckAllSessionsEnded(w, series, clock_()));
    }
    if (!CanPlanSeries(who, series)) {
      return Denied(
          Msg("your account may not hand series {series} to organisation {organization}",
              {{"series", series.id}, {"organization", series.organization_id}}));
    }
    if (Has(mask, "organization_id") || Has(mask, "partner_organization_ids")) {
      TH_RETURN_IF_ERROR(CheckOrganizations(w, series, "series."));
    }
    series.update_time = clock_();
    TH_RETURN_IF_ERROR(w.series().Update(series));
    AuditTrail trail(w, ctx, series.update_time);
    TH_RETURN_IF_ERROR(trail.Changed("series", series.id, series.organization_id));
    // More seats (or a series open again) let the waiting list move up.
    TH_RETURN_IF_ERROR(FillSeats(w, trail, series).status());
    TH_ASSIGN_OR_RETURN(out, w.series().Get(series.id));
    return absl::OkStatus();
  }));
  return out;
}

absl::StatusOr<Series> SeriesPlanning::CancelSeries(const RequestContext& ctx, Id id,
                                                    std::string reason) {
  const Principal& who = ctx.who;
  TH_RETURN_IF_ERROR(CheckId(id, "id"));
  if (CountCodePoints(reason)) reason = Trimmed(reason);
  if (std::optional<Message> problem = TextProblem(reason, 0, kMaxReasonChars, true)) {
    return InvalidField("reason", *std::move(problem));
  }
  Series out;
  TH_RETURN_IF_ERROR(store_.Write([&](UnitOfWork& w) -> absl::Status {
    TH_ASSIGN_OR_RETURN(Series series, SeriesFor(w, who, id, Need::kPlan, "id"));
    if (series.status == SeriesStatus::kCancelled) {
      out = series;  // cancelling twice is a no-op
      return absl::OkStatus();
    }
    if (series.status == SeriesStatus::kCompleted) {
      return Refusal(absl::StatusCode::kFailedPrecondition,
                     Msg("series {series} is completed and cannot be cancelled", {{"series", id}}));
    }
    series.status = SeriesStatus::kCancelled;
    series.cancellation_reason = reason;
    series.update_time = clock_();
    TH_RETURN_IF_ERROR(w.series().Update(series));
    AuditTrail trail(w, ctx, series.update_time);
    TH_RETURN_IF_ERROR(trail.Changed("series", series.id, series.organization_id));
    // Bookings of a cancelled series block nobody (FindOverlapping skips it)
    // and show as cancelled in schedules.
    TH_RETURN_IF_ERROR(EndEnrolmentsOfCancelledSeries(w, trail, series, who.account.id, reason));
    TH_ASSIGN_OR_RETURN(out, w.series().Get(id));
    return absl::OkStatus();
  }));
  return out;
}

absl::Status SeriesPlanning::DeleteSeries(const RequestContext& ctx, Id id, bool force) {
  const Principal& who = ctx.who;
  TH_RETURN_IF_ERROR(CheckId(id, "id"));
  return store_.Write([&](UnitOfWork& w) -> absl::Status {
    TH_ASSIGN_OR_RETURN(Series series, SeriesFor(w, who, id, Need::kPlan, "id"));
    TH_ASSIGN_OR_RETURN(int64_t enrolments, w.enrolments().Count(id));
    if (enrolments > 0) {
      // Enrolments are people's records with their history; never deleted with a plan.
      return Refusal(
          absl::StatusCode::kFailedPrecondition,
          Msg("series {series} has {n} enrolment(s); cancel the series instead",
              {{"series", id}, MessageArg::Count("n", enrolments)}));
    }
    if (series.module_count > 0 && !force) {
      return Refusal(absl::StatusCode::kFailedPrecondition,
                     Msg("series {series} has {n} module(s); delete them first, cancel the series "
                         "instead, or set force to delete the series with its modules and sessions",
                         {{"series", id}, MessageArg::Count("n", series.module_count)}));
    }
    TH_RETURN_IF_ERROR(w.series().Delete(id));
    return AuditTrail(w, ctx, clock_()).Changed("series", id, series.organization_id);
  });
}

// ---- modules ----

absl::StatusOr<Module> SeriesPlanning::CreateModule(const RequestContext& ctx, Id series_id,
                                                    Module module, int position,
                                                    const RequestKey& key) {
  const Principal& who = ctx.who;
  TH_RETURN_IF_ERROR(CheckId(series_id, "series_id"));
  Violations v;
  ValidateModule(module, "module", v);
  if (position < 0) v.Add("position", Msg("must not be negative"));
  TH_RETURN_IF_ERROR(v.ToStatus());
  module.series_id = series_id;
  return CreateOnce<Module>(
      store_, "CreateModule", key,
      [&](UnitOfWork& w) -> absl::StatusOr<Id> {
        TH_ASSIGN_OR_RETURN(Series series, SeriesFor(w, who, series_id, Need::kPlan, "series_id"));
        TH_RETURN_IF_ERROR(CheckNotFrozen(series));
        TH_ASSIGN_OR_RETURN(std::vector<Module> modules, AllModules(w, series_id));
        const int count = static_cast<int>(modules.size());
        if (count >= kMaxModulesPerSeries) {
          return Refusal(absl::StatusCode::kFailedPrecondition,
                         Msg("series {series} already has the maximum of {max} modules",
                             {{"series", series_id},
                              {"max", static_cast<int64_t>(kMaxModulesPerSeries)}}));
        }
        if (position > count + 1) {
          return InvalidField(
              "position",
              Msg("must be between 1 and {max}, or 0 to append", {{"max", count + 1}}));
        }
        const int at = position == 0 ? count + 1 : position;
        module.position = count + 1;
        TH_ASSIGN_OR_RETURN(Id id, w.series().InsertModule(module));
        std::vector<Id> order = IdsOf(modules);
        order.insert(order.begin() + (at - 1), id);
        TH_RETURN_IF_ERROR(w.series().SetModuleOrder(series_id, order));
        TH_RETURN_IF_ERROR(
            AuditTrail(w, ctx, clock_()).Changed("module", id, series.organization_id));
        return id;
      },
      [](UnitOfWork& w, Id id) { return w.series().GetModule(id); });
}

absl::StatusOr<Page<Module>> SeriesPlanning::ListModules(const Principal& who, Id series_id,
                                                         const PageRequest& page) {
  TH_RETURN_IF_ERROR(CheckId(series_id, "series_id"));
  Page<Module> out;
  TH_RETURN_IF_ERROR(store_.Read([&](ReadView& r) -> absl::Status {
    TH_RETURN_IF_ERROR(SeriesFor(r, who, series_id, Need::kSee, "series_id").status());
    TH_ASSIGN_OR_RETURN(out, r.series().ListModules(series_id, page));
    return absl::OkStatus();
  }));
  return out;
}

absl::StatusOr<Module> SeriesPlanning::UpdateModule(const RequestContext& ctx, Id series_id,
                                                    const Module& patch, const UpdateMask& mask) {
  const Principal& who = ctx.who;
  TH_RETURN_IF_ERROR(CheckMask(mask, ModuleFields()));
  Module out;
  TH_RETURN_IF_ERROR(store_.Write([&](UnitOfWork& w) -> absl::Status {
    TH_ASSIGN_OR_RETURN(auto loaded,
                        LoadModule(w, who, Need::kPlan, series_id, patch.id, "module.id"));
    auto& [series, module] = loaded;
    TH_RETURN_IF_ERROR(CheckNotFrozen(series));
    ApplyMask(module, patch, mask, ModuleFields());
    Violations v;
    ValidateModule(module, "module", v);
    TH_RETURN_IF_ERROR(v.ToStatus());
    TH_RETURN_IF_ERROR(w.series().UpdateModule(module));
    TH_RETURN_IF_ERROR(
        AuditTrail(w, ctx, clock_()).Changed("module", module.id, series.organization_id));
    TH_ASSIGN_OR_RETURN(out, w.series().GetModule(module.id));
    return absl::OkStatus();
  }));
  return out;
}

absl::StatusOr<std::vector<Module>> SeriesPlanning::MoveModule(const RequestContext& ctx,
                                                               Id series_id, Id module_id,
                                                               int position) {
  const Principal& who = ctx.who;
  std::vector<Module> out;
  TH_RETURN_IF_ERROR(store_.Write([&](UnitOfWork& w) -> absl::Status {
    TH_ASSIGN_OR_RETURN(auto loaded,
                        LoadModule(w, who, Need::kPlan, series_id, module_id, "module_id"));
    TH_RETURN_IF_ERROR(CheckNotFrozen(loaded.first));
    TH_ASSIGN_OR_RETURN(std::vector<Module> modules, AllModules(w, series_id));
    const int count = static_cast<int>(modules.size());
    if (position < 1 || position > count) {
      return InvalidField("position", Msg("must be between 1 and {max}", {{"max", count}}));
    }
    std::vector<Id> order = IdsOf(modules);
    order.erase(std::find(order.begin(), order.end(), module_id));
    order.insert(order.begin() + (position - 1), module_id);
    TH_RETURN_IF_ERROR(w.series().SetModuleOrder(series_id, order));
    TH_RETURN_IF_ERROR(
        AuditTrail(w, ctx, clock_()).Changed("series", series_id, loaded.first.organization_id));
    TH_ASSIGN_OR_RETURN(out, AllModules(w, series_id));
    return absl::OkStatus();
  }));
  return out;
}

absl::Status SeriesPlanning::DeleteModule(const RequestContext& ctx, Id series_id, Id module_id,
                                          bool force) {
  const Principal& who = ctx.who;
  return store_.Write([&](UnitOfWork& w) -> absl::Status {
    TH_ASSIGN_OR_RETURN(auto loaded,
                        LoadModule(w, who, Need::kPlan, series_id, module_id, "module_id"));
    auto& [series, module] = loaded;
    TH_RETURN_IF_ERROR(CheckNotFrozen(series));
    if (module.session_count > 0 && !force) {
      return Refusal(absl::StatusCode::kFailedPrecondition,
                     Msg("module {module} has {n} session(s); delete them first or set force",
                         {{"module", module_id}, MessageArg::Count("n", module.session_count)}));
    }
    if (module.session_count > 0) {
      SessionFilter filter;
      filter.series_id = series_id;
      filter.module_id = module_id;
      PageRequest page;
      page.limit = kMaxSessionsPerModule;
      TH_ASSIGN_OR_RETURN(Page<Session> sessions, w.sessions().List(filter, page));
      std::vector<Id> ids;
      for (const Session& s : sessions.items) ids.push_back(s.id);
      TH_RETURN_IF_ERROR(CheckNoAttendance(w, ids));
    }
    TH_RETURN_IF_ERROR(w.series().DeleteModule(module_id));
    TH_RETURN_IF_ERROR(
        AuditTrail(w, ctx, clock_()).Changed("module", module_id, series.organization_id));
    TH_ASSIGN_OR_RETURN(std::vector<Module> rest, AllModules(w, series_id));
    return w.series().SetModuleOrder(series_id, IdsOf(rest));
  });
}

}  // namespace trainhub::domain
