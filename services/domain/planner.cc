#include "domain/planner.h"

#include <algorithm>
#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "domain/access.h"
#include "domain/berlin_time.h"
#include "domain/calendar.h"
#include "domain/enrolments.h"
#include "domain/errors.h"
#include "domain/limits.h"
#include "domain/policy.h"
#include "domain/status_macros.h"
#include "domain/text.h"
#include "domain/validation.h"

namespace trainhub::domain {
namespace {

// The updatable fields of each entity, in the API's update_mask paths.
const std::vector<MaskedField<Organization>>& OrganizationFields() {
  static const auto* fields = new std::vector<MaskedField<Organization>>{
      Field("name", &Organization::name), Field("kind", &Organization::kind),
      Field("city", &Organization::city), Field("website", &Organization::website)};
  return *fields;
}

const std::vector<MaskedField<Trainer>>& TrainerFields() {
  static const auto* fields = new std::vector<MaskedField<Trainer>>{
      Field("display_name", &Trainer::display_name), Field("email", &Trainer::email),
      Field("affiliation", &Trainer::affiliation)};
  return *fields;
}

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
      Field("required_qualification", &Series::required_qualification)};
  return *fields;
}

// A session's trainers are replaced as a list, but a trainer who stays keeps
// their booking status (and its time) unless the patch gives another one;
// changed or new bookings are stamped `now`.
std::vector<MaskedField<Session>> SessionFields(absl::Time now) {
  auto merge_trainers = [now](Session& stored, const Session& patch) {
    std::vector<TrainerBooking> bookings;
    for (TrainerBooking b : patch.trainers) {
      auto kept =
          std::find_if(stored.trainers.begin(), stored.trainers.end(),
                       [&](const TrainerBooking& old) { return old.trainer_id == b.trainer_id; });
      if (kept != stored.trainers.end() &&
          (b.status == BookingStatus::kUnspecified || b.status == kept->status)) {
        b.status = kept->status;
        b.status_time = kept->status_time;
      } else {
        b.status_time = now;
      }
      bookings.push_back(b);
    }
    stored.trainers = std::move(bookings);
  };
  return {Field("start_time", &Session::start), Field("end_time", &Session::end),
          Field("place", &Session::place), MaskedField<Session>{"trainers", merge_trainers},
          Field("note", &Session::note)};
}

const std::vector<MaskedField<Module>>& ModuleFields() {
  static const auto* fields = new std::vector<MaskedField<Module>>{
      Field("title", &Module::title), Field("topics", &Module::topics),
      Field("mandatory", &Module::mandatory), Field("teaching_units", &Module::teaching_units)};
  return *fields;
}

absl::Status CheckNotFrozen(const Series& series) {
  if (!series.IsFrozen()) return absl::OkStatus();
  return absl::FailedPreconditionError(absl::StrCat("series ", series.id, " is ",
                                                    ToString(series.status),
                                                    "; its plan can no longer be changed"));
}

// Refuses referenced trainers that do not exist.
absl::Status CheckTrainersExist(ReadView& r, const Session& session, absl::string_view prefix) {
  Violations v;
  for (size_t i = 0; i < session.trainers.size(); ++i) {
    const Id id = session.trainers[i].trainer_id;
    absl::StatusOr<Trainer> trainer = r.trainers().Get(id);
    if (absl::IsNotFound(trainer.status())) {
      v.Add(absl::StrCat(prefix, "trainers[", i, "].trainer_id"),
            absl::StrCat("trainer ", id, " does not exist"));
    } else if (!trainer.ok()) {
      return trainer.status();
    }
  }
  return v.ToStatus();
}

std::string DescribeSession(const Session& s) {
  return absl::StrCat("session ", s.id, " (\"", s.series_title, "\", module ", s.module_position,
                      " \"", s.module_title, "\", ", FormatLocalRange(s.start, s.end), ")");
}

