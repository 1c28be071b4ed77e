// The attendance commands against the generated mock stub: the marks they
// send, the interactive walk through a sheet, their errors in the CLI's
// words, and the offline check of an exported ledger.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "clients/cli/app.h"
#include "domain/attendance/attendance_ledger.h"
#include "trainhub/v1/attendance_mock.grpc.pb.h"
#include "trainhub/v1/audit_mock.grpc.pb.h"
#include "trainhub/v1/common.pb.h"
#include "unit/cli_test_run.h"

namespace trainhub::cli {
namespace {

namespace v1 = ::trainhub::v1;
namespace fs = std::filesystem;
using ::testing::_;
using ::testing::DoAll;
using ::testing::HasSubstr;
using ::testing::Return;
using ::testing::SaveArg;
using ::testing::SetArgPointee;

class CliAttendanceTest : public CliTest {
 protected:
  CliAttendanceTest() : attendance_(Mock<v1::AttendanceService, v1::MockAttendanceServiceStub>()) {}

  static v1::AttendanceSheet Sheet() {
    v1::AttendanceSheet s;
    s.set_session_id(37);
    s.set_module_title("Praxistag");
    s.set_series_title("Interkulturelle Kommunikation kompakt");
    for (auto [id, name] : {std::pair{1, "Jana Beispiel"}, std::pair{13, "سمير خليل"},
                            std::pair{14, "Дмитро Шевчук"}}) {
      auto* e = s.add_entries();
      e->set_participant_id(id);
      e->set_participant_name(name);
    }
    s.set_unrecorded_count(3);
    return s;
  }

