#ifndef TRAINHUB_SERVICES_STORE_SQLITE_REPOSITORY_H_
#define TRAINHUB_SERVICES_STORE_SQLITE_REPOSITORY_H_

// domain::StoreWriter over one SQLite connection. Keeps its prepared
// statements; not thread-safe: use it only on the thread that owns the
// connection (the Writer thread, or a reader holding the connection).

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>

#include <memory>
#include <string>
#include <unordered_map>

#include "domain/repository.h"

namespace trainhub::store {

class SqliteRepository : public domain::StoreWriter {
 public:
  explicit SqliteRepository(SQLite::Database& db) : db_(db) {}

  // Prepared statements kept for reuse. Ids and other values are bound as
  // parameters, so this depends on the queries' shapes, never on the data.
  size_t cached_statements() const { return statements_.size(); }

  absl::StatusOr<domain::Organization> GetOrganization(domain::Id id) override;
  absl::StatusOr<std::optional<domain::Organization>> FindOrganizationByName(
      absl::string_view name) override;
  absl::StatusOr<std::string> InstallationUidDomain() override;
  absl::StatusOr<domain::Page<domain::Organization>> ListOrganizations(
      const domain::PageRequest& page) override;
  absl::StatusOr<domain::Trainer> GetTrainer(domain::Id id) override;
  absl::StatusOr<std::optional<domain::Trainer>> FindTrainerByEmail(
      absl::string_view email) override;
  absl::StatusOr<domain::Page<domain::Trainer>> ListTrainers(
      const domain::PageRequest& page) override;
  absl::StatusOr<domain::Series> GetSeries(domain::Id id) override;
  absl::StatusOr<domain::Page<domain::Series>> ListSeries(const domain::SeriesFilter& filter,
                                                          const domain::PageRequest& page) override;
  absl::StatusOr<domain::Module> GetModule(domain::Id id) override;
  absl::StatusOr<domain::Page<domain::Module>> ListModules(
      domain::Id series_id, const domain::PageRequest& page) override;
  absl::StatusOr<domain::Session> GetSession(domain::Id id) override;
  absl::StatusOr<domain::Page<domain::Session>> ListSessions(
      const domain::SessionFilter& filter, const domain::PageRequest& page) override;
  absl::StatusOr<std::vector<domain::Session>> FindOverlappingSessions(
      absl::Time start, absl::Time end, const std::vector<domain::Id>& trainer_ids,
      absl::string_view place_key, domain::Id exclude_session_id) override;
  absl::StatusOr<std::optional<domain::RequestRecord>> FindRequest(
      domain::Id account_id, absl::string_view request_id) override;

  absl::StatusOr<domain::Account> GetAccount(domain::Id id) override;
  absl::StatusOr<std::optional<domain::AccountCredentials>> FindAccountByEmail(
      absl::string_view email) override;
  absl::StatusOr<int64_t> CountAccounts() override;
  absl::StatusOr<domain::Page<domain::Account>> ListAccounts(
      const domain::PageRequest& page) override;
  absl::StatusOr<std::optional<domain::TokenRecord>> FindToken(
      absl::string_view token_hash) override;

  absl::StatusOr<domain::Id> InsertOrganization(const domain::Organization& org) override;
  absl::Status UpdateOrganization(const domain::Organization& org) override;
  absl::StatusOr<domain::Id> InsertTrainer(const domain::Trainer& trainer) override;
  absl::Status UpdateTrainer(const domain::Trainer& trainer) override;
  absl::StatusOr<domain::Id> InsertSeries(const domain::Series& series) override;
  absl::Status UpdateSeries(const domain::Series& series) override;
  absl::Status DeleteSeries(domain::Id id) override;
  absl::StatusOr<domain::Id> InsertModule(const domain::Module& module) override;
  absl::Status UpdateModule(const domain::Module& module) override;
  absl::Status SetModuleOrder(domain::Id series_id,
                              const std::vector<domain::Id>& module_ids) override;
  absl::Status DeleteModule(domain::Id id) override;
  absl::StatusOr<domain::Id> InsertSession(const domain::Session& session) override;
  absl::Status UpdateSession(const domain::Session& session) override;
  absl::Status DeleteSession(domain::Id id) override;
  absl::Status RecordRequest(const domain::RequestRecord& record) override;
  absl::StatusOr<domain::Id> InsertAccount(const domain::AccountCredentials& account) override;
  absl::Status UpdateLoginState(const domain::AccountCredentials& account) override;
  absl::Status InsertToken(const domain::TokenRecord& token) override;
  absl::Status RevokeToken(absl::string_view token_hash) override;
  absl::StatusOr<int64_t> RevokeAllTokens(domain::Id account_id) override;

