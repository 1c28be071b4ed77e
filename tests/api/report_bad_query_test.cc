// ReportService, bad queries: each is refused naming the field and changes
// nothing; a coordinator reports on their own organisation only.

#include "api/report_fixture.h"

namespace trainhub::api_test {
namespace {

TEST_F(ReportServiceTest, BadQueriesAreRefusedNamingTheFieldAndChangeNothing) {
  const std::string coordinator_token =
      Account("koordination@example.org", {domain::Role::kCoordinator, org_});
  ASSERT_FALSE(coordinator_token.empty());
  const std::string before = Snapshot();
  using grpc::StatusCode;
  ExpectRefused({
      {"no period", Report2021With([](auto& r) { r.clear_period(); }), StatusCode::INVALID_ARGUMENT,
       "period"},
      {"last before first", Report2021With([](auto& r) {
         r.mutable_period()->set_year(0);
         r.mutable_period()->set_first_day("2021-05-01");
         r.mutable_period()->set_last_day("2021-04-30");
       }),
       StatusCode::INVALID_ARGUMENT, "period.last_day"},
      {"twenty years", Report2021With([](auto& r) {
         r.mutable_period()->set_year(0);
         r.mutable_period()->set_first_day("2001-01-01");
         r.mutable_period()->set_last_day("2020-12-31");
       }),
       StatusCode::INVALID_ARGUMENT, "period"},
      {"not a day", Report2021With([](auto& r) {
         r.mutable_period()->set_year(0);
         r.mutable_period()->set_first_day("2021-02-30");
         r.mutable_period()->set_last_day("2021-03-31");
       }),
       StatusCode::INVALID_ARGUMENT, "period.first_day"},
      {"year and days",
       Report2021With([](auto& r) { r.mutable_period()->set_first_day("2021-01-01"); }),
       StatusCode::INVALID_ARGUMENT, "period.year"},
      {"year out of range", Report2021With([](auto& r) { r.mutable_period()->set_year(1999); }),
       StatusCode::INVALID_ARGUMENT, "period.year"},
      {"k of 1", Report2021With([](auto& r) { r.set_min_persons(1); }),
       StatusCode::INVALID_ARGUMENT, "min_persons"},
      {"k too large", Report2021With([](auto& r) { r.set_min_persons(1000); }),
       StatusCode::INVALID_ARGUMENT, "min_persons"},
      {"both scopes", Report2021With([&](auto& r) { r.add_series_ids(first_); }),
       StatusCode::INVALID_ARGUMENT, "series_ids"},
      {"a series twice", Report2021With([&](auto& r) {
         r.clear_organization_id();
         r.add_series_ids(first_);
         r.add_series_ids(first_);
       }),
       StatusCode::INVALID_ARGUMENT, "series_ids[1]"},
      {"unknown organisation", Report2021With([](auto& r) { r.set_organization_id(9999); }),
       StatusCode::NOT_FOUND, "organization_id"},
      {"unknown series", Report2021With([](auto& r) {
         r.clear_organization_id();
         r.add_series_ids(9999);
       }),
       StatusCode::NOT_FOUND, "series_ids[0]"},
      {"coordinator without scope",
       Report2021With([](auto& r) { r.clear_organization_id(); }, coordinator_token),
       StatusCode::INVALID_ARGUMENT, "organization_id"},
      {"another organisation",
       Report2021With([&](auto& r) { r.set_organization_id(other_org_); }, coordinator_token),
       StatusCode::PERMISSION_DENIED, ""},
      {"a series that does not exist, as a coordinator",
       Report2021With(
           [](auto& r) {
             r.clear_organization_id();
             r.add_series_ids(9999);
           },
           coordinator_token),
       StatusCode::PERMISSION_DENIED, ""},
  });
  v1::ExportFunderReportRequest bad_export;
  bad_export.mutable_report()->mutable_period()->set_year(2021);
  bad_export.mutable_report()->set_organization_id(org_);
  bad_export.mutable_report()->set_min_persons(1);
  v1::ReportFile file;
  grpc::Status s = Call(*reports_, &v1::ReportService::Stub::ExportFunderReport, bad_export, &file);
  EXPECT_EQ(s.error_code(), StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(FieldOf(s), "report.min_persons");
  EXPECT_EQ(Snapshot(), before);
  // Its own organisation, the coordinator may.
  EXPECT_EQ(As(coordinator_token, [&] { return ReportOk(Year(2021)).persons().value(); }), 5);
}

}  // namespace
}  // namespace trainhub::api_test
