#include "domain/audit.h"

#include "absl/strings/str_cat.h"
#include "domain/policy.h"
#include "domain/status_macros.h"
#include "domain/validation.h"

namespace trainhub::domain {
AuditLog::AuditLog(Store& store, Clock clock) : store_(store), clock_(std::move(clock)) {}

absl::Status AuditLog::RecordRefusal(Id account_id, absl::string_view method,
                                     absl::string_view result, absl::string_view request_id,
                                     absl::string_view peer) {
  AuditEvent event;
  event.account_id = account_id;
  event.method = std::string(method.substr(0, kMaxMethodChars));
  event.result = std::string(result.substr(0, kMaxMethodChars));
  if (ValidateRequestId(request_id).ok()) event.request_id = std::string(request_id);
  event.peer = std::string(peer.substr(0, kMaxMethodChars));
  event.time = clock_();

  // Held across the (rare) writes so that one kind gets one row per window.
  std::lock_guard<std::mutex> lock(refusals_mu_);
  RefusalKind kind{account_id, event.method, event.result, event.peer};
  auto open = refusals_.find(kind);
  if (open == refusals_.end() && refusals_.size() >= kMaxRefusalKinds) {
    for (auto it = refusals_.begin(); it != refusals_.end();) {
      if (event.time - it->second.window_start < kRefusalWindow) {
        ++it;
        continue;
      }
      TH_RETURN_IF_ERROR(WriteRepeats(it->second));
      it = refusals_.erase(it);
    }
    if (refusals_.size() >= kMaxRefusalKinds) {
      // Too many kinds at once (many addresses): count them per method.
      event.peer = "*";
      event.account_id = 0;
      kind = RefusalKind{0, event.method, event.result, event.peer};
    }
    open = refusals_.find(kind);
  }
  if (open != refusals_.end() && event.time - open->second.window_start < kRefusalWindow) {
    // Counted in memory, written every kRepeatsPerWrite and before a read.
    if (++open->second.unwritten >= kRepeatsPerWrite) return WriteRepeats(open->second);
    return absl::OkStatus();
  }
  if (open != refusals_.end()) TH_RETURN_IF_ERROR(WriteRepeats(open->second));
  Id row = 0;
  TH_RETURN_IF_ERROR(store_.Write([&](UnitOfWork& w) -> absl::Status {
    TH_ASSIGN_OR_RETURN(row, w.audit().Append(event));
    return absl::OkStatus();
  }));
  refusals_[kind] = RefusalRow{row, event.time, 0};
  return absl::OkStatus();
}

absl::Status AuditLog::WriteRepeats(RefusalRow& row) {
  if (row.unwritten == 0) return absl::OkStatus();
  const int64_t repeats = row.unwritten;
  TH_RETURN_IF_ERROR(store_.Write(
      [&](UnitOfWork& w) { return w.audit().AddRefusalRepeats(row.event_id, repeats); }));
  row.unwritten = 0;
  return absl::OkStatus();
}

absl::Status AuditLog::FlushRefusals() {
  std::lock_guard<std::mutex> lock(refusals_mu_);
  for (auto& [kind, row] : refusals_) TH_RETURN_IF_ERROR(WriteRepeats(row));
  return absl::OkStatus();
}

AuditLog::~AuditLog() { FlushRefusals().IgnoreError(); }

absl::Status AuditLog::Record(AuditEvent event) {
  event.time = clock_();
  return store_.Write([&](UnitOfWork& w) { return w.audit().Append(event).status(); });
}

absl::StatusOr<Page<AuditEvent>> AuditLog::List(const Principal& who, const PageRequest& page) {
  AuditFilter filter;
  if (!who.IsAdmin()) {
    filter.organizations = VisibilityOf(who).organizations;
    if (filter.organizations.empty()) {
      return absl::PermissionDeniedError("your account may not read the audit log");
    }
  }
  TH_RETURN_IF_ERROR(FlushRefusals());  // the counts as they are now
  Page<AuditEvent> out;
  TH_RETURN_IF_ERROR(store_.Read([&](ReadView& r) -> absl::Status {
    TH_ASSIGN_OR_RETURN(out, r.audit().List(filter, page));
    return absl::OkStatus();
  }));
  return out;
}

}  // namespace trainhub::domain