// FAILED_PRECONDITION naming the first session that `session` would
// double-book (a trainer not declined, or the same place).
absl::Status CheckConflicts(ReadView& r, const Principal& who, const Session& session,
                            bool allow_overlap) {
  if (allow_overlap) return absl::OkStatus();
  std::vector<Id> trainer_ids;
  for (const TrainerBooking& b : session.trainers) {
    if (b.status != BookingStatus::kDeclined) trainer_ids.push_back(b.trainer_id);
  }
  const std::string place_key = PlaceKey(session.place);
  TH_ASSIGN_OR_RETURN(
      std::vector<Session> others,
      r.sessions().FindOverlapping(session.start, session.end, trainer_ids, place_key, session.id));
  for (const Session& other : others) {
    // Details of sessions the caller may not see stay hidden.
    TH_ASSIGN_OR_RETURN(Series other_series, r.series().Get(other.series_id));
    TH_ASSIGN_OR_RETURN(const bool enrolled, Enrolled(r, who, other.series_id));
    const bool visible = CanSeeSession(who, other_series, other, enrolled);
    const std::string where =
        visible ? DescribeSession(other) : "a session of another organisation";
    const Id other_id = visible ? other.id : 0;
    for (const TrainerBooking& b : other.trainers) {
      if (b.status == BookingStatus::kDeclined) continue;
      if (std::find(trainer_ids.begin(), trainer_ids.end(), b.trainer_id) == trainer_ids.end()) {
        continue;
      }
      return ConflictError(absl::StrCat("trainer ", b.trainer_id, " (", b.trainer_name,
                                        ") is already booked at that time for ", where,
                                        "; set allow_overlap to book anyway"),
                           other_id);
    }
    if (!place_key.empty() && PlaceKey(other.place) == place_key) {
      return ConflictError(
          absl::StrCat("place \"", other.place.name, "\" is already booked at that time for ",
                       where, "; set allow_overlap to book anyway"),
          other_id);
    }
  }
  return absl::OkStatus();
}

// Loads session `id` and its series for `who`, like SeriesFor.
absl::StatusOr<std::pair<Session, Series>> SessionFor(ReadView& r, const Principal& who, Id id,
                                                      Need need, absl::string_view field) {
  absl::StatusOr<Session> session = r.sessions().Get(id);
  const std::string what = absl::StrCat(need == Need::kSee ? "see" : "change", " session ", id);
  if (!session.ok()) {
    if (who.IsAdmin() || !absl::IsNotFound(session.status())) {
      return NameField(session.status(), field);
    }
    return Denied(what);
  }
  TH_ASSIGN_OR_RETURN(Series series, r.series().Get(session->series_id));
  bool allowed = false;
  if (need == Need::kPlan) {
    allowed = CanPlanSeries(who, series);
  } else {
    TH_ASSIGN_OR_RETURN(const bool enrolled, Enrolled(r, who, series.id));
    allowed = CanSeeSession(who, series, *session, enrolled);
    if (allowed && !SeesSessionInternals(who, series, *session)) StripInternals(*session);
  }
  if (!allowed) return Denied(what);
  return std::make_pair(*std::move(session), std::move(series));
}

// Loads the series and module named by a request for `who` and checks they
// belong together.
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
                        absl::StrCat("module ", module_id, " belongs to series ", module->series_id,
                                     ", not to series ", series_id));
  }
  return std::make_pair(*std::move(series), *std::move(module));
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
          absl::StrCat("organisation ", series.organization_id, " does not exist"));
  } else if (!owner.ok()) {
    return owner.status();
  }
  for (size_t i = 0; i < series.partner_organization_ids.size(); ++i) {
    const Id id = series.partner_organization_ids[i];
    absl::StatusOr<Organization> partner = r.organizations().Get(id);
    if (absl::IsNotFound(partner.status())) {
      v.Add(absl::StrCat(prefix, "partner_organization_ids[", i, "]"),
            absl::StrCat("organisation ", id, " does not exist"));
    } else if (!partner.ok()) {
      return partner.status();
    }
  }
  return v.ToStatus();
}

absl::Status CheckEmailFree(ReadView& r, const Trainer& trainer) {
  TH_ASSIGN_OR_RETURN(std::optional<Trainer> other, r.trainers().FindByEmail(trainer.email));
  if (other && other->id != trainer.id) {
    return FieldError(absl::StatusCode::kAlreadyExists, "trainer.email",
                      absl::StrCat("trainer ", other->id, " already has this e-mail address"));
  }
  return absl::OkStatus();
}

// ALREADY_EXISTS on "<prefix>name" when another organisation has the same
// name, ignoring case and repeated white space.
absl::Status CheckNameFree(ReadView& r, const Organization& org, absl::string_view prefix) {
  TH_ASSIGN_OR_RETURN(std::optional<Organization> same, r.organizations().FindByName(org.name));
  if (same && same->id != org.id) {
    return FieldError(
        absl::StatusCode::kAlreadyExists, absl::StrCat(prefix, "name"),
        absl::StrCat("organisation ", same->id, " is already called \"", same->name, "\""));
  }
  return absl::OkStatus();
}

// The deadlines that only make sense against the series' own dates: no
// confirmation deadline before the series existed, no enrolment deadline
// after its last session ended. Checks those named by `check_*`.
void CheckDeadlineDates(const Series& series, bool check_confirmation, bool check_enrolment,
                        Violations& v) {
  if (check_confirmation && series.confirmation_deadline &&
      *series.confirmation_deadline < series.create_time) {
    v.Add("series.confirmation_deadline",
          absl::StrCat("is before the series was created (", FormatLocal(series.create_time), ")"));
  }
  if (check_enrolment && series.enrolment_deadline && series.last_session_end &&
      *series.enrolment_deadline > *series.last_session_end) {
    v.Add("series.enrolment_deadline", absl::StrCat("is after the series' last session ends (",
                                                    FormatLocal(*series.last_session_end), ")"));
  }
}

