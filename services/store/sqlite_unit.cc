#include "store/sqlite_unit.h"

namespace trainhub::store {

SqliteUnit::SqliteUnit(SQLite::Database& db, std::string request_key)
    : sql_(db),
      organizations_(sql_),
      trainers_(sql_),
      series_(sql_),
      sessions_(sql_),
      participants_(sql_),
      enrolments_(sql_),
      accounts_(sql_),
      audit_(sql_),
      requests_(sql_, std::move(request_key)),
      installation_(sql_),
      attendance_(sql_),
      completion_(sql_),
      certificates_(sql_),
      reports_(sql_),
      privacy_(sql_),
      notifications_(sql_) {}

}  // namespace trainhub::store
