#include "store/schema.h"

#include <SQLiteCpp/Statement.h>

#include <array>
#include <regex>
#include <string>
#include <utility>
#include <vector>

#include "domain/text.h"
#include "store/schema_integrity.h"
#include "store/schema_notifications.h"
#include "store/schema_privacy_reports.h"
#include "store/schema_records.h"

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

constexpr std::array<Migration, 7> kPlanningMigrations = {{{kMigration1},
                                                           {kMigration2},
                                                           {kMigration3},
                                                           {kMigration4},
                                                           {kMigration5},
                                                           {kMigration6},
                                                           {kMigration7, HardeningMigration}}};

}  // namespace

std::span<const Migration> Migrations() {
  static const std::vector<Migration> all = [] {
    std::vector<Migration> out(kPlanningMigrations.begin(), kPlanningMigrations.end());
    // One line per file of migrations, in the order they were released.
    for (const auto& range :
         {RecordMigrations(), PrivacyAndReportMigrations(), IntegrityMigrations(),
          NotificationMigrations()}) {
      out.insert(out.end(), range.begin(), range.end());
    }
    return out;
  }();
  return all;
}

int LatestSchemaVersion() { return static_cast<int>(Migrations().size()); }

}  // namespace trainhub::store