absl::Status CheckRange(std::optional<absl::Time> from, std::optional<absl::Time> to) {
  if (from && to && *to <= *from) return InvalidField("to", "must be after from");
  return absl::OkStatus();
}

}  // namespace

Planner::Planner(Store& store, Clock clock) : store_(store), clock_(std::move(clock)) {}

// ---- organisations ----

absl::StatusOr<Organization> Planner::CreateOrganization([[maybe_unused]] const Principal& who,
                                                         Organization org, const RequestKey& key) {
  Violations v;
  ValidateOrganization(org, "organization", v);
  TH_RETURN_IF_ERROR(v.ToStatus());
  org.create_time = org.update_time = clock_();
  return CreateOnce<Organization>(
      store_, "CreateOrganization", key,
      [&](UnitOfWork& w) -> absl::StatusOr<Id> {
        TH_RETURN_IF_ERROR(CheckNameFree(w, org, "organization."));
        return w.organizations().Insert(org);
      },
      [](UnitOfWork& w, Id id) { return w.organizations().Get(id); });
}

absl::StatusOr<Organization> Planner::GetOrganization([[maybe_unused]] const Principal& who,
                                                      Id id) {
  TH_RETURN_IF_ERROR(CheckId(id, "id"));
  Organization out;
  TH_RETURN_IF_ERROR(store_.Read([&](ReadView& r) -> absl::Status {
    absl::StatusOr<Organization> org = r.organizations().Get(id);
    if (!org.ok()) return NameField(org.status(), "id");
    out = *std::move(org);
    return absl::OkStatus();
  }));
  return out;
}

absl::StatusOr<Page<Organization>> Planner::ListOrganizations([[maybe_unused]] const Principal& who,
                                                              const PageRequest& page) {
  Page<Organization> out;
  TH_RETURN_IF_ERROR(store_.Read([&](ReadView& r) -> absl::Status {
    TH_ASSIGN_OR_RETURN(out, r.organizations().List(page));
    return absl::OkStatus();
  }));
  return out;
}

absl::StatusOr<Organization> Planner::UpdateOrganization([[maybe_unused]] const Principal& who,
                                                         const Organization& patch,
                                                         const UpdateMask& mask) {
  TH_RETURN_IF_ERROR(CheckId(patch.id, "organization.id"));
  TH_RETURN_IF_ERROR(CheckMask(mask, OrganizationFields()));
  Organization out;
  TH_RETURN_IF_ERROR(store_.Write([&](UnitOfWork& w) -> absl::Status {
    absl::StatusOr<Organization> current = w.organizations().Get(patch.id);
    if (!current.ok()) return NameField(current.status(), "organization.id");
    Organization org = *std::move(current);
    ApplyMask(org, patch, mask, OrganizationFields());
    Violations v;
    ValidateOrganization(org, "organization", v);
    TH_RETURN_IF_ERROR(v.ToStatus());
    TH_RETURN_IF_ERROR(CheckNameFree(w, org, "organization."));
    org.update_time = clock_();
    TH_RETURN_IF_ERROR(w.organizations().Update(org));
    TH_ASSIGN_OR_RETURN(out, w.organizations().Get(org.id));
    return absl::OkStatus();
  }));
  return out;
}

// ---- trainers ----

absl::StatusOr<Trainer> Planner::CreateTrainer([[maybe_unused]] const Principal& who,
                                               Trainer trainer, const RequestKey& key) {
  Violations v;
  ValidateTrainer(trainer, "trainer", v);
  TH_RETURN_IF_ERROR(v.ToStatus());
  trainer.create_time = trainer.update_time = clock_();
  return CreateOnce<Trainer>(
      store_, "CreateTrainer", key,
      [&](UnitOfWork& w) -> absl::StatusOr<Id> {
        TH_RETURN_IF_ERROR(CheckEmailFree(w, trainer));
        return w.trainers().Insert(trainer);
      },
      [](UnitOfWork& w, Id id) { return w.trainers().Get(id); });
}

absl::StatusOr<Trainer> Planner::GetTrainer(const Principal& who, Id id) {
  TH_RETURN_IF_ERROR(CheckId(id, "id"));
  TH_RETURN_IF_ERROR(CheckTrainerScope(who, id));
  Trainer out;
  TH_RETURN_IF_ERROR(store_.Read([&](ReadView& r) -> absl::Status {
    absl::StatusOr<Trainer> trainer = r.trainers().Get(id);
    if (!trainer.ok()) return NameField(trainer.status(), "id");
    out = *std::move(trainer);
    return absl::OkStatus();
  }));
  return out;
}

