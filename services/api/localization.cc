#include "api/localization.h"

#include <algorithm>
#include <map>
#include <nlohmann/json.hpp>

#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "domain/message.h"

namespace trainhub::api {

// Generated from services/api/messages/*.json (messages_data.cc.in).
extern const std::vector<std::pair<std::string, const char*>>& CatalogueSources();

namespace {

using Catalogue = std::map<std::string, std::string, std::less<>>;

struct Catalogues {
  std::map<std::string, Catalogue, std::less<>> by_language;
  std::map<std::string, std::vector<std::string>, std::less<>> conflicts;
};

// The catalogues by language, read once from the built-in files. A file
// that is not an object of strings is a build defect; the test of the
// catalogues fails on it (its patterns are missing), and here it counts as
// empty.
const Catalogues& AllCatalogues() {
  static const auto* catalogues = [] {
    auto* out = new Catalogues();
    for (const auto& [language, source] : CatalogueSources()) {
      Catalogue& catalogue = out->by_language[language];
      const nlohmann::json j = nlohmann::json::parse(source, nullptr, false);
      if (!j.is_object()) continue;
      for (const auto& [pattern, translation] : j.items()) {
        if (!translation.is_string()) continue;
        auto [at, added] = catalogue.emplace(pattern, translation.get<std::string>());
        if (!added && at->second != translation.get<std::string>()) {
          out->conflicts[language].push_back(pattern);
        }
      }
    }
    return out;
  }();
  return *catalogues;
}

const std::map<std::string, Catalogue, std::less<>>& Catalogues() {
  return AllCatalogues().by_language;
}

// The part of an `accept-language` value that is read.
constexpr size_t kMaxAcceptLanguage = 512;

// `text` cut to at most `limit` bytes at a UTF-8 character boundary.
std::string Bounded(absl::string_view text, size_t limit) {
  if (text.size() <= limit) return std::string(text);
  size_t end = limit - 3;  // room for "…"
  while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) --end;
  return std::string(text.substr(0, end)) + "\u2026";
}

// The text of the encoded message `internal` in `language`; nullopt when it
// cannot be read (then the English stands).
std::optional<std::string> Said(const std::string& internal, absl::string_view language) {
  if (internal.empty()) return std::nullopt;
  std::optional<domain::Message> message = domain::Message::Decode(internal);
  if (!message) return std::nullopt;
  return SaidIn(*message, language);
}

void SetLocalized(google::rpc::LocalizedMessage* out, absl::string_view language,
                  std::string text) {
  out->set_locale(std::string(language));
  out->set_message(std::move(text));
}

}  // namespace

std::string SaidIn(const domain::Message& message, absl::string_view language) {
  if (std::optional<std::string> translation = Translation(language, message.pattern())) {
    const domain::Message::SayItem say_item = [language](const domain::Message& item) {
      return SaidIn(item, language);
    };
    if (std::optional<std::string> text = message.FormatAs(*translation, language, say_item)) {
      return *std::move(text);
    }
  }
  return message.English();
}

std::optional<std::string> AskedLanguage(const grpc::ServerContext& context) {
  const auto& metadata = context.client_metadata();
  auto it = metadata.find("accept-language");
  if (it == metadata.end()) return std::nullopt;
  return PickLanguage(absl::string_view(it->second.data(), it->second.size()));
}

const std::vector<std::string>& Languages() {
  static const auto* languages = [] {
    auto* out = new std::vector<std::string>{"en"};
    for (const auto& [language, catalogue] : Catalogues()) {
      if (language != "en") out->push_back(language);
    }
    return out;
  }();
  return *languages;
}

std::optional<std::string> Translation(absl::string_view language, absl::string_view pattern) {
  if (language == "en") return std::string(pattern);
  auto catalogue = Catalogues().find(language);
  if (catalogue == Catalogues().end()) return std::nullopt;
  auto entry = catalogue->second.find(pattern);
  if (entry == catalogue->second.end()) return std::nullopt;
  return entry->second;
}

std::vector<std::string> CataloguePatterns(absl::string_view language) {
  std::vector<std::string> out;
  auto catalogue = Catalogues().find(language);
  if (catalogue == Catalogues().end()) return out;
  for (const auto& [pattern, translation] : catalogue->second) out.push_back(pattern);
  return out;
}

std::vector<std::string> CatalogueConflicts(absl::string_view language) {
  auto conflicts = AllCatalogues().conflicts.find(language);
  if (conflicts == AllCatalogues().conflicts.end()) return {};
  return conflicts->second;
}