  v1::MockAttendanceServiceStub* attendance_;
};

TEST_F(CliAttendanceTest, RecordSendsOneMarkPerPersonWithTimeNonceAndDevice) {
  v1::RecordAttendanceSheetRequest sent;
  EXPECT_CALL(*attendance_, RecordAttendanceSheet(_, _, _))
      .WillOnce(DoAll(SaveArg<1>(&sent), SetArgPointee<2>(Sheet()), Return(grpc::Status::OK)));
  EXPECT_EQ(Run({"attendance", "record", "37", "--present", "1,13", "--late", "14:20", "--note",
                 "14=Bus verspätet"}),
            kExitOk)
      << err_.str();
  EXPECT_EQ(sent.session_id(), 37);
  ASSERT_EQ(sent.marks_size(), 3);
  EXPECT_EQ(sent.marks(0).participant_id(), 1);
  EXPECT_EQ(sent.marks(0).status(), v1::ATTENDANCE_STATUS_PRESENT);
  EXPECT_EQ(sent.marks(2).participant_id(), 14);
  EXPECT_EQ(sent.marks(2).status(), v1::ATTENDANCE_STATUS_LATE);
  EXPECT_EQ(sent.marks(2).minutes_missed(), 20);
  EXPECT_EQ(sent.marks(2).note(), "Bus verspätet");
  EXPECT_NE(sent.marks(0).client_nonce(), sent.marks(1).client_nonce());
  EXPECT_TRUE(sent.marks(0).has_client_time());
  EXPECT_FALSE(sent.marks(0).device_id().empty());
  EXPECT_FALSE(sent.request_id().empty());
  EXPECT_THAT(out_.str(), HasSubstr("Дмитро Шевчук"));
}

TEST_F(CliAttendanceTest, BadPersonListsAreUsageErrorsThatNeverReachTheServer) {
  EXPECT_EQ(Run({"attendance", "record", "37"}), kExitUsage);
  EXPECT_THAT(err_.str(), HasSubstr("--present, --late, --excused or --absent"));
  err_.str("");
  EXPECT_EQ(Run({"attendance", "record", "37", "--present", "1", "--absent", "1"}), kExitUsage);
  EXPECT_THAT(err_.str(), HasSubstr("participant 1 is given two statuses"));
  err_.str("");
  EXPECT_EQ(Run({"attendance", "record", "37", "--late", "abc"}), kExitUsage);
  EXPECT_THAT(err_.str(), HasSubstr("--late: \"abc\""));
  err_.str("");
  EXPECT_EQ(Run({"attendance", "record", "37", "--present", "1", "--note", "9=x"}), kExitUsage);
  EXPECT_THAT(err_.str(), HasSubstr("--note"));
}

TEST_F(CliAttendanceTest, RefusalsSpeakTheCommandsFlags) {
  v1::ErrorDetails details;
  auto* v = details.add_field_violations();
  v->set_field("marks[0].minutes_missed");
  v->set_description("longer than the session (180 minutes)");
  EXPECT_CALL(*attendance_, RecordAttendanceSheet(_, _, _))
      .WillOnce(
          Return(grpc::Status(grpc::StatusCode::INVALID_ARGUMENT,
                              "marks[0].minutes_missed: longer than the session (180 minutes)",
                              details.SerializeAsString())));
  EXPECT_EQ(Run({"attendance", "record", "37", "--late", "14:200"}), kExitRejected);
  EXPECT_THAT(err_.str(), HasSubstr("--late ID:MINUTES: longer than the session"));
}

TEST_F(CliAttendanceTest, TakeWalksThroughTheSheetAndRecordsTheAnswersInOneCall) {
  EXPECT_CALL(*attendance_, GetAttendanceSheet(_, _, _))
      .WillOnce(DoAll(SetArgPointee<2>(Sheet()), Return(grpc::Status::OK)));
  v1::RecordAttendanceSheetRequest sent;
  EXPECT_CALL(*attendance_, RecordAttendanceSheet(_, _, _))
      .WillOnce(DoAll(SaveArg<1>(&sent), SetArgPointee<2>(Sheet()), Return(grpc::Status::OK)));
  // Jana present, a typo asked again, Samir late 15 minutes, Dmytro kept.
  EXPECT_EQ(Run({"attendance", "take", "37"}, "p\nx\nl 15\n\n"), kExitOk) << err_.str();
  ASSERT_EQ(sent.marks_size(), 2);
  EXPECT_EQ(sent.marks(0).participant_id(), 1);
  EXPECT_EQ(sent.marks(1).participant_id(), 13);
  EXPECT_EQ(sent.marks(1).status(), v1::ATTENDANCE_STATUS_LATE);
  EXPECT_EQ(sent.marks(1).minutes_missed(), 15);
  EXPECT_THAT(out_.str(), HasSubstr("[3/3]"));
  EXPECT_THAT(out_.str(), HasSubstr("answer p, l, l MINUTES, e or a"));
}

TEST_F(CliAttendanceTest, TakeWithNoAnswersRecordsNothing) {
  EXPECT_CALL(*attendance_, GetAttendanceSheet(_, _, _))
      .WillOnce(DoAll(SetArgPointee<2>(Sheet()), Return(grpc::Status::OK)));
  EXPECT_EQ(Run({"attendance", "take", "37"}, "q\n"), kExitOk);
  EXPECT_THAT(out_.str(), HasSubstr("nothing to record"));
}

TEST_F(CliAttendanceTest, VerifyFileFindsAnEntryChangedAfterExport) {
  std::vector<domain::AttendanceEntry> entries;
  std::string prev = domain::LedgerGenesis();
  for (int i = 1; i <= 3; ++i) {
    domain::AttendanceEntry e;
    e.id = i;
    e.series_id = 1;
    e.session_id = 5;
    e.participant_id = i;
    e.status = domain::AttendanceStatus::kPresent;
    e.record_time = absl::FromUnixSeconds(1700000000 + i);
    e.client_time = e.record_time;
    e.prev_hash = prev;
    e.hash = domain::LedgerHash(e);
    prev = e.hash;
    entries.push_back(e);
  }
  const fs::path file = fs::temp_directory_path() / ("ledger-" + std::to_string(::getpid()));
  std::ofstream(file) << domain::LedgerToJson(1, entries);
  EXPECT_EQ(Run({"attendance", "verify", "--file", file.string()}), kExitOk) << err_.str();
  EXPECT_THAT(out_.str(), HasSubstr("is intact: 3 entries"));

  entries[1].status = domain::AttendanceStatus::kAbsent;  // hash left as it was
  std::ofstream(file) << domain::LedgerToJson(1, entries);
  out_.str("");
  stubs_.Set<v1::AttendanceService>(std::make_unique<v1::MockAttendanceServiceStub>());
  EXPECT_EQ(Run({"attendance", "verify", "--file", file.string()}), kExitRejected);
  EXPECT_THAT(out_.str(), HasSubstr("was CHANGED: entry 2 was changed after it was recorded"));

  std::ofstream(file) << "{\"not\": \"a ledger\"}";
  stubs_.Set<v1::AttendanceService>(std::make_unique<v1::MockAttendanceServiceStub>());
  EXPECT_EQ(Run({"attendance", "verify", "--file", file.string()}), kExitRejected);
  EXPECT_THAT(err_.str(), HasSubstr("not an attendance ledger export"));
  fs::remove(file);
}

TEST_F(CliAttendanceTest, VerifyListsTheCountsThatDifferFromTheLedger) {
  v1::LedgerVerification answer;
  answer.set_intact(false);
  answer.set_entry_count(40);
  answer.set_problem("the statuses the reports count differ from the ledger for 21 people");
  for (int i = 0; i < 20; ++i) {
    answer.add_current_status_mismatches(
        "session 3, participant " + std::to_string(i + 1) +
        ": the reports count absent (entry 7), the ledger says present (entry 7)");
  }
  answer.set_current_status_mismatch_count(21);
  EXPECT_CALL(*attendance_, VerifyAttendanceLedger(_, _, _))
      .WillOnce(DoAll(SetArgPointee<2>(answer), Return(grpc::Status::OK)));
  EXPECT_EQ(Run({"attendance", "verify", "1"}), kExitRejected);
  EXPECT_THAT(out_.str(), HasSubstr("the ledger of series 1 was CHANGED"));
  EXPECT_THAT(out_.str(), HasSubstr("  - session 3, participant 20: the reports count absent"));
  EXPECT_THAT(out_.str(), HasSubstr("... and 1 more"));
}

class CliAuditTest : public CliTest {
 protected:
  CliAuditTest() : audit_(Mock<v1::AuditService, v1::MockAuditServiceStub>()) {}