absl::StatusOr<Page<Trainer>> Planner::ListTrainers([[maybe_unused]] const Principal& who,
                                                    const PageRequest& page) {
  Page<Trainer> out;
  TH_RETURN_IF_ERROR(store_.Read([&](ReadView& r) -> absl::Status {
    TH_ASSIGN_OR_RETURN(out, r.trainers().List(page));
    return absl::OkStatus();
  }));
  return out;
}

absl::StatusOr<Trainer> Planner::UpdateTrainer([[maybe_unused]] const Principal& who,
                                               const Trainer& patch, const UpdateMask& mask) {
  TH_RETURN_IF_ERROR(CheckId(patch.id, "trainer.id"));
  TH_RETURN_IF_ERROR(CheckMask(mask, TrainerFields()));
  Trainer out;
  TH_RETURN_IF_ERROR(store_.Write([&](UnitOfWork& w) -> absl::Status {
    absl::StatusOr<Trainer> current = w.trainers().Get(patch.id);
    if (!current.ok()) return NameField(current.status(), "trainer.id");
    Trainer trainer = *std::move(current);
    ApplyMask(trainer, patch, mask, TrainerFields());
    Violations v;
    ValidateTrainer(trainer, "trainer", v);
    TH_RETURN_IF_ERROR(v.ToStatus());
    TH_RETURN_IF_ERROR(CheckEmailFree(w, trainer));
    trainer.update_time = clock_();
    TH_RETURN_IF_ERROR(w.trainers().Update(trainer));
    TH_ASSIGN_OR_RETURN(out, w.trainers().Get(trainer.id));
    return absl::OkStatus();
  }));
  return out;
}

// ---- series ----

absl::StatusOr<Series> Planner::CreateSeries(const Principal& who, Series series,
                                             const RequestKey& key) {
  Violations v;
  ValidateSeries(series, "series", v);
  if (series.status != SeriesStatus::kUnspecified && series.status != SeriesStatus::kDraft) {
    v.Add("series.status", "a new series starts as draft; leave it unset");
  }
  TH_RETURN_IF_ERROR(v.ToStatus());
  if (!who.IsAdmin() && !who.Coordinates(series.organization_id)) {
    return Denied(absl::StrCat("create series for organisation ", series.organization_id));
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
        return w.series().Insert(series);
      },
      [](UnitOfWork& w, Id id) { return w.series().Get(id); });
}

absl::StatusOr<Series> Planner::GetSeries(const Principal& who, Id id) {
  TH_RETURN_IF_ERROR(CheckId(id, "id"));
  Series out;
  TH_RETURN_IF_ERROR(store_.Read([&](ReadView& r) -> absl::Status {
    TH_ASSIGN_OR_RETURN(out, SeriesFor(r, who, id, Need::kSee, "id"));
    return absl::OkStatus();
  }));
  return out;
}

absl::StatusOr<Page<Series>> Planner::ListSeries(const Principal& who, const SeriesFilter& filter,
                                                 const PageRequest& page) {
  Violations v;
  if (filter.kind != SeriesKind::kUnspecified && !IsKnown(filter.kind)) {
    v.Add("kind", absl::StrCat("unknown value ", static_cast<int>(filter.kind)));
  }
  if (filter.status != SeriesStatus::kUnspecified && !IsKnown(filter.status)) {
    v.Add("status", absl::StrCat("unknown value ", static_cast<int>(filter.status)));
  }
  if (filter.organization_id < 0) v.Add("organization_id", "must not be negative");
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

absl::StatusOr<Series> Planner::UpdateSeries(const Principal& who, const Series& patch,
                                             const UpdateMask& mask) {
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
      return Denied(absl::StrCat("change who plans series ", series.id));
    }
    const SeriesStatus old_status = series.status;
    ApplyMask(series, patch, mask, SeriesFields());
    Violations v;
    ValidateSeries(series, "series", v);
    if (series.status == SeriesStatus::kUnspecified) {
      v.Add("series.status", "is required when named in update_mask");
    }
    CheckDeadlineDates(series, Has(mask, "confirmation_deadline"), Has(mask, "enrolment_deadline"),
                       v);
    TH_RETURN_IF_ERROR(v.ToStatus());
    TH_RETURN_IF_ERROR(CheckStatusTransition(old_status, series.status));
    if (!CanPlanSeries(who, series)) {
      return Denied(
          absl::StrCat("hand series ", series.id, " to organisation ", series.organization_id));
    }
    if (Has(mask, "organization_id") || Has(mask, "partner_organization_ids")) {
      TH_RETURN_IF_ERROR(CheckOrganizations(w, series, "series."));
    }
    series.update_time = clock_();
    TH_RETURN_IF_ERROR(w.series().Update(series));
    // More seats (or a series open again) let the waiting list move up.
    TH_RETURN_IF_ERROR(FillSeats(w, series, series.update_time).status());
    TH_ASSIGN_OR_RETURN(out, w.series().Get(series.id));
    return absl::OkStatus();
  }));
  return out;
}

