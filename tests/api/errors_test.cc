#include "api/errors.h"

#include <gtest/gtest.h>

#include <string>

#include "domain/errors.h"
#include "domain/text.h"
#include "trainhub/v1/common.pb.h"

namespace trainhub::api {
namespace {

// A request with many bad entries (here 100 partner ids) is refused with a
// status that fits a gRPC trailer: the first 20 problems and a count of the
// rest, on a field that names the list.
TEST(ToGrpcStatusTest, AManyFoldRefusalFitsATrailerAndCountsWhatItLeavesOut) {
  domain::Violations v;
  for (int i = 0; i < 100; ++i) {
    v.Add("series.partner_organization_ids[" + std::to_string(i) + "]", domain::Msg("must be a positive id"));
  }
  EXPECT_EQ(v.size(), 100u);
  const grpc::Status status = ToGrpcStatus(v.ToStatus());
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_LT(status.error_message().size() + status.error_details().size(), 8u * 1024);
  trainhub::v1::ErrorDetails details;
  ASSERT_TRUE(details.ParseFromString(status.error_details()));
  ASSERT_EQ(details.field_violations_size(), 21);
  EXPECT_EQ(details.field_violations(0).field(), "series.partner_organization_ids[0]");
  EXPECT_EQ(details.field_violations(20).field(), "series.partner_organization_ids[20]");
  EXPECT_EQ(details.field_violations(20).description(),
            "and 80 more problems in this request (the first 20 are listed)");
  EXPECT_NE(status.error_message().find("and 80 more problems"), std::string::npos);
}

TEST(ToGrpcStatusTest, AVeryLongMessageIsCutAtACharacterBoundary) {
  std::string text;
  for (int i = 0; i < 2000; ++i) text += "Ä";  // two bytes each
  const grpc::Status status =
      ToGrpcStatus(domain::InvalidField("series.description", "is \"" + text + "\""));
  EXPECT_LE(status.error_message().size(), 3u * 1024);
  EXPECT_TRUE(domain::CountCodePoints(status.error_message()).has_value());
  EXPECT_EQ(status.error_message().substr(status.error_message().size() - 3), "\u2026");
}

TEST(ToGrpcStatusTest, InternalErrorsSayNothingOfTheirCause) {
  const grpc::Status status = ToGrpcStatus(absl::InternalError("disk I/O error in /var/lib"));
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INTERNAL);
  EXPECT_EQ(status.error_message().find("/var/lib"), std::string::npos);
}

}  // namespace
}  // namespace trainhub::api
