#include "store/sqlite_participant_store.h"

#include <nlohmann/json.hpp>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_replace.h"
#include "domain/text.h"
#include "domain/validation.h"
#include "store/sql_support.h"

namespace trainhub::store {

using domain::Id;

namespace {
constexpr char kParticipantColumns[] =
    "id, display_name, email, organization_id, target_groups, training_start, create_time,"
    " update_time, erase_time, erased_by, erase_reason, retention_overridden";

domain::Participant ReadParticipant(SQLite::Statement& q) {
  domain::Participant p;
  p.id = q.getColumn(0).getInt64();
  p.display_name = q.getColumn(1).getString();
  p.email = q.getColumn(2).getString();
  p.organization_id = q.getColumn(3).getInt64();
  for (int group : nlohmann::json::parse(q.getColumn(4).getString())) {
    p.target_groups.push_back(static_cast<domain::TargetGroup>(group));
  }
  if (!q.getColumn(5).isNull()) {
    absl::CivilDay start;
    if (absl::ParseCivilTime(q.getColumn(5).getString(), &start)) p.training_start = start;
  }
  p.create_time = absl::FromUnixMicros(q.getColumn(6).getInt64());
  p.update_time = absl::FromUnixMicros(q.getColumn(7).getInt64());
  if (!q.getColumn(8).isNull()) {
    p.erasure = domain::Participant::Erasure{absl::FromUnixMicros(q.getColumn(8).getInt64()),
                                             q.getColumn(9).getInt64(), q.getColumn(10).getString(),
                                             q.getColumn(11).getInt() != 0};
  }
  return p;
}

// Binds the stored fields of `p` to parameters 1..7 in kParticipantWriteColumns order.
constexpr char kParticipantWriteColumns[] =
    "display_name, email, email_key, organization_id, target_groups, training_start,"
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
  if (p.training_start) {
    q.bind(6, absl::FormatCivilTime(*p.training_start));  // YYYY-MM-DD
  } else {
    q.bind(6);
  }
  q.bind(7, Micros(p.update_time));
  q.bind(8, domain::SearchKey(p.display_name));
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

absl::StatusOr<domain::Participant> SqliteParticipantStore::Get(Id id) {
  return Guarded("GetParticipant", [&]() -> absl::StatusOr<domain::Participant> {
    auto& q = sql_.Prepare(
        absl::StrCat("SELECT ", kParticipantColumns, " FROM participant WHERE id = ?"));
    q.bind(1, id);
    if (!q.executeStep()) return NotFound("participant", id);
    return ReadParticipant(q);
  });
}

absl::StatusOr<std::optional<domain::Participant>> SqliteParticipantStore::FindByEmail(
    absl::string_view email) {
  return Guarded(
      "FindParticipantByEmail", [&]() -> absl::StatusOr<std::optional<domain::Participant>> {
        auto& q = sql_.Prepare(
            absl::StrCat("SELECT ", kParticipantColumns, " FROM participant WHERE email_key = ?"));
        q.bind(1, EmailKey(email));
        if (!q.executeStep()) return std::optional<domain::Participant>();
        return std::optional<domain::Participant>(ReadParticipant(q));
      });
}

absl::StatusOr<domain::Page<domain::Participant>> SqliteParticipantStore::List(
    const domain::ParticipantFilter& filter, const domain::PageRequest& page) {
  std::string select = absl::StrCat("SELECT ", kParticipantColumns, " FROM participant WHERE 1");
  if (filter.organization_id != 0) absl::StrAppend(&select, " AND organization_id = :org");
  if (!filter.name_search_key.empty()) absl::StrAppend(&select, " AND instr(search_key, :name)");
  if (filter.visible) {
    // The ids visible, each part read through an index: the organisations'
    // records, those enrolled in a series the organisations own or partner,
    // and the caller's own record. A page costs what the caller may see,
    // not what the whole installation holds.
    // Without further filters each part needs only its first ids after
    // the cursor, and a page reads about as many rows as it shows.
    const bool only_visibility = filter.organization_id == 0 && filter.name_search_key.empty();
    const std::string after = page.after ? " AND {id} > :after_id" : "";
    auto part = [&](absl::string_view id, absl::string_view from_where) {
      const std::string cursor = absl::StrReplaceAll(after, {{"{id}", id}});
      if (!only_visibility) return absl::StrCat("SELECT ", id, from_where, cursor);
      return absl::StrCat("SELECT id FROM (SELECT ", id, " AS id", from_where, cursor, " ORDER BY ",
                          id, " LIMIT :limit)");
    };
    std::vector<std::string> parts;
    if (!filter.visible->organizations.empty()) {
      // One organisation (the usual coordinator) reads its index in order.
      parts.push_back(part("vp.id", filter.visible->organizations.size() == 1
                                        ? " FROM participant vp WHERE vp.organization_id = :vis_org"
                                        : " FROM participant vp WHERE vp.organization_id IN"
                                          " (SELECT value FROM json_each(:vis_orgs))"));
      parts.push_back(
          part("ve.participant_id",
               " FROM enrolment ve WHERE ve.series_id IN ("
               "SELECT vs.id FROM series vs"
               " WHERE vs.organization_id IN (SELECT value FROM json_each(:vis_orgs))"
               " UNION ALL SELECT vsp.series_id FROM series_partner vsp"
               " WHERE vsp.organization_id IN (SELECT value FROM json_each(:vis_orgs)))"));
    }
    if (filter.visible->participant_id != 0) parts.push_back("SELECT :own");
    if (parts.empty()) {
      absl::StrAppend(&select, " AND 0");
    } else {
      absl::StrAppend(&select, " AND id IN (", absl::StrJoin(parts, " UNION ALL "), ")");
    }
  }
  return ListById<domain::Participant>(
      sql_, "ListParticipants", select, page, ReadParticipant, [&](SQLite::Statement& q) {
        if (filter.organization_id != 0) q.bind(":org", filter.organization_id);
        if (!filter.name_search_key.empty()) q.bind(":name", filter.name_search_key);
        if (filter.visible) {
          if (!filter.visible->organizations.empty()) {
            q.bind(":vis_orgs", IdList(filter.visible->organizations));
            if (filter.visible->organizations.size() == 1) {
              q.bind(":vis_org", filter.visible->organizations[0]);
            }
          }
          if (filter.visible->participant_id != 0) q.bind(":own", filter.visible->participant_id);
        }
      });
}

absl::StatusOr<Id> SqliteParticipantStore::Insert(const domain::Participant& p) {
  return Guarded("InsertParticipant", [&]() -> absl::StatusOr<Id> {
    auto& q = sql_.Prepare(absl::StrCat("INSERT INTO participant (", kParticipantWriteColumns,
                                        ", create_time) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"));
    BindParticipant(q, p);
    q.bind(9, Micros(p.create_time));
    q.exec();
    const Id id = sql_.db().getLastInsertRowid();
    return id;
  });
}

absl::Status SqliteParticipantStore::Update(const domain::Participant& p) {
  return Guarded("UpdateParticipant", [&]() -> absl::Status {
    auto& q = sql_.Prepare(absl::StrCat("UPDATE participant SET (", kParticipantWriteColumns,
                                        ") = (?, ?, ?, ?, ?, ?, ?, ?) WHERE id = ?"));
    BindParticipant(q, p);
    q.bind(9, p.id);
    q.exec();
    return CheckChanged(sql_.db(), "participant", p.id);
  });
}

absl::StatusOr<domain::Qualification> SqliteParticipantStore::GetQualification(Id id) {
  return Guarded("GetQualification", [&]() -> absl::StatusOr<domain::Qualification> {
    auto& q = sql_.Prepare(
        absl::StrCat("SELECT ", kQualificationColumns, " FROM qualification WHERE id = ?"));
    q.bind(1, id);
    if (!q.executeStep()) return NotFound("qualification", id);
    return ReadQualification(q);
  });
}

absl::StatusOr<std::vector<domain::Qualification>> SqliteParticipantStore::ListQualifications(
    Id participant_id) {
  return Guarded("ListQualifications", [&]() -> absl::StatusOr<std::vector<domain::Qualification>> {
    auto& q =
        sql_.Prepare(absl::StrCat("SELECT ", kQualificationColumns,
                                  " FROM qualification WHERE participant_id = ? ORDER BY id"));
    q.bind(1, participant_id);
    std::vector<domain::Qualification> out;
    while (q.executeStep()) out.push_back(ReadQualification(q));
    return out;
  });
}

absl::StatusOr<Id> SqliteParticipantStore::InsertQualification(const domain::Qualification& qual) {
  return Guarded("InsertQualification", [&]() -> absl::StatusOr<Id> {
    auto& q = sql_.Prepare(
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
    const Id id = sql_.db().getLastInsertRowid();
    return id;
  });
}

absl::Status SqliteParticipantStore::DeleteQualification(Id id) {
  return Guarded("DeleteQualification", [&]() -> absl::Status {
    auto& owner = sql_.Prepare("SELECT participant_id FROM qualification WHERE id = ?");
    owner.bind(1, id);
    if (!owner.executeStep()) return NotFound("qualification", id);
    owner.reset();
    auto& q = sql_.Prepare("DELETE FROM qualification WHERE id = ?");
    q.bind(1, id);
    q.exec();
    return CheckChanged(sql_.db(), "qualification", id);
  });
}

}  // namespace trainhub::store
