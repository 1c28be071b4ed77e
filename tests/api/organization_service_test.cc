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
}  // namespace
}  // namespace trainhub::api_test
