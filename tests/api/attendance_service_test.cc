// AttendanceService: sheets recorded in one call, sign-off and corrections
// with history, offline records, self check-in, summaries and exports, the
// ledger, and bad input.

#include <SQLiteCpp/Database.h>

#include <map>

#include "api/access_matrix.h"
#include "api/api_fixture.h"
#include "domain/attendance/attendance_ledger.h"
#include "trainhub/v1/attendance.grpc.pb.h"
#include "trainhub/v1/privacy.grpc.pb.h"

namespace trainhub::api_test {
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

  std::string Account(const std::string& email, domain::RoleGrant grant) {
    domain::Account a;
    a.email = email;
    a.display_name = email.substr(0, email.find('@'));
    a.roles = {grant};
    EXPECT_TRUE(server_->accounts().CreateAccount(domain::Principal::System(), a, kPassword).ok());
    return LoginAs(email);
  }

  // Runs `body` with the calls made as `token`'s account.
  template <typename Body>
  auto As(const std::string& token, Body body) {
    const std::string admin = token_;
    token_ = token;
    auto result = body();
    token_ = admin;
    return result;
  }

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

  std::unique_ptr<v1::AttendanceService::Stub> attendance_;
  int64_t org_ = 0, trainer_ = 0, other_trainer_ = 0, series_id_ = 0, module_ = 0, session_ = 0,
          future_session_ = 0;
  std::vector<int64_t> people_ids_;
  std::string trainer_token_, other_trainer_token_, coordinator_token_, participant_token_;
};

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
  const int64_t outsider = [&] {
    v1::CreateParticipantRequest r;
    r.mutable_participant()->set_display_name("Nicht angemeldet");
    r.mutable_participant()->set_organization_id(org_);
    r.mutable_participant()->add_target_groups(v1::TARGET_GROUP_VOLUNTEERS);
    v1::Participant p;
    grpc::Status s = Call(*people_, &v1::ParticipantService::Stub::CreateParticipant, r, &p);
    EXPECT_TRUE(s.ok()) << s.error_message();
    return p.id();
  }();
  v1::AttendanceSheet sheet;
  v1::AttendanceRecord record;
  v1::AttendanceMark long_note = Mark(people_ids_[0], v1::ATTENDANCE_STATUS_PRESENT);
  long_note.set_note(std::string(1001, 'x'));
  v1::AttendanceMark future_time = Mark(people_ids_[0], v1::ATTENDANCE_STATUS_PRESENT);
  *future_time.mutable_client_time() = ProtoTime(absl::Now() + absl::Hours(2));
  ExpectRefused({
      {"unknown session",
       [&] {
         return RecordOne(999999, Mark(people_ids_[0], v1::ATTENDANCE_STATUS_PRESENT), &record);
       },
       grpc::StatusCode::NOT_FOUND, "session_id"},
      {"unknown person",
       [&] { return RecordOne(session_, Mark(999999, v1::ATTENDANCE_STATUS_PRESENT), &record); },
       grpc::StatusCode::NOT_FOUND, "mark.participant_id"},
      {"no seat then",
       [&] { return RecordOne(session_, Mark(outsider, v1::ATTENDANCE_STATUS_PRESENT), &record); },
       grpc::StatusCode::FAILED_PRECONDITION, "mark.participant_id"},
      {"status out of range",
       [&] {
         return RecordOne(session_, Mark(people_ids_[0], static_cast<v1::AttendanceStatus>(9)),
                          &record);
       },
       grpc::StatusCode::INVALID_ARGUMENT, "mark.status"},
      {"no status",
       [&] {
         return RecordSheet(session_, {Mark(people_ids_[0], v1::ATTENDANCE_STATUS_UNSPECIFIED)},
                            &sheet);
       },
       grpc::StatusCode::INVALID_ARGUMENT, "marks[0].status"},
      {"minutes longer than the session",
       [&] {
         return RecordOne(session_, Mark(people_ids_[0], v1::ATTENDANCE_STATUS_LATE, 181), &record);
       },
       grpc::StatusCode::INVALID_ARGUMENT, "mark.minutes_missed"},
      {"minutes with absent",
       [&] {
         return RecordOne(session_, Mark(people_ids_[0], v1::ATTENDANCE_STATUS_ABSENT, 5), &record);
       },
       grpc::StatusCode::INVALID_ARGUMENT, "mark.minutes_missed"},
      {"note over 1000 characters", [&] { return RecordOne(session_, long_note, &record); },
       grpc::StatusCode::INVALID_ARGUMENT, "mark.note"},
      {"client time in the future", [&] { return RecordOne(session_, future_time, &record); },
       grpc::StatusCode::INVALID_ARGUMENT, "mark.client_time"},
      {"one person twice on a sheet",
       [&] {
         return RecordSheet(session_,
                            {Mark(people_ids_[0], v1::ATTENDANCE_STATUS_PRESENT),
                             Mark(people_ids_[0], v1::ATTENDANCE_STATUS_ABSENT)},
                            &sheet);
       },
       grpc::StatusCode::INVALID_ARGUMENT, "marks[1].participant_id"},
      {"a later bad mark refuses the whole sheet",
       [&] {
         return RecordSheet(session_,
                            {Mark(people_ids_[0], v1::ATTENDANCE_STATUS_PRESENT),
                             Mark(outsider, v1::ATTENDANCE_STATUS_PRESENT)},
                            &sheet);
       },
       grpc::StatusCode::FAILED_PRECONDITION, "marks[1].participant_id"},
      {"present at a future session",
       [&] {
         return RecordOne(future_session_, Mark(people_ids_[0], v1::ATTENDANCE_STATUS_PRESENT),
                          &record);
       },
       grpc::StatusCode::FAILED_PRECONDITION, "mark.status"},
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
  v1::ListEnrolmentsRequest list;
  list.set_participant_id(people_ids_[2]);
  v1::ListEnrolmentsResponse enrolments;
  ASSERT_TRUE(
      Call(*enrolments_, &v1::EnrolmentService::Stub::ListEnrolments, list, &enrolments).ok());
  ASSERT_EQ(enrolments.enrolments_size(), 1);
  v1::WithdrawEnrolmentRequest withdraw;
  withdraw.set_id(enrolments.enrolments(0).id());
  withdraw.set_reason("zieht nach Halle");
  v1::Enrolment withdrawn;
  ASSERT_TRUE(
      Call(*enrolments_, &v1::EnrolmentService::Stub::WithdrawEnrolment, withdraw, &withdrawn)
          .ok());
  auto privacy = v1::PrivacyService::NewStub(channel_);
  v1::ErasePersonalDataRequest erase;
  erase.set_participant_id(people_ids_[2]);
  erase.set_reason("Antrag auf Löschung vom 3. März");
  v1::ErasePersonalDataResponse erased;
  grpc::Status s = Call(*privacy, &v1::PrivacyService::Stub::ErasePersonalData, erase, &erased);
  ASSERT_TRUE(s.ok()) << s.error_message();
  EXPECT_EQ(erased.attendance_records_erased(), 1);
  v1::AttendanceRecord corrected;
  ASSERT_TRUE(RecordOne(session_, Mark(people_ids_[0], v1::ATTENDANCE_STATUS_LATE, 10), &corrected,
                        "Korrektur nach der Unterschriftenliste")
                  .ok());
  const v1::LedgerVerification before = Verify();
  ASSERT_TRUE(before.intact()) << before.problem();
  ASSERT_EQ(before.entry_count(), 6);  // 3 records, sign-off, erasure, correction

  auto export_check = [&] {
    v1::ExportAttendanceLedgerRequest r;
    r.set_series_id(series_id_);
    v1::AttendanceFile file;
    EXPECT_TRUE(
        Call(*attendance_, &v1::AttendanceService::Stub::ExportAttendanceLedger, r, &file).ok());
    auto entries = domain::LedgerFromJson(file.content());
    EXPECT_TRUE(entries.ok()) << entries.status();
    return entries.ok() ? domain::CheckLedger(*entries) : domain::LedgerCheck{};
  };
  SQLite::Database db(path_, SQLite::OPEN_READWRITE);
  db.setBusyTimeout(5000);
  std::vector<std::string> triggers;
  {
    SQLite::Statement q(db,
                        "SELECT name FROM sqlite_schema WHERE type = 'trigger'"
                        " AND tbl_name = 'attendance_entry'");
    while (q.executeStep()) triggers.push_back(q.getColumn(0).getString());
  }
  for (const std::string& t : triggers) db.exec("DROP TRIGGER " + t);
  // The columns as the table has them now, with their declared types.
  std::vector<std::pair<std::string, std::string>> columns;
  {
    SQLite::Statement q(db, "SELECT name, type FROM pragma_table_info('attendance_entry')");
    while (q.executeStep())
      columns.emplace_back(q.getColumn(0).getString(), q.getColumn(1).getString());
  }
  ASSERT_GE(columns.size(), 20u);
  // Record with a note, erased record, sign-off, erasure entry.
  std::vector<int64_t> targets;
  {
    SQLite::Statement q(db,
                        "SELECT id FROM attendance_entry WHERE series_id = ? AND"
                        " (note <> '' OR text_digest IS NOT NULL OR kind <> 1) ORDER BY id");
    q.bind(1, series_id_);
    while (q.executeStep()) targets.push_back(q.getColumn(0).getInt64());
  }
  ASSERT_EQ(targets.size(), 4u);
  int checked = 0;
  for (int64_t id : targets) {
    for (const auto& [column, type] : columns) {
      SCOPED_TRACE(absl::StrCat("entry ", id, ", column ", column));
      const std::string changed = column == "hash_version" ? "1"
                                  : type == "INTEGER"
                                      ? absl::StrCat("coalesce(", column, ", 0) + 1000000")
                                  : type == "TEXT" ? absl::StrCat(column, " || 'x'")
                                                   : "randomblob(32)";
      db.exec("DROP TABLE IF EXISTS temp.saved");
      db.exec(absl::StrCat("CREATE TEMP TABLE saved AS SELECT * FROM attendance_entry WHERE id = ",
                           id));
      db.exec(
          absl::StrCat("UPDATE attendance_entry SET ", column, " = ", changed, " WHERE id = ", id));
      const int64_t now_id = column == "id" ? id + 1000000 : id;
      const v1::LedgerVerification broken = Verify();
      EXPECT_FALSE(broken.intact());
      EXPECT_FALSE(broken.problem().empty());
      EXPECT_FALSE(export_check().intact);
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
  EXPECT_FALSE(export_check().intact);
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

TEST_F(AttendanceServiceTest, SummaryCountsTeachingUnitsAndLeavesOutWhoWasNotEnrolledThen) {
  const int64_t yesterday =
      AddSession(absl::Now() - absl::Hours(26), absl::Now() - absl::Hours(24), {trainer_});
  v1::AttendanceSheet sheet;
  ASSERT_TRUE(RecordSheet(session_,
                          {Mark(people_ids_[0], v1::ATTENDANCE_STATUS_PRESENT),
                           Mark(people_ids_[1], v1::ATTENDANCE_STATUS_LATE, 45),
                           Mark(people_ids_[2], v1::ATTENDANCE_STATUS_ABSENT)},
                          &sheet)
                  .ok());
  const int64_t newcomer = Enrol("Später Dazugekommen");
  v1::GetAttendanceMatrixRequest matrix_request;
  matrix_request.set_series_id(series_id_);
  v1::AttendanceMatrix matrix;
  ASSERT_TRUE(
      Call(*attendance_, &v1::AttendanceService::Stub::GetAttendanceMatrix, matrix_request, &matrix)
          .ok());
  ASSERT_EQ(matrix.sessions_size(), 3);  // yesterday, today, in a month
  EXPECT_EQ(matrix.sessions(0).session_id(), yesterday);
  EXPECT_DOUBLE_EQ(matrix.sessions(0).teaching_units(), 120 / 45.0);
  EXPECT_DOUBLE_EQ(matrix.sessions(1).teaching_units(), 4.0);  // 180 minutes / 45
  bool seen = false;
  for (const auto& row : matrix.rows()) {
    if (row.participant_id() != newcomer) continue;
    seen = true;
    EXPECT_FALSE(row.cells(0).expected());  // yesterday: enrolled after it took place
    EXPECT_TRUE(row.cells(1).expected());   // enrolled while it runs
    EXPECT_TRUE(row.cells(2).expected());
  }
  EXPECT_TRUE(seen);
  v1::GetAttendanceSummaryRequest r;
  r.set_series_id(series_id_);
  v1::AttendanceSummary summary;
  ASSERT_TRUE(
      Call(*attendance_, &v1::AttendanceService::Stub::GetAttendanceSummary, r, &summary).ok());
  for (const auto& p : summary.people()) {
    if (p.participant_id() == people_ids_[1]) {
      EXPECT_EQ(p.sessions_held(), 1);  // enrolled after yesterday's session
      EXPECT_EQ(p.present(), 1);
      EXPECT_EQ(p.late(), 1);
      EXPECT_DOUBLE_EQ(p.teaching_units_attended(), 3.0);  // one UE missed
      EXPECT_DOUBLE_EQ(p.attendance_rate(), 1.0);          // of the recorded sessions
    }
    if (p.participant_id() == people_ids_[2]) {
      EXPECT_DOUBLE_EQ(p.attendance_rate(), 0.0);
    }
    if (p.participant_id() == newcomer) {
      EXPECT_EQ(p.sessions_expected(), 2);
      EXPECT_EQ(p.sessions_held(), 1);
    }
  }
  // Paper lists of sessions before someone was entered: planners transfer
  // them with a reason; trainers may not.
  v1::AttendanceRecord record;
  grpc::Status s = As(trainer_token_, [&] {
    return RecordOne(yesterday, Mark(newcomer, v1::ATTENDANCE_STATUS_PRESENT), &record,
                     "von der Papierliste");
  });
  EXPECT_EQ(s.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_EQ(FieldOf(s), "mark.participant_id");
  s = RecordOne(yesterday, Mark(newcomer, v1::ATTENDANCE_STATUS_PRESENT), &record);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(FieldOf(s), "reason");
  ASSERT_TRUE(RecordOne(yesterday, Mark(newcomer, v1::ATTENDANCE_STATUS_PRESENT), &record,
                        "von der Papierliste übertragen")
                  .ok());
  ASSERT_TRUE(
      Call(*attendance_, &v1::AttendanceService::Stub::GetAttendanceMatrix, matrix_request, &matrix)
          .ok());
  for (const auto& row : matrix.rows()) {
    if (row.participant_id() == newcomer) {
      EXPECT_TRUE(row.cells(0).expected());
    }
  }

  v1::ExportAttendanceRequest csv_request;
  csv_request.set_series_id(series_id_);
  v1::AttendanceFile csv;
  ASSERT_TRUE(
      Call(*attendance_, &v1::AttendanceService::Stub::ExportAttendance, csv_request, &csv).ok());
  EXPECT_EQ(csv.content().rfind("\xEF\xBB\xBFTeilnehmer-ID;Name;", 0), 0u);
  EXPECT_NE(csv.content().find("verspätet (45 min)"), std::string::npos);
  EXPECT_NE(csv.content().find("\r\n"), std::string::npos);
}

TEST_F(AttendanceServiceTest, PresentLateExcusedAbsentAndNotRecordedAddUpAlikeEverywhere) {
  // Today's session is held: one present, one late, one without a status.
  // The session in a month is still to come; an excuse for it is recorded.
  v1::AttendanceSheet sheet;
  ASSERT_TRUE(RecordSheet(session_,
                          {Mark(people_ids_[0], v1::ATTENDANCE_STATUS_PRESENT),
                           Mark(people_ids_[1], v1::ATTENDANCE_STATUS_LATE, 45)},
                          &sheet)
                  .ok());
  ASSERT_TRUE(
      RecordSheet(future_session_, {Mark(people_ids_[0], v1::ATTENDANCE_STATUS_EXCUSED)}, &sheet)
          .ok());
  v1::GetAttendanceSummaryRequest summary_request;
  summary_request.set_series_id(series_id_);
  v1::AttendanceSummary summary;
  ASSERT_TRUE(Call(*attendance_, &v1::AttendanceService::Stub::GetAttendanceSummary,
                   summary_request, &summary)
                  .ok());
  std::map<int64_t, v1::PersonAttendance> by_person;
  for (const auto& p : summary.people()) {
    by_person[p.participant_id()] = p;
    EXPECT_EQ(p.present_only() + p.late() + p.excused() + p.absent() + p.unrecorded(),
              p.sessions_held())
        << p.participant_name();
    EXPECT_EQ(p.sessions_held() + p.upcoming(), p.sessions_expected()) << p.participant_name();
    EXPECT_EQ(p.present(), p.present_only() + p.late()) << "the older combined field";
  }
  ASSERT_EQ(by_person.size(), 3u);
  const v1::PersonAttendance& on_time = by_person[people_ids_[0]];
  EXPECT_EQ(on_time.present_only(), 1);
  EXPECT_EQ(on_time.late(), 0);
  EXPECT_EQ(on_time.excused(), 0) << "the excuse in advance counts once its session begins";
  EXPECT_EQ(on_time.upcoming(), 1);
  const v1::PersonAttendance& late = by_person[people_ids_[1]];
  EXPECT_EQ(late.present_only(), 0) << "late is not also present";
  EXPECT_EQ(late.late(), 1);
  const v1::PersonAttendance& missing = by_person[people_ids_[2]];
  EXPECT_EQ(missing.unrecorded(), 1);
  EXPECT_EQ(missing.upcoming(), 1);

  // The matrix counts the same, and says which sessions were held.
  v1::GetAttendanceMatrixRequest matrix_request;
  matrix_request.set_series_id(series_id_);
  v1::AttendanceMatrix matrix;
  ASSERT_TRUE(
      Call(*attendance_, &v1::AttendanceService::Stub::GetAttendanceMatrix, matrix_request, &matrix)
          .ok());
  ASSERT_EQ(matrix.sessions_size(), 2);
  EXPECT_TRUE(matrix.sessions(0).held());
  EXPECT_FALSE(matrix.sessions(1).held());
  for (const auto& row : matrix.rows()) {
    const v1::PersonAttendance& want = by_person[row.participant_id()];
    EXPECT_EQ(row.totals().present_only(), want.present_only());
    EXPECT_EQ(row.totals().late(), want.late());
    EXPECT_EQ(row.totals().unrecorded(), want.unrecorded());
    EXPECT_EQ(row.totals().upcoming(), want.upcoming());
    EXPECT_DOUBLE_EQ(row.totals().teaching_units_attended(), want.teaching_units_attended());
  }

  // The CSV export: separate columns in the same order, a held session
  // without a status "nicht erfasst", one still to come "offen".
  v1::ExportAttendanceRequest csv_request;
  csv_request.set_series_id(series_id_);
  v1::AttendanceFile csv;
  ASSERT_TRUE(
      Call(*attendance_, &v1::AttendanceService::Stub::ExportAttendance, csv_request, &csv).ok());
  const std::string& text = csv.content();
  EXPECT_NE(text.find(";anwesend;verspätet;entschuldigt;abwesend;nicht erfasst (stattgefunden, "
                      "ohne Status);offen (noch nicht stattgefunden);UE anwesend\r\n"),
            std::string::npos)
      << text;
  auto line_of = [&](const std::string& name) {
    const size_t at = text.find(name);
    return at == std::string::npos ? std::string() : text.substr(at, text.find("\r\n", at) - at);
  };
  EXPECT_NE(line_of("Nguyễn Thị Lan").find(";nicht erfasst;offen;0;0;0;0;1;1;"), std::string::npos)
      << line_of("Nguyễn Thị Lan");
  EXPECT_NE(line_of("Олександр Коваленко").find(";0;1;0;0;0;1;"), std::string::npos)
      << line_of("Олександр Коваленко");
  EXPECT_NE(line_of("أمينة حداد").find(";anwesend;entschuldigt;1;0;0;0;0;1;"), std::string::npos)
      << line_of("أمينة حداد");

  csv_request.set_format(v1::ATTENDANCE_FILE_FORMAT_JSON);
  v1::AttendanceFile json;
  ASSERT_TRUE(
      Call(*attendance_, &v1::AttendanceService::Stub::ExportAttendance, csv_request, &json).ok());
  EXPECT_NE(json.content().find("\"held\": false"), std::string::npos);
  EXPECT_NE(json.content().find("\"present_only\": 1"), std::string::npos);
  EXPECT_NE(json.content().find("\"upcoming\": 1"), std::string::npos);
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
