#include "domain/text.h"

#include <unicode/normalizer2.h>
#include <unicode/translit.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>

#include <memory>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"

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

std::optional<Message> TextProblem(absl::string_view text, size_t min_chars, size_t max_chars,
                                   bool multiline) {
  const std::optional<size_t> chars = CountCodePoints(text);
  if (!chars) return Msg("is not valid UTF-8");
  for (unsigned char c : text) {
    const bool allowed_space = multiline && (c == '\n' || c == '\t' || c == '\r');
    if ((c < 0x20 || c == 0x7F) && !allowed_space) {
      return multiline ? Msg("must not contain control characters")
                       : Msg("must be a single line without control characters");
    }
  }
  if (*chars < min_chars) {
    return min_chars == 1 ? Msg("must not be empty")
                          : Msg("must have at least {min} characters",
                                {{"min", static_cast<int64_t>(min_chars)}});
  }
  if (*chars > max_chars) {
    return Msg("must have at most {max} characters (has {has})",
               {{"max", static_cast<int64_t>(max_chars)}, {"has", static_cast<int64_t>(*chars)}});
  }
  return std::nullopt;
}

std::string Normalized(absl::string_view text) {
  const absl::string_view trimmed = absl::StripAsciiWhitespace(text);
  if (!CountCodePoints(trimmed)) return std::string(trimmed);
  UErrorCode error = U_ZERO_ERROR;
  const icu::Normalizer2* nfc = icu::Normalizer2::getNFCInstance(error);
  const icu::UnicodeString source = icu::UnicodeString::fromUTF8(
      icu::StringPiece(trimmed.data(), static_cast<int32_t>(trimmed.size())));
  if (U_FAILURE(error) || nfc->isNormalized(source, error)) return std::string(trimmed);
  std::string out;
  nfc->normalize(source, error).toUTF8String(out);
  return U_SUCCESS(error) ? out : std::string(trimmed);
}

namespace {

// NFC, case folded, white space collapsed; with `strip_marks` also without
// combining marks (decomposed first so that "é" loses its accent).
std::string FoldedText(absl::string_view text, bool strip_marks) {
  UErrorCode error = U_ZERO_ERROR;
  const icu::Normalizer2* nfc = icu::Normalizer2::getNFCInstance(error);
  const icu::Normalizer2* nfd = icu::Normalizer2::getNFDInstance(error);
  if (U_FAILURE(error)) return absl::AsciiStrToLower(text);
  icu::UnicodeString source = icu::UnicodeString::fromUTF8(
      icu::StringPiece(text.data(), static_cast<int32_t>(text.size())));
  source.foldCase(U_FOLD_CASE_DEFAULT);
  icu::UnicodeString decomposed = (strip_marks ? nfd : nfc)->normalize(source, error);
  icu::UnicodeString kept;
  bool pending_space = false;
  for (int32_t i = 0; i < decomposed.length();) {
    const UChar32 c = decomposed.char32At(i);
    i += U16_LENGTH(c);
    if (u_isUWhiteSpace(c)) {
      pending_space = !kept.isEmpty();
      continue;
    }
    if (strip_marks && u_charType(c) == U_NON_SPACING_MARK) continue;
    if (pending_space) kept.append(static_cast<UChar>(' '));
    pending_space = false;
    kept.append(c);
  }
  std::string out;
  nfc->normalize(kept, error).toUTF8String(out);
  return U_SUCCESS(error) ? out : absl::AsciiStrToLower(text);
}

}  // namespace

std::string Folded(absl::string_view text) { return FoldedText(text, false); }

std::string SearchKey(absl::string_view text) {
  std::string folded = FoldedText(text, true);
  // Letters without a decomposition ("ı", "ø", "ł", "đ") to their plain
  // Latin look-alikes; other scripts stay as they are. One transliterator per
  // thread (creating one is costly; using one from several threads is not
  // documented as safe).
  thread_local std::unique_ptr<icu::Transliterator> to_ascii = [] {
    UErrorCode error = U_ZERO_ERROR;
    std::unique_ptr<icu::Transliterator> t(
        icu::Transliterator::createInstance("Latin-ASCII", UTRANS_FORWARD, error));
    return U_SUCCESS(error) ? std::move(t) : nullptr;
  }();
  if (to_ascii == nullptr) return folded;
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(folded);
  to_ascii->transliterate(u);
  std::string out;
  u.foldCase(U_FOLD_CASE_DEFAULT).toUTF8String(out);
  return out;
}

namespace {

// RFC 5322 atext, and any byte of a UTF-8 character (RFC 6531).
bool IsAtext(unsigned char c) {
  return absl::ascii_isalnum(c) || c >= 0x80 ||
         absl::string_view("!#$%&'*+-/=?^_`{|}~").find(static_cast<char>(c)) !=
             absl::string_view::npos;
}

// A domain of two or more labels: letters, digits, hyphens (not first or
// last), any UTF-8 (internationalised names), at most 63 bytes each.
bool IsMailDomain(absl::string_view domain) {
  int labels = 0;
  for (absl::string_view label : absl::StrSplit(domain, '.')) {
    if (label.empty() || label.size() > 63 || label.front() == '-' || label.back() == '-') {
      return false;
    }
    for (unsigned char c : label) {
      if (!absl::ascii_isalnum(c) && c != '-' && c < 0x80) return false;
    }
    ++labels;
  }
  return labels >= 2;
}

}  // namespace

bool LooksLikeEmail(absl::string_view text) {
  const size_t at = text.rfind('@');
  if (text.size() > 254 || at == absl::string_view::npos || at == 0 || at > 64) return false;
  const absl::string_view local = text.substr(0, at);
  if (local.front() == '.' || local.back() == '.' || absl::StrContains(local, "..")) return false;
  for (unsigned char c : local) {
    if (c != '.' && !IsAtext(c)) return false;
  }
  return IsMailDomain(text.substr(at + 1));
}

}  // namespace trainhub::domain
