// EnrolmentService: concurrent requests against capacity, bad enrolment input.

#include "api/access_matrix.h"
#include "api/api_fixture.h"

namespace trainhub::api_test {
namespace {

// EnrolmentService's rows of the access matrix (access_matrix.h).
TH_ACCESS_ROWS(kEnrolmentServiceRows,
               {
                   {"EnrolmentService/RequestEnrolment",
                    [](const AccessObjects& o) {
                      v1::RequestEnrolmentRequest r;
                      r.set_series_id(o.series);
                      r.set_participant_id(o.participant);
                      return Bytes(r);
                    },
                    // Their own request: admitted (and answered that they are enrolled already).
                    kPlannerOrSelf},
                   {"EnrolmentService/EnrolCohort",
                    [](const AccessObjects& o) {
                      v1::EnrolCohortRequest r;
                      r.set_series_id(o.series);
                      r.add_participant_ids(o.participant);
                      return Bytes(r);
                    },
                    kPlannerOwn},
                   {"EnrolmentService/GetEnrolment",
                    [](const AccessObjects& o) {
                      v1::GetEnrolmentRequest r;
                      r.set_id(o.enrolment);
                      return Bytes(r);
                    },
                    {true, false, true, false, true, false}},
                   {"EnrolmentService/ListEnrolments",
                    [](const AccessObjects& o) {
                      v1::ListEnrolmentsRequest r;
                      r.set_series_id(o.series);
                      return Bytes(r);
                    },
                    // A series' list is its roster: refused to participants (they list their
                    // own enrolments by naming themselves).
                    {true, false, true, false, false, false}},
                   {"EnrolmentService/ListEnrolmentHistory",
                    [](const AccessObjects& o) {
                      v1::ListEnrolmentHistoryRequest r;
                      r.set_enrolment_id(o.enrolment);
                      return Bytes(r);
                    },
                    kPlannerOrSelf},
                   {"EnrolmentService/ApproveEnrolment",
                    [](const AccessObjects& o) {
                      v1::ApproveEnrolmentRequest r;
                      r.set_id(o.enrolment);
                      return Bytes(r);
                    },
                    kPlannerOwn},
                   {"EnrolmentService/RejectEnrolment",
                    [](const AccessObjects& o) {
                      v1::RejectEnrolmentRequest r;
                      r.set_id(o.enrolment);
                      r.set_reason("Kein Platz");
                      return Bytes(r);
                    },
                    kPlannerOwn},
                   {"EnrolmentService/ConfirmEnrolment",
                    [](const AccessObjects& o) {
                      v1::ConfirmEnrolmentRequest r;
                      r.set_id(o.enrolment);
                      return Bytes(r);
                    },
                    kPlannerOrSelf},
                   {"EnrolmentService/ReleaseUnconfirmedSeats",
                    [](const AccessObjects& o) {
                      v1::ReleaseUnconfirmedSeatsRequest r;
                      r.set_series_id(o.series);
                      return Bytes(r);
                    },
                    kPlannerOwn},
                   {"EnrolmentService/WithdrawEnrolment",
                    [](const AccessObjects& o) {
                      v1::WithdrawEnrolmentRequest r;
                      r.set_id(o.enrolment);
                      r.set_reason("Umzug");
                      return Bytes(r);
                    },
                    kPlannerOrSelf, /*order=*/1},
               });

class EnrolmentServiceTest : public ApiTest {
 protected:
  // `count` volunteers of `org` ("Person 0", "Person 1", ...), their ids.
  std::vector<int64_t> CreateVolunteers(int64_t org, int count) {
    std::vector<int64_t> ids;
    for (int i = 0; i < count; ++i) {
      v1::CreateParticipantRequest r;
      r.mutable_participant()->set_display_name("Person " + std::to_string(i));
      r.mutable_participant()->set_organization_id(org);
      r.mutable_participant()->add_target_groups(v1::TARGET_GROUP_VOLUNTEERS);
      v1::Participant p;
      if (!Call(*people_, &v1::ParticipantService::Stub::CreateParticipant, r, &p).ok()) break;
      ids.push_back(p.id());
    }
    return ids;
  }
  // Each of `people` asks for a seat in `series`, every client on its own
  // channel, all released at once; how many calls failed.
  int EnrolAllAtOnce(int64_t series, const std::vector<int64_t>& people) {
    std::atomic<bool> go{false};
    std::atomic<int> failed{0};
    std::vector<std::thread> clients;
    for (int64_t person : people) {
      clients.emplace_back([&, person] {
        auto stub = v1::EnrolmentService::NewStub(server_->InProcessChannel());
        v1::RequestEnrolmentRequest r;
        r.set_series_id(series);
        r.set_participant_id(person);
        v1::Enrolment out;
        while (!go.load()) std::this_thread::yield();
        if (!Call(*stub, &v1::EnrolmentService::Stub::RequestEnrolment, r, &out).ok()) ++failed;
      });
    }
    go = true;
    for (auto& t : clients) t.join();
    return failed.load();
  }

