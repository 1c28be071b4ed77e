// state_bench's data set (state_bench.h): each organisation with its
// people imported, its series, sessions and enrolments, and everyone's
// attendance at every session, written through the API.

#include <algorithm>
#include <array>
#include <atomic>
#include <thread>

#include "absl/time/civil_time.h"
#include "bench/state_bench.h"
#include "trainhub/v1/attendance.grpc.pb.h"
#include "trainhub/v1/enrolment.grpc.pb.h"
#include "trainhub/v1/organization.grpc.pb.h"
#include "trainhub/v1/participant.grpc.pb.h"
#include "trainhub/v1/series.grpc.pb.h"

namespace trainhub::bench {
namespace {

namespace v1 = ::trainhub::v1;

constexpr std::array<const char*, 20> kGivenNames = {
    "Jana",  "Omar",  "Ольга", "Zoë",   "Mehmet", "Aylin", "Lukas", "Fatima", "Jürgen", "Anh",
    "Chidi", "Marta", "Yusuf", "Sören", "Leyla",  "Paweł", "Ngozi", "Hana",   "Elif",   "Björn"};
constexpr std::array<const char*, 15> kFamilyNames = {
    "Beispiel", "Haddad",   "Иванова",  "Çelik", "Yılmaz", "Müller", "Nguyen", "Okafor",
    "Kowalski", "Schröder", "Al-Ahmad", "Weiß",  "Demir",  "Öztürk", "Kraus"};

v1::LocalDate Day(absl::CivilDay d) {
  v1::LocalDate out;
  out.set_year(static_cast<int>(d.year()));
  out.set_month(d.month());
  out.set_day(d.day());
  return out;
}

// Writes one organisation of the programme through the API.
class Loader {
 public:
  Loader(const std::shared_ptr<grpc::Channel>& channel, std::string bearer)
      : call_(std::move(bearer)),
        orgs_(v1::OrganizationService::NewStub(channel)),
        series_(v1::SeriesService::NewStub(channel)),
        people_(v1::ParticipantService::NewStub(channel)),
        enrolments_(v1::EnrolmentService::NewStub(channel)),
        attendance_(v1::AttendanceService::NewStub(channel)) {}

  // Organisation `index` with its people, series, sessions, enrolments and
  // attendance; its id, or 0 after printing why.
  int64_t LoadOrganization(int index) {
    v1::CreateOrganizationRequest org;
    org.mutable_organization()->set_name("Träger " + std::to_string(index + 1) + " im Land");
    org.mutable_organization()->set_kind(index % 3 == 0 ? v1::ORGANIZATION_KIND_MUNICIPALITY
                                                        : v1::ORGANIZATION_KIND_NGO);
    v1::Organization created;
    if (!Ok(call_.Call(*orgs_, &v1::OrganizationService::Stub::CreateOrganization, org, &created),
            "CreateOrganization")) {
      return 0;
    }
    std::vector<int64_t> people = ImportPeople(created.id(), index);
    if (people.size() != kPeoplePerOrganization) return 0;
    for (int s = 0; s < kSeriesPerOrganization; ++s) {
      if (!LoadSeries(created.id(), index * kSeriesPerOrganization + s, people)) return 0;
    }
    return created.id();
  }

 private:
  std::vector<int64_t> ImportPeople(int64_t organization_id, int index) {
    std::string csv = "Vorname;Nachname;E-Mail;Zielgruppe\n";
    for (int i = 0; i < kPeoplePerOrganization; ++i) {
      const int n = index * kPeoplePerOrganization + i;
      csv += std::string(kGivenNames[n % kGivenNames.size()]) + ";" +
             kFamilyNames[(n / kGivenNames.size()) % kFamilyNames.size()] + ";person" +
             std::to_string(n) + "@example.org;" + (i % 5 == 0 ? "Verwaltung" : "Ehrenamt") + "\n";
    }
    v1::ImportParticipantsRequest request;
    request.set_organization_id(organization_id);
    request.set_csv(csv);
    v1::ImportParticipantsResponse response;
    std::vector<int64_t> ids;
    if (!Ok(call_.Call(*people_, &v1::ParticipantService::Stub::ImportParticipants, request,
                       &response),
            "ImportParticipants")) {
      return ids;
    }
    for (const auto& row : response.imported()) ids.push_back(row.participant_id());
    return ids;
  }

