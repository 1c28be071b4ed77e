#ifndef TRAINHUB_SERVICES_STORE_SQLITE_SERIES_STORE_H_
#define TRAINHUB_SERVICES_STORE_SQLITE_SERIES_STORE_H_

// The SQLite side of domain::SeriesWriter: series and their modules.

#include "domain/ports/series.h"
#include "store/sql_support.h"

namespace trainhub::store {

class SqliteSeriesStore : public domain::SeriesWriter {
 public:
  // `sql` must outlive this object.
  explicit SqliteSeriesStore(Sql& sql) : sql_(sql) {}

  absl::StatusOr<domain::Series> Get(domain::Id id) override;
  absl::StatusOr<domain::Series> GetStored(domain::Id id) override;
  absl::StatusOr<domain::Page<domain::Series>> List(const domain::SeriesFilter& filter,
                                                    const domain::PageRequest& page) override;
  absl::StatusOr<domain::Module> GetModule(domain::Id id) override;
  absl::StatusOr<domain::Page<domain::Module>> ListModules(
      domain::Id series_id, const domain::PageRequest& page) override;
  absl::StatusOr<domain::Id> Insert(const domain::Series& series) override;
  absl::Status Update(const domain::Series& series) override;
  absl::Status Delete(domain::Id id) override;
  absl::StatusOr<domain::Id> InsertModule(const domain::Module& module) override;
  absl::Status UpdateModule(const domain::Module& module) override;
  absl::Status SetModuleOrder(domain::Id series_id,
                              const std::vector<domain::Id>& module_ids) override;
  absl::Status DeleteModule(domain::Id id) override;

 private:
  absl::StatusOr<domain::Series> LoadSeries(SQLite::Statement& row);
  absl::Status WritePartners(const domain::Series& series);
  Sql& sql_;
};

}  // namespace trainhub::store

#endif  // TRAINHUB_SERVICES_STORE_SQLITE_SERIES_STORE_H_
