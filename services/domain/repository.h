#ifndef TRAINHUB_SERVICES_DOMAIN_REPOSITORY_H_
#define TRAINHUB_SERVICES_DOMAIN_REPOSITORY_H_

// What the domain needs from storage (the port); services/store implements it
// for SQLite. Readers see one consistent snapshot for the length of a Read
// or Write call. Every Get answers NOT_FOUND for a missing id.

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "domain/model.h"
#include "domain/policy.h"
#include "domain/principal.h"

namespace trainhub::domain {

// Keyset position: the sort key (e.g. a start time in seconds, a position
// or the id itself) and the id of the last item already returned.
struct Cursor {
  int64_t key = 0;
  Id id = 0;
  bool operator==(const Cursor&) const = default;
};

struct PageRequest {
  int limit = 50;
  std::optional<Cursor> after;
};

template <typename T>
struct Page {
  std::vector<T> items;
  std::optional<Cursor> next;  // set when more items follow
};

struct SeriesFilter {
  SeriesKind kind = SeriesKind::kUnspecified;  // unspecified: any
  SeriesStatus status = SeriesStatus::kUnspecified;
  Id organization_id = 0;          // owner or partner
  std::optional<absl::Time> from;  // session overlap range
  std::optional<absl::Time> to;
  std::optional<Visibility> visible_to;  // only what this may see
};

// Sessions ordered by (start, id). Unset members do not filter.
struct SessionFilter {
  Id series_id = 0;
  Id module_id = 0;
  Id trainer_id = 0;               // with a booking that is not DECLINED
  Id organization_id = 0;          // of a series owned or partnered
  std::optional<absl::Time> from;  // end > from
  std::optional<absl::Time> to;    // start < to
  bool pending_only = false;       // some booking (of trainer_id, if set) REQUESTED
  bool skip_cancelled_series = false;
  std::optional<Visibility> visible_to;  // only what this may see
};

// Participants ordered by id. `visible` limits them for a caller: records
// of `visible->organizations`, of people enrolled in series those
// organisations own or partner, or the one record `visible->participant_id`.
struct ParticipantFilter {
  Id organization_id = 0;       // 0: any
  std::string name_search_key;  // SearchKey() of a part of the name; "": any
  struct Scope {
    std::vector<Id> organizations;
    Id participant_id = 0;
  };
  std::optional<Scope> visible;  // unset: everything
};

// Enrolments of one series in arrival order (cursor key: queue_number),
// across series by id (cursor key: id). Unset members do not filter.
struct EnrolmentFilter {
  Id series_id = 0;
  Id participant_id = 0;
  std::vector<EnrolmentState> states;  // empty: any
  // Only enrolments in series owned or partnered by one of these.
  std::optional<std::vector<Id>> organizations;
};

// Audit events of any of `organizations` (empty: all), newest first.
struct AuditFilter {
  std::vector<Id> organizations;
};

// Remembers which resource a client's request_id created.
struct RequestRecord {
  Id account_id = 0;  // request ids are scoped per account
  std::string request_id;
  std::string method;
  std::string fingerprint;
  Id resource_id = 0;
};

class StoreReader {
 public:
  virtual ~StoreReader() = default;

  virtual absl::StatusOr<Organization> GetOrganization(Id id) = 0;
  // The organisation whose name equals `name` per Folded(), if any.
  virtual absl::StatusOr<std::optional<Organization>> FindOrganizationByName(
      absl::string_view name) = 0;
  virtual absl::StatusOr<Page<Organization>> ListOrganizations(const PageRequest& page) = 0;

  virtual absl::StatusOr<Trainer> GetTrainer(Id id) = 0;
  // Trainer whose e-mail equals `email` per Folded(), if any.
  virtual absl::StatusOr<std::optional<Trainer>> FindTrainerByEmail(absl::string_view email) = 0;
  virtual absl::StatusOr<Page<Trainer>> ListTrainers(const PageRequest& page) = 0;

  virtual absl::StatusOr<Series> GetSeries(Id id) = 0;
  virtual absl::StatusOr<Page<Series>> ListSeries(const SeriesFilter& filter,
                                                  const PageRequest& page) = 0;

