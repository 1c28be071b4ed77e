#include "domain/planning/session_planning.h"

#include <algorithm>
#include <utility>

#include "absl/strings/str_cat.h"
#include "domain/access.h"
#include "domain/audit_trail.h"
#include "domain/berlin_time.h"
#include "domain/errors.h"
#include "domain/limits.h"
#include "domain/planning/planning_rules.h"
#include "domain/policy.h"
#include "domain/status_macros.h"
#include "domain/validation.h"

namespace trainhub::domain {
namespace {

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

// Refuses referenced trainers that do not exist.
absl::Status CheckTrainersExist(ReadView& r, const Session& session, absl::string_view prefix) {
  Violations v;
  for (size_t i = 0; i < session.trainers.size(); ++i) {
    const Id id = session.trainers[i].trainer_id;
    absl::StatusOr<Trainer> trainer = r.trainers().Get(id);
    if (absl::IsNotFound(trainer.status())) {
      v.Add(absl::StrCat(prefix, "trainers[", i, "].trainer_id"),
            Msg("trainer {trainer} does not exist", {{"trainer", id}}));
    } else if (!trainer.ok()) {
      return trainer.status();
    }
  }
  return v.ToStatus();
}

// The arguments of a double booking's refusal that describe the other
// session: {visible} "yes" and what the caller may see of it, or "no" and
// nothing of a session the caller may not see.
std::vector<MessageArg> OtherSessionArgs(const Session& s, bool visible) {
  if (!visible) {
    return {{"visible", "no"}, {"session", ""},      {"series_title", ""},
            {"module", ""},    {"module_title", ""}, {"range", ""}};
  }
  return {{"visible", "yes"},
          {"session", s.id},
          {"series_title", s.series_title},
          {"module", static_cast<int64_t>(s.module_position)},
          {"module_title", s.module_title},
          {"range", FormatLocalRange(s.start, s.end)}};
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
    const Id other_id = visible ? other.id : 0;
    for (const TrainerBooking& b : other.trainers) {
      if (b.status == BookingStatus::kDeclined) continue;
      if (std::find(trainer_ids.begin(), trainer_ids.end(), b.trainer_id) == trainer_ids.end()) {
        continue;
      }
      std::vector<MessageArg> args = OtherSessionArgs(other, visible);
      args.push_back({"trainer", b.trainer_id});
      args.push_back({"name", b.trainer_name});
      return ConflictError(
          Msg("trainer {trainer} ({name}) is already booked at that time for {visible, select, "
              "yes {session {session} (\"{series_title}\", module {module} \"{module_title}\", "
              "{range})} other {a session of another organisation}}; set allow_overlap to book "
              "anyway",
              std::move(args)),
          other_id);
    }
    if (!place_key.empty() && PlaceKey(other.place) == place_key) {
      std::vector<MessageArg> args = OtherSessionArgs(other, visible);
      args.push_back({"place", other.place.name});
      return ConflictError(
          Msg("place \"{place}\" is already booked at that time for {visible, select, yes "
              "{session {session} (\"{series_title}\", module {module} \"{module_title}\", "
              "{range})} other {a session of another organisation}}; set allow_overlap to book "
              "anyway",
              std::move(args)),
          other_id);
    }
  }
  return absl::OkStatus();
}

// Loads session `id` and its series for `who`, like SeriesFor.
absl::StatusOr<std::pair<Session, Series>> SessionFor(ReadView& r, const Principal& who, Id id,
                                                      Need need, absl::string_view field) {
  absl::StatusOr<Session> session = r.sessions().Get(id);
  const Message what =
      Msg("your account may not {act, select, see {see} other {change}} session {session}",
          {{"act", need == Need::kSee ? "see" : "change"}, {"session", id}});
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

// The sessions of `days`, each a copy of `day` with that day's local times;
// INVALID_ARGUMENT naming the field for a range that is not one.
absl::StatusOr<std::vector<Session>> DaySessions(const SessionDays& days, const Session& day) {
  Violations v;
  if (days.last < days.first) {
    v.Add("last_day", Msg("is before the first day"));
  } else if (days.last - days.first >= kMaxSessionDays) {
    v.Add("last_day",
          Msg("at most {max} days at once", {{"max", static_cast<int64_t>(kMaxSessionDays)}}));
  }
  if (days.start < absl::ZeroDuration() || days.start >= absl::Hours(24)) {
    v.Add("daily_start", Msg("must be a time of day"));
  }
  if (days.end <= days.start || days.end > absl::Hours(24)) {
    v.Add("daily_end", Msg("must be after the daily start time, on the same day"));
  }
  TH_RETURN_IF_ERROR(v.ToStatus());
  std::vector<Session> out;
  for (absl::CivilDay d = days.first; d <= days.last; ++d) {
    Session s = day;
    const absl::CivilSecond midnight(d);
    s.start = absl::FromCivil(midnight + absl::ToInt64Seconds(days.start), DisplayTimeZone());
    s.end = absl::FromCivil(midnight + absl::ToInt64Seconds(days.end), DisplayTimeZone());
    out.push_back(std::move(s));
  }
  return out;
}

}  // namespace

SessionPlanning::SessionPlanning(Store& store, Clock clock)
    : store_(store), clock_(std::move(clock)) {}

absl::StatusOr<Session> SessionPlanning::CreateSession(const RequestContext& ctx, Id series_id,
                                                       Id module_id, Session session,
                                                       bool allow_overlap, const RequestKey& key) {
  const Principal& who = ctx.who;
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
          return Refusal(absl::StatusCode::kFailedPrecondition,
                         Msg("module {module} already has the maximum of {max} sessions",
                             {{"module", module_id},
                              {"max", static_cast<int64_t>(kMaxSessionsPerModule)}}));
        }
        TH_RETURN_IF_ERROR(CheckTrainersExist(w, session, "session."));
        session.series_id = series_id;
        session.module_id = module_id;
        TH_RETURN_IF_ERROR(CheckConflicts(w, who, session, allow_overlap));
        TH_ASSIGN_OR_RETURN(Id id, w.sessions().Insert(session));
        TH_RETURN_IF_ERROR(AuditTrail(w, ctx, now).Changed("session", id, series.organization_id));
        return id;
      },
      [](UnitOfWork& w, Id id) { return w.sessions().Get(id); });
}

