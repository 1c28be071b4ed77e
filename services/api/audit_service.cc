#include "api/handler_util.h"
#include "api/audit_service.h"

namespace trainhub::api {

grpc::Status AuditServiceImpl::ListAuditEvents(grpc::ServerContext* context,
                                               const v1::ListAuditEventsRequest* request,
                                               v1::ListAuditEventsResponse* response) {
  TH_ADMIT(principal, *context, request, v1::AuditService::service_full_name(), "ListAuditEvents");
  auto page = ReadPage(*request, request->page_size(), request->page_token());
  if (!page.ok()) return ToGrpcStatus(page.status());
  return ReplyPage(*request, audit_.List(principal, *page), response,
                   [](auto* r) { return r->add_events(); });
}

}  // namespace trainhub::api
