// Every RPC of every service: malformed input, the role policy, and the role x own/foreign object
// matrix.

#include <algorithm>

#include "api/access_matrix.h"
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

class AccessMatrixTest : public ApiTest {
 protected:
  // Gives `o` (its organisation and trainer set) a participant, a series with
  // a module, a session on `day` February 2028 booking its trainer, a spare
  // session eleven days later, the participant's enrolment and a qualification.
  void PlanFor(AccessObjects& o, int day) {
    auto participants = v1::ParticipantService::NewStub(channel_);
    v1::CreateParticipantRequest person;
    person.mutable_participant()->set_display_name("Teilnehmerin");
    person.mutable_participant()->set_organization_id(o.org);
    person.mutable_participant()->add_target_groups(v1::TARGET_GROUP_VOLUNTEERS);
    v1::Participant created;
    ASSERT_TRUE(
        Call(*participants, &v1::ParticipantService::Stub::CreateParticipant, person, &created)
            .ok());
    o.participant = created.id();
    o.series = CreateSeries(o.org, "Reihe").id();
    o.module = CreateModule(o.series, "Modul").id();
    v1::Session session;
    ASSERT_TRUE(CreateSession(o.series, o.module, Utc(2028, 2, day, 8, 0), Utc(2028, 2, day, 12, 0),
                              {o.trainer}, &session)
                    .ok());
    o.session = session.id();
    // The trainer confirms: confirmed trainers record attendance.
    v1::SetBookingStatusRequest confirm;
    confirm.set_session_id(o.session);
    confirm.set_trainer_id(o.trainer);
    confirm.set_status(v1::BOOKING_STATUS_CONFIRMED);
    ASSERT_TRUE(Call(*series_, &v1::SeriesService::Stub::SetBookingStatus, confirm, &session).ok());
    ASSERT_TRUE(CreateSession(o.series, o.module, Utc(2028, 2, day + 11, 8, 0),
                              Utc(2028, 2, day + 11, 12, 0), {}, &session)
                    .ok());
    o.spare_session = session.id();
    v1::RequestEnrolmentRequest enrol;
    enrol.set_series_id(o.series);
    enrol.set_participant_id(o.participant);
    v1::Enrolment enrolment;
    ASSERT_TRUE(
        Call(*enrolments_, &v1::EnrolmentService::Stub::RequestEnrolment, enrol, &enrolment).ok());
    ASSERT_EQ(enrolment.state(), v1::ENROLMENT_STATE_ENROLLED);
    o.enrolment = enrolment.id();
    v1::RecordQualificationRequest qualify;
    qualify.set_participant_id(o.participant);
    qualify.mutable_qualification()->set_title("Diversity Trainer:in");
    v1::Qualification qualification;
    ASSERT_TRUE(Call(*participants, &v1::ParticipantService::Stub::RecordQualification, qualify,
                     &qualification)
                    .ok());
    o.qualification = qualification.id();
  }

  // The objects of organisations A ("own") and B ("foreign"), and a
  // participant, trainer TA (booked in A's session), the coordinator of A and
  // an admin, in the order they call: a successful delete by one must not
  // change what the next may do.
  void SetUpOwnAndForeign() {
    own_.org = CreateOrganization("Organisation A");
    foreign_.org = CreateOrganization("Organisation B");
    own_.trainer = CreateTrainer("Trainer A", "ta@example.org");
    foreign_.trainer = CreateTrainer("Trainer B", "tb@example.org");
    PlanFor(own_, 1);
    if (HasFatalFailure()) return;
    PlanFor(foreign_, 2);
    if (HasFatalFailure()) return;
    auto account = [&](const std::string& email, domain::RoleGrant grant) {
      domain::Account a;
      a.email = email;
      a.display_name = email;
      a.roles = {grant};
      EXPECT_TRUE(
          server_->accounts().CreateAccount(domain::Principal::System(), a, kPassword).ok());
      return LoginAs(email);
    };
    callers_ = {
        {"participant",
         account("p@example.org", {domain::Role::kParticipant, 0, 0, own_.participant})},
        {"trainer", account("t@example.org", {domain::Role::kTrainer, 0, own_.trainer})},
        {"coordinator", account("c@example.org", {domain::Role::kCoordinator, own_.org})},
        {"admin", token_},
    };
  }

