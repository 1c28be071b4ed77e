#ifndef TRAINHUB_SERVICES_STORE_SQLITE_TRAINER_STORE_H_
#define TRAINHUB_SERVICES_STORE_SQLITE_TRAINER_STORE_H_

// The SQLite side of domain::TrainerWriter: trainers.

#include "domain/ports/trainers.h"
#include "store/sql_support.h"

namespace trainhub::store {

class SqliteTrainerStore : public domain::TrainerWriter {
 public:
  // `sql` must outlive this object.
  explicit SqliteTrainerStore(Sql& sql) : sql_(sql) {}

  absl::StatusOr<domain::Trainer> Get(domain::Id id) override;
  absl::StatusOr<std::optional<domain::Trainer>> FindByEmail(absl::string_view email) override;
  absl::StatusOr<domain::Page<domain::Trainer>> List(const domain::PageRequest& page) override;
  absl::StatusOr<domain::Id> Insert(const domain::Trainer& trainer) override;
  absl::Status Update(const domain::Trainer& trainer) override;

 private:
  Sql& sql_;
};

}  // namespace trainhub::store

#endif  // TRAINHUB_SERVICES_STORE_SQLITE_TRAINER_STORE_H_