absl::StatusOr<Series> Planner::CancelSeries(const Principal& who, Id id, std::string reason) {
  TH_RETURN_IF_ERROR(CheckId(id, "id"));
  if (CountCodePoints(reason)) reason = Trimmed(reason);
  if (std::string problem = TextProblem(reason, 0, kMaxReasonChars, true); !problem.empty()) {
    return InvalidField("reason", problem);
  }
  Series out;
  TH_RETURN_IF_ERROR(store_.Write([&](UnitOfWork& w) -> absl::Status {
    TH_ASSIGN_OR_RETURN(Series series, SeriesFor(w, who, id, Need::kPlan, "id"));
    if (series.status == SeriesStatus::kCancelled) {
      out = series;  // cancelling twice is a no-op
      return absl::OkStatus();
    }
    if (series.status == SeriesStatus::kCompleted) {
      return absl::FailedPreconditionError(
          absl::StrCat("series ", id, " is completed and cannot be cancelled"));
    }
    series.status = SeriesStatus::kCancelled;
    series.cancellation_reason = reason;
    series.update_time = clock_();
    TH_RETURN_IF_ERROR(w.series().Update(series));
    // Bookings of a cancelled series block nobody (FindOverlappingSessions
    // skips it) and show as cancelled in schedules.
    TH_RETURN_IF_ERROR(
        EndEnrolmentsOfCancelledSeries(w, id, who.account.id, reason, series.update_time));
    TH_ASSIGN_OR_RETURN(out, w.series().Get(id));
    return absl::OkStatus();
  }));
  return out;
}

absl::Status Planner::DeleteSeries(const Principal& who, Id id, bool force) {
  TH_RETURN_IF_ERROR(CheckId(id, "id"));
  return store_.Write([&](UnitOfWork& w) -> absl::Status {
    TH_ASSIGN_OR_RETURN(Series series, SeriesFor(w, who, id, Need::kPlan, "id"));
    TH_ASSIGN_OR_RETURN(int64_t enrolments, w.enrolments().Count(id));
    if (enrolments > 0) {
      // Enrolments are people's records with their history; never deleted with a plan.
      return absl::FailedPreconditionError(absl::StrCat(
          "series ", id, " has ", enrolments, " enrolment(s); cancel the series instead"));
    }
    if (series.module_count > 0 && !force) {
      return absl::FailedPreconditionError(
          absl::StrCat("series ", id, " has ", series.module_count,
                       " module(s); delete them first, cancel the series instead, or set "
                       "force to delete the series with its modules and sessions"));
    }
    return w.series().Delete(id);
  });
}

// ---- modules ----

absl::StatusOr<Module> Planner::CreateModule(const Principal& who, Id series_id, Module module,
                                             int position, const RequestKey& key) {
  TH_RETURN_IF_ERROR(CheckId(series_id, "series_id"));
  Violations v;
  ValidateModule(module, "module", v);
  if (position < 0) v.Add("position", "must not be negative");
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
          return absl::FailedPreconditionError(absl::StrCat("series ", series_id,
                                                            " already has the maximum of ",
                                                            kMaxModulesPerSeries, " modules"));
        }
        if (position > count + 1) {
          return InvalidField(
              "position", absl::StrCat("must be between 1 and ", count + 1, ", or 0 to append"));
        }
        const int at = position == 0 ? count + 1 : position;
        module.position = count + 1;
        TH_ASSIGN_OR_RETURN(Id id, w.series().InsertModule(module));
        std::vector<Id> order = IdsOf(modules);
        order.insert(order.begin() + (at - 1), id);
        TH_RETURN_IF_ERROR(w.series().SetModuleOrder(series_id, order));
        return id;
      },
      [](UnitOfWork& w, Id id) { return w.series().GetModule(id); });
}

absl::StatusOr<Page<Module>> Planner::ListModules(const Principal& who, Id series_id,
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

absl::StatusOr<Module> Planner::UpdateModule(const Principal& who, Id series_id,
                                             const Module& patch, const UpdateMask& mask) {
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
    TH_ASSIGN_OR_RETURN(out, w.series().GetModule(module.id));
    return absl::OkStatus();
  }));
  return out;
}

