#ifndef TRAINHUB_SERVICES_STORE_SQLITE_STORE_H_
#define TRAINHUB_SERVICES_STORE_SQLITE_STORE_H_

// domain::Store on SQLite: writes through the single Writer, reads
// on a pool of read-only connections (WAL lets them run beside the writer).

#include <condition_variable>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "domain/ports/unit_of_work.h"
#include "store/sqlite_unit.h"
#include "store/writer.h"

namespace trainhub::store {

class SqliteStore : public domain::Store {
 public:
  // Opens (creating and migrating) the database at `path`. ":memory:" gives
  // a private in-memory database whose reads go through the writer.
  static absl::StatusOr<std::unique_ptr<SqliteStore>> Open(const std::string& path,
                                                           int read_connections = 4);
  ~SqliteStore() override;

  absl::Status Read(const std::function<absl::Status(domain::ReadView&)>& work) override;
  absl::Status Write(std::function<absl::Status(domain::UnitOfWork&)> work) override;

  absl::Status CopyTo(const std::string& path) override;
  absl::Status DropOverwrittenData() override;

  Writer::Stats writer_stats() const { return writer_->stats(); }
  size_t writer_queue_depth() const { return writer_->pending(); }
  void SetCommitObserver(Writer::CommitObserver observer) {
    writer_->SetCommitObserver(std::move(observer));
  }
  // The database file ("" for an in-memory database).
  const std::string& path() const { return path_; }

 private:
  struct Reader {
    std::unique_ptr<SQLite::Database> db;
    std::unique_ptr<SqliteUnit> unit;
  };
  SqliteStore() = default;

  std::string path_;
  std::unique_ptr<SqliteUnit> write_unit_;
  std::unique_ptr<Writer> writer_;  // owns the connection write_unit_ uses
  std::vector<std::unique_ptr<Reader>> readers_;
  std::mutex readers_mu_;
  std::condition_variable reader_free_;
  std::vector<Reader*> idle_readers_;
};

}  // namespace trainhub::store

#endif  // TRAINHUB_SERVICES_STORE_SQLITE_STORE_H_
