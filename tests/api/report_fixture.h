// The report tests' fixture (tests/api/report_*_test.cc): an organisation's
// two series of 2021 and one session of 2022, with volunteers, an apprentice
// and someone only ever absent, their attendance transferred from paper.

#ifndef TRAINHUB_TESTS_API_REPORT_FIXTURE_H_
#define TRAINHUB_TESTS_API_REPORT_FIXTURE_H_

#include <optional>

#include "api/api_fixture.h"
#include "trainhub/v1/attendance.grpc.pb.h"
#include "trainhub/v1/report.grpc.pb.h"

namespace trainhub::api_test {

inline absl::Time Day(int year, int month, int day, int hour) {
  return absl::FromCivil(absl::CivilHour(year, month, day, hour), absl::UTCTimeZone());
}

class ReportServiceTest : public ApiTest {
 protected:
  void SetUp() override {
    ApiTest::SetUp();
    if (HasFatalFailure()) return;
    reports_ = v1::ReportService::NewStub(channel_);
    attendance_ = v1::AttendanceService::NewStub(channel_);
    org_ = CreateOrganization("Netzwerk Vielfalt e. V.");
    other_org_ = CreateOrganization("Stadt Köthen");
    // Two series in 2021 and one session of the first in 2022.
    first_ = CreateSeries(org_, "Interkultur im Ehrenamt 2021").id();
    second_ = CreateSeries(org_, "Vielfalts-Montag 2021").id();
    const int64_t first_module = CreateModule(first_, "Grundlagen").id();
    const int64_t second_module = CreateModule(second_, "Kommunikation").id();
    march_1_ = AddSession(first_, first_module, Day(2021, 3, 1, 9));
    march_8_ = AddSession(first_, first_module, Day(2021, 3, 8, 9));
    june_ = AddSession(second_, second_module, Day(2021, 6, 1, 9));
    next_year_ = AddSession(first_, first_module, Day(2022, 1, 10, 9));
    for (const char* name : {"Amina Haddad", "Oleksandr Koval", "Nguyễn Thị Lan", "Jana Ott"}) {
      volunteers_.push_back(EnrolNewVolunteer(org_, first_, name));
    }
    absent_only_ = EnrolNewVolunteer(org_, first_, "Immer Abwesend");
    // In March 2021 in the 2nd year of training.
    apprentice_ = NewPerson("Mehmet Yilmaz", other_org_,
                            {v1::TARGET_GROUP_APPRENTICES, v1::TARGET_GROUP_VOLUNTEERS},
                            absl::CivilDay(2019, 9, 1));
    Enrol(first_, apprentice_);
    Enrol(second_, volunteers_[0]);
    Enrol(second_, volunteers_[1]);
    const std::vector<int64_t> first_people = {volunteers_[0], volunteers_[1], volunteers_[2],
                                               volunteers_[3], apprentice_,    absent_only_};
    Record(march_1_, first_people,
           {v1::ATTENDANCE_STATUS_PRESENT, v1::ATTENDANCE_STATUS_PRESENT,
            v1::ATTENDANCE_STATUS_PRESENT, v1::ATTENDANCE_STATUS_PRESENT,
            v1::ATTENDANCE_STATUS_PRESENT, v1::ATTENDANCE_STATUS_ABSENT});
    Record(march_8_, first_people,
           {v1::ATTENDANCE_STATUS_PRESENT, v1::ATTENDANCE_STATUS_PRESENT,
            v1::ATTENDANCE_STATUS_PRESENT, v1::ATTENDANCE_STATUS_LATE,
            v1::ATTENDANCE_STATUS_EXCUSED, v1::ATTENDANCE_STATUS_ABSENT});
    Record(june_, {volunteers_[0], volunteers_[1]},
           {v1::ATTENDANCE_STATUS_PRESENT, v1::ATTENDANCE_STATUS_LATE});
    Record(next_year_, {volunteers_[2]}, {v1::ATTENDANCE_STATUS_PRESENT});
  }

  int64_t AddSession(int64_t series, int64_t module, absl::Time start) {
    v1::Session session;
    EXPECT_TRUE(CreateSession(series, module, ProtoTime(start), ProtoTime(start + absl::Hours(3)),
                              {}, &session)
                    .ok());
    return session.id();
  }