absl::StatusOr<std::vector<Session>> SessionPlanning::CreateSessionDays(
    const RequestContext& ctx, Id series_id, Id module_id, const SessionDays& days, Session day,
    bool allow_overlap, const RequestKey& key) {
  const Principal& who = ctx.who;
  TH_RETURN_IF_ERROR(CheckId(series_id, "series_id"));
  TH_RETURN_IF_ERROR(CheckId(module_id, "module_id"));
  TH_RETURN_IF_ERROR(ValidateRequestId(key.request_id));
  const absl::Time now = clock_();
  day.id = 0;
  for (TrainerBooking& b : day.trainers) b.status_time = now;
  TH_ASSIGN_OR_RETURN(std::vector<Session> sessions, DaySessions(days, day));
  Violations v;
  ValidateSession(sessions.front(), "session", v);
  TH_RETURN_IF_ERROR(v.ToStatus());
  std::vector<Session> out;
  TH_RETURN_IF_ERROR(store_.Write([&](UnitOfWork& w) -> absl::Status {
    out.clear();
    TH_ASSIGN_OR_RETURN(auto loaded,
                        LoadModule(w, who, Need::kPlan, series_id, module_id, "module_id"));
    const Series& series = loaded.first;
    const Module& module = loaded.second;
    auto replay = [&](const RequestRecord& earlier) -> absl::Status {
      // The single writer gave the sessions of one call consecutive ids.
      for (Id id = earlier.resource_id; id < earlier.resource_id + Id(sessions.size()); ++id) {
        absl::StatusOr<Session> created = w.sessions().Get(id);
        if (created.ok()) out.push_back(*std::move(created));
        if (!created.ok() && !absl::IsNotFound(created.status())) return created.status();
      }
      return absl::OkStatus();
    };
    return OncePerRequest(w, "CreateSessionDays", key, replay, [&]() -> absl::StatusOr<Id> {
      TH_RETURN_IF_ERROR(CheckNotFrozen(series));
      if (module.session_count + static_cast<int>(sessions.size()) > kMaxSessionsPerModule) {
        return Refusal(
            absl::StatusCode::kFailedPrecondition,
            Msg("module {module} has {has} sessions; {more} more would exceed the maximum "
                "of {max}",
                {{"module", module_id},
                 {"has", static_cast<int64_t>(module.session_count)},
                 {"more", static_cast<int64_t>(sessions.size())},
                 {"max", static_cast<int64_t>(kMaxSessionsPerModule)}}));
      }
      TH_RETURN_IF_ERROR(CheckTrainersExist(w, day, "session."));
      AuditTrail trail(w, ctx, now);
      for (Session& s : sessions) {
        s.series_id = series_id;
        s.module_id = module_id;
        TH_RETURN_IF_ERROR(CheckConflicts(w, who, s, allow_overlap));
        TH_ASSIGN_OR_RETURN(Id id, w.sessions().Insert(s));
        TH_RETURN_IF_ERROR(trail.Changed("session", id, series.organization_id));
        TH_ASSIGN_OR_RETURN(Session stored, w.sessions().Get(id));
        out.push_back(std::move(stored));
      }
      return out.front().id;
    });
  }));
  return out;
}

