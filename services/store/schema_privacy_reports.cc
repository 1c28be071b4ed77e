#include "store/schema_privacy_reports.h"

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
  SQLite::Statement read(db,
                         "SELECT id, required_qualification FROM series"
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

constexpr std::array<Migration, 8> kPrivacyAndReportMigrations = {
    {{kMigration14},
     {kMigration15},
     {kMigration16},
     {kMigration17, FillRequiredQualificationKeys},
     {kMigration18, TrainingYearsToStarts},
     {kMigration19},
     {kMigration20},
     {kMigration21}}};

}  // namespace

std::span<const Migration> PrivacyAndReportMigrations() { return kPrivacyAndReportMigrations; }

}  // namespace trainhub::store
