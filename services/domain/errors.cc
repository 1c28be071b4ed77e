#include "domain/errors.h"

#include <charconv>
#include <nlohmann/json.hpp>

#include "absl/strings/cord.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"

namespace trainhub::domain {
namespace {

constexpr char kViolationsUrl[] = "trainhub/field_violations";
constexpr char kMessageUrl[] = "trainhub/message";
constexpr char kConflictUrl[] = "trainhub/conflicting_session_id";

// Payload encoding: a JSON array of {"f": field, "m": encoded Message}.
std::string Encode(const std::vector<FieldViolation>& list) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& v : list) out.push_back({{"f", v.field}, {"m", v.message.Encode()}});
  return out.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::string Describe(const std::vector<FieldViolation>& list) {
  return absl::StrJoin(list, "; ", [](std::string* out, const FieldViolation& v) {
    absl::StrAppend(out, v.field, ": ", v.description);
  });
}

absl::Status WithViolations(absl::StatusCode code, const std::vector<FieldViolation>& list) {
  absl::Status status(code, Describe(list));
  status.SetPayload(kViolationsUrl, absl::Cord(Encode(list)));
  return status;
}

}  // namespace

void Violations::Add(std::string field, Message description) {
  for (const auto& v : list_) {
    if (v.field == field) return;  // one violation per field
  }
  if (list_.size() < kMaxListedViolations) {
    std::string english = description.English();
    list_.push_back({std::move(field), std::move(english), std::move(description)});
    return;
  }
  if (unlisted_++ == 0) first_unlisted_field_ = std::move(field);
}

absl::Status Violations::ToStatus(absl::StatusCode code) const {
  if (list_.empty()) return absl::OkStatus();
  std::vector<FieldViolation> listed = list_;
  if (unlisted_ > 0) {
    Message more = Msg(
        "and {more, plural, one {# more problem} other {# more problems}} in this request (the "
        "first {listed} are listed)",
        {MessageArg::Count("more", static_cast<int64_t>(unlisted_)),
         {"listed", static_cast<int64_t>(list_.size())}});
    std::string english = more.English();
    listed.push_back({first_unlisted_field_, std::move(english), std::move(more)});
  }
  return WithViolations(code, listed);
}

absl::Status InvalidField(std::string field, Message description) {
  Violations v;
  v.Add(std::move(field), std::move(description));
  return v.ToStatus();
}

absl::Status FieldError(absl::StatusCode code, std::string field, Message description) {
  std::string english = description.English();
  return WithViolations(code, {{std::move(field), std::move(english), std::move(description)}});
}

absl::Status Refusal(absl::StatusCode code, const Message& message) {
  absl::Status status(code, message.English());
  if (message.translatable()) status.SetPayload(kMessageUrl, absl::Cord(message.Encode()));
  return status;
}

std::vector<FieldViolation> GetFieldViolations(const absl::Status& status) {
  std::vector<FieldViolation> out;
  auto payload = status.GetPayload(kViolationsUrl);
  if (!payload) return out;
  const nlohmann::json list = nlohmann::json::parse(std::string(*payload), nullptr, false);
  if (!list.is_array()) return out;
  for (const nlohmann::json& v : list) {
    if (!v.is_object() || !v.contains("f") || !v["f"].is_string() || !v.contains("m") ||
        !v["m"].is_string()) {
      continue;
    }
    std::optional<Message> message = Message::Decode(v["m"].get<std::string>());
    if (!message) continue;
    std::string english = message->English();
    out.push_back({v["f"].get<std::string>(), std::move(english), *std::move(message)});
  }
  return out;
}

std::optional<Message> GetMessage(const absl::Status& status) {
  if (auto payload = status.GetPayload(kMessageUrl)) {
    return Message::Decode(std::string(*payload));
  }
  return std::nullopt;
}

Message MessageOf(const absl::Status& status) {
  if (std::optional<Message> message = GetMessage(status)) return *std::move(message);
  return Message(std::string(status.message()));
}

absl::Status ConflictError(const Message& message, Id conflicting_session_id) {
  absl::Status status = Refusal(absl::StatusCode::kFailedPrecondition, message);
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