  // The series' enrolments in arrival order (up to 500).
  std::vector<v1::Enrolment> Roster(int64_t series_id) {
    v1::ListEnrolmentsRequest r;
    r.set_series_id(series_id);
    r.set_page_size(500);
    v1::ListEnrolmentsResponse out;
    EXPECT_TRUE(Call(*enrolments_, &v1::EnrolmentService::Stub::ListEnrolments, r, &out).ok());
    return std::vector<v1::Enrolment>(out.enrolments().begin(), out.enrolments().end());
  }
};

TEST_F(EnrolmentServiceTest,
       ConcurrentEnrolmentsFillExactlyTheSeatsAndWaitlistTheRestInArrivalOrder) {
  constexpr int kCapacity = 10, kPeople = 48, kWithdrawals = 5;
  const int64_t org = CreateOrganization("Landkreis Harz");
  v1::CreateSeriesRequest create;
  create.mutable_series()->set_organization_id(org);
  create.mutable_series()->set_title("Interkultur im Ehrenamt");
  create.mutable_series()->set_kind(v1::SERIES_KIND_VOLUNTEER_COURSE);
  create.mutable_series()->set_capacity(kCapacity);
  v1::Series series;
  ASSERT_TRUE(Call(*series_, &v1::SeriesService::Stub::CreateSeries, create, &series).ok());
  const std::vector<int64_t> people = CreateVolunteers(org, kPeople);
  ASSERT_EQ(people.size(), static_cast<size_t>(kPeople));
  std::atomic<int> failed{0};
  ASSERT_EQ(EnrolAllAtOnce(series.id(), people), 0);

  // Listed in arrival order: the first kCapacity hold the seats, then the
  // waiting list counts 1, 2, 3, ...
  std::vector<v1::Enrolment> all = Roster(series.id());
  ASSERT_EQ(all.size(), static_cast<size_t>(kPeople));
  for (int i = 0; i < kPeople; ++i) {
    if (i > 0) {
      EXPECT_LT(all[i - 1].queue_number(), all[i].queue_number());
    }
    if (i < kCapacity) {
      EXPECT_EQ(all[i].state(), v1::ENROLMENT_STATE_ENROLLED) << i;
    } else {
      EXPECT_EQ(all[i].state(), v1::ENROLMENT_STATE_WAITLISTED) << i;
      EXPECT_EQ(all[i].waitlist_position(), i - kCapacity + 1);
    }
  }

  // Concurrent withdrawals of seat holders promote the first waiting, in order.
  std::vector<std::thread> leavers;
  for (int i = 0; i < kWithdrawals; ++i) {
    leavers.emplace_back([&, id = all[i].id()] {
      auto stub = v1::EnrolmentService::NewStub(server_->InProcessChannel());
      v1::WithdrawEnrolmentRequest r;
      r.set_id(id);
      r.set_reason("kann nicht mehr");
      v1::Enrolment out;
      if (!Call(*stub, &v1::EnrolmentService::Stub::WithdrawEnrolment, r, &out).ok()) ++failed;
    });
  }
  for (auto& t : leavers) t.join();
  ASSERT_EQ(failed.load(), 0);
  std::vector<v1::Enrolment> after = Roster(series.id());
  int seats = 0, waiting = 0;
  for (int i = 0; i < kPeople; ++i) {
    const v1::Enrolment& e = after[i];
    if (i < kWithdrawals) {
      EXPECT_EQ(e.state(), v1::ENROLMENT_STATE_WITHDRAWN);
    } else if (i < kCapacity + kWithdrawals) {
      EXPECT_EQ(e.state(), v1::ENROLMENT_STATE_ENROLLED) << i;
      ++seats;
    } else {
      EXPECT_EQ(e.state(), v1::ENROLMENT_STATE_WAITLISTED) << i;
      EXPECT_EQ(e.waitlist_position(), ++waiting);
    }
  }
  EXPECT_EQ(seats, kCapacity);
  v1::GetSeriesRequest get;
  get.set_id(series.id());
  ASSERT_TRUE(Call(*series_, &v1::SeriesService::Stub::GetSeries, get, &series).ok());
  EXPECT_EQ(series.seats_taken(), kCapacity);
  EXPECT_EQ(series.waitlist_length(), kPeople - kCapacity - kWithdrawals);
}

TEST_F(ApiTest, BadEnrolmentRequestsAreRefusedNamingTheFieldAndChangeNothing) {
  const int64_t org = CreateOrganization("Landkreis Harz");
  v1::Series open = CreateSeries(org, "Interkultur im Ehrenamt");
  v1::Series cancelled = CreateSeries(org, "Abgesagt");
  v1::CancelSeriesRequest cancel;
  cancel.set_id(cancelled.id());
  ASSERT_TRUE(Call(*series_, &v1::SeriesService::Stub::CancelSeries, cancel, &cancelled).ok());
  const v1::Participant jana = CreatePerson(org, "Jana Beispiel");
  const v1::Participant manager = CreatePerson(org, "Dr. Weber", v1::TARGET_GROUP_MANAGERS);
  ASSERT_FALSE(HasFailure());
  v1::RequestEnrolmentRequest enrol;
  enrol.set_series_id(open.id());
  enrol.set_participant_id(jana.id());
  v1::Enrolment enrolment;
  ASSERT_TRUE(
      Call(*enrolments_, &v1::EnrolmentService::Stub::RequestEnrolment, enrol, &enrolment).ok());
  const std::string before = Snapshot();

  using ES = v1::EnrolmentService::Stub;
  auto request = [&](int64_t series_id, int64_t participant_id) {
    v1::RequestEnrolmentRequest r;
    r.set_series_id(series_id);
    r.set_participant_id(participant_id);
    return Calling(*enrolments_, &ES::RequestEnrolment, r);
  };
  auto withdraw = [&](int64_t id, const std::string& reason) {
    v1::WithdrawEnrolmentRequest r;
    r.set_id(id);
    r.set_reason(reason);
    return Calling(*enrolments_, &ES::WithdrawEnrolment, r);
  };
  auto import = [&](const std::string& csv) {
    v1::ImportParticipantsRequest r;
    r.set_organization_id(org);
    r.set_csv(csv);
    return Calling(*people_, &v1::ParticipantService::Stub::ImportParticipants, r);
  };
  v1::ConfirmEnrolmentRequest confirm;
  confirm.set_id(enrolment.id());
  v1::ListEnrolmentsRequest unknown_state;
  unknown_state.add_states(static_cast<v1::EnrolmentState>(42));
  v1::EnrolCohortRequest no_members;
  no_members.set_series_id(open.id());
  const auto kPrecondition = grpc::StatusCode::FAILED_PRECONDITION;
  std::vector<BadRequest> cases = {
      {"enrolling twice", request(open.id(), jana.id()), grpc::StatusCode::ALREADY_EXISTS,
       "participant_id"},
      {"unknown person", request(open.id(), 9999), grpc::StatusCode::NOT_FOUND, "participant_id"},
      {"unknown series", request(9999, jana.id()), grpc::StatusCode::NOT_FOUND, "series_id"},
      {"no series", request(0, jana.id()), grpc::StatusCode::INVALID_ARGUMENT, "series_id"},
      {"admin without a participant record", request(open.id(), 0),
       grpc::StatusCode::INVALID_ARGUMENT, "participant_id"},
      {"cancelled series", request(cancelled.id(), jana.id()), kPrecondition, ""},
      {"outside the target groups", request(open.id(), manager.id()), kPrecondition,
       "participant_id"},
      {"withdrawal without reason", withdraw(enrolment.id(), " "),
       grpc::StatusCode::INVALID_ARGUMENT, "reason"},
      {"withdrawing someone not enrolled", withdraw(9999, "x"), grpc::StatusCode::NOT_FOUND, "id"},
      {"confirming where no confirmation is asked",
       Calling(*enrolments_, &ES::ConfirmEnrolment, confirm), kPrecondition, ""},
      {"unknown state filter", Calling(*enrolments_, &ES::ListEnrolments, unknown_state),
       grpc::StatusCode::INVALID_ARGUMENT, "states[0]"},
      {"cohort without members", Calling(*enrolments_, &ES::EnrolCohort, no_members),
       grpc::StatusCode::INVALID_ARGUMENT, "participant_ids"},
      {"csv with an open quote", import("Name;Zielgruppe\n\"Omar;Ehrenamt\n"),
       grpc::StatusCode::INVALID_ARGUMENT, "csv"},
      {"csv in Latin-1", import("Name;Zielgruppe\nJ\xfcrgen;Ehrenamt\n"),
       grpc::StatusCode::INVALID_ARGUMENT, "csv"},
      {"csv with a bad row",
       import("Name;E-Mail;Zielgruppe\nOmar;omar@example.org;Ehrenamt\nX;kein;Ehrenamt\n"),
       grpc::StatusCode::INVALID_ARGUMENT, "csv line 3 E-Mail"},
  };
  ExpectRefused(cases);
  EXPECT_EQ(Snapshot(), before) << "a rejected request changed data";
}

}  // namespace
}  // namespace trainhub::api_test
