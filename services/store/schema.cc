#include "store/schema.h"

#include <SQLiteCpp/Statement.h>

#include <array>
#include <regex>
#include <string>
#include <utility>
#include <vector>

#include "domain/text.h"

namespace trainhub::store {
namespace {

// Times: *_time columns of sessions are Unix seconds (UTC); create/update
// and status times are Unix microseconds. JSON columns hold arrays.
constexpr char kMigration1[] = R"sql(
CREATE TABLE organization (
  id          INTEGER PRIMARY KEY,
  name        TEXT    NOT NULL,
  kind        INTEGER NOT NULL,
  city        TEXT    NOT NULL,
  website     TEXT    NOT NULL,
  create_time INTEGER NOT NULL,
  update_time INTEGER NOT NULL
) STRICT;

CREATE TABLE trainer (
  id           INTEGER PRIMARY KEY,
  display_name TEXT    NOT NULL,
  email        TEXT    NOT NULL,
  email_key    TEXT    NOT NULL UNIQUE,  -- e-mail with ASCII letters lower-cased
  affiliation  TEXT    NOT NULL,
  create_time  INTEGER NOT NULL,
  update_time  INTEGER NOT NULL
) STRICT;

CREATE TABLE series (
  id                  INTEGER PRIMARY KEY,
  organization_id     INTEGER NOT NULL REFERENCES organization(id),
  title               TEXT    NOT NULL,
  kind                INTEGER NOT NULL,
  description         TEXT    NOT NULL,
  target_groups       TEXT    NOT NULL,  -- JSON array of TargetGroup numbers
  capacity            INTEGER NOT NULL,
  status              INTEGER NOT NULL,
  cancellation_reason TEXT    NOT NULL,
  create_time         INTEGER NOT NULL,
  update_time         INTEGER NOT NULL
) STRICT;
CREATE INDEX series_by_organization ON series(organization_id, id);
CREATE INDEX series_by_status ON series(status, id);
CREATE INDEX series_by_kind ON series(kind, id);

CREATE TABLE series_partner (
  series_id       INTEGER NOT NULL REFERENCES series(id) ON DELETE CASCADE,
  organization_id INTEGER NOT NULL REFERENCES organization(id),
  position        INTEGER NOT NULL,
  PRIMARY KEY (series_id, organization_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX series_partner_by_organization
  ON series_partner(organization_id, series_id);

CREATE TABLE module (
  id             INTEGER PRIMARY KEY,
  series_id      INTEGER NOT NULL REFERENCES series(id) ON DELETE CASCADE,
  position       INTEGER NOT NULL,
  title          TEXT    NOT NULL,
  topics         TEXT    NOT NULL,  -- JSON array of strings
  mandatory      INTEGER NOT NULL,
  teaching_units INTEGER NOT NULL
) STRICT;
CREATE INDEX module_by_series ON module(series_id, position, id);

CREATE TABLE session (
  id            INTEGER PRIMARY KEY,
  module_id     INTEGER NOT NULL REFERENCES module(id) ON DELETE CASCADE,
  start_time    INTEGER NOT NULL,
  end_time      INTEGER NOT NULL,
  place_name    TEXT    NOT NULL,
  place_address TEXT    NOT NULL,
  place_key     TEXT    NOT NULL,  -- domain::PlaceKey; '' for no place
  note          TEXT    NOT NULL,
  CHECK (end_time > start_time)
) STRICT;
CREATE INDEX session_by_module ON session(module_id, start_time, id);
CREATE INDEX session_by_start ON session(start_time, id);
CREATE INDEX session_by_place ON session(place_key, start_time)
  WHERE place_key <> '';

CREATE TABLE session_trainer (
  session_id  INTEGER NOT NULL REFERENCES session(id) ON DELETE CASCADE,
  trainer_id  INTEGER NOT NULL REFERENCES trainer(id),
  position    INTEGER NOT NULL,
  status      INTEGER NOT NULL,
  status_time INTEGER NOT NULL,
  PRIMARY KEY (session_id, trainer_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX session_trainer_by_trainer
  ON session_trainer(trainer_id, status, session_id);
CREATE INDEX session_trainer_by_status ON session_trainer(status, session_id);

-- What a client's request_id created, so that retries do not create twice.
CREATE TABLE client_request (
  request_id  TEXT    PRIMARY KEY,
  method      TEXT    NOT NULL,
  fingerprint TEXT    NOT NULL,
  resource_id INTEGER NOT NULL,
  create_time INTEGER NOT NULL
) STRICT, WITHOUT ROWID;
)sql";

// Accounts: people who sign in, their roles, and session tokens (stored
// only as hashes).
constexpr char kMigration2[] = R"sql(
CREATE TABLE account (
  id              INTEGER PRIMARY KEY,
  email           TEXT    NOT NULL,
  email_key       TEXT    NOT NULL UNIQUE,  -- e-mail with ASCII letters lower-cased
  display_name    TEXT    NOT NULL,
  password_hash   TEXT    NOT NULL,         -- crypto_pwhash_str (argon2id)
  failed_logins   INTEGER NOT NULL DEFAULT 0,
  locked_until    INTEGER NOT NULL DEFAULT 0,
  create_time     INTEGER NOT NULL
) STRICT;

CREATE TABLE account_role (
  account_id      INTEGER NOT NULL REFERENCES account(id) ON DELETE CASCADE,
  position        INTEGER NOT NULL,
  role            INTEGER NOT NULL,
  organization_id INTEGER REFERENCES organization(id),
  trainer_id      INTEGER REFERENCES trainer(id),
  PRIMARY KEY (account_id, position)
) STRICT, WITHOUT ROWID;
CREATE INDEX account_role_by_organization ON account_role(organization_id)
  WHERE organization_id IS NOT NULL;
CREATE INDEX account_role_by_trainer ON account_role(trainer_id)
  WHERE trainer_id IS NOT NULL;

CREATE TABLE auth_token (
  token_hash  TEXT    PRIMARY KEY,  -- BLAKE2b of the token, hex
  account_id  INTEGER NOT NULL REFERENCES account(id) ON DELETE CASCADE,
  create_time INTEGER NOT NULL,
  expire_time INTEGER NOT NULL,
  revoked     INTEGER NOT NULL DEFAULT 0
) STRICT, WITHOUT ROWID;
CREATE INDEX auth_token_by_account ON auth_token(account_id, revoked);
)sql";

// The audit log: append-only, enforced by triggers. No foreign keys, so
// that deleting a series or an account keeps its history.
constexpr char kMigration3[] = R"sql(
CREATE TABLE audit_event (
  id              INTEGER PRIMARY KEY,
  time            INTEGER NOT NULL,  -- Unix microseconds, UTC
  account_id      INTEGER NOT NULL,  -- 0: unknown caller
  method          TEXT    NOT NULL,
  object          TEXT    NOT NULL,  -- "series/3"; '' for refused calls
  organization_id INTEGER NOT NULL,  -- owner of the object's series; 0: none
  result          TEXT    NOT NULL,
  request_id      TEXT    NOT NULL
) STRICT;
CREATE INDEX audit_event_by_organization ON audit_event(organization_id, id);
CREATE TRIGGER audit_event_no_update BEFORE UPDATE ON audit_event
BEGIN
  SELECT RAISE(ABORT, 'audit_event is append-only');
END;
CREATE TRIGGER audit_event_no_delete BEFORE DELETE ON audit_event
BEGIN
  SELECT RAISE(ABORT, 'audit_event is append-only');
END;
)sql";

// The owner's grant that partners' coordinators may plan a series.
constexpr char kMigration4[] = R"sql(
ALTER TABLE series ADD COLUMN partners_may_plan INTEGER NOT NULL DEFAULT 0;
)sql";

// Participants: person records of the people who take part; an account can
// be linked to one.
constexpr char kMigration5[] = R"sql(
CREATE TABLE participant (
  id              INTEGER PRIMARY KEY,
  display_name    TEXT    NOT NULL,
  email           TEXT    NOT NULL,         -- '' when unknown
  email_key       TEXT    UNIQUE,           -- lower-cased e-mail; NULL when none
  organization_id INTEGER NOT NULL REFERENCES organization(id),
  target_groups   TEXT    NOT NULL,         -- JSON array of TargetGroup numbers
  training_year   INTEGER NOT NULL,
  create_time     INTEGER NOT NULL,
  update_time     INTEGER NOT NULL
) STRICT;
CREATE INDEX participant_by_organization ON participant(organization_id, id);
ALTER TABLE account_role ADD COLUMN participant_id INTEGER REFERENCES participant(id);
)sql";

// Enrolments with their history, the series' enrolment rules, and the
// participants' qualifications. Enrolments and qualifications have no ON
// DELETE CASCADE: deleting a series or participant with them is refused.
constexpr char kMigration6[] = R"sql(
ALTER TABLE series ADD COLUMN requires_approval      INTEGER NOT NULL DEFAULT 0;
ALTER TABLE series ADD COLUMN requires_confirmation  INTEGER NOT NULL DEFAULT 0;
ALTER TABLE series ADD COLUMN confirmation_deadline  INTEGER;  -- Unix micros; NULL: none
ALTER TABLE series ADD COLUMN enrolment_deadline     INTEGER;  -- Unix micros; NULL: none
ALTER TABLE series ADD COLUMN awards_qualification   TEXT NOT NULL DEFAULT '';
ALTER TABLE series ADD COLUMN required_qualification TEXT NOT NULL DEFAULT '';
CREATE TABLE enrolment (
  id                     INTEGER PRIMARY KEY,
  series_id              INTEGER NOT NULL REFERENCES series(id),
  participant_id         INTEGER NOT NULL REFERENCES participant(id),
  state                  INTEGER NOT NULL,
  queue_number           INTEGER NOT NULL,  -- arrival order within the series
  request_time           INTEGER NOT NULL,
  seat_time              INTEGER,           -- NULL: holds no seat
  eligibility_overridden INTEGER NOT NULL,
  update_time            INTEGER NOT NULL,
  UNIQUE (series_id, participant_id)
) STRICT;
CREATE INDEX enrolment_by_series_queue ON enrolment(series_id, queue_number, id);
CREATE INDEX enrolment_by_series_state ON enrolment(series_id, state, queue_number);
CREATE INDEX enrolment_by_participant ON enrolment(participant_id, id);
CREATE TABLE enrolment_change (
  id           INTEGER PRIMARY KEY,
  enrolment_id INTEGER NOT NULL REFERENCES enrolment(id),
  time         INTEGER NOT NULL,
  from_state   INTEGER NOT NULL,
  to_state     INTEGER NOT NULL,
  account_id   INTEGER NOT NULL,  -- 0: the system
  reason       TEXT    NOT NULL
) STRICT;
CREATE INDEX enrolment_change_by_enrolment ON enrolment_change(enrolment_id, id);
CREATE TRIGGER enrolment_change_no_update BEFORE UPDATE ON enrolment_change
BEGIN
  SELECT RAISE(ABORT, 'enrolment_change is append-only');
END;
CREATE TABLE qualification (
  id             INTEGER PRIMARY KEY,
  participant_id INTEGER NOT NULL REFERENCES participant(id),
  title          TEXT    NOT NULL,
  title_key      TEXT    NOT NULL,  -- folded title
  series_id      INTEGER REFERENCES series(id),  -- NULL: recorded by hand
  note           TEXT    NOT NULL,
  recorded_by    INTEGER NOT NULL,
  record_time    INTEGER NOT NULL,
  UNIQUE (participant_id, title_key)
) STRICT;
)sql";