  // Series `n` of the programme: its sessions lie between 2019 and 2025.
  bool LoadSeries(int64_t organization_id, int n, const std::vector<int64_t>& people) {
    v1::CreateSeriesRequest create;
    create.mutable_series()->set_organization_id(organization_id);
    create.mutable_series()->set_title(n % 2 == 0 ? "Interkultur im Ehrenamt " + std::to_string(n)
                                                  : "Vielfalts-Montag " + std::to_string(n));
    create.mutable_series()->set_kind(n % 2 == 0 ? v1::SERIES_KIND_VOLUNTEER_COURSE
                                                 : v1::SERIES_KIND_VIELFALTS_MONTAG);
    create.mutable_series()->set_capacity(kSeatsPerSeries);
    v1::Series series;
    if (!Ok(call_.Call(*series_, &v1::SeriesService::Stub::CreateSeries, create, &series),
            "CreateSeries")) {
      return false;
    }
    const absl::CivilDay first = absl::CivilDay(2019, 1, 7) + (n * 7) % (6 * 365);
    std::vector<int64_t> sessions;
    for (int m = 0; m < kModulesPerSeries; ++m) {
      v1::CreateModuleRequest module;
      module.set_series_id(series.id());
      module.mutable_module()->set_title("Modul " + std::to_string(m + 1));
      module.mutable_module()->set_teaching_units(24);
      v1::Module created;
      if (!Ok(call_.Call(*series_, &v1::SeriesService::Stub::CreateModule, module, &created),
              "CreateModule")) {
        return false;
      }
      v1::CreateSessionDaysRequest days;
      days.set_series_id(series.id());
      days.set_module_id(created.id());
      *days.mutable_first_day() = Day(first + 14 * m);
      *days.mutable_last_day() = Day(first + 14 * m + kDaysPerModule - 1);
      days.mutable_daily_start()->set_hours(9);
      days.mutable_daily_end()->set_hours(16);
      v1::CreateSessionDaysResponse made;
      if (!Ok(call_.Call(*series_, &v1::SeriesService::Stub::CreateSessionDays, days, &made),
              "CreateSessionDays")) {
        return false;
      }
      for (const auto& s : made.sessions()) sessions.push_back(s.id());
    }
    v1::EnrolCohortRequest cohort;
    cohort.set_series_id(series.id());
    std::vector<int64_t> seated;
    for (int i = 0; i < kSeatsPerSeries; ++i) {
      seated.push_back(people[(n * kSeatsPerSeries + i) % people.size()]);
      cohort.add_participant_ids(seated.back());
    }
    v1::EnrolCohortResponse enrolled;
    if (!Ok(call_.Call(*enrolments_, &v1::EnrolmentService::Stub::EnrolCohort, cohort, &enrolled),
            "EnrolCohort")) {
      return false;
    }
    for (size_t s = 0; s < sessions.size(); ++s) {
      v1::RecordAttendanceSheetRequest sheet;
      sheet.set_session_id(sessions[s]);
      // The seats were taken today: the paper lists of then are transferred.
      sheet.set_reason("Übertrag aus der Papierliste");
      for (size_t i = 0; i < seated.size(); ++i) {
        v1::AttendanceMark* mark = sheet.add_marks();
        mark->set_participant_id(seated[i]);
        const size_t roll = (s * 31 + i * 17 + n) % 100;
        if (roll < 80) {
          mark->set_status(v1::ATTENDANCE_STATUS_PRESENT);
        } else if (roll < 88) {
          mark->set_status(v1::ATTENDANCE_STATUS_LATE);
          mark->set_minutes_missed(20);
        } else if (roll < 95) {
          mark->set_status(v1::ATTENDANCE_STATUS_EXCUSED);
        } else {
          mark->set_status(v1::ATTENDANCE_STATUS_ABSENT);
        }
      }
      v1::AttendanceSheet recorded;
      if (!Ok(call_.Call(*attendance_, &v1::AttendanceService::Stub::RecordAttendanceSheet, sheet,
                         &recorded),
              "RecordAttendanceSheet")) {
        return false;
      }
    }
    return true;
  }

  Authorized call_;
  std::unique_ptr<v1::OrganizationService::Stub> orgs_;
  std::unique_ptr<v1::SeriesService::Stub> series_;
  std::unique_ptr<v1::ParticipantService::Stub> people_;
  std::unique_ptr<v1::EnrolmentService::Stub> enrolments_;
  std::unique_ptr<v1::AttendanceService::Stub> attendance_;
};

}  // namespace

bool Load(BenchServer& bench, int first, int last, int threads, std::vector<int64_t>* ids) {
  std::atomic<int> next{first};
  std::atomic<bool> failed{false};
  ids->resize(std::max<size_t>(ids->size(), last));
  std::vector<std::thread> workers;
  for (int t = 0; t < threads; ++t) {
    workers.emplace_back([&] {
      Loader loader(bench.channel(), bench.bearer());
      for (int i = next++; i < last && !failed; i = next++) {
        const int64_t id = loader.LoadOrganization(i);
        if (id == 0) failed = true;
        (*ids)[i] = id;
      }
    });
  }
  for (auto& w : workers) w.join();
  return !failed;
}

}  // namespace trainhub::bench
