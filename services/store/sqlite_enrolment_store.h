#ifndef TRAINHUB_SERVICES_STORE_SQLITE_ENROLMENT_STORE_H_
#define TRAINHUB_SERVICES_STORE_SQLITE_ENROLMENT_STORE_H_

// The SQLite side of domain::EnrolmentWriter: enrolments and their history.

#include "domain/ports/enrolments.h"
#include "store/sql_support.h"

namespace trainhub::store {

class SqliteEnrolmentStore : public domain::EnrolmentWriter {
 public:
  // `sql` must outlive this object.
  explicit SqliteEnrolmentStore(Sql& sql) : sql_(sql) {}

  absl::StatusOr<domain::Enrolment> Get(domain::Id id) override;
  absl::StatusOr<std::optional<domain::Enrolment>> Find(domain::Id series_id,
                                                        domain::Id participant_id) override;
  absl::StatusOr<domain::Page<domain::Enrolment>> List(const domain::EnrolmentFilter& filter,
                                                       const domain::PageRequest& page) override;
  absl::StatusOr<int64_t> NextQueueNumber(domain::Id series_id) override;
  absl::StatusOr<domain::Page<domain::EnrolmentChange>> ListChanges(
      domain::Id enrolment_id, const domain::PageRequest& page) override;
  absl::StatusOr<std::vector<domain::SeatChange>> ListSeatChanges(domain::Id series_id) override;
  absl::StatusOr<int64_t> Count(domain::Id series_id) override;
  absl::StatusOr<domain::Places> CountPlaces(domain::Id series_id) override;
  absl::StatusOr<domain::Id> Insert(const domain::Enrolment& enrolment) override;
  absl::Status Update(const domain::Enrolment& enrolment) override;
  absl::Status AppendChange(const domain::EnrolmentChange& change) override;

 private:
  // Sets the waiting positions of `items`, rows of one series in arrival
  // order whose waiting rows are consecutive on the waiting list.
  absl::Status NumberWaitingRows(domain::Id series_id, std::vector<domain::Enrolment>& items);

  Sql& sql_;
};

}  // namespace trainhub::store

#endif  // TRAINHUB_SERVICES_STORE_SQLITE_ENROLMENT_STORE_H_