absl::StatusOr<std::vector<Module>> Planner::MoveModule(const Principal& who, Id series_id,
                                                        Id module_id, int position) {
  std::vector<Module> out;
  TH_RETURN_IF_ERROR(store_.Write([&](UnitOfWork& w) -> absl::Status {
    TH_ASSIGN_OR_RETURN(auto loaded,
                        LoadModule(w, who, Need::kPlan, series_id, module_id, "module_id"));
    TH_RETURN_IF_ERROR(CheckNotFrozen(loaded.first));
    TH_ASSIGN_OR_RETURN(std::vector<Module> modules, AllModules(w, series_id));
    const int count = static_cast<int>(modules.size());
    if (position < 1 || position > count) {
      return InvalidField("position", absl::StrCat("must be between 1 and ", count));
    }
    std::vector<Id> order = IdsOf(modules);
    order.erase(std::find(order.begin(), order.end(), module_id));
    order.insert(order.begin() + (position - 1), module_id);
    TH_RETURN_IF_ERROR(w.series().SetModuleOrder(series_id, order));
    TH_ASSIGN_OR_RETURN(out, AllModules(w, series_id));
    return absl::OkStatus();
  }));
  return out;
}

absl::Status Planner::DeleteModule(const Principal& who, Id series_id, Id module_id, bool force) {
  return store_.Write([&](UnitOfWork& w) -> absl::Status {
    TH_ASSIGN_OR_RETURN(auto loaded,
                        LoadModule(w, who, Need::kPlan, series_id, module_id, "module_id"));
    auto& [series, module] = loaded;
    TH_RETURN_IF_ERROR(CheckNotFrozen(series));
    if (module.session_count > 0 && !force) {
      return absl::FailedPreconditionError(
          absl::StrCat("module ", module_id, " has ", module.session_count,
                       " session(s); delete them first or set force"));
    }
    TH_RETURN_IF_ERROR(w.series().DeleteModule(module_id));
    TH_ASSIGN_OR_RETURN(std::vector<Module> rest, AllModules(w, series_id));
    return w.series().SetModuleOrder(series_id, IdsOf(rest));
  });
}

// ---- sessions ----

absl::StatusOr<Session> Planner::CreateSession(const Principal& who, Id series_id, Id module_id,
                                               Session session, bool allow_overlap,
                                               const RequestKey& key) {
  TH_RETURN_IF_ERROR(CheckId(series_id, "series_id"));
  TH_RETURN_IF_ERROR(CheckId(module_id, "module_id"));
  Violations v;
  session.id = 0;
  ValidateSession(session, "session", v);
  TH_RETURN_IF_ERROR(v.ToStatus());
  const absl::Time now = clock_();
  for (TrainerBooking& b : session.trainers) b.status_time = now;
  return CreateOnce<Session>(
      store_, "CreateSession", key,
      [&](UnitOfWork& w) -> absl::StatusOr<Id> {
        TH_ASSIGN_OR_RETURN(auto loaded,
                            LoadModule(w, who, Need::kPlan, series_id, module_id, "module_id"));
        auto& [series, module] = loaded;
        TH_RETURN_IF_ERROR(CheckNotFrozen(series));
        if (module.session_count >= kMaxSessionsPerModule) {
          return absl::FailedPreconditionError(absl::StrCat("module ", module_id,
                                                            " already has the maximum of ",
                                                            kMaxSessionsPerModule, " sessions"));
        }
        TH_RETURN_IF_ERROR(CheckTrainersExist(w, session, "session."));
        session.series_id = series_id;
        session.module_id = module_id;
        TH_RETURN_IF_ERROR(CheckConflicts(w, who, session, allow_overlap));
        return w.sessions().Insert(session);
      },
      [](UnitOfWork& w, Id id) { return w.sessions().Get(id); });
}

absl::StatusOr<Session> Planner::GetSession(const Principal& who, Id id) {
  TH_RETURN_IF_ERROR(CheckId(id, "id"));
  Session out;
  TH_RETURN_IF_ERROR(store_.Read([&](ReadView& r) -> absl::Status {
    TH_ASSIGN_OR_RETURN(auto loaded, SessionFor(r, who, id, Need::kSee, "id"));
    out = std::move(loaded.first);
    return absl::OkStatus();
  }));
  return out;
}

