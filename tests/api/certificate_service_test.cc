// CertificateService, completion: the rule, everyone's outcome and forecast,
// a coordinator's decision with its history, what a participant sees, and
// bad input.

#include "api/access_matrix.h"
#include "api/api_fixture.h"
#include "trainhub/v1/attendance.grpc.pb.h"
#include "trainhub/v1/certificate.grpc.pb.h"

namespace trainhub::api_test {
namespace {

AccessRow CompletionRow(const std::string& rpc,
                        std::function<std::string(const AccessObjects&)> request,
                        std::array<bool, 6> admitted) {
  return {"CertificateService/" + rpc, std::move(request), admitted};
}

// CertificateService's rows of the access matrix (access_matrix.h): the
// series' planners; the enrolled participant for their own completion.
// Trainers do not see completion.
TH_ACCESS_ROWS(kCertificateServiceRows,
               {
                   CompletionRow(
                       "GetCompletionRule",
                       [](const AccessObjects& o) {
                         v1::GetCompletionRuleRequest r;
                         r.set_series_id(o.series);
                         return Bytes(r);
                       },
                       kPlannerOrSelf),
                   CompletionRow(
                       "SetCompletionRule",
                       [](const AccessObjects& o) {
                         v1::SetCompletionRuleRequest r;
                         r.mutable_rule()->set_series_id(o.series);
                         r.mutable_rule()->set_all_modules(true);
                         return Bytes(r);
                       },
                       kPlannerOwn),
                   CompletionRow(
                       "EvaluateCompletion",
                       [](const AccessObjects& o) {
                         v1::EvaluateCompletionRequest r;
                         r.set_series_id(o.series);
                         return Bytes(r);
                       },
                       kPlannerOrSelf),
                   CompletionRow(
                       "RecordCompletionDecision",
                       [](const AccessObjects& o) {
                         v1::RecordCompletionDecisionRequest r;
                         r.set_series_id(o.series);
                         r.set_participant_id(o.participant);
                         r.set_outcome(v1::COMPLETION_OUTCOME_CONFIRMATION);
                         r.set_reason("Nachweis aus dem Vorkurs");
                         return Bytes(r);
                       },
                       kPlannerOwn),
                   CompletionRow(
                       "ListCompletionDecisions",
                       [](const AccessObjects& o) {
                         v1::ListCompletionDecisionsRequest r;
                         r.set_series_id(o.series);
                         return Bytes(r);
                       },
                       kPlannerOwn),
               });

google::protobuf::Timestamp ProtoTime(absl::Time t) {
  google::protobuf::Timestamp out;
  out.set_seconds(absl::ToUnixSeconds(t));
  return out;
}

// A volunteer course: module 1 of two past days, module 2 one past day,
// module 3 (optional) ahead. Amina attended everything so far, Oleksandr
// missed module 2, Lan was excused on one day of module 1.
class CertificateServiceTest : public ApiTest {
 protected:
  void SetUp() override {
    ApiTest::SetUp();
    if (HasFatalFailure()) return;
    certificates_ = v1::CertificateService::NewStub(channel_);
    attendance_ = v1::AttendanceService::NewStub(channel_);
    org_ = CreateOrganization("Landesnetzwerk Ehrenamt e. V.");
    series_id_ = CreateSeries(org_, "Interkultur im Ehrenamt").id();
    const absl::Time now = absl::Now();
    const int64_t m1 = CreateModule(series_id_, "Grundlagen").id();
    const int64_t m2 = CreateModule(series_id_, "Kommunikation").id();
    const int64_t m3 = CreateModule(series_id_, "Vertiefung").id();
    past_ = {AddSession(m1, now - absl::Hours(24 * 21)), AddSession(m1, now - absl::Hours(24 * 20)),
             AddSession(m2, now - absl::Hours(24 * 7))};
    future_ = AddSession(m3, now + absl::Hours(24 * 7));
    for (const char* name : {"أمينة حداد", "Олександр Коваленко", "Nguyễn Thị Lan"}) {
      ids_.push_back(Enrol(name));
    }
    // Paper lists transferred: the people enrolled after these days.
    using S = v1::AttendanceStatus;
    Record(past_[0], {S::ATTENDANCE_STATUS_PRESENT, S::ATTENDANCE_STATUS_PRESENT,
                      S::ATTENDANCE_STATUS_EXCUSED});
    Record(past_[1],
           {S::ATTENDANCE_STATUS_LATE, S::ATTENDANCE_STATUS_PRESENT, S::ATTENDANCE_STATUS_PRESENT});
    Record(past_[2], {S::ATTENDANCE_STATUS_PRESENT, S::ATTENDANCE_STATUS_ABSENT,
                      S::ATTENDANCE_STATUS_PRESENT});
    domain::Account a;
    a.email = "amina@example.org";
    a.display_name = "Amina";
    a.roles = {{domain::Role::kParticipant, 0, 0, ids_[0]}};
    EXPECT_TRUE(server_->accounts().CreateAccount(domain::Principal::System(), a, kPassword).ok());
    participant_token_ = LoginAs("amina@example.org");
  }

