#include "store/schema_integrity.h"

#include <SQLiteCpp/Statement.h>

#include <array>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "absl/time/clock.h"
#include "domain/attendance/attendance_ledger.h"
#include "domain/accounts/audit_chain.h"
#include "store/sql_support.h"
#include "store/sqlite_attendance_store.h"
#include "store/sqlite_audit_store.h"

namespace trainhub::store {
namespace {

// Tamper evidence for every stored field.
// - The audit log gets its hash chain (domain/accounts/audit_chain.h): each row's
//   place, the hash before it and its own, the salt of its client address's
//   digest and, once erased, that digest; the chain's head. Rows may change
//   only while a refusal row counts its repeats and joins the chain, and
//   when an erasure blanks an erased person's address keeping its digest.
// - Certificates get their status signed (certificate_status: the bit of
//   the status list, the list's version that has the status, the key and
//   the signature) and a signed status list (one bit per certificate: no
//   longer valid); the server signs both as stored when it first starts
//   with none signed (CertificateIssuing::SignStatusBaseline).
// - The ledger's erased texts: then() records each erasure made before
//   this version in the chain (domain::LedgerEntryKind::kErasure).
constexpr char kMigration22[] = R"sql(
ALTER TABLE audit_event ADD COLUMN chain_seq INTEGER;  -- NULL while a refusal row counts
ALTER TABLE audit_event ADD COLUMN prev_hash BLOB;
ALTER TABLE audit_event ADD COLUMN hash BLOB;
ALTER TABLE audit_event ADD COLUMN peer_salt BLOB;     -- NULL when there is no address
ALTER TABLE audit_event ADD COLUMN peer_digest BLOB;   -- set when the address was erased
CREATE UNIQUE INDEX audit_event_by_chain ON audit_event(chain_seq);
CREATE TABLE audit_head (
  id          INTEGER PRIMARY KEY CHECK (id = 1),
  event_count INTEGER NOT NULL,
  hash        BLOB    NOT NULL
) STRICT;
DROP TRIGGER audit_event_no_update;

CREATE TABLE certificate_status (
  certificate_id INTEGER PRIMARY KEY REFERENCES certificate(id),
  status_index   INTEGER NOT NULL UNIQUE,  -- its bit in the status list
  list_version   INTEGER NOT NULL,         -- the list's version that has this status (0: valid)
  key_id         TEXT    NOT NULL,
  signature      BLOB    NOT NULL          -- domain::CertificateStatusMessage, Ed25519
) STRICT;
CREATE TRIGGER certificate_status_frozen BEFORE UPDATE OF certificate_id, status_index
  ON certificate_status
BEGIN
  SELECT RAISE(ABORT, 'a certificate keeps its place in the status list');
END;
CREATE TRIGGER certificate_status_no_delete BEFORE DELETE ON certificate_status
BEGIN
  SELECT RAISE(ABORT, 'certificate statuses are kept');
END;
CREATE TABLE certificate_status_list (
  id          INTEGER PRIMARY KEY CHECK (id = 1),
  version     INTEGER NOT NULL,  -- grows with every change of a status
  bits        BLOB    NOT NULL,  -- bit i (most significant first): status_index i is not valid
  update_time INTEGER NOT NULL,
  key_id      TEXT    NOT NULL,
  signature   BLOB    NOT NULL   -- domain::StatusListMessage, Ed25519
) STRICT;
CREATE TRIGGER certificate_status_list_no_delete BEFORE DELETE ON certificate_status_list
BEGIN
  SELECT RAISE(ABORT, 'the certificate status list is kept');
END;
)sql";

// After the rows are chained.
constexpr char kAuditTrigger[] = R"sql(
CREATE TRIGGER audit_event_no_update BEFORE UPDATE ON audit_event
WHEN NOT coalesce(
  NEW.id IS OLD.id AND NEW.time IS OLD.time AND NEW.account_id IS OLD.account_id
  AND NEW.method IS OLD.method AND NEW.object IS OLD.object
  AND NEW.organization_id IS OLD.organization_id AND NEW.result IS OLD.result
  AND NEW.request_id IS OLD.request_id
  AND ((OLD.chain_seq IS NULL AND OLD.object IS '' AND NEW.repeat_count >= OLD.repeat_count
        AND NEW.peer IS OLD.peer AND NEW.peer_salt IS OLD.peer_salt
        AND NEW.peer_digest IS OLD.peer_digest)
    OR (NEW.repeat_count IS OLD.repeat_count AND NEW.chain_seq IS OLD.chain_seq
        AND NEW.prev_hash IS OLD.prev_hash AND NEW.hash IS OLD.hash
        AND NEW.peer IS '' AND NEW.peer_salt IS NULL AND OLD.peer_digest IS NULL
        AND coalesce(length(NEW.peer_digest), 0) = 32
        AND EXISTS (SELECT 1 FROM account_role r JOIN participant p ON p.id = r.participant_id
                    WHERE r.account_id = OLD.account_id AND p.erase_time IS NOT NULL))),
  0)
BEGIN
  SELECT RAISE(ABORT, 'audit_event is append-only');
END;
)sql";