std::string PickLanguage(absl::string_view accept_language) {
  accept_language = accept_language.substr(0, kMaxAcceptLanguage);
  std::string best = "en";
  double best_q = 0;
  int taken = 0;
  for (absl::string_view entry : absl::StrSplit(accept_language, ',')) {
    if (++taken > 20) break;  // a header is short; more is noise
    std::vector<absl::string_view> parts = absl::StrSplit(entry, ';');
    std::string range = absl::AsciiStrToLower(absl::StripAsciiWhitespace(parts[0]));
    double q = 1;
    for (size_t i = 1; i < parts.size(); ++i) {
      absl::string_view param = absl::StripAsciiWhitespace(parts[i]);
      if (absl::ConsumePrefix(&param, "q=") && !absl::SimpleAtod(param, &q)) q = 0;
    }
    if (q <= best_q || q > 1) continue;
    const std::string primary = range.substr(0, range.find_first_of("-_"));
    if (primary == "*") {
      best = "en";
      best_q = q;
      continue;
    }
    const auto& languages = Languages();
    if (std::find(languages.begin(), languages.end(), primary) != languages.end()) {
      best = primary;
      best_q = q;
    }
  }
  return best;
}

void Localize(trainhub::v1::ErrorDetails& details, const std::string& english_message,
              absl::string_view language, size_t max_bytes) {
  // Each violation's description, then the message: the one
  // violation's own (a FieldError's message is "field: description"), or
  // the English one when the refusal has no pattern.
  std::vector<std::string> descriptions;
  for (auto& v : *details.mutable_field_violations()) {
    descriptions.push_back(Said(v.internal_message(), language).value_or(v.description()));
    v.clear_internal_message();
  }
  std::string message;
  if (std::optional<std::string> said = Said(details.internal_message(), language)) {
    message = *std::move(said);
  } else if (!descriptions.empty()) {
    for (int i = 0; i < details.field_violations_size(); ++i) {
      if (i > 0) message += "; ";
      message += details.field_violations(i).field() + ": " + descriptions[i];
    }
  } else {
    message = english_message;
  }
  details.clear_internal_message();
  SetLocalized(details.mutable_localized_message(), language, Bounded(message, max_bytes / 2));
  for (int i = 0; i < details.field_violations_size(); ++i) {
    auto* v = details.mutable_field_violations(i);
    const size_t cost = descriptions[i].size() + language.size() + 8;
    if (details.ByteSizeLong() + cost > max_bytes) break;
    SetLocalized(v->mutable_localized_description(), language, descriptions[i]);
  }
}

namespace {

using grpc::experimental::InterceptionHookPoints;

// The details' budget: gRPC clients refuse trailers above 8 KiB; the
// English message keeps to 3 KiB (api/errors.cc).
constexpr size_t kMaxLocalizedDetailsBytes = 4 * 1024;

class LocalizeInterceptor : public grpc::experimental::Interceptor {
 public:
  void Intercept(grpc::experimental::InterceptorBatchMethods* methods) override {
    if (methods->QueryInterceptionHookPoint(InterceptionHookPoints::POST_RECV_INITIAL_METADATA)) {
      auto* metadata = methods->GetRecvInitialMetadata();
      auto it = metadata->find("accept-language");
      if (it != metadata->end()) {
        asked_ = true;
        language_ = PickLanguage(absl::string_view(it->second.data(), it->second.size()));
      }
    }
    if (methods->QueryInterceptionHookPoint(InterceptionHookPoints::PRE_SEND_STATUS)) {
      const grpc::Status status = methods->GetSendStatus();
      trainhub::v1::ErrorDetails details;
      if (!status.ok() && !status.error_details().empty() &&
          details.ParseFromString(status.error_details())) {
        if (asked_) {
          Localize(details, status.error_message(), language_, kMaxLocalizedDetailsBytes);
        } else {
          details.clear_internal_message();
          for (auto& v : *details.mutable_field_violations()) v.clear_internal_message();
        }
        methods->ModifySendStatus(
            grpc::Status(status.error_code(), status.error_message(), details.SerializeAsString()));
      }
    }
    methods->Proceed();
  }

 private:
  bool asked_ = false;
  std::string language_ = "en";
};

}  // namespace

grpc::experimental::Interceptor* LocalizeFactory::CreateServerInterceptor(
    grpc::experimental::ServerRpcInfo*) {
  return new LocalizeInterceptor();
}

}  // namespace trainhub::api