// Hardening: ids are never handed out again (AUTOINCREMENT, by
// RebuildWithAutoincrement below), history tables refuse overwriting and
// deleting, refused calls are coalesced (peer, repeat_count), request ids
// are scoped per account, keys fold Unicode case (FillUnicodeKeys), and the
// installation has its own id for calendar UIDs.
constexpr char kMigration7[] = R"sql(
ALTER TABLE audit_event ADD COLUMN peer TEXT NOT NULL DEFAULT '';  -- client address, refusals
ALTER TABLE audit_event ADD COLUMN repeat_count INTEGER NOT NULL DEFAULT 1;
ALTER TABLE enrolment ADD COLUMN note TEXT NOT NULL DEFAULT '';
ALTER TABLE organization ADD COLUMN name_key TEXT NOT NULL DEFAULT '';  -- domain::Folded(name)
CREATE INDEX organization_by_name_key ON organization(name_key);
ALTER TABLE participant ADD COLUMN search_key TEXT NOT NULL DEFAULT '';  -- SearchKey(name)

CREATE TABLE client_request_v7 (
  account_id  INTEGER NOT NULL,  -- whose request id it is; 0 before version 7
  request_id  TEXT    NOT NULL,
  method      TEXT    NOT NULL,
  fingerprint TEXT    NOT NULL,
  resource_id INTEGER NOT NULL,
  create_time INTEGER NOT NULL,
  PRIMARY KEY (account_id, request_id)
) STRICT, WITHOUT ROWID;
INSERT INTO client_request_v7
  SELECT 0, request_id, method, fingerprint, resource_id, create_time FROM client_request;
