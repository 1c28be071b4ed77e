// trainhub report funder: the request it builds from its options, the table
// it prints (suppressed cells as such, never a number), files by extension,
// and refusals in the CLI's own words.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "trainhub/v1/report_mock.grpc.pb.h"
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

class CliReportTest : public CliTest {
 protected:
  CliReportTest() : reports_(Mock<v1::ReportService, v1::MockReportServiceStub>()) {}

  // Runs `trainhub <args>`; out_ and err_ get only what this run printed.
  int Run(std::vector<std::string> args) {
    out_.str("");
    err_.str("");
    return CliTest::Run(std::move(args));
  }

  static v1::FunderReport Report() {
    v1::FunderReport r;
    r.set_first_day("2019-01-01");
    r.set_last_day("2019-12-31");
    r.set_scope_name("Auslandsgesellschaft Sachsen-Anhalt e.V.");
    r.set_min_persons(3);
    r.mutable_persons()->set_value(5);
    r.mutable_participations()->set_value(5);
    r.set_sessions_held(8);
    r.set_teaching_units(64);
    r.set_statuses_recorded(40);
    r.set_statuses_attended(37);
    r.mutable_dropouts()->set_suppressed(true);
    auto* groups = r.add_tables();
    groups->set_breakdown(v1::REPORT_BREAKDOWN_TARGET_GROUP);
    auto* staff = groups->add_rows();
    staff->set_target_group(v1::TARGET_GROUP_ADMINISTRATION_STAFF);
    staff->mutable_persons()->set_suppressed(true);
    auto* trainers = groups->add_rows();
    trainers->set_target_group(v1::TARGET_GROUP_TRAINERS);
    trainers->mutable_persons()->set_suppressed(true);
    groups->mutable_total()->set_value(5);
    auto* years = r.add_tables();
    years->set_breakdown(v1::REPORT_BREAKDOWN_TRAINING_YEAR);
    years->mutable_total()->set_value(0);
    r.set_inputs_hash("blake2b-256:00ff");
    return r;
  }

  v1::MockReportServiceStub* reports_;
};

TEST_F(CliReportTest, PrintsTheFiguresWithSuppressedCellsMarked) {
  v1::GetFunderReportRequest sent;
  EXPECT_CALL(*reports_, GetFunderReport(_, _, _))
      .WillOnce(DoAll(SaveArg<1>(&sent), SetArgPointee<2>(Report()), Return(grpc::Status::OK)));
  EXPECT_EQ(Run({"report", "funder", "--year", "2019", "--org", "1", "--k", "4"}), kExitOk)
      << err_.str();
  EXPECT_EQ(sent.period().year(), 2019);
  EXPECT_EQ(sent.organization_id(), 1);
  EXPECT_EQ(sent.min_persons(), 4);
  const std::string out = out_.str();
  EXPECT_THAT(Unwrapped(out),
              HasSubstr("Auslandsgesellschaft Sachsen-Anhalt e.V., 2019-01-01 to 2019-12-31"));
  EXPECT_THAT(out, HasSubstr("92.5 % (37 of 40 statuses)"));
  EXPECT_THAT(out, HasSubstr("administration-staff  suppressed"));
  EXPECT_THAT(out, HasSubstr("trainers              suppressed"));
  EXPECT_THAT(out, Not(HasSubstr("Apprentices by training year"))) << "no apprentices";
  EXPECT_THAT(out, HasSubstr("blake2b-256:00ff"));
}

TEST_F(CliReportTest, AProgrammeAndAPeriodGoIntoTheRequest) {
  v1::GetFunderReportRequest sent;
  EXPECT_CALL(*reports_, GetFunderReport(_, _, _))
      .WillOnce(DoAll(SaveArg<1>(&sent), SetArgPointee<2>(Report()), Return(grpc::Status::OK)));
  EXPECT_EQ(
      Run({"report", "funder", "--from", "2018-11-01", "--to", "2020-06-30", "--series", "1,5"}),
      kExitOk)
      << err_.str();
  EXPECT_EQ(sent.period().first_day(), "2018-11-01");
  EXPECT_EQ(sent.period().last_day(), "2020-06-30");
  ASSERT_EQ(sent.series_ids_size(), 2);
  EXPECT_EQ(sent.series_ids(1), 5);
}

TEST_F(CliReportTest, WritesTheFileTheExtensionAsksFor) {
  v1::ExportFunderReportRequest sent;
  v1::ReportFile file;
  file.set_file_name("foerderbericht-2019-01-01-2019-12-31.csv");
  file.set_content(
      "\xEF\xBB\xBF"
      "Förderbericht\r\n");
  EXPECT_CALL(*reports_, ExportFunderReport(_, _, _))
      .WillOnce(DoAll(SaveArg<1>(&sent), SetArgPointee<2>(file), Return(grpc::Status::OK)));
  const std::string path = ::testing::TempDir() + "/report-" +
                           ::testing::UnitTest::GetInstance()->current_test_info()->name() + ".csv";
  EXPECT_EQ(Run({"report", "funder", "--year", "2019", "--org", "1", "-o", path}), kExitOk)
      << err_.str();
  EXPECT_EQ(sent.format(), v1::REPORT_FILE_FORMAT_CSV);
  EXPECT_EQ(sent.report().period().year(), 2019);
  std::ifstream in(path, std::ios::binary);
  std::stringstream written;
  written << in.rdbuf();
  EXPECT_EQ(written.str(), file.content());
  std::remove(path.c_str());
}

TEST_F(CliReportTest, AFileNameWithoutAFormatIsAUsageError) {
  EXPECT_EQ(Run({"report", "funder", "--year", "2019", "--org", "1", "-o", "bericht.txt"}),
            kExitUsage);
  EXPECT_THAT(err_.str(), HasSubstr("--format pdf|csv|json"));
}

TEST_F(CliReportTest, RefusalsNameTheOptions) {
  v1::ErrorDetails details;
  auto* v = details.add_field_violations();
  v->set_field("min_persons");
  v->set_description("must be at least 2: a cell of one person would be published");
  EXPECT_CALL(*reports_, GetFunderReport(_, _, _))
      .WillOnce(Return(grpc::Status(grpc::StatusCode::INVALID_ARGUMENT,
                                    "min_persons: must be at least 2: a cell of one person would "
                                    "be published",
                                    details.SerializeAsString())));
  EXPECT_EQ(Run({"report", "funder", "--year", "2019", "--org", "1", "--k", "1"}), kExitRejected);
  EXPECT_THAT(err_.str(), HasSubstr("--k: must be at least 2"));
  // Both kinds of period, or of scope, are refused before any call.
  EXPECT_EQ(Run({"report", "funder", "--year", "2019", "--from", "2019-01-01"}), kExitUsage);
  EXPECT_EQ(Run({"report", "funder", "--year", "2019", "--org", "1", "--series", "2"}), kExitUsage);
}

}  // namespace
}  // namespace trainhub::cli
