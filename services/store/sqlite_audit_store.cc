#include "store/sqlite_audit_store.h"

#include "absl/strings/str_cat.h"
#include "domain/accounts/audit_chain.h"
#include "domain/status_macros.h"
#include "store/sql_support.h"

namespace trainhub::store {

using domain::Id;

namespace {

std::string Blob(SQLite::Column column) {
  return std::string(static_cast<const char*>(column.getBlob()), column.getBytes());
}

constexpr char kNextEventId[] =
    "SELECT max(coalesce((SELECT seq FROM sqlite_sequence WHERE name = 'audit_event'), 0),"
    " coalesce((SELECT max(id) FROM audit_event), 0)) + 1";

absl::StatusOr<domain::AuditHead> ReadHead(Sql& sql) {
  auto& q = sql.Prepare("SELECT event_count, hash FROM audit_head WHERE id = 1");
  domain::AuditHead head;
  head.hash = domain::AuditGenesis();
  if (q.executeStep()) {
    head.event_count = q.getColumn(0).getInt64();
    head.hash = Blob(q.getColumn(1));
  }
  return head;
}

void WriteHead(Sql& sql, const domain::AuditHead& head) {
  auto& q = sql.Prepare(
      "INSERT INTO audit_head (id, event_count, hash) VALUES (1, ?1, ?2)"
      " ON CONFLICT (id) DO UPDATE SET event_count = ?1, hash = ?2");
  q.bind(1, head.event_count);
  q.bind(2, head.hash.data(), static_cast<int>(head.hash.size()));
  q.exec();
}

// Binds a blob, NULL when empty.
void BindBlob(SQLite::Statement& q, int index, const std::string& bytes) {
  if (bytes.empty()) {
    q.bind(index);
  } else {
    q.bind(index, bytes.data(), static_cast<int>(bytes.size()));
  }
}

}  // namespace

domain::AuditEvent ReadAuditEvent(SQLite::Statement& q) {
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
  e.chain_seq = q.getColumn(11).getInt64();
  e.prev_hash = Blob(q.getColumn(12));
  e.hash = Blob(q.getColumn(13));
  e.peer_salt = Blob(q.getColumn(14));
  e.peer_digest = Blob(q.getColumn(15));
  return e;
}

namespace {

// Inserts `e` as it is (id 0: the next one).
void InsertAuditRow(Sql& sql, const domain::AuditEvent& e) {
  auto& q = sql.Prepare(
      "INSERT INTO audit_event (id, time, account_id, method, object, organization_id, result,"
      " request_id, peer, repeat_count, chain_seq, prev_hash, hash, peer_salt, peer_digest)"
      " VALUES (nullif(?1, 0), ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, nullif(?11, 0), ?12, ?13,"
      " ?14, ?15)");
  q.bind(1, e.id);
  q.bind(2, Micros(e.time));
  q.bind(3, e.account_id);
  q.bind(4, e.method);
  q.bind(5, e.object);
  q.bind(6, e.organization_id);
  q.bind(7, e.result);
  q.bind(8, e.request_id);
  q.bind(9, e.peer);
  q.bind(10, e.repeat_count);
  q.bind(11, e.chain_seq);
  BindBlob(q, 12, e.prev_hash);
  BindBlob(q, 13, e.hash);
  BindBlob(q, 14, e.peer_salt);
  BindBlob(q, 15, e.peer_digest);
  q.exec();
}

}  // namespace

absl::Status InsertChainedAuditEvent(Sql& sql, domain::AuditEvent& e) {
  TH_ASSIGN_OR_RETURN(domain::AuditHead head, ReadHead(sql));
  auto& next = sql.Prepare(kNextEventId);
  next.executeStep();
  e.id = next.getColumn(0).getInt64();
  next.reset();
  e.chain_seq = head.event_count + 1;
  e.prev_hash = head.hash;
  e.hash = domain::AuditEventHash(e);
  InsertAuditRow(sql, e);
  if (sql.db().getLastInsertRowid() != e.id) {
    return absl::InternalError("the audit event got another id");
  }
  WriteHead(sql, {e.chain_seq, e.hash});
  return absl::OkStatus();
}

absl::StatusOr<Id> SqliteAuditStore::Append(const domain::AuditEvent& event) {
  return Guarded("AppendAudit", [&]() -> absl::StatusOr<Id> {
    domain::AuditEvent e = event;
    e.chain_seq = 0;
    e.prev_hash.clear();
    e.hash.clear();
    e.peer_digest.clear();
    e.peer_salt = domain::NewAuditPeerSalt(e.peer);
    if (e.object.empty()) {  // a refusal row: open until sealed
      e.id = 0;
      InsertAuditRow(sql_, e);
      return static_cast<Id>(sql_.db().getLastInsertRowid());
    }
    TH_RETURN_IF_ERROR(InsertChainedAuditEvent(sql_, e));
    return e.id;
  });
}

absl::Status SqliteAuditStore::AddRefusalRepeats(Id event_id, int64_t repeats) {
  return Guarded("AddRefusalRepeats", [&]() -> absl::Status {
    auto& q = sql_.Prepare(
        "UPDATE audit_event SET repeat_count = repeat_count + ? WHERE id = ? AND object = ''"
        " AND chain_seq IS NULL");
    q.bind(1, repeats);
    q.bind(2, event_id);
    q.exec();
    return CheckChanged(sql_.db(), "open refusal row", event_id);
  });
}

absl::Status SqliteAuditStore::Seal(Id event_id) {
  return Guarded("SealAuditRow", [&]() -> absl::Status {
    auto& q = sql_.Prepare(absl::StrCat("SELECT ", kAuditEventColumns,
                                        " FROM audit_event e LEFT JOIN account a"
                                        " ON a.id = e.account_id WHERE e.id = ?"));
    q.bind(1, event_id);
    if (!q.executeStep()) return NotFound("audit event", event_id);
    domain::AuditEvent e = ReadAuditEvent(q);
    q.reset();
    if (e.chain_seq != 0) return absl::OkStatus();
    TH_ASSIGN_OR_RETURN(domain::AuditHead head, ReadHead(sql_));
    e.chain_seq = head.event_count + 1;
    e.prev_hash = head.hash;
    e.hash = domain::AuditEventHash(e);
    auto& seal = sql_.Prepare(
        "UPDATE audit_event SET chain_seq = ?1, prev_hash = ?2, hash = ?3"
        " WHERE id = ?4 AND chain_seq IS NULL");
    seal.bind(1, e.chain_seq);
    seal.bind(2, e.prev_hash.data(), static_cast<int>(e.prev_hash.size()));
    seal.bind(3, e.hash.data(), static_cast<int>(e.hash.size()));
    seal.bind(4, event_id);
    seal.exec();
    TH_RETURN_IF_ERROR(CheckChanged(sql_.db(), "open audit row", event_id));
    WriteHead(sql_, {e.chain_seq, e.hash});
    return absl::OkStatus();
  });
}

absl::StatusOr<domain::AuditHead> SqliteAuditStore::Head() {
  return Guarded("GetAuditHead", [&]() { return ReadHead(sql_); });
}

absl::StatusOr<std::vector<domain::AuditEvent>> SqliteAuditStore::ListChain(int64_t after_seq,
                                                                            int limit) {
  return Guarded("ListAuditChain", [&]() -> absl::StatusOr<std::vector<domain::AuditEvent>> {
    auto& q = sql_.Prepare(absl::StrCat("SELECT ", kAuditEventColumns,
                                        " FROM audit_event e LEFT JOIN account a"
                                        " ON a.id = e.account_id WHERE e.chain_seq > ?"
                                        " ORDER BY e.chain_seq LIMIT ?"));
    q.bind(1, after_seq);
    q.bind(2, limit);
    std::vector<domain::AuditEvent> out;
    while (q.executeStep()) out.push_back(ReadAuditEvent(q));
    return out;
  });
}

absl::StatusOr<std::vector<domain::AuditEvent>> SqliteAuditStore::ListOpen() {
  return Guarded("ListOpenAuditRows", [&]() -> absl::StatusOr<std::vector<domain::AuditEvent>> {
    auto& q = sql_.Prepare(absl::StrCat("SELECT ", kAuditEventColumns,
                                        " FROM audit_event e LEFT JOIN account a"
                                        " ON a.id = e.account_id WHERE e.chain_seq IS NULL"
                                        " ORDER BY e.id"));
    std::vector<domain::AuditEvent> out;
    while (q.executeStep()) out.push_back(ReadAuditEvent(q));
    return out;
  });
}

absl::StatusOr<domain::Page<domain::AuditEvent>> SqliteAuditStore::List(
    const domain::AuditFilter& filter, const domain::PageRequest& page) {
  return Guarded("ListAudit", [&]() -> absl::StatusOr<domain::Page<domain::AuditEvent>> {
    std::string sql = absl::StrCat("SELECT ", kAuditEventColumns,
                                   " FROM audit_event e LEFT JOIN account a ON a.id = e.account_id"
                                   " WHERE 1");
    // One organisation (the usual coordinator) reads its index in order;
    // several are merged by a sort of their events.
    const bool one_organization = filter.organizations.size() == 1;
    if (one_organization) {
      absl::StrAppend(&sql, " AND e.organization_id = :org");
    } else if (!filter.organizations.empty()) {
      absl::StrAppend(&sql, " AND e.organization_id IN (SELECT value FROM json_each(:orgs))");
    }
    // Newest first: the cursor holds the last id returned.
    if (page.after) absl::StrAppend(&sql, " AND e.id < :after_id");
    absl::StrAppend(&sql, " ORDER BY e.id DESC LIMIT :limit");
    auto& q = sql_.Prepare(sql);
    if (one_organization) {
      q.bind(":org", filter.organizations[0]);
    } else if (!filter.organizations.empty()) {
      q.bind(":orgs", IdList(filter.organizations));
    }
    if (page.after) q.bind(":after_id", page.after->id);
    q.bind(":limit", page.limit + 1);
    std::vector<domain::AuditEvent> items;
    while (q.executeStep()) items.push_back(ReadAuditEvent(q));
    return MakePage(std::move(items), page, [](const domain::AuditEvent& e) { return e.id; });
  });
}

}  // namespace trainhub::store
