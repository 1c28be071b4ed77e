#include "api/convert_accounts.h"
#include "api/audit_service.h"

#include "api/handler_util.h"

namespace trainhub::api {

grpc::Status AuditServiceImpl::ListAuditEvents(grpc::ServerContext* context,
                                               const v1::ListAuditEventsRequest* request,
                                               v1::ListAuditEventsResponse* response) {
  TH_ADMIT(call, *context, request, v1::AuditService::service_full_name(), "ListAuditEvents");
  auto page = ReadPage(*request, request->page_size(), request->page_token());
  if (!page.ok()) return ToGrpcStatus(page.status());
  return ReplyPage(*request, audit_.List(call.who, *page), response,
                   [](auto* r) { return r->add_events(); });
}

grpc::Status AuditServiceImpl::VerifyAuditLog(grpc::ServerContext* context,
                                              const v1::VerifyAuditLogRequest* request,
                                              v1::AuditLogVerification* response) {
  TH_ADMIT(call, *context, request, v1::AuditService::service_full_name(), "VerifyAuditLog");
  return Reply(audit_.Verify(call.who), response);
}

}  // namespace trainhub::api