DROP TABLE client_request;
ALTER TABLE client_request_v7 RENAME TO client_request;

CREATE TABLE installation (
  id         INTEGER PRIMARY KEY CHECK (id = 1),
  uid_domain TEXT    NOT NULL  -- random; makes calendar UIDs unique per installation
) STRICT;
INSERT INTO installation VALUES (1, lower(hex(randomblob(8))) || '.trainhub');
)sql";

// Triggers of the history tables, after their rebuild. A refusal row may
// only count repeats (repeat_count grows, nothing else changes).
constexpr char kHistoryTriggers[] = R"sql(
DROP TRIGGER audit_event_no_update;
CREATE TRIGGER audit_event_no_update BEFORE UPDATE ON audit_event
WHEN NOT (OLD.object = '' AND NEW.repeat_count > OLD.repeat_count
          AND NEW.id = OLD.id AND NEW.time = OLD.time AND NEW.account_id = OLD.account_id
          AND NEW.method = OLD.method AND NEW.object = OLD.object
          AND NEW.organization_id = OLD.organization_id AND NEW.result = OLD.result
          AND NEW.request_id = OLD.request_id AND NEW.peer = OLD.peer)
BEGIN
  SELECT RAISE(ABORT, 'audit_event is append-only');
END;
CREATE TRIGGER audit_event_no_overwrite BEFORE INSERT ON audit_event
WHEN EXISTS (SELECT 1 FROM audit_event WHERE id = NEW.id)
BEGIN
  SELECT RAISE(ABORT, 'audit_event is append-only');
END;
CREATE TRIGGER enrolment_change_no_delete BEFORE DELETE ON enrolment_change
BEGIN
  SELECT RAISE(ABORT, 'enrolment_change is append-only');
END;
CREATE TRIGGER enrolment_change_no_overwrite BEFORE INSERT ON enrolment_change
WHEN EXISTS (SELECT 1 FROM enrolment_change WHERE id = NEW.id)
BEGIN
  SELECT RAISE(ABORT, 'enrolment_change is append-only');
END;
)sql";

// Attendance: the append-only ledger of records and sign-offs, chained per
// series by hash (domain/attendance_ledger.h), the head of each chain, and
// the self check-in windows.
constexpr char kMigration8[] = R"sql(
CREATE TABLE attendance_entry (
  id                    INTEGER PRIMARY KEY AUTOINCREMENT,
  series_id             INTEGER NOT NULL REFERENCES series(id),
  session_id            INTEGER NOT NULL REFERENCES session(id),
  kind                  INTEGER NOT NULL,  -- 1 record, 2 sign-off
  participant_id        INTEGER REFERENCES participant(id),  -- NULL for a sign-off
  status                INTEGER NOT NULL,
  minutes_missed        INTEGER NOT NULL,
  note                  TEXT    NOT NULL,
  source                INTEGER NOT NULL,
  client_time           INTEGER NOT NULL,  -- Unix micros
  client_nonce          TEXT    NOT NULL,  -- '' when the client sent none
  device_id             TEXT    NOT NULL,
  account_id            INTEGER NOT NULL,
  record_time           INTEGER NOT NULL,
  reason                TEXT    NOT NULL,
  conflicting_record_id INTEGER NOT NULL,  -- 0: none
  prev_hash             BLOB    NOT NULL,
  hash                  BLOB    NOT NULL
) STRICT;
CREATE INDEX attendance_entry_by_series ON attendance_entry(series_id, id);
CREATE INDEX attendance_entry_by_session ON attendance_entry(session_id, participant_id, id);
CREATE UNIQUE INDEX attendance_entry_by_nonce ON attendance_entry(session_id, client_nonce)
  WHERE client_nonce <> '';
