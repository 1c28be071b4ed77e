// Every RPC of every service: malformed input, the role policy, and the role x own/foreign object
// matrix.

#include "api/api_fixture.h"

namespace trainhub::api_test {
namespace {

TEST_F(ApiTest, EveryRpcRefusesMalformedUtf8AndGarbageNamingTheField) {
  const std::string before = Snapshot();
  int checked_utf8 = 0;
  for (const auto* service : AllServices()) {
    for (int m = 0; m < service->method_count(); ++m) {
      const auto* method = service->method(m);
      const std::string path = "/" + service->full_name() + "/" + method->name();
      std::string field;
      const std::string bad = WithBadString(*method->input_type(), &field);
      if (!bad.empty()) {
        ++checked_utf8;
        grpc::Status status = RawCall(channel_, path, bad, token_);
        EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT)
            << path << ": " << status.error_message();
        EXPECT_EQ(FieldOf(status), field) << path;
      }
      // Not protobuf at all: a field header that promises more bytes.
      grpc::Status garbage = RawCall(channel_, path, std::string("\x0a\x7f", 2), token_);
      EXPECT_EQ(garbage.error_code(), grpc::StatusCode::INVALID_ARGUMENT)
          << path << ": " << garbage.error_message();
    }
  }
  EXPECT_GE(checked_utf8, 15);
  EXPECT_EQ(Snapshot(), before);
}

// Every RPC of every trainhub service has an access rule, refuses calls
// without a token (except Login), and admits exactly the roles its rule
// names. Empty requests: an admitted call fails on its input instead.
TEST_F(ApiTest, EveryRpcFollowsThePolicyForEveryRole) {
  const int64_t org = CreateOrganization("Stadt Dessau-Roßlau");
  const int64_t trainer = CreateTrainer("Katrin Vogel", "katrin@example.org");
  struct Caller {
    std::string name;
    domain::RoleGrant grant;
    std::string token;
  };
  std::vector<Caller> callers = {
      {"admin", {domain::Role::kAdmin}, ""},
      {"coordinator", {domain::Role::kCoordinator, org}, ""},
      {"trainer", {domain::Role::kTrainer, 0, trainer}, ""},
      {"participant", {domain::Role::kParticipant}, ""},
  };
  for (Caller& caller : callers) {
    domain::Account account;
    account.email = caller.name + "@policy.example.org";
    account.display_name = caller.name;
    account.roles = {caller.grant};
    ASSERT_TRUE(
        server_->accounts().CreateAccount(domain::Principal::System(), account, kPassword).ok());
    caller.token = LoginAs(account.email);
  }
  auto admits = [](domain::Callers rule, domain::Role role) {
    using domain::Role;
    switch (rule) {
      case domain::Callers::kAnyone:
      case domain::Callers::kSignedIn:
        return true;
      case domain::Callers::kAdmin:
        return role == Role::kAdmin;
      case domain::Callers::kPlanners:
        return role == Role::kAdmin || role == Role::kCoordinator;
      case domain::Callers::kStaff:
        return role != Role::kParticipant;
    }
    return false;
  };
  int checked = 0;
  {
    for (const auto* service : AllServices()) {
      for (int m = 0; m < service->method_count(); ++m) {
        const std::string key = service->full_name() + "/" + service->method(m)->name();
        const std::string path = "/" + key;
        auto rule = domain::RolePolicy().find(key);
        ASSERT_NE(rule, domain::RolePolicy().end()) << key << " has no policy entry";
        ++checked;
        if (rule->second == domain::Callers::kAnyone) continue;
        EXPECT_EQ(RawCall(channel_, path, "", "").error_code(), grpc::StatusCode::UNAUTHENTICATED)
            << key;
        EXPECT_EQ(RawCall(channel_, path, "", "forged-token").error_code(),
                  grpc::StatusCode::UNAUTHENTICATED)
            << key;
        for (const Caller& caller : callers) {
          if (key == "trainhub.v1.AccountService/Logout") continue;  // would end the session
          const grpc::StatusCode code = RawCall(channel_, path, "", caller.token).error_code();
          if (admits(rule->second, caller.grant.role)) {
            EXPECT_NE(code, grpc::StatusCode::PERMISSION_DENIED) << key << " as " << caller.name;
            EXPECT_NE(code, grpc::StatusCode::UNAUTHENTICATED) << key << " as " << caller.name;
          } else {
            EXPECT_EQ(code, grpc::StatusCode::PERMISSION_DENIED) << key << " as " << caller.name;
          }
        }
      }
    }
  }
  EXPECT_EQ(static_cast<size_t>(checked), domain::RolePolicy().size()) << "a rule names no RPC";
}

// Every RPC against every role with own and foreign objects: the coordinator
// of organisation A, trainer TA (booked in A's session), a participant and
// an admin call each RPC on A's objects ("own") and on B's ("foreign").
// "Admitted" means anything but PERMISSION_DENIED.
TEST_F(ApiTest, EveryRpcAdmitsOwnAndRefusesForeignObjectsPerRole) {
  struct Objects {
    int64_t org = 0, series = 0, module = 0, session = 0, trainer = 0, spare_session = 0,
            participant = 0, enrolment = 0, qualification = 0;
  };
  Objects own, foreign;
  own.org = CreateOrganization("Organisation A");
  foreign.org = CreateOrganization("Organisation B");
  own.trainer = CreateTrainer("Trainer A", "ta@example.org");
  foreign.trainer = CreateTrainer("Trainer B", "tb@example.org");
  int day = 1;
  auto participants = v1::ParticipantService::NewStub(channel_);
  for (Objects* o : {&own, &foreign}) {
    v1::CreateParticipantRequest person;
    person.mutable_participant()->set_display_name("Teilnehmerin");
    person.mutable_participant()->set_organization_id(o->org);
    person.mutable_participant()->add_target_groups(v1::TARGET_GROUP_VOLUNTEERS);
    v1::Participant created;
    ASSERT_TRUE(
        Call(*participants, &v1::ParticipantService::Stub::CreateParticipant, person, &created)
            .ok());
    o->participant = created.id();
    o->series = CreateSeries(o->org, "Reihe").id();
    o->module = CreateModule(o->series, "Modul").id();
    v1::Session session;
    ASSERT_TRUE(CreateSession(o->series, o->module, Utc(2028, 2, day, 8, 0),
                              Utc(2028, 2, day, 12, 0), {o->trainer}, &session)
                    .ok());
    o->session = session.id();
    ++day;
    ASSERT_TRUE(CreateSession(o->series, o->module, Utc(2028, 2, day + 10, 8, 0),
                              Utc(2028, 2, day + 10, 12, 0), {}, &session)
                    .ok());
    o->spare_session = session.id();
    v1::RequestEnrolmentRequest enrol;
    enrol.set_series_id(o->series);
    enrol.set_participant_id(o->participant);
    v1::Enrolment enrolment;
    ASSERT_TRUE(
        Call(*enrolments_, &v1::EnrolmentService::Stub::RequestEnrolment, enrol, &enrolment).ok());
    ASSERT_EQ(enrolment.state(), v1::ENROLMENT_STATE_ENROLLED);
    o->enrolment = enrolment.id();
    v1::RecordQualificationRequest qualify;
    qualify.set_participant_id(o->participant);
    qualify.mutable_qualification()->set_title("Diversity Trainer:in");
    v1::Qualification qualification;
    ASSERT_TRUE(Call(*participants, &v1::ParticipantService::Stub::RecordQualification, qualify,
                     &qualification)
                    .ok());
    o->qualification = qualification.id();
  }
  auto account = [&](const std::string& email, domain::RoleGrant grant) {
    domain::Account a;
    a.email = email;
    a.display_name = email;
    a.roles = {grant};
    EXPECT_TRUE(server_->accounts().CreateAccount(domain::Principal::System(), a, kPassword).ok());
    return LoginAs(email);
  };
  // Callers in the order they run: a successful delete by one must not
  // change what the next may do.
  const std::vector<std::pair<std::string, std::string>> callers = {
      {"participant",
       account("p@example.org", {domain::Role::kParticipant, 0, 0, own.participant})},
      {"trainer", account("t@example.org", {domain::Role::kTrainer, 0, own.trainer})},
      {"coordinator", account("c@example.org", {domain::Role::kCoordinator, own.org})},
      {"admin", token_},
  };
  using Build = std::function<std::string(const Objects&)>;
  struct Row {
    std::string rpc;
    Build request;
    // coordinator own/foreign, trainer own/foreign, participant own/foreign
    std::array<bool, 6> admitted;
  };
  auto bytes = [](const google::protobuf::Message& m) { return m.SerializeAsString(); };
  auto ts = [](google::protobuf::Timestamp* t, int hour) { *t = Utc(2029, 1, 5, hour, 0); };
  const std::array<bool, 6> kAll = {true, true, true, true, true, true};
  const std::array<bool, 6> kPlannerOwn = {true, false, false, false, false, false};
  const std::array<bool, 6> kSeeOwn = {true, false, true, false, false, false};
  // The own participant is enrolled in the own series: they see it in every status.
  const std::array<bool, 6> kSeeOwnOrEnrolled = {true, false, true, false, true, false};
  const std::array<bool, 6> kStaff = {true, true, true, true, false, false};
  const std::array<bool, 6> kPlanners = {true, true, false, false, false, false};
  const std::array<bool, 6> kAdminOnly = {false, false, false, false, false, false};
  std::vector<Row> rows = {
      {"AccountService/GetCurrentAccount", [&](const Objects&) { return std::string(); }, kAll},
      {"AccountService/CreateAccount", [&](const Objects&) { return std::string(); }, kAdminOnly},
      {"AccountService/ListAccounts", [&](const Objects&) { return std::string(); }, kAdminOnly},
      {"AccountService/RevokeTokens", [&](const Objects&) { return std::string(); }, kAdminOnly},
      {"AuditService/ListAuditEvents", [&](const Objects&) { return std::string(); }, kPlanners},
      {"OrganizationService/CreateOrganization", [&](const Objects&) { return std::string(); },
       kAdminOnly},
      {"OrganizationService/GetOrganization",
       [&](const Objects& o) {
         v1::GetOrganizationRequest r;
         r.set_id(o.org);
         return bytes(r);
       },
       kAll},
      {"OrganizationService/ListOrganizations", [&](const Objects&) { return std::string(); },
       kAll},
      {"OrganizationService/UpdateOrganization",
       [&](const Objects& o) {
         v1::UpdateOrganizationRequest r;
         r.mutable_organization()->set_id(o.org);
         r.mutable_update_mask()->add_paths("city");
         return bytes(r);
       },
       kAdminOnly},
      {"ParticipantService/CreateParticipant",
       [&](const Objects& o) {
         v1::CreateParticipantRequest r;
         r.mutable_participant()->set_display_name("Neu");
         r.mutable_participant()->set_organization_id(o.org);
         r.mutable_participant()->add_target_groups(v1::TARGET_GROUP_OTHER);
         return bytes(r);
       },
       kPlannerOwn},
      {"ParticipantService/GetParticipant",
       [&](const Objects& o) {
         v1::GetParticipantRequest r;
         r.set_id(o.participant);
         return bytes(r);
       },
       {true, false, false, false, true, false}},
      {"ParticipantService/ListParticipants", [&](const Objects&) { return std::string(); }, kAll},
      {"ParticipantService/UpdateParticipant",
       [&](const Objects& o) {
         v1::UpdateParticipantRequest r;
         r.mutable_participant()->set_id(o.participant);
         r.mutable_participant()->set_display_name("Umbenannt");
         r.mutable_update_mask()->add_paths("display_name");
         return bytes(r);
       },
       kPlannerOwn},
      {"ParticipantService/ImportParticipants",
       [&](const Objects& o) {
         v1::ImportParticipantsRequest r;
         r.set_organization_id(o.org);
         r.set_csv("Name;Zielgruppe\nNeue Person;Ehrenamt\n");
         r.set_dry_run(true);
         return bytes(r);
       },
       kPlannerOwn},
      {"ParticipantService/RecordQualification",
       [&](const Objects& o) {
         v1::RecordQualificationRequest r;
         r.set_participant_id(o.participant);
         r.mutable_qualification()->set_title("Moderation");
         return bytes(r);
       },
       kPlannerOwn},
      {"ParticipantService/ListQualifications",
       [&](const Objects& o) {
         v1::ListQualificationsRequest r;
         r.set_participant_id(o.participant);
         return bytes(r);
       },
       {true, false, false, false, true, false}},
      {"EnrolmentService/RequestEnrolment",
       [&](const Objects& o) {
         v1::RequestEnrolmentRequest r;
         r.set_series_id(o.series);
         r.set_participant_id(o.participant);
         return bytes(r);
       },
       // Their own request: admitted (and answered that they are enrolled already).
       {true, false, false, false, true, false}},
      {"EnrolmentService/EnrolCohort",
       [&](const Objects& o) {
         v1::EnrolCohortRequest r;
         r.set_series_id(o.series);
         r.add_participant_ids(o.participant);
         return bytes(r);
       },
       kPlannerOwn},
      {"EnrolmentService/GetEnrolment",
       [&](const Objects& o) {
         v1::GetEnrolmentRequest r;
         r.set_id(o.enrolment);
         return bytes(r);
       },
       {true, false, true, false, true, false}},
      {"EnrolmentService/ListEnrolments",
       [&](const Objects& o) {
         v1::ListEnrolmentsRequest r;
         r.set_series_id(o.series);
         return bytes(r);
       },
       // A series' list is its roster: refused to participants (they list their
       // own enrolments by naming themselves).
       {true, false, true, false, false, false}},
      {"EnrolmentService/ListEnrolmentHistory",
       [&](const Objects& o) {
         v1::ListEnrolmentHistoryRequest r;
         r.set_enrolment_id(o.enrolment);
         return bytes(r);
       },
       {true, false, false, false, true, false}},
      {"EnrolmentService/ApproveEnrolment",
       [&](const Objects& o) {
         v1::ApproveEnrolmentRequest r;
         r.set_id(o.enrolment);
         return bytes(r);
       },
       kPlannerOwn},
      {"EnrolmentService/RejectEnrolment",
       [&](const Objects& o) {
         v1::RejectEnrolmentRequest r;
         r.set_id(o.enrolment);
         r.set_reason("Kein Platz");
         return bytes(r);
       },
       kPlannerOwn},
      {"EnrolmentService/ConfirmEnrolment",
       [&](const Objects& o) {
         v1::ConfirmEnrolmentRequest r;
         r.set_id(o.enrolment);
         return bytes(r);
       },
       {true, false, false, false, true, false}},
      {"EnrolmentService/ReleaseUnconfirmedSeats",
       [&](const Objects& o) {
         v1::ReleaseUnconfirmedSeatsRequest r;
         r.set_series_id(o.series);
         return bytes(r);
       },
       kPlannerOwn},
      {"TrainerService/CreateTrainer", [&](const Objects&) { return std::string(); }, kPlanners},
      {"TrainerService/GetTrainer",
       [&](const Objects& o) {
         v1::GetTrainerRequest r;
         r.set_id(o.trainer);
         return bytes(r);
       },
       {true, true, true, false, false, false}},
      {"TrainerService/ListTrainers", [&](const Objects&) { return std::string(); }, kPlanners},
      {"TrainerService/UpdateTrainer",
       [&](const Objects& o) {
         v1::UpdateTrainerRequest r;
         r.mutable_trainer()->set_id(o.trainer);
         r.mutable_update_mask()->add_paths("affiliation");
         return bytes(r);
       },
       kPlanners},
      {"SeriesService/CreateSeries",
       [&](const Objects& o) {
         v1::CreateSeriesRequest r;
         r.mutable_series()->set_organization_id(o.org);
         r.mutable_series()->set_title("Neue Reihe");
         r.mutable_series()->set_kind(v1::SERIES_KIND_OTHER);
         r.mutable_series()->set_capacity(5);
         return bytes(r);
       },
       kPlannerOwn},
      {"SeriesService/GetSeries",
       [&](const Objects& o) {
         v1::GetSeriesRequest r;
         r.set_id(o.series);
         return bytes(r);
       },
       kSeeOwnOrEnrolled},
      {"SeriesService/ListSeries", [&](const Objects&) { return std::string(); }, kAll},
      {"SeriesService/UpdateSeries",
       [&](const Objects& o) {
         v1::UpdateSeriesRequest r;
         r.mutable_series()->set_id(o.series);
         r.mutable_series()->set_title("Umbenannt");
         r.mutable_update_mask()->add_paths("title");
         return bytes(r);
       },
       kPlannerOwn},
      {"SeriesService/CreateModule",
       [&](const Objects& o) {
         v1::CreateModuleRequest r;
         r.set_series_id(o.series);
         r.mutable_module()->set_title("Zusatzmodul");
         return bytes(r);
       },
       kPlannerOwn},
      {"SeriesService/ListModules",
       [&](const Objects& o) {
         v1::ListModulesRequest r;
         r.set_series_id(o.series);
         return bytes(r);
       },
       kSeeOwnOrEnrolled},
      {"SeriesService/UpdateModule",
       [&](const Objects& o) {
         v1::UpdateModuleRequest r;
         r.set_series_id(o.series);
         r.mutable_module()->set_id(o.module);
         r.mutable_module()->set_teaching_units(4);
         r.mutable_update_mask()->add_paths("teaching_units");
         return bytes(r);
       },
       kPlannerOwn},
      {"SeriesService/MoveModule",
       [&](const Objects& o) {
         v1::MoveModuleRequest r;
         r.set_series_id(o.series);
         r.set_module_id(o.module);
         r.set_position(1);
         return bytes(r);
       },
       kPlannerOwn},
      {"SeriesService/CreateSession",
       [&](const Objects& o) {
         v1::CreateSessionRequest r;
         r.set_series_id(o.series);
         r.set_module_id(o.module);
         ts(r.mutable_session()->mutable_start_time(), 8);
         ts(r.mutable_session()->mutable_end_time(), 9);
         r.set_allow_overlap(true);
         return bytes(r);
       },
       kPlannerOwn},
      {"SeriesService/GetSession",
       [&](const Objects& o) {
         v1::GetSessionRequest r;
         r.set_id(o.session);
         return bytes(r);
       },
       kSeeOwnOrEnrolled},
      {"SeriesService/ListSessions",
       [&](const Objects& o) {
         v1::ListSessionsRequest r;
         r.set_series_id(o.series);
         return bytes(r);
       },
       kSeeOwnOrEnrolled},
      {"SeriesService/UpdateSession",
       [&](const Objects& o) {
         v1::UpdateSessionRequest r;
         r.mutable_session()->set_id(o.session);
         r.mutable_session()->set_note("Raum geändert");
         r.mutable_update_mask()->add_paths("note");
         return bytes(r);
       },
       kPlannerOwn},
      {"SeriesService/SetBookingStatus",
       [&](const Objects& o) {
         v1::SetBookingStatusRequest r;
         r.set_session_id(o.session);
         r.set_trainer_id(o.trainer);
         r.set_status(v1::BOOKING_STATUS_CONFIRMED);
         return bytes(r);
       },
       kSeeOwn},
      {"ScheduleService/ListTrainerSessions",
       [&](const Objects& o) {
         v1::ListTrainerSessionsRequest r;
         r.set_trainer_id(o.trainer);
         return bytes(r);
       },
       {true, true, true, false, false, false}},
      {"ScheduleService/ListSessionsInRange",
       [&](const Objects&) {
         v1::ListSessionsInRangeRequest r;
         *r.mutable_from() = Utc(2028, 1, 1, 0, 0);
         *r.mutable_to() = Utc(2029, 1, 1, 0, 0);
         return bytes(r);
       },
       kStaff},
      {"ScheduleService/ListPendingBookings", [&](const Objects&) { return std::string(); },
       kStaff},
      {"ScheduleService/ExportCalendar",
       [&](const Objects& o) {
         v1::ExportCalendarRequest r;
         r.set_series_id(o.series);
         return bytes(r);
       },
       kSeeOwnOrEnrolled},
      // Destructive rows last; without force they fail after admission.
      {"EnrolmentService/WithdrawEnrolment",
       [&](const Objects& o) {
         v1::WithdrawEnrolmentRequest r;
         r.set_id(o.enrolment);
         r.set_reason("Umzug");
         return bytes(r);
       },
       {true, false, false, false, true, false}},
      {"ParticipantService/DeleteQualification",
       [&](const Objects& o) {
         v1::DeleteQualificationRequest r;
         r.set_participant_id(o.participant);
         r.set_qualification_id(o.qualification);
         return bytes(r);
       },
       kPlannerOwn},
      {"SeriesService/DeleteModule",
       [&](const Objects& o) {
         v1::DeleteModuleRequest r;
         r.set_series_id(o.series);
         r.set_module_id(o.module);
         return bytes(r);
       },
       kPlannerOwn},
      {"SeriesService/DeleteSession",
       [&](const Objects& o) {
         v1::DeleteSessionRequest r;
         r.set_id(o.spare_session);
         return bytes(r);
       },
       kPlannerOwn},
      {"SeriesService/DeleteSeries",
       [&](const Objects& o) {
         v1::DeleteSeriesRequest r;
         r.set_id(o.series);
         return bytes(r);
       },
       kPlannerOwn},
      {"SeriesService/CancelSeries",
       [&](const Objects& o) {
         v1::CancelSeriesRequest r;
         r.set_id(o.series);
         return bytes(r);
       },
       kPlannerOwn},
  };
  std::set<std::string> covered = {"trainhub.v1.AccountService/Login",
                                   "trainhub.v1.AccountService/Logout"};
  for (const Row& row : rows) {
    const std::string key = "trainhub.v1." + row.rpc;
    covered.insert(key);
    for (const auto& [name, token] : callers) {
      for (bool own_target : {true, false}) {
        const grpc::StatusCode code =
            RawCall(channel_, "/" + key, row.request(own_target ? own : foreign), token)
                .error_code();
        bool expected = true;
        if (name != "admin") {
          const size_t column = (name == "coordinator" ? 0
                                 : name == "trainer"   ? 2
                                                       : 4) +
                                (own_target ? 0 : 1);
          expected = row.admitted[column];
        }
        const bool admitted = code != grpc::StatusCode::PERMISSION_DENIED;
        EXPECT_EQ(admitted, expected) << row.rpc << " as " << name << " on "
                                      << (own_target ? "own" : "foreign") << " objects: " << code;
        EXPECT_NE(code, grpc::StatusCode::UNAUTHENTICATED) << row.rpc << " as " << name;
      }
    }
  }
  for (const auto* service : AllServices()) {
    for (int m = 0; m < service->method_count(); ++m) {
      const std::string key = service->full_name() + "/" + service->method(m)->name();
      EXPECT_TRUE(covered.count(key)) << key << " has no row in this table";
    }
  }
}

}  // namespace
}  // namespace trainhub::api_test
