#include "store/sqlite_series_store.h"

#include <nlohmann/json.hpp>

#include "absl/strings/str_cat.h"
#include "domain/status_macros.h"
#include "domain/text.h"
#include "store/sql_support.h"
#include "store/stored_numbers.h"

namespace trainhub::store {

using domain::Id;

namespace {
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
    " coalesce((SELECT p.seats_taken FROM series_places p WHERE p.series_id = s.id), 0),"
    " coalesce((SELECT p.waitlist_length FROM series_places p WHERE p.series_id = s.id), 0),"
    " s.issued_documents";

// kSeriesColumns with the derived figures as constants (LoadSeries reads
// them as zero counts and no session range).
constexpr char kSeriesStoredColumns[] =
    "s.id, s.organization_id, s.title, s.kind, s.description, s.target_groups,"
    " s.capacity, s.status, s.cancellation_reason, s.create_time,"
    " s.update_time, 0, NULL, NULL,"
    " s.partners_may_plan, s.requires_approval, s.requires_confirmation,"
    " s.confirmation_deadline, s.enrolment_deadline, s.awards_qualification,"
    " s.required_qualification, 0, 0, s.issued_documents";

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

// Binds the stored fields of `series` to parameters 1..17 in the column
// order of kSeriesWriteColumns.
constexpr char kSeriesWriteColumns[] =
    "organization_id, title, kind, description, target_groups, capacity, status,"
    " cancellation_reason, partners_may_plan, update_time, requires_approval,"
    " requires_confirmation, confirmation_deadline, enrolment_deadline,"
    " awards_qualification, required_qualification, required_qualification_key,"
    " issued_documents";
constexpr int kSeriesWriteColumnCount = 18;
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
  q.bind(17, domain::Folded(series.required_qualification));  // as qualification.title_key
  q.bind(18, static_cast<int>(series.issued_documents));
}

}  // namespace

absl::StatusOr<domain::Series> SqliteSeriesStore::LoadSeries(SQLite::Statement& q) {
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
  s.issued_documents = static_cast<domain::IssuedDocuments>(q.getColumn(23).getInt());
  if (!q.getColumn(12).isNull()) {
    s.first_session_start = absl::FromUnixSeconds(q.getColumn(12).getInt64());
    s.last_session_end = absl::FromUnixSeconds(q.getColumn(13).getInt64());
  }
  auto& partners = sql_.Prepare(
      "SELECT organization_id FROM series_partner WHERE series_id = ?"
      " ORDER BY position");
  partners.bind(1, s.id);
  while (partners.executeStep()) {
    s.partner_organization_ids.push_back(partners.getColumn(0).getInt64());
  }
  return s;
}

absl::StatusOr<domain::Series> SqliteSeriesStore::Get(Id id) {
  return Guarded("GetSeries", [&]() -> absl::StatusOr<domain::Series> {
    auto& q =
        sql_.Prepare(absl::StrCat("SELECT ", kSeriesColumns, " FROM series s WHERE s.id = ?"));
    q.bind(1, id);
    if (!q.executeStep()) return NotFound("series", id);
    return LoadSeries(q);
  });
}

absl::StatusOr<domain::Series> SqliteSeriesStore::GetStored(Id id) {
  return Guarded("GetSeries", [&]() -> absl::StatusOr<domain::Series> {
    auto& q = sql_.Prepare(
        absl::StrCat("SELECT ", kSeriesStoredColumns, " FROM series s WHERE s.id = ?"));
    q.bind(1, id);
    if (!q.executeStep()) return NotFound("series", id);
    return LoadSeries(q);
  });
}

