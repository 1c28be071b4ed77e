#include "store/sqlite_organization_store.h"

#include "absl/strings/str_cat.h"
#include "domain/text.h"
#include "store/sql_support.h"

namespace trainhub::store {

using domain::Id;

namespace {
constexpr char kOrganizationColumns[] =
    "id, name, kind, city, website, create_time, update_time, record_retention_years,"
    " signatory_name, signatory_role";

domain::Organization ReadOrganization(SQLite::Statement& q) {
  domain::Organization org;
  org.id = q.getColumn(0).getInt64();
  org.name = q.getColumn(1).getString();
  org.kind = static_cast<domain::OrganizationKind>(q.getColumn(2).getInt());
  org.city = q.getColumn(3).getString();
  org.website = q.getColumn(4).getString();
  org.create_time = absl::FromUnixMicros(q.getColumn(5).getInt64());
  org.update_time = absl::FromUnixMicros(q.getColumn(6).getInt64());
  org.record_retention_years = q.getColumn(7).getInt();
  org.signatory_name = q.getColumn(8).getString();
  org.signatory_role = q.getColumn(9).getString();
  return org;
}
}  // namespace

absl::StatusOr<domain::Organization> SqliteOrganizationStore::Get(Id id) {
  return Guarded("GetOrganization", [&]() -> absl::StatusOr<domain::Organization> {
    auto& q = sql_.Prepare(
        absl::StrCat("SELECT ", kOrganizationColumns, " FROM organization WHERE id = ?"));
    q.bind(1, id);
    if (!q.executeStep()) return NotFound("organisation", id);
    return ReadOrganization(q);
  });
}

absl::StatusOr<std::optional<domain::Organization>> SqliteOrganizationStore::FindByName(
    absl::string_view name) {
  return Guarded(
      "FindOrganizationByName", [&]() -> absl::StatusOr<std::optional<domain::Organization>> {
        auto& q = sql_.Prepare(
            absl::StrCat("SELECT ", kOrganizationColumns, " FROM organization WHERE name_key = ?"));
        q.bind(1, domain::Folded(name));
        if (!q.executeStep()) return std::optional<domain::Organization>();
        return std::optional<domain::Organization>(ReadOrganization(q));
      });
}

absl::StatusOr<domain::Page<domain::Organization>> SqliteOrganizationStore::List(
    const domain::PageRequest& page) {
  return ListById<domain::Organization>(
      sql_, "ListOrganizations",
      absl::StrCat("SELECT ", kOrganizationColumns, " FROM organization WHERE 1"), page,
      ReadOrganization);
}

absl::StatusOr<Id> SqliteOrganizationStore::Insert(const domain::Organization& org) {
  return Guarded("InsertOrganization", [&]() -> absl::StatusOr<Id> {
    auto& q = sql_.Prepare(
        "INSERT INTO organization (name, kind, city, website, create_time,"
        " update_time, name_key, record_retention_years, signatory_name, signatory_role)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    q.bind(1, org.name);
    q.bind(2, static_cast<int>(org.kind));
    q.bind(3, org.city);
    q.bind(4, org.website);
    q.bind(5, Micros(org.create_time));
    q.bind(6, Micros(org.update_time));
    q.bind(7, domain::Folded(org.name));
    q.bind(8, org.record_retention_years);
    q.bind(9, org.signatory_name);
    q.bind(10, org.signatory_role);
    q.exec();
    const Id id = sql_.db().getLastInsertRowid();
    return id;
  });
}

absl::Status SqliteOrganizationStore::Update(const domain::Organization& org) {
  return Guarded("UpdateOrganization", [&]() -> absl::Status {
    auto& q = sql_.Prepare(
        "UPDATE organization SET name = ?, kind = ?, city = ?, website = ?,"
        " update_time = ?, name_key = ?, record_retention_years = ?, signatory_name = ?,"
        " signatory_role = ? WHERE id = ?");
    q.bind(1, org.name);
    q.bind(2, static_cast<int>(org.kind));
    q.bind(3, org.city);
    q.bind(4, org.website);
    q.bind(5, Micros(org.update_time));
    q.bind(6, domain::Folded(org.name));
    q.bind(7, org.record_retention_years);
    q.bind(8, org.signatory_name);
    q.bind(9, org.signatory_role);
    q.bind(10, org.id);
    q.exec();
    return CheckChanged(sql_.db(), "organisation", org.id);
  });
}

}  // namespace trainhub::store
