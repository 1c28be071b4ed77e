#include "domain/completion/name_transliteration.h"

#include <unicode/translit.h>
#include <unicode/unistr.h>

#include <memory>
#include <mutex>

namespace trainhub::domain {
namespace {

// Russian BGN/PCGN first (it writes ж, х, ц, ч, ш, щ as zh, kh, ts, ch,
// sh, shch, as passports do; Any-Latin would give ž, h, c, č, š, ŝ, which
// lose their second letter in ASCII); it leaves other scripts alone.
constexpr char kToLatin[] = "Russian-Latin/BGN; Any-Latin; Latin-ASCII";

// The transliterator, made once (making one takes milliseconds); ICU does
// not document one instance as safe on several threads, so it is used
// under a lock (name checks are rare and wait for a password hash anyway).
struct Latin {
  std::mutex mu;
  std::unique_ptr<icu::Transliterator> to_latin;
};

Latin& TheLatin() {
  static Latin* latin = [] {
    auto* l = new Latin;
    UErrorCode error = U_ZERO_ERROR;
    l->to_latin.reset(icu::Transliterator::createInstance(kToLatin, UTRANS_FORWARD, error));
    if (U_FAILURE(error)) l->to_latin.reset();
    return l;
  }();
  return *latin;
}

bool LeftOut(char c) {
  switch (c) {
    case 'a':
    case 'e':
    case 'i':
    case 'o':
    case 'u':
    case 'j':
    case 'v':
    case 'w':
    case 'y':
      return true;
    default:
      return false;
  }
}

}  // namespace

std::string TransliterationKey(absl::string_view name) {
  icu::UnicodeString text = icu::UnicodeString::fromUTF8(
      icu::StringPiece(name.data(), static_cast<int32_t>(name.size())));
  // Arabic ta marbuta is read "a" or "ah" at the end of a name (فاطمة,
  // "Fatima"); as ه it becomes a final h, which the key leaves out.
  text.findAndReplace(icu::UnicodeString(static_cast<UChar32>(0x0629)),
                      icu::UnicodeString(static_cast<UChar32>(0x0647)));
  Latin& latin = TheLatin();
  if (latin.to_latin != nullptr) {
    std::lock_guard<std::mutex> lock(latin.mu);
    latin.to_latin->transliterate(text);
  }
  std::string ascii;
  text.toLower().toUTF8String(ascii);
  std::string key;
  std::string word;
  auto end_word = [&] {
    if (word.size() >= 2 && word.back() == 'h') word.pop_back();
    for (char c : word) {
      if (key.empty() || key.back() != c) key.push_back(c);
    }
    word.clear();
  };
  for (char c : ascii) {
    if (c == ' ' || c == '-' || c == '\t') {
      end_word();
      continue;
    }
    if (c < 'a' || c > 'z' || LeftOut(c)) continue;  // apostrophes, ʿ, digits
    if (c == 'c' || c == 'q') c = 'k';
    if (word.empty() || word.back() != c) word.push_back(c);
  }
  end_word();
  return key;
}

}  // namespace trainhub::domain