CREATE TRIGGER attendance_entry_no_update BEFORE UPDATE ON attendance_entry
BEGIN
  SELECT RAISE(ABORT, 'attendance_entry is append-only');
END;
CREATE TRIGGER attendance_entry_no_delete BEFORE DELETE ON attendance_entry
BEGIN
  SELECT RAISE(ABORT, 'attendance_entry is append-only');
END;
CREATE TABLE attendance_head (
  series_id   INTEGER PRIMARY KEY REFERENCES series(id),
  entry_count INTEGER NOT NULL,
  hash        BLOB    NOT NULL
) STRICT;
CREATE TABLE check_in_window (
  session_id INTEGER PRIMARY KEY REFERENCES session(id),
  secret     BLOB    NOT NULL,
  open_time  INTEGER NOT NULL,
  close_time INTEGER NOT NULL,
  opened_by  INTEGER NOT NULL
) STRICT;
CREATE INDEX check_in_window_by_close ON check_in_window(close_time);
)sql";

// Every table with an "id INTEGER PRIMARY KEY".
constexpr const char* kTablesWithIds[] = {
    "organization", "trainer",     "series",    "module",           "session",      "account",
    "audit_event",  "participant", "enrolment", "enrolment_change", "qualification"};

// Rebuilds `table` with "id INTEGER PRIMARY KEY AUTOINCREMENT" (SQLite's
// documented way to change a table: new table, copy, drop, rename), keeping
// its rows, indexes and triggers.
absl::Status RebuildWithAutoincrement(SQLite::Database& db, const std::string& table) {
  std::string create;
  {
    SQLite::Statement schema(db, "SELECT sql FROM sqlite_schema WHERE type = 'table' AND name = ?");
    schema.bind(1, table);
    if (!schema.executeStep()) return absl::InternalError("migration 7: no table " + table);
    create = schema.getColumn(0).getString();
  }  // no statement may stay open on the schema while the table is dropped
  static const std::regex kPrimaryKey(R"(\bid\s+INTEGER\s+PRIMARY\s+KEY\b)");
  if (!std::regex_search(create, kPrimaryKey)) {
    return absl::InternalError("migration 7: table " + table + " has no integer id");
  }
  create = std::regex_replace(create, kPrimaryKey, "id INTEGER PRIMARY KEY AUTOINCREMENT",
                              std::regex_constants::format_first_only);
  const std::string rebuilt = table + "_v7";
  const std::string head = "CREATE TABLE " + table;
  if (create.rfind(head, 0) != 0) return absl::InternalError("migration 7: unexpected " + create);
  create.replace(0, head.size(), "CREATE TABLE " + rebuilt);

  std::vector<std::string> dependents;
  {
    SQLite::Statement parts(db,
                            "SELECT sql FROM sqlite_schema WHERE tbl_name = ? AND type IN "
                            "('index', 'trigger') AND sql IS NOT NULL ORDER BY type, name");
    parts.bind(1, table);
    while (parts.executeStep()) dependents.push_back(parts.getColumn(0).getString());
  }

  db.exec(create);
  db.exec("INSERT INTO " + rebuilt + " SELECT * FROM " + table);
  db.exec("DROP TABLE " + table);
  db.exec("ALTER TABLE " + rebuilt + " RENAME TO " + table);
  for (const std::string& sql : dependents) db.exec(sql);
  return absl::OkStatus();
}

// Recomputes the keys that fold Unicode case (e-mail addresses,
// organisation names) and stores names in NFC. A row whose new e-mail key
// would clash with another's keeps its old key.
absl::Status FillUnicodeKeys(SQLite::Database& db) {
  for (const char* table : {"account", "trainer", "participant"}) {
    std::vector<std::pair<int64_t, std::string>> rows;
    SQLite::Statement read(db, std::string("SELECT id, email, display_name FROM ") + table);
    while (read.executeStep()) {
      const int64_t id = read.getColumn(0).getInt64();
      const std::string email = read.getColumn(1).getString();
      const std::string name = domain::Normalized(read.getColumn(2).getString());
      SQLite::Statement name_update(
          db, std::string("UPDATE ") + table + " SET display_name = ? WHERE id = ?");
      name_update.bind(1, name);
      name_update.bind(2, id);
      name_update.exec();
      if (std::string(table) == "participant") {
        SQLite::Statement search(db, "UPDATE participant SET search_key = ? WHERE id = ?");
        search.bind(1, domain::SearchKey(name));
        search.bind(2, id);
        search.exec();
        if (email.empty()) continue;
      }
      SQLite::Statement key_update(
          db, std::string("UPDATE OR IGNORE ") + table + " SET email_key = ? WHERE id = ?");
      key_update.bind(1, domain::Folded(email));
      key_update.bind(2, id);
      key_update.exec();
    }
  }
  SQLite::Statement orgs(db, "SELECT id, name FROM organization");
  while (orgs.executeStep()) {
    SQLite::Statement update(db, "UPDATE organization SET name_key = ? WHERE id = ?");
    update.bind(1, domain::Folded(orgs.getColumn(1).getString()));
    update.bind(2, orgs.getColumn(0).getInt64());
    update.exec();
  }
  return absl::OkStatus();
}

