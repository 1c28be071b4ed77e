#include "store/sqlite_privacy_store.h"

#include <nlohmann/json.hpp>

#include "absl/strings/str_cat.h"
#include "domain/accounts/audit_chain.h"
#include "domain/status_macros.h"
#include "domain/text.h"
#include "store/sqlite_audit_store.h"

namespace trainhub::store {

using domain::Id;

absl::StatusOr<std::vector<Id>> SqlitePrivacyStore::AccountIdsOf(Id participant_id) {
  return Guarded("ListAccountsOfParticipant", [&]() -> absl::StatusOr<std::vector<Id>> {
    auto& q = sql_.Prepare(
        "SELECT DISTINCT account_id FROM account_role WHERE participant_id = ?"
        " ORDER BY account_id");
    q.bind(1, participant_id);
    std::vector<Id> ids;
    while (q.executeStep()) ids.push_back(q.getColumn(0).getInt64());
    return ids;
  });
}

absl::StatusOr<std::vector<domain::AuditEvent>> SqlitePrivacyStore::AuditEventsAbout(
    const std::vector<std::string>& objects, const std::vector<Id>& account_ids, int limit) {
  return Guarded("ListAuditEventsAbout", [&]() -> absl::StatusOr<std::vector<domain::AuditEvent>> {
    auto& q =
        sql_.Prepare(absl::StrCat("SELECT ", kAuditEventColumns,
                                  " FROM audit_event e LEFT JOIN account a ON a.id = e.account_id"
                                  " WHERE e.object IN (SELECT value FROM json_each(:objects))"
                                  " OR e.account_id IN (SELECT value FROM json_each(:accounts))"
                                  " ORDER BY e.id LIMIT :limit"));
    q.bind(":objects", nlohmann::json(objects).dump());
    q.bind(":accounts", IdList(account_ids));
    q.bind(":limit", limit);
    std::vector<domain::AuditEvent> out;
    while (q.executeStep()) out.push_back(ReadAuditEvent(q));
    return out;
  });
}

absl::StatusOr<std::vector<domain::SeriesRecordOf>> SqlitePrivacyStore::SeriesRecordsOf(
    Id participant_id) {
  return Guarded("ListSeriesRecordsOf",
                 [&]() -> absl::StatusOr<std::vector<domain::SeriesRecordOf>> {
                   auto& q = sql_.Prepare(
                       "SELECT s.id, s.title, s.status, o.id, o.name, o.record_retention_years,"
                       " e.state,"
                       " EXISTS (SELECT 1 FROM module m JOIN session x ON x.module_id = m.id"
                       "  JOIN attendance_entry a ON a.session_id = x.id"
                       "  AND a.participant_id = e.participant_id WHERE m.series_id = s.id)"
                       " OR EXISTS (SELECT 1 FROM certificate c"
                       "  WHERE c.series_id = s.id AND c.participant_id = e.participant_id),"
                       " (SELECT max(x.end_time) FROM module m JOIN session x ON x.module_id = m.id"
                       "  WHERE m.series_id = s.id)"
                       " FROM enrolment e JOIN series s ON s.id = e.series_id"
                       " JOIN organization o ON o.id = s.organization_id"
                       " WHERE e.participant_id = ? ORDER BY e.id");
                   q.bind(1, participant_id);
                   std::vector<domain::SeriesRecordOf> out;
                   while (q.executeStep()) {
                     domain::SeriesRecordOf r;
                     r.series_id = q.getColumn(0).getInt64();
                     r.series_title = q.getColumn(1).getString();
                     r.series_status = static_cast<domain::SeriesStatus>(q.getColumn(2).getInt());
                     r.organization_id = q.getColumn(3).getInt64();
                     r.organization_name = q.getColumn(4).getString();
                     r.retention_years = q.getColumn(5).getInt();
                     r.state = static_cast<domain::EnrolmentState>(q.getColumn(6).getInt());
                     r.has_records = q.getColumn(7).getInt() != 0;
                     if (!q.getColumn(8).isNull()) {
                       r.last_session_end = absl::FromUnixSeconds(q.getColumn(8).getInt64());
                     }
                     out.push_back(std::move(r));
                   }
                   return out;
                 });
}

absl::StatusOr<std::vector<Id>> SqlitePrivacyStore::PeopleNotErased(Id organization_id, Id after,
                                                                    int limit) {
  return Guarded("ListPeopleNotErased", [&]() -> absl::StatusOr<std::vector<Id>> {
    auto& q = sql_.Prepare(
        organization_id == 0 ? "SELECT id FROM participant WHERE id > :after"
                               " AND erase_time IS NULL ORDER BY id LIMIT :limit"
                             : "SELECT id FROM participant WHERE organization_id = :org"
                               " AND id > :after AND erase_time IS NULL ORDER BY id LIMIT :limit");
    if (organization_id != 0) q.bind(":org", organization_id);
    q.bind(":after", after);
    q.bind(":limit", limit);
    std::vector<Id> ids;
    while (q.executeStep()) ids.push_back(q.getColumn(0).getInt64());
    return ids;
  });
}

absl::Status SqlitePrivacyStore::MarkErased(Id participant_id, const std::string& pseudonym,
                                            const domain::Participant::Erasure& erasure) {
  return Guarded("MarkParticipantErased", [&]() -> absl::Status {
    auto& q = sql_.Prepare(
        "UPDATE participant SET display_name = :name, email = '', email_key = NULL,"
        " search_key = :search_key, erase_time = :time, erased_by = :by, erase_reason = :reason,"
        " retention_overridden = :overridden, update_time = :time"
        " WHERE id = :id AND erase_time IS NULL");
    q.bind(":name", pseudonym);
    q.bind(":search_key", domain::SearchKey(pseudonym));
    q.bind(":time", Micros(erasure.time));
    q.bind(":by", erasure.erased_by);
    q.bind(":reason", erasure.reason);
    q.bind(":overridden", erasure.retention_overridden ? 1 : 0);
    q.bind(":id", participant_id);
    q.exec();
    TH_RETURN_IF_ERROR(CheckChanged(sql_.db(), "participant", participant_id));
    // Until SqliteStore::DropOverwrittenData has emptied the write-ahead
    // log, what this erasure overwrites may still be in the files.
    auto& pending = sql_.Prepare(
        "UPDATE installation SET purge_pending_since = coalesce(purge_pending_since, ?)"
        " WHERE id = 1");
    pending.bind(1, Micros(erasure.time));
    pending.exec();
    return absl::OkStatus();
  });
}

absl::StatusOr<domain::ErasedTexts> SqlitePrivacyStore::EraseTexts(
    Id participant_id, const std::vector<Id>& account_ids) {
  return Guarded("EraseTextsOfParticipant", [&]() -> absl::StatusOr<domain::ErasedTexts> {
    domain::ErasedTexts erased;
    auto run = [&](const char* sql, const char* param, Id value) -> int64_t {
      auto& q = sql_.Prepare(sql);
      q.bind(param, value);
      q.exec();
      return sql_.db().getChanges();
    };
    auto run_ids = [&](const char* sql) -> int64_t {
      auto& q = sql_.Prepare(sql);
      q.bind(":accounts", IdList(account_ids));
      q.exec();
      return sql_.db().getChanges();
    };
    erased.texts += run("UPDATE enrolment SET note = '' WHERE participant_id = :p AND note <> ''",
                        ":p", participant_id);
    erased.texts +=
        run("UPDATE enrolment_change SET reason = '' WHERE reason <> '' AND enrolment_id IN"
            " (SELECT id FROM enrolment WHERE participant_id = :p)",
            ":p", participant_id);
    erased.texts +=
        run("UPDATE qualification SET note = '' WHERE participant_id = :p AND note <> ''", ":p",
            participant_id);
    erased.texts +=
        run("UPDATE completion_decision SET reason = '' WHERE participant_id = :p AND reason <> ''",
            ":p", participant_id);
    run_ids("DELETE FROM auth_token WHERE account_id IN (SELECT value FROM json_each(:accounts))");
    erased.accounts = run_ids(
        "UPDATE account SET email = '', email_key = 'erased:' || id, display_name = '',"
        " password_hash = '' WHERE id IN (SELECT value FROM json_each(:accounts))");
    // An erased address keeps its salted digest, which the audit chain
    // hashes, and loses its salt, without which the digest says nothing.
    std::vector<std::pair<Id, std::string>> digests;
    {
      auto& q = sql_.Prepare(
          "SELECT id, peer, coalesce(peer_salt, X'') FROM audit_event WHERE peer <> ''"
          " AND account_id IN (SELECT value FROM json_each(:accounts))");
      q.bind(":accounts", IdList(account_ids));
      while (q.executeStep()) {
        const SQLite::Column salt = q.getColumn(2);
        digests.emplace_back(
            q.getColumn(0).getInt64(),
            domain::AuditPeerDigest(
                std::string(static_cast<const char*>(salt.getBlob()), salt.getBytes()),
                q.getColumn(1).getString()));
      }
    }
    for (const auto& [id, digest] : digests) {
      auto& q = sql_.Prepare(
          "UPDATE audit_event SET peer = '', peer_salt = NULL, peer_digest = ? WHERE id = ?");
      q.bind(1, digest.data(), static_cast<int>(digest.size()));
      q.bind(2, id);
      q.exec();
      ++erased.audit_addresses;
    }
    return erased;
  });
}

absl::Status SqlitePrivacyStore::EraseAttendanceTexts(Id entry_id, const std::string& text_digest) {
  return Guarded("EraseAttendanceTexts", [&]() -> absl::Status {
    auto& q = sql_.Prepare(
        "UPDATE attendance_entry SET note = '', reason = '', text_digest = ? WHERE id = ?");
    q.bind(1, text_digest.data(), static_cast<int>(text_digest.size()));
    q.bind(2, entry_id);
    q.exec();
    return CheckChanged(sql_.db(), "attendance entry", entry_id);
  });
}

absl::Status SqlitePrivacyStore::RedactCertificate(Id certificate_id, const std::string& document,
                                                   const std::string& signature,
                                                   const std::string& key_id) {
  return Guarded("RedactCertificate", [&]() -> absl::Status {
    auto& q = sql_.Prepare(
        "UPDATE certificate SET document = ?, signature = ?, key_id = ?, revoke_reason = ''"
        " WHERE id = ?");
    q.bind(1, document);
    q.bind(2, signature.data(), static_cast<int>(signature.size()));
    q.bind(3, key_id);
    q.bind(4, certificate_id);
    q.exec();
    TH_RETURN_IF_ERROR(CheckChanged(sql_.db(), "certificate", certificate_id));
    auto& pdf = sql_.Prepare("UPDATE certificate_pdf SET pdf = X'' WHERE certificate_id = ?");
    pdf.bind(1, certificate_id);
    pdf.exec();
    return absl::OkStatus();
  });
}

}  // namespace trainhub::store
