#include "clients/cli/printer.h"

#include <fmt/core.h>
#include <google/protobuf/util/json_util.h>

#include <map>
#include <optional>
#include <regex>
#include <string_view>

#include "clients/cli/messages.h"
#include "trainhub/v1/common.pb.h"

namespace trainhub::cli {

namespace {

// An argument's word stands for the field: an id argument (SERIES), or
// what the command registered (a file's name, a typed number).
bool IsArgumentWord(const std::string& word) {
  return !word.empty() && word.find_first_of("abcdefghijklmnopqrstuvwxyz-/ ") == std::string::npos;
}

// Whether `text` goes on like a sentence's predicate ("is not ...", "must
// be ..."): the field before it is then its subject and keeps a word.
bool StartsWithPredicate(std::string_view text) {
  static const std::regex kPredicate(
      R"(^(is|are|was|were|has|have|had|must|cannot|can|could|does|do|did|needs|need|should|may|might|will)\b)");
  return std::regex_search(text.begin(), text.end(), kPredicate);
}

// The CLI's word for the request field `raw` (a path, indexes allowed), or
// nullopt for a word that is no field. `named`: the word stands where only a
// field can (before a colon, after "set"). Sets `registered` when the word
// comes from `arguments` (what this command's user typed).
std::optional<std::string> CliWordFor(const std::string& raw, bool named,
                                      const std::map<std::string, std::string>& arguments,
                                      bool& registered) {
  static const std::regex kIndex(R"(\[\d+\])");
  constexpr const char* kRequestMessages[] = {
      "series",      "session", "module", "organization",  "trainer",
      "participant", "account", "cohort", "qualification", "rule"};
  const std::string path = std::regex_replace(raw, kIndex, "");
  const auto matches = [&](const std::string& f) {
    return path == f || (path.size() > f.size() && path.ends_with("." + f));
  };
  registered = false;
  if (named) {
    for (const auto& [field, word] : arguments) {
      if (matches(field)) {
        registered = true;
        return word;
      }
    }
  }
  for (const auto& [field, word] : msg::kCliWordForField) {
    const std::string f = field;
    if (matches(f)) {
      if (path == f && f.find('_') == std::string::npos && !named) return std::nullopt;
      return std::string(word);
    }
  }
  const size_t dot = path.find('.');
  const bool message_path = dot != std::string::npos &&
                            std::find(std::begin(kRequestMessages), std::end(kRequestMessages),
                                      path.substr(0, dot)) != std::end(kRequestMessages);
  const bool snake_field = dot == std::string::npos && path.find('_') != std::string::npos;
  if (!message_path && !snake_field) return std::nullopt;
  std::string last = path.substr(path.rfind('.') == std::string::npos ? 0 : path.rfind('.') + 1);
  std::replace(last.begin(), last.end(), '_', '-');
  return "--" + last;
}

}  // namespace

std::string InCliWords(const std::string& text,
                       const std::map<std::string, std::string>& arguments) {
  // A field path ("session.end_time", "series.partner_organization_ids[1]"),
  // a snake_case field ("allow_overlap"), or before a colon a single field
  // name ("id: ..."), optionally after "set ".
  static const std::regex kField(
      R"((\bset )?\b([a-z][a-z0-9]*(?:\[\d+\])?(?:[._][a-z0-9]+(?:\[\d+\])?)*)(?=(:)?))");
  bool registered = false;  // set by CliWordFor
  std::string out;
  size_t copied = 0;
  for (auto it = std::sregex_iterator(text.begin(), text.end(), kField);
       it != std::sregex_iterator(); ++it) {
    const std::smatch& m = *it;
    const size_t at = m.position(2);
    if (at < copied) continue;
    // Parts of e-mail addresses, method names and host names stay.
    if (at > 0 && (text[at - 1] == '@' || text[at - 1] == '/' || text[at - 1] == '.' ||
                   text[at - 1] == '-')) {
      continue;
    }
    const std::optional<std::string> word =
        CliWordFor(m[2].str(), m[3].matched || m[1].matched, arguments, registered);
    if (!word) continue;
    if (registered || word->empty() || IsArgumentWord(*word)) {
      // An argument: "field: " goes (the message names the object itself),
      // unless the rest is a bare predicate ("is not a certificate number"),
      // which gets the argument as its subject. A registered word (a file's
      // name) always stays.
      if (!m[3].matched) continue;
      size_t rest = m.position(0) + m.length(0) + 1;
      while (rest < text.size() && text[rest] == ' ') ++rest;
      out.append(text, copied, m.position(0) - copied);
      if (!word->empty() && StartsWithPredicate(std::string_view(text).substr(rest))) {
        out += *word + " ";
      } else if (registered) {
        out += *word + ": ";
      }
      copied = rest;
      continue;
    }
    out.append(text, copied, m.position(0) - copied);
    if (m[1].matched) out += word->starts_with("--") ? "pass " : m[1].str();
    out += *word;
    copied = m.position(0) + m.length(0);
  }
  out.append(text, copied, std::string::npos);
  return out;
}

const std::string& DescriptionOf(const trainhub::v1::ErrorDetails::FieldViolation& violation) {
  return violation.has_localized_description() ? violation.localized_description().message()
                                               : violation.description();
}

std::string ToJson(const google::protobuf::Message& message) {
  google::protobuf::util::JsonPrintOptions options;
  options.preserve_proto_field_names = true;
  options.always_print_primitive_fields = true;
  std::string json;
  (void)google::protobuf::util::MessageToJsonString(message, &json, options);
  return json;
}

void Printer::Json(const google::protobuf::Message& message) { out_ << ToJson(message) << "\n"; }

int Printer::Report(const grpc::Status& status, const std::string& server, bool sent_token) {
  switch (status.error_code()) {
    case grpc::StatusCode::UNAVAILABLE:
    case grpc::StatusCode::DEADLINE_EXCEEDED:
      err_ << msg::kErrorPrefix << fmt::format(msg::kUnreachable, server, status.error_message())
           << "\n";
      return kExitUnreachable;
    default:
      break;
  }
  trainhub::v1::ErrorDetails details;
  if (!status.error_details().empty()) details.ParseFromString(status.error_details());
  // The server's words in the user's language when it sent them (the CLI
  // asks for LANG's), else its English.
  const std::string said = details.has_localized_message() ? details.localized_message().message()
                                                           : status.error_message();
  if (status.error_code() == grpc::StatusCode::UNAUTHENTICATED) {
    // The server speaks of tokens and metadata; the user logs in.
    err_ << msg::kErrorPrefix << (sent_token ? msg::kLoginEnded : msg::kNotLoggedIn) << "\n";
    return kExitDenied;
  }
  // The server names its method ("CreateOrganization is for an admin; ...");
  // the user typed a command.
  static const std::regex kMethodRefused(
      R"(^[A-Z][A-Za-z]+ is for (.+); your account may not call it$)");
  const std::string message = status.error_message();
  std::smatch refused;
  if (status.error_code() == grpc::StatusCode::PERMISSION_DENIED &&
      std::regex_match(message, refused, kMethodRefused)) {
    err_ << msg::kErrorPrefix << fmt::format(msg::kCommandNotForYou, refused[1].str()) << "\n";
    return kExitDenied;
  }
  err_ << msg::kErrorPrefix
       << (details.field_violations_size() > 1 ? msg::kRequestRejected
                                               : InCliWords(said, arguments_))
       << "\n";
  {
    if (details.field_violations_size() > 1) {
      for (const auto& v : details.field_violations()) {
        err_ << fmt::format(msg::kFieldLine,
                            InCliWords(v.field() + ": " + DescriptionOf(v), arguments_))
             << "\n";
      }
    }
    if (details.conflicting_session_id() != 0) {
      err_ << fmt::format(msg::kConflictLine, details.conflicting_session_id(),
                          details.conflicting_session_id())
           << "\n";
    }
  }
  switch (status.error_code()) {
    case grpc::StatusCode::NOT_FOUND:
      return kExitNotFound;
    case grpc::StatusCode::INVALID_ARGUMENT:
    case grpc::StatusCode::FAILED_PRECONDITION:
    case grpc::StatusCode::ALREADY_EXISTS:
    case grpc::StatusCode::OUT_OF_RANGE:
    case grpc::StatusCode::ABORTED:
      return kExitRejected;
    case grpc::StatusCode::UNAUTHENTICATED:
    case grpc::StatusCode::PERMISSION_DENIED:
      return kExitDenied;
    default:
      return kExitOther;
  }
}

}  // namespace trainhub::cli
