#ifndef TRAINHUB_SERVICES_STORE_SQL_SUPPORT_H_
#define TRAINHUB_SERVICES_STORE_SQL_SUPPORT_H_

// What every sqlite_<aggregate>_store.cc shares: the connection with its
// statement cache, guarded execution (SQLite exceptions stop here), keyset
// paging and the binding of id lists and visibility rules as parameters.

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "domain/model.h"
#include "domain/policy.h"
#include "domain/ports/page.h"
#include "store/connection.h"

namespace trainhub::store {

// One connection and its prepared statements, for the stores of one unit of
// work. Not thread-safe: use it only on the thread that owns the connection
// (the Writer thread, or a reader holding the connection).
class Sql {
 public:
  explicit Sql(SQLite::Database& db) : db_(db) {}

  SQLite::Database& db() { return db_; }

  // A cached statement for `sql`, reset and with bindings cleared. Values
  // are always bound as parameters, so the cache depends on the queries'
  // shapes, never on the data.
  SQLite::Statement& Prepare(const std::string& sql);
  size_t cached_statements() const { return statements_.size(); }
  // The text of every statement prepared so far (tests check their plans).
  std::vector<std::string> cached_sql() const {
    std::vector<std::string> out;
    for (const auto& [sql, statement] : statements_) out.push_back(sql);
    return out;
  }

  // Resets every cached statement so that none holds a read snapshot open
  // after the unit of work ends. Call at the end of each unit.
  void ResetStatements();

 private:
  SQLite::Database& db_;
  std::unordered_map<std::string, std::unique_ptr<SQLite::Statement>> statements_;
};

inline int64_t Micros(absl::Time t) { return absl::ToUnixMicros(t); }
inline int64_t Seconds(absl::Time t) { return absl::ToUnixSeconds(t); }

// Runs `body`, turning SQLite exceptions into a status: they never leave
// the store.
template <typename F>
auto Guarded(absl::string_view what, F body) -> decltype(body()) {
  try {
    return body();
  } catch (const std::exception& e) {
    return FromSqliteError(e, what);
  }
}

// NOT_FOUND "<kind> <id> does not exist".
absl::Status NotFound(absl::string_view kind, domain::Id id);
// NOT_FOUND when the last statement changed no row.
absl::Status CheckChanged(SQLite::Database& db, absl::string_view kind, domain::Id id);

// Appends the keyset condition and limit for ascending (key, id) order;
// BindKeyset binds its parameters.
void AddKeyset(std::string& sql, absl::string_view key_column, absl::string_view id_column,
               const domain::PageRequest& page);
void BindKeyset(SQLite::Statement& q, const domain::PageRequest& page);

template <typename T>
domain::Id IdOf(const T& item) {
  return item.id;
}
inline domain::Id IdOf(const domain::AccountCredentials& c) { return c.account.id; }

// Trims the extra row fetched to learn whether another page follows.
template <typename T, typename KeyOf>
domain::Page<T> MakePage(std::vector<T> items, const domain::PageRequest& page, KeyOf key_of) {
  domain::Page<T> out;
  if (static_cast<int>(items.size()) > page.limit) {
    items.resize(page.limit);
    const T& last = items.back();
    out.next = domain::Cursor{key_of(last), IdOf(last)};
  }
  out.items = std::move(items);
  return out;
}

// Binds a query's own parameters.
using Binder = std::function<void(SQLite::Statement&)>;

// Rows of `select` (a query ending in a WHERE clause) ordered by id, read
// by `read`; `bind`, when set, binds the query's own parameters.
template <typename T>
absl::StatusOr<domain::Page<T>> ListById(Sql& sql, absl::string_view what, std::string select,
                                         const domain::PageRequest& page,
                                         T (*read)(SQLite::Statement&),
                                         const Binder& bind = nullptr) {
  return Guarded(what, [&]() -> absl::StatusOr<domain::Page<T>> {
    AddKeyset(select, "id", "id", page);
    auto& q = sql.Prepare(select);
    if (bind) bind(q);
    BindKeyset(q, page);
    std::vector<T> items;
    while (q.executeStep()) items.push_back(read(q));
    return MakePage(std::move(items), page, [](const T& item) { return IdOf(item); });
  });
}

// A JSON array of ids, bound to a parameter read with json_each(): one
// statement shape for any number of ids (ids never go into SQL text).
std::string IdList(const std::vector<domain::Id>& ids);

// " AND (...)" limiting rows to what `v` may see; "" when it sees all.
// `series` and `session` name the query's aliases (session may be empty).
// Its parameters (:vis_orgs, :vis_trainer, :vis_open, :vis_participant) are
// bound by BindVisibility.
std::string VisibilityCondition(const domain::Visibility& v, absl::string_view series,
                                absl::string_view session);
void BindVisibility(SQLite::Statement& q, const domain::Visibility& v);

// The key e-mail addresses are compared by (Folded()).
std::string EmailKey(absl::string_view email);

// Binds an optional time as Unix micros, or NULL.
void BindOptionalTime(SQLite::Statement& q, int index, const std::optional<absl::Time>& t);
// An optional time stored as Unix micros (NULL: none).
std::optional<absl::Time> OptionalTimeOf(const SQLite::Column& column);

// Target groups as the JSON array of their stored numbers.
std::string GroupsJson(const std::vector<domain::TargetGroup>& groups);

// "?, ?, ..., ?" with `n` placeholders.
std::string Placeholders(int n);

}  // namespace trainhub::store

#endif  // TRAINHUB_SERVICES_STORE_SQL_SUPPORT_H_