// Chains every audit row in id order (refusal rows with their counts as
// they are: the server that wrote them has stopped).
void ChainAuditLog(SQLite::Database& db) {
  std::vector<domain::AuditEvent> rows;
  {
    SQLite::Statement q(db, std::string("SELECT ") + kAuditEventColumns +
                                " FROM audit_event e LEFT JOIN account a ON a.id = e.account_id"
                                " ORDER BY e.id");
    while (q.executeStep()) rows.push_back(ReadAuditEvent(q));
  }
  std::string prev = domain::AuditGenesis();
  int64_t seq = 0;
  SQLite::Statement update(db,
                           "UPDATE audit_event SET chain_seq = ?1, prev_hash = ?2, hash = ?3,"
                           " peer_salt = ?4 WHERE id = ?5");
  for (domain::AuditEvent& e : rows) {
    e.peer_salt = domain::NewAuditPeerSalt(e.peer);
    e.chain_seq = ++seq;
    e.prev_hash = prev;
    e.hash = domain::AuditEventHash(e);
    update.bind(1, e.chain_seq);
    update.bind(2, e.prev_hash.data(), static_cast<int>(e.prev_hash.size()));
    update.bind(3, e.hash.data(), static_cast<int>(e.hash.size()));
    if (e.peer_salt.empty()) {
      update.bind(4);
    } else {
      update.bind(4, e.peer_salt.data(), static_cast<int>(e.peer_salt.size()));
    }
    update.bind(5, e.id);
    update.exec();
    update.reset();
    prev = e.hash;
  }
  SQLite::Statement head(db, "INSERT INTO audit_head (id, event_count, hash) VALUES (1, ?, ?)");
  head.bind(1, seq);
  head.bind(2, prev.data(), static_cast<int>(prev.size()));
  head.exec();
}

// Appends to each series' ledger an erasure entry for every person and
// session whose records' texts were erased before this version.
absl::Status RecordLedgerErasures(SQLite::Database& db) {
  std::map<domain::Id, std::vector<domain::AttendanceEntry>> by_series;
  {
    SQLite::Statement q(db, std::string("SELECT ") + kAttendanceEntryColumns +
                                " FROM attendance_entry WHERE series_id IN (SELECT series_id"
                                " FROM attendance_entry WHERE text_digest IS NOT NULL)"
                                " ORDER BY series_id, id");
    while (q.executeStep()) {
      domain::AttendanceEntry e = ReadAttendanceEntry(q);
      by_series[e.series_id].push_back(std::move(e));
    }
  }
  const absl::Time now = absl::Now();
  Sql sql(db);
  SqliteAttendanceStore store(sql);
  for (const auto& [series_id, entries] : by_series) {
    std::map<std::pair<domain::Id, domain::Id>, std::vector<domain::AttendanceEntry>> erased;
    for (const domain::AttendanceEntry& e : entries) {
      if (e.kind == domain::LedgerEntryKind::kRecord && !e.text_digest.empty()) {
        erased[{e.session_id, e.participant_id}].push_back(e);
      }
    }
    absl::StatusOr<domain::LedgerHead> head = store.Head(series_id);
    if (!head.ok()) return head.status();
    // The chain goes on from its last entry (a stored head that disagrees
    // keeps disagreeing, by the entries appended here).
    std::string prev = entries.back().hash;
    domain::Id next_id = NextAttendanceEntryId(db);
    for (const auto& [person, records] : erased) {
      domain::AttendanceEntry erasure;
      erasure.id = next_id++;
      erasure.series_id = series_id;
      erasure.session_id = person.first;
      erasure.kind = domain::LedgerEntryKind::kErasure;
      erasure.participant_id = person.second;
      erasure.client_time = erasure.record_time = now;
      erasure.text_digest = domain::LedgerErasedDigest(records);
      erasure.hash_version = domain::kLedgerHashVersion;
      erasure.prev_hash = prev;
      erasure.hash = domain::LedgerHash(erasure);
      if (absl::StatusOr<domain::Id> id = store.Append(erasure); !id.ok()) return id.status();
      prev = erasure.hash;
      ++head->entry_count;
    }
    head->hash = prev;
    if (absl::Status s = store.SetHead(series_id, *head); !s.ok()) return s;
  }
  return absl::OkStatus();
}

absl::Status IntegrityMigration(SQLite::Database& db) {
  ChainAuditLog(db);
  db.exec(kAuditTrigger);
  return RecordLedgerErasures(db);
}

constexpr std::array<Migration, 1> kIntegrityMigrations = {{{kMigration22, IntegrityMigration}}};

}  // namespace

std::span<const Migration> IntegrityMigrations() { return kIntegrityMigrations; }

int IntegritySchemaVersion() {
  const std::span<const Migration> all = Migrations();
  for (size_t i = 0; i < all.size(); ++i) {
    if (all[i].sql == kMigration22) return static_cast<int>(i) + 1;
  }
  return LatestSchemaVersion();
}

}  // namespace trainhub::store
