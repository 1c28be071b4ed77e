// trainhub import against the generated mock stub: the dry run names whom
// it would create or match; refusals name the file and its rows in the
// CLI's words.

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "clients/cli/app.h"
#include "trainhub/v1/common.pb.h"
#include "trainhub/v1/participant_mock.grpc.pb.h"
#include "unit/cli_test_run.h"

namespace trainhub::cli {
namespace {

namespace v1 = ::trainhub::v1;
using ::testing::_;
using ::testing::DoAll;
using ::testing::HasSubstr;
using ::testing::Not;
using ::testing::Return;
using ::testing::SetArgPointee;

class CliImportTest : public CliTest {
 protected:
  CliImportTest() {
    participants_ = Mock<v1::ParticipantService, v1::MockParticipantServiceStub>();
    std::ofstream(file_) << "Vorname;Nachname;E-Mail\nJana;Beispiel;jana@example.org\n";
  }
  ~CliImportTest() override { std::filesystem::remove(file_); }

  const std::string file_ = (std::filesystem::temp_directory_path() /
                             ("ehrenamt-liste-" + std::to_string(::getpid()) + ".csv"))
                                .string();
  v1::MockParticipantServiceStub* participants_ = nullptr;
};

TEST_F(CliImportTest, TheDryRunNamesWhomItWouldCreateOrMatch) {
  v1::ImportParticipantsResponse answer;
  answer.set_rows(2);
  auto* jana = answer.add_imported();
  jana->set_line(2);
  jana->set_participant_id(1);
  jana->set_display_name("Jana Beispiel");
  jana->set_enrolment_state(v1::ENROLMENT_STATE_ENROLLED);
  auto* amal = answer.add_imported();
  amal->set_line(3);
  amal->set_created(true);
  amal->set_display_name("أمل حداد");
  amal->set_enrolment_state(v1::ENROLMENT_STATE_WAITLISTED);
  amal->set_waitlist_position(1);
  EXPECT_CALL(*participants_, ImportParticipants(_, _, _))
      .WillOnce(DoAll(SetArgPointee<2>(answer), Return(grpc::Status::OK)));
  EXPECT_EQ(Run({"import", "enrolments", "2", file_, "--org", "1", "--dry-run"}), kExitOk)
      << err_.str();
  EXPECT_THAT(out_.str(), HasSubstr("line 2: Jana Beispiel (existing participant 1), enrolled\n"));
  EXPECT_THAT(out_.str(), HasSubstr("line 3: أمل حداد (new participant), waitlist #1\n"));
}

TEST_F(CliImportTest, RefusalsNameTheFileAndItsRowsNotTheApisWords) {
  v1::ErrorDetails encoding;
  encoding.add_field_violations()->set_field("csv");
  encoding.mutable_field_violations(0)->set_description(
      "line 2: the file is not UTF-8 (perhaps Windows-1252); save it as \"CSV UTF-8\"");
  v1::ErrorDetails rows;
  for (auto [field, description] :
       {std::pair{"csv line 2 E-Mail", "is not an e-mail address"},
        std::pair{"csv line 3 Zielgruppe", "unknown target group \"Niemand\""},
        std::pair{"accept_good_rows",
                  "nothing was imported; fix the rows, or import only the "
                  "good rows"}}) {
    auto* v = rows.add_field_violations();
    v->set_field(field);
    v->set_description(description);
  }
  EXPECT_CALL(*participants_, ImportParticipants(_, _, _))
      .WillOnce(Return(grpc::Status(
          grpc::StatusCode::INVALID_ARGUMENT,
          "csv: line 2: the file is not UTF-8 (perhaps Windows-1252); save it as \"CSV UTF-8\"",
          encoding.SerializeAsString())));
  EXPECT_EQ(Run({"import", "participants", file_, "--org", "1"}), kExitRejected);
  EXPECT_THAT(err_.str(), HasSubstr("error: " + file_ + ": line 2: the file is not UTF-8"));
  EXPECT_THAT(err_.str(), Not(HasSubstr("FILE")));
  err_.str("");
  auto* again = Mock<v1::ParticipantService, v1::MockParticipantServiceStub>();
  EXPECT_CALL(*again, ImportParticipants(_, _, _))
      .WillOnce(Return(
          grpc::Status(grpc::StatusCode::INVALID_ARGUMENT, "rows", rows.SerializeAsString())));
  EXPECT_EQ(Run({"import", "participants", file_, "--org", "1"}), kExitRejected);
  EXPECT_THAT(err_.str(), HasSubstr(file_ + ": nothing was imported"));
  EXPECT_THAT(err_.str(), HasSubstr("  line 2 (E-Mail): is not an e-mail address\n"));
  EXPECT_THAT(err_.str(), HasSubstr("pass --good-rows-only to import the other rows"));
  EXPECT_THAT(err_.str(), Not(HasSubstr("csv line")));
}

}  // namespace
}  // namespace trainhub::cli
