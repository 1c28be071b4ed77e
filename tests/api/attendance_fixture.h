// The attendance tests' fixture (tests/api/attendance_*_test.cc): a series
// with a session running now and one in a month, both taught by a confirmed
// trainer, three people enrolled, accounts for each role, and the calls the
// tests make on AttendanceService.

#ifndef TRAINHUB_TESTS_API_ATTENDANCE_FIXTURE_H_
#define TRAINHUB_TESTS_API_ATTENDANCE_FIXTURE_H_

#include "api/api_fixture.h"
#include "trainhub/v1/attendance.grpc.pb.h"

namespace trainhub::api_test {

class AttendanceServiceTest : public ApiTest {
 protected:
  void SetUp() override {
    ApiTest::SetUp();
    if (HasFatalFailure()) return;
    attendance_ = v1::AttendanceService::NewStub(channel_);
    org_ = CreateOrganization("Netzwerk Vielfalt e. V.");
    trainer_ = CreateTrainer("Katrin Vogel", "katrin@example.org");
    other_trainer_ = CreateTrainer("Jonas Berg", "jonas@example.org");
    series_id_ = CreateSeries(org_, "Interkulturelle Trainer:innen 2026").id();
    module_ = CreateModule(series_id_, "Grundlagen").id();
    // Today's session: began an hour ago, ends in two.
    const absl::Time now = absl::Now();
    session_ = AddSession(now - absl::Hours(1), now + absl::Hours(2), {trainer_});
    future_session_ =
        AddSession(now + absl::Hours(24 * 30), now + absl::Hours(24 * 30 + 3), {trainer_});
    for (const char* name : {"أمينة حداد", "Олександр Коваленко", "Nguyễn Thị Lan"}) {
      people_ids_.push_back(Enrol(name));
    }
    trainer_token_ = Account("katrin@example.org", {domain::Role::kTrainer, 0, trainer_});
    other_trainer_token_ =
        Account("jonas@example.org", {domain::Role::kTrainer, 0, other_trainer_});
    coordinator_token_ = Account("koordination@example.org", {domain::Role::kCoordinator, org_});
    participant_token_ =
        Account("amina@example.org", {domain::Role::kParticipant, 0, 0, people_ids_[0]});
  }

  int64_t AddSession(absl::Time start, absl::Time end, std::vector<int64_t> trainers) {
    v1::Session session;
    EXPECT_TRUE(
        CreateSession(series_id_, module_, ProtoTime(start), ProtoTime(end), trainers, &session)
            .ok());
    for (int64_t t : trainers) {
      v1::SetBookingStatusRequest confirm;
      confirm.set_session_id(session.id());
      confirm.set_trainer_id(t);
      confirm.set_status(v1::BOOKING_STATUS_CONFIRMED);
      EXPECT_TRUE(
          Call(*series_, &v1::SeriesService::Stub::SetBookingStatus, confirm, &session).ok());
    }
    return session.id();
  }

  int64_t Enrol(const std::string& name) { return EnrolNewVolunteer(org_, series_id_, name); }

  v1::AttendanceMark Mark(int64_t participant, v1::AttendanceStatus status, int minutes = 0) {
    v1::AttendanceMark m;
    m.set_participant_id(participant);
    m.set_status(status);
    m.set_minutes_missed(minutes);
    return m;
  }

  grpc::Status RecordSheet(int64_t session, std::vector<v1::AttendanceMark> marks,
                           v1::AttendanceSheet* out, const std::string& reason = "") {
    v1::RecordAttendanceSheetRequest r;
    r.set_session_id(session);
    for (auto& m : marks) *r.add_marks() = m;
    r.set_reason(reason);
    return Call(*attendance_, &v1::AttendanceService::Stub::RecordAttendanceSheet, r, out);
  }

  grpc::Status RecordOne(int64_t session, const v1::AttendanceMark& mark, v1::AttendanceRecord* out,
                         const std::string& reason = "") {
    v1::RecordAttendanceRequest r;
    r.set_session_id(session);
    *r.mutable_mark() = mark;
    r.set_reason(reason);
    return Call(*attendance_, &v1::AttendanceService::Stub::RecordAttendance, r, out);
  }

