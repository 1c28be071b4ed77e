// CLI commands against the generated mock stubs: the request each command
// builds, what it prints (table or JSON), its errors in the CLI's words and
// its exit codes, without a server.

#include <gmock/gmock.h>
#include <grpcpp/test/mock_stream.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "clients/cli/app.h"
#include "trainhub/v1/admin_mock.grpc.pb.h"
#include "clients/cli/format.h"
#include "trainhub/v1/common.pb.h"
#include "trainhub/v1/enrolment_mock.grpc.pb.h"
#include "trainhub/v1/organization_mock.grpc.pb.h"
#include "trainhub/v1/schedule_mock.grpc.pb.h"
#include "trainhub/v1/series_mock.grpc.pb.h"
#include "unit/cli_test_run.h"

namespace trainhub::cli {
namespace {

namespace v1 = ::trainhub::v1;
using ::testing::_;
using ::testing::DoAll;
using ::testing::HasSubstr;
using ::testing::Not;
using ::testing::Return;
using ::testing::SaveArg;
using ::testing::SetArgPointee;

class CliCommandsTest : public CliTest {
 protected:
  CliCommandsTest()
      : series_(Mock<v1::SeriesService, v1::MockSeriesServiceStub>()),
        organizations_(Mock<v1::OrganizationService, v1::MockOrganizationServiceStub>()),
        schedule_(Mock<v1::ScheduleService, v1::MockScheduleServiceStub>()),
        enrolments_(Mock<v1::EnrolmentService, v1::MockEnrolmentServiceStub>()) {}

  static v1::Series Vielfaltsmontag() {
    v1::Series s;
    s.set_id(6);
    s.set_title("Vielfalts-Montag – Verwaltung neu (er)leben");
    s.set_kind(v1::SERIES_KIND_VIELFALTS_MONTAG);
    s.set_status(v1::SERIES_STATUS_PLANNED);
    s.set_capacity(20);
    return s;
  }

