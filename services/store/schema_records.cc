#include "store/schema_records.h"

#include <SQLiteCpp/Statement.h>

#include <array>
#include <string>
#include <utility>
#include <vector>

#include "absl/time/civil_time.h"
#include "domain/berlin_time.h"
#include "domain/enrolment/training_year.h"

#include "domain/text.h"

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

// Each person's current status per session is kept by the store's append
// (SqliteAttendanceStore::Append) instead of a trigger: a trigger made every
// ledger insert a multi-statement write with its own statement journal,
// which cost a recorded sheet more than its rows.
constexpr char kMigration15[] = R"sql(
DROP TRIGGER attendance_entry_current;
)sql";

// What the store keeps about the database files themselves, on the
// installation row: since when an erasure's overwritten data may still be
// in them (a reader kept the write-ahead log; SqliteStore finishes the
// purge), and whether client_request.fingerprint is keyed with the
// installation's request key (the file beside the database), which
// SqliteStore::Open does once for the rows written before.
constexpr char kMigration16[] = R"sql(
ALTER TABLE installation ADD COLUMN purge_pending_since INTEGER;  -- microseconds; NULL: none
ALTER TABLE installation ADD COLUMN fingerprints_keyed INTEGER NOT NULL DEFAULT 0;
)sql";

// The folded title of the qualification a series requires (domain::Folded,
// as qualification.title_key), so that enrolments whose person no longer
// holds it (a revoked Zertifikat) are found by an indexed lookup.
constexpr char kMigration17[] = R"sql(
ALTER TABLE series ADD COLUMN required_qualification_key TEXT NOT NULL DEFAULT '';
)sql";

absl::Status FillRequiredQualificationKeys(SQLite::Database& db) {
  SQLite::Statement read(db, "SELECT id, required_qualification FROM series"
                             " WHERE required_qualification <> ''");
  while (read.executeStep()) {
    SQLite::Statement update(db, "UPDATE series SET required_qualification_key = ? WHERE id = ?");
    update.bind(1, domain::Folded(read.getColumn(1).getString()));
    update.bind(2, read.getColumn(0).getInt64());
    update.exec();
  }
  return absl::OkStatus();
}

// Apprentices' training year becomes the start of their training: a year
// stored as a number was right only in the year it was recorded, and made
// reports by training year change when the calendar year turned. The year
// N a record stated on its last change (update_time, Berlin time) becomes
// the 1 August that makes N the training year on that day
// (domain::TrainingStartForYear); the number goes.
constexpr char kMigration18[] = R"sql(
ALTER TABLE participant ADD COLUMN training_start TEXT;  -- 'YYYY-MM-DD'; NULL: none
)sql";

absl::Status TrainingYearsToStarts(SQLite::Database& db) {
  std::vector<std::pair<int64_t, std::string>> starts;
  {
    SQLite::Statement read(db,
                           "SELECT id, training_year, update_time FROM participant"
                           " WHERE training_year BETWEEN 1 AND 3");
    while (read.executeStep()) {
      const absl::CivilDay stated_on = absl::ToCivilDay(
          absl::FromUnixMicros(read.getColumn(2).getInt64()), domain::DisplayTimeZone());
      starts.emplace_back(read.getColumn(0).getInt64(),
                          absl::FormatCivilTime(
                              domain::TrainingStartForYear(read.getColumn(1).getInt(), stated_on)));
    }
  }
  SQLite::Statement write(db, "UPDATE participant SET training_start = ? WHERE id = ?");
  for (const auto& [id, start] : starts) {
    write.bind(1, start);
    write.bind(2, id);
    write.exec();
    write.reset();
  }
  db.exec("ALTER TABLE participant DROP COLUMN training_year");
  return absl::OkStatus();
}

// Figures kept by the store's writes for funder reports (store/
// attendance_years.h): each person's statuses per series and calendar year,
// which reports over whole years add up instead of every status (the year
// of the sessions' start in Europe/Berlin: UTC + 1 h at every turn of a
// year), and the sessions held (with a status) with what reports read of
// them.
constexpr char kMigration19[] = R"sql(
CREATE TABLE attendance_year (
  year           INTEGER NOT NULL,
  series_id      INTEGER NOT NULL,
  participant_id INTEGER NOT NULL,
  attended       INTEGER NOT NULL,  -- statuses present or late
  excused        INTEGER NOT NULL,
  absent         INTEGER NOT NULL,
  first_attended INTEGER,           -- start_time of the first session attended; NULL: none
  PRIMARY KEY (year, series_id, participant_id)
) STRICT, WITHOUT ROWID;
INSERT INTO attendance_year
  (year, series_id, participant_id, attended, excused, absent, first_attended)
  SELECT CAST(strftime('%Y', s.start_time + 3600, 'unixepoch') AS INTEGER), c.series_id,
    c.participant_id, sum(c.status IN (1, 2)), sum(c.status = 3), sum(c.status = 4),
    min(CASE WHEN c.status IN (1, 2) THEN s.start_time END)
  FROM attendance_current c JOIN session s ON s.id = c.session_id
  GROUP BY 1, 2, 3;
