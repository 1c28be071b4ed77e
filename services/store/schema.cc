#include "store/schema.h"

#include <array>

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

constexpr std::array<const char*, 6> kMigrations = {kMigration1, kMigration2, kMigration3,
                                                    kMigration4, kMigration5, kMigration6};

}  // namespace

std::span<const char* const> Migrations() { return kMigrations; }

int LatestSchemaVersion() { return static_cast<int>(kMigrations.size()); }

}  // namespace trainhub::store