  virtual absl::StatusOr<Module> GetModule(Id id) = 0;
  // Ordered by position; cursor key is the position.
  virtual absl::StatusOr<Page<Module>> ListModules(Id series_id, const PageRequest& page) = 0;

  virtual absl::StatusOr<Session> GetSession(Id id) = 0;
  // Ordered by start; cursor key is the start in Unix seconds.
  virtual absl::StatusOr<Page<Session>> ListSessions(const SessionFilter& filter,
                                                     const PageRequest& page) = 0;

  // Sessions other than `exclude_session_id`, of series that are not
  // cancelled, overlapping [start, end), that book one of `trainer_ids`
  // (not declined) or take place at `place_key` (when not empty).
  virtual absl::StatusOr<std::vector<Session>> FindOverlappingSessions(
      absl::Time start, absl::Time end, const std::vector<Id>& trainer_ids,
      absl::string_view place_key, Id exclude_session_id) = 0;

  virtual absl::StatusOr<std::optional<RequestRecord>> FindRequest(
      Id account_id, absl::string_view request_id) = 0;

  // The domain that makes this installation's calendar UIDs unique.
  virtual absl::StatusOr<std::string> InstallationUidDomain() = 0;

  // ---- accounts ----
  virtual absl::StatusOr<Account> GetAccount(Id id) = 0;
  // The account whose e-mail equals `email` per Folded(), if any.
  virtual absl::StatusOr<std::optional<AccountCredentials>> FindAccountByEmail(
      absl::string_view email) = 0;
  virtual absl::StatusOr<int64_t> CountAccounts() = 0;
  // Ordered by id.
  virtual absl::StatusOr<Page<Account>> ListAccounts(const PageRequest& page) = 0;
  virtual absl::StatusOr<std::optional<TokenRecord>> FindToken(absl::string_view token_hash) = 0;

  // ---- participants ----
  virtual absl::StatusOr<Participant> GetParticipant(Id id) = 0;
  // The participant whose e-mail equals `email` per Folded(), if any.
  virtual absl::StatusOr<std::optional<Participant>> FindParticipantByEmail(
      absl::string_view email) = 0;
  virtual absl::StatusOr<Page<Participant>> ListParticipants(const ParticipantFilter& filter,
                                                             const PageRequest& page) = 0;

  // ---- enrolments ----
  virtual absl::StatusOr<Enrolment> GetEnrolment(Id id) = 0;
  virtual absl::StatusOr<std::optional<Enrolment>> FindEnrolment(Id series_id,
                                                                 Id participant_id) = 0;
  virtual absl::StatusOr<Page<Enrolment>> ListEnrolments(const EnrolmentFilter& filter,
                                                         const PageRequest& page) = 0;
  // One more than the highest queue number ever given in the series.
  virtual absl::StatusOr<int64_t> NextQueueNumber(Id series_id) = 0;
  // Oldest first; cursor key is the change id.
  virtual absl::StatusOr<Page<EnrolmentChange>> ListEnrolmentChanges(Id enrolment_id,
                                                                     const PageRequest& page) = 0;
  // Enrolments of the series in any state.
  virtual absl::StatusOr<int64_t> CountEnrolments(Id series_id) = 0;
  // The series' seats_taken and waitlist_length as they are now (what
  // GetSeries derives, without the rest of the series).
  struct Places {
    int seats_taken = 0;
    int waitlist_length = 0;
  };
  virtual absl::StatusOr<Places> CountPlaces(Id series_id) = 0;

  // ---- qualifications ----
  virtual absl::StatusOr<Qualification> GetQualification(Id id) = 0;
  // All of the participant's qualifications, oldest first.
  virtual absl::StatusOr<std::vector<Qualification>> ListQualifications(Id participant_id) = 0;

  // ---- audit ----
  // Cursor key is the event id, descending.
  virtual absl::StatusOr<Page<AuditEvent>> ListAudit(const AuditFilter& filter,
                                                     const PageRequest& page) = 0;
};

// Writes see their own earlier writes in the same unit of work.
class StoreWriter : public StoreReader {
 public:
  virtual absl::StatusOr<Id> InsertOrganization(const Organization& org) = 0;
  virtual absl::Status UpdateOrganization(const Organization& org) = 0;