absl::Status HardeningMigration(SQLite::Database& db) {
  for (const char* table : kTablesWithIds) {
    if (absl::Status s = RebuildWithAutoincrement(db, table); !s.ok()) return s;
  }
  db.exec(kHistoryTriggers);
  return FillUnicodeKeys(db);
}

// Completion and certificates: each series' rule, the append-only history
// of the coordinators' decisions for single people, issued certificates
// (frozen but for their status) and the issuer's public keys.
constexpr char kMigration9[] = R"sql(
CREATE TABLE completion_rule (
  series_id                 INTEGER PRIMARY KEY REFERENCES series(id) ON DELETE CASCADE,
  all_modules               INTEGER NOT NULL,
  min_modules               INTEGER NOT NULL,
  mandatory_modules         INTEGER NOT NULL,
  max_excused               INTEGER,  -- NULL: any number
  min_teaching_unit_percent INTEGER NOT NULL,
  allowed_minutes_missed    INTEGER NOT NULL,
  confirmation_min_modules  INTEGER NOT NULL,
  updated_by                INTEGER NOT NULL,
  update_time               INTEGER NOT NULL
) STRICT;
CREATE TABLE completion_decision (
  id             INTEGER PRIMARY KEY AUTOINCREMENT,
  series_id      INTEGER NOT NULL REFERENCES series(id),
  participant_id INTEGER NOT NULL REFERENCES participant(id),
  outcome        INTEGER NOT NULL,  -- 0: withdrawn, the rule decides
  reason         TEXT    NOT NULL,
  account_id     INTEGER NOT NULL,
  record_time    INTEGER NOT NULL
) STRICT;
CREATE INDEX completion_decision_by_person
  ON completion_decision(series_id, participant_id, id);
CREATE TRIGGER completion_decision_no_update BEFORE UPDATE ON completion_decision
BEGIN
  SELECT RAISE(ABORT, 'completion_decision is append-only');
END;
CREATE TRIGGER completion_decision_no_delete BEFORE DELETE ON completion_decision
BEGIN
  SELECT RAISE(ABORT, 'completion_decision is append-only');
END;
CREATE TABLE certificate (
  id             INTEGER PRIMARY KEY AUTOINCREMENT,
  serial         TEXT    NOT NULL UNIQUE,
  series_id      INTEGER NOT NULL REFERENCES series(id),
  participant_id INTEGER NOT NULL REFERENCES participant(id),
  outcome        INTEGER NOT NULL,
  document       TEXT    NOT NULL,  -- canonical JSON, signed
  signature      BLOB    NOT NULL,
  key_id         TEXT    NOT NULL,
  pdf            BLOB    NOT NULL,
  pdf_sha256     TEXT    NOT NULL,
  issue_time     INTEGER NOT NULL,
  issued_by      INTEGER NOT NULL,
  status         INTEGER NOT NULL,
  revoke_reason  TEXT    NOT NULL,
  revoke_time    INTEGER,
  superseded_by  TEXT    NOT NULL
) STRICT;
CREATE INDEX certificate_by_series ON certificate(series_id, participant_id, status);
CREATE INDEX certificate_by_series_id ON certificate(series_id, id);
CREATE INDEX certificate_by_participant ON certificate(participant_id, id);
CREATE TRIGGER certificate_frozen BEFORE UPDATE OF serial, series_id, participant_id, outcome,
  document, signature, key_id, pdf, pdf_sha256, issue_time, issued_by ON certificate
BEGIN
  SELECT RAISE(ABORT, 'an issued certificate does not change');
END;
CREATE TRIGGER certificate_no_delete BEFORE DELETE ON certificate
BEGIN
  SELECT RAISE(ABORT, 'issued certificates are kept');
END;
CREATE TABLE issuer_key (
  key_id      TEXT    PRIMARY KEY,
  public_key  BLOB    NOT NULL,
  create_time INTEGER NOT NULL,
  active      INTEGER NOT NULL
) STRICT;
)sql";

// Certificates are read for every verification and list; a row keeps its
// small columns first and the document last, and the PDFs live in a table of
// their own: SQLite walks a large value's overflow pages to reach any column
// stored after it. (Rebuilt the documented way: new table, copy, drop,
// rename; foreign keys are off while migrating.)
constexpr char kMigration10[] = R"sql(
CREATE TABLE certificate_new (
  id             INTEGER PRIMARY KEY AUTOINCREMENT,
  serial         TEXT    NOT NULL UNIQUE,
  series_id      INTEGER NOT NULL REFERENCES series(id),
  participant_id INTEGER NOT NULL REFERENCES participant(id),
  outcome        INTEGER NOT NULL,
  status         INTEGER NOT NULL,
  issue_time     INTEGER NOT NULL,
  issued_by      INTEGER NOT NULL,
  key_id         TEXT    NOT NULL,
  pdf_sha256     TEXT    NOT NULL,
  revoke_time    INTEGER,
  revoke_reason  TEXT    NOT NULL,
  superseded_by  TEXT    NOT NULL,
  signature      BLOB    NOT NULL,
  document       TEXT    NOT NULL   -- canonical JSON, signed
) STRICT;
INSERT INTO certificate_new (id, serial, series_id, participant_id, outcome, status, issue_time,
    issued_by, key_id, pdf_sha256, revoke_time, revoke_reason, superseded_by, signature, document)
  SELECT id, serial, series_id, participant_id, outcome, status, issue_time, issued_by, key_id,
    pdf_sha256, revoke_time, revoke_reason, superseded_by, signature, document FROM certificate;