  absl::StatusOr<domain::Participant> GetParticipant(domain::Id id) override;
  absl::StatusOr<std::optional<domain::Participant>> FindParticipantByEmail(
      absl::string_view email) override;
  absl::StatusOr<domain::Page<domain::Participant>> ListParticipants(
      const domain::ParticipantFilter& filter, const domain::PageRequest& page) override;
  absl::StatusOr<domain::Id> InsertParticipant(const domain::Participant& participant) override;
  absl::Status UpdateParticipant(const domain::Participant& participant) override;

  absl::StatusOr<domain::Enrolment> GetEnrolment(domain::Id id) override;
  absl::StatusOr<std::optional<domain::Enrolment>> FindEnrolment(
      domain::Id series_id, domain::Id participant_id) override;
  absl::StatusOr<domain::Page<domain::Enrolment>> ListEnrolments(
      const domain::EnrolmentFilter& filter, const domain::PageRequest& page) override;
  absl::StatusOr<int64_t> NextQueueNumber(domain::Id series_id) override;
  absl::StatusOr<domain::Page<domain::EnrolmentChange>> ListEnrolmentChanges(
      domain::Id enrolment_id, const domain::PageRequest& page) override;
  absl::StatusOr<int64_t> CountEnrolments(domain::Id series_id) override;
  absl::StatusOr<Places> CountPlaces(domain::Id series_id) override;
  absl::StatusOr<domain::Id> InsertEnrolment(const domain::Enrolment& enrolment) override;
  absl::Status UpdateEnrolment(const domain::Enrolment& enrolment) override;
  absl::Status AppendEnrolmentChange(const domain::EnrolmentChange& change) override;

  absl::StatusOr<domain::Qualification> GetQualification(domain::Id id) override;
  absl::StatusOr<std::vector<domain::Qualification>> ListQualifications(
      domain::Id participant_id) override;
  absl::StatusOr<domain::Id> InsertQualification(
      const domain::Qualification& qualification) override;
  absl::Status DeleteQualification(domain::Id id) override;

  absl::StatusOr<domain::Page<domain::AuditEvent>> ListAudit(
      const domain::AuditFilter& filter, const domain::PageRequest& page) override;
  absl::StatusOr<domain::Id> AppendAudit(const domain::AuditEvent& event) override;
  absl::Status AddRefusalRepeats(domain::Id event_id, int64_t repeats) override;

  // Resets every cached statement so that none holds a read snapshot open
  // after the unit of work ends. Call at the end of each unit.
  void ResetStatements();

  // The first object the current unit of work wrote ("series/3") with the
  // organisation owning it (0: none); cleared by BeginUnit.
  struct Touched {
    std::string object;
    domain::Id organization_id = 0;
  };
  void BeginUnit() { touched_ = {}; }
  const Touched& touched() const { return touched_; }

 private:
  // A cached statement for `sql`, reset and with bindings cleared.
  SQLite::Statement& Prepare(const std::string& sql);
  // Binds a query's own parameters.
  using Binder = std::function<void(SQLite::Statement&)>;
  // Rows of `select` (a query ending in a WHERE clause) ordered by id;
  // `bind`, when set, binds the query's own parameters.
  template <typename T>
  absl::StatusOr<domain::Page<T>> ListById(absl::string_view what, std::string select,
                                           const domain::PageRequest& page,
                                           T (*read)(SQLite::Statement&),
                                           const Binder& bind = nullptr);
  absl::Status WritePartners(const domain::Series& series);
  absl::Status WriteBookings(const domain::Session& session);
  absl::StatusOr<domain::Session> LoadSession(SQLite::Statement& row);
  absl::StatusOr<domain::Series> LoadSeries(SQLite::Statement& row);
  absl::Status LoadRoles(domain::Account& account);

  void Touch(absl::string_view kind, domain::Id id, domain::Id organization_id);
  // The organisation owning a series / a module's series / a session's series.
  domain::Id OrganizationOfSeries(domain::Id series_id);
  domain::Id OrganizationOfModule(domain::Id module_id);
  domain::Id OrganizationOfSession(domain::Id session_id);
  domain::Id OrganizationOfParticipant(domain::Id participant_id);

  SQLite::Database& db_;
  Touched touched_;
  std::unordered_map<std::string, std::unique_ptr<SQLite::Statement>> statements_;
};

}  // namespace trainhub::store

#endif  // TRAINHUB_SERVICES_STORE_SQLITE_REPOSITORY_H_