absl::StatusOr<Session> SessionPlanning::GetSession(const Principal& who, Id id) {
  TH_RETURN_IF_ERROR(CheckId(id, "id"));
  Session out;
  TH_RETURN_IF_ERROR(store_.Read([&](ReadView& r) -> absl::Status {
    TH_ASSIGN_OR_RETURN(auto loaded, SessionFor(r, who, id, Need::kSee, "id"));
    out = std::move(loaded.first);
    return absl::OkStatus();
  }));
  return out;
}

absl::StatusOr<Page<Session>> SessionPlanning::ListSessions(const Principal& who, Id series_id,
                                                            Id module_id, const PageRequest& page) {
  TH_RETURN_IF_ERROR(CheckId(series_id, "series_id"));
  if (module_id < 0) return InvalidField("module_id", Msg("must not be negative"));
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
    TH_ASSIGN_OR_RETURN(out, VisiblePage(r, who, filter, page));
    return absl::OkStatus();
  }));
  return out;
}

absl::StatusOr<Session> SessionPlanning::UpdateSession(const RequestContext& ctx,
                                                       const Session& patch, const UpdateMask& mask,
                                                       bool allow_overlap) {
  const Principal& who = ctx.who;
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
    TH_RETURN_IF_ERROR(
        AuditTrail(w, ctx, now).Changed("session", session.id, series.organization_id));
    TH_ASSIGN_OR_RETURN(out, w.sessions().Get(session.id));
    return absl::OkStatus();
  }));
  return out;
}

absl::StatusOr<Session> SessionPlanning::SetBookingStatus(const RequestContext& ctx, Id session_id,
                                                          Id trainer_id, BookingStatus status,
                                                          bool allow_overlap) {
  const Principal& who = ctx.who;
  TH_RETURN_IF_ERROR(CheckId(session_id, "session_id"));
  if (trainer_id == 0) {
    // A trainer answers for their own booking without naming themselves;
    // anyone else (a coordinator recording an answer) names the trainer.
    if (who.TrainerId() == 0) {
      return InvalidField("trainer_id",
                          Msg("name the trainer whose booking this is; only a trainer's own "
                              "booking can leave it out"));
    }
    trainer_id = who.TrainerId();
  }
  TH_RETURN_IF_ERROR(CheckId(trainer_id, "trainer_id"));
  if (!IsKnown(status)) {
    return InvalidField("status", status == BookingStatus::kUnspecified
                                      ? Msg("is required")
                                      : UnknownValue(static_cast<int>(status)));
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
          Msg("trainer {trainer} is not booked for session {session}",
              {{"trainer", trainer_id}, {"session", session_id}}));
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
    TH_RETURN_IF_ERROR(AuditTrail(w, ctx, booking->status_time)
                           .Changed("session", session_id, series.organization_id));
    TH_ASSIGN_OR_RETURN(out, w.sessions().Get(session_id));
    return absl::OkStatus();
  }));
  return out;
}

absl::Status SessionPlanning::DeleteSession(const RequestContext& ctx, Id id) {
  const Principal& who = ctx.who;
  TH_RETURN_IF_ERROR(CheckId(id, "id"));
  return store_.Write([&](UnitOfWork& w) -> absl::Status {
    TH_ASSIGN_OR_RETURN(auto loaded, SessionFor(w, who, id, Need::kPlan, "id"));
    TH_RETURN_IF_ERROR(CheckNotFrozen(loaded.second));
    TH_RETURN_IF_ERROR(CheckNoAttendance(w, {id}));
    TH_RETURN_IF_ERROR(w.sessions().Delete(id));
    return AuditTrail(w, ctx, clock_()).Changed("session", id, loaded.second.organization_id);
  });
}

}  // namespace trainhub::domain