CREATE TABLE certificate_pdf (
  certificate_id INTEGER PRIMARY KEY REFERENCES certificate(id),
  pdf            BLOB    NOT NULL  -- as issued; its SHA-256 is certificate.pdf_sha256
) STRICT;
INSERT INTO certificate_pdf (certificate_id, pdf) SELECT id, pdf FROM certificate;
DROP TABLE certificate;
ALTER TABLE certificate_new RENAME TO certificate;
CREATE INDEX certificate_by_series ON certificate(series_id, participant_id, status);
CREATE INDEX certificate_by_series_id ON certificate(series_id, id);
CREATE INDEX certificate_by_participant ON certificate(participant_id, id);
CREATE TRIGGER certificate_frozen BEFORE UPDATE OF serial, series_id, participant_id, outcome,
  document, signature, key_id, pdf_sha256, issue_time, issued_by ON certificate
BEGIN
  SELECT RAISE(ABORT, 'an issued certificate does not change');
END;
CREATE TRIGGER certificate_no_delete BEFORE DELETE ON certificate
BEGIN
  SELECT RAISE(ABORT, 'issued certificates are kept');
END;
CREATE TRIGGER certificate_pdf_frozen BEFORE UPDATE ON certificate_pdf
BEGIN
  SELECT RAISE(ABORT, 'an issued certificate does not change');
END;
CREATE TRIGGER certificate_pdf_no_delete BEFORE DELETE ON certificate_pdf
BEGIN
  SELECT RAISE(ABORT, 'issued certificates are kept');
END;
)sql";

// A series' places kept as counts, so that what an enrolment, a withdrawal
// or a page of the waiting list costs does not grow with the series: the
// seats taken and people waiting per series, and the people waiting per
// range of queue numbers at two widths (64 and 4096), from which a waiting
// person's position is summed over at most n/4096 + 64 ranges and 64 rows.
// Triggers keep them; states: 2 waitlisted, 3 enrolled, 4 confirmed.
constexpr char kMigration11[] = R"sql(
CREATE TABLE series_places (
  series_id       INTEGER PRIMARY KEY REFERENCES series(id) ON DELETE CASCADE,
  seats_taken     INTEGER NOT NULL,
  waitlist_length INTEGER NOT NULL
) STRICT;
CREATE TABLE waitlist_range (
  series_id INTEGER NOT NULL REFERENCES series(id) ON DELETE CASCADE,
  width     INTEGER NOT NULL,  -- 64 or 4096 queue numbers
  bucket    INTEGER NOT NULL,  -- queue_number / width
  waiting   INTEGER NOT NULL,
  PRIMARY KEY (series_id, width, bucket)
) STRICT, WITHOUT ROWID;
INSERT INTO series_places (series_id, seats_taken, waitlist_length)
  SELECT series_id, count(*) FILTER (WHERE state IN (3, 4)), count(*) FILTER (WHERE state = 2)
  FROM enrolment GROUP BY series_id;
INSERT INTO waitlist_range (series_id, width, bucket, waiting)
  SELECT e.series_id, w.width, e.queue_number / w.width, count(*)
  FROM enrolment e, (SELECT 64 AS width UNION ALL SELECT 4096) w
  WHERE e.state = 2 GROUP BY 1, 2, 3;
CREATE TRIGGER enrolment_places_insert AFTER INSERT ON enrolment
BEGIN
  INSERT INTO series_places (series_id, seats_taken, waitlist_length)
    VALUES (NEW.series_id, NEW.state IN (3, 4), NEW.state = 2)
    ON CONFLICT (series_id) DO UPDATE SET
      seats_taken = seats_taken + excluded.seats_taken,
      waitlist_length = waitlist_length + excluded.waitlist_length;
  INSERT INTO waitlist_range (series_id, width, bucket, waiting)
    SELECT NEW.series_id, w.width, NEW.queue_number / w.width, 1
    FROM (SELECT 64 AS width UNION ALL SELECT 4096) w WHERE NEW.state = 2
    ON CONFLICT (series_id, width, bucket) DO UPDATE SET waiting = waiting + 1;
END;
CREATE TRIGGER enrolment_places_update AFTER UPDATE OF series_id, state, queue_number ON enrolment
WHEN OLD.series_id <> NEW.series_id OR OLD.state <> NEW.state
  OR OLD.queue_number <> NEW.queue_number
BEGIN
  UPDATE series_places SET
      seats_taken = seats_taken - (OLD.state IN (3, 4)),
      waitlist_length = waitlist_length - (OLD.state = 2)
    WHERE series_id = OLD.series_id;
  UPDATE waitlist_range SET waiting = waiting - 1
    WHERE OLD.state = 2 AND series_id = OLD.series_id
      AND ((width = 64 AND bucket = OLD.queue_number / 64)
        OR (width = 4096 AND bucket = OLD.queue_number / 4096));
  INSERT INTO series_places (series_id, seats_taken, waitlist_length)
    VALUES (NEW.series_id, NEW.state IN (3, 4), NEW.state = 2)
    ON CONFLICT (series_id) DO UPDATE SET
      seats_taken = seats_taken + excluded.seats_taken,
      waitlist_length = waitlist_length + excluded.waitlist_length;
  INSERT INTO waitlist_range (series_id, width, bucket, waiting)
    SELECT NEW.series_id, w.width, NEW.queue_number / w.width, 1
    FROM (SELECT 64 AS width UNION ALL SELECT 4096) w WHERE NEW.state = 2
    ON CONFLICT (series_id, width, bucket) DO UPDATE SET waiting = waiting + 1;
