#include "store/sqlite_repository.h"

#include <nlohmann/json.hpp>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/time/clock.h"
#include "domain/limits.h"
#include "domain/policy.h"
#include "domain/status_macros.h"
#include "domain/text.h"
#include "domain/validation.h"
#include "store/connection.h"
#include "store/stored_numbers.h"

namespace trainhub::store {
namespace {

using domain::Id;

int64_t Micros(absl::Time t) { return absl::ToUnixMicros(t); }
int64_t Seconds(absl::Time t) { return absl::ToUnixSeconds(t); }

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

absl::Status NotFound(absl::string_view kind, Id id) {
  return absl::NotFoundError(absl::StrCat(kind, " ", id, " does not exist"));
}

absl::Status CheckChanged(SQLite::Database& db, absl::string_view kind, Id id) {
  if (db.getChanges() == 0) return NotFound(kind, id);
  return absl::OkStatus();
}

// Appends the keyset condition and limit for ascending (key, id) order.
void AddKeyset(std::string& sql, absl::string_view key_column, absl::string_view id_column,
               const domain::PageRequest& page) {
  if (page.after)
    absl::StrAppend(&sql, " AND (", key_column, ", ", id_column, ") > (:after_key, :after_id)");
  absl::StrAppend(&sql, " ORDER BY ", key_column, ", ", id_column, " LIMIT :limit");
}

void BindKeyset(SQLite::Statement& q, const domain::PageRequest& page) {
  if (page.after) {
    q.bind(":after_key", page.after->key);
    q.bind(":after_id", page.after->id);
  }
  q.bind(":limit", page.limit + 1);
}

template <typename T>
Id IdOf(const T& item) {
  return item.id;
}
Id IdOf(const domain::AccountCredentials& c) { return c.account.id; }

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

// A JSON array of ids, bound to a parameter read with json_each(): one
// statement shape for any number of ids (ids never go into SQL text).
std::string IdList(const std::vector<Id>& ids) { return nlohmann::json(ids).dump(); }

// " AND (...)" limiting rows to what `v` may see; "" when it sees all.
// `series` and `session` name the query's aliases (session may be empty).
// Its parameters (:vis_orgs, :vis_trainer, :vis_open, :vis_participant) are
// bound by BindVisibility.
std::string VisibilityCondition(const domain::Visibility& v, absl::string_view series,
                                absl::string_view session) {
  if (v.everything) return "";
  std::string cond = " AND (0";
  if (!v.organizations.empty()) {
    absl::StrAppend(&cond, " OR ", series,
                    ".organization_id IN (SELECT value FROM json_each(:vis_orgs))",
                    " OR EXISTS (SELECT 1 FROM series_partner vp WHERE vp.series_id = ", series,
                    ".id AND vp.organization_id IN (SELECT value FROM json_each(:vis_orgs)))");
  }
  if (v.trainer_id != 0) {
    if (session.empty()) {
      absl::StrAppend(&cond,
                      " OR EXISTS (SELECT 1 FROM module vm JOIN session vx ON vx.module_id = vm.id"
                      " JOIN session_trainer vt ON vt.session_id = vx.id WHERE vm.series_id = ",
                      series, ".id AND vt.trainer_id = :vis_trainer)");
    } else {
      absl::StrAppend(&cond, " OR EXISTS (SELECT 1 FROM session_trainer vt WHERE vt.session_id = ",
                      session, ".id AND vt.trainer_id = :vis_trainer)");
    }
  }
  if (v.open_series) absl::StrAppend(&cond, " OR ", series, ".status = :vis_open");
  if (v.enrolled_participant_id != 0) {
    absl::StrAppend(&cond, " OR EXISTS (SELECT 1 FROM enrolment ve WHERE ve.series_id = ", series,
                    ".id AND ve.participant_id = :vis_participant)");
  }
  absl::StrAppend(&cond, ")");
  return cond;
}

void BindVisibility(SQLite::Statement& q, const domain::Visibility& v) {
  if (v.everything) return;
  if (!v.organizations.empty()) q.bind(":vis_orgs", IdList(v.organizations));
  if (v.trainer_id != 0) q.bind(":vis_trainer", v.trainer_id);
  if (v.open_series) q.bind(":vis_open", static_cast<int>(domain::SeriesStatus::kOpenForEnrolment));
  if (v.enrolled_participant_id != 0) q.bind(":vis_participant", v.enrolled_participant_id);
}

constexpr char kOrganizationColumns[] = "id, name, kind, city, website, create_time, update_time";

domain::Organization ReadOrganization(SQLite::Statement& q) {
  domain::Organization org;
  org.id = q.getColumn(0).getInt64();
  org.name = q.getColumn(1).getString();
  org.kind = static_cast<domain::OrganizationKind>(q.getColumn(2).getInt());
  org.city = q.getColumn(3).getString();
  org.website = q.getColumn(4).getString();
  org.create_time = absl::FromUnixMicros(q.getColumn(5).getInt64());
  org.update_time = absl::FromUnixMicros(q.getColumn(6).getInt64());
  return org;
}

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

std::string EmailKey(absl::string_view email) { return domain::Folded(email); }

constexpr char kSeriesColumns[] =
    "s.id, s.organization_id, s.title, s.kind, s.description, s.target_groups,"
    " s.capacity, s.status, s.cancellation_reason, s.create_time,"
    " s.update_time,"
    " (SELECT count(*) FROM module m WHERE m.series_id = s.id),"
    " (SELECT min(x.start_time) FROM module m JOIN session x"
    "    ON x.module_id = m.id WHERE m.series_id = s.id),"
    " (SELECT max(x.end_time) FROM module m JOIN session x"
    "    ON x.module_id = m.id WHERE m.series_id = s.id),"
    " s.partners_may_plan, s.requires_approval, s.requires_confirmation,"
    " s.confirmation_deadline, s.enrolment_deadline, s.awards_qualification,"
    " s.required_qualification,"
    " (SELECT count(*) FROM enrolment e WHERE e.series_id = s.id AND e.state IN " TH_SEAT_STATES
    "),"
    " (SELECT count(*) FROM enrolment e WHERE e.series_id = s.id AND e.state = " TH_WAITLISTED_STATE
    ")";

constexpr char kModuleColumns[] =
    "m.id, m.series_id, m.position, m.title, m.topics, m.mandatory,"
    " m.teaching_units,"
    " (SELECT count(*) FROM session x WHERE x.module_id = m.id)";

domain::Module ReadModule(SQLite::Statement& q) {
  domain::Module m;
  m.id = q.getColumn(0).getInt64();
  m.series_id = q.getColumn(1).getInt64();
  m.position = q.getColumn(2).getInt();
  m.title = q.getColumn(3).getString();
  m.topics = nlohmann::json::parse(q.getColumn(4).getString()).get<std::vector<std::string>>();
  m.mandatory = q.getColumn(5).getInt() != 0;
  m.teaching_units = q.getColumn(6).getInt();
  m.session_count = q.getColumn(7).getInt();
  return m;
}

constexpr char kSessionColumns[] =
    "s.id, m.series_id, s.module_id, s.start_time, s.end_time, s.place_name,"
    " s.place_address, s.note, r.title, m.title, m.position, r.status";
constexpr char kSessionFrom[] =
    " FROM session s JOIN module m ON m.id = s.module_id"
    " JOIN series r ON r.id = m.series_id";

}  // namespace

SQLite::Statement& SqliteRepository::Prepare(const std::string& sql) {
  auto& slot = statements_[sql];
  if (!slot) {
    slot = std::make_unique<SQLite::Statement>(db_, sql);
  } else {
    slot->reset();
    slot->clearBindings();
  }
  return *slot;
}

void SqliteRepository::ResetStatements() {
  for (auto& [sql, statement] : statements_) {
    try {
      statement->reset();
    } catch (const std::exception&) {
      // reset() reports the statement's last error again; it is reset anyway.
    }
  }
}

template <typename T>
absl::StatusOr<domain::Page<T>> SqliteRepository::ListById(absl::string_view what,
                                                           std::string select,
                                                           const domain::PageRequest& page,
                                                           T (*read)(SQLite::Statement&),
                                                           const Binder& bind) {
  return Guarded(what, [&]() -> absl::StatusOr<domain::Page<T>> {
    AddKeyset(select, "id", "id", page);
    auto& q = Prepare(select);
    if (bind) bind(q);
    BindKeyset(q, page);
    std::vector<T> items;
    while (q.executeStep()) items.push_back(read(q));
    return MakePage(std::move(items), page, [](const T& item) { return IdOf(item); });
  });
}

// ---- organisations ----

absl::StatusOr<domain::Organization> SqliteRepository::GetOrganization(Id id) {
  return Guarded("GetOrganization", [&]() -> absl::StatusOr<domain::Organization> {
    auto& q =
        Prepare(absl::StrCat("SELECT ", kOrganizationColumns, " FROM organization WHERE id = ?"));
    q.bind(1, id);
    if (!q.executeStep()) return NotFound("organisation", id);
    return ReadOrganization(q);
  });
}

absl::StatusOr<std::optional<domain::Organization>> SqliteRepository::FindOrganizationByName(
    absl::string_view name) {
  return Guarded(
      "FindOrganizationByName", [&]() -> absl::StatusOr<std::optional<domain::Organization>> {
        auto& q = Prepare(
            absl::StrCat("SELECT ", kOrganizationColumns, " FROM organization WHERE name_key = ?"));
        q.bind(1, domain::Folded(name));
        if (!q.executeStep()) return std::optional<domain::Organization>();
        return std::optional<domain::Organization>(ReadOrganization(q));
      });
}

absl::StatusOr<std::string> SqliteRepository::InstallationUidDomain() {
  return Guarded("InstallationUidDomain", [&]() -> absl::StatusOr<std::string> {
    auto& q = Prepare("SELECT uid_domain FROM installation WHERE id = 1");
    if (!q.executeStep()) return absl::InternalError("the installation row is missing");
    return q.getColumn(0).getString();
  });
}

absl::StatusOr<domain::Page<domain::Organization>> SqliteRepository::ListOrganizations(
    const domain::PageRequest& page) {
  return ListById<domain::Organization>(
      "ListOrganizations",
      absl::StrCat("SELECT ", kOrganizationColumns, " FROM organization WHERE 1"), page,
      ReadOrganization);
}

absl::StatusOr<Id> SqliteRepository::InsertOrganization(const domain::Organization& org) {
  return Guarded("InsertOrganization", [&]() -> absl::StatusOr<Id> {
    auto& q = Prepare(
        "INSERT INTO organization (name, kind, city, website, create_time,"
        " update_time, name_key) VALUES (?, ?, ?, ?, ?, ?, ?)");
    q.bind(1, org.name);
    q.bind(2, static_cast<int>(org.kind));
    q.bind(3, org.city);
    q.bind(4, org.website);
    q.bind(5, Micros(org.create_time));
    q.bind(6, Micros(org.update_time));
    q.bind(7, domain::Folded(org.name));
    q.exec();
    const Id id = db_.getLastInsertRowid();
    Touch("organization", id, id);
    return id;
  });
}

absl::Status SqliteRepository::UpdateOrganization(const domain::Organization& org) {
  return Guarded("UpdateOrganization", [&]() -> absl::Status {
    auto& q = Prepare(
        "UPDATE organization SET name = ?, kind = ?, city = ?, website = ?,"
        " update_time = ?, name_key = ? WHERE id = ?");
    q.bind(1, org.name);
    q.bind(2, static_cast<int>(org.kind));
    q.bind(3, org.city);
    q.bind(4, org.website);
    q.bind(5, Micros(org.update_time));
    q.bind(6, domain::Folded(org.name));
    q.bind(7, org.id);
    q.exec();
    Touch("organization", org.id, org.id);
    return CheckChanged(db_, "organisation", org.id);
  });
}

// ---- trainers ----

absl::StatusOr<domain::Trainer> SqliteRepository::GetTrainer(Id id) {
  return Guarded("GetTrainer", [&]() -> absl::StatusOr<domain::Trainer> {
    auto& q = Prepare(absl::StrCat("SELECT ", kTrainerColumns, " FROM trainer WHERE id = ?"));
    q.bind(1, id);
    if (!q.executeStep()) return NotFound("trainer", id);
    return ReadTrainer(q);
  });
}

absl::StatusOr<std::optional<domain::Trainer>> SqliteRepository::FindTrainerByEmail(
    absl::string_view email) {
  return Guarded("FindTrainerByEmail", [&]() -> absl::StatusOr<std::optional<domain::Trainer>> {
    auto& q =
        Prepare(absl::StrCat("SELECT ", kTrainerColumns, " FROM trainer WHERE email_key = ?"));
    q.bind(1, EmailKey(email));
    if (!q.executeStep()) return std::optional<domain::Trainer>();
    return std::optional<domain::Trainer>(ReadTrainer(q));
  });
}

absl::StatusOr<domain::Page<domain::Trainer>> SqliteRepository::ListTrainers(
    const domain::PageRequest& page) {
  return ListById<domain::Trainer>(
      "ListTrainers", absl::StrCat("SELECT ", kTrainerColumns, " FROM trainer WHERE 1"), page,
      ReadTrainer);
}

absl::StatusOr<Id> SqliteRepository::InsertTrainer(const domain::Trainer& trainer) {
  return Guarded("InsertTrainer", [&]() -> absl::StatusOr<Id> {
    auto& q = Prepare(
        "INSERT INTO trainer (display_name, email, email_key, affiliation,"
        " create_time, update_time) VALUES (?, ?, ?, ?, ?, ?)");
    q.bind(1, trainer.display_name);
    q.bind(2, trainer.email);
    q.bind(3, EmailKey(trainer.email));
    q.bind(4, trainer.affiliation);
    q.bind(5, Micros(trainer.create_time));
    q.bind(6, Micros(trainer.update_time));
    q.exec();
    const Id id = db_.getLastInsertRowid();
    Touch("trainer", id, 0);
    return id;
  });
}

absl::Status SqliteRepository::UpdateTrainer(const domain::Trainer& trainer) {
  return Guarded("UpdateTrainer", [&]() -> absl::Status {
    auto& q = Prepare(
        "UPDATE trainer SET display_name = ?, email = ?, email_key = ?,"
        " affiliation = ?, update_time = ? WHERE id = ?");
    q.bind(1, trainer.display_name);
    q.bind(2, trainer.email);
    q.bind(3, EmailKey(trainer.email));
    q.bind(4, trainer.affiliation);
    q.bind(5, Micros(trainer.update_time));
    q.bind(6, trainer.id);
    q.exec();
    Touch("trainer", trainer.id, 0);
    return CheckChanged(db_, "trainer", trainer.id);
  });
}

// ---- series ----

absl::StatusOr<domain::Series> SqliteRepository::LoadSeries(SQLite::Statement& q) {
  domain::Series s;
  s.id = q.getColumn(0).getInt64();
  s.organization_id = q.getColumn(1).getInt64();
  s.title = q.getColumn(2).getString();
  s.kind = static_cast<domain::SeriesKind>(q.getColumn(3).getInt());
  s.description = q.getColumn(4).getString();
  for (int group : nlohmann::json::parse(q.getColumn(5).getString())) {
    s.target_groups.push_back(static_cast<domain::TargetGroup>(group));
  }
  s.capacity = q.getColumn(6).getInt();
  s.status = static_cast<domain::SeriesStatus>(q.getColumn(7).getInt());
  s.cancellation_reason = q.getColumn(8).getString();
  s.create_time = absl::FromUnixMicros(q.getColumn(9).getInt64());
  s.update_time = absl::FromUnixMicros(q.getColumn(10).getInt64());
  s.module_count = q.getColumn(11).getInt();
  s.partners_may_plan = q.getColumn(14).getInt() != 0;
  s.requires_approval = q.getColumn(15).getInt() != 0;
  s.requires_confirmation = q.getColumn(16).getInt() != 0;
  if (!q.getColumn(17).isNull())
    s.confirmation_deadline = absl::FromUnixMicros(q.getColumn(17).getInt64());
  if (!q.getColumn(18).isNull())
    s.enrolment_deadline = absl::FromUnixMicros(q.getColumn(18).getInt64());
  s.awards_qualification = q.getColumn(19).getString();
  s.required_qualification = q.getColumn(20).getString();
  s.seats_taken = q.getColumn(21).getInt();
  s.waitlist_length = q.getColumn(22).getInt();
  if (!q.getColumn(12).isNull()) {
    s.first_session_start = absl::FromUnixSeconds(q.getColumn(12).getInt64());
    s.last_session_end = absl::FromUnixSeconds(q.getColumn(13).getInt64());
  }
  auto& partners = Prepare(
      "SELECT organization_id FROM series_partner WHERE series_id = ?"
      " ORDER BY position");
  partners.bind(1, s.id);
  while (partners.executeStep()) {
    s.partner_organization_ids.push_back(partners.getColumn(0).getInt64());
  }
  return s;
}

absl::StatusOr<domain::Series> SqliteRepository::GetSeries(Id id) {
  return Guarded("GetSeries", [&]() -> absl::StatusOr<domain::Series> {
    auto& q = Prepare(absl::StrCat("SELECT ", kSeriesColumns, " FROM series s WHERE s.id = ?"));
    q.bind(1, id);
    if (!q.executeStep()) return NotFound("series", id);
    return LoadSeries(q);
  });
}

absl::StatusOr<domain::Page<domain::Series>> SqliteRepository::ListSeries(
    const domain::SeriesFilter& filter, const domain::PageRequest& page) {
  return Guarded("ListSeries", [&]() -> absl::StatusOr<domain::Page<domain::Series>> {
    std::string sql = absl::StrCat("SELECT ", kSeriesColumns, " FROM series s WHERE 1");
    if (filter.kind != domain::SeriesKind::kUnspecified) {
      absl::StrAppend(&sql, " AND s.kind = :kind");
    }
    if (filter.status != domain::SeriesStatus::kUnspecified) {
      absl::StrAppend(&sql, " AND s.status = :status");
    }
    if (filter.organization_id != 0) {
      absl::StrAppend(&sql,
                      " AND (s.organization_id = :org OR EXISTS (SELECT 1"
                      " FROM series_partner p WHERE p.series_id = s.id"
                      " AND p.organization_id = :org))");
    }
    if (filter.visible_to) absl::StrAppend(&sql, VisibilityCondition(*filter.visible_to, "s", ""));
    if (filter.from || filter.to) {
      absl::StrAppend(&sql,
                      " AND EXISTS (SELECT 1 FROM module m JOIN session x"
                      " ON x.module_id = m.id WHERE m.series_id = s.id");
      if (filter.from) absl::StrAppend(&sql, " AND x.end_time > :from");
      if (filter.to) absl::StrAppend(&sql, " AND x.start_time < :to");
      absl::StrAppend(&sql, ")");
    }
    AddKeyset(sql, "s.id", "s.id", page);
    auto& q = Prepare(sql);
    if (filter.kind != domain::SeriesKind::kUnspecified) {
      q.bind(":kind", static_cast<int>(filter.kind));
    }
    if (filter.status != domain::SeriesStatus::kUnspecified) {
      q.bind(":status", static_cast<int>(filter.status));
    }
    if (filter.organization_id != 0) q.bind(":org", filter.organization_id);
    if (filter.from) q.bind(":from", Seconds(*filter.from));
    if (filter.to) q.bind(":to", Seconds(*filter.to));
    if (filter.visible_to) BindVisibility(q, *filter.visible_to);
    BindKeyset(q, page);
    std::vector<domain::Series> items;
    while (q.executeStep()) {
      TH_ASSIGN_OR_RETURN(domain::Series s, LoadSeries(q));
      items.push_back(std::move(s));
    }
    return MakePage(std::move(items), page, [](const domain::Series& s) { return s.id; });
  });
}

absl::Status SqliteRepository::WritePartners(const domain::Series& series) {
  auto& clear = Prepare("DELETE FROM series_partner WHERE series_id = ?");
  clear.bind(1, series.id);
  clear.exec();
  for (size_t i = 0; i < series.partner_organization_ids.size(); ++i) {
    auto& q = Prepare(
        "INSERT INTO series_partner (series_id, organization_id, position)"
        " VALUES (?, ?, ?)");
    q.bind(1, series.id);
    q.bind(2, series.partner_organization_ids[i]);
    q.bind(3, static_cast<int>(i));
    q.exec();
  }
  return absl::OkStatus();
}

namespace {
std::string GroupsJson(const std::vector<domain::TargetGroup>& groups) {
  nlohmann::json out = nlohmann::json::array();
  for (domain::TargetGroup g : groups) out.push_back(static_cast<int>(g));
  return out.dump();
}
}  // namespace

namespace {
// Binds an optional time as Unix micros, or NULL.
void BindOptionalTime(SQLite::Statement& q, int index, const std::optional<absl::Time>& t) {
  if (t) {
    q.bind(index, Micros(*t));
  } else {
    q.bind(index);
  }
}

// Binds the stored fields of `series` to parameters 1..16 in the column
// order of kSeriesWriteColumns.
constexpr char kSeriesWriteColumns[] =
    "organization_id, title, kind, description, target_groups, capacity, status,"
    " cancellation_reason, partners_may_plan, update_time, requires_approval,"
    " requires_confirmation, confirmation_deadline, enrolment_deadline,"
    " awards_qualification, required_qualification";
constexpr int kSeriesWriteColumnCount = 16;
void BindSeries(SQLite::Statement& q, const domain::Series& series) {
  q.bind(1, series.organization_id);
  q.bind(2, series.title);
  q.bind(3, static_cast<int>(series.kind));
  q.bind(4, series.description);
  q.bind(5, GroupsJson(series.target_groups));
  q.bind(6, series.capacity);
  q.bind(7, static_cast<int>(series.status));
  q.bind(8, series.cancellation_reason);
  q.bind(9, series.partners_may_plan ? 1 : 0);
  q.bind(10, Micros(series.update_time));
  q.bind(11, series.requires_approval ? 1 : 0);
  q.bind(12, series.requires_confirmation ? 1 : 0);
  BindOptionalTime(q, 13, series.confirmation_deadline);
  BindOptionalTime(q, 14, series.enrolment_deadline);
  q.bind(15, series.awards_qualification);
  q.bind(16, series.required_qualification);
}

// "?, ?, ..., ?" with `n` placeholders.
std::string Placeholders(int n) {
  std::string out;
  for (int i = 0; i < n; ++i) absl::StrAppend(&out, i ? ", ?" : "?");
  return out;
}
}  // namespace

absl::StatusOr<Id> SqliteRepository::InsertSeries(const domain::Series& series) {
  return Guarded("InsertSeries", [&]() -> absl::StatusOr<Id> {
    auto& q =
        Prepare(absl::StrCat("INSERT INTO series (", kSeriesWriteColumns, ", create_time) VALUES (",
                             Placeholders(kSeriesWriteColumnCount + 1), ")"));
    BindSeries(q, series);
    q.bind(kSeriesWriteColumnCount + 1, Micros(series.create_time));
    q.exec();
    domain::Series stored = series;
    stored.id = db_.getLastInsertRowid();
    Touch("series", stored.id, series.organization_id);
    TH_RETURN_IF_ERROR(WritePartners(stored));
    return stored.id;
  });
}

absl::Status SqliteRepository::UpdateSeries(const domain::Series& series) {
  return Guarded("UpdateSeries", [&]() -> absl::Status {
    auto& q = Prepare(absl::StrCat("UPDATE series SET (", kSeriesWriteColumns, ") = (",
                                   Placeholders(kSeriesWriteColumnCount), ") WHERE id = ?"));
    BindSeries(q, series);
    q.bind(kSeriesWriteColumnCount + 1, series.id);
    q.exec();
    Touch("series", series.id, series.organization_id);
    TH_RETURN_IF_ERROR(CheckChanged(db_, "series", series.id));
    return WritePartners(series);
  });
}

absl::Status SqliteRepository::DeleteSeries(Id id) {
  return Guarded("DeleteSeries", [&]() -> absl::Status {
    Touch("series", id, OrganizationOfSeries(id));
    auto& q = Prepare("DELETE FROM series WHERE id = ?");
    q.bind(1, id);
    q.exec();
    return CheckChanged(db_, "series", id);
  });
}

// ---- modules ----

absl::StatusOr<domain::Module> SqliteRepository::GetModule(Id id) {
  return Guarded("GetModule", [&]() -> absl::StatusOr<domain::Module> {
    auto& q = Prepare(absl::StrCat("SELECT ", kModuleColumns, " FROM module m WHERE m.id = ?"));
    q.bind(1, id);
    if (!q.executeStep()) return NotFound("module", id);
    return ReadModule(q);
  });
}

absl::StatusOr<domain::Page<domain::Module>> SqliteRepository::ListModules(
    Id series_id, const domain::PageRequest& page) {
  return Guarded("ListModules", [&]() -> absl::StatusOr<domain::Page<domain::Module>> {
    std::string sql =
        absl::StrCat("SELECT ", kModuleColumns, " FROM module m WHERE m.series_id = :series");
    AddKeyset(sql, "m.position", "m.id", page);
    auto& q = Prepare(sql);
    q.bind(":series", series_id);
    BindKeyset(q, page);
    std::vector<domain::Module> items;
    while (q.executeStep()) items.push_back(ReadModule(q));
    return MakePage(std::move(items), page,
                    [](const domain::Module& m) { return int64_t{m.position}; });
  });
}

absl::StatusOr<Id> SqliteRepository::InsertModule(const domain::Module& module) {
  return Guarded("InsertModule", [&]() -> absl::StatusOr<Id> {
    auto& q = Prepare(
        "INSERT INTO module (series_id, position, title, topics, mandatory,"
        " teaching_units) VALUES (?, ?, ?, ?, ?, ?)");
    q.bind(1, module.series_id);
    q.bind(2, module.position);
    q.bind(3, module.title);
    q.bind(4, nlohmann::json(module.topics).dump());
    q.bind(5, module.mandatory ? 1 : 0);
    q.bind(6, module.teaching_units);
    q.exec();
    const Id id = db_.getLastInsertRowid();
    Touch("module", id, OrganizationOfSeries(module.series_id));
    return id;
  });
}

absl::Status SqliteRepository::UpdateModule(const domain::Module& module) {
  return Guarded("UpdateModule", [&]() -> absl::Status {
    auto& q = Prepare(
        "UPDATE module SET title = ?, topics = ?, mandatory = ?,"
        " teaching_units = ? WHERE id = ?");
    q.bind(1, module.title);
    q.bind(2, nlohmann::json(module.topics).dump());
    q.bind(3, module.mandatory ? 1 : 0);
    q.bind(4, module.teaching_units);
    q.bind(5, module.id);
    q.exec();
    Touch("module", module.id, OrganizationOfModule(module.id));
    return CheckChanged(db_, "module", module.id);
  });
}

absl::Status SqliteRepository::SetModuleOrder(Id series_id, const std::vector<Id>& module_ids) {
  return Guarded("SetModuleOrder", [&]() -> absl::Status {
    Touch("series", series_id, OrganizationOfSeries(series_id));
    for (size_t i = 0; i < module_ids.size(); ++i) {
      auto& q = Prepare("UPDATE module SET position = ? WHERE id = ? AND series_id = ?");
      q.bind(1, static_cast<int>(i + 1));
      q.bind(2, module_ids[i]);
      q.bind(3, series_id);
      q.exec();
      TH_RETURN_IF_ERROR(CheckChanged(db_, "module", module_ids[i]));
    }
    return absl::OkStatus();
  });
}

absl::Status SqliteRepository::DeleteModule(Id id) {
  return Guarded("DeleteModule", [&]() -> absl::Status {
    Touch("module", id, OrganizationOfModule(id));
    auto& q = Prepare("DELETE FROM module WHERE id = ?");
    q.bind(1, id);
    q.exec();
    return CheckChanged(db_, "module", id);
  });
}

// ---- sessions ----

absl::StatusOr<domain::Session> SqliteRepository::LoadSession(SQLite::Statement& q) {
  domain::Session s;
  s.id = q.getColumn(0).getInt64();
  s.series_id = q.getColumn(1).getInt64();
  s.module_id = q.getColumn(2).getInt64();
  s.start = absl::FromUnixSeconds(q.getColumn(3).getInt64());
  s.end = absl::FromUnixSeconds(q.getColumn(4).getInt64());
  s.place.name = q.getColumn(5).getString();
  s.place.address = q.getColumn(6).getString();
  s.note = q.getColumn(7).getString();
  s.series_title = q.getColumn(8).getString();
  s.module_title = q.getColumn(9).getString();
  s.module_position = q.getColumn(10).getInt();
  s.series_status = static_cast<domain::SeriesStatus>(q.getColumn(11).getInt());
  auto& bookings = Prepare(
      "SELECT st.trainer_id, st.status, st.status_time, t.display_name"
      " FROM session_trainer st JOIN trainer t ON t.id = st.trainer_id"
      " WHERE st.session_id = ? ORDER BY st.position");
  bookings.bind(1, s.id);
  while (bookings.executeStep()) {
    domain::TrainerBooking b;
    b.trainer_id = bookings.getColumn(0).getInt64();
    b.status = static_cast<domain::BookingStatus>(bookings.getColumn(1).getInt());
    b.status_time = absl::FromUnixMicros(bookings.getColumn(2).getInt64());
    b.trainer_name = bookings.getColumn(3).getString();
    s.trainers.push_back(std::move(b));
  }
  return s;
}

absl::StatusOr<domain::Session> SqliteRepository::GetSession(Id id) {
  return Guarded("GetSession", [&]() -> absl::StatusOr<domain::Session> {
    auto& q = Prepare(absl::StrCat("SELECT ", kSessionColumns, kSessionFrom, " WHERE s.id = ?"));
    q.bind(1, id);
    if (!q.executeStep()) return NotFound("session", id);
    return LoadSession(q);
  });
}

absl::StatusOr<domain::Page<domain::Session>> SqliteRepository::ListSessions(
    const domain::SessionFilter& filter, const domain::PageRequest& page) {
  return Guarded("ListSessions", [&]() -> absl::StatusOr<domain::Page<domain::Session>> {
    std::string sql = absl::StrCat("SELECT ", kSessionColumns, kSessionFrom);
    if (filter.trainer_id != 0) {
      absl::StrAppend(&sql,
                      " JOIN session_trainer st ON st.session_id = s.id"
                      " AND st.trainer_id = :trainer AND st.status <> ",
                      static_cast<int>(domain::BookingStatus::kDeclined));
      if (filter.pending_only) {
        absl::StrAppend(&sql,
                        " AND st.status = ", static_cast<int>(domain::BookingStatus::kRequested));
      }
    }
    absl::StrAppend(&sql, " WHERE 1");
    if (filter.pending_only && filter.trainer_id == 0) {
      absl::StrAppend(&sql,
                      " AND EXISTS (SELECT 1 FROM session_trainer p"
                      " WHERE p.session_id = s.id AND p.status = ",
                      static_cast<int>(domain::BookingStatus::kRequested), ")");
    }
    if (filter.series_id != 0) absl::StrAppend(&sql, " AND m.series_id = :series");
    if (filter.module_id != 0) absl::StrAppend(&sql, " AND s.module_id = :module");
    if (filter.organization_id != 0) {
      absl::StrAppend(&sql,
                      " AND (r.organization_id = :org OR EXISTS (SELECT 1"
                      " FROM series_partner p WHERE p.series_id = r.id"
                      " AND p.organization_id = :org))");
    }
    if (filter.from) absl::StrAppend(&sql, " AND s.end_time > :from");
    if (filter.to) absl::StrAppend(&sql, " AND s.start_time < :to");
    if (filter.skip_cancelled_series) absl::StrAppend(&sql, " AND r.status <> :cancelled");
    if (filter.visible_to) absl::StrAppend(&sql, VisibilityCondition(*filter.visible_to, "r", "s"));
    AddKeyset(sql, "s.start_time", "s.id", page);
    auto& q = Prepare(sql);
    if (filter.trainer_id != 0) q.bind(":trainer", filter.trainer_id);
    if (filter.series_id != 0) q.bind(":series", filter.series_id);
    if (filter.module_id != 0) q.bind(":module", filter.module_id);
    if (filter.organization_id != 0) q.bind(":org", filter.organization_id);
    if (filter.from) q.bind(":from", Seconds(*filter.from));
    if (filter.to) q.bind(":to", Seconds(*filter.to));
    if (filter.skip_cancelled_series) {
      q.bind(":cancelled", static_cast<int>(domain::SeriesStatus::kCancelled));
    }
    if (filter.visible_to) BindVisibility(q, *filter.visible_to);
    BindKeyset(q, page);
    std::vector<domain::Session> items;
    while (q.executeStep()) {
      TH_ASSIGN_OR_RETURN(domain::Session s, LoadSession(q));
      items.push_back(std::move(s));
    }
    return MakePage(std::move(items), page,
                    [](const domain::Session& s) { return Seconds(s.start); });
  });
}

absl::StatusOr<std::vector<domain::Session>> SqliteRepository::FindOverlappingSessions(
    absl::Time start, absl::Time end, const std::vector<Id>& trainer_ids,
    absl::string_view place_key, Id exclude_session_id) {
  return Guarded("FindOverlappingSessions", [&]() -> absl::StatusOr<std::vector<domain::Session>> {
    // Sessions last at most kMaxSessionLength, so one that overlaps
    // [start, end) starts in (start - kMaxSessionLength, end): both bounds
    // on an indexed start_time.
    const int64_t earliest_start = Seconds(start - domain::kMaxSessionLength);
    std::vector<Id> ids;
    auto collect = [&](SQLite::Statement& q) {
      while (q.executeStep()) {
        const Id id = q.getColumn(0).getInt64();
        if (std::find(ids.begin(), ids.end(), id) == ids.end()) ids.push_back(id);
      }
    };
    const std::string common = absl::StrCat(
        " AND s.start_time > :earliest AND s.start_time < :end"
        " AND s.end_time > :start AND s.id <> :exclude"
        " AND r.status <> ",
        static_cast<int>(domain::SeriesStatus::kCancelled));
    for (Id trainer_id : trainer_ids) {
      auto& q =
          Prepare(absl::StrCat("SELECT s.id FROM session_trainer st JOIN session s"
                               " ON s.id = st.session_id JOIN module m ON m.id = s.module_id"
                               " JOIN series r ON r.id = m.series_id"
                               " WHERE st.trainer_id = :trainer AND st.status <> ",
                               static_cast<int>(domain::BookingStatus::kDeclined), common));
      q.bind(":trainer", trainer_id);
      q.bind(":earliest", earliest_start);
      q.bind(":end", Seconds(end));
      q.bind(":start", Seconds(start));
      q.bind(":exclude", exclude_session_id);
      collect(q);
    }
    if (!place_key.empty()) {
      auto& q =
          Prepare(absl::StrCat("SELECT s.id FROM session s JOIN module m ON m.id = s.module_id"
                               " JOIN series r ON r.id = m.series_id"
                               " WHERE s.place_key = :place AND s.place_key <> ''",
                               common));
      q.bind(":place", std::string(place_key));
      q.bind(":earliest", earliest_start);
      q.bind(":end", Seconds(end));
      q.bind(":start", Seconds(start));
      q.bind(":exclude", exclude_session_id);
      collect(q);
    }
    std::vector<domain::Session> sessions;
    for (Id id : ids) {
      TH_ASSIGN_OR_RETURN(domain::Session s, GetSession(id));
      sessions.push_back(std::move(s));
    }
    std::sort(sessions.begin(), sessions.end(),
              [](const domain::Session& a, const domain::Session& b) {
                return std::pair(a.start, a.id) < std::pair(b.start, b.id);
              });
    return sessions;
  });
}

absl::Status SqliteRepository::WriteBookings(const domain::Session& session) {
  auto& clear = Prepare("DELETE FROM session_trainer WHERE session_id = ?");
  clear.bind(1, session.id);
  clear.exec();
  for (size_t i = 0; i < session.trainers.size(); ++i) {
    const domain::TrainerBooking& b = session.trainers[i];
    auto& q = Prepare(
        "INSERT INTO session_trainer (session_id, trainer_id, position, status,"
        " status_time) VALUES (?, ?, ?, ?, ?)");
    q.bind(1, session.id);
    q.bind(2, b.trainer_id);
    q.bind(3, static_cast<int>(i));
    q.bind(4, static_cast<int>(b.status));
    q.bind(5, Micros(b.status_time));
    q.exec();
  }
  return absl::OkStatus();
}

absl::StatusOr<Id> SqliteRepository::InsertSession(const domain::Session& session) {
  return Guarded("InsertSession", [&]() -> absl::StatusOr<Id> {
    auto& q = Prepare(
        "INSERT INTO session (module_id, start_time, end_time, place_name,"
        " place_address, place_key, note) VALUES (?, ?, ?, ?, ?, ?, ?)");
    q.bind(1, session.module_id);
    q.bind(2, Seconds(session.start));
    q.bind(3, Seconds(session.end));
    q.bind(4, session.place.name);
    q.bind(5, session.place.address);
    q.bind(6, domain::PlaceKey(session.place));
    q.bind(7, session.note);
    q.exec();
    domain::Session stored = session;
    stored.id = db_.getLastInsertRowid();
    Touch("session", stored.id, OrganizationOfModule(session.module_id));
    TH_RETURN_IF_ERROR(WriteBookings(stored));
    return stored.id;
  });
}

absl::Status SqliteRepository::UpdateSession(const domain::Session& session) {
  return Guarded("UpdateSession", [&]() -> absl::Status {
    auto& q = Prepare(
        "UPDATE session SET start_time = ?, end_time = ?, place_name = ?,"
        " place_address = ?, place_key = ?, note = ? WHERE id = ?");
    q.bind(1, Seconds(session.start));
    q.bind(2, Seconds(session.end));
    q.bind(3, session.place.name);
    q.bind(4, session.place.address);
    q.bind(5, domain::PlaceKey(session.place));
    q.bind(6, session.note);
    q.bind(7, session.id);
    q.exec();
    Touch("session", session.id, OrganizationOfSession(session.id));
    TH_RETURN_IF_ERROR(CheckChanged(db_, "session", session.id));
    return WriteBookings(session);
  });
}

absl::Status SqliteRepository::DeleteSession(Id id) {
  return Guarded("DeleteSession", [&]() -> absl::Status {
    Touch("session", id, OrganizationOfSession(id));
    auto& q = Prepare("DELETE FROM session WHERE id = ?");
    q.bind(1, id);
    q.exec();
    return CheckChanged(db_, "session", id);
  });
}

// ---- idempotency ----

absl::StatusOr<std::optional<domain::RequestRecord>> SqliteRepository::FindRequest(
    Id account_id, absl::string_view request_id) {
  return Guarded("FindRequest", [&]() -> absl::StatusOr<std::optional<domain::RequestRecord>> {
    auto& q = Prepare(
        "SELECT method, fingerprint, resource_id FROM client_request"
        " WHERE account_id = ? AND request_id = ?");
    q.bind(1, account_id);
    q.bind(2, std::string(request_id));
    if (!q.executeStep()) return std::optional<domain::RequestRecord>();
    domain::RequestRecord record;
    record.account_id = account_id;
    record.request_id = std::string(request_id);
    record.method = q.getColumn(0).getString();
    record.fingerprint = q.getColumn(1).getString();
    record.resource_id = q.getColumn(2).getInt64();
    return std::optional<domain::RequestRecord>(std::move(record));
  });
}

absl::Status SqliteRepository::RecordRequest(const domain::RequestRecord& record) {
  return Guarded("RecordRequest", [&]() -> absl::Status {
    auto& q = Prepare(
        "INSERT INTO client_request (account_id, request_id, method, fingerprint,"
        " resource_id, create_time) VALUES (?, ?, ?, ?, ?, ?)");
    q.bind(1, record.account_id);
    q.bind(2, record.request_id);
    q.bind(3, record.method);
    q.bind(4, record.fingerprint);
    q.bind(5, record.resource_id);
    q.bind(6, Micros(absl::Now()));
    q.exec();
    return absl::OkStatus();
  });
}

// ---- accounts ----

namespace {

// Times of accounts: Unix microseconds; 0 for "never" (locked_until).
absl::Time FromMicrosOrPast(int64_t micros) {
  return micros == 0 ? absl::InfinitePast() : absl::FromUnixMicros(micros);
}
int64_t MicrosOrZero(absl::Time t) { return t == absl::InfinitePast() ? 0 : absl::ToUnixMicros(t); }

constexpr char kAccountColumns[] =
    "id, email, display_name, create_time, password_hash, failed_logins, locked_until";

domain::AccountCredentials ReadAccount(SQLite::Statement& q) {
  domain::AccountCredentials c;
  c.account.id = q.getColumn(0).getInt64();
  c.account.email = q.getColumn(1).getString();
  c.account.display_name = q.getColumn(2).getString();
  c.account.create_time = absl::FromUnixMicros(q.getColumn(3).getInt64());
  c.password_hash = q.getColumn(4).getString();
  c.failed_logins = q.getColumn(5).getInt();
  c.locked_until = FromMicrosOrPast(q.getColumn(6).getInt64());
  return c;
}

}  // namespace

absl::Status SqliteRepository::LoadRoles(domain::Account& account) {
  auto& q = Prepare(
      "SELECT role, organization_id, trainer_id, participant_id FROM account_role"
      " WHERE account_id = ? ORDER BY position");
  q.bind(1, account.id);
  account.roles.clear();
  while (q.executeStep()) {
    domain::RoleGrant g;
    g.role = static_cast<domain::Role>(q.getColumn(0).getInt());
    g.organization_id = q.getColumn(1).isNull() ? 0 : q.getColumn(1).getInt64();
    g.trainer_id = q.getColumn(2).isNull() ? 0 : q.getColumn(2).getInt64();
    g.participant_id = q.getColumn(3).isNull() ? 0 : q.getColumn(3).getInt64();
    account.roles.push_back(g);
  }
  return absl::OkStatus();
}

absl::StatusOr<domain::Account> SqliteRepository::GetAccount(Id id) {
  return Guarded("GetAccount", [&]() -> absl::StatusOr<domain::Account> {
    auto& q = Prepare(absl::StrCat("SELECT ", kAccountColumns, " FROM account WHERE id = ?"));
    q.bind(1, id);
    if (!q.executeStep()) return NotFound("account", id);
    domain::Account account = ReadAccount(q).account;
    TH_RETURN_IF_ERROR(LoadRoles(account));
    return account;
  });
}

absl::StatusOr<std::optional<domain::AccountCredentials>> SqliteRepository::FindAccountByEmail(
    absl::string_view email) {
  return Guarded(
      "FindAccountByEmail", [&]() -> absl::StatusOr<std::optional<domain::AccountCredentials>> {
        auto& q =
            Prepare(absl::StrCat("SELECT ", kAccountColumns, " FROM account WHERE email_key = ?"));
        q.bind(1, EmailKey(email));
        if (!q.executeStep()) return std::optional<domain::AccountCredentials>();
        domain::AccountCredentials c = ReadAccount(q);
        TH_RETURN_IF_ERROR(LoadRoles(c.account));
        return std::optional<domain::AccountCredentials>(std::move(c));
      });
}

absl::StatusOr<int64_t> SqliteRepository::CountAccounts() {
  return Guarded("CountAccounts", [&]() -> absl::StatusOr<int64_t> {
    auto& q = Prepare("SELECT count(*) FROM account");
    q.executeStep();
    return q.getColumn(0).getInt64();
  });
}

absl::StatusOr<domain::Page<domain::Account>> SqliteRepository::ListAccounts(
    const domain::PageRequest& page) {
  TH_ASSIGN_OR_RETURN(
      domain::Page<domain::AccountCredentials> credentials,
      ListById<domain::AccountCredentials>(
          "ListAccounts", absl::StrCat("SELECT ", kAccountColumns, " FROM account WHERE 1"), page,
          ReadAccount));
  domain::Page<domain::Account> out;
  out.next = credentials.next;
  for (domain::AccountCredentials& c : credentials.items) {
    TH_RETURN_IF_ERROR(Guarded("ListAccounts", [&] { return LoadRoles(c.account); }));
    out.items.push_back(std::move(c.account));
  }
  return out;
}

absl::StatusOr<std::optional<domain::TokenRecord>> SqliteRepository::FindToken(
    absl::string_view token_hash) {
  return Guarded("FindToken", [&]() -> absl::StatusOr<std::optional<domain::TokenRecord>> {
    auto& q = Prepare(
        "SELECT account_id, create_time, expire_time, revoked FROM auth_token"
        " WHERE token_hash = ?");
    q.bind(1, std::string(token_hash));
    if (!q.executeStep()) return std::optional<domain::TokenRecord>();
    domain::TokenRecord t;
    t.token_hash = std::string(token_hash);
    t.account_id = q.getColumn(0).getInt64();
    t.create_time = absl::FromUnixMicros(q.getColumn(1).getInt64());
    t.expire_time = absl::FromUnixMicros(q.getColumn(2).getInt64());
    t.revoked = q.getColumn(3).getInt() != 0;
    return std::optional<domain::TokenRecord>(t);
  });
}

absl::StatusOr<Id> SqliteRepository::InsertAccount(const domain::AccountCredentials& c) {
  return Guarded("InsertAccount", [&]() -> absl::StatusOr<Id> {
    auto& q = Prepare(
        "INSERT INTO account (email, email_key, display_name, password_hash,"
        " failed_logins, locked_until, create_time) VALUES (?, ?, ?, ?, ?, ?, ?)");
    q.bind(1, c.account.email);
    q.bind(2, EmailKey(c.account.email));
    q.bind(3, c.account.display_name);
    q.bind(4, c.password_hash);
    q.bind(5, c.failed_logins);
    q.bind(6, MicrosOrZero(c.locked_until));
    q.bind(7, Micros(c.account.create_time));
    q.exec();
    const Id id = db_.getLastInsertRowid();
    Touch("account", id, 0);
    for (size_t i = 0; i < c.account.roles.size(); ++i) {
      const domain::RoleGrant& g = c.account.roles[i];
      auto& r = Prepare(
          "INSERT INTO account_role (account_id, position, role, organization_id,"
          " trainer_id, participant_id) VALUES (?, ?, ?, ?, ?, ?)");
      r.bind(1, id);
      r.bind(2, static_cast<int>(i));
      r.bind(3, static_cast<int>(g.role));
      if (g.organization_id != 0) r.bind(4, g.organization_id);
      if (g.trainer_id != 0) r.bind(5, g.trainer_id);
      if (g.participant_id != 0) r.bind(6, g.participant_id);
      r.exec();
    }
    return id;
  });
}

absl::Status SqliteRepository::UpdateLoginState(const domain::AccountCredentials& c) {
  return Guarded("UpdateLoginState", [&]() -> absl::Status {
    auto& q = Prepare(
        "UPDATE account SET failed_logins = ?, locked_until = ?, password_hash = ?"
        " WHERE id = ?");
    q.bind(1, c.failed_logins);
    q.bind(2, MicrosOrZero(c.locked_until));
    q.bind(3, c.password_hash);
    q.bind(4, c.account.id);
    q.exec();
    return CheckChanged(db_, "account", c.account.id);
  });
}

absl::Status SqliteRepository::InsertToken(const domain::TokenRecord& t) {
  return Guarded("InsertToken", [&]() -> absl::Status {
    auto& q = Prepare(
        "INSERT INTO auth_token (token_hash, account_id, create_time, expire_time,"
        " revoked) VALUES (?, ?, ?, ?, ?)");
    q.bind(1, t.token_hash);
    q.bind(2, t.account_id);
    q.bind(3, Micros(t.create_time));
    q.bind(4, Micros(t.expire_time));
    q.bind(5, t.revoked ? 1 : 0);
    q.exec();
    return absl::OkStatus();
  });
}

absl::Status SqliteRepository::RevokeToken(absl::string_view token_hash) {
  return Guarded("RevokeToken", [&]() -> absl::Status {
    if (touched_.object.empty()) touched_.object = "token";
    auto& q = Prepare("UPDATE auth_token SET revoked = 1 WHERE token_hash = ?");
    q.bind(1, std::string(token_hash));
    q.exec();
    return absl::OkStatus();
  });
}

absl::StatusOr<int64_t> SqliteRepository::RevokeAllTokens(Id account_id) {
  return Guarded("RevokeAllTokens", [&]() -> absl::StatusOr<int64_t> {
    Touch("account", account_id, 0);
    auto& q = Prepare("UPDATE auth_token SET revoked = 1 WHERE account_id = ? AND revoked = 0");
    q.bind(1, account_id);
    q.exec();
    return static_cast<int64_t>(db_.getChanges());
  });
}

// ---- audit ----

void SqliteRepository::Touch(absl::string_view kind, Id id, Id organization_id) {
  if (!touched_.object.empty()) return;  // the unit's first object names it
  touched_.object = absl::StrCat(kind, "/", id);
  touched_.organization_id = organization_id;
}

Id SqliteRepository::OrganizationOfSeries(Id series_id) {
  auto& q = Prepare("SELECT organization_id FROM series WHERE id = ?");
  q.bind(1, series_id);
  return q.executeStep() ? q.getColumn(0).getInt64() : 0;
}

Id SqliteRepository::OrganizationOfParticipant(Id participant_id) {
  auto& q = Prepare("SELECT organization_id FROM participant WHERE id = ?");
  q.bind(1, participant_id);
  return q.executeStep() ? q.getColumn(0).getInt64() : 0;
}

Id SqliteRepository::OrganizationOfModule(Id module_id) {
  auto& q = Prepare(
      "SELECT r.organization_id FROM module m JOIN series r ON r.id = m.series_id"
      " WHERE m.id = ?");
  q.bind(1, module_id);
  return q.executeStep() ? q.getColumn(0).getInt64() : 0;
}

Id SqliteRepository::OrganizationOfSession(Id session_id) {
  auto& q = Prepare(
      "SELECT r.organization_id FROM session s JOIN module m ON m.id = s.module_id"
      " JOIN series r ON r.id = m.series_id WHERE s.id = ?");
  q.bind(1, session_id);
  return q.executeStep() ? q.getColumn(0).getInt64() : 0;
}

absl::StatusOr<Id> SqliteRepository::AppendAudit(const domain::AuditEvent& event) {
  return Guarded("AppendAudit", [&]() -> absl::StatusOr<Id> {
    auto& q = Prepare(
        "INSERT INTO audit_event (time, account_id, method, object, organization_id,"
        " result, request_id, peer, repeat_count) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
    q.bind(1, Micros(event.time));
    q.bind(2, event.account_id);
    q.bind(3, event.method);
    q.bind(4, event.object);
    q.bind(5, event.organization_id);
    q.bind(6, event.result);
    q.bind(7, event.request_id);
    q.bind(8, event.peer);
    q.bind(9, event.repeat_count);
    q.exec();
    return static_cast<Id>(db_.getLastInsertRowid());
  });
}

absl::Status SqliteRepository::AddRefusalRepeats(Id event_id, int64_t repeats) {
  return Guarded("AddRefusalRepeats", [&]() -> absl::Status {
    auto& q = Prepare(
        "UPDATE audit_event SET repeat_count = repeat_count + ? WHERE id = ? AND object = ''");
    q.bind(1, repeats);
    q.bind(2, event_id);
    q.exec();
    return CheckChanged(db_, "refusal row", event_id);
  });
}

absl::StatusOr<domain::Page<domain::AuditEvent>> SqliteRepository::ListAudit(
    const domain::AuditFilter& filter, const domain::PageRequest& page) {
  return Guarded("ListAudit", [&]() -> absl::StatusOr<domain::Page<domain::AuditEvent>> {
    std::string sql =
        "SELECT e.id, e.time, e.account_id, e.method, e.object, e.organization_id, e.result,"
        " e.request_id, e.peer, e.repeat_count, coalesce(a.display_name, '')"
        " FROM audit_event e LEFT JOIN account a ON a.id = e.account_id WHERE 1";
    if (!filter.organizations.empty()) {
      absl::StrAppend(&sql, " AND e.organization_id IN (SELECT value FROM json_each(:orgs))");
    }
    // Newest first: the cursor holds the last id returned.
    if (page.after) absl::StrAppend(&sql, " AND e.id < :after_id");
    absl::StrAppend(&sql, " ORDER BY e.id DESC LIMIT :limit");
    auto& q = Prepare(sql);
    if (!filter.organizations.empty()) q.bind(":orgs", IdList(filter.organizations));
    if (page.after) q.bind(":after_id", page.after->id);
    q.bind(":limit", page.limit + 1);
    std::vector<domain::AuditEvent> items;
    while (q.executeStep()) {
      domain::AuditEvent e;
      e.id = q.getColumn(0).getInt64();
      e.time = absl::FromUnixMicros(q.getColumn(1).getInt64());
      e.account_id = q.getColumn(2).getInt64();
      e.method = q.getColumn(3).getString();
      e.object = q.getColumn(4).getString();
      e.organization_id = q.getColumn(5).getInt64();
      e.result = q.getColumn(6).getString();
      e.request_id = q.getColumn(7).getString();
      e.peer = q.getColumn(8).getString();
      e.repeat_count = q.getColumn(9).getInt64();
      e.account_name = q.getColumn(10).getString();
      items.push_back(std::move(e));
    }
    return MakePage(std::move(items), page, [](const domain::AuditEvent& e) { return e.id; });
  });
}

// ---- participants ----

namespace {

constexpr char kParticipantColumns[] =
    "id, display_name, email, organization_id, target_groups, training_year, create_time,"
    " update_time";

domain::Participant ReadParticipant(SQLite::Statement& q) {
  domain::Participant p;
  p.id = q.getColumn(0).getInt64();
  p.display_name = q.getColumn(1).getString();
  p.email = q.getColumn(2).getString();
  p.organization_id = q.getColumn(3).getInt64();
  for (int group : nlohmann::json::parse(q.getColumn(4).getString())) {
    p.target_groups.push_back(static_cast<domain::TargetGroup>(group));
  }
  p.training_year = q.getColumn(5).getInt();
  p.create_time = absl::FromUnixMicros(q.getColumn(6).getInt64());
  p.update_time = absl::FromUnixMicros(q.getColumn(7).getInt64());
  return p;
}

// Binds the stored fields of `p` to parameters 1..7 in kParticipantWriteColumns order.
constexpr char kParticipantWriteColumns[] =
    "display_name, email, email_key, organization_id, target_groups, training_year,"
    " update_time, search_key";
void BindParticipant(SQLite::Statement& q, const domain::Participant& p) {
  q.bind(1, p.display_name);
  q.bind(2, p.email);
  if (p.email.empty()) {
    q.bind(3);  // NULL: no e-mail, no uniqueness
  } else {
    q.bind(3, EmailKey(p.email));
  }
  q.bind(4, p.organization_id);
  q.bind(5, GroupsJson(p.target_groups));
  q.bind(6, p.training_year);
  q.bind(7, Micros(p.update_time));
  q.bind(8, domain::SearchKey(p.display_name));
}

}  // namespace

absl::StatusOr<domain::Participant> SqliteRepository::GetParticipant(Id id) {
  return Guarded("GetParticipant", [&]() -> absl::StatusOr<domain::Participant> {
    auto& q =
        Prepare(absl::StrCat("SELECT ", kParticipantColumns, " FROM participant WHERE id = ?"));
    q.bind(1, id);
    if (!q.executeStep()) return NotFound("participant", id);
    return ReadParticipant(q);
  });
}

absl::StatusOr<std::optional<domain::Participant>> SqliteRepository::FindParticipantByEmail(
    absl::string_view email) {
  return Guarded(
      "FindParticipantByEmail", [&]() -> absl::StatusOr<std::optional<domain::Participant>> {
        auto& q = Prepare(
            absl::StrCat("SELECT ", kParticipantColumns, " FROM participant WHERE email_key = ?"));
        q.bind(1, EmailKey(email));
        if (!q.executeStep()) return std::optional<domain::Participant>();
        return std::optional<domain::Participant>(ReadParticipant(q));
      });
}

absl::StatusOr<domain::Page<domain::Participant>> SqliteRepository::ListParticipants(
    const domain::ParticipantFilter& filter, const domain::PageRequest& page) {
  std::string select = absl::StrCat("SELECT ", kParticipantColumns, " FROM participant WHERE 1");
  if (filter.organization_id != 0) absl::StrAppend(&select, " AND organization_id = :org");
  if (!filter.name_search_key.empty()) absl::StrAppend(&select, " AND instr(search_key, :name)");
  domain::Visibility enrolled_in;
  if (filter.visible) {
    absl::StrAppend(&select, " AND (0");
    if (!filter.visible->organizations.empty()) {
      enrolled_in.organizations = filter.visible->organizations;
      absl::StrAppend(
          &select,
          " OR organization_id IN (SELECT value FROM json_each(:vis_orgs))"
          " OR EXISTS (SELECT 1 FROM enrolment ve JOIN series vr ON vr.id = ve.series_id"
          " WHERE ve.participant_id = participant.id",
          VisibilityCondition(enrolled_in, "vr", ""), ")");
    }
    if (filter.visible->participant_id != 0) absl::StrAppend(&select, " OR id = :own");
    absl::StrAppend(&select, ")");
  }
  return ListById<domain::Participant>("ListParticipants", select, page, ReadParticipant,
                                       [&](SQLite::Statement& q) {
                                         if (filter.organization_id != 0)
                                           q.bind(":org", filter.organization_id);
                                         if (!filter.name_search_key.empty())
                                           q.bind(":name", filter.name_search_key);
                                         if (filter.visible) {
                                           BindVisibility(q, enrolled_in);
                                           if (filter.visible->participant_id != 0)
                                             q.bind(":own", filter.visible->participant_id);
                                         }
                                       });
}

absl::StatusOr<Id> SqliteRepository::InsertParticipant(const domain::Participant& p) {
  return Guarded("InsertParticipant", [&]() -> absl::StatusOr<Id> {
    auto& q = Prepare(absl::StrCat("INSERT INTO participant (", kParticipantWriteColumns,
                                   ", create_time) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"));
    BindParticipant(q, p);
    q.bind(9, Micros(p.create_time));
    q.exec();
    const Id id = db_.getLastInsertRowid();
    Touch("participant", id, p.organization_id);
    return id;
  });
}

absl::Status SqliteRepository::UpdateParticipant(const domain::Participant& p) {
  return Guarded("UpdateParticipant", [&]() -> absl::Status {
    auto& q = Prepare(absl::StrCat("UPDATE participant SET (", kParticipantWriteColumns,
                                   ") = (?, ?, ?, ?, ?, ?, ?, ?) WHERE id = ?"));
    BindParticipant(q, p);
    q.bind(9, p.id);
    q.exec();
    Touch("participant", p.id, p.organization_id);
    return CheckChanged(db_, "participant", p.id);
  });
}

}  // namespace trainhub::store

// ---- enrolments ----

namespace trainhub::store {
namespace {

constexpr char kEnrolmentColumns[] =
    "e.id, e.series_id, e.participant_id, e.state, e.queue_number, e.request_time,"
    " e.seat_time, e.eligibility_overridden, e.update_time,"
    // 2: EnrolmentState WAITLISTED.
    " CASE WHEN e.state = " TH_WAITLISTED_STATE
    " THEN (SELECT count(*) FROM enrolment w WHERE"
    "   w.series_id = e.series_id AND w.state = " TH_WAITLISTED_STATE
    " AND w.queue_number <= e.queue_number)"
    "   ELSE 0 END,"
    " p.display_name, p.organization_id, r.title, e.note";
constexpr char kEnrolmentFrom[] =
    " FROM enrolment e JOIN participant p ON p.id = e.participant_id"
    " JOIN series r ON r.id = e.series_id";

domain::Enrolment ReadEnrolment(SQLite::Statement& q) {
  domain::Enrolment e;
  e.id = q.getColumn(0).getInt64();
  e.series_id = q.getColumn(1).getInt64();
  e.participant_id = q.getColumn(2).getInt64();
  e.state = static_cast<domain::EnrolmentState>(q.getColumn(3).getInt());
  e.queue_number = q.getColumn(4).getInt64();
  e.request_time = absl::FromUnixMicros(q.getColumn(5).getInt64());
  if (!q.getColumn(6).isNull()) e.seat_time = absl::FromUnixMicros(q.getColumn(6).getInt64());
  e.eligibility_overridden = q.getColumn(7).getInt() != 0;
  e.update_time = absl::FromUnixMicros(q.getColumn(8).getInt64());
  e.waitlist_position = q.getColumn(9).getInt();
  e.participant_name = q.getColumn(10).getString();
  e.participant_organization_id = q.getColumn(11).getInt64();
  e.series_title = q.getColumn(12).getString();
  e.note = q.getColumn(13).getString();
  return e;
}

// Binds the stored fields of `e` to parameters 1..7 in kEnrolmentWriteColumns order.
constexpr char kEnrolmentWriteColumns[] =
    "state, queue_number, request_time, seat_time, eligibility_overridden, update_time, note";
void BindEnrolment(SQLite::Statement& q, const domain::Enrolment& e) {
  q.bind(1, static_cast<int>(e.state));
  q.bind(2, e.queue_number);
  q.bind(3, Micros(e.request_time));
  BindOptionalTime(q, 4, e.seat_time);
  q.bind(5, e.eligibility_overridden ? 1 : 0);
  q.bind(6, Micros(e.update_time));
  q.bind(7, e.note);
}

constexpr char kQualificationColumns[] =
    "id, participant_id, title, series_id, note, recorded_by, record_time";

domain::Qualification ReadQualification(SQLite::Statement& q) {
  domain::Qualification out;
  out.id = q.getColumn(0).getInt64();
  out.participant_id = q.getColumn(1).getInt64();
  out.title = q.getColumn(2).getString();
  out.series_id = q.getColumn(3).isNull() ? 0 : q.getColumn(3).getInt64();
  out.note = q.getColumn(4).getString();
  out.recorded_by = q.getColumn(5).getInt64();
  out.record_time = absl::FromUnixMicros(q.getColumn(6).getInt64());
  return out;
}

}  // namespace

absl::StatusOr<domain::Enrolment> SqliteRepository::GetEnrolment(Id id) {
  return Guarded("GetEnrolment", [&]() -> absl::StatusOr<domain::Enrolment> {
    auto& q =
        Prepare(absl::StrCat("SELECT ", kEnrolmentColumns, kEnrolmentFrom, " WHERE e.id = ?"));
    q.bind(1, id);
    if (!q.executeStep()) return NotFound("enrolment", id);
    return ReadEnrolment(q);
  });
}

absl::StatusOr<std::optional<domain::Enrolment>> SqliteRepository::FindEnrolment(
    Id series_id, Id participant_id) {
  return Guarded("FindEnrolment", [&]() -> absl::StatusOr<std::optional<domain::Enrolment>> {
    auto& q = Prepare(absl::StrCat("SELECT ", kEnrolmentColumns, kEnrolmentFrom,
                                   " WHERE e.series_id = ? AND e.participant_id = ?"));
    q.bind(1, series_id);
    q.bind(2, participant_id);
    if (!q.executeStep()) return std::optional<domain::Enrolment>();
    return std::optional<domain::Enrolment>(ReadEnrolment(q));
  });
}

absl::StatusOr<domain::Page<domain::Enrolment>> SqliteRepository::ListEnrolments(
    const domain::EnrolmentFilter& filter, const domain::PageRequest& page) {
  return Guarded("ListEnrolments", [&]() -> absl::StatusOr<domain::Page<domain::Enrolment>> {
    std::string sql = absl::StrCat("SELECT ", kEnrolmentColumns, kEnrolmentFrom, " WHERE 1");
    if (filter.series_id != 0) absl::StrAppend(&sql, " AND e.series_id = :series");
    if (filter.participant_id != 0) absl::StrAppend(&sql, " AND e.participant_id = :participant");
    std::vector<Id> states;
    for (domain::EnrolmentState state : filter.states) states.push_back(static_cast<int>(state));
    if (!states.empty()) {
      absl::StrAppend(&sql, " AND e.state IN (SELECT value FROM json_each(:states))");
    }
    domain::Visibility visible;
    if (filter.organizations) {
      visible.organizations = *filter.organizations;
      absl::StrAppend(&sql, VisibilityCondition(visible, "r", ""));
    }
    // Within a series in arrival order; across series by id (queue numbers
    // count per series).
    const bool by_arrival = filter.series_id != 0;
    AddKeyset(sql, by_arrival ? "e.queue_number" : "e.id", "e.id", page);
    auto& q = Prepare(sql);
    if (filter.series_id != 0) q.bind(":series", filter.series_id);
    if (filter.participant_id != 0) q.bind(":participant", filter.participant_id);
    if (!states.empty()) q.bind(":states", IdList(states));
    if (filter.organizations) BindVisibility(q, visible);
    BindKeyset(q, page);
    std::vector<domain::Enrolment> items;
    while (q.executeStep()) items.push_back(ReadEnrolment(q));
    return MakePage(std::move(items), page, [by_arrival](const domain::Enrolment& e) {
      return by_arrival ? e.queue_number : e.id;
    });
  });
}

absl::StatusOr<int64_t> SqliteRepository::NextQueueNumber(Id series_id) {
  return Guarded("NextQueueNumber", [&]() -> absl::StatusOr<int64_t> {
    auto& q =
        Prepare("SELECT coalesce(max(queue_number), 0) + 1 FROM enrolment WHERE series_id = ?");
    q.bind(1, series_id);
    q.executeStep();
    return q.getColumn(0).getInt64();
  });
}

absl::StatusOr<domain::Page<domain::EnrolmentChange>> SqliteRepository::ListEnrolmentChanges(
    Id enrolment_id, const domain::PageRequest& page) {
  return Guarded(
      "ListEnrolmentChanges", [&]() -> absl::StatusOr<domain::Page<domain::EnrolmentChange>> {
        std::string sql =
            "SELECT c.id, c.enrolment_id, c.time, c.from_state, c.to_state, c.account_id,"
            " c.reason, coalesce(a.display_name, '') FROM enrolment_change c"
            " LEFT JOIN account a ON a.id = c.account_id WHERE c.enrolment_id = :enrolment";
        AddKeyset(sql, "c.id", "c.id", page);
        auto& q = Prepare(sql);
        q.bind(":enrolment", enrolment_id);
        BindKeyset(q, page);
        std::vector<domain::EnrolmentChange> items;
        while (q.executeStep()) {
          domain::EnrolmentChange c;
          c.id = q.getColumn(0).getInt64();
          c.enrolment_id = q.getColumn(1).getInt64();
          c.time = absl::FromUnixMicros(q.getColumn(2).getInt64());
          c.from = static_cast<domain::EnrolmentState>(q.getColumn(3).getInt());
          c.to = static_cast<domain::EnrolmentState>(q.getColumn(4).getInt());
          c.account_id = q.getColumn(5).getInt64();
          c.reason = q.getColumn(6).getString();
          c.account_name = q.getColumn(7).getString();
          items.push_back(std::move(c));
        }
        return MakePage(std::move(items), page,
                        [](const domain::EnrolmentChange& c) { return c.id; });
      });
}

absl::StatusOr<int64_t> SqliteRepository::CountEnrolments(Id series_id) {
  return Guarded("CountEnrolments", [&]() -> absl::StatusOr<int64_t> {
    auto& q = Prepare("SELECT count(*) FROM enrolment WHERE series_id = ?");
    q.bind(1, series_id);
    q.executeStep();
    return q.getColumn(0).getInt64();
  });
}

absl::StatusOr<domain::StoreReader::Places> SqliteRepository::CountPlaces(Id series_id) {
  return Guarded("CountPlaces", [&]() -> absl::StatusOr<Places> {
    auto& q = Prepare("SELECT count(*) FILTER (WHERE state IN " TH_SEAT_STATES
                      "), count(*) FILTER (WHERE state = " TH_WAITLISTED_STATE
                      ")"
                      " FROM enrolment WHERE series_id = ? AND state IN (2, 3, 4)");
    q.bind(1, series_id);
    q.executeStep();
    return Places{q.getColumn(0).getInt(), q.getColumn(1).getInt()};
  });
}

absl::StatusOr<Id> SqliteRepository::InsertEnrolment(const domain::Enrolment& enrolment) {
  return Guarded("InsertEnrolment", [&]() -> absl::StatusOr<Id> {
    auto& q = Prepare(absl::StrCat("INSERT INTO enrolment (", kEnrolmentWriteColumns,
                                   ", series_id, participant_id) VALUES (", Placeholders(9), ")"));
    BindEnrolment(q, enrolment);
    q.bind(8, enrolment.series_id);
    q.bind(9, enrolment.participant_id);
    q.exec();
    const Id id = db_.getLastInsertRowid();
    Touch("enrolment", id, OrganizationOfSeries(enrolment.series_id));
    return id;
  });
}

absl::Status SqliteRepository::UpdateEnrolment(const domain::Enrolment& enrolment) {
  return Guarded("UpdateEnrolment", [&]() -> absl::Status {
    auto& q = Prepare(absl::StrCat("UPDATE enrolment SET (", kEnrolmentWriteColumns, ") = (",
                                   Placeholders(7), ") WHERE id = ?"));
    BindEnrolment(q, enrolment);
    q.bind(8, enrolment.id);
    q.exec();
    Touch("enrolment", enrolment.id, OrganizationOfSeries(enrolment.series_id));
    return CheckChanged(db_, "enrolment", enrolment.id);
  });
}

absl::Status SqliteRepository::AppendEnrolmentChange(const domain::EnrolmentChange& change) {
  return Guarded("AppendEnrolmentChange", [&]() -> absl::Status {
    auto& q = Prepare(
        "INSERT INTO enrolment_change (enrolment_id, time, from_state, to_state, account_id,"
        " reason) VALUES (?, ?, ?, ?, ?, ?)");
    q.bind(1, change.enrolment_id);
    q.bind(2, Micros(change.time));
    q.bind(3, static_cast<int>(change.from));
    q.bind(4, static_cast<int>(change.to));
    q.bind(5, change.account_id);
    q.bind(6, change.reason);
    q.exec();
    return absl::OkStatus();
  });
}

// ---- qualifications ----

absl::StatusOr<domain::Qualification> SqliteRepository::GetQualification(Id id) {
  return Guarded("GetQualification", [&]() -> absl::StatusOr<domain::Qualification> {
    auto& q =
        Prepare(absl::StrCat("SELECT ", kQualificationColumns, " FROM qualification WHERE id = ?"));
    q.bind(1, id);
    if (!q.executeStep()) return NotFound("qualification", id);
    return ReadQualification(q);
  });
}

absl::StatusOr<std::vector<domain::Qualification>> SqliteRepository::ListQualifications(
    Id participant_id) {
  return Guarded("ListQualifications", [&]() -> absl::StatusOr<std::vector<domain::Qualification>> {
    auto& q = Prepare(absl::StrCat("SELECT ", kQualificationColumns,
                                   " FROM qualification WHERE participant_id = ? ORDER BY id"));
    q.bind(1, participant_id);
    std::vector<domain::Qualification> out;
    while (q.executeStep()) out.push_back(ReadQualification(q));
    return out;
  });
}

absl::StatusOr<Id> SqliteRepository::InsertQualification(const domain::Qualification& qual) {
  return Guarded("InsertQualification", [&]() -> absl::StatusOr<Id> {
    auto& q = Prepare(
        "INSERT INTO qualification (participant_id, title, title_key, series_id, note,"
        " recorded_by, record_time) VALUES (?, ?, ?, ?, ?, ?, ?)");
    q.bind(1, qual.participant_id);
    q.bind(2, qual.title);
    q.bind(3, domain::Folded(qual.title));
    if (qual.series_id != 0) {
      q.bind(4, qual.series_id);
    } else {
      q.bind(4);
    }
    q.bind(5, qual.note);
    q.bind(6, qual.recorded_by);
    q.bind(7, Micros(qual.record_time));
    q.exec();
    const Id id = db_.getLastInsertRowid();
    Touch("participant", qual.participant_id, OrganizationOfParticipant(qual.participant_id));
    return id;
  });
}

absl::Status SqliteRepository::DeleteQualification(Id id) {
  return Guarded("DeleteQualification", [&]() -> absl::Status {
    auto& owner = Prepare("SELECT participant_id FROM qualification WHERE id = ?");
    owner.bind(1, id);
    if (!owner.executeStep()) return NotFound("qualification", id);
    const Id participant = owner.getColumn(0).getInt64();
    owner.reset();
    Touch("participant", participant, OrganizationOfParticipant(participant));
    auto& q = Prepare("DELETE FROM qualification WHERE id = ?");
    q.bind(1, id);
    q.exec();
    return CheckChanged(db_, "qualification", id);
  });
}

}  // namespace trainhub::store
