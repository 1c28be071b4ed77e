// AttendanceService, the ledger: every record chained, and anything changed
// behind the server's back (a row, any column, the counts the reports read)
// found by verification and in an export.

#include <SQLiteCpp/Database.h>

#include "api/attendance_fixture.h"
#include "domain/attendance/attendance_ledger.h"
#include "trainhub/v1/privacy.grpc.pb.h"

namespace trainhub::api_test {

// Declared in the fixture (attendance_fixture.h).
int AttendanceServiceTest::WithdrawAndErase(int64_t participant) {
  v1::ListEnrolmentsRequest list;
  list.set_participant_id(participant);
  v1::ListEnrolmentsResponse enrolments;
  EXPECT_TRUE(
      Call(*enrolments_, &v1::EnrolmentService::Stub::ListEnrolments, list, &enrolments).ok());
  EXPECT_EQ(enrolments.enrolments_size(), 1);
  if (enrolments.enrolments_size() != 1) return -1;
  v1::WithdrawEnrolmentRequest withdraw;
  withdraw.set_id(enrolments.enrolments(0).id());
  withdraw.set_reason("zieht nach Halle");
  v1::Enrolment withdrawn;
  EXPECT_TRUE(
      Call(*enrolments_, &v1::EnrolmentService::Stub::WithdrawEnrolment, withdraw, &withdrawn)
          .ok());
  auto privacy = v1::PrivacyService::NewStub(channel_);
  v1::ErasePersonalDataRequest erase;
  erase.set_participant_id(participant);
  erase.set_reason("Antrag auf Löschung vom 3. März");
  v1::ErasePersonalDataResponse erased;
  grpc::Status s = Call(*privacy, &v1::PrivacyService::Stub::ErasePersonalData, erase, &erased);
  EXPECT_TRUE(s.ok()) << s.error_message();
  return erased.attendance_records_erased();
}

bool AttendanceServiceTest::ExportedLedgerIsIntact() {
  v1::ExportAttendanceLedgerRequest r;
  r.set_series_id(series_id_);
  v1::AttendanceFile file;
  EXPECT_TRUE(
      Call(*attendance_, &v1::AttendanceService::Stub::ExportAttendanceLedger, r, &file).ok());
  auto entries = domain::LedgerFromJson(file.content());
  EXPECT_TRUE(entries.ok()) << entries.status();
  return entries.ok() && domain::CheckLedger(*entries).intact;
}

namespace {

// Drops every trigger that guards the ledger table, as someone editing the
// database file would.
void DropLedgerTriggers(SQLite::Database& db) {
  std::vector<std::string> triggers;
  SQLite::Statement q(db,
                      "SELECT name FROM sqlite_schema WHERE type = 'trigger'"
                      " AND tbl_name = 'attendance_entry'");
  while (q.executeStep()) triggers.push_back(q.getColumn(0).getString());
  for (const std::string& t : triggers) db.exec("DROP TRIGGER " + t);
}

// The ledger table's columns as it has them now, with their declared types.
std::vector<std::pair<std::string, std::string>> LedgerColumns(SQLite::Database& db) {
  std::vector<std::pair<std::string, std::string>> columns;
  SQLite::Statement q(db, "SELECT name, type FROM pragma_table_info('attendance_entry')");
  while (q.executeStep()) {
    columns.emplace_back(q.getColumn(0).getString(), q.getColumn(1).getString());
  }
  return columns;
}

// The ids of the series' entries with a text (a note or an erased one's
// digest) or of another kind than a record.
std::vector<int64_t> EntriesWithTextsOrOfOtherKinds(SQLite::Database& db, int64_t series) {
  std::vector<int64_t> ids;
  SQLite::Statement q(db,
                      "SELECT id FROM attendance_entry WHERE series_id = ? AND"
                      " (note <> '' OR text_digest IS NOT NULL OR kind <> 1) ORDER BY id");
  q.bind(1, series);
  while (q.executeStep()) ids.push_back(q.getColumn(0).getInt64());
  return ids;
}

// Saves entry `id` as temp.saved and changes its `column` (declared `type`)
// to another value; the entry's id afterwards.
int64_t SaveAndChange(SQLite::Database& db, int64_t id, const std::string& column,
                      const std::string& type) {
  const std::string changed = column == "hash_version" ? "1"
                              : type == "INTEGER"
                                  ? absl::StrCat("coalesce(", column, ", 0) + 1000000")
                              : type == "TEXT" ? absl::StrCat(column, " || 'x'")
                                               : "randomblob(32)";
  db.exec("DROP TABLE IF EXISTS temp.saved");
  db.exec(absl::StrCat("CREATE TEMP TABLE saved AS SELECT * FROM attendance_entry WHERE id = ", id));
  db.exec(absl::StrCat("UPDATE attendance_entry SET ", column, " = ", changed, " WHERE id = ", id));
  return column == "id" ? id + 1000000 : id;
}

TEST_F(AttendanceServiceTest, LedgerVerificationDetectsARowChangedBehindTheServersBack) {
  v1::AttendanceSheet sheet;
  ASSERT_TRUE(RecordSheet(session_,
                          {Mark(people_ids_[0], v1::ATTENDANCE_STATUS_ABSENT),
                           Mark(people_ids_[1], v1::ATTENDANCE_STATUS_PRESENT)},
                          &sheet)
                  .ok());
  v1::LedgerVerification intact = Verify();
  EXPECT_TRUE(intact.intact());
  EXPECT_EQ(intact.entry_count(), 2);
  EXPECT_EQ(intact.head_hash().size(), 64u);
  {
    SQLite::Database db(path_, SQLite::OPEN_READWRITE);
    db.exec("DROP TRIGGER attendance_entry_frozen");
    db.exec("UPDATE attendance_entry SET status = 1 WHERE status = 4");
  }
  v1::LedgerVerification broken = Verify();
  EXPECT_FALSE(broken.intact());
  EXPECT_GT(broken.first_bad_entry_id(), 0);
  EXPECT_NE(broken.problem().find("changed"), std::string::npos) << broken.problem();
}

// Every stored field of an entry is part of what the chain commits to:
// each column of the ledger table, changed behind the server's back on a
// record with texts, an erased record, a sign-off and an erasure entry, is
// found by the server's verification and in an export of the ledger; put
// back, the ledger is intact again.
TEST_F(AttendanceServiceTest, EveryColumnOfTheLedgerChangedBehindTheServersBackIsFound) {
  v1::AttendanceSheet sheet;
  v1::AttendanceMark with_note = Mark(people_ids_[0], v1::ATTENDANCE_STATUS_PRESENT);
  with_note.set_note("kam mit der Bahn, 10 Minuten vor Beginn");
  v1::AttendanceMark erased_note = Mark(people_ids_[2], v1::ATTENDANCE_STATUS_EXCUSED);
  erased_note.set_note("krank, Attest liegt vor");
  ASSERT_TRUE(
      RecordSheet(session_,
                  {with_note, Mark(people_ids_[1], v1::ATTENDANCE_STATUS_ABSENT), erased_note},
                  &sheet)
          .ok());
  v1::SignOffAttendanceSheetRequest signoff;
  signoff.set_session_id(session_);
  ASSERT_TRUE(
      Call(*attendance_, &v1::AttendanceService::Stub::SignOffAttendanceSheet, signoff, &sheet)
          .ok());
  // The third person leaves and has their data erased: an erasure entry.
  ASSERT_EQ(WithdrawAndErase(people_ids_[2]), 1);
  v1::AttendanceRecord corrected;
  ASSERT_TRUE(RecordOne(session_, Mark(people_ids_[0], v1::ATTENDANCE_STATUS_LATE, 10), &corrected,
                        "Korrektur nach der Unterschriftenliste")
                  .ok());
  const v1::LedgerVerification before = Verify();
  ASSERT_TRUE(before.intact()) << before.problem();
  ASSERT_EQ(before.entry_count(), 6);  // 3 records, sign-off, erasure, correction

  SQLite::Database db(path_, SQLite::OPEN_READWRITE);
  db.setBusyTimeout(5000);
  DropLedgerTriggers(db);
  const std::vector<std::pair<std::string, std::string>> columns = LedgerColumns(db);
  ASSERT_GE(columns.size(), 20u);
  // Record with a note, erased record, sign-off, erasure entry.
  const std::vector<int64_t> targets = EntriesWithTextsOrOfOtherKinds(db, series_id_);
  ASSERT_EQ(targets.size(), 4u);
  int checked = 0;
  for (int64_t id : targets) {
    for (const auto& [column, type] : columns) {
      SCOPED_TRACE(absl::StrCat("entry ", id, ", column ", column));
      const int64_t now_id = SaveAndChange(db, id, column, type);
      const v1::LedgerVerification broken = Verify();
      EXPECT_FALSE(broken.intact());
      EXPECT_FALSE(broken.problem().empty());
      EXPECT_FALSE(ExportedLedgerIsIntact());
      db.exec(absl::StrCat("UPDATE attendance_entry SET ", column, " = (SELECT ", column,
                           " FROM temp.saved) WHERE id = ", now_id));
      const v1::LedgerVerification restored = Verify();
      ASSERT_TRUE(restored.intact()) << restored.problem();
      ASSERT_EQ(restored.head_hash(), before.head_hash());
      ++checked;
    }
  }
  EXPECT_EQ(checked, static_cast<int>(4 * columns.size()));

  // The attack of issue 28 exactly: a recorded entry set to hash version 1
  // with any digest, its status changed.
  db.exec(
      absl::StrCat("UPDATE attendance_entry SET hash_version = 1, text_digest = zeroblob(32),"
                   " status = 1 WHERE id = ",
                   targets[0] + 1));  // the absence
  const v1::LedgerVerification downgraded = Verify();
  EXPECT_FALSE(downgraded.intact());
  EXPECT_EQ(downgraded.first_bad_entry_id(), targets[0] + 1) << downgraded.problem();
  EXPECT_FALSE(ExportedLedgerIsIntact());
}

// The statuses the reports count (attendance_current) are checked against
// the ledger: a changed count is found, and verification says what differs.
TEST_F(AttendanceServiceTest, AChangedCountOfTheReportsIsFoundAndNamed) {
  v1::AttendanceSheet sheet;
  ASSERT_TRUE(RecordSheet(session_,
                          {Mark(people_ids_[0], v1::ATTENDANCE_STATUS_PRESENT),
                           Mark(people_ids_[1], v1::ATTENDANCE_STATUS_LATE, 15),
                           Mark(people_ids_[2], v1::ATTENDANCE_STATUS_ABSENT)},
                          &sheet)
                  .ok());
  ASSERT_TRUE(Verify().intact());
  {
    SQLite::Database db(path_, SQLite::OPEN_READWRITE);
    db.setBusyTimeout(5000);
    // Two attended become absent, as the funder report counts them.
    db.exec(absl::StrCat("UPDATE attendance_current SET status = 4 WHERE participant_id IN (",
                         people_ids_[0], ", ", people_ids_[1], ")"));
  }
  v1::LedgerVerification changed = Verify();
  EXPECT_FALSE(changed.intact());
  EXPECT_EQ(changed.current_status_mismatch_count(), 2);
  ASSERT_EQ(changed.current_status_mismatches_size(), 2);
  EXPECT_NE(changed.problem().find("the reports count"), std::string::npos) << changed.problem();
  const std::string first = changed.current_status_mismatches(0);
  EXPECT_NE(first.find(absl::StrCat("participant ", people_ids_[0])), std::string::npos) << first;
  EXPECT_NE(first.find("the reports count absent"), std::string::npos) << first;
  EXPECT_NE(first.find("the ledger says present"), std::string::npos) << first;
  {
    SQLite::Database db(path_, SQLite::OPEN_READWRITE);
    db.setBusyTimeout(5000);
    db.exec(absl::StrCat("UPDATE attendance_current SET status = 1 WHERE participant_id = ",
                         people_ids_[0]));
    db.exec(absl::StrCat("UPDATE attendance_current SET status = 2 WHERE participant_id = ",
                         people_ids_[1]));
    ASSERT_TRUE(Verify().intact());
    // A row removed, and a row added for someone without a record.
    db.exec(absl::StrCat("DELETE FROM attendance_current WHERE participant_id = ", people_ids_[2]));
    v1::LedgerVerification missing = Verify();
    EXPECT_FALSE(missing.intact());
    ASSERT_EQ(missing.current_status_mismatches_size(), 1);
    EXPECT_NE(missing.current_status_mismatches(0).find("the reports count nothing"),
              std::string::npos);
    db.exec(absl::StrCat(
        "INSERT INTO attendance_current SELECT session_id, participant_id, series_id, status,"
        " client_time, id FROM attendance_entry WHERE participant_id = ",
        people_ids_[2]));
    ASSERT_TRUE(Verify().intact());
    db.exec(absl::StrCat("INSERT INTO attendance_current VALUES (", future_session_, ", ",
                         people_ids_[0], ", ", series_id_, ", 1, 0, 0)"));
    v1::LedgerVerification extra = Verify();
    EXPECT_FALSE(extra.intact());
    ASSERT_EQ(extra.current_status_mismatches_size(), 1);
    EXPECT_NE(extra.current_status_mismatches(0).find("the ledger has no record"),
              std::string::npos);
  }
}

}  // namespace
}  // namespace trainhub::api_test
