// Opening the database: its pragmas, migrations from each version, what is
// refused, ids, history tables and the file's mode. The data each migration
// carries over is in connection_migration_test.cc.

#include "store/connection.h"

#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>

#include "store/schema.h"
#include "store/schema_integrity.h"
#include "store/sql_support.h"
#include "unit/connection_fixture.h"

namespace trainhub::store {
namespace {

TEST_F(ConnectionTest, SetsAndVerifiesEveryPragma) {
  auto db = OpenWriteConnection(path_);
  ASSERT_TRUE(db.ok()) << db.status();
  EXPECT_EQ((*db)->execAndGet("PRAGMA journal_mode").getString(), "wal");
  EXPECT_EQ((*db)->execAndGet("PRAGMA synchronous").getInt(), 2);  // FULL
  EXPECT_EQ((*db)->execAndGet("PRAGMA foreign_keys").getInt(), 1);
  EXPECT_EQ((*db)->execAndGet("PRAGMA busy_timeout").getInt(), 5000);
  EXPECT_EQ((*db)->execAndGet("PRAGMA temp_store").getInt(), 2);  // MEMORY
  EXPECT_EQ((*db)->execAndGet("PRAGMA secure_delete").getInt(), 1);
  EXPECT_EQ((*db)->execAndGet("PRAGMA user_version").getInt(), LatestSchemaVersion());
  EXPECT_EQ((*db)->execAndGet("PRAGMA application_id").getInt(), kApplicationId);
}

TEST_F(ConnectionTest, MigratesFromEachEarlierVersion) {
  for (int from = 0; from < LatestSchemaVersion(); ++from) {
    std::filesystem::remove(path_);
    {
      SQLite::Database db = AtVersion(from);
      EXPECT_EQ(db.execAndGet("PRAGMA user_version").getInt(), from);
    }
    auto db = OpenWriteConnection(path_);
    ASSERT_TRUE(db.ok()) << "from version " << from << ": " << db.status();
    EXPECT_EQ((*db)->execAndGet("PRAGMA user_version").getInt(), LatestSchemaVersion());
    EXPECT_TRUE((*db)->tableExists("session"));
  }
}

TEST_F(ConnectionTest, ReopeningKeepsData) {
  {
    auto db = OpenWriteConnection(path_);
    ASSERT_TRUE(db.ok());
    (*db)->exec(
        "INSERT INTO organization (name, kind, city, website, create_time, update_time)"
        " VALUES ('Stadt Dessau-Roßlau', 2, '', '', 0, 0)");
  }
  auto db = OpenWriteConnection(path_);
  ASSERT_TRUE(db.ok());
  EXPECT_EQ((*db)->execAndGet("SELECT name FROM organization").getString(), "Stadt Dessau-Roßlau");
}

TEST_F(ConnectionTest, RefusesANewerSchemaWithAClearMessage) {
  {
    auto db = OpenWriteConnection(path_);
    ASSERT_TRUE(db.ok());
    (*db)->exec("PRAGMA user_version = 99");
  }
  auto db = OpenWriteConnection(path_);
  ASSERT_EQ(db.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_NE(db.status().message().find("schema version 99"), std::string::npos) << db.status();
  EXPECT_NE(db.status().message().find("newer trainhubd"), std::string::npos);
}

TEST_F(ConnectionTest, RefusesAForeignDatabase) {
  {
    SQLite::Database db(path_, SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
    db.exec("CREATE TABLE something_else (x)");
  }
  auto db = OpenWriteConnection(path_);
  ASSERT_EQ(db.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_NE(db.status().message().find("not a trainhub database"), std::string::npos);
}

TEST_F(ConnectionTest, UnopenablePathIsUnavailable) {
  auto db = OpenWriteConnection((dir_ / "missing-dir" / "t.db").string());
  EXPECT_EQ(db.status().code(), absl::StatusCode::kUnavailable) << db.status();
}

TEST_F(ConnectionTest, ReadConnectionsCannotWrite) {
  auto writer = OpenWriteConnection(path_);
  ASSERT_TRUE(writer.ok());
  auto reader = OpenReadConnection(path_);
  ASSERT_TRUE(reader.ok()) << reader.status();
  EXPECT_THROW((*reader)->exec("DELETE FROM organization"), SQLite::Exception);
}

TEST_F(ConnectionTest, DeletedIdsAreNeverHandedOutAgainAlsoAfterMigratingOldData) {
  {
    // A version 6 database with rows, as earlier trainhubd left it.
    SQLite::Database db = AtVersion(6);
    db.exec(
        "INSERT INTO organization (name, kind, city, website, create_time, update_time)"
        " VALUES ('Stadt Köthen', 2, '', '', 0, 0), ('AGSA', 1, '', '', 0, 0)");
    db.exec(
        "INSERT INTO series (organization_id, title, kind, description, target_groups, capacity,"
        " status, cancellation_reason, create_time, update_time)"
        " VALUES (2, 'Interkultur im Ehrenamt', 2, '', '[]', 10, 1, '', 0, 0)");
  }
  auto db = OpenWriteConnection(path_);
  ASSERT_TRUE(db.ok()) << db.status();
  SQLite::Database& d = **db;
  // Rows, references and keys survived the rebuild.
  EXPECT_EQ(d.execAndGet("SELECT organization_id FROM series WHERE id = 1").getInt(), 2);
  EXPECT_EQ(d.execAndGet("SELECT name_key FROM organization WHERE id = 1").getString(),
            "stadt köthen");
  d.exec("DELETE FROM series WHERE id = 1");
  d.exec(
      "INSERT INTO series (organization_id, title, kind, description, target_groups, capacity,"
      " status, cancellation_reason, create_time, update_time)"
      " VALUES (2, 'Neu', 2, '', '[]', 10, 1, '', 0, 0)");
  EXPECT_EQ(d.getLastInsertRowid(), 2) << "series 1 was handed out again";
  // Foreign keys are on again after the migration.
  EXPECT_THROW(d.exec("DELETE FROM organization WHERE id = 2"), SQLite::Exception);
}

TEST_F(ConnectionTest, HistoryTablesCannotBeOverwrittenOrDeleted) {
  auto db = OpenWriteConnection(path_);
  ASSERT_TRUE(db.ok()) << db.status();
  SQLite::Database& d = **db;
  d.exec(
      "INSERT INTO audit_event (id, time, account_id, method, object, organization_id, result,"
      " request_id) VALUES (1, 0, 1, 'm', 'series/1', 0, 'OK', '')");
  EXPECT_THROW(d.exec("INSERT OR REPLACE INTO audit_event (id, time, account_id, method, object,"
                      " organization_id, result, request_id)"
                      " VALUES (1, 0, 2, 'forged', 'series/1', 0, 'OK', '')"),
               SQLite::Exception);
  EXPECT_THROW(d.exec("REPLACE INTO audit_event (id, time, account_id, method, object,"
                      " organization_id, result, request_id) VALUES (1, 0, 2, 'x', '', 0, '', '')"),
               SQLite::Exception);
  EXPECT_THROW(d.exec("UPDATE audit_event SET account_id = 2"), SQLite::Exception);
  EXPECT_THROW(d.exec("DELETE FROM audit_event"), SQLite::Exception);
  EXPECT_EQ(d.execAndGet("SELECT method FROM audit_event WHERE id = 1").getString(), "m");
  // A refusal row may only count repeats.
  d.exec(
      "INSERT INTO audit_event (id, time, account_id, method, object, organization_id, result,"
      " request_id) VALUES (2, 0, 0, 'm', '', 0, 'UNAUTHENTICATED', '')");
  d.exec("UPDATE audit_event SET repeat_count = repeat_count + 1 WHERE id = 2");
  EXPECT_THROW(d.exec("UPDATE audit_event SET repeat_count = 1 WHERE id = 2"), SQLite::Exception);
  EXPECT_THROW(d.exec("UPDATE audit_event SET result = 'OK', repeat_count = 9 WHERE id = 2"),
               SQLite::Exception);
  // It joins the hash chain once; from then on it is frozen too.
  d.exec(
      "UPDATE audit_event SET chain_seq = 1, prev_hash = zeroblob(32), hash = zeroblob(32)"
      " WHERE id = 2");
  EXPECT_THROW(d.exec("UPDATE audit_event SET repeat_count = repeat_count + 1 WHERE id = 2"),
               SQLite::Exception);
  EXPECT_THROW(d.exec("UPDATE audit_event SET hash = zeroblob(31) WHERE id = 2"),
               SQLite::Exception);

  d.exec(
      "INSERT INTO organization (name, kind, city, website, create_time, update_time)"
      " VALUES ('AGSA', 1, '', '', 0, 0)");
  d.exec(
      "INSERT INTO series (organization_id, title, kind, description, target_groups, capacity,"
      " status, cancellation_reason, create_time, update_time)"
      " VALUES (1, 'S', 2, '', '[]', 10, 3, '', 0, 0)");
  d.exec(
      "INSERT INTO participant (display_name, email, organization_id, target_groups,"
      " create_time, update_time) VALUES ('Jana', '', 1, '[1]', 0, 0)");
  d.exec(
      "INSERT INTO enrolment (series_id, participant_id, state, queue_number, request_time,"
      " eligibility_overridden, update_time) VALUES (1, 1, 3, 1, 0, 0, 0)");
  d.exec(
      "INSERT INTO enrolment_change (id, enrolment_id, time, from_state, to_state, account_id,"
      " reason) VALUES (1, 1, 0, 0, 3, 1, 'enrolled')");
  EXPECT_THROW(d.exec("DELETE FROM enrolment_change"), SQLite::Exception);
  EXPECT_THROW(d.exec("INSERT OR REPLACE INTO enrolment_change (id, enrolment_id, time, from_state,"
                      " to_state, account_id, reason) VALUES (1, 1, 0, 0, 6, 1, 'forged')"),
               SQLite::Exception);
  EXPECT_THROW(d.exec("UPDATE enrolment_change SET reason = 'x'"), SQLite::Exception);
}

// Version 14: the history tables admit blanking their texts, and a
// certificate its redaction, only once the person is marked erased; nothing
// else changes, before or after.
TEST_F(ConnectionTest, HistoryTextsCanBeBlankedOnlyForAnErasedPerson) {
  auto db = OpenWriteConnection(path_);
  ASSERT_TRUE(db.ok()) << db.status();
  SQLite::Database& d = **db;
  d.exec(R"sql(
INSERT INTO organization (id, name, kind, city, website, create_time, update_time)
  VALUES (1, 'AGSA', 1, '', '', 0, 0);
INSERT INTO series (id, organization_id, title, kind, description, target_groups, capacity,
  status, cancellation_reason, create_time, update_time)
  VALUES (1, 1, 'S', 2, '', '[]', 10, 3, '', 0, 0);
INSERT INTO module (id, series_id, position, title, topics, mandatory, teaching_units)
  VALUES (1, 1, 1, 'M', '[]', 1, 4);
INSERT INTO session (id, module_id, start_time, end_time, place_name, place_address, place_key,
  note) VALUES (1, 1, 0, 3600, '', '', '', '');
INSERT INTO participant (id, display_name, email, organization_id, target_groups,
  create_time, update_time) VALUES (1, 'Jana', '', 1, '[1]', 0, 0);
INSERT INTO enrolment (id, series_id, participant_id, state, queue_number, request_time,
  eligibility_overridden, update_time, note) VALUES (1, 1, 1, 3, 1, 0, 0, 0, 'Rampe');
INSERT INTO enrolment_change (id, enrolment_id, time, from_state, to_state, account_id, reason)
  VALUES (1, 1, 0, 0, 3, 1, 'zieht um');
INSERT INTO attendance_entry (series_id, session_id, kind, participant_id, status,
  minutes_missed, note, source, client_time, client_nonce, device_id, account_id, record_time,
  reason, conflicting_record_id, prev_hash, hash, hash_version)
  VALUES (1, 1, 1, 1, 3, 0, 'krank', 1, 0, '', '', 1, 0, 'Liste', 0, x'00', x'01', 2);
INSERT INTO completion_decision (series_id, participant_id, outcome, reason, account_id,
  record_time) VALUES (1, 1, 1, 'Attest', 1, 0);
INSERT INTO certificate (id, serial, series_id, participant_id, outcome, status, issue_time,
  issued_by, key_id, pdf_sha256, revoke_reason, superseded_by, signature, document)
  VALUES (1, 'S1', 1, 1, 1, 1, 0, 1, 'k', 'abc', '', '', x'01', '{"holder":"Jana"}');
INSERT INTO certificate_pdf (certificate_id, pdf) VALUES (1, x'25504446');
INSERT INTO account (id, email, email_key, display_name, password_hash, create_time)
  VALUES (5, 'jana@example.org', 'jana@example.org', 'Jana', 'x', 0);
INSERT INTO account_role (account_id, position, role, participant_id) VALUES (5, 0, 4, 1);
INSERT INTO audit_event (id, time, account_id, method, object, organization_id, result,
  request_id, peer) VALUES (1, 0, 5, 'm', 'enrolment/1', 1, 'OK', '', 'ipv4:10.0.0.7');
)sql");
  const char* blanking[] = {
      "UPDATE enrolment_change SET reason = ''",
      "UPDATE attendance_entry SET note = '', reason = '', text_digest = zeroblob(32)",
      "UPDATE completion_decision SET reason = ''",
      "UPDATE certificate SET document = '{}', signature = x'02', key_id = 'k2'",
      "UPDATE certificate_pdf SET pdf = x''",
      "UPDATE audit_event SET peer = '', peer_salt = NULL, peer_digest = zeroblob(32)"};
  for (const char* sql : blanking) EXPECT_THROW(d.exec(sql), SQLite::Exception) << sql;
  d.exec("UPDATE participant SET erase_time = 1, display_name = 'Person #1' WHERE id = 1");
  for (const char* sql : blanking) EXPECT_NO_THROW(d.exec(sql)) << sql;
  // Still frozen: anything but the texts, and texts set to anything but blank.
  for (const char* sql :
       {"UPDATE enrolment_change SET to_state = 5", "UPDATE enrolment_change SET reason = 'neu'",
        "UPDATE attendance_entry SET status = 1", "UPDATE attendance_entry SET note = 'neu'",
        "UPDATE completion_decision SET outcome = 2", "UPDATE certificate SET issue_time = 5",
        "UPDATE certificate_pdf SET pdf = x'00'", "UPDATE audit_event SET peer = 'x'",
        "UPDATE audit_event SET result = 'FORGED', peer = ''", "DELETE FROM attendance_entry",
        "UPDATE audit_event SET peer_digest = NULL", "UPDATE audit_event SET chain_seq = 9",
        "DELETE FROM certificate_pdf"}) {
    EXPECT_THROW(d.exec(sql), SQLite::Exception) << sql;
  }
}

TEST_F(ConnectionTest, TheDatabaseIsCreatedForItsOwnerAloneWhateverTheUmask) {
  const mode_t saved = ::umask(0);
  {
    auto db = OpenWriteConnection(path_);
    ::umask(saved);
    ASSERT_TRUE(db.ok()) << db.status();
    (*db)->exec(
        "INSERT INTO organization (name, kind, city, website, create_time, update_time)"
        " VALUES ('AGSA', 1, '', '', 0, 0)");
    for (const std::string suffix : {"", "-wal", "-shm"}) {
      struct stat info {};
      ASSERT_EQ(::stat((path_ + suffix).c_str(), &info), 0) << suffix;
      EXPECT_EQ(info.st_mode & 0777, 0600u) << suffix;
    }
  }
  ::umask(saved);
}

}  // namespace
}  // namespace trainhub::store
