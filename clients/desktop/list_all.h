#ifndef TRAINHUB_CLIENTS_DESKTOP_LIST_ALL_H_
#define TRAINHUB_CLIENTS_DESKTOP_LIST_ALL_H_

// Every page of a List call (blocking; run it in the background).

#include <utility>
#include <vector>

#include "clients/desktop/connection.h"

namespace trainhub::desktop {

// A bound on what one view loads; a list longer than this shows its start.
constexpr int kMaxPages = 100;

// Calls `method` page by page (100 a page), handing each response to
// `take`, until the last page or the first error.
template <typename Stub, typename Request, typename Response, typename Take>
grpc::Status ListAll(Connection& connection, Stub& stub,
                     grpc::Status (Stub::*method)(grpc::ClientContext*, const Request&, Response*),
                     Request request, Take&& take) {
  request.set_page_size(100);
  for (int page = 0; page < kMaxPages; ++page) {
    Response response;
    grpc::Status status = connection.Call(stub, method, request, &response);
    if (!status.ok()) return status;
    take(response);
    if (response.next_page_token().empty()) break;
    request.set_page_token(response.next_page_token());
  }
  return grpc::Status::OK;
}

// The same, appending the `items` of every page (e.g.
// &ListModulesResponse::modules) to `out`.
template <typename Stub, typename Request, typename Response, typename Item>
grpc::Status ListAllInto(Connection& connection, Stub& stub,
                         grpc::Status (Stub::*method)(grpc::ClientContext*, const Request&,
                                                      Response*),
                         Request request,
                         const google::protobuf::RepeatedPtrField<Item>& (Response::*items)() const,
                         std::vector<Item>* out) {
  return ListAll(connection, stub, method, std::move(request), [items, out](const Response& page) {
    out->insert(out->end(), (page.*items)().begin(), (page.*items)().end());
  });
}

// Every organisation the signed-in account may see, appended to `out`.
inline grpc::Status ListAllOrganizations(Connection& connection,
                                         std::vector<trainhub::v1::Organization>* out) {
  return ListAll<trainhub::v1::OrganizationService::Stub>(
      connection, connection.organizations(),
      &trainhub::v1::OrganizationService::Stub::ListOrganizations,
      trainhub::v1::ListOrganizationsRequest(),
      [out](const trainhub::v1::ListOrganizationsResponse& page) {
        out->insert(out->end(), page.organizations().begin(), page.organizations().end());
      });
}

}  // namespace trainhub::desktop

#endif  // TRAINHUB_CLIENTS_DESKTOP_LIST_ALL_H_
