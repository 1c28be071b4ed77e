#include "store/schema_records.h"

#include <array>

namespace trainhub::store {
namespace {

// Attendance: the append-only ledger of records and sign-offs, chained per
// series by hash (domain/attendance/attendance_ledger.h), the head of each chain, and
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

constexpr std::array<Migration, 6> kRecordMigrations = {
    {{kMigration8}, {kMigration9}, {kMigration10}, {kMigration11}, {kMigration12}, {kMigration13}}};

}  // namespace

std::span<const Migration> RecordMigrations() { return kRecordMigrations; }

}  // namespace trainhub::store