END;
CREATE TRIGGER enrolment_places_delete AFTER DELETE ON enrolment
BEGIN
  UPDATE series_places SET
      seats_taken = seats_taken - (OLD.state IN (3, 4)),
      waitlist_length = waitlist_length - (OLD.state = 2)
    WHERE series_id = OLD.series_id;
  UPDATE waitlist_range SET waiting = waiting - 1
    WHERE OLD.state = 2 AND series_id = OLD.series_id
      AND ((width = 64 AND bucket = OLD.queue_number / 64)
        OR (width = 4096 AND bucket = OLD.queue_number / 4096));
END;
)sql";

// The enrolments that have ever held a seat (a history step into state 3
// or 4), by series: attendance reads the seat history of these only, not of
// everyone who ever waited for a place.
constexpr char kMigration12[] = R"sql(
CREATE TABLE seat_holder (
  enrolment_id INTEGER PRIMARY KEY REFERENCES enrolment(id) ON DELETE CASCADE,
  series_id    INTEGER NOT NULL
) STRICT;
CREATE INDEX seat_holder_by_series ON seat_holder(series_id, enrolment_id);
INSERT INTO seat_holder (enrolment_id, series_id)
  SELECT DISTINCT e.id, e.series_id FROM enrolment e
  JOIN enrolment_change c ON c.enrolment_id = e.id WHERE c.to_state IN (3, 4);
CREATE TRIGGER enrolment_change_seat_holder AFTER INSERT ON enrolment_change
WHEN NEW.to_state IN (3, 4)
BEGIN
  INSERT OR IGNORE INTO seat_holder (enrolment_id, series_id)
    SELECT id, series_id FROM enrolment WHERE id = NEW.enrolment_id;
END;
)sql";

// Each person's status per session as it counts (the record with the latest
// client time, then the latest arrival: domain::CellState), kept by a
// trigger on the attendance ledger: reports count statuses without reading
// the ledger's history. Reports find certificates by issue time without
// reading their PDFs, and withdrawals by time.
constexpr char kMigration13[] = R"sql(
CREATE TABLE attendance_current (
  session_id     INTEGER NOT NULL,
  participant_id INTEGER NOT NULL,
  series_id      INTEGER NOT NULL,
  status         INTEGER NOT NULL,
  client_time    INTEGER NOT NULL,
  entry_id       INTEGER NOT NULL,
  PRIMARY KEY (session_id, participant_id)
) STRICT, WITHOUT ROWID;
INSERT INTO attendance_current
  (session_id, participant_id, series_id, status, client_time, entry_id)
  SELECT session_id, participant_id, series_id, status, client_time, id
  FROM attendance_entry WHERE kind = 1 ORDER BY id
  ON CONFLICT (session_id, participant_id) DO UPDATE SET
    status = excluded.status, client_time = excluded.client_time, entry_id = excluded.entry_id
  WHERE excluded.client_time > attendance_current.client_time
     OR (excluded.client_time = attendance_current.client_time
         AND excluded.entry_id > attendance_current.entry_id);
CREATE TRIGGER attendance_entry_current AFTER INSERT ON attendance_entry
WHEN NEW.kind = 1
BEGIN
  INSERT INTO attendance_current
    (session_id, participant_id, series_id, status, client_time, entry_id)
    VALUES (NEW.session_id, NEW.participant_id, NEW.series_id, NEW.status, NEW.client_time, NEW.id)
  ON CONFLICT (session_id, participant_id) DO UPDATE SET
    status = excluded.status, client_time = excluded.client_time, entry_id = excluded.entry_id
  WHERE excluded.client_time > attendance_current.client_time
     OR (excluded.client_time = attendance_current.client_time
         AND excluded.entry_id > attendance_current.entry_id);
END;
CREATE INDEX certificate_by_issue_time
  ON certificate(issue_time, series_id, participant_id, outcome, status);
CREATE INDEX certificate_by_series_issue_time
  ON certificate(series_id, issue_time, participant_id, outcome, status);
CREATE INDEX enrolment_change_withdrawal_by_time ON enrolment_change(time) WHERE to_state = 5;
)sql";

// The GDPR erasure and retention. An organisation keeps the records of its
// ended series for record_retention_years (0: no such duty). An erased
// person keeps their id as a pseudonym; the history tables admit exactly
// the updates that blank their free texts, and only once the person is
// marked erased. Attendance entries recorded from now on hash a digest of
// their texts (hash_version 2), which stays when the texts are erased, so
// the ledger still verifies.
constexpr char kMigration14[] = R"sql(
ALTER TABLE organization ADD COLUMN record_retention_years INTEGER NOT NULL DEFAULT 0;
ALTER TABLE participant ADD COLUMN erase_time INTEGER;  -- Unix micros; NULL: not erased
ALTER TABLE participant ADD COLUMN erased_by INTEGER NOT NULL DEFAULT 0;
ALTER TABLE participant ADD COLUMN erase_reason TEXT NOT NULL DEFAULT '';
ALTER TABLE participant ADD COLUMN retention_overridden INTEGER NOT NULL DEFAULT 0;
ALTER TABLE attendance_entry ADD COLUMN hash_version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE attendance_entry ADD COLUMN text_digest BLOB;  -- set when note and reason were erased

