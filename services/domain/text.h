#ifndef TRAINHUB_SERVICES_DOMAIN_TEXT_H_
#define TRAINHUB_SERVICES_DOMAIN_TEXT_H_

// Text rules shared by all entities: UTF-8, lengths in characters (Unicode
// code points), control characters, e-mail syntax, folding for comparison.

#include <cstddef>
#include <optional>
#include <string>

#include "absl/strings/string_view.h"
#include "domain/message.h"

namespace trainhub::domain {

// Number of code points, or nullopt when `text` is not well-formed UTF-8
// (overlong forms, surrogates and values above U+10FFFF are malformed).
std::optional<size_t> CountCodePoints(absl::string_view text);

// Removes leading and trailing ASCII white space.
std::string Trimmed(absl::string_view text);

// Why `text` is not acceptable as a field value, or nullopt when it is:
// malformed UTF-8, control characters (newlines and tabs only when
// `multiline`), or a length outside [min_chars, max_chars].
std::optional<Message> TextProblem(absl::string_view text, size_t min_chars, size_t max_chars,
                                   bool multiline = false);

// `text` trimmed of ASCII white space and in Unicode normalisation form C,
// so that a decomposed "Zoë" and a composed one are the same bytes.
// Malformed UTF-8 comes back trimmed only.
std::string Normalized(absl::string_view text);

// The identity key of `text`: NFC, Unicode full case folding (ICU; "ß" and
// "SS" fold alike, "Ü" and "ü" too) and runs of white space collapsed to one
// space. Used for identity comparisons (e-mail addresses, places,
// organisation names, qualifications).
std::string Folded(absl::string_view text);

// Folded() without accents and other combining marks ("Çelik" and "celik"
// match): the key for finding people by a part of their name.
std::string SearchKey(absl::string_view text);

// True for a single address "local@domain.tld" that mail can be sent to: a
// dot-atom local part (RFC 5322, UTF-8 allowed) of at most 64 bytes, a
// domain of two or more labels, at most 254 bytes in all. The same rule as
// mail::IsMailAddress (for valid UTF-8), so that an address accepted when it
// is saved is never refused when mail is sent.
bool LooksLikeEmail(absl::string_view text);

}  // namespace trainhub::domain

#endif  // TRAINHUB_SERVICES_DOMAIN_TEXT_H_