  v1::MockSeriesServiceStub* series_;
  v1::MockOrganizationServiceStub* organizations_;
  v1::MockScheduleServiceStub* schedule_;
  v1::MockEnrolmentServiceStub* enrolments_;
};

TEST_F(CliCommandsTest, SeriesListPrintsATableOfWhatTheServerReturned) {
  v1::ListSeriesResponse page;
  *page.add_series() = Vielfaltsmontag();
  v1::ListSeriesRequest sent;
  EXPECT_CALL(*series_, ListSeries(_, _, _))
      .WillOnce(DoAll(SaveArg<1>(&sent), SetArgPointee<2>(page), Return(grpc::Status::OK)));
  EXPECT_EQ(Run({"series", "list", "--kind", "vielfalts-montag"}), kExitOk) << err_.str();
  EXPECT_EQ(sent.kind(), v1::SERIES_KIND_VIELFALTS_MONTAG);
  EXPECT_THAT(out_.str(), HasSubstr("Vielfalts-Montag – Verwaltung neu (er)leben"));
  EXPECT_THAT(out_.str(), Not(HasSubstr("{")));
  EXPECT_EQ(err_.str(), "");
}

TEST_F(CliCommandsTest, JsonOutputIsTheServersMessageWithProtoFieldNames) {
  v1::ListSeriesResponse page;
  *page.add_series() = Vielfaltsmontag();
  EXPECT_CALL(*series_, ListSeries(_, _, _))
      .WillOnce(DoAll(SetArgPointee<2>(page), Return(grpc::Status::OK)));
  EXPECT_EQ(Run({"--output", "json", "series", "list"}), kExitOk) << err_.str();
  EXPECT_THAT(out_.str(), HasSubstr("\"series\":[{\"id\":\"6\""));
  EXPECT_THAT(out_.str(), HasSubstr("\"kind\":\"SERIES_KIND_VIELFALTS_MONTAG\""));
}

TEST_F(CliCommandsTest, ListsFollowEveryPageTheServerHands) {
  v1::ListOrganizationsResponse first, second;
  first.add_organizations()->set_name("Auslandsgesellschaft Sachsen-Anhalt e.V.");
  first.set_next_page_token("page-2");
  second.add_organizations()->set_name("Stadt Dessau-Roßlau, Integrationsbüro");
  v1::ListOrganizationsRequest asked_second;
  EXPECT_CALL(*organizations_, ListOrganizations(_, _, _))
      .WillOnce(DoAll(SetArgPointee<2>(first), Return(grpc::Status::OK)))
      .WillOnce(
          DoAll(SaveArg<1>(&asked_second), SetArgPointee<2>(second), Return(grpc::Status::OK)));
  EXPECT_EQ(Run({"org", "list"}), kExitOk) << err_.str();
  EXPECT_EQ(asked_second.page_token(), "page-2");
  EXPECT_THAT(out_.str(), HasSubstr("Auslandsgesellschaft Sachsen-Anhalt e.V."));
  EXPECT_THAT(out_.str(), HasSubstr("Stadt Dessau-Roßlau, Integrationsbüro"));
}

TEST_F(CliCommandsTest, RefusalsNameTheCommandsFlagsAndExitRejected) {
  v1::ErrorDetails details;
  auto* violation = details.add_field_violations();
  violation->set_field("series.capacity");
  violation->set_description("must be between 1 and 10000");
  auto* second = details.add_field_violations();
  second->set_field("series.title");
  second->set_description("is required");
  EXPECT_CALL(*series_, CreateSeries(_, _, _))
      .WillOnce(Return(grpc::Status(grpc::StatusCode::INVALID_ARGUMENT, "bad request",
                                    details.SerializeAsString())));
  EXPECT_EQ(
      Run({"series", "create", "--title", "x", "--kind", "other", "--org", "1", "--capacity", "0"}),
      kExitRejected);
  EXPECT_THAT(err_.str(), HasSubstr("--capacity: must be between 1 and 10000"));
  EXPECT_THAT(err_.str(), HasSubstr("--title: is required"));
  EXPECT_THAT(err_.str(), Not(HasSubstr("series.capacity")));
  EXPECT_EQ(out_.str(), "");
}

TEST_F(CliCommandsTest, AnUnreachableServerIsNamedAndExitsUnreachable) {
  EXPECT_CALL(*series_, GetSeries(_, _, _))
      .WillOnce(Return(grpc::Status(grpc::StatusCode::UNAVAILABLE, "connection refused")));
  EXPECT_EQ(Run({"--server", "192.0.2.1:50051", "series", "show", "6"}), kExitUnreachable);
  EXPECT_THAT(err_.str(), HasSubstr("192.0.2.1:50051"));
}

TEST_F(CliCommandsTest, UsageErrorsNeverReachTheServer) {
  // StrictMock: any call would fail the test.
  EXPECT_EQ(Run({"series", "list", "--kind", "no-such-kind"}), kExitUsage);
  EXPECT_THAT(err_.str(), HasSubstr("--kind"));
}

TEST_F(CliCommandsTest, SessionAddWithDaysAsksForOneSessionPerDay) {
  v1::CreateSessionDaysRequest sent;
  v1::CreateSessionDaysResponse created;
  created.add_sessions()->set_id(31);
  EXPECT_CALL(*series_, CreateSessionDays(_, _, _))
      .WillOnce(DoAll(SaveArg<1>(&sent), SetArgPointee<2>(created), Return(grpc::Status::OK)));
  EXPECT_EQ(Run({"session", "add", "6", "31", "--days", "14.05.2020..16.05.2020", "--daily",
                 "09:00-16:00", "--place", "Seminarraum", "--trainer", "9"}),
            kExitOk)
      << err_.str();
  EXPECT_EQ(sent.first_day().year(), 2020);
  EXPECT_EQ(sent.first_day().month(), 5);
  EXPECT_EQ(sent.first_day().day(), 14);
  EXPECT_EQ(sent.last_day().day(), 16);
  EXPECT_EQ(sent.daily_start().hours(), 9);
  EXPECT_EQ(sent.daily_end().hours(), 16);
  EXPECT_EQ(sent.session().place().name(), "Seminarraum");
  EXPECT_EQ(sent.session().trainers(0).trainer_id(), 9);
  EXPECT_FALSE(sent.session().has_start_time());
  EXPECT_FALSE(sent.request_id().empty());
}

TEST_F(CliCommandsTest, SessionAddNeedsEitherTimesOrDays) {
  EXPECT_EQ(Run({"session", "add", "6", "31", "--start", "2020-05-14 09:00", "--end",
                 "2020-05-14 16:00", "--days", "2020-05-14", "--daily", "09:00-16:00"}),
            kExitUsage);
  EXPECT_THAT(err_.str(), HasSubstr("--days and --daily"));
}

TEST_F(CliCommandsTest, AWordWhereANumberBelongsIsNamedTheWayTheDocsNameIt) {
  // StrictMock: nothing reaches the server.
  EXPECT_EQ(Run({"series", "show", "abc"}), kExitUsage);
  EXPECT_THAT(err_.str(), HasSubstr("error: SERIES must be a number"));
  EXPECT_THAT(err_.str(), HasSubstr("\"abc\""));
  EXPECT_THAT(err_.str(), Not(HasSubstr("Could not convert")));
  err_.str("");
  EXPECT_EQ(
      Run({"session", "add", "6", "x", "--start", "2027-03-01 10:00", "--end", "2027-03-01 12:00"}),
      kExitUsage);
  EXPECT_THAT(err_.str(), HasSubstr("error: MODULE must be a number"));
  err_.str("");
  EXPECT_EQ(Run({"series", "show", "0"}), kExitUsage);
  EXPECT_THAT(err_.str(), HasSubstr("SERIES must be a positive number (an id"));
  err_.str("");
  EXPECT_EQ(Run({"org", "show", "x1"}), kExitUsage);
  EXPECT_THAT(err_.str(), HasSubstr("error: ORGANISATION must be a number"));
  err_.str("");
  EXPECT_EQ(Run({"series", "create", "--title", "T", "--kind", "other", "--org", "eins",
                 "--capacity", "12"}),
            kExitUsage);
  EXPECT_THAT(err_.str(), HasSubstr("error: --org must be a number, not \"eins\""));
  err_.str("");
  EXPECT_EQ(Run({"session", "add", "6", "31", "--start", "2027-03-01 10:00", "--end",
                 "2027-03-01 12:00", "--trainer", "9", "--trainer", "Kaya"}),
            kExitUsage);
  EXPECT_THAT(err_.str(), HasSubstr("error: --trainer must be a number, not \"Kaya\""));
}

TEST_F(CliCommandsTest, AServerWithoutAPortIsReachedOnTheDefaultPort) {
  for (auto [typed, reached] : {std::pair{"192.0.2.1", "192.0.2.1:50051"},
                                std::pair{"[2001:db8::7]", "[2001:db8::7]:50051"},
                                std::pair{"trainhub.example.org", "trainhub.example.org:50051"}}) {
    auto series = std::make_unique<::testing::NiceMock<v1::MockSeriesServiceStub>>();
    ON_CALL(*series, GetSeries(_, _, _))
        .WillByDefault(Return(grpc::Status(grpc::StatusCode::UNAVAILABLE, "connection refused")));
    stubs_.Set<v1::SeriesService>(std::move(series));
    err_.str("");
    EXPECT_EQ(Run({"--server", typed, "series", "show", "6"}), kExitUnreachable);
    EXPECT_THAT(err_.str(), HasSubstr(std::string("cannot reach trainhubd at ") + reached));
  }
  err_.str("");
  EXPECT_EQ(Run({"--server", "host:99999", "series", "show", "6"}), kExitUsage);
  EXPECT_THAT(err_.str(), HasSubstr("\"host:99999\" is not a server address"));
}

TEST_F(CliCommandsTest, ASessionNamesItsTrainersUnderOneLabel) {
  v1::Session session;
  session.set_id(40);
  session.set_series_id(2);
  session.set_series_title("Interkultur im Ehrenamt");
  session.set_module_title("Rollenverständnis im Ehrenamt");
  SetTimestamp(absl::FromCivil(absl::CivilMinute(2027, 3, 12, 9, 0), LocalZone()),
               session.mutable_start_time());
  SetTimestamp(absl::FromCivil(absl::CivilMinute(2027, 3, 12, 17, 0), LocalZone()),
               session.mutable_end_time());
  for (auto [id, name] : {std::pair{2, "Dr. Jonas Keller"}, std::pair{3, "Алина Петрова"}}) {
    auto* b = session.add_trainers();
    b->set_trainer_id(id);
    b->set_trainer_name(name);
    b->set_status(v1::BOOKING_STATUS_REQUESTED);
  }
  EXPECT_CALL(*series_, CreateSession(_, _, _))
      .WillOnce(DoAll(SetArgPointee<2>(session), Return(grpc::Status::OK)));
  EXPECT_EQ(Run({"session", "add", "2", "9", "--start", "2027-03-12 09:00", "--end",
                 "2027-03-12 17:00", "--trainer", "2", "--trainer", "3"}),
            kExitOk)
      << err_.str();
  const std::string text = out_.str();
  EXPECT_EQ(text.find("Trainers:"), text.rfind("Trainers:")) << text;
  EXPECT_THAT(text, HasSubstr("Trainers:  Dr. Jonas Keller (2): requested\n"));
  EXPECT_THAT(text, HasSubstr("\n             Алина Петрова (3): requested\n"));
  // A one-day session shows its date once.
  EXPECT_THAT(text, HasSubstr("12.03.2027 09:00–17:00"));
}

TEST_F(CliCommandsTest, ADoubleBookingNamesTheConflictAndTheFlagOnce) {
  v1::ErrorDetails details;
  details.set_conflicting_session_id(28);
  EXPECT_CALL(*series_, CreateSession(_, _, _))
      .WillOnce(Return(grpc::Status(
          grpc::StatusCode::FAILED_PRECONDITION,
          "trainer 2 (Dr. Jonas Keller) is already booked at that time for session 28; set "
          "allow_overlap to book anyway",
          details.SerializeAsString())));
  EXPECT_EQ(Run({"session", "add", "2", "9", "--start", "2027-03-01 14:00", "--end",
                 "2027-03-01 17:00", "--trainer", "2"}),
            kExitRejected);
  const std::string text = err_.str();
  EXPECT_THAT(text, HasSubstr("pass --allow-overlap to book anyway"));
  EXPECT_EQ(text.find("--allow-overlap"), text.rfind("--allow-overlap")) << text;
  EXPECT_THAT(text, HasSubstr("conflicting session: 28 (see: trainhub session show 28)"));
}

TEST_F(CliCommandsTest, BadDaysAreAUsageError) {
  EXPECT_EQ(Run({"session", "add", "6", "31", "--days", "Mai", "--daily", "09:00-16:00"}),
            kExitUsage);
  EXPECT_THAT(err_.str(), HasSubstr("--days: give FIRST..LAST"));
}

// The server answers a second backup while one runs with RESOURCE_EXHAUSTED:
// the CLI says a backup is running (not that the server is unreachable) and
// exits with the busy code, writing no file.
TEST_F(CliCommandsTest, AdminBackupWhileAnotherRunsSaysSoAndExitsBusy) {
  auto* admin = Mock<v1::AdminService, v1::MockAdminServiceStub>();
  auto* reader = new grpc::testing::MockClientReader<v1::FileChunk>();  // owned by the CLI
  EXPECT_CALL(*reader, Read(_)).WillOnce(Return(false));
  EXPECT_CALL(*reader, Finish())
      .WillOnce(
          Return(grpc::Status(grpc::StatusCode::RESOURCE_EXHAUSTED,
                              "a backup is already running; try again when it has finished")));
  EXPECT_CALL(*admin, BackupDatabaseRaw(_, _)).WillOnce(Return(reader));
  const std::string file =
      (std::filesystem::temp_directory_path() / ("cli-backup-" + std::to_string(::getpid())))
          .string();
  EXPECT_EQ(Run({"admin", "backup", file}), kExitOther) << err_.str();
  EXPECT_THAT(err_.str(), HasSubstr("a backup is already running"));
  EXPECT_THAT(err_.str(), Not(HasSubstr("cannot reach")));
  EXPECT_FALSE(std::filesystem::exists(file));
  EXPECT_FALSE(std::filesystem::exists(file + ".part"));
}

// Any role's own sessions: the server knows whose they are, so the command
// asks for them without a trainer id (and without asking who is logged in).
TEST_F(CliCommandsTest, ScheduleMineAsksForTheCallersOwnSessionsFromNow) {
  v1::ListScheduleResponse page;
  v1::Session* session = page.add_sessions();
  session->set_id(37);
  session->set_series_title("Interkulturelle Kommunikation kompakt");
  v1::ListMySessionsRequest sent;
  EXPECT_CALL(*schedule_, ListMySessions(_, _, _))
      .WillOnce(DoAll(SaveArg<1>(&sent), SetArgPointee<2>(page), Return(grpc::Status::OK)));
  EXPECT_EQ(Run({"schedule", "mine", "--to", "2030-01-01"}), kExitOk) << err_.str();
  EXPECT_TRUE(sent.has_to());
  EXPECT_FALSE(sent.has_from()) << "the server's now";
  EXPECT_THAT(out_.str(), HasSubstr("Interkulturelle Kommunikation kompakt"));
}

TEST_F(CliCommandsTest, SessionBookingWithoutATrainerIsTheCallersOwn) {
  v1::SetBookingStatusRequest sent;
  EXPECT_CALL(*series_, SetBookingStatus(_, _, _))
      .WillOnce(DoAll(SaveArg<1>(&sent), Return(grpc::Status::OK)));
  EXPECT_EQ(Run({"session", "booking", "40", "confirmed"}), kExitOk) << err_.str();
  EXPECT_EQ(sent.session_id(), 40);
  EXPECT_EQ(sent.trainer_id(), 0) << "the server takes the caller's trainer record";
  EXPECT_EQ(sent.status(), v1::BOOKING_STATUS_CONFIRMED);
}

TEST_F(CliCommandsTest, SessionBookingOfANamedTrainer) {
  v1::SetBookingStatusRequest sent;
  EXPECT_CALL(*series_, SetBookingStatus(_, _, _))
      .WillOnce(DoAll(SaveArg<1>(&sent), Return(grpc::Status::OK)));
  EXPECT_EQ(Run({"session", "booking", "40", "9", "declined"}), kExitOk) << err_.str();
  EXPECT_EQ(sent.trainer_id(), 9);
  EXPECT_EQ(sent.status(), v1::BOOKING_STATUS_DECLINED);
}

TEST_F(CliCommandsTest, SessionBookingWordsInTheWrongPlaceAreUsageErrors) {
  // StrictMock: no call reaches the server.
  EXPECT_EQ(Run({"session", "booking", "40", "Kaya", "confirmed"}), kExitUsage);
  EXPECT_THAT(err_.str(), HasSubstr("TRAINER must be a trainer id"));
  EXPECT_EQ(Run({"session", "booking", "40", "9", "vielleicht"}), kExitUsage);
  EXPECT_THAT(err_.str(), HasSubstr("STATUS must be requested, confirmed or declined"));
}

TEST_F(CliCommandsTest, EnrolmentListShowsWhoNoLongerMeetsTheRequirement) {
  v1::ListEnrolmentsResponse page;
  v1::Enrolment* e = page.add_enrolments();
  e->set_id(21);
  e->set_series_id(7);
  e->set_participant_id(10);
  e->set_participant_name("Nguyễn Thị Lan");
  e->set_state(v1::ENROLMENT_STATE_ENROLLED);
  e->set_requirement_unmet(
      "series 7 requires the qualification \"Systemische Organisationsberatung\", which the "
      "person does not hold any more: Zertifikat 7K3M-Q9ZD-X2RT-4HNB of series 1 was revoked "
      "on 01.12.2026 10:00");
  v1::ListEnrolmentsRequest sent;
  EXPECT_CALL(*enrolments_, ListEnrolments(_, _, _))
      .WillOnce(DoAll(SaveArg<1>(&sent), SetArgPointee<2>(page), Return(grpc::Status::OK)));
  EXPECT_EQ(Run({"enrolment", "list", "--series", "7", "--requirement-unmet"}), kExitOk)
      << err_.str();
  EXPECT_TRUE(sent.requirement_unmet());
  EXPECT_EQ(sent.series_id(), 7);
  EXPECT_THAT(out_.str(), HasSubstr("! enrolment 21 (Nguyễn Thị Lan): series 7 requires"));
  EXPECT_THAT(out_.str(), HasSubstr("7K3M-Q9ZD-X2RT-4HNB of series 1 was revoked"));
}

// --documents chooses what a series issues; a refusal of it names the flag.
TEST_F(CliCommandsTest, SeriesDocumentsFlagSetsWhatTheSeriesIssues) {
  v1::UpdateSeriesRequest sent;
  v1::Series updated = Vielfaltsmontag();
  updated.set_issued_documents(v1::ISSUED_DOCUMENTS_CONFIRMATION_ONLY);
  EXPECT_CALL(*series_, UpdateSeries(_, _, _))
      .WillOnce(DoAll(SaveArg<1>(&sent), SetArgPointee<2>(updated), Return(grpc::Status::OK)));
  EXPECT_EQ(Run({"series", "update", "6", "--documents", "confirmation-only"}), kExitOk)
      << err_.str();
  EXPECT_EQ(sent.series().issued_documents(), v1::ISSUED_DOCUMENTS_CONFIRMATION_ONLY);
  ASSERT_EQ(sent.update_mask().paths_size(), 1);
  EXPECT_EQ(sent.update_mask().paths(0), "issued_documents");

  series_ = Mock<v1::SeriesService, v1::MockSeriesServiceStub>();
  v1::ErrorDetails details;
  auto* violation = details.add_field_violations();
  violation->set_field("series.issued_documents");
  violation->set_description(
      "a series that issues only Teilnahmebestätigungen awards no "
      "qualification");
  // One violation: the server's message is "field: description".
  EXPECT_CALL(*series_, UpdateSeries(_, _, _))
      .WillOnce(Return(grpc::Status(grpc::StatusCode::INVALID_ARGUMENT,
                                    "series.issued_documents: " + violation->description(),
                                    details.SerializeAsString())));
  EXPECT_EQ(Run({"series", "update", "6", "--documents", "confirmation-only"}), kExitRejected);
  EXPECT_THAT(err_.str(), HasSubstr("--documents: a series that issues only"));
}

TEST_F(CliCommandsTest, SeriesDocumentsFlagTakesOnlyItsWords) {
  EXPECT_EQ(Run({"series", "update", "6", "--documents", "zertifikat"}), kExitUsage);
  EXPECT_THAT(err_.str(), HasSubstr("--documents"));
}

TEST_F(CliCommandsTest, OrgSignatoryFlagsSetWhoSignsCertificates) {
  v1::UpdateOrganizationRequest sent;
  v1::Organization org;
  org.set_id(1);
  org.set_name("Auslandsgesellschaft Sachsen-Anhalt e.V.");
  org.set_signatory_name("Dr. Katrin Wegener");
  org.set_signatory_role("Projektleitung");
  EXPECT_CALL(*organizations_, UpdateOrganization(_, _, _))
      .WillOnce(DoAll(SaveArg<1>(&sent), SetArgPointee<2>(org), Return(grpc::Status::OK)));
  EXPECT_EQ(Run({"org", "update", "1", "--signatory-name", "Dr. Katrin Wegener", "--signatory-role",
                 "Projektleitung"}),
            kExitOk)
      << err_.str();
  EXPECT_EQ(sent.organization().signatory_name(), "Dr. Katrin Wegener");
  EXPECT_EQ(sent.organization().signatory_role(), "Projektleitung");
  ASSERT_EQ(sent.update_mask().paths_size(), 2);
  EXPECT_EQ(sent.update_mask().paths(0), "signatory_name");
  EXPECT_EQ(sent.update_mask().paths(1), "signatory_role");
  EXPECT_THAT(out_.str(), HasSubstr("Dr. Katrin Wegener, Projektleitung"));
}

}  // namespace
}  // namespace trainhub::cli