  int64_t AddSession(int64_t module, absl::Time start) {
    v1::Session session;
    EXPECT_TRUE(CreateSession(series_id_, module, ProtoTime(start),
                              ProtoTime(start + absl::Hours(4)), {}, &session)
                    .ok());
    return session.id();
  }

  int64_t Enrol(const std::string& name) {
    v1::CreateParticipantRequest r;
    r.mutable_participant()->set_display_name(name);
    r.mutable_participant()->set_organization_id(org_);
    r.mutable_participant()->add_target_groups(v1::TARGET_GROUP_VOLUNTEERS);
    v1::Participant p;
    EXPECT_TRUE(Call(*people_, &v1::ParticipantService::Stub::CreateParticipant, r, &p).ok());
    v1::RequestEnrolmentRequest enrol;
    enrol.set_series_id(series_id_);
    enrol.set_participant_id(p.id());
    v1::Enrolment e;
    EXPECT_TRUE(Call(*enrolments_, &v1::EnrolmentService::Stub::RequestEnrolment, enrol, &e).ok());
    return p.id();
  }

  void Record(int64_t session, const std::vector<v1::AttendanceStatus>& statuses) {
    v1::RecordAttendanceSheetRequest r;
    r.set_session_id(session);
    r.set_reason("Teilnehmerliste auf Papier");
    for (size_t i = 0; i < statuses.size(); ++i) {
      auto* mark = r.add_marks();
      mark->set_participant_id(ids_[i]);
      mark->set_status(statuses[i]);
      if (statuses[i] == v1::ATTENDANCE_STATUS_LATE) mark->set_minutes_missed(20);
    }
    v1::AttendanceSheet sheet;
    grpc::Status s =
        Call(*attendance_, &v1::AttendanceService::Stub::RecordAttendanceSheet, r, &sheet);
    EXPECT_TRUE(s.ok()) << s.error_message();
  }

  grpc::Status SetRule(const v1::CompletionRule& rule, v1::CompletionRule* out) {
    v1::SetCompletionRuleRequest r;
    *r.mutable_rule() = rule;
    return Call(*certificates_, &v1::CertificateService::Stub::SetCompletionRule, r, out);
  }

  v1::CompletionRule GetRule() {
    v1::GetCompletionRuleRequest r;
    r.set_series_id(series_id_);
    v1::CompletionRule out;
    grpc::Status s =
        Call(*certificates_, &v1::CertificateService::Stub::GetCompletionRule, r, &out);
    EXPECT_TRUE(s.ok()) << s.error_message();
    return out;
  }

  grpc::Status Evaluate(v1::CompletionReport* out, std::vector<v1::CompletionProgress> only = {},
                        int64_t participant = 0) {
    v1::EvaluateCompletionRequest r;
    r.set_series_id(series_id_);
    r.set_participant_id(participant);
    for (auto p : only) r.add_progress(p);
    return Call(*certificates_, &v1::CertificateService::Stub::EvaluateCompletion, r, out);
  }

  const v1::PersonCompletion& Person(const v1::CompletionReport& report, int64_t id) {
    for (const auto& p : report.people()) {
      if (p.participant_id() == id) return p;
    }
    ADD_FAILURE() << "participant " << id << " missing";
    return report.people(0);
  }

  grpc::Status Decide(int64_t participant, v1::CompletionOutcome outcome, bool automatic,
                      const std::string& reason, v1::PersonCompletion* out) {
    v1::RecordCompletionDecisionRequest r;
    r.set_series_id(series_id_);
    r.set_participant_id(participant);
    r.set_outcome(outcome);
    r.set_automatic(automatic);
    r.set_reason(reason);
    return Call(*certificates_, &v1::CertificateService::Stub::RecordCompletionDecision, r, out);
  }

