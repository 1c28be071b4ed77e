// What each migration carries over from a database of an earlier version:
// PDFs, counts of places, seat holders, the status that counts, erasures and
// audit events chained, starts of training, yearly figures.

#include <gtest/gtest.h>

#include "domain/accounts/audit_chain.h"
#include "domain/attendance/attendance_ledger.h"
#include "store/connection.h"
#include "store/schema.h"
#include "store/schema_integrity.h"
#include "store/sql_support.h"
#include "store/sqlite_attendance_store.h"
#include "store/sqlite_audit_store.h"
#include "unit/connection_fixture.h"

namespace trainhub::store {
namespace {

// Version 10 moved the PDFs out of the certificate rows: what was issued
// before is kept whole and stays frozen.
TEST_F(ConnectionTest, CertificatesIssuedBeforeVersion10KeepTheirPdfs) {
  {
    SQLite::Database db = AtVersion(9);
    InsertOrganizationAndSeries(db, 10, 5);
    db.exec(
        "INSERT INTO participant (id, display_name, email, organization_id, target_groups,"
        " training_year, create_time, update_time) VALUES (2, 'Amal', '', 1, '', 0, 0, 0)");
    db.exec(
        "INSERT INTO certificate (serial, series_id, participant_id, outcome, document, signature,"
        " key_id, pdf, pdf_sha256, issue_time, issued_by, status, revoke_reason, revoke_time,"
        " superseded_by) VALUES ('7K3M-Q9ZD-X2RT-4HNB', 1, 2, 1, '{\"serial\":1}', x'0102',"
        " 'k01', x'25504446', 'abc', 1700000000000000, 1, 2, 'Irrtum', 1700000001000000, '')");
  }
  auto db = OpenWriteConnection(path_);
  ASSERT_TRUE(db.ok()) << db.status();
  SQLite::Statement q(**db,
                      "SELECT c.serial, c.status, c.revoke_reason, c.document, hex(p.pdf),"
                      " c.revoke_time FROM certificate c JOIN certificate_pdf p"
                      " ON p.certificate_id = c.id");
  ASSERT_TRUE(q.executeStep());
  EXPECT_EQ(q.getColumn(0).getString(), "7K3M-Q9ZD-X2RT-4HNB");
  EXPECT_EQ(q.getColumn(1).getInt(), 2);
  EXPECT_EQ(q.getColumn(2).getString(), "Irrtum");
  EXPECT_EQ(q.getColumn(3).getString(), "{\"serial\":1}");
  EXPECT_EQ(q.getColumn(4).getString(), "25504446");
  EXPECT_EQ(q.getColumn(5).getInt64(), 1700000001000000);
  q.reset();
  EXPECT_THROW((*db)->exec("UPDATE certificate_pdf SET pdf = x'00'"), SQLite::Exception);
  EXPECT_THROW((*db)->exec("DELETE FROM certificate_pdf"), SQLite::Exception);
  EXPECT_THROW((*db)->exec("UPDATE certificate SET document = '{}'"), SQLite::Exception);
  EXPECT_THROW((*db)->exec("DELETE FROM certificate"), SQLite::Exception);
}

// Version 11 keeps the places of each series as counts: a database with
// enrolments from before starts with them counted, and they follow a
// deletion.
TEST_F(ConnectionTest, EnrolmentsMadeBeforeVersion11AreCounted) {
  {
    SQLite::Database db = AtVersion(10);
    InsertOrganizationAndSeries(db, 10, 3);
    // People 1..9000; states cycle 1..7 (2 waiting; 3 and 4 seated), queue
    // numbers 1..9000 cover three ranges of 4096.
    db.exec(
        "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 9000)"
        " INSERT INTO participant (id, display_name, email, organization_id, target_groups,"
        " training_year, create_time, update_time) SELECT i, 'P' || i, '', 1, '', 0, 0, 0 FROM n");
    db.exec(
        "INSERT INTO enrolment (series_id, participant_id, state, queue_number, request_time,"
        " eligibility_overridden, update_time) SELECT 1, id, 1 + id % 7, id, 0, 0, 0"
        " FROM participant");
  }
  auto db = OpenWriteConnection(path_);
  ASSERT_TRUE(db.ok()) << db.status();
  auto counted = [&] {
    SQLite::Statement q(**db,
                        "SELECT seats_taken, waitlist_length,"
                        " (SELECT sum(waiting) FROM waitlist_range WHERE width = 64),"
                        " (SELECT sum(waiting) FROM waitlist_range WHERE width = 4096),"
                        " (SELECT count(*) FROM enrolment WHERE state IN (3, 4)),"
                        " (SELECT count(*) FROM enrolment WHERE state = 2)"
                        " FROM series_places WHERE series_id = 1");
    EXPECT_TRUE(q.executeStep());
    EXPECT_EQ(q.getColumn(0).getInt(), q.getColumn(4).getInt());
    EXPECT_EQ(q.getColumn(1).getInt(), q.getColumn(5).getInt());
    EXPECT_EQ(q.getColumn(2).getInt(), q.getColumn(5).getInt());
    EXPECT_EQ(q.getColumn(3).getInt(), q.getColumn(5).getInt());
    return q.getColumn(1).getInt();
  };
  EXPECT_EQ(counted(), 9000 / 7 + 1);  // ids 1, 8, 15, ... have state 2
  (*db)->exec("DELETE FROM enrolment WHERE participant_id % 2 = 1");
  EXPECT_LT(counted(), 9000 / 7);
}

// Version 12 lists who ever held a seat: a database from before finds them
// in the enrolments' history.
TEST_F(ConnectionTest, SeatHoldersBeforeVersion12AreFoundInTheHistory) {
  {
    SQLite::Database db = AtVersion(11);
    InsertOrganizationAndSeries(db, 1, 3);
    db.exec(
        "INSERT INTO participant (id, display_name, email, organization_id, target_groups,"
        " training_year, create_time, update_time)"
        " VALUES (1, 'Amal', '', 1, '', 0, 0, 0), (2, 'Jonas', '', 1, '', 0, 0, 0)");
    // Amal was seated and withdrew; Jonas only waited.
    db.exec(
        "INSERT INTO enrolment (id, series_id, participant_id, state, queue_number,"
        " request_time, eligibility_overridden, update_time)"
        " VALUES (1, 1, 1, 5, 1, 0, 0, 0), (2, 1, 2, 2, 2, 0, 0, 0)");
    db.exec(
        "INSERT INTO enrolment_change (enrolment_id, time, from_state, to_state, account_id,"
        " reason) VALUES (1, 1, 0, 3, 0, ''), (1, 2, 3, 5, 0, ''), (2, 1, 0, 2, 0, '')");
  }
  auto db = OpenWriteConnection(path_);
  ASSERT_TRUE(db.ok()) << db.status();
  EXPECT_EQ((*db)->execAndGet("SELECT group_concat(enrolment_id) FROM seat_holder").getString(),
            "1");
  (*db)->exec("UPDATE enrolment SET state = 3 WHERE id = 2");
  (*db)->exec(
      "INSERT INTO enrolment_change (enrolment_id, time, from_state, to_state, account_id,"
      " reason) VALUES (2, 3, 2, 3, 0, '')");
  EXPECT_EQ((*db)->execAndGet("SELECT count(*) FROM seat_holder").getInt(), 2);
}

// The status that counts is the record with the latest client time, then
// the latest arrival: recorded before version 13, and after it through the
// store's append (version 15 dropped the trigger that kept it).
TEST_F(ConnectionTest, AttendanceRecordedBeforeVersion13CountsAsItsLatestRecord) {
  auto record = [](SQLite::Database& db, int person, int status, int client_time) {
    SQLite::Statement q(db,
                        "INSERT INTO attendance_entry (series_id, session_id, kind,"
                        " participant_id, status, minutes_missed, note, source, client_time,"
                        " client_nonce, device_id, account_id, record_time, reason,"
                        " conflicting_record_id, prev_hash, hash)"
                        " VALUES (1, 1, 1, ?, ?, 0, '', 1, ?, '', '', 1, 0, '', 0, x'', x'')");
    q.bind(1, person);
    q.bind(2, status);
    q.bind(3, client_time);
    q.exec();
  };
  {
    SQLite::Database db = AtVersion(12);
    InsertOrganizationAndSeries(db, 5, 4);
    db.exec(
        "INSERT INTO participant (id, display_name, email, organization_id, target_groups,"
        " training_year, create_time, update_time)"
        " VALUES (1, 'Amal', '', 1, '', 0, 0, 0), (2, 'Jonas', '', 1, '', 0, 0, 0)");
    db.exec(
        "INSERT INTO module (id, series_id, position, title, topics, mandatory,"
        " teaching_units) VALUES (1, 1, 1, 'Grundlagen', '[]', 1, 0)");
    db.exec(
        "INSERT INTO session (id, module_id, start_time, end_time, place_name,"
        " place_address, place_key, note) VALUES (1, 1, 100, 200, '', '', '', '')");
    // Amal: absent, then a correction made offline earlier arrives later.
    record(db, 1, 4, 50);
    record(db, 1, 3, 40);
    // Jonas: present, then late with the same client time (the later wins).
    record(db, 2, 1, 60);
    record(db, 2, 2, 60);
  }
  auto db = OpenWriteConnection(path_);
  ASSERT_TRUE(db.ok()) << db.status();
  auto statuses = [&] {
    return (*db)
        ->execAndGet(
            "SELECT group_concat(participant_id || ':' || status, ' ') FROM"
            " (SELECT * FROM attendance_current ORDER BY participant_id)")
        .getString();
  };
  EXPECT_EQ(statuses(), "1:4 2:2");
  Sql sql(**db);
  SqliteAttendanceStore store(sql);
  auto append = [&](int person, domain::AttendanceStatus status, int client_time) {
    domain::AttendanceEntry e;
    e.series_id = 1;
    e.session_id = 1;
    e.kind = domain::LedgerEntryKind::kRecord;
    e.participant_id = person;
    e.status = status;
    e.client_time = absl::FromUnixMicros(client_time);
    e.hash_version = 2;
    return store.Append(e).status();
  };
  // Older than the absence: stays absent.
  ASSERT_TRUE(append(1, domain::AttendanceStatus::kPresent, 45).ok());
  // Newer: excused.
  ASSERT_TRUE(append(2, domain::AttendanceStatus::kExcused, 70).ok());
  EXPECT_EQ(statuses(), "1:4 2:3");
  // A sign-off has no person and no status.
  domain::AttendanceEntry sign_off;
  sign_off.series_id = 1;
  sign_off.session_id = 1;
  sign_off.kind = domain::LedgerEntryKind::kSignOff;
  ASSERT_TRUE(store.Append(sign_off).ok());
  EXPECT_EQ(statuses(), "1:4 2:3");
  // An insert that bypasses the store leaves attendance_current alone.
  record(**db, 2, 1, 90);
  EXPECT_EQ(statuses(), "1:4 2:3");
}

// Writes the ledger of session 1 as a version before migration 22 left it:
// three excused records with a note, person 1's (the first of hash version
// 1, the second of version 2) erased since, person 2's not; the entries as
// written.
std::vector<domain::AttendanceEntry> WriteLedgerErasedBefore(SQLite::Database& db) {
  std::vector<domain::AttendanceEntry> entries;
  std::string prev = domain::LedgerGenesis();
  for (int i = 0; i < 3; ++i) {
    domain::AttendanceEntry e;
    e.id = i + 1;
    e.series_id = 1;
    e.session_id = 1;
    e.participant_id = i == 2 ? 2 : 1;
    e.status = domain::AttendanceStatus::kExcused;
    e.note = "krank";
    e.client_time = e.record_time = absl::FromUnixMicros(1000 + i);
    e.hash_version = i == 0 ? 1 : 2;
    e.prev_hash = prev;
    e.hash = domain::LedgerHash(e);
    prev = e.hash;
    if (e.participant_id == 1) {  // erased by an earlier version
      e.text_digest = domain::LedgerTextDigest(e.note, e.reason);
      e.note.clear();
    }
    SQLite::Statement q(db,
                        "INSERT INTO attendance_entry (id, series_id, session_id, kind,"
                        " participant_id, status, minutes_missed, note, source, client_time,"
                        " client_nonce, device_id, account_id, record_time, reason,"
                        " conflicting_record_id, prev_hash, hash, hash_version, text_digest)"
                        " VALUES (?, 1, 1, 1, ?, 3, 0, ?, 0, ?, '', '', 0, ?, '', 0, ?, ?, ?,"
                        " nullif(?, X''))");
    q.bind(1, e.id);
    q.bind(2, e.participant_id);
    q.bind(3, e.note);
    q.bind(4, absl::ToUnixMicros(e.client_time));
    q.bind(5, absl::ToUnixMicros(e.record_time));
    q.bind(6, e.prev_hash.data(), static_cast<int>(e.prev_hash.size()));
    q.bind(7, e.hash.data(), static_cast<int>(e.hash.size()));
    q.bind(8, e.hash_version);
    q.bind(9, e.text_digest.data(), static_cast<int>(e.text_digest.size()));
    q.exec();
    entries.push_back(e);
  }
  SQLite::Statement head(db, "INSERT INTO attendance_head VALUES (1, 3, ?)");
  head.bind(1, prev.data(), static_cast<int>(prev.size()));
  head.exec();
  return entries;
}

// The audit log's chain in `db` checked; `rows` counts its events.
domain::AuditChainCheck CheckAuditChain(SQLite::Database& db, int* rows) {
  domain::AuditChainChecker checker;
  SQLite::Statement q(db, std::string("SELECT ") + kAuditEventColumns +
                              " FROM audit_event e LEFT JOIN account a ON a.id = e.account_id"
                              " ORDER BY e.chain_seq");
  while (q.executeStep()) {
    ++*rows;
    EXPECT_TRUE(checker.Add(ReadAuditEvent(q)));
  }
  domain::AuditHead audit_head;
  audit_head.event_count = db.execAndGet("SELECT event_count FROM audit_head").getInt64();
  SQLite::Statement h(db, "SELECT hash FROM audit_head");
  if (!h.executeStep()) {
    domain::AuditChainCheck missing;
    missing.intact = false;
    missing.problem = "no audit head";
    return missing;
  }
  audit_head.hash.assign(static_cast<const char*>(h.getColumn(0).getBlob()),
                         h.getColumn(0).getBytes());
  return checker.Finish(audit_head, {}, {});
}

// A database of before migration 22: ledger texts erased then (a version-1
// and a version-2 entry) and audit events. Migrating records the erasures
// in the chain and chains the audit log; both verify, and the erased
// entries' content is held.
TEST_F(ConnectionTest, ErasuresAndAuditEventsFromBeforeAreChainedByTheMigration) {
  std::vector<domain::AttendanceEntry> entries;
  {
    SQLite::Database db = AtVersion(IntegritySchemaVersion() - 1);
    InsertOrganizationAndSeries(db, 5, 4);
    db.exec(
        "INSERT INTO participant (id, display_name, email, organization_id, target_groups,"
        " create_time, update_time, erase_time)"
        " VALUES (1, 'Person #1', '', 1, '', 0, 0, 5), (2, 'Jonas', '', 1, '', 0, 0, NULL)");
    db.exec(
        "INSERT INTO module (id, series_id, position, title, topics, mandatory,"
        " teaching_units) VALUES (1, 1, 1, 'Grundlagen', '[]', 1, 0)");
    db.exec(
        "INSERT INTO session (id, module_id, start_time, end_time, place_name,"
        " place_address, place_key, note) VALUES (1, 1, 100, 200, '', '', '', '')");
    entries = WriteLedgerErasedBefore(db);
    ASSERT_FALSE(domain::CheckLedger(entries).intact) << "an erasure not recorded yet";
    db.exec(
        "INSERT INTO audit_event (time, account_id, method, object, organization_id, result,"
        " request_id, peer, repeat_count) VALUES (1, 3, 'm', 'series/1', 1, 'OK', 'r', 'ipv4:"
        "10.0.0.7', 1), (2, 0, 'm', '', 0, 'UNAUTHENTICATED', '', 'ipv4:10.0.0.8', 12)");
  }
  auto db = OpenWriteConnection(path_);
  ASSERT_TRUE(db.ok()) << db.status();
  Sql sql(**db);
  SqliteAttendanceStore store(sql);
  auto ledger = store.ListForSeries(1);
  ASSERT_TRUE(ledger.ok());
  ASSERT_EQ(ledger->size(), 4u);
  EXPECT_EQ(ledger->back().kind, domain::LedgerEntryKind::kErasure);
  const domain::LedgerCheck check = domain::CheckLedger(*ledger);
  EXPECT_TRUE(check.intact) << check.problem;
  EXPECT_EQ(check.content_unchecked_count, 1);
  auto head = store.Head(1);
  ASSERT_TRUE(head.ok());
  EXPECT_EQ(head->entry_count, 4);
  EXPECT_EQ(domain::HexOf(head->hash), check.head_hash);
  // The version-1 entry's status changed: its own hash cannot tell, the
  // erasure entry does.
  std::vector<domain::AttendanceEntry> changed = *ledger;
  changed[0].status = domain::AttendanceStatus::kPresent;
  EXPECT_FALSE(domain::CheckLedger(changed).intact);

  int rows = 0;
  const domain::AuditChainCheck audit = CheckAuditChain(**db, &rows);
  EXPECT_EQ(rows, 2);
  EXPECT_TRUE(audit.intact) << audit.problem;
  EXPECT_EQ(audit.event_count, 2);
}

// The version a migration (found by a piece of its SQL) takes a database
// to; 0 when there is none. Tests of a migration find their version this
// way, so that migrations can be renumbered.
int VersionAfter(const std::string& sql_piece) {
  const auto migrations = Migrations();
  for (size_t i = 0; i < migrations.size(); ++i) {
    if (std::string(migrations[i].sql).find(sql_piece) != std::string::npos) {
      return static_cast<int>(i) + 1;
    }
  }
  return 0;
}

// The training years stored as numbers become starts of training: the year
// a record stated when it was last changed (Berlin time) makes a start on
// the 1 August it implies.
TEST_F(ConnectionTest, TrainingYearsStoredAsNumbersBecomeStartsOfTraining) {
  const int version = VersionAfter("ADD COLUMN training_start");
  ASSERT_GT(version, 0);
  {
    SQLite::Database db = AtVersion(version - 1);
    InsertOrganizationAndSeries(db, 10, 3);
    // 10.03.2019: 2nd year; 31.07.2019 23:30 Berlin (21:30 UTC): 1st year;
    // 01.08.2019 00:30 Berlin (31.07. 22:30 UTC): 1st year again; a
    // volunteer without a year.
    db.exec(
        "INSERT INTO participant (id, display_name, email, organization_id, target_groups,"
        " training_year, create_time, update_time) VALUES"
        " (1, 'Lena', '', 1, '[2]', 2, 0, 1552212000000000),"
        " (2, 'Mehmet', '', 1, '[2]', 1, 0, 1564608600000000),"
        " (3, 'Paula', '', 1, '[2]', 1, 0, 1564612200000000),"
        " (4, 'Vera', '', 1, '[1]', 0, 0, 1564612200000000)");
  }
  auto db = OpenWriteConnection(path_);
  ASSERT_TRUE(db.ok()) << db.status();
  SQLite::Statement q(**db, "SELECT id, training_start FROM participant ORDER BY id");
  std::vector<std::string> starts;
  while (q.executeStep()) {
    starts.push_back(q.getColumn(1).isNull() ? "-" : q.getColumn(1).getString());
  }
  EXPECT_EQ(starts, (std::vector<std::string>{"2017-08-01", "2018-08-01", "2019-08-01", "-"}));
  q.reset();
  EXPECT_FALSE((*db)
                   ->execAndGet("SELECT count(*) FROM pragma_table_info('participant')"
                                " WHERE name = 'training_year'")
                   .getInt());
}

// The yearly figures of the statuses recorded before they were kept: the
// year of each session's start in Berlin (a session at 00:30 on New Year's
// Day is the new year's).
TEST_F(ConnectionTest, AttendanceRecordedBeforeTheYearlyFiguresIsCountedByYear) {
  const int version = VersionAfter("CREATE TABLE attendance_year");
  ASSERT_GT(version, 0);
  {
    SQLite::Database db = AtVersion(version - 1);
    InsertOrganizationAndSeries(db, 10, 4);
    db.exec(R"sql(
INSERT INTO participant (id, display_name, email, organization_id, target_groups,
  create_time, update_time) VALUES (1, 'Jana', '', 1, '[1]', 0, 0);
INSERT INTO module (id, series_id, position, title, topics, mandatory, teaching_units)
  VALUES (1, 1, 1, 'M', '[]', 1, 4);
-- 30.12.2019 09:00, 31.12.2019 23:30 and 01.01.2020 00:30 Berlin
INSERT INTO session (id, module_id, start_time, end_time, place_name, place_address, place_key,
  note) VALUES (1, 1, 1577692800, 1577703600, '', '', '', ''),
               (2, 1, 1577831400, 1577835000, '', '', '', ''),
               (3, 1, 1577835000, 1577838600, '', '', '', '');
INSERT INTO attendance_current (session_id, participant_id, series_id, status, client_time,
  entry_id) VALUES (1, 1, 1, 3, 0, 1), (2, 1, 1, 2, 0, 2), (3, 1, 1, 1, 0, 3);
)sql");
  }
  auto db = OpenWriteConnection(path_);
  ASSERT_TRUE(db.ok()) << db.status();
  SQLite::Statement q(**db,
                      "SELECT year, attended, excused, absent, first_attended"
                      " FROM attendance_year ORDER BY year");
  ASSERT_TRUE(q.executeStep());
  EXPECT_EQ(q.getColumn(0).getInt(), 2019);
  EXPECT_EQ(q.getColumn(1).getInt(), 1);
  EXPECT_EQ(q.getColumn(2).getInt(), 1);
  EXPECT_EQ(q.getColumn(3).getInt(), 0);
  EXPECT_EQ(q.getColumn(4).getInt64(), 1577831400);
  ASSERT_TRUE(q.executeStep());
  EXPECT_EQ(q.getColumn(0).getInt(), 2020);
  EXPECT_EQ(q.getColumn(1).getInt(), 1);
  EXPECT_EQ(q.getColumn(4).getInt64(), 1577835000);
  EXPECT_FALSE(q.executeStep());
}

}  // namespace
}  // namespace trainhub::store
