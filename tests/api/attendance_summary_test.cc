// AttendanceService, what the records add up to: the matrix, the summary
// and the exports count teaching units and each status alike, and leave out
// sessions before someone was enrolled.

#include <map>

#include "api/attendance_fixture.h"

namespace trainhub::api_test {
namespace {

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
  v1::AttendanceMatrix matrix = Matrix();
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
  const v1::AttendanceSummary summary = Summary();
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
  matrix = Matrix();
  for (const auto& row : matrix.rows()) {
    if (row.participant_id() == newcomer) {
      EXPECT_TRUE(row.cells(0).expected());
    }
  }

  const v1::AttendanceFile csv = Export();
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
  std::map<int64_t, v1::PersonAttendance> by_person;
  const v1::AttendanceSummary summary = Summary();
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
  const v1::AttendanceMatrix matrix = Matrix();
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
  const std::string text = Export().content();
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

  const v1::AttendanceFile json = Export(v1::ATTENDANCE_FILE_FORMAT_JSON);
  EXPECT_NE(json.content().find("\"held\": false"), std::string::npos);
  EXPECT_NE(json.content().find("\"present_only\": 1"), std::string::npos);
  EXPECT_NE(json.content().find("\"upcoming\": 1"), std::string::npos);
}

}  // namespace
}  // namespace trainhub::api_test
