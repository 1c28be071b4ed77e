#ifndef TRAINHUB_SERVICES_DOMAIN_TEXT_H_
#define TRAINHUB_SERVICES_DOMAIN_TEXT_H_

// Text rules shared by all entities: UTF-8, lengths in characters (Unicode
// code points), control characters, e-mail syntax, folding for comparison.

#include <cstddef>
#include <optional>
#include <string>

#include "absl/strings/string_view.h"

namespace trainhub::domain {

// Number of code points, or nullopt when `text` is not well-formed UTF-8
// (overlong forms, surrogates and values above U+10FFFF are malformed).
std::optional<size_t> CountCodePoints(absl::string_view text);

// Removes leading and trailing ASCII white space.
std::string Trimmed(absl::string_view text);

// Why `text` is not acceptable as a field value, or empty when it is:
// malformed UTF-8, control characters (newlines and tabs only when
// `multiline`), or a length outside [min_chars, max_chars].
std::string TextProblem(absl::string_view text, size_t min_chars, size_t max_chars,
                        bool multiline = false);

// Lower-cases ASCII letters and collapses runs of white space to one space.
// Used for identity comparisons (places, e-mail addresses).
std::string Folded(absl::string_view text);

// True for a plausible single address "local@domain.tld" without spaces.
bool LooksLikeEmail(absl::string_view text);

}  // namespace trainhub::domain

#endif  // TRAINHUB_SERVICES_DOMAIN_TEXT_H_