CREATE TABLE held_session (
  session_id INTEGER PRIMARY KEY,
  series_id  INTEGER NOT NULL,
  module_id  INTEGER NOT NULL,
  start_time INTEGER NOT NULL,  -- the session's
  minutes    INTEGER NOT NULL   -- its length in whole minutes
) STRICT;
CREATE INDEX held_session_by_start ON held_session(start_time, series_id, module_id, minutes);
CREATE INDEX held_session_by_series
  ON held_session(series_id, start_time, module_id, minutes);
INSERT INTO held_session (session_id, series_id, module_id, start_time, minutes)
  SELECT s.id, m.series_id, s.module_id, s.start_time, (s.end_time - s.start_time) / 60
  FROM session s JOIN module m ON m.id = s.module_id
  WHERE EXISTS (SELECT 1 FROM attendance_current c WHERE c.session_id = s.id);
)sql";

// What a series issues (1: Zertifikat and Teilnahmebestätigung, 2: only
// Teilnahmebestätigungen) and who signs an organisation's certificates.
constexpr char kMigration20[] = R"sql(
ALTER TABLE series ADD COLUMN issued_documents INTEGER NOT NULL DEFAULT 1;
ALTER TABLE organization ADD COLUMN signatory_name TEXT NOT NULL DEFAULT '';
ALTER TABLE organization ADD COLUMN signatory_role TEXT NOT NULL DEFAULT '';
)sql";

// Earlier versions wrote a coordinator's internal note, given with an
// enrolment, as the reason of its history entry, which the participant
// reads. Such entries (a coordinator's, not the participant's
// own account, placing someone from no or an ended enrolment, with a reason
// that is none of the plain steps) get the plain step that is written
// today; the note itself stays on the enrolment, for coordinators. The
// history is append-only: its reason trigger is dropped for the update and
// created again as it was, all in this migration's transaction.
constexpr char kMigration21[] = R"sql(
DROP TRIGGER enrolment_change_erasure;
UPDATE enrolment_change AS c
SET reason = 'enrolled by a coordinator'
             || CASE WHEN c.reason LIKE '% (target groups overridden)'
                     THEN ' (target groups overridden)' ELSE '' END
WHERE c.account_id <> 0
  AND c.from_state IN (0, 5, 6, 7)
  AND c.to_state IN (1, 2, 3)
  AND c.reason NOT IN ('enrolled by a coordinator',
                       'enrolled by a coordinator (target groups overridden)',
                       'enrolled with a cohort by a coordinator',
                       'enrolled with a cohort by a coordinator (target groups overridden)',
                       'imported from a list by a coordinator',
                       'imported from a list by a coordinator (target groups overridden)',
                       '')
  AND NOT EXISTS (SELECT 1 FROM enrolment e JOIN account_role r
                    ON r.participant_id = e.participant_id
                  WHERE e.id = c.enrolment_id AND r.account_id = c.account_id);
CREATE TRIGGER enrolment_change_erasure BEFORE UPDATE OF reason ON enrolment_change
WHEN NOT (NEW.reason = ''
          AND EXISTS (SELECT 1 FROM enrolment e JOIN participant p ON p.id = e.participant_id
                      WHERE e.id = OLD.enrolment_id AND p.erase_time IS NOT NULL))
BEGIN
  SELECT RAISE(ABORT, 'enrolment_change is append-only');
END;
)sql";

constexpr std::array<Migration, 14> kRecordMigrations = {
    {{kMigration8},
     {kMigration9},
     {kMigration10},
     {kMigration11},
     {kMigration12},
     {kMigration13},
     {kMigration14},
     {kMigration15},
     {kMigration16},
     {kMigration17, FillRequiredQualificationKeys},
     {kMigration18, TrainingYearsToStarts},
     {kMigration19},
     {kMigration20},
     {kMigration21}}};

}  // namespace

std::span<const Migration> RecordMigrations() { return kRecordMigrations; }

}  // namespace trainhub::store
