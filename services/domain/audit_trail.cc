#include "domain/audit_trail.h"

#include "absl/strings/str_cat.h"

namespace trainhub::domain {

absl::Status AuditTrail::Changed(absl::string_view kind, Id id, Id organization_id) {
  return Append(absl::StrCat(kind, "/", id), organization_id);
}

absl::Status AuditTrail::Changed(absl::string_view object) {
  return Append(std::string(object), 0);
}

absl::Status AuditTrail::Disclosed(std::string what, Id organization_id) {
  return Append(std::move(what), organization_id);
}

absl::Status AuditTrail::Append(std::string object, Id organization_id) {
  if (context_.who.account.id == 0) return absl::OkStatus();
  AuditEvent event;
  event.time = now_;
  event.account_id = context_.who.account.id;
  event.method = context_.method;
  event.object = std::move(object);
  event.organization_id = organization_id;
  event.result = "OK";
  event.request_id = context_.request_id;
  event.peer = context_.peer;
  return unit_.audit().Append(event).status();
}

}  // namespace trainhub::domain