  // Every registered row; rows that end objects last (AccessRow::order).
  static std::vector<AccessRow> RowsInOrder() {
    std::vector<AccessRow> rows = AccessRows();
    std::stable_sort(rows.begin(), rows.end(),
                     [](const AccessRow& a, const AccessRow& b) { return a.order < b.order; });
    return rows;
  }

  AccessObjects own_, foreign_;
  std::vector<std::pair<std::string, std::string>> callers_;
};

// Every RPC against every role with own and foreign objects: the coordinator
// of organisation A, trainer TA (booked in A's session), a participant and
// an admin call each RPC on A's objects ("own") and on B's ("foreign").
// "Admitted" means anything but PERMISSION_DENIED.
TEST_F(AccessMatrixTest, EveryRpcAdmitsOwnAndRefusesForeignObjectsPerRole) {
  SetUpOwnAndForeign();
  if (HasFatalFailure()) return;
  const AccessObjects& own = own_;
  const AccessObjects& foreign = foreign_;
  const auto& callers = callers_;
  std::vector<AccessRow> rows = RowsInOrder();
  std::set<std::string> covered = {"trainhub.v1.AccountService/Login",
                                   "trainhub.v1.AccountService/Logout"};
  for (const AccessRow& row : rows) {
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

// A refusal must not tell whether the object exists: what a caller is told
// about another organisation's object reads as what it is told about an id
// that names nothing, apart from the numbers.
TEST_F(AccessMatrixTest, RefusalsOfForeignAndMissingObjectsReadAlike) {
  SetUpOwnAndForeign();
  if (HasFatalFailure()) return;
  AccessObjects missing;
  int64_t next = 987654;
  for (int64_t* id : {&missing.org, &missing.series, &missing.module, &missing.session,
                      &missing.trainer, &missing.spare_session, &missing.participant,
                      &missing.enrolment, &missing.qualification}) {
    *id = next++;
  }
  auto without_numbers = [](const std::string& text) {
    std::string out;
    for (size_t i = 0; i < text.size(); ++i) {
      const bool digit = text[i] >= '0' && text[i] <= '9';
      if (!digit) {
        out += text[i];
      } else if (out.empty() || out.back() != '#') {
        out += '#';
      }
    }
    return out;
  };
  int compared = 0;
  for (const AccessRow& row : RowsInOrder()) {
    const std::string path = "/trainhub.v1." + row.rpc;
    for (const auto& [name, token] : callers_) {
      if (name == "admin") continue;
      const grpc::Status foreign = RawCall(channel_, path, row.request(foreign_), token);
      const grpc::Status absent = RawCall(channel_, path, row.request(missing), token);
      if (foreign.error_code() != grpc::StatusCode::PERMISSION_DENIED) {
        EXPECT_NE(absent.error_code(), grpc::StatusCode::PERMISSION_DENIED)
            << row.rpc << " as " << name << " refuses a missing object but answers "
            << foreign.error_code() << " for a foreign one: " << absent.error_message();
        continue;
      }
      ++compared;
      EXPECT_EQ(absent.error_code(), grpc::StatusCode::PERMISSION_DENIED)
          << row.rpc << " as " << name << ": " << absent.error_message();
      EXPECT_EQ(without_numbers(absent.error_message()), without_numbers(foreign.error_message()))
          << row.rpc << " as " << name;
      EXPECT_EQ(FieldOf(absent), FieldOf(foreign)) << row.rpc << " as " << name;
    }
  }
  EXPECT_GE(compared, 100);
}

}  // namespace
}  // namespace trainhub::api_test
