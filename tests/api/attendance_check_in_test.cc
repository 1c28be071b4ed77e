// AttendanceService, marks from the room: an offline device's marks
// deduplicated, flagged when they conflict and answered after a sign-off,
// self check-in with the rotating code, and what may be recorded before a
// session begins.

#include "api/attendance_fixture.h"

namespace trainhub::api_test {
namespace {

TEST_F(AttendanceServiceTest, OfflineRecordsAreDeduplicatedAndConflictsFlagged) {
  const absl::Time now = absl::Now();
  v1::AttendanceMark tablet = Mark(people_ids_[0], v1::ATTENDANCE_STATUS_PRESENT);
  tablet.set_client_nonce("tablet-0001");
  tablet.set_device_id("tablet");
  *tablet.mutable_client_time() = ProtoTime(now - absl::Minutes(40));
  v1::AttendanceRecord first, again;
  ASSERT_TRUE(As(trainer_token_, [&] { return RecordOne(session_, tablet, &first); }).ok());
  ASSERT_TRUE(As(trainer_token_, [&] { return RecordOne(session_, tablet, &again); }).ok());
  EXPECT_EQ(again.id(), first.id());
  EXPECT_EQ(History(session_, people_ids_[0]).size(), 1u);

  // A phone that was offline recorded ABSENT earlier, before the tablet's record arrived.
  v1::AttendanceMark phone = Mark(people_ids_[0], v1::ATTENDANCE_STATUS_ABSENT);
  phone.set_client_nonce("phone-0001");
  phone.set_device_id("phone");
  *phone.mutable_client_time() = ProtoTime(now - absl::Minutes(50));
  v1::AttendanceRecord late;
  ASSERT_TRUE(As(trainer_token_, [&] { return RecordOne(session_, phone, &late); }).ok());
  EXPECT_EQ(late.conflicting_record_id(), first.id());
  v1::AttendanceSheet sheet = Sheet(session_);
  for (const auto& e : sheet.entries()) {
    if (e.participant_id() != people_ids_[0]) continue;
    EXPECT_EQ(e.status(), v1::ATTENDANCE_STATUS_PRESENT);  // the later client time wins
    EXPECT_TRUE(e.needs_review());
  }
  EXPECT_EQ(History(session_, people_ids_[0]).size(), 2u);
  // A coordinator resolves it with a fresh record.
  ASSERT_TRUE(RecordOne(session_, Mark(people_ids_[0], v1::ATTENDANCE_STATUS_ABSENT), &again).ok());
  const v1::AttendanceSheet resolved = Sheet(session_);
  for (const auto& e : resolved.entries()) {
    if (e.participant_id() != people_ids_[0]) continue;
    EXPECT_EQ(e.status(), v1::ATTENDANCE_STATUS_ABSENT);
    EXPECT_FALSE(e.needs_review());
  }
}

// The desktop's offline queue sends its marks again when it cannot tell
// whether they arrived; after the sheet was signed off meanwhile, the
// stored records answer them (the queue then shows them as stored). A new
// mark is still refused.
TEST_F(AttendanceServiceTest, OfflineMarksResentAfterSignOffGetTheirStoredRecords) {
  std::vector<v1::AttendanceMark> queued;
  const v1::AttendanceStatus statuses[] = {v1::ATTENDANCE_STATUS_PRESENT,
                                           v1::ATTENDANCE_STATUS_ABSENT,
                                           v1::ATTENDANCE_STATUS_EXCUSED};
  for (size_t i = 0; i < 3; ++i) {
    v1::AttendanceMark m = Mark(people_ids_[i], statuses[i]);
    m.set_client_nonce(absl::StrCat("laptop-queue-", i));
    m.set_device_id("laptop");
    *m.mutable_client_time() = ProtoTime(absl::Now() - absl::Minutes(30));
    queued.push_back(m);
  }
  v1::AttendanceSheet sheet;
  ASSERT_TRUE(As(trainer_token_, [&] { return RecordSheet(session_, queued, &sheet); }).ok());
  v1::SignOffAttendanceSheetRequest signoff;
  signoff.set_session_id(session_);
  ASSERT_TRUE(As(trainer_token_, [&] {
                return Call(*attendance_, &v1::AttendanceService::Stub::SignOffAttendanceSheet,
                            signoff, &sheet);
              }).ok());
  auto records = [&] {
    size_t n = 0;
    for (int64_t person : people_ids_) n += History(session_, person).size();
    return n;
  };
  const size_t before = records();
  ASSERT_EQ(before, 3u);

  v1::AttendanceSheet resent;
  grpc::Status s = As(trainer_token_, [&] { return RecordSheet(session_, queued, &resent); });
  ASSERT_TRUE(s.ok()) << s.error_message();
  EXPECT_TRUE(resent.signed_off());
  EXPECT_EQ(resent.recorded_count(), 3);
  v1::AttendanceRecord one;
  s = As(trainer_token_, [&] { return RecordOne(session_, queued[1], &one); });
  ASSERT_TRUE(s.ok()) << s.error_message();
  EXPECT_EQ(one.status(), v1::ATTENDANCE_STATUS_ABSENT);
  EXPECT_EQ(one.client_nonce(), "laptop-queue-1");
  EXPECT_EQ(records(), before);

  // A mark the server has not seen finds the sheet signed off.
  v1::AttendanceMark fresh = queued[1];
  fresh.set_client_nonce("laptop-queue-9");
  fresh.set_status(v1::ATTENDANCE_STATUS_PRESENT);
  s = As(trainer_token_, [&] { return RecordOne(session_, fresh, &one); });
  EXPECT_EQ(s.error_code(), grpc::StatusCode::FAILED_PRECONDITION) << s.error_message();
  s = As(trainer_token_, [&] { return RecordSheet(session_, {queued[0], fresh}, &resent); });
  EXPECT_EQ(s.error_code(), grpc::StatusCode::FAILED_PRECONDITION) << s.error_message();
  EXPECT_EQ(records(), before);
}

TEST_F(AttendanceServiceTest, ParticipantChecksInWithTheRotatingCode) {
  v1::OpenCheckInRequest open;
  open.set_session_id(session_);
  open.set_minutes(15);
  v1::CheckInWindow window;
  ASSERT_TRUE(As(trainer_token_, [&] {
                return Call(*attendance_, &v1::AttendanceService::Stub::OpenCheckIn, open, &window);
              }).ok());
  ASSERT_TRUE(window.open());
  ASSERT_EQ(window.code().size(), 6u);
  EXPECT_EQ(window.qr_payload(), absl::StrCat("trainhub-checkin:", session_, ":", window.code()));

  // A code shown for another session is refused there.
  const int64_t other =
      AddSession(absl::Now() + absl::Hours(24), absl::Now() + absl::Hours(26), {other_trainer_});
  v1::CheckInRequest wrong_session;
  wrong_session.set_code(window.code());
  wrong_session.set_session_id(other);
  v1::AttendanceRecord record;
  grpc::Status s = As(participant_token_, [&] {
    return Call(*attendance_, &v1::AttendanceService::Stub::CheckIn, wrong_session, &record);
  });
  EXPECT_EQ(s.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_EQ(FieldOf(s), "code");

  v1::CheckInRequest scan;
  scan.set_code(window.qr_payload());
  s = As(participant_token_,
         [&] { return Call(*attendance_, &v1::AttendanceService::Stub::CheckIn, scan, &record); });
  ASSERT_TRUE(s.ok()) << s.error_message();
  EXPECT_EQ(record.status(), v1::ATTENDANCE_STATUS_PRESENT);
  EXPECT_EQ(record.source(), v1::ATTENDANCE_SOURCE_SELF_CHECK_IN);
  EXPECT_EQ(record.participant_id(), people_ids_[0]);

  v1::CloseCheckInRequest close;
  close.set_session_id(session_);
  ASSERT_TRUE(As(trainer_token_, [&] {
                return Call(*attendance_, &v1::AttendanceService::Stub::CloseCheckIn, close,
                            &window);
              }).ok());
  EXPECT_FALSE(window.open());
  v1::CheckInRequest after_close;
  after_close.set_code(scan.code());
  s = As(participant_token_, [&] {
    return Call(*attendance_, &v1::AttendanceService::Stub::CheckIn, after_close, &record);
  });
  EXPECT_EQ(s.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
}

// A session later today: until it begins nobody can have been there, by
// sheet, by single mark, by an offline device's mark or by check-in.
TEST_F(AttendanceServiceTest, BeforeASessionBeginsOnlyExcusedAbsencesAreRecorded) {
  const absl::Time now = absl::Now();
  // Jonas teaches it in another room (Katrin teaches the session running now).
  v1::CreateSessionRequest create;
  create.set_series_id(series_id_);
  create.set_module_id(module_);
  *create.mutable_session()->mutable_start_time() = ProtoTime(now + absl::Minutes(6));
  *create.mutable_session()->mutable_end_time() = ProtoTime(now + absl::Hours(3));
  create.mutable_session()->mutable_place()->set_name("Rathaus, Saal 2");
  auto* jonas = create.mutable_session()->add_trainers();
  jonas->set_trainer_id(other_trainer_);
  jonas->set_status(v1::BOOKING_STATUS_CONFIRMED);
  v1::Session created;
  ASSERT_TRUE(Call(*series_, &v1::SeriesService::Stub::CreateSession, create, &created).ok());
  const int64_t later = created.id();
  v1::AttendanceSheet sheet;
  v1::AttendanceRecord record;
  v1::CheckInWindow window;
  v1::AttendanceMark made_before_start = Mark(people_ids_[1], v1::ATTENDANCE_STATUS_PRESENT);
  *made_before_start.mutable_client_time() = ProtoTime(now - absl::Hours(1) - absl::Minutes(5));
  made_before_start.set_device_id("tablet");
  ExpectRefused({
      {"present in the sheet",
       [&] {
         return As(other_trainer_token_, [&] {
           return RecordSheet(later,
                              {Mark(people_ids_[2], v1::ATTENDANCE_STATUS_EXCUSED),
                               Mark(people_ids_[0], v1::ATTENDANCE_STATUS_PRESENT)},
                              &sheet);
         });
       },
       grpc::StatusCode::FAILED_PRECONDITION, "marks[1].status"},
      {"late, by a coordinator",
       [&] {
         return As(coordinator_token_, [&] {
           return RecordOne(later, Mark(people_ids_[0], v1::ATTENDANCE_STATUS_LATE, 10), &record,
                            "Liste vom Empfang");
         });
       },
       grpc::StatusCode::FAILED_PRECONDITION, "mark.status"},
      {"absent",
       [&] {
         return As(other_trainer_token_, [&] {
           return RecordOne(later, Mark(people_ids_[0], v1::ATTENDANCE_STATUS_ABSENT), &record);
         });
       },
       grpc::StatusCode::FAILED_PRECONDITION, "mark.status"},
      {"check-in opened early",
       [&] {
         v1::OpenCheckInRequest open;
         open.set_session_id(later);
         return As(other_trainer_token_, [&] {
           return Call(*attendance_, &v1::AttendanceService::Stub::OpenCheckIn, open, &window);
         });
       },
       grpc::StatusCode::FAILED_PRECONDITION, "session_id"},
      {"an offline mark made before today's session began",
       [&] {
         return As(trainer_token_, [&] { return RecordOne(session_, made_before_start, &record); });
       },
       grpc::StatusCode::FAILED_PRECONDITION, "mark.status"},
  });
  EXPECT_EQ(Sheet(later).recorded_count(), 0);
  EXPECT_EQ(Sheet(session_).recorded_count(), 0);
  EXPECT_EQ(Verify().entry_count(), 0);
  grpc::Status s = As(other_trainer_token_, [&] {
    return RecordOne(later, Mark(people_ids_[0], v1::ATTENDANCE_STATUS_LATE), &record);
  });
  EXPECT_NE(s.error_message().find("begins at"), std::string::npos) << s.error_message();
  // Excused absences are known in advance.
  s = As(other_trainer_token_, [&] {
    return RecordSheet(later, {Mark(people_ids_[2], v1::ATTENDANCE_STATUS_EXCUSED)}, &sheet);
  });
  ASSERT_TRUE(s.ok()) << s.error_message();
  EXPECT_EQ(sheet.recorded_count(), 1);
  made_before_start.set_status(v1::ATTENDANCE_STATUS_EXCUSED);
  s = As(trainer_token_, [&] { return RecordOne(session_, made_before_start, &record); });
  EXPECT_TRUE(s.ok()) << s.error_message();
}

}  // namespace
}  // namespace trainhub::api_test