  v1::AttendanceSheet Sheet(int64_t session) {
    v1::GetAttendanceSheetRequest r;
    r.set_session_id(session);
    v1::AttendanceSheet out;
    grpc::Status s = Call(*attendance_, &v1::AttendanceService::Stub::GetAttendanceSheet, r, &out);
    EXPECT_TRUE(s.ok()) << s.error_message();
    return out;
  }

  std::vector<v1::AttendanceRecord> History(int64_t session, int64_t participant) {
    v1::ListAttendanceHistoryRequest r;
    r.set_session_id(session);
    r.set_participant_id(participant);
    v1::ListAttendanceHistoryResponse out;
    grpc::Status s =
        Call(*attendance_, &v1::AttendanceService::Stub::ListAttendanceHistory, r, &out);
    EXPECT_TRUE(s.ok()) << s.error_message();
    return {out.records().begin(), out.records().end()};
  }

  v1::LedgerVerification Verify() {
    v1::VerifyAttendanceLedgerRequest r;
    r.set_series_id(series_id_);
    v1::LedgerVerification out;
    grpc::Status s =
        Call(*attendance_, &v1::AttendanceService::Stub::VerifyAttendanceLedger, r, &out);
    EXPECT_TRUE(s.ok()) << s.error_message();
    return out;
  }

  v1::AttendanceSummary Summary() {
    v1::GetAttendanceSummaryRequest r;
    r.set_series_id(series_id_);
    v1::AttendanceSummary out;
    grpc::Status s = Call(*attendance_, &v1::AttendanceService::Stub::GetAttendanceSummary, r, &out);
    EXPECT_TRUE(s.ok()) << s.error_message();
    return out;
  }

  v1::AttendanceMatrix Matrix() {
    v1::GetAttendanceMatrixRequest r;
    r.set_series_id(series_id_);
    v1::AttendanceMatrix out;
    grpc::Status s = Call(*attendance_, &v1::AttendanceService::Stub::GetAttendanceMatrix, r, &out);
    EXPECT_TRUE(s.ok()) << s.error_message();
    return out;
  }

  // The series' attendance as a file (CSV unless `format` says otherwise).
  v1::AttendanceFile Export(
      v1::AttendanceFileFormat format = v1::ATTENDANCE_FILE_FORMAT_UNSPECIFIED) {
    v1::ExportAttendanceRequest r;
    r.set_series_id(series_id_);
    r.set_format(format);
    v1::AttendanceFile out;
    grpc::Status s = Call(*attendance_, &v1::AttendanceService::Stub::ExportAttendance, r, &out);
    EXPECT_TRUE(s.ok()) << s.error_message();
    return out;
  }

  // Defined beside the tests that use them:
  // The marks recorded wrongly, as one record or on a sheet
  // (attendance_service_test.cc); `outsider` has no seat in the series.
  std::vector<BadRequest> BadMarks(int64_t outsider, v1::AttendanceSheet* sheet,
                                   v1::AttendanceRecord* record);
  // `participant` leaves the series and has their data erased; the number of
  // attendance records erased (attendance_ledger_test.cc).
  int WithdrawAndErase(int64_t participant);
  // Whether the series' ledger, exported, checks as intact on its own
  // (attendance_ledger_test.cc).
  bool ExportedLedgerIsIntact();

  std::unique_ptr<v1::AttendanceService::Stub> attendance_;
  int64_t org_ = 0, trainer_ = 0, other_trainer_ = 0, series_id_ = 0, module_ = 0, session_ = 0,
          future_session_ = 0;
  std::vector<int64_t> people_ids_;
  std::string trainer_token_, other_trainer_token_, coordinator_token_, participant_token_;
};

}  // namespace trainhub::api_test

#endif  // TRAINHUB_TESTS_API_ATTENDANCE_FIXTURE_H_
