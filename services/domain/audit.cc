#include "domain/audit.h"

#include "absl/strings/str_cat.h"
#include "domain/status_macros.h"

namespace trainhub::domain {
namespace {
thread_local const AuditEvent* current_event = nullptr;
}  // namespace

AuditScope::AuditScope(Id account_id, std::string method, std::string request_id) {
  event_.account_id = account_id;
  event_.method = std::move(method);
  event_.request_id = std::move(request_id);
  event_.result = "OK";
  current_event = &event_;
}

AuditScope::~AuditScope() { current_event = nullptr; }

const AuditEvent* AuditScope::Current() { return current_event; }

AuditLog::AuditLog(Store& store, Clock clock) : store_(store), clock_(std::move(clock)) {}

absl::Status AuditLog::RecordRefusal(Id account_id, absl::string_view method,
                                     absl::string_view result, absl::string_view request_id) {
  AuditEvent event;
  event.account_id = account_id;
  event.method = std::string(method);
  event.result = std::string(result);
  event.request_id = std::string(request_id);
  return Record(std::move(event));
}

absl::Status AuditLog::Record(AuditEvent event) {
  event.time = clock_();
  return store_.Write([&](StoreWriter& w) { return w.AppendAudit(event); });
}

absl::StatusOr<Page<AuditEvent>> AuditLog::List(const Principal& who, const PageRequest& page) {
  AuditFilter filter;
  if (!who.IsAdmin()) {
    filter.organizations = VisibilityOf(who).organizations;
    if (filter.organizations.empty()) {
      return absl::PermissionDeniedError("your account may not read the audit log");
    }
  }
  Page<AuditEvent> out;
  TH_RETURN_IF_ERROR(store_.Read([&](StoreReader& r) -> absl::Status {
    TH_ASSIGN_OR_RETURN(out, r.ListAudit(filter, page));
    return absl::OkStatus();
  }));
  return out;
}

}  // namespace trainhub::domain
