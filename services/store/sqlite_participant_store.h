#ifndef TRAINHUB_SERVICES_STORE_SQLITE_PARTICIPANT_STORE_H_
#define TRAINHUB_SERVICES_STORE_SQLITE_PARTICIPANT_STORE_H_

// The SQLite side of domain::ParticipantWriter: participants and their qualifications.

#include "domain/ports/participants.h"
#include "store/sql_support.h"

namespace trainhub::store {

class SqliteParticipantStore : public domain::ParticipantWriter {
 public:
  // `sql` must outlive this object.
  explicit SqliteParticipantStore(Sql& sql) : sql_(sql) {}

  absl::StatusOr<domain::Participant> Get(domain::Id id) override;
  absl::StatusOr<std::optional<domain::Participant>> FindByEmail(absl::string_view email) override;
  absl::StatusOr<domain::Page<domain::Participant>> List(const domain::ParticipantFilter& filter,
                                                         const domain::PageRequest& page) override;
  absl::StatusOr<domain::Qualification> GetQualification(domain::Id id) override;
  absl::StatusOr<std::vector<domain::Qualification>> ListQualifications(
      domain::Id participant_id) override;
  absl::StatusOr<domain::Id> Insert(const domain::Participant& participant) override;
  absl::Status Update(const domain::Participant& participant) override;
  absl::StatusOr<domain::Id> InsertQualification(
      const domain::Qualification& qualification) override;
  absl::Status DeleteQualification(domain::Id id) override;

 private:
  Sql& sql_;
};

}  // namespace trainhub::store

#endif  // TRAINHUB_SERVICES_STORE_SQLITE_PARTICIPANT_STORE_H_
