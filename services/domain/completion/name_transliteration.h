#ifndef TRAINHUB_SERVICES_DOMAIN_COMPLETION_NAME_TRANSLITERATION_H_
#define TRAINHUB_SERVICES_DOMAIN_COMPLETION_NAME_TRANSLITERATION_H_

// A person's name across scripts, for checking a name given in another
// script than the one stored ("Amal Haddad" for "أمل حداد"), also after an
// erasure, when only a hash of this key stays (certificate_document.h).

#include <cstddef>
#include <string>

#include "absl/strings/string_view.h"

namespace trainhub::domain {

// The Latin transliteration key of `name`. ICU transliterates it to Latin
// (Cyrillic by the BGN/PCGN rules for Russian, every other script by
// Any-Latin), then to ASCII (Latin-ASCII); the key keeps the consonants of
// each word, in order and without the spaces: a, e, i, o, u and also j, v, w
// and y are left out (Arabic and Hebrew script do not write short vowels,
// and write long ones with the letters that Latin spellings give as w, v,
// y or j), c and q read as k, a repeated letter counts once, and a word's
// final h goes (Arabic ة, "Fatima"/"Fatimah"). So "Amal Haddad" and
// "أمل حداد" both give "mlhd", "Olga Ivanova" and "Ольга Иванова" "lgn".
// Many names share a key: a match is weaker evidence than the name letter
// for letter, and keys shorter than kMinTransliterationKey are not
// compared. Thread-safe.
std::string TransliterationKey(absl::string_view name);

inline constexpr size_t kMinTransliterationKey = 3;

}  // namespace trainhub::domain

#endif  // TRAINHUB_SERVICES_DOMAIN_COMPLETION_NAME_TRANSLITERATION_H_
