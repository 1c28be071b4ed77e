#ifndef TRAINHUB_SERVICES_DOMAIN_ERRORS_H_
#define TRAINHUB_SERVICES_DOMAIN_ERRORS_H_

// Domain errors are absl::Status values. Field violations, a conflicting
// session id and the refusal's words as a Message (domain/message.h) travel
// as payloads so that the API layer can turn them into
// trainhub.v1.ErrorDetails, in the caller's language, without parsing
// messages. The status message is the English text.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "domain/message.h"
#include "domain/model.h"

namespace trainhub::domain {

struct FieldViolation {
  std::string field;
  std::string description;  // English
  Message message;          // the description, to be said in other languages
  bool operator==(const FieldViolation&) const = default;
};

// Collects one violation per bad field; ToStatus() is OK when none were added.
// A refusal must fit a gRPC trailer (clients refuse more than 8 KiB), so the
// first kMaxListedViolations are listed and one more entry, on the first
// field left out, counts the rest.
class Violations {
 public:
  static constexpr size_t kMaxListedViolations = 20;

  void Add(std::string field, Message description);
  bool empty() const { return list_.empty(); }
  // `code` (INVALID_ARGUMENT unless given) listing the violations, with the
  // list as payload.
  absl::Status ToStatus(absl::StatusCode code = absl::StatusCode::kInvalidArgument) const;
  // Every violation added, the ones not listed included.
  size_t size() const { return list_.size() + unlisted_; }

 private:
  std::vector<FieldViolation> list_;
  size_t unlisted_ = 0;
  std::string first_unlisted_field_;
};

// INVALID_ARGUMENT for a single field.
absl::Status InvalidField(std::string field, Message description);
// Code `code` (e.g. NOT_FOUND) that still names the request field at fault.
absl::Status FieldError(absl::StatusCode code, std::string field, Message description);
// Code `code` with `message`, naming no field.
absl::Status Refusal(absl::StatusCode code, const Message& message);

// The violations carried by `status`; empty when it has none.
std::vector<FieldViolation> GetFieldViolations(const absl::Status& status);
// The words of `status`: its Message when it carries one, else its status
// message as it is (shown untranslated).
Message MessageOf(const absl::Status& status);
// The words of `status` when it carries a Message (a refusal made by
// Refusal, or one field's violation); nullopt otherwise (the status message
// alone, or several violations, each with its own).
std::optional<Message> GetMessage(const absl::Status& status);

// FAILED_PRECONDITION for a double booking, carrying the other session's id.
absl::Status ConflictError(const Message& message, Id conflicting_session_id);
// The conflicting session id carried by `status`, or 0 (also for a double
// booking whose other session the caller may not see).
Id GetConflictingSessionId(const absl::Status& status);
// True when `status` came from ConflictError.
bool IsDoubleBooking(const absl::Status& status);

}  // namespace trainhub::domain

#endif  // TRAINHUB_SERVICES_DOMAIN_ERRORS_H_