  int64_t NewPerson(const std::string& name, int64_t org, std::vector<v1::TargetGroup> groups,
                    std::optional<absl::CivilDay> training_start) {
    v1::CreateParticipantRequest r;
    r.mutable_participant()->set_display_name(name);
    r.mutable_participant()->set_organization_id(org);
    for (v1::TargetGroup g : groups) r.mutable_participant()->add_target_groups(g);
    if (training_start) {
      v1::LocalDate* start = r.mutable_participant()->mutable_training_start();
      start->set_year(static_cast<int>(training_start->year()));
      start->set_month(training_start->month());
      start->set_day(training_start->day());
    }
    v1::Participant p;
    grpc::Status s = Call(*people_, &v1::ParticipantService::Stub::CreateParticipant, r, &p);
    EXPECT_TRUE(s.ok()) << s.error_message();
    return p.id();
  }

  void Enrol(int64_t series, int64_t person) {
    v1::RequestEnrolmentRequest r;
    r.set_series_id(series);
    r.set_participant_id(person);
    v1::Enrolment e;
    grpc::Status s = Call(*enrolments_, &v1::EnrolmentService::Stub::RequestEnrolment, r, &e);
    EXPECT_TRUE(s.ok()) << s.error_message();
  }

  // Transferred from the paper sign-in sheet, as a coordinator does for
  // sessions before the enrolments were entered.
  void Record(int64_t session, const std::vector<int64_t>& people,
              const std::vector<v1::AttendanceStatus>& statuses) {
    v1::RecordAttendanceSheetRequest r;
    r.set_session_id(session);
    r.set_reason("aus der unterschriebenen Teilnehmerliste übertragen");
    for (size_t i = 0; i < people.size(); ++i) {
      v1::AttendanceMark* m = r.add_marks();
      m->set_participant_id(people[i]);
      m->set_status(statuses[i]);
    }
    v1::AttendanceSheet sheet;
    grpc::Status s =
        Call(*attendance_, &v1::AttendanceService::Stub::RecordAttendanceSheet, r, &sheet);
    EXPECT_TRUE(s.ok()) << s.error_message();
  }

  v1::GetFunderReportRequest Year(int year, int k = 0) {
    v1::GetFunderReportRequest r;
    r.mutable_period()->set_year(year);
    r.set_organization_id(org_);
    r.set_min_persons(k);
    return r;
  }

  grpc::Status Report(const v1::GetFunderReportRequest& r, v1::FunderReport* out) {
    return Call(*reports_, &v1::ReportService::Stub::GetFunderReport, r, out);
  }

  // The report of the organisation's 2021 changed by `change`, asked for as
  // `token`'s account (the admin's if empty), when the call is made.
  std::function<grpc::Status()> Report2021With(
      std::function<void(v1::GetFunderReportRequest&)> change, const std::string& token = "") {
    return [this, change, token] {
      v1::GetFunderReportRequest r = Year(2021);
      change(r);
      v1::FunderReport out;
      return As(token.empty() ? token_ : token, [&] { return Report(r, &out); });
    };
  }

  v1::FunderReport ReportOk(const v1::GetFunderReportRequest& r) {
    v1::FunderReport out;
    grpc::Status s = Report(r, &out);
    EXPECT_TRUE(s.ok()) << s.error_message();
    return out;
  }

  static const v1::ReportTable& Table(const v1::FunderReport& r, v1::ReportBreakdown b) {
    for (const auto& t : r.tables()) {
      if (t.breakdown() == b) return t;
    }
    ADD_FAILURE() << "no table " << b;
    static const v1::ReportTable kNone;
    return kNone;
  }

  // "n" or "." (suppressed), per row, in order; then the total.
  static std::vector<std::string> Shown(const v1::ReportTable& t) {
    std::vector<std::string> out;
    auto shown = [](const v1::ReportCount& c) {
      if (c.suppressed()) {
        EXPECT_EQ(c.value(), 0) << "a suppressed count never carries its value";
        return std::string(".");
      }
      return std::to_string(c.value());
    };
    for (const auto& row : t.rows()) out.push_back(shown(row.persons()));
    out.push_back(shown(t.total()));
    return out;
  }

  std::unique_ptr<v1::ReportService::Stub> reports_;
  std::unique_ptr<v1::AttendanceService::Stub> attendance_;
  int64_t org_ = 0, other_org_ = 0, first_ = 0, second_ = 0;
  int64_t march_1_ = 0, march_8_ = 0, june_ = 0, next_year_ = 0;
  std::vector<int64_t> volunteers_;
  int64_t absent_only_ = 0, apprentice_ = 0;
};

}  // namespace trainhub::api_test

#endif  // TRAINHUB_TESTS_API_REPORT_FIXTURE_H_
