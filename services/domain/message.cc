#include "domain/message.h"

#include <unicode/locid.h>
#include <unicode/messagepattern.h>
#include <unicode/msgfmt.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <nlohmann/json.hpp>

#include "absl/strings/str_cat.h"

namespace trainhub::domain {
namespace {

icu::UnicodeString Unicode(absl::string_view text) {
  return icu::UnicodeString::fromUTF8(
      icu::StringPiece(text.data(), static_cast<int32_t>(text.size())));
}

// The text of `arg` in a language whose items `say_item` says (English
// when empty).
std::string TextOf(const MessageArg& arg, const Message::SayItem& say_item) {
  if (arg.items.empty() || !say_item) return arg.text;
  std::string out;
  for (const Message& item : arg.items) {
    if (!out.empty()) out += arg.separator;
    out += say_item(item);
  }
  return out;
}

// `pattern` formatted with `args` by ICU for `language`; nullopt when ICU
// refuses the pattern or the arguments.
std::optional<std::string> Format(absl::string_view pattern, const std::vector<MessageArg>& args,
                                  absl::string_view language,
                                  const Message::SayItem& say_item = nullptr) {
  // Most patterns are plain text: ICU would give them back unchanged
  // (apostrophes only quote before a brace, '#' or another apostrophe).
  if (pattern.find_first_of("{}") == absl::string_view::npos &&
      pattern.find("''") == absl::string_view::npos) {
    return std::string(pattern);
  }
  UErrorCode status = U_ZERO_ERROR;
  const icu::MessageFormat format(Unicode(pattern), icu::Locale(std::string(language).c_str()),
                                  status);
  if (U_FAILURE(status)) return std::nullopt;
  std::vector<icu::UnicodeString> names;
  std::vector<icu::Formattable> values;
  names.reserve(args.size());
  values.reserve(args.size());
  for (const MessageArg& arg : args) {
    names.push_back(Unicode(arg.name));
    if (arg.count) {
      values.emplace_back(static_cast<int64_t>(*arg.count));
    } else {
      values.emplace_back(Unicode(TextOf(arg, say_item)));
    }
  }
  icu::UnicodeString out;
  format.format(names.data(), values.data(), static_cast<int32_t>(args.size()), out, status);
  if (U_FAILURE(status)) return std::nullopt;
  std::string utf8;
  out.toUTF8String(utf8);
  return utf8;
}

}  // namespace

MessageArg::MessageArg(std::string name, absl::string_view text)
    : name(std::move(name)), text(text) {}
MessageArg::MessageArg(std::string name, const char* text) : name(std::move(name)), text(text) {}
MessageArg::MessageArg(std::string name, const std::string& text)
    : name(std::move(name)), text(text) {}
MessageArg::MessageArg(std::string name, int number) : MessageArg(std::move(name), int64_t{number}) {}
MessageArg::MessageArg(std::string name, uint64_t number)
    : MessageArg(std::move(name), static_cast<int64_t>(number)) {}
MessageArg::MessageArg(std::string name, int64_t number)
    : name(std::move(name)), text(absl::StrCat(number)) {}

MessageArg MessageArg::Count(std::string name, int64_t n) {
  MessageArg arg(std::move(name), n);
  arg.count = n;
  return arg;
}

MessageArg MessageArg::List(std::string name, std::vector<Message> items, std::string separator) {
  MessageArg arg(std::move(name), EnglishJoined(items, separator));
  arg.items = std::move(items);
  arg.separator = std::move(separator);
  return arg;
}

Message Msg(absl::string_view pattern, std::vector<MessageArg> args) {
  Message m;
  m.pattern_ = std::string(pattern);
  m.args_ = std::move(args);
  std::optional<std::string> english = Format(pattern, m.args_, "en");
  m.text_ = english ? *std::move(english) : m.pattern_;
  return m;
}

std::optional<std::string> Message::FormatAs(absl::string_view translated,
                                             absl::string_view language,
                                             const SayItem& say_item) const {
  if (!translatable()) return std::nullopt;
  return Format(translated, args_, language, say_item);
}

namespace {

nlohmann::json ToJson(const Message& m) {
  nlohmann::json j;
  j["e"] = m.English();
  if (m.translatable()) {
    j["p"] = m.pattern();
    nlohmann::json args = nlohmann::json::array();
    for (const MessageArg& a : m.args()) {
      nlohmann::json arg = {{"n", a.name}, {"t", a.text}};
      if (a.count) arg["c"] = *a.count;
      if (!a.items.empty()) {
        nlohmann::json items = nlohmann::json::array();
        for (const Message& item : a.items) items.push_back(item.Encode());
        arg["i"] = std::move(items);
        arg["s"] = a.separator;
      }
      args.push_back(std::move(arg));
    }
    j["a"] = std::move(args);
  }
  return j;
}

}  // namespace

std::string Message::Encode() const {
  // Names, titles and arguments may hold any character: keep the encoding
  // valid even for text that is not UTF-8 (it is shown replaced).
  return ToJson(*this).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::optional<Message> Message::Decode(absl::string_view encoded) {
  const nlohmann::json j = nlohmann::json::parse(encoded.begin(), encoded.end(), nullptr, false);
  if (j.is_discarded() || !j.is_object()) return std::nullopt;
  auto text = j.find("e");
  if (text == j.end() || !text->is_string()) return std::nullopt;
  Message m(text->get<std::string>());
  auto pattern = j.find("p");
  auto args = j.find("a");
  if (pattern == j.end() || !pattern->is_string() || args == j.end() || !args->is_array()) {
    return m;
  }
  m.pattern_ = pattern->get<std::string>();
  for (const nlohmann::json& a : *args) {
    if (!a.is_object() || !a.contains("n") || !a["n"].is_string() || !a.contains("t") ||
        !a["t"].is_string()) {
      return std::nullopt;
    }
    MessageArg arg(a["n"].get<std::string>(), a["t"].get<std::string>());
    if (a.contains("c") && a["c"].is_number_integer()) arg.count = a["c"].get<int64_t>();
    if (a.contains("i")) {
      if (!a["i"].is_array() || !a.contains("s") || !a["s"].is_string()) return std::nullopt;
      for (const nlohmann::json& item : a["i"]) {
        // Each level escapes the one inside: the nesting cannot be deeper
        // than the logarithm of the text's length.
        if (!item.is_string()) return std::nullopt;
        std::optional<Message> decoded = Decode(item.get<std::string>());
        if (!decoded) return std::nullopt;
        arg.items.push_back(*std::move(decoded));
      }
      arg.separator = a["s"].get<std::string>();
    }
    m.args_.push_back(std::move(arg));
  }
  return m;
}

std::optional<std::string> FormatPattern(absl::string_view pattern,
                                         const std::vector<MessageArg>& args,
                                         absl::string_view language) {
  return Format(pattern, args, language);
}

std::string EnglishJoined(const std::vector<Message>& messages, absl::string_view separator) {
  std::string out;
  for (const Message& m : messages) {
    if (!out.empty()) out.append(separator.data(), separator.size());
    out += m.English();
  }
  return out;
}

std::string SelectKey(absl::string_view words) {
  std::string key(words);
  std::replace_if(
      key.begin(), key.end(), [](char c) { return c == ' ' || c == '-'; }, '_');
  return key;
}

std::optional<std::vector<std::string>> ArgumentNames(absl::string_view pattern) {
  UErrorCode status = U_ZERO_ERROR;
  icu::MessagePattern parsed(Unicode(pattern), nullptr, status);
  if (U_FAILURE(status)) return std::nullopt;
  std::vector<std::string> names;
  for (int32_t i = 0; i < parsed.countParts(); ++i) {
    const icu::MessagePattern::Part& part = parsed.getPart(i);
    if (part.getType() != UMSGPAT_PART_TYPE_ARG_NAME) continue;
    std::string name;
    parsed.getSubstring(part).toUTF8String(name);
    names.push_back(std::move(name));
  }
  std::sort(names.begin(), names.end());
  names.erase(std::unique(names.begin(), names.end()), names.end());
  return names;
}

}  // namespace trainhub::domain
