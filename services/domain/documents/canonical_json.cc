#include "domain/documents/canonical_json.h"

#include <algorithm>
#include <set>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"

namespace trainhub::domain {
namespace {

// `text` as UTF-16 code units; false for malformed UTF-8.
bool Utf16(const std::string& text, std::u16string* out) {
  out->clear();
  for (size_t i = 0; i < text.size();) {
    const auto c = static_cast<unsigned char>(text[i]);
    char32_t cp = 0;
    int extra = 0;
    if (c < 0x80) {
      cp = c;
    } else if ((c & 0xE0) == 0xC0) {
      cp = c & 0x1F;
      extra = 1;
    } else if ((c & 0xF0) == 0xE0) {
      cp = c & 0x0F;
      extra = 2;
    } else if ((c & 0xF8) == 0xF0) {
      cp = c & 0x07;
      extra = 3;
    } else {
      return false;
    }
    if (i + extra >= text.size()) return false;  // truncated sequence
    for (int k = 1; k <= extra; ++k) {
      const auto d = static_cast<unsigned char>(text[i + k]);
      if ((d & 0xC0) != 0x80) return false;
      cp = (cp << 6) | (d & 0x3F);
    }
    const char32_t min[] = {0, 0x80, 0x800, 0x10000};
    if (cp < min[extra] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return false;
    if (cp >= 0x10000) {
      cp -= 0x10000;
      out->push_back(static_cast<char16_t>(0xD800 + (cp >> 10)));
      out->push_back(static_cast<char16_t>(0xDC00 + (cp & 0x3FF)));
    } else {
      out->push_back(static_cast<char16_t>(cp));
    }
    i += extra + 1;
  }
  return true;
}

absl::Status AppendString(const std::string& text, std::string& out) {
  std::u16string ignored;
  if (!Utf16(text, &ignored)) {
    return absl::InvalidArgumentError("a string of the document is not valid UTF-8");
  }
  out.push_back('"');
  for (const char ch : text) {
    const auto c = static_cast<unsigned char>(ch);
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\b':
        out += "\\b";
        break;
      case '\f':
        out += "\\f";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      default:
        if (c < 0x20) {
          out += absl::StrFormat("\\u%04x", c);
        } else {
          out.push_back(ch);
        }
    }
  }
  out.push_back('"');
  return absl::OkStatus();
}

absl::Status Append(const nlohmann::json& value, std::string& out) {
  switch (value.type()) {
    case nlohmann::json::value_t::null:
      out += "null";
      return absl::OkStatus();
    case nlohmann::json::value_t::boolean:
      out += value.get<bool>() ? "true" : "false";
      return absl::OkStatus();
    case nlohmann::json::value_t::number_integer:
      absl::StrAppend(&out, value.get<int64_t>());
      return absl::OkStatus();
    case nlohmann::json::value_t::number_unsigned:
      absl::StrAppend(&out, value.get<uint64_t>());
      return absl::OkStatus();
    case nlohmann::json::value_t::number_float:
      return absl::InvalidArgumentError(
          "the document holds a floating-point number; give decimals as text");
    case nlohmann::json::value_t::string:
      return AppendString(value.get_ref<const std::string&>(), out);
    case nlohmann::json::value_t::array: {
      out.push_back('[');
      bool first = true;
      for (const nlohmann::json& item : value) {
        if (!first) out.push_back(',');
        first = false;
        if (absl::Status s = Append(item, out); !s.ok()) return s;
      }
      out.push_back(']');
      return absl::OkStatus();
    }
    case nlohmann::json::value_t::object: {
      std::vector<std::pair<std::u16string, const std::string*>> keys;
      for (auto it = value.begin(); it != value.end(); ++it) {
        std::u16string key;
        if (!Utf16(it.key(), &key)) {
          return absl::InvalidArgumentError("a member name of the document is not valid UTF-8");
        }
        keys.emplace_back(std::move(key), &it.key());
      }
      std::sort(keys.begin(), keys.end(),
                [](const auto& a, const auto& b) { return a.first < b.first; });
      out.push_back('{');
      bool first = true;
      for (const auto& [utf16, key] : keys) {
        if (!first) out.push_back(',');
        first = false;
        if (absl::Status s = AppendString(*key, out); !s.ok()) return s;
        out.push_back(':');
        if (absl::Status s = Append(value.at(*key), out); !s.ok()) return s;
      }
      out.push_back('}');
      return absl::OkStatus();
    }
    default:
      return absl::InvalidArgumentError("the document holds a value JSON cannot carry");
  }
}

}  // namespace

absl::StatusOr<std::string> CanonicalJson(const nlohmann::json& value) {
  std::string out;
  if (absl::Status s = Append(value, out); !s.ok()) return s;
  return out;
}

absl::StatusOr<nlohmann::json> ParseIJson(std::string_view text) {
  // The member names of each object being read, innermost last.
  std::vector<std::set<std::string>> open_objects;
  std::string duplicate;
  auto watch = [&](int, nlohmann::json::parse_event_t event, nlohmann::json& parsed) {
    using Event = nlohmann::json::parse_event_t;
    if (event == Event::object_start) {
      open_objects.emplace_back();
    } else if (event == Event::object_end) {
      if (!open_objects.empty()) open_objects.pop_back();
    } else if (event == Event::key && !open_objects.empty() && duplicate.empty() &&
               parsed.is_string() &&
               !open_objects.back().insert(parsed.get<std::string>()).second) {
      duplicate = parsed.get<std::string>();
    }
    return true;
  };
  nlohmann::json value;
  try {
    value = nlohmann::json::parse(text.begin(), text.end(), watch);
  } catch (const nlohmann::json::parse_error& e) {
    std::string why = e.what();  // "[json.exception.parse_error.101] parse error at ..."
    const size_t cut = why.find("] ");
    return absl::InvalidArgumentError(cut == std::string::npos ? why : why.substr(cut + 2));
  }
  if (!duplicate.empty()) {
    return absl::InvalidArgumentError(absl::StrCat(
        "an object names the member \"", duplicate.substr(0, 80),
        "\" twice; RFC 8785 documents (I-JSON) name each member once"));
  }
  return value;
}

}  // namespace trainhub::domain