  // ALREADY_EXISTS when another trainer has the same e-mail.
  virtual absl::StatusOr<Id> InsertTrainer(const Trainer& trainer) = 0;
  virtual absl::Status UpdateTrainer(const Trainer& trainer) = 0;

  virtual absl::StatusOr<Id> InsertSeries(const Series& series) = 0;
  virtual absl::Status UpdateSeries(const Series& series) = 0;
  // Deletes the series with its modules and sessions.
  virtual absl::Status DeleteSeries(Id id) = 0;

  virtual absl::StatusOr<Id> InsertModule(const Module& module) = 0;
  virtual absl::Status UpdateModule(const Module& module) = 0;
  // Sets position i+1 for module_ids[i]; the ids are all of one series.
  virtual absl::Status SetModuleOrder(Id series_id, const std::vector<Id>& module_ids) = 0;
  // Deletes the module with its sessions.
  virtual absl::Status DeleteModule(Id id) = 0;

  virtual absl::StatusOr<Id> InsertSession(const Session& session) = 0;
  // Replaces times, place, note and the whole set of bookings.
  virtual absl::Status UpdateSession(const Session& session) = 0;
  virtual absl::Status DeleteSession(Id id) = 0;

  virtual absl::Status RecordRequest(const RequestRecord& record) = 0;

  // ---- accounts ----
  // ALREADY_EXISTS when another account has the same e-mail.
  virtual absl::StatusOr<Id> InsertAccount(const AccountCredentials& account) = 0;
  // Stores failed_logins, locked_until and password_hash of `account`.
  virtual absl::Status UpdateLoginState(const AccountCredentials& account) = 0;
  virtual absl::Status InsertToken(const TokenRecord& token) = 0;
  virtual absl::Status RevokeToken(absl::string_view token_hash) = 0;
  // Returns how many tokens were revoked.
  virtual absl::StatusOr<int64_t> RevokeAllTokens(Id account_id) = 0;

  // ---- participants ----
  virtual absl::StatusOr<Id> InsertParticipant(const Participant& participant) = 0;
  virtual absl::Status UpdateParticipant(const Participant& participant) = 0;

  // ---- enrolments ----
  // ALREADY_EXISTS when the participant has an enrolment in the series.
  virtual absl::StatusOr<Id> InsertEnrolment(const Enrolment& enrolment) = 0;
  // Stores state, queue_number, request_time, seat_time,
  // eligibility_overridden, note and update_time.
  virtual absl::Status UpdateEnrolment(const Enrolment& enrolment) = 0;
  virtual absl::Status AppendEnrolmentChange(const EnrolmentChange& change) = 0;

  // ---- qualifications ----
  // ALREADY_EXISTS when the participant has a qualification of that title
  // (compared ignoring case and repeated white space).
  virtual absl::StatusOr<Id> InsertQualification(const Qualification& qualification) = 0;
  virtual absl::Status DeleteQualification(Id id) = 0;

  // ---- audit ----
  // Appends `event`; the store fills organization_id from the object.
  virtual absl::StatusOr<Id> AppendAudit(const AuditEvent& event) = 0;
  // Adds `repeats` (> 0) more refusals to the refusal row `event_id`.
  virtual absl::Status AddRefusalRepeats(Id event_id, int64_t repeats) = 0;
};

// Runs units of work. Write units are serialized and atomic: when `work`
// returns an error, nothing it wrote is kept. Both return `work`'s status,
// or UNAVAILABLE/INTERNAL when storage itself fails.
class Store {
 public:
  virtual ~Store() = default;
  virtual absl::Status Read(const std::function<absl::Status(StoreReader&)>& work) = 0;
  virtual absl::Status Write(std::function<absl::Status(StoreWriter&)> work) = 0;
};

}  // namespace trainhub::domain

#endif  // TRAINHUB_SERVICES_DOMAIN_REPOSITORY_H_