absl::StatusOr<Page<Session>> Planner::ListSessions(const Principal& who, Id series_id,
                                                    Id module_id, const PageRequest& page) {
  TH_RETURN_IF_ERROR(CheckId(series_id, "series_id"));
  if (module_id < 0) return InvalidField("module_id", "must not be negative");
  Page<Session> out;
  TH_RETURN_IF_ERROR(store_.Read([&](ReadView& r) -> absl::Status {
    if (module_id != 0) {
      TH_RETURN_IF_ERROR(
          LoadModule(r, who, Need::kSee, series_id, module_id, "module_id").status());
    } else {
      TH_RETURN_IF_ERROR(SeriesFor(r, who, series_id, Need::kSee, "series_id").status());
    }
    SessionFilter filter;
    filter.series_id = series_id;
    filter.module_id = module_id;
    filter.visible_to = VisibilityOf(who);
    TH_ASSIGN_OR_RETURN(out, r.sessions().List(filter, page));
    return HideInternals(r, who, out.items);
  }));
  return out;
}

absl::StatusOr<Session> Planner::UpdateSession(const Principal& who, const Session& patch,
                                               const UpdateMask& mask, bool allow_overlap) {
  TH_RETURN_IF_ERROR(CheckId(patch.id, "session.id"));
  const absl::Time now = clock_();
  const std::vector<MaskedField<Session>> fields = SessionFields(now);
  TH_RETURN_IF_ERROR(CheckMask(mask, fields));
  Session out;
  TH_RETURN_IF_ERROR(store_.Write([&](UnitOfWork& w) -> absl::Status {
    TH_ASSIGN_OR_RETURN(auto loaded, SessionFor(w, who, patch.id, Need::kPlan, "session.id"));
    auto& [session, series] = loaded;
    TH_RETURN_IF_ERROR(CheckNotFrozen(series));
    ApplyMask(session, patch, mask, fields);
    Violations v;
    ValidateSession(session, "session", v);
    TH_RETURN_IF_ERROR(v.ToStatus());
    TH_RETURN_IF_ERROR(CheckTrainersExist(w, session, "session."));
    TH_RETURN_IF_ERROR(CheckConflicts(w, who, session, allow_overlap));
    TH_RETURN_IF_ERROR(w.sessions().Update(session));
    TH_ASSIGN_OR_RETURN(out, w.sessions().Get(session.id));
    return absl::OkStatus();
  }));
  return out;
}

absl::StatusOr<Session> Planner::SetBookingStatus(const Principal& who, Id session_id,
                                                  Id trainer_id, BookingStatus status,
                                                  bool allow_overlap) {
  TH_RETURN_IF_ERROR(CheckId(session_id, "session_id"));
  TH_RETURN_IF_ERROR(CheckId(trainer_id, "trainer_id"));
  if (!IsKnown(status)) {
    return InvalidField("status", status == BookingStatus::kUnspecified
                                      ? "is required"
                                      : absl::StrCat("unknown value ", static_cast<int>(status)));
  }
  Session out;
  TH_RETURN_IF_ERROR(store_.Write([&](UnitOfWork& w) -> absl::Status {
    // The series' planners, and the trainer for their own booking.
    const bool own = who.TrainerId() != 0 && who.TrainerId() == trainer_id;
    TH_ASSIGN_OR_RETURN(
        auto loaded, SessionFor(w, who, session_id, own ? Need::kSee : Need::kPlan, "session_id"));
    auto& [session, series] = loaded;
    TH_RETURN_IF_ERROR(CheckNotFrozen(series));
    auto booking =
        std::find_if(session.trainers.begin(), session.trainers.end(),
                     [&](const TrainerBooking& b) { return b.trainer_id == trainer_id; });
    if (booking == session.trainers.end()) {
      return FieldError(
          absl::StatusCode::kNotFound, "trainer_id",
          absl::StrCat("trainer ", trainer_id, " is not booked for session ", session_id));
    }
    if (booking->status == status) {
      out = session;
      return absl::OkStatus();
    }
    const bool was_declined = booking->status == BookingStatus::kDeclined;
    booking->status = status;
    booking->status_time = clock_();
    if (was_declined) {
      // The trainer's time becomes blocked again; the place was not affected.
      Session only_trainer = session;
      only_trainer.place = {};
      only_trainer.trainers = {*booking};
      TH_RETURN_IF_ERROR(CheckConflicts(w, who, only_trainer, allow_overlap));
    }
    TH_RETURN_IF_ERROR(w.sessions().Update(session));
    TH_ASSIGN_OR_RETURN(out, w.sessions().Get(session_id));
    return absl::OkStatus();
  }));
  return out;
}

absl::Status Planner::DeleteSession(const Principal& who, Id id) {
  TH_RETURN_IF_ERROR(CheckId(id, "id"));
  return store_.Write([&](UnitOfWork& w) -> absl::Status {
    TH_ASSIGN_OR_RETURN(auto loaded, SessionFor(w, who, id, Need::kPlan, "id"));
    TH_RETURN_IF_ERROR(CheckNotFrozen(loaded.second));
    return w.sessions().Delete(id);
  });
}

