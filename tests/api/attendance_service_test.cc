// AttendanceService: sheets recorded in one call, sign-off and corrections
// with history, what a participant sees, the sign-in sheet, and bad input.
// Marks from devices and check-in, the ledger, and the summaries are in
// attendance_check_in_test.cc, attendance_ledger_test.cc and
// attendance_summary_test.cc.

#include "api/access_matrix.h"
#include "api/attendance_fixture.h"

namespace trainhub::api_test {

// Declared in the fixture (attendance_fixture.h).
std::vector<BadRequest> AttendanceServiceTest::BadMarks(int64_t outsider,
                                                        v1::AttendanceSheet* sheet,
                                                        v1::AttendanceRecord* record) {
  v1::AttendanceMark long_note = Mark(people_ids_[0], v1::ATTENDANCE_STATUS_PRESENT);
  long_note.set_note(std::string(1001, 'x'));
  v1::AttendanceMark future_time = Mark(people_ids_[0], v1::ATTENDANCE_STATUS_PRESENT);
  *future_time.mutable_client_time() = ProtoTime(absl::Now() + absl::Hours(2));
  return {
      {"unknown session",
       [=, this] {
         return RecordOne(999999, Mark(people_ids_[0], v1::ATTENDANCE_STATUS_PRESENT), record);
       },
       grpc::StatusCode::NOT_FOUND, "session_id"},
      {"unknown person",
       [=, this] { return RecordOne(session_, Mark(999999, v1::ATTENDANCE_STATUS_PRESENT), record); },
       grpc::StatusCode::NOT_FOUND, "mark.participant_id"},
      {"no seat then",
       [=, this] { return RecordOne(session_, Mark(outsider, v1::ATTENDANCE_STATUS_PRESENT), record); },
       grpc::StatusCode::FAILED_PRECONDITION, "mark.participant_id"},
      {"status out of range",
       [=, this] {
         return RecordOne(session_, Mark(people_ids_[0], static_cast<v1::AttendanceStatus>(9)),
                          record);
       },
       grpc::StatusCode::INVALID_ARGUMENT, "mark.status"},
      {"no status",
       [=, this] {
         return RecordSheet(session_, {Mark(people_ids_[0], v1::ATTENDANCE_STATUS_UNSPECIFIED)},
                            sheet);
       },
       grpc::StatusCode::INVALID_ARGUMENT, "marks[0].status"},
      {"minutes longer than the session",
       [=, this] {
         return RecordOne(session_, Mark(people_ids_[0], v1::ATTENDANCE_STATUS_LATE, 181), record);
       },
       grpc::StatusCode::INVALID_ARGUMENT, "mark.minutes_missed"},
      {"minutes with absent",
       [=, this] {
         return RecordOne(session_, Mark(people_ids_[0], v1::ATTENDANCE_STATUS_ABSENT, 5), record);
       },
       grpc::StatusCode::INVALID_ARGUMENT, "mark.minutes_missed"},
      {"note over 1000 characters", [=, this] { return RecordOne(session_, long_note, record); },
       grpc::StatusCode::INVALID_ARGUMENT, "mark.note"},
      {"client time in the future", [=, this] { return RecordOne(session_, future_time, record); },
       grpc::StatusCode::INVALID_ARGUMENT, "mark.client_time"},
      {"one person twice on a sheet",
       [=, this] {
         return RecordSheet(session_,
                            {Mark(people_ids_[0], v1::ATTENDANCE_STATUS_PRESENT),
                             Mark(people_ids_[0], v1::ATTENDANCE_STATUS_ABSENT)},
                            sheet);
       },
       grpc::StatusCode::INVALID_ARGUMENT, "marks[1].participant_id"},
      {"a later bad mark refuses the whole sheet",
       [=, this] {
         return RecordSheet(session_,
                            {Mark(people_ids_[0], v1::ATTENDANCE_STATUS_PRESENT),
                             Mark(outsider, v1::ATTENDANCE_STATUS_PRESENT)},
                            sheet);
       },
       grpc::StatusCode::FAILED_PRECONDITION, "marks[1].participant_id"},
      {"present at a future session",
       [=, this] {
         return RecordOne(future_session_, Mark(people_ids_[0], v1::ATTENDANCE_STATUS_PRESENT),
                          record);
       },
       grpc::StatusCode::FAILED_PRECONDITION, "mark.status"},
  };
}

namespace {

AccessRow SessionRow(const std::string& rpc,
                     std::function<std::string(const AccessObjects&)> request,
                     std::array<bool, 6> admitted) {
  return {"AttendanceService/" + rpc, std::move(request), admitted};
}

// Planners and the confirmed trainer of the own session; the enrolled
// participant reads their own part.
constexpr std::array<bool, 6> kRecorders = {true, false, true, false, false, false};
constexpr std::array<bool, 6> kRecordersAndSelf = {true, false, true, false, true, false};

// AttendanceService's rows of the access matrix (access_matrix.h). The
// matrix' sessions lie in the future: records other than EXCUSED and
// sign-offs are refused there (FAILED_PRECONDITION), which still admits.
TH_ACCESS_ROWS(kAttendanceServiceRows,
               {
                   SessionRow(
                       "GetAttendanceSheet",
                       [](const AccessObjects& o) {
                         v1::GetAttendanceSheetRequest r;
                         r.set_session_id(o.session);
                         return Bytes(r);
                       },
                       kRecordersAndSelf),
                   SessionRow(
                       "RecordAttendanceSheet",
                       [](const AccessObjects& o) {
                         v1::RecordAttendanceSheetRequest r;
                         r.set_session_id(o.session);
                         auto* mark = r.add_marks();
                         mark->set_participant_id(o.participant);
                         mark->set_status(v1::ATTENDANCE_STATUS_EXCUSED);
                         return Bytes(r);
                       },
                       kRecorders),
                   SessionRow(
                       "RecordAttendance",
                       [](const AccessObjects& o) {
                         v1::RecordAttendanceRequest r;
                         r.set_session_id(o.session);
                         r.mutable_mark()->set_participant_id(o.participant);
                         r.mutable_mark()->set_status(v1::ATTENDANCE_STATUS_PRESENT);
                         return Bytes(r);
                       },
                       kRecorders),
                   SessionRow(
                       "SignOffAttendanceSheet",
                       [](const AccessObjects& o) {
                         v1::SignOffAttendanceSheetRequest r;
                         r.set_session_id(o.session);
                         return Bytes(r);
                       },
                       kRecorders),
                   SessionRow(
                       "ListAttendanceHistory",
                       [](const AccessObjects& o) {
                         v1::ListAttendanceHistoryRequest r;
                         r.set_session_id(o.session);
                         return Bytes(r);
                       },
                       kRecordersAndSelf),
                   SessionRow(
                       "GetAttendanceSummary",
                       [](const AccessObjects& o) {
                         v1::GetAttendanceSummaryRequest r;
                         r.set_series_id(o.series);
                         return Bytes(r);
                       },
                       kRecordersAndSelf),
                   SessionRow(
                       "GetAttendanceMatrix",
                       [](const AccessObjects& o) {
                         v1::GetAttendanceMatrixRequest r;
                         r.set_series_id(o.series);
                         return Bytes(r);
                       },
                       kRecorders),
                   SessionRow(
                       "ExportAttendance",
                       [](const AccessObjects& o) {
                         v1::ExportAttendanceRequest r;
                         r.set_series_id(o.series);
                         return Bytes(r);
                       },
                       kRecorders),
                   SessionRow(
                       "RenderSignInSheet",
                       [](const AccessObjects& o) {
                         v1::RenderSignInSheetRequest r;
                         r.set_session_id(o.session);
                         return Bytes(r);
                       },
                       kRecorders),
                   SessionRow(
                       "OpenCheckIn",
                       [](const AccessObjects& o) {
                         v1::OpenCheckInRequest r;
                         r.set_session_id(o.session);
                         return Bytes(r);
                       },
                       kRecorders),
                   SessionRow(
                       "GetCheckInCode",
                       [](const AccessObjects& o) {
                         v1::GetCheckInCodeRequest r;
                         r.set_session_id(o.session);
                         return Bytes(r);
                       },
                       kRecorders),
                   SessionRow(
                       "CloseCheckIn",
                       [](const AccessObjects& o) {
                         v1::CloseCheckInRequest r;
                         r.set_session_id(o.session);
                         return Bytes(r);
                       },
                       kRecorders),
                   // Everyone is admitted; a wrong code (or an account without a
                   // participant record) is FAILED_PRECONDITION and reveals nothing.
                   SessionRow(
                       "CheckIn",
                       [](const AccessObjects& o) {
                         v1::CheckInRequest r;
                         r.set_session_id(o.session);
                         r.set_code("123456");
                         return Bytes(r);
                       },
                       kAll),
                   SessionRow(
                       "VerifyAttendanceLedger",
                       [](const AccessObjects& o) {
                         v1::VerifyAttendanceLedgerRequest r;
                         r.set_series_id(o.series);
                         return Bytes(r);
                       },
                       kRecorders),
                   SessionRow(
                       "ExportAttendanceLedger",
                       [](const AccessObjects& o) {
                         v1::ExportAttendanceLedgerRequest r;
                         r.set_series_id(o.series);
                         return Bytes(r);
                       },
                       kRecorders),
               });

TEST_F(AttendanceServiceTest, TrainerRecordsTheWholeSheetInOneCallAndSignsOff) {
  v1::AttendanceSheet before = As(trainer_token_, [&] { return Sheet(session_); });
  ASSERT_EQ(before.entries_size(), 3);
  EXPECT_EQ(before.unrecorded_count(), 3);
  v1::AttendanceSheet sheet;
  grpc::Status s = As(trainer_token_, [&] {
    return RecordSheet(session_,
                       {Mark(people_ids_[0], v1::ATTENDANCE_STATUS_PRESENT),
                        Mark(people_ids_[1], v1::ATTENDANCE_STATUS_LATE, 20),
                        Mark(people_ids_[2], v1::ATTENDANCE_STATUS_EXCUSED)},
                       &sheet);
  });
  ASSERT_TRUE(s.ok()) << s.error_message();
  EXPECT_EQ(sheet.recorded_count(), 3);
  EXPECT_EQ(sheet.unrecorded_count(), 0);
  for (const auto& e : sheet.entries()) {
    if (e.participant_id() == people_ids_[1]) {
      EXPECT_EQ(e.status(), v1::ATTENDANCE_STATUS_LATE);
      EXPECT_EQ(e.minutes_missed(), 20);
    }
  }
  v1::SignOffAttendanceSheetRequest signoff;
  signoff.set_session_id(session_);
  v1::AttendanceSheet signed_off;
  s = As(trainer_token_, [&] {
    return Call(*attendance_, &v1::AttendanceService::Stub::SignOffAttendanceSheet, signoff,
                &signed_off);
  });
  ASSERT_TRUE(s.ok()) << s.error_message();
  EXPECT_TRUE(signed_off.signed_off());
  EXPECT_EQ(signed_off.signed_off_by(), "katrin");

  // After sign-off the trainer may not change it; a coordinator must give a reason.
  v1::AttendanceRecord record;
  s = As(trainer_token_, [&] {
    return RecordOne(session_, Mark(people_ids_[2], v1::ATTENDANCE_STATUS_PRESENT), &record);
  });
  EXPECT_EQ(s.error_code(), grpc::StatusCode::FAILED_PRECONDITION) << s.error_message();
  s = As(coordinator_token_, [&] {
    return RecordOne(session_, Mark(people_ids_[2], v1::ATTENDANCE_STATUS_PRESENT), &record);
  });
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(FieldOf(s), "reason");
  s = As(coordinator_token_, [&] {
    return RecordOne(session_, Mark(people_ids_[2], v1::ATTENDANCE_STATUS_PRESENT), &record,
                     "Sie kam doch, Liste nachträglich korrigiert");
  });
  ASSERT_TRUE(s.ok()) << s.error_message();

  // The history keeps both: who, when, from which status to which, why.
  std::vector<v1::AttendanceRecord> history =
      As(coordinator_token_, [&] { return History(session_, people_ids_[2]); });
  ASSERT_EQ(history.size(), 2u);
  EXPECT_EQ(history[0].status(), v1::ATTENDANCE_STATUS_EXCUSED);
  EXPECT_EQ(history[0].account_name(), "katrin");
  EXPECT_EQ(history[1].status(), v1::ATTENDANCE_STATUS_PRESENT);
  EXPECT_EQ(history[0].previous_status(), v1::ATTENDANCE_STATUS_UNSPECIFIED);
  EXPECT_EQ(history[1].previous_status(), v1::ATTENDANCE_STATUS_EXCUSED);
  EXPECT_EQ(history[1].reason(), "Sie kam doch, Liste nachträglich korrigiert");
  EXPECT_EQ(history[1].account_name(), "koordination");
  EXPECT_TRUE(Verify().intact());
  EXPECT_EQ(Verify().entry_count(), 5);  // three records, the sign-off, the correction

  // Records are kept, so their session is too.
  v1::DeleteSessionRequest remove;
  remove.set_id(session_);
  v1::DeleteSessionResponse removed;
  EXPECT_EQ(Call(*series_, &v1::SeriesService::Stub::DeleteSession, remove, &removed).error_code(),
            grpc::StatusCode::FAILED_PRECONDITION);
  v1::DeleteModuleRequest remove_module;
  remove_module.set_series_id(series_id_);
  remove_module.set_module_id(module_);
  remove_module.set_force(true);
  v1::DeleteModuleResponse removed_module;
  EXPECT_EQ(Call(*series_, &v1::SeriesService::Stub::DeleteModule, remove_module, &removed_module)
                .error_code(),
            grpc::StatusCode::FAILED_PRECONDITION);
}

TEST_F(AttendanceServiceTest, ParticipantSeesOnlyTheirOwnAttendanceWithoutNotes) {
  v1::AttendanceSheet sheet;
  v1::AttendanceMark mark = Mark(people_ids_[0], v1::ATTENDANCE_STATUS_LATE, 10);
  mark.set_note("Bus verpasst");
  ASSERT_TRUE(As(trainer_token_, [&] {
                return RecordSheet(
                    session_, {mark, Mark(people_ids_[1], v1::ATTENDANCE_STATUS_ABSENT)}, &sheet);
              }).ok());
  v1::AttendanceSheet own = As(participant_token_, [&] { return Sheet(session_); });
  ASSERT_EQ(own.entries_size(), 1);
  EXPECT_EQ(own.entries(0).participant_id(), people_ids_[0]);
  EXPECT_EQ(own.entries(0).status(), v1::ATTENDANCE_STATUS_LATE);
  EXPECT_EQ(own.entries(0).note(), "");
  std::vector<v1::AttendanceRecord> history =
      As(participant_token_, [&] { return History(session_, 0); });
  ASSERT_EQ(history.size(), 1u);
  EXPECT_EQ(history[0].note(), "");
  EXPECT_EQ(history[0].account_id(), 0);
  v1::ListAttendanceHistoryRequest other;
  other.set_session_id(session_);
  other.set_participant_id(people_ids_[1]);
  v1::ListAttendanceHistoryResponse refused;
  EXPECT_EQ(As(participant_token_,
               [&] {
                 return Call(*attendance_, &v1::AttendanceService::Stub::ListAttendanceHistory,
                             other, &refused);
               })
                .error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
  v1::GetAttendanceSummaryRequest summary_request;
  summary_request.set_series_id(series_id_);
  v1::AttendanceSummary summary;
  ASSERT_TRUE(As(participant_token_, [&] {
                return Call(*attendance_, &v1::AttendanceService::Stub::GetAttendanceSummary,
                            summary_request, &summary);
              }).ok());
  ASSERT_EQ(summary.people_size(), 1);
  EXPECT_EQ(summary.people(0).participant_id(), people_ids_[0]);
  EXPECT_EQ(summary.people(0).late(), 1);
}

TEST_F(AttendanceServiceTest, BadInputIsRefusedNamingTheFieldAndChangesNothing) {
  const int64_t outsider = CreatePerson(org_, "Nicht angemeldet").id();
  v1::AttendanceSheet sheet;
  v1::AttendanceRecord record;
  ExpectRefused(BadMarks(outsider, &sheet, &record));
  ExpectRefused({
      {"trainer not booked on the session",
       [&] {
         return As(other_trainer_token_, [&] {
           return RecordOne(session_, Mark(people_ids_[0], v1::ATTENDANCE_STATUS_PRESENT), &record);
         });
       },
       grpc::StatusCode::PERMISSION_DENIED, ""},
      {"a wrong check-in code",
       [&] {
         v1::CheckInRequest r;
         r.set_code("000000");
         r.set_session_id(session_);
         return As(participant_token_, [&] {
           return Call(*attendance_, &v1::AttendanceService::Stub::CheckIn, r, &record);
         });
       },
       grpc::StatusCode::FAILED_PRECONDITION, "code"},
      {"a check-in code that is no code",
       [&] {
         v1::CheckInRequest r;
         r.set_code("12ab");
         return As(participant_token_, [&] {
           return Call(*attendance_, &v1::AttendanceService::Stub::CheckIn, r, &record);
         });
       },
       grpc::StatusCode::INVALID_ARGUMENT, "code"},
  });
  EXPECT_EQ(Sheet(session_).recorded_count(), 0);
  EXPECT_EQ(Verify().entry_count(), 0);
  // EXCUSED may be recorded in advance.
  ASSERT_TRUE(
      RecordOne(future_session_, Mark(people_ids_[0], v1::ATTENDANCE_STATUS_EXCUSED), &record)
          .ok());
}

TEST_F(AttendanceServiceTest, SignInSheetIsAPdf) {
  v1::RenderSignInSheetRequest r;
  r.set_session_id(session_);
  v1::AttendanceFile pdf;
  grpc::Status s = As(trainer_token_, [&] {
    return Call(*attendance_, &v1::AttendanceService::Stub::RenderSignInSheet, r, &pdf);
  });
  ASSERT_TRUE(s.ok()) << s.error_message();
  EXPECT_EQ(pdf.content_type(), "application/pdf");
  EXPECT_EQ(pdf.content().rfind("%PDF-", 0), 0u);
  EXPECT_GT(pdf.content().size(), 2000u);
}

}  // namespace
}  // namespace trainhub::api_test
