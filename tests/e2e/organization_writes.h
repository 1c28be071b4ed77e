#ifndef TRAINHUB_TESTS_E2E_ORGANIZATION_WRITES_H_
#define TRAINHUB_TESTS_E2E_ORGANIZATION_WRITES_H_

// Durable writes for the e2e tests that count acknowledged writes (crash,
// backup): each creates one organisation with a name of the test's choosing.

#include <grpcpp/grpcpp.h>

#include <cctype>
#include <chrono>
#include <filesystem>
#include <string>

#include "e2e/e2e_fixture.h"
#include "trainhub/v1/organization.grpc.pb.h"

namespace trainhub::e2e {

// The token the CLI saved after its login in the test directory `dir`.
inline std::string SavedCliToken(const std::filesystem::path& dir) {
  std::string token = ReadFile(dir / "config" / "trainhub" / "token");
  while (!token.empty() && std::isspace(static_cast<unsigned char>(token.back()))) token.pop_back();
  return token;
}

// Creates the NGO `name` as the bearer of `token`; the call's status.
inline grpc::Status CreateOrganizationNamed(trainhub::v1::OrganizationService::Stub& stub,
                                            const std::string& token, const std::string& name,
                                            std::chrono::seconds deadline) {
  trainhub::v1::CreateOrganizationRequest request;
  request.mutable_organization()->set_name(name);
  request.mutable_organization()->set_kind(trainhub::v1::ORGANIZATION_KIND_NGO);
  grpc::ClientContext context;
  context.AddMetadata("authorization", "Bearer " + token);
  context.set_deadline(std::chrono::system_clock::now() + deadline);
  trainhub::v1::Organization created;
  return stub.CreateOrganization(&context, request, &created);
}

}  // namespace trainhub::e2e

#endif  // TRAINHUB_TESTS_E2E_ORGANIZATION_WRITES_H_
