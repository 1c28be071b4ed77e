#include "domain/errors.h"

#include <charconv>

#include "absl/strings/cord.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"

namespace trainhub::domain {
namespace {

constexpr char kViolationsUrl[] = "trainhub/field_violations";
constexpr char kConflictUrl[] = "trainhub/conflicting_session_id";

// Payload encoding: "field\tdescription" lines. Neither part contains '\n'
// or '\t' because both are written by this code base.
std::string Encode(const std::vector<FieldViolation>& list) {
  std::string out;
  for (const auto& v : list) absl::StrAppend(&out, v.field, "\t", v.description, "\n");
  return out;
}

std::string Describe(const std::vector<FieldViolation>& list) {
  return absl::StrJoin(list, "; ", [](std::string* out, const FieldViolation& v) {
    absl::StrAppend(out, v.field, ": ", v.description);
  });
}

}  // namespace

void Violations::Add(std::string field, std::string description) {
  for (const auto& v : list_) {
    if (v.field == field) return;  // one violation per field
  }
  if (list_.size() < kMaxListedViolations) {
    list_.push_back({std::move(field), std::move(description)});
    return;
  }
  if (unlisted_++ == 0) first_unlisted_field_ = std::move(field);
}

absl::Status Violations::ToStatus(absl::StatusCode code) const {
  if (list_.empty()) return absl::OkStatus();
  std::vector<FieldViolation> listed = list_;
  if (unlisted_ > 0) {
    listed.push_back({first_unlisted_field_,
                      absl::StrCat("and ", unlisted_, " more problem", unlisted_ == 1 ? "" : "s",
                                   " in this request (the first ", list_.size(), " are listed)")});
  }
  absl::Status status(code, Describe(listed));
  status.SetPayload(kViolationsUrl, absl::Cord(Encode(listed)));
  return status;
}

absl::Status InvalidField(std::string field, std::string description) {
  Violations v;
  v.Add(std::move(field), std::move(description));
  return v.ToStatus();
}

absl::Status FieldError(absl::StatusCode code, std::string field, std::string description) {
  std::vector<FieldViolation> list{{std::move(field), std::move(description)}};
  absl::Status status(code, Describe(list));
  status.SetPayload(kViolationsUrl, absl::Cord(Encode(list)));
  return status;
}

std::vector<FieldViolation> GetFieldViolations(const absl::Status& status) {
  std::vector<FieldViolation> out;
  auto payload = status.GetPayload(kViolationsUrl);
  if (!payload) return out;
  std::string text(*payload);
  for (absl::string_view line : absl::StrSplit(text, '\n', absl::SkipEmpty())) {
    std::pair<std::string, std::string> parts = absl::StrSplit(line, absl::MaxSplits('\t', 1));
    out.push_back({parts.first, parts.second});
  }
  return out;
}

absl::Status ConflictError(std::string message, Id conflicting_session_id) {
  absl::Status status = absl::FailedPreconditionError(message);
  status.SetPayload(kConflictUrl, absl::Cord(absl::StrCat(conflicting_session_id)));
  return status;
}

Id GetConflictingSessionId(const absl::Status& status) {
  auto payload = status.GetPayload(kConflictUrl);
  if (!payload) return 0;
  std::string text(*payload);
  Id id = 0;
  std::from_chars(text.data(), text.data() + text.size(), id);
  return id;
}

bool IsDoubleBooking(const absl::Status& status) {
  return status.GetPayload(kConflictUrl).has_value();
}

}  // namespace trainhub::domain
