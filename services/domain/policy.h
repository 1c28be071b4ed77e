#ifndef TRAINHUB_SERVICES_DOMAIN_POLICY_H_
#define TRAINHUB_SERVICES_DOMAIN_POLICY_H_

// The authorization policy in one place: which roles may call which RPC at
// all (the role table, checked by the API before a use case runs), and which
// objects a principal may see and change (the object rules, applied by the
// use cases). A test walks every RPC of every service against the table.

#include <functional>
#include <map>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "domain/model.h"
#include "domain/principal.h"

namespace trainhub::domain {

// Who may call an RPC at all.
enum class Callers {
  kAnyone,    // no token (Login only)
  kSignedIn,  // any valid token
  kAdmin,
  kPlanners,  // admin or coordinator
  kStaff,     // admin, coordinator or trainer
};

// The rule of every RPC, keyed "trainhub.v1.SeriesService/CreateSeries".
// An RPC without an entry is refused for everyone.
const std::map<std::string, Callers, std::less<>>& RolePolicy();

// PERMISSION_DENIED naming `method` and who may call it, unless `who`'s roles
// satisfy `rule`.
absl::Status CheckCallers(Callers rule, const Principal& who, absl::string_view method);

// Which series and sessions a principal may see, as list filters:
// everything (admin); series owned or partnered by a coordinated
// organisation; sessions booking the principal's trainer record (and their
// series); series open for enrolment (participants' catalogue); series in any status
// that the principal's participant record has an enrolment in.
struct Visibility {
  bool everything = false;
  std::vector<Id> organizations;
  Id trainer_id = 0;
  bool open_series = false;
  Id enrolled_participant_id = 0;
};
Visibility VisibilityOf(const Principal& who);

// How a principal is tied to a series beyond its roles.
struct SeriesTies {
  bool teaches = false;   // a trainer booked (not declined) in it
  bool enrolled = false;  // the principal's participant record has an enrolment in it
};

// Seeing a series: admin, its owner's or a partner's coordinator, a trainer
// booked in it, a participant enrolled (or waiting, or once enrolled) in it
// in any status, or a participant while it is open for enrolment.
bool CanSeeSeries(const Principal& who, const Series& series, SeriesTies ties);
// Whether `who` coordinates the owner or a partner of the series.
bool CoordinatesSeries(const Principal& who, const Series& series);
// Planning a series (changing it, its modules and sessions): admin or a
// coordinator of the owning organisation; partners' coordinators only when
// the owner granted it (Series::partners_may_plan), else they only read.
bool CanPlanSeries(const Principal& who, const Series& series);
// Seeing a session: as its series, but a trainer sees only sessions they
// are booked for.
bool CanSeeSession(const Principal& who, const Series& series, const Session& session,
                   bool enrolled);

// Whether `who` sees everything about `session` (its internal note, every
// booking with its state): those who plan the series (CanPlanSeries) and the
// trainers booked on it. Everyone else (participants, partners who only
// read) gets StripInternals(session).
bool SeesSessionInternals(const Principal& who, const Series& series, const Session& session);
// `session` as participants see it: without its internal note, with only the
// confirmed trainers.
void StripInternals(Session& session);

}  // namespace trainhub::domain

#endif  // TRAINHUB_SERVICES_DOMAIN_POLICY_H_
