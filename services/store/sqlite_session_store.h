#ifndef TRAINHUB_SERVICES_STORE_SQLITE_SESSION_STORE_H_
#define TRAINHUB_SERVICES_STORE_SQLITE_SESSION_STORE_H_

// The SQLite side of domain::SessionWriter: sessions and their trainer bookings.

#include "domain/ports/sessions.h"
#include "store/sql_support.h"

namespace trainhub::store {

class SqliteSessionStore : public domain::SessionWriter {
 public:
  // `sql` must outlive this object.
  explicit SqliteSessionStore(Sql& sql) : sql_(sql) {}

  absl::StatusOr<domain::Session> Get(domain::Id id) override;
  absl::StatusOr<domain::Page<domain::Session>> List(const domain::SessionFilter& filter,
                                                     const domain::PageRequest& page) override;
  absl::StatusOr<std::vector<domain::Session>> FindOverlapping(
      absl::Time start, absl::Time end, const std::vector<domain::Id>& trainer_ids,
      absl::string_view place_key, domain::Id exclude_session_id) override;
  absl::StatusOr<domain::Id> Insert(const domain::Session& session) override;
  absl::Status Update(const domain::Session& session) override;
  absl::Status Delete(domain::Id id) override;

 private:
  absl::StatusOr<domain::Session> LoadSession(SQLite::Statement& row);
  absl::Status WriteBookings(const domain::Session& session);
  Sql& sql_;
};

}  // namespace trainhub::store

#endif  // TRAINHUB_SERVICES_STORE_SQLITE_SESSION_STORE_H_
