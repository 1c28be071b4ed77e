#ifndef TRAINHUB_SERVICES_DOMAIN_DOCUMENTS_CANONICAL_JSON_H_
#define TRAINHUB_SERVICES_DOMAIN_DOCUMENTS_CANONICAL_JSON_H_

// The JSON Canonicalization Scheme (RFC 8785) for what trainhub signs:
// object members sorted by their names' UTF-16 code units, no white space,
// strings with only the escapes JCS prescribes, integers in plain decimal.
// Documents trainhub signs carry no floating-point numbers (decimals are
// text), so a float is refused rather than given ES6 formatting.

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "absl/status/statusor.h"

namespace trainhub::domain {

// The canonical text of `value`; INVALID_ARGUMENT for a float or a string
// that is not valid UTF-8.
absl::StatusOr<std::string> CanonicalJson(const nlohmann::json& value);

// Parses `text` as I-JSON (RFC 7493), which RFC 8785 presumes of what it
// canonicalizes. INVALID_ARGUMENT, saying where, for malformed JSON or
// UTF-8, and for an object that names a member twice: readers keeping the
// first and readers keeping the last would see two different documents
// under one signature or hash.
absl::StatusOr<nlohmann::json> ParseIJson(std::string_view text);

}  // namespace trainhub::domain

#endif  // TRAINHUB_SERVICES_DOMAIN_DOCUMENTS_CANONICAL_JSON_H_
