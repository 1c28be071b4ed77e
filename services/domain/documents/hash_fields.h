#ifndef TRAINHUB_SERVICES_DOMAIN_DOCUMENTS_HASH_FIELDS_H_
#define TRAINHUB_SERVICES_DOMAIN_DOCUMENTS_HASH_FIELDS_H_

// The encoding that trainhub's hash chains and signed records hash (the
// attendance ledger, the audit log, certificate statuses): each field as its
// length (8 bytes, little endian) and its bytes, so that no two different
// records encode alike. Released encodings are hashed byte for byte as
// stored: never change these.

#include <cstdint>
#include <initializer_list>
#include <string>

#include "absl/strings/string_view.h"

namespace trainhub::domain {

void AppendField(std::string& out, absl::string_view value);
// A number as its decimal digits.
void AppendField(std::string& out, int64_t value);

// The 32-byte BLAKE2b hash (libsodium's generichash, unkeyed) of `bytes`.
std::string Blake2b256(absl::string_view bytes);
// Blake2b256 of `fields`, each appended by AppendField, without copying them.
std::string Blake2b256OfFields(std::initializer_list<absl::string_view> fields);

}  // namespace trainhub::domain

#endif  // TRAINHUB_SERVICES_DOMAIN_DOCUMENTS_HASH_FIELDS_H_
