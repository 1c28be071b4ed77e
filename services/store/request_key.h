#ifndef TRAINHUB_SERVICES_STORE_REQUEST_KEY_H_
#define TRAINHUB_SERVICES_STORE_REQUEST_KEY_H_

// The installation's request key: a 32-byte secret in a file beside the
// database (mode 0600, one line "trainhub-request-key-v1 <base64url>").
// client_request keeps each request's fingerprint only keyed with it, so
// that the database file alone cannot confirm a guessed request (a name and
// e-mail address in a CreateParticipant, also after the person's erasure).

#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace trainhub::store {

// "<db_path>.request-key"; empty for an in-memory database.
std::string RequestKeyPathFor(const std::string& db_path);

// The key in `path`, created with 32 random bytes when the file does not
// exist; an empty path gives a random key for this process only.
// UNAVAILABLE when the file cannot be read or written, FAILED_PRECONDITION
// when it is no key file or others may read it.
absl::StatusOr<std::string> LoadOrCreateRequestKey(const std::string& path);

// A fresh random key (for connections that keep no records beyond
// themselves, e.g. in tests).
std::string RandomRequestKey();

// What client_request stores for `fingerprint` (domain::RequestKey): "k1:"
// and the hex BLAKE2b-256 of it keyed with `key`.
std::string KeyedFingerprint(absl::string_view key, absl::string_view fingerprint);

// Whether `stored` is a KeyedFingerprint (rows written before the key
// existed hold the bare fingerprint).
bool IsKeyedFingerprint(absl::string_view stored);

}  // namespace trainhub::store

#endif  // TRAINHUB_SERVICES_STORE_REQUEST_KEY_H_