absl::StatusOr<domain::Page<domain::Series>> SqliteSeriesStore::List(
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
    auto& q = sql_.Prepare(sql);
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

absl::Status SqliteSeriesStore::WritePartners(const domain::Series& series) {
  auto& clear = sql_.Prepare("DELETE FROM series_partner WHERE series_id = ?");
  clear.bind(1, series.id);
  clear.exec();
  for (size_t i = 0; i < series.partner_organization_ids.size(); ++i) {
    auto& q = sql_.Prepare(
        "INSERT INTO series_partner (series_id, organization_id, position)"
        " VALUES (?, ?, ?)");
    q.bind(1, series.id);
    q.bind(2, series.partner_organization_ids[i]);
    q.bind(3, static_cast<int>(i));
    q.exec();
  }
  return absl::OkStatus();
}

absl::StatusOr<Id> SqliteSeriesStore::Insert(const domain::Series& series) {
  return Guarded("InsertSeries", [&]() -> absl::StatusOr<Id> {
    auto& q = sql_.Prepare(absl::StrCat("INSERT INTO series (", kSeriesWriteColumns,
                                        ", create_time) VALUES (",
                                        Placeholders(kSeriesWriteColumnCount + 1), ")"));
    BindSeries(q, series);
    q.bind(kSeriesWriteColumnCount + 1, Micros(series.create_time));
    q.exec();
    domain::Series stored = series;
    stored.id = sql_.db().getLastInsertRowid();
    TH_RETURN_IF_ERROR(WritePartners(stored));
    return stored.id;
  });
}

absl::Status SqliteSeriesStore::Update(const domain::Series& series) {
  return Guarded("UpdateSeries", [&]() -> absl::Status {
    auto& q = sql_.Prepare(absl::StrCat("UPDATE series SET (", kSeriesWriteColumns, ") = (",
                                        Placeholders(kSeriesWriteColumnCount), ") WHERE id = ?"));
    BindSeries(q, series);
    q.bind(kSeriesWriteColumnCount + 1, series.id);
    q.exec();
    TH_RETURN_IF_ERROR(CheckChanged(sql_.db(), "series", series.id));
    return WritePartners(series);
  });
}

absl::Status SqliteSeriesStore::Delete(Id id) {
  return Guarded("DeleteSeries", [&]() -> absl::Status {
    auto& q = sql_.Prepare("DELETE FROM series WHERE id = ?");
    q.bind(1, id);
    q.exec();
    return CheckChanged(sql_.db(), "series", id);
  });
}

absl::StatusOr<domain::Module> SqliteSeriesStore::GetModule(Id id) {
  return Guarded("GetModule", [&]() -> absl::StatusOr<domain::Module> {
    auto& q =
        sql_.Prepare(absl::StrCat("SELECT ", kModuleColumns, " FROM module m WHERE m.id = ?"));
    q.bind(1, id);
    if (!q.executeStep()) return NotFound("module", id);
    return ReadModule(q);
  });
}

absl::StatusOr<domain::Page<domain::Module>> SqliteSeriesStore::ListModules(
    Id series_id, const domain::PageRequest& page) {
  return Guarded("ListModules", [&]() -> absl::StatusOr<domain::Page<domain::Module>> {
    std::string sql =
        absl::StrCat("SELECT ", kModuleColumns, " FROM module m WHERE m.series_id = :series");
    AddKeyset(sql, "m.position", "m.id", page);
    auto& q = sql_.Prepare(sql);
    q.bind(":series", series_id);
    BindKeyset(q, page);
    std::vector<domain::Module> items;
    while (q.executeStep()) items.push_back(ReadModule(q));
    return MakePage(std::move(items), page,
                    [](const domain::Module& m) { return int64_t{m.position}; });
  });
}

absl::StatusOr<Id> SqliteSeriesStore::InsertModule(const domain::Module& module) {
  return Guarded("InsertModule", [&]() -> absl::StatusOr<Id> {
    auto& q = sql_.Prepare(
        "INSERT INTO module (series_id, position, title, topics, mandatory,"
        " teaching_units) VALUES (?, ?, ?, ?, ?, ?)");
    q.bind(1, module.series_id);
    q.bind(2, module.position);
    q.bind(3, module.title);
    q.bind(4, nlohmann::json(module.topics).dump());
    q.bind(5, module.mandatory ? 1 : 0);
    q.bind(6, module.teaching_units);
    q.exec();
    const Id id = sql_.db().getLastInsertRowid();
    return id;
  });
}

absl::Status SqliteSeriesStore::UpdateModule(const domain::Module& module) {
  return Guarded("UpdateModule", [&]() -> absl::Status {
    auto& q = sql_.Prepare(
        "UPDATE module SET title = ?, topics = ?, mandatory = ?,"
        " teaching_units = ? WHERE id = ?");
    q.bind(1, module.title);
    q.bind(2, nlohmann::json(module.topics).dump());
    q.bind(3, module.mandatory ? 1 : 0);
    q.bind(4, module.teaching_units);
    q.bind(5, module.id);
    q.exec();
    return CheckChanged(sql_.db(), "module", module.id);
  });
}

absl::Status SqliteSeriesStore::SetModuleOrder(Id series_id, const std::vector<Id>& module_ids) {
  return Guarded("SetModuleOrder", [&]() -> absl::Status {
    for (size_t i = 0; i < module_ids.size(); ++i) {
      auto& q = sql_.Prepare("UPDATE module SET position = ? WHERE id = ? AND series_id = ?");
      q.bind(1, static_cast<int>(i + 1));
      q.bind(2, module_ids[i]);
      q.bind(3, series_id);
      q.exec();
      TH_RETURN_IF_ERROR(CheckChanged(sql_.db(), "module", module_ids[i]));
    }
    return absl::OkStatus();
  });
}

absl::Status SqliteSeriesStore::DeleteModule(Id id) {
  return Guarded("DeleteModule", [&]() -> absl::Status {
    auto& q = sql_.Prepare("DELETE FROM module WHERE id = ?");
    q.bind(1, id);
    q.exec();
    return CheckChanged(sql_.db(), "module", id);
  });
}

}  // namespace trainhub::store
