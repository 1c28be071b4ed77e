#include "domain/text.h"

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"

namespace trainhub::domain {

std::optional<size_t> CountCodePoints(absl::string_view text) {
  size_t count = 0;
  size_t i = 0;
  const size_t n = text.size();
  while (i < n) {
    const auto c = static_cast<unsigned char>(text[i]);
    size_t len;
    char32_t cp;
    if (c < 0x80) {
      len = 1;
      cp = c;
    } else if ((c & 0xE0) == 0xC0) {
      len = 2;
      cp = c & 0x1F;
    } else if ((c & 0xF0) == 0xE0) {
      len = 3;
      cp = c & 0x0F;
    } else if ((c & 0xF8) == 0xF0) {
      len = 4;
      cp = c & 0x07;
    } else {
      return std::nullopt;
    }
    if (i + len > n) return std::nullopt;
    for (size_t k = 1; k < len; ++k) {
      const auto cc = static_cast<unsigned char>(text[i + k]);
      if ((cc & 0xC0) != 0x80) return std::nullopt;
      cp = (cp << 6) | (cc & 0x3F);
    }
    static constexpr char32_t kMinForLength[] = {0, 0, 0x80, 0x800, 0x10000};
    if (cp < kMinForLength[len] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
      return std::nullopt;
    }
    i += len;
    ++count;
  }
  return count;
}

std::string Trimmed(absl::string_view text) {
  return std::string(absl::StripAsciiWhitespace(text));
}

std::string TextProblem(absl::string_view text, size_t min_chars, size_t max_chars,
                        bool multiline) {
  const std::optional<size_t> chars = CountCodePoints(text);
  if (!chars) return "is not valid UTF-8";
  for (unsigned char c : text) {
    const bool allowed_space = multiline && (c == '\n' || c == '\t' || c == '\r');
    if ((c < 0x20 || c == 0x7F) && !allowed_space) {
      return multiline ? "must not contain control characters"
                       : "must be a single line without control characters";
    }
  }
  if (*chars < min_chars) {
    return min_chars == 1 ? "must not be empty"
                          : absl::StrCat("must have at least ", min_chars, " characters");
  }
  if (*chars > max_chars) {
    return absl::StrCat("must have at most ", max_chars, " characters (has ", *chars, ")");
  }
  return "";
}

std::string Folded(absl::string_view text) {
  std::string out;
  out.reserve(text.size());
  bool pending_space = false;
  for (char c : absl::StripAsciiWhitespace(text)) {
    if (absl::ascii_isspace(static_cast<unsigned char>(c))) {
      pending_space = true;
      continue;
    }
    if (pending_space) out.push_back(' ');
    pending_space = false;
    out.push_back(absl::ascii_tolower(static_cast<unsigned char>(c)));
  }
  return out;
}

bool LooksLikeEmail(absl::string_view text) {
  const size_t at = text.find('@');
  if (at == absl::string_view::npos || at == 0 ||
      text.find('@', at + 1) != absl::string_view::npos) {
    return false;
  }
  const absl::string_view domain = text.substr(at + 1);
  const size_t dot = domain.rfind('.');
  if (dot == absl::string_view::npos || dot == 0 || dot + 1 >= domain.size()) {
    return false;
  }
  for (unsigned char c : text) {
    if (c <= 0x20 || c == 0x7F || c == ',' || c == ';' || c == '<' || c == '>') {
      return false;
    }
  }
  return true;
}

}  // namespace trainhub::domain
