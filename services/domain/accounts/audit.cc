#include "domain/accounts/audit.h"

#include <set>
#include <vector>

#include "absl/strings/str_cat.h"
#include "domain/errors.h"
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
  if ((open == refusals_.end() && refusals_.size() >= kMaxRefusalKinds) ||
      event.time - last_close_ >= kRefusalWindow) {
    TH_RETURN_IF_ERROR(CloseWindows(event.time, false));
    open = refusals_.find(kind);
  }
  if (open == refusals_.end() && refusals_.size() >= kMaxRefusalKinds) {
    // Too many kinds at once (many addresses): count them per method.
    event.peer = "*";
    event.account_id = 0;
    kind = RefusalKind{0, event.method, event.result, event.peer};
    open = refusals_.find(kind);
  }
  if (open != refusals_.end() && event.time - open->second.window_start < kRefusalWindow) {
    // Counted in memory, written every kRepeatsPerWrite and before a read.
    if (++open->second.unwritten >= kRepeatsPerWrite) return WriteRepeats(open->second);
    return absl::OkStatus();
  }
  if (open != refusals_.end()) TH_RETURN_IF_ERROR(Close(open->second));
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

absl::Status AuditLog::Close(RefusalRow& row) {
  TH_RETURN_IF_ERROR(WriteRepeats(row));
  const Id event_id = row.event_id;
  return store_.Write([&](UnitOfWork& w) { return w.audit().Seal(event_id); });
}

absl::Status AuditLog::CloseWindows(absl::Time now, bool all) {
  last_close_ = now;
  for (auto it = refusals_.begin(); it != refusals_.end();) {
    if (!all && now - it->second.window_start < kRefusalWindow) {
      ++it;
      continue;
    }
    TH_RETURN_IF_ERROR(Close(it->second));
    it = refusals_.erase(it);
  }
  return absl::OkStatus();
}

absl::Status AuditLog::FlushRefusals() {
  std::lock_guard<std::mutex> lock(refusals_mu_);
  for (auto& [kind, row] : refusals_) TH_RETURN_IF_ERROR(WriteRepeats(row));
  return absl::OkStatus();
}

absl::Status AuditLog::SealRowsLeftOpen() {
  std::lock_guard<std::mutex> lock(refusals_mu_);
  return store_.Write([&](UnitOfWork& w) -> absl::Status {
    TH_ASSIGN_OR_RETURN(std::vector<AuditEvent> open, w.audit().ListOpen());
    for (const AuditEvent& e : open) TH_RETURN_IF_ERROR(w.audit().Seal(e.id));
    return absl::OkStatus();
  });
}

AuditLog::~AuditLog() {
  std::lock_guard<std::mutex> lock(refusals_mu_);
  CloseWindows(clock_(), true).IgnoreError();
}

absl::Status AuditLog::Record(AuditEvent event) {
  event.time = clock_();
  return store_.Write([&](UnitOfWork& w) { return w.audit().Append(event).status(); });
}

absl::StatusOr<Page<AuditEvent>> AuditLog::List(const Principal& who, const PageRequest& page) {
  AuditFilter filter;
  if (!who.IsAdmin()) {
    filter.organizations = VisibilityOf(who).organizations;
    if (filter.organizations.empty()) {
      return Refusal(absl::StatusCode::kPermissionDenied,
                     Msg("your account may not read the audit log"));
    }
  }
  {
    // The counts as they are now; the windows that ended join the chain.
    std::lock_guard<std::mutex> lock(refusals_mu_);
    for (auto& [kind, row] : refusals_) TH_RETURN_IF_ERROR(WriteRepeats(row));
    TH_RETURN_IF_ERROR(CloseWindows(clock_(), false));
  }
  Page<AuditEvent> out;
  TH_RETURN_IF_ERROR(store_.Read([&](ReadView& r) -> absl::Status {
    TH_ASSIGN_OR_RETURN(out, r.audit().List(filter, page));
    return absl::OkStatus();
  }));
  return out;
}

absl::StatusOr<AuditChainCheck> AuditLog::Verify(const Principal& who) {
  if (!who.IsAdmin()) {
    return Refusal(absl::StatusCode::kPermissionDenied,
                   Msg("only admins may verify the audit log"));
  }
  AuditChainChecker checker;
  std::vector<AuditEvent> open;
  std::set<Id> counting;
  {
    // Held while the rows outside the chain are read, so that they and the
    // open windows are of one moment.
    std::lock_guard<std::mutex> lock(refusals_mu_);
    for (auto& [kind, row] : refusals_) TH_RETURN_IF_ERROR(WriteRepeats(row));
    TH_RETURN_IF_ERROR(CloseWindows(clock_(), false));
    for (const auto& [kind, row] : refusals_) counting.insert(row.event_id);
    TH_RETURN_IF_ERROR(store_.Read([&](ReadView& r) -> absl::Status {
      TH_ASSIGN_OR_RETURN(open, r.audit().ListOpen());
      return absl::OkStatus();
    }));
  }
  AuditHead head;
  TH_RETURN_IF_ERROR(store_.Read([&](ReadView& r) -> absl::Status {
    TH_ASSIGN_OR_RETURN(head, r.audit().Head());
    constexpr int kPage = 2000;
    int64_t after = 0;
    for (;;) {
      TH_ASSIGN_OR_RETURN(std::vector<AuditEvent> page, r.audit().ListChain(after, kPage));
      for (const AuditEvent& e : page) {
        if (!checker.Add(e)) return absl::OkStatus();
      }
      if (static_cast<int>(page.size()) < kPage) return absl::OkStatus();
      after = page.back().chain_seq;
    }
  }));
  return checker.Finish(head, open, counting);
}

}  // namespace trainhub::domain