DROP TRIGGER attendance_entry_no_update;
CREATE TRIGGER attendance_entry_frozen BEFORE UPDATE OF id, series_id, session_id, kind,
  participant_id, status, minutes_missed, source, client_time, client_nonce, device_id,
  account_id, record_time, conflicting_record_id, prev_hash, hash, hash_version
  ON attendance_entry
BEGIN
  SELECT RAISE(ABORT, 'attendance_entry is append-only');
END;
CREATE TRIGGER attendance_entry_erasure BEFORE UPDATE OF note, reason, text_digest
  ON attendance_entry
WHEN NOT (NEW.note = '' AND NEW.reason = '' AND OLD.text_digest IS NULL
          AND length(NEW.text_digest) = 32
          AND EXISTS (SELECT 1 FROM participant
                      WHERE id = OLD.participant_id AND erase_time IS NOT NULL))
BEGIN
  SELECT RAISE(ABORT, 'attendance_entry is append-only');
END;

DROP TRIGGER enrolment_change_no_update;
CREATE TRIGGER enrolment_change_frozen BEFORE UPDATE OF id, enrolment_id, time, from_state,
  to_state, account_id ON enrolment_change
BEGIN
  SELECT RAISE(ABORT, 'enrolment_change is append-only');
END;
CREATE TRIGGER enrolment_change_erasure BEFORE UPDATE OF reason ON enrolment_change
WHEN NOT (NEW.reason = ''
          AND EXISTS (SELECT 1 FROM enrolment e JOIN participant p ON p.id = e.participant_id
                      WHERE e.id = OLD.enrolment_id AND p.erase_time IS NOT NULL))
BEGIN
  SELECT RAISE(ABORT, 'enrolment_change is append-only');
END;

DROP TRIGGER completion_decision_no_update;
CREATE TRIGGER completion_decision_frozen BEFORE UPDATE OF id, series_id, participant_id,
  outcome, account_id, record_time ON completion_decision
BEGIN
  SELECT RAISE(ABORT, 'completion_decision is append-only');
END;
CREATE TRIGGER completion_decision_erasure BEFORE UPDATE OF reason ON completion_decision
WHEN NOT (NEW.reason = ''
          AND EXISTS (SELECT 1 FROM participant
                      WHERE id = OLD.participant_id AND erase_time IS NOT NULL))
BEGIN
  SELECT RAISE(ABORT, 'completion_decision is append-only');
END;

DROP TRIGGER audit_event_no_update;
CREATE TRIGGER audit_event_no_update BEFORE UPDATE ON audit_event
WHEN NOT (NEW.id = OLD.id AND NEW.time = OLD.time AND NEW.account_id = OLD.account_id
          AND NEW.method = OLD.method AND NEW.object = OLD.object
          AND NEW.organization_id = OLD.organization_id AND NEW.result = OLD.result
          AND NEW.request_id = OLD.request_id
          AND ((OLD.object = '' AND NEW.repeat_count > OLD.repeat_count AND NEW.peer = OLD.peer)
            OR (NEW.repeat_count = OLD.repeat_count AND NEW.peer = ''
                AND EXISTS (SELECT 1 FROM account_role r JOIN participant p
                              ON p.id = r.participant_id
                            WHERE r.account_id = OLD.account_id
                              AND p.erase_time IS NOT NULL))))
BEGIN
  SELECT RAISE(ABORT, 'audit_event is append-only');
END;

DROP TRIGGER certificate_frozen;
CREATE TRIGGER certificate_frozen BEFORE UPDATE OF id, serial, series_id, participant_id,
  outcome, pdf_sha256, issue_time, issued_by ON certificate
BEGIN
  SELECT RAISE(ABORT, 'an issued certificate does not change');
END;
CREATE TRIGGER certificate_redaction BEFORE UPDATE OF document, signature, key_id ON certificate
WHEN NOT EXISTS (SELECT 1 FROM participant
                 WHERE id = OLD.participant_id AND erase_time IS NOT NULL)
BEGIN
  SELECT RAISE(ABORT, 'an issued certificate does not change');
END;
DROP TRIGGER certificate_pdf_frozen;
CREATE TRIGGER certificate_pdf_frozen BEFORE UPDATE ON certificate_pdf
WHEN NOT (NEW.certificate_id = OLD.certificate_id AND length(NEW.pdf) = 0
          AND EXISTS (SELECT 1 FROM certificate c JOIN participant p ON p.id = c.participant_id
                      WHERE c.id = OLD.certificate_id AND p.erase_time IS NOT NULL))
BEGIN
  SELECT RAISE(ABORT, 'an issued certificate does not change');
END;
)sql";

constexpr std::array<Migration, 14> kMigrations = {{{kMigration1},
                                                    {kMigration2},
                                                    {kMigration3},
                                                    {kMigration4},
                                                    {kMigration5},
                                                    {kMigration6},
                                                    {kMigration7, HardeningMigration},
                                                    {kMigration8},
                                                    {kMigration9},
                                                    {kMigration10},
                                                    {kMigration11},
                                                    {kMigration12},
                                                    {kMigration13},
                                                    {kMigration14}}};

}  // namespace

std::span<const Migration> Migrations() { return kMigrations; }

int LatestSchemaVersion() { return static_cast<int>(kMigrations.size()); }

}  // namespace trainhub::store
