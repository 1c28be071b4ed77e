// OrganizationService: who may call what (the rows of the access matrix).

#include "api/access_matrix.h"
#include "api/api_fixture.h"

namespace trainhub::api_test {
namespace {

// OrganizationService's rows of the access matrix (access_matrix.h).
TH_ACCESS_ROWS(kOrganizationServiceRows,
               {
                   {"OrganizationService/CreateOrganization",
                    [](const AccessObjects&) { return std::string(); }, kAdminOnly},
                   {"OrganizationService/GetOrganization",
                    [](const AccessObjects& o) {
                      v1::GetOrganizationRequest r;
                      r.set_id(o.org);
                      return Bytes(r);
                    },
                    kAll},
                   {"OrganizationService/ListOrganizations",
                    [](const AccessObjects&) { return std::string(); }, kAll},
                   {"OrganizationService/UpdateOrganization",
                    [](const AccessObjects& o) {
                      v1::UpdateOrganizationRequest r;
                      r.mutable_organization()->set_id(o.org);
                      r.mutable_update_mask()->add_paths("city");
                      return Bytes(r);
                    },
                    kPlannerOwn},
               });

// Who signs an organisation's certificates is part of its settings: set,
// changed and cleared by update; a role needs a name; too long is refused
// and changes nothing.
TEST_F(ApiTest, AnOrganisationNamesWhoSignsItsCertificates) {
  v1::CreateOrganizationRequest create;
  create.mutable_organization()->set_name("Auslandsgesellschaft Sachsen-Anhalt e.V.");
  create.mutable_organization()->set_kind(v1::ORGANIZATION_KIND_NGO);
  create.mutable_organization()->set_city("Magdeburg");
  create.mutable_organization()->set_signatory_name("Dr. Katrin Wegener");
  create.mutable_organization()->set_signatory_role("Projektleitung");
  v1::Organization org;
  ASSERT_TRUE(Call(*orgs_, &v1::OrganizationService::Stub::CreateOrganization, create, &org).ok());
  EXPECT_EQ(org.signatory_name(), "Dr. Katrin Wegener");
  EXPECT_EQ(org.signatory_role(), "Projektleitung");

  auto update = [&](const std::string& name, const std::string& role,
                    std::vector<std::string> paths, v1::Organization* out) {
    v1::UpdateOrganizationRequest r;
    r.mutable_organization()->set_id(org.id());
    r.mutable_organization()->set_signatory_name(name);
    r.mutable_organization()->set_signatory_role(role);
    for (const std::string& p : paths) r.mutable_update_mask()->add_paths(p);
    return Call(*orgs_, &v1::OrganizationService::Stub::UpdateOrganization, r, out);
  };
  v1::Organization out;
  ASSERT_TRUE(update("", "Geschäftsführung", {"signatory_role"}, &out).ok());
  EXPECT_EQ(out.signatory_name(), "Dr. Katrin Wegener");
  EXPECT_EQ(out.signatory_role(), "Geschäftsführung");
  ExpectRefused({
      {"a role without a name",
       [&] { return update("", "Projektleitung", {"signatory_name"}, &out); },
       grpc::StatusCode::INVALID_ARGUMENT, "organization.signatory_name"},
      {"an oversize name",
       [&] { return update(std::string(201, 'x'), "", {"signatory_name"}, &out); },
       grpc::StatusCode::INVALID_ARGUMENT, "organization.signatory_name"},
      {"an oversize role",
       [&] { return update("", std::string(201, 'x'), {"signatory_role"}, &out); },
       grpc::StatusCode::INVALID_ARGUMENT, "organization.signatory_role"},
  });
  v1::GetOrganizationRequest get;
  get.set_id(org.id());
  v1::Organization read;
  ASSERT_TRUE(Call(*orgs_, &v1::OrganizationService::Stub::GetOrganization, get, &read).ok());
  EXPECT_EQ(read.signatory_name(), "Dr. Katrin Wegener");
  EXPECT_EQ(read.signatory_role(), "Geschäftsführung");
  ASSERT_TRUE(update("", "", {"signatory_name", "signatory_role"}, &out).ok());
  EXPECT_TRUE(out.signatory_name().empty());
}

}  // namespace
}  // namespace trainhub::api_test