// ---- schedules ----

absl::StatusOr<Page<Session>> Planner::ListTrainerSessions(const Principal& who, Id trainer_id,
                                                           std::optional<absl::Time> from,
                                                           std::optional<absl::Time> to,
                                                           const PageRequest& page) {
  TH_RETURN_IF_ERROR(CheckId(trainer_id, "trainer_id"));
  TH_RETURN_IF_ERROR(CheckRange(from, to));
  TH_RETURN_IF_ERROR(CheckTrainerScope(who, trainer_id));
  Page<Session> out;
  TH_RETURN_IF_ERROR(store_.Read([&](ReadView& r) -> absl::Status {
    absl::StatusOr<Trainer> trainer = r.trainers().Get(trainer_id);
    if (!trainer.ok()) return NameField(trainer.status(), "trainer_id");
    SessionFilter filter;
    filter.trainer_id = trainer_id;
    filter.from = from;
    filter.to = to;
    filter.visible_to = VisibilityOf(who);
    TH_ASSIGN_OR_RETURN(out, r.sessions().List(filter, page));
    return HideInternals(r, who, out.items);
  }));
  return out;
}

absl::StatusOr<Page<Session>> Planner::ListSessionsInRange(const Principal& who, absl::Time from,
                                                           absl::Time to, Id organization_id,
                                                           const PageRequest& page) {
  Violations v;
  if (from == absl::UnixEpoch()) v.Add("from", "is required");
  if (to == absl::UnixEpoch()) v.Add("to", "is required");
  if (organization_id < 0) v.Add("organization_id", "must not be negative");
  TH_RETURN_IF_ERROR(v.ToStatus());
  TH_RETURN_IF_ERROR(CheckRange(from, to));
  Page<Session> out;
  TH_RETURN_IF_ERROR(store_.Read([&](ReadView& r) -> absl::Status {
    SessionFilter filter;
    filter.from = from;
    filter.to = to;
    filter.organization_id = organization_id;
    filter.visible_to = VisibilityOf(who);
    TH_ASSIGN_OR_RETURN(out, r.sessions().List(filter, page));
    return HideInternals(r, who, out.items);
  }));
  return out;
}

absl::StatusOr<Page<Session>> Planner::ListPendingBookings(const Principal& who, Id trainer_id,
                                                           Id organization_id,
                                                           const PageRequest& page) {
  Violations v;
  if (trainer_id < 0) v.Add("trainer_id", "must not be negative");
  if (organization_id < 0) v.Add("organization_id", "must not be negative");
  TH_RETURN_IF_ERROR(v.ToStatus());
  Page<Session> out;
  TH_RETURN_IF_ERROR(store_.Read([&](ReadView& r) -> absl::Status {
    SessionFilter filter;
    filter.trainer_id = trainer_id;
    filter.organization_id = organization_id;
    filter.pending_only = true;
    filter.skip_cancelled_series = true;
    filter.visible_to = VisibilityOf(who);
    TH_ASSIGN_OR_RETURN(out, r.sessions().List(filter, page));
    return HideInternals(r, who, out.items);
  }));
  return out;
}

// ---- calendars ----

absl::Status Planner::CheckTrainerScope(const Principal& who, Id trainer_id) {
  if (who.IsAdmin() || who.Has(Role::kCoordinator) || who.TrainerId() == trainer_id) {
    return absl::OkStatus();
  }
  return Denied(absl::StrCat("see the sessions of trainer ", trainer_id));
}

absl::StatusOr<std::vector<Session>> Planner::AllSessions(const Principal& who,
                                                          const SessionFilter& filter) {
  std::vector<Session> all;
  TH_RETURN_IF_ERROR(store_.Read([&](ReadView& r) -> absl::Status {
    PageRequest page;
    page.limit = kMaxPageSize;
    for (;;) {
      TH_ASSIGN_OR_RETURN(Page<Session> batch, r.sessions().List(filter, page));
      for (Session& s : batch.items) all.push_back(std::move(s));
      if (!batch.next) return HideInternals(r, who, all);
      page.after = batch.next;
    }
  }));
  return all;
}

absl::StatusOr<std::string> Planner::UidDomain() {
  std::string domain;
  TH_RETURN_IF_ERROR(store_.Read([&](ReadView& r) -> absl::Status {
    TH_ASSIGN_OR_RETURN(domain, r.installation().UidDomain());
    return absl::OkStatus();
  }));
  return domain;
}

absl::StatusOr<Planner::Calendar> Planner::ExportSeriesCalendar(const Principal& who,
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

absl::StatusOr<Planner::Calendar> Planner::ExportTrainerCalendar(const Principal& who,
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