  std::unique_ptr<v1::CertificateService::Stub> certificates_;
  std::unique_ptr<v1::AttendanceService::Stub> attendance_;
  int64_t org_ = 0, series_id_ = 0, future_ = 0;
  std::vector<int64_t> past_, ids_;
  std::string participant_token_;
};

TEST_F(CertificateServiceTest, DefaultRuleForecastsWhileTheSeriesRuns) {
  v1::CompletionRule rule = GetRule();
  EXPECT_TRUE(rule.is_default());
  EXPECT_TRUE(rule.all_modules());
  EXPECT_EQ(rule.allowed_minutes_missed(), 45);
  EXPECT_EQ(rule.confirmation_min_modules(), 1);

  v1::CompletionReport report;
  grpc::Status s = Evaluate(&report);
  ASSERT_TRUE(s.ok()) << s.error_message();
  ASSERT_EQ(report.people_size(), 3);
  const auto& amina = Person(report, ids_[0]);
  EXPECT_EQ(amina.progress(), v1::COMPLETION_PROGRESS_AT_RISK);
  EXPECT_NE(amina.progress_reason().find("3. Vertiefung"), std::string::npos)
      << amina.progress_reason();
  EXPECT_EQ(amina.sessions_remaining(), 1);
  EXPECT_EQ(amina.modules_attended(), 2);
  EXPECT_EQ(amina.module_count(), 3);
  // Today the third module is still missing: a Teilnahmebestätigung.
  EXPECT_EQ(amina.outcome(), v1::COMPLETION_OUTCOME_CONFIRMATION);
  const auto& oleksandr = Person(report, ids_[1]);
  EXPECT_EQ(oleksandr.progress(), v1::COMPLETION_PROGRESS_CANNOT_COMPLETE);
  EXPECT_NE(oleksandr.progress_reason().find("2. Kommunikation"), std::string::npos);
  EXPECT_EQ(oleksandr.absent(), 1);
  const auto& lan = Person(report, ids_[2]);
  EXPECT_EQ(lan.progress(), v1::COMPLETION_PROGRESS_CANNOT_COMPLETE);
  EXPECT_EQ(lan.excused(), 1);
}

TEST_F(CertificateServiceTest, CoordinatorSetsTheRuleAndListsWhoIsAtRisk) {
  v1::CompletionRule rule;
  rule.set_series_id(series_id_);
  rule.set_min_modules(2);
  rule.set_max_excused(1);
  rule.set_allowed_minutes_missed(30);
  rule.set_confirmation_min_modules(1);
  v1::CompletionRule stored;
  grpc::Status s = SetRule(rule, &stored);
  ASSERT_TRUE(s.ok()) << s.error_message();
  EXPECT_FALSE(stored.is_default());
  EXPECT_EQ(stored.max_excused(), 1);
  EXPECT_FALSE(stored.updated_by().empty());
  EXPECT_FALSE(GetRule().is_default());

  // Lan: module 1 lost to the excused day, module 2 attended; module 3 ahead
  // decides. Amina has two modules already; Oleksandr needs module 3.
  v1::CompletionReport at_risk;
  s = Evaluate(&at_risk, {v1::COMPLETION_PROGRESS_AT_RISK});
  ASSERT_TRUE(s.ok()) << s.error_message();
  std::vector<int64_t> ids;
  for (const auto& p : at_risk.people()) ids.push_back(p.participant_id());
  // By name: the Latin "Nguyễn" before the Cyrillic "Олександр".
  EXPECT_EQ(ids, (std::vector<int64_t>{ids_[2], ids_[1]}));
  v1::CompletionReport all;
  ASSERT_TRUE(Evaluate(&all).ok());
  EXPECT_EQ(Person(all, ids_[0]).progress(), v1::COMPLETION_PROGRESS_ON_TRACK);
  EXPECT_EQ(Person(all, ids_[0]).outcome(), v1::COMPLETION_OUTCOME_CERTIFICATE);
}

TEST_F(CertificateServiceTest, DecisionsOverrideTheRuleAndKeepTheirHistory) {
  v1::PersonCompletion person;
  grpc::Status s = Decide(ids_[1], v1::COMPLETION_OUTCOME_CERTIFICATE, false,
                          "Modul 2 im Herbstkurs nachgeholt", &person);
  ASSERT_TRUE(s.ok()) << s.error_message();
  EXPECT_EQ(person.outcome(), v1::COMPLETION_OUTCOME_CERTIFICATE);
  EXPECT_EQ(person.rule_outcome(), v1::COMPLETION_OUTCOME_CONFIRMATION);
  EXPECT_EQ(person.decision().reason(), "Modul 2 im Herbstkurs nachgeholt");

  // The participant sees their own completion only, without reasons.
  v1::CompletionReport own;
  s = [&] {
    const std::string admin = token_;
    token_ = participant_token_;
    grpc::Status r = Evaluate(&own);
    v1::CompletionReport other;
    grpc::Status denied = Evaluate(&other, {}, ids_[1]);
    EXPECT_EQ(denied.error_code(), grpc::StatusCode::PERMISSION_DENIED);
    token_ = admin;
    return r;
  }();
  ASSERT_TRUE(s.ok()) << s.error_message();
  ASSERT_EQ(own.people_size(), 1);
  EXPECT_EQ(own.people(0).participant_id(), ids_[0]);
  EXPECT_TRUE(own.rule().updated_by().empty());

  // Withdrawn: the rule decides again; both decisions stay in the history.
  s = Decide(ids_[1], v1::COMPLETION_OUTCOME_UNSPECIFIED, true, "Nachweis fehlt doch", &person);
  ASSERT_TRUE(s.ok()) << s.error_message();
  EXPECT_EQ(person.outcome(), v1::COMPLETION_OUTCOME_CONFIRMATION);
  EXPECT_FALSE(person.has_decision());
  v1::ListCompletionDecisionsRequest list;
  list.set_series_id(series_id_);
  list.set_participant_id(ids_[1]);
  v1::ListCompletionDecisionsResponse history;
  s = Call(*certificates_, &v1::CertificateService::Stub::ListCompletionDecisions, list, &history);
  ASSERT_TRUE(s.ok()) << s.error_message();
  ASSERT_EQ(history.decisions_size(), 2);
  EXPECT_EQ(history.decisions(0).outcome(), v1::COMPLETION_OUTCOME_CERTIFICATE);
  EXPECT_EQ(history.decisions(1).outcome(), v1::COMPLETION_OUTCOME_UNSPECIFIED);
  EXPECT_EQ(history.decisions(1).reason(), "Nachweis fehlt doch");
}

TEST_F(CertificateServiceTest, BadInputIsRefusedAndChangesNothing) {
  const std::string before = GetRule().DebugString();
  auto rule_with = [&](auto change) {
    v1::CompletionRule rule;
    rule.set_series_id(series_id_);
    rule.set_all_modules(true);
    change(rule);
    return rule;
  };
  v1::CompletionRule out;
  v1::PersonCompletion person;
  v1::CompletionReport report;
  ExpectRefused({
      {"more modules than the series has",
       [&] { return SetRule(rule_with([](auto& r) { r.set_min_modules(4); }), &out); },
       grpc::StatusCode::INVALID_ARGUMENT, "rule.min_modules"},
      {"no requirement",
       [&] { return SetRule(rule_with([](auto& r) { r.set_all_modules(false); }), &out); },
       grpc::StatusCode::INVALID_ARGUMENT, "rule.all_modules"},
      {"negative excused",
       [&] { return SetRule(rule_with([](auto& r) { r.set_max_excused(-1); }), &out); },
       grpc::StatusCode::INVALID_ARGUMENT, "rule.max_excused"},
      {"percent over 100",
       [&] {
         return SetRule(rule_with([](auto& r) { r.set_min_teaching_unit_percent(120); }), &out);
       },
       grpc::StatusCode::INVALID_ARGUMENT, "rule.min_teaching_unit_percent"},
      {"unknown series",
       [&] { return SetRule(rule_with([](auto& r) { r.set_series_id(999); }), &out); },
       grpc::StatusCode::NOT_FOUND, "rule.series_id"},
      {"decision without reason",
       [&] { return Decide(ids_[0], v1::COMPLETION_OUTCOME_NONE, false, " ", &person); },
       grpc::StatusCode::INVALID_ARGUMENT, "reason"},
      {"outcome and automatic",
       [&] { return Decide(ids_[0], v1::COMPLETION_OUTCOME_NONE, true, "x", &person); },
       grpc::StatusCode::INVALID_ARGUMENT, "outcome"},
      {"unknown outcome",
       [&] { return Decide(ids_[0], static_cast<v1::CompletionOutcome>(9), false, "x", &person); },
       grpc::StatusCode::INVALID_ARGUMENT, "outcome"},
      {"nothing to withdraw",
       [&] { return Decide(ids_[0], v1::COMPLETION_OUTCOME_UNSPECIFIED, true, "x", &person); },
       grpc::StatusCode::FAILED_PRECONDITION, "outcome"},
      {"person without enrolment",
       [&] { return Decide(424242, v1::COMPLETION_OUTCOME_NONE, false, "x", &person); },
       grpc::StatusCode::NOT_FOUND, "participant_id"},
      {"unknown progress filter",
       [&] { return Evaluate(&report, {static_cast<v1::CompletionProgress>(42)}); },
       grpc::StatusCode::INVALID_ARGUMENT, "progress[0]"},
      {"person not in the series", [&] { return Evaluate(&report, {}, 424242); },
       grpc::StatusCode::NOT_FOUND, "participant_id"},
  });
  EXPECT_EQ(GetRule().DebugString(), before);
  // The same decision twice: the second changes nothing.
  ASSERT_TRUE(Decide(ids_[0], v1::COMPLETION_OUTCOME_NONE, false, "abgebrochen", &person).ok());
  grpc::Status again = Decide(ids_[0], v1::COMPLETION_OUTCOME_NONE, false, "abgebrochen", &person);
  EXPECT_EQ(again.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_EQ(FieldOf(again), "outcome");
}

}  // namespace
}  // namespace trainhub::api_test
