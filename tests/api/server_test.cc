// The served whole: loopback rules, health check, reflection.

#include "api/api_fixture.h"

namespace trainhub::api_test {
namespace {

TEST(ServerOptionsTest, KnowsLoopbackAddresses) {
  for (const char* address : {"127.0.0.1:50051", "127.1.2.3:0", "localhost:9", "[::1]:50051"}) {
    EXPECT_TRUE(server::IsLoopbackAddress(address)) << address;
  }
  for (const char* address : {"0.0.0.0:50051", "10.0.0.5:1", "[::]:50051", "127.0.0.1.evil:1",
                              "example.org:443", "[2001:db8::1]:1"}) {
    EXPECT_FALSE(server::IsLoopbackAddress(address)) << address;
  }
}

TEST_F(ApiTest, HealthCheckAnswersServing) {
  auto health = grpc::health::v1::Health::NewStub(channel_);
  grpc::ClientContext context;
  grpc::health::v1::HealthCheckRequest request;
  grpc::health::v1::HealthCheckResponse response;
  ASSERT_TRUE(health->Check(&context, request, &response).ok());
  EXPECT_EQ(response.status(), grpc::health::v1::HealthCheckResponse::SERVING);
}

// Server reflection through a generic stream, the way grpcurl and similar
// tools use it: ServerReflectionRequest{list_services: ""}.
TEST_F(ApiTest, ReflectionListsTheServices) {
  grpc::GenericStub generic(channel_);
  grpc::ClientContext context;
  grpc::CompletionQueue cq;
  auto call = generic.PrepareCall(
      &context, "/grpc.reflection.v1alpha.ServerReflection/ServerReflectionInfo", &cq);
  auto await = [&](intptr_t want) {
    void* tag = nullptr;
    bool ok = false;
    EXPECT_TRUE(cq.Next(&tag, &ok));
    EXPECT_EQ(reinterpret_cast<intptr_t>(tag), want);
    return ok;
  };
  call->StartCall(reinterpret_cast<void*>(1));
  ASSERT_TRUE(await(1));
  grpc::Slice request_slice(std::string("\x3a\x00", 2));  // field 7, empty string
  grpc::ByteBuffer request(&request_slice, 1);
  call->Write(request, reinterpret_cast<void*>(2));
  ASSERT_TRUE(await(2));
  call->WritesDone(reinterpret_cast<void*>(3));
  ASSERT_TRUE(await(3));
  grpc::ByteBuffer response;
  call->Read(&response, reinterpret_cast<void*>(4));
  ASSERT_TRUE(await(4));
  grpc::Status status;
  call->Finish(&status, reinterpret_cast<void*>(5));
  ASSERT_TRUE(await(5));
  ASSERT_TRUE(status.ok()) << status.error_message();

  std::vector<grpc::Slice> slices;
  ASSERT_TRUE(response.Dump(&slices).ok());
  std::string bytes;
  for (const auto& slice : slices)
    bytes.append(reinterpret_cast<const char*>(slice.begin()), slice.size());
  // ServerReflectionResponse.list_services_response (6) -> service (1) -> name (1).
  auto field = [](const std::string& data, int number) {
    google::protobuf::UnknownFieldSet set;
    std::vector<std::string> out;
    if (!set.ParseFromString(data)) return out;
    for (int i = 0; i < set.field_count(); ++i) {
      if (set.field(i).number() == number &&
          set.field(i).type() == google::protobuf::UnknownField::TYPE_LENGTH_DELIMITED) {
        out.push_back(set.field(i).length_delimited());
      }
    }
    return out;
  };
  std::set<std::string> names;
  for (const std::string& list : field(bytes, 6)) {
    for (const std::string& service : field(list, 1)) {
      for (const std::string& name : field(service, 1)) names.insert(name);
    }
  }
  for (const char* name :
       {"trainhub.v1.OrganizationService", "trainhub.v1.TrainerService",
        "trainhub.v1.SeriesService", "trainhub.v1.ScheduleService", "grpc.health.v1.Health"}) {
    EXPECT_TRUE(names.count(name)) << name;
  }
}

}  // namespace
}  // namespace trainhub::api_test
