#ifndef TRAINHUB_SERVICES_DOMAIN_ATTENDANCE_ATTENDANCE_RULES_H_
#define TRAINHUB_SERVICES_DOMAIN_ATTENDANCE_ATTENDANCE_RULES_H_

// The rules of attendance inside a read or write unit: who may act on a
// session's attendance, who was expected at it (held a seat during it),
// which of a person's records counts, and a session's teaching units. The
// use cases (attendance_recording.h, self_check_in.h, attendance_reports.h)
// build on them.

#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "domain/attendance/attendance_ledger.h"
#include "domain/model.h"
#include "domain/ports/unit_of_work.h"
#include "domain/principal.h"

namespace trainhub::domain {

// What a principal may do with one session's attendance, weakest first.
enum class AttendanceRole {
  kNone,
  kParticipant,  // their own entry only
  kReader,       // a partner's coordinator: reads everything
  kRecorder,     // a trainer confirmed on the session
  kPlanner,      // plans the series (admin too): also after sign-off
};

// The series is read without its derived figures (SeriesReader::GetStored).
struct SessionAccess {
  Session session;
  Series series;
  AttendanceRole role = AttendanceRole::kNone;
};

// Loads the session named by the request field `field` for `who`.
// PERMISSION_DENIED (also for a missing session, except for admins, who get
// NOT_FOUND) unless `who` has at least `needed`.
absl::StatusOr<SessionAccess> AccessSession(ReadView& r, const Principal& who, Id session_id,
                                            AttendanceRole needed,
                                            absl::string_view field = "session_id");
// The same for a series' attendance: planners, partners' coordinators
// (readers), trainers booked in it (readers) and enrolled participants.
// The series comes without its derived figures (SeriesReader::GetStored).
absl::StatusOr<std::pair<Series, AttendanceRole>> AccessSeries(ReadView& r, const Principal& who,
                                                               Id series_id, AttendanceRole needed);

// Someone who ever had an enrolment in a series, with the times they held a seat.
struct SeatHolder {
  Id participant_id = 0;
  std::string name;
  Id organization_id = 0;
  std::vector<std::pair<absl::Time, absl::Time>> seats;  // [from, until), until may be infinite
  // Whether a seat overlapped [start, end).
  bool HeldSeat(absl::Time start, absl::Time end) const;
};
// Everyone with an enrolment in the series, in name order.
absl::StatusOr<std::vector<SeatHolder>> SeatHoldersOf(ReadView& r, Id series_id);

// One person's records for one session, reduced to what counts.
struct CellState {
  std::optional<AttendanceEntry> current;  // latest client time, then latest arrival
  bool needs_review = false;               // the latest arrival disagrees unseen
  void Add(const AttendanceEntry& record);
};
// The records of one session by participant, and its sign-off if any.
struct SessionLedger {
  std::map<Id, CellState> cells;
  std::optional<AttendanceEntry> sign_off;
};
SessionLedger Reduce(const std::vector<AttendanceEntry>& entries);

// Appends entries to one series' ledger inside a write unit: chains each
// to the one before (the head is read once), then Finish() stores the new
// head. Nothing but this class appends to a ledger.
class LedgerAppender {
 public:
  // NOT thread-safe; `w` must outlive the appender. One appender of a unit
  // appends at a time: it numbers its entries from the next free id.
  static absl::StatusOr<LedgerAppender> For(UnitOfWork& w, Id series_id);
  // `entry` with its id, version, place in the chain and hash, stored.
  absl::StatusOr<AttendanceEntry> Add(AttendanceEntry entry);
  // Stores the head; call once after the last Add of the unit.
  absl::Status Finish();

 private:
  LedgerAppender(UnitOfWork& w, Id series_id, LedgerHead head, Id next_id)
      : w_(&w), series_id_(series_id), head_(std::move(head)), next_id_(next_id) {}
  UnitOfWork* w_;
  Id series_id_;
  LedgerHead head_;
  Id next_id_;
  bool changed_ = false;
};

// Ends the session's check-in window at `now` if it is open; returns the
// window as it stands (nullopt when none was ever opened) and whether it
// changed.
struct ClosedWindow {
  std::optional<CheckInWindow> window;
  bool changed = false;
};
absl::StatusOr<ClosedWindow> CloseCheckInWindow(UnitOfWork& w, Id session_id, absl::Time now);

int LengthMinutes(const Session& session);

// Teaching units (UE) of each of `sessions` (all of one series): the
// module's teaching units shared among its sessions by length; without
// them the session's length in 45-minute units.
std::map<Id, double> TeachingUnits(const std::vector<Session>& sessions,
                                   const std::vector<Module>& modules);
// The same for one session of `minutes` (LengthMinutes) in a module of
// `module_units` teaching units whose sessions last `module_minutes`
// together.
double SessionTeachingUnits(int minutes, int module_units, int64_t module_minutes);

// All sessions (by start) and modules of a series.
absl::StatusOr<std::vector<Session>> SessionsOf(ReadView& r, Id series_id);
absl::StatusOr<std::vector<Module>> ModulesOf(ReadView& r, Id series_id);

}  // namespace trainhub::domain

#endif  // TRAINHUB_SERVICES_DOMAIN_ATTENDANCE_ATTENDANCE_RULES_H_
