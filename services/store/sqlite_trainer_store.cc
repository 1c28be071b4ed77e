#include "store/sqlite_trainer_store.h"

#include "absl/strings/str_cat.h"
#include "store/sql_support.h"

namespace trainhub::store {

using domain::Id;

namespace {
constexpr char kTrainerColumns[] = "id, display_name, email, affiliation, create_time, update_time";

domain::Trainer ReadTrainer(SQLite::Statement& q) {
  domain::Trainer t;
  t.id = q.getColumn(0).getInt64();
  t.display_name = q.getColumn(1).getString();
  t.email = q.getColumn(2).getString();
  t.affiliation = q.getColumn(3).getString();
  t.create_time = absl::FromUnixMicros(q.getColumn(4).getInt64());
  t.update_time = absl::FromUnixMicros(q.getColumn(5).getInt64());
  return t;
}
}  // namespace

absl::StatusOr<domain::Trainer> SqliteTrainerStore::Get(Id id) {
  return Guarded("GetTrainer", [&]() -> absl::StatusOr<domain::Trainer> {
    auto& q = sql_.Prepare(absl::StrCat("SELECT ", kTrainerColumns, " FROM trainer WHERE id = ?"));
    q.bind(1, id);
    if (!q.executeStep()) return NotFound("trainer", id);
    return ReadTrainer(q);
  });
}

absl::StatusOr<std::optional<domain::Trainer>> SqliteTrainerStore::FindByEmail(
    absl::string_view email) {
  return Guarded("FindTrainerByEmail", [&]() -> absl::StatusOr<std::optional<domain::Trainer>> {
    auto& q =
        sql_.Prepare(absl::StrCat("SELECT ", kTrainerColumns, " FROM trainer WHERE email_key = ?"));
    q.bind(1, EmailKey(email));
    if (!q.executeStep()) return std::optional<domain::Trainer>();
    return std::optional<domain::Trainer>(ReadTrainer(q));
  });
}

absl::StatusOr<domain::Page<domain::Trainer>> SqliteTrainerStore::List(
    const domain::PageRequest& page) {
  return ListById<domain::Trainer>(
      sql_, "ListTrainers", absl::StrCat("SELECT ", kTrainerColumns, " FROM trainer WHERE 1"), page,
      ReadTrainer);
}

absl::StatusOr<Id> SqliteTrainerStore::Insert(const domain::Trainer& trainer) {
  return Guarded("InsertTrainer", [&]() -> absl::StatusOr<Id> {
    auto& q = sql_.Prepare(
        "INSERT INTO trainer (display_name, email, email_key, affiliation,"
        " create_time, update_time) VALUES (?, ?, ?, ?, ?, ?)");
    q.bind(1, trainer.display_name);
    q.bind(2, trainer.email);
    q.bind(3, EmailKey(trainer.email));
    q.bind(4, trainer.affiliation);
    q.bind(5, Micros(trainer.create_time));
    q.bind(6, Micros(trainer.update_time));
    q.exec();
    const Id id = sql_.db().getLastInsertRowid();
    return id;
  });
}

absl::Status SqliteTrainerStore::Update(const domain::Trainer& trainer) {
  return Guarded("UpdateTrainer", [&]() -> absl::Status {
    auto& q = sql_.Prepare(
        "UPDATE trainer SET display_name = ?, email = ?, email_key = ?,"
        " affiliation = ?, update_time = ? WHERE id = ?");
    q.bind(1, trainer.display_name);
    q.bind(2, trainer.email);
    q.bind(3, EmailKey(trainer.email));
    q.bind(4, trainer.affiliation);
    q.bind(5, Micros(trainer.update_time));
    q.bind(6, trainer.id);
    q.exec();
    return CheckChanged(sql_.db(), "trainer", trainer.id);
  });
}

}  // namespace trainhub::store
