#include "domain/attendance/attendance_rules.h"

#include <algorithm>
#include <set>

#include "absl/strings/str_cat.h"
#include "domain/access.h"
#include "domain/limits.h"
#include "domain/policy.h"
#include "domain/status_macros.h"
#include "domain/text.h"

namespace trainhub::domain {
namespace {

bool ConfirmedOn(const Principal& who, const Session& session) {
  if (who.TrainerId() == 0) return false;
  return std::any_of(
      session.trainers.begin(), session.trainers.end(), [&](const TrainerBooking& b) {
        return b.trainer_id == who.TrainerId() && b.status == BookingStatus::kConfirmed;
      });
}

// "record" or "see", the `act` of the refusals below.
const char* Act(AttendanceRole needed) {
  return needed >= AttendanceRole::kRecorder ? "record" : "see";
}

}  // namespace

absl::StatusOr<SessionAccess> AccessSession(ReadView& r, const Principal& who, Id session_id,
                                            AttendanceRole needed, absl::string_view field) {
  TH_RETURN_IF_ERROR(CheckId(session_id, field));
  absl::StatusOr<Session> session = r.sessions().Get(session_id);
  const Message what = Msg(
      "your account may not {act, select, record {record attendance for} other {see the "
      "attendance of}} session {session}",
      {{"act", Act(needed)}, {"session", session_id}});
  if (!session.ok()) {
    if (who.IsAdmin()) return NameField(session.status(), field);
    if (absl::IsNotFound(session.status())) return Denied(what);
    return session.status();
  }
  SessionAccess access;
  TH_ASSIGN_OR_RETURN(access.series, r.series().GetStored(session->series_id));
  access.session = *std::move(session);
  if (CanPlanSeries(who, access.series)) {
    access.role = AttendanceRole::kPlanner;
  } else if (ConfirmedOn(who, access.session)) {
    access.role = AttendanceRole::kRecorder;
  } else if (CoordinatesSeries(who, access.series)) {
    access.role = AttendanceRole::kReader;
  } else {
    TH_ASSIGN_OR_RETURN(bool enrolled, Enrolled(r, who, access.series.id));
    if (enrolled) access.role = AttendanceRole::kParticipant;
  }
  if (access.role < needed) return Denied(what);
  return access;
}

absl::StatusOr<std::pair<Series, AttendanceRole>> AccessSeries(ReadView& r, const Principal& who,
                                                               Id series_id,
                                                               AttendanceRole needed) {
  TH_RETURN_IF_ERROR(CheckId(series_id, "series_id"));
  absl::StatusOr<Series> series = r.series().GetStored(series_id);
  const Message what =
      Msg("your account may not see the attendance of series {series}", {{"series", series_id}});
  if (!series.ok()) {
    if (who.IsAdmin()) return NameField(series.status(), "series_id");
    if (absl::IsNotFound(series.status())) return Denied(what);
    return series.status();
  }
  AttendanceRole role = AttendanceRole::kNone;
  if (CanPlanSeries(who, *series)) {
    role = AttendanceRole::kPlanner;
  } else if (CoordinatesSeries(who, *series)) {
    role = AttendanceRole::kReader;
  } else {
    TH_ASSIGN_OR_RETURN(bool teaches, Teaches(r, who, series_id));
    if (teaches) {
      role = AttendanceRole::kReader;
    } else {
      TH_ASSIGN_OR_RETURN(bool enrolled, Enrolled(r, who, series_id));
      if (enrolled) role = AttendanceRole::kParticipant;
    }
  }
  if (role < needed) return Denied(what);
  return std::pair{*std::move(series), role};
}

bool SeatHolder::HeldSeat(absl::Time start, absl::Time end) const {
  return std::any_of(seats.begin(), seats.end(),
                     [&](const auto& seat) { return seat.first < end && seat.second > start; });
}

absl::StatusOr<std::vector<SeatHolder>> SeatHoldersOf(ReadView& r, Id series_id) {
  std::map<Id, SeatHolder> by_participant;
  std::map<Id, std::string> sort_keys;
  TH_ASSIGN_OR_RETURN(std::vector<SeatChange> changes, r.enrolments().ListSeatChanges(series_id));
  for (const SeatChange& c : changes) {
    SeatHolder& holder = by_participant[c.participant_id];
    holder.participant_id = c.participant_id;
    holder.name = c.participant_name;
    holder.organization_id = c.participant_organization_id;
    sort_keys[c.participant_id] = c.participant_sort_key;
  }
  std::optional<absl::Time> seat_since;
  Id current = 0;
  auto close = [&](absl::Time until) {
    if (seat_since) by_participant[current].seats.emplace_back(*seat_since, until);
    seat_since.reset();
  };
  for (const SeatChange& c : changes) {
    if (c.participant_id != current) {
      close(absl::InfiniteFuture());
      current = c.participant_id;
    }
    if (HoldsSeat(c.to)) {
      if (!seat_since) seat_since = c.time;
    } else {
      close(c.time);
    }
  }
  close(absl::InfiniteFuture());

  std::vector<std::pair<std::string, Id>> order;
  for (const auto& [id, key] : sort_keys) order.emplace_back(key, id);
  std::sort(order.begin(), order.end());
  std::vector<SeatHolder> out;
  out.reserve(order.size());
  for (const auto& [key, id] : order) out.push_back(std::move(by_participant[id]));
  return out;
}

absl::StatusOr<LedgerAppender> LedgerAppender::For(UnitOfWork& w, Id series_id) {
  TH_ASSIGN_OR_RETURN(LedgerHead head, w.attendance().Head(series_id));
  TH_ASSIGN_OR_RETURN(Id next_id, w.attendance().NextEntryId());
  return LedgerAppender(w, series_id, std::move(head), next_id);
}

absl::StatusOr<AttendanceEntry> LedgerAppender::Add(AttendanceEntry entry) {
  entry.id = next_id_;
  entry.series_id = series_id_;
  entry.hash_version = kLedgerHashVersion;
  entry.prev_hash = head_.hash;
  entry.hash = LedgerHash(entry);
  TH_ASSIGN_OR_RETURN(Id stored, w_->attendance().Append(entry));
  if (stored != entry.id) return absl::InternalError("the ledger entry got another id");
  ++next_id_;
  head_.hash = entry.hash;
  ++head_.entry_count;
  changed_ = true;
  return entry;
}

absl::Status LedgerAppender::Finish() {
  if (!changed_) return absl::OkStatus();
  changed_ = false;
  return w_->attendance().SetHead(series_id_, head_);
}

absl::StatusOr<ClosedWindow> CloseCheckInWindow(UnitOfWork& w, Id session_id, absl::Time now) {
  ClosedWindow out;
  TH_ASSIGN_OR_RETURN(out.window, w.attendance().GetCheckIn(session_id));
  if (out.window && out.window->close_time > now) {
    out.window->close_time = now;
    TH_RETURN_IF_ERROR(w.attendance().PutCheckIn(*out.window));
    out.changed = true;
  }
  return out;
}

void CellState::Add(const AttendanceEntry& record) {
  if (!current || record.client_time > current->client_time ||
      (record.client_time == current->client_time && record.id > current->id)) {
    current = record;
  }
  // Entries arrive in id order: the latest arrival decides.
  needs_review = record.conflicting_record_id != 0;
}

SessionLedger Reduce(const std::vector<AttendanceEntry>& entries) {
  SessionLedger out;
  for (const AttendanceEntry& e : entries) {
    if (e.kind == LedgerEntryKind::kSignOff) {
      if (!out.sign_off) out.sign_off = e;
    } else if (e.kind == LedgerEntryKind::kRecord) {
      out.cells[e.participant_id].Add(e);
    }
  }
  return out;
}

int LengthMinutes(const Session& session) {
  return static_cast<int>(absl::ToInt64Minutes(session.end - session.start));
}

std::map<Id, double> TeachingUnits(const std::vector<Session>& sessions,
                                   const std::vector<Module>& modules) {
  std::map<Id, int> module_units;
  for (const Module& m : modules) module_units[m.id] = m.teaching_units;
  std::map<Id, int64_t> module_minutes;
  for (const Session& s : sessions) module_minutes[s.module_id] += LengthMinutes(s);
  std::map<Id, double> out;
  for (const Session& s : sessions) {
    out[s.id] = SessionTeachingUnits(LengthMinutes(s), module_units[s.module_id],
                                     module_minutes[s.module_id]);
  }
  return out;
}

double SessionTeachingUnits(int minutes, int module_units, int64_t module_minutes) {
  return module_units > 0 && module_minutes > 0
             ? module_units * static_cast<double>(minutes) / module_minutes
             : minutes / 45.0;
}

absl::StatusOr<std::vector<Session>> SessionsOf(ReadView& r, Id series_id) {
  SessionFilter filter;
  filter.series_id = series_id;
  return AllPages<Session>(
      [&](const PageRequest& page) { return r.sessions().List(filter, page); });
}

absl::StatusOr<std::vector<Module>> ModulesOf(ReadView& r, Id series_id) {
  return AllPages<Module>(
      [&](const PageRequest& page) { return r.series().ListModules(series_id, page); });
}

}  // namespace trainhub::domain