  v1::MockAuditServiceStub* audit_;
};

TEST_F(CliAuditTest, VerifySaysIntactWithTheHeadOrChangedWithExitThree) {
  v1::AuditLogVerification intact;
  intact.set_intact(true);
  intact.set_event_count(1234);
  intact.set_head_hash(std::string(64, 'a'));
  intact.set_open_count(2);
  EXPECT_CALL(*audit_, VerifyAuditLog(_, _, _))
      .WillOnce(DoAll(SetArgPointee<2>(intact), Return(grpc::Status::OK)));
  EXPECT_EQ(Run({"audit", "verify"}), kExitOk);
  EXPECT_THAT(out_.str(), HasSubstr("the audit log is intact: 1234 events, last hash aaaa"));
  EXPECT_THAT(out_.str(), HasSubstr("2 refusal row(s) of the last minute"));

  v1::AuditLogVerification broken;
  broken.set_intact(false);
  broken.set_first_bad_event_id(17);
  broken.set_problem("event 17 was changed after it was recorded");
  audit_ = Mock<v1::AuditService, v1::MockAuditServiceStub>();
  EXPECT_CALL(*audit_, VerifyAuditLog(_, _, _))
      .WillOnce(DoAll(SetArgPointee<2>(broken), Return(grpc::Status::OK)));
  out_.str("");
  EXPECT_EQ(Run({"audit", "verify"}), kExitRejected);
  EXPECT_THAT(out_.str(),
              HasSubstr("the audit log was CHANGED: event 17 was changed after it was recorded"));

  audit_ = Mock<v1::AuditService, v1::MockAuditServiceStub>();
  EXPECT_CALL(*audit_, VerifyAuditLog(_, _, _))
      .WillOnce(Return(grpc::Status(grpc::StatusCode::PERMISSION_DENIED,
                                    "only admins may verify the audit log")));
  EXPECT_NE(Run({"audit", "verify"}), kExitOk);
  EXPECT_THAT(err_.str(), HasSubstr("only admins may verify the audit log"));
}

TEST_F(CliAttendanceTest, CheckInSendsTheCodeAndSaysWhereTheParticipantIsRecorded) {
  v1::CheckInRequest sent;
  v1::AttendanceRecord record;
  record.set_session_id(37);
  record.set_status(v1::ATTENDANCE_STATUS_PRESENT);
  EXPECT_CALL(*attendance_, CheckIn(_, _, _))
      .WillOnce(DoAll(SaveArg<1>(&sent), SetArgPointee<2>(record), Return(grpc::Status::OK)));
  EXPECT_EQ(Run({"checkin", "482 915"}), kExitOk) << err_.str();
  EXPECT_EQ(sent.code(), "482 915");
  EXPECT_THAT(out_.str(), HasSubstr("present at session 37"));
}

TEST_F(CliAttendanceTest, CheckInTakesTheCodeAsShownInTwoWordsOrWithADash) {
  // docs/coordinator-guide.md: "trainhub checkin 482 915", without quotes.
  std::vector<v1::CheckInRequest> sent(2);
  v1::AttendanceRecord record;
  record.set_session_id(37);
  EXPECT_CALL(*attendance_, CheckIn(_, _, _))
      .WillOnce(DoAll(SaveArg<1>(&sent[0]), SetArgPointee<2>(record), Return(grpc::Status::OK)));
  EXPECT_EQ(Run({"checkin", "482", "915"}), kExitOk) << err_.str();
  EXPECT_EQ(sent[0].code(), "482 915");
  auto* again = Mock<v1::AttendanceService, v1::MockAttendanceServiceStub>();
  EXPECT_CALL(*again, CheckIn(_, _, _))
      .WillOnce(DoAll(SaveArg<1>(&sent[1]), SetArgPointee<2>(record), Return(grpc::Status::OK)));
  EXPECT_EQ(Run({"checkin", "554-548", "--session", "37"}), kExitOk) << err_.str();
  EXPECT_EQ(sent[1].code(), "554-548");
  EXPECT_EQ(sent[1].session_id(), 37);
}

TEST_F(CliAttendanceTest, ARefusedCodeIsNamedByWhatWasTyped) {
  v1::ErrorDetails details;
  details.add_field_violations()->set_field("code");
  details.mutable_field_violations(0)->set_description(
      "must be six digits, as the trainer shows them (e.g. 482 915)");
  EXPECT_CALL(*attendance_, CheckIn(_, _, _))
      .WillOnce(
          Return(grpc::Status(grpc::StatusCode::INVALID_ARGUMENT,
                              "code: must be six digits, as the trainer shows them (e.g. 482 915)",
                              details.SerializeAsString())));
  EXPECT_EQ(Run({"checkin", "48", "915"}), kExitRejected);
  EXPECT_THAT(err_.str(),
              HasSubstr("error: \"48 915\" must be six digits, as the trainer shows them"));
}

}  // namespace
}  // namespace trainhub::cli
