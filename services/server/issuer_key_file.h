#ifndef TRAINHUB_SERVICES_SERVER_ISSUER_KEY_FILE_H_
#define TRAINHUB_SERVICES_SERVER_ISSUER_KEY_FILE_H_

// The certificate issuer's Ed25519 key, kept in a file beside the database
// (mode 0600): one line "trainhub-issuer-key-v1 <seed, base64url>". The
// database keeps only public keys, so old certificates stay verifiable after
// a rotation.

#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "domain/completion/certificate_document.h"

namespace trainhub::server {

// "<db_path>.issuer-key"; empty for an in-memory database (its key lives
// only as long as the process).
std::string IssuerKeyPathFor(const std::string& db_path);

// The key in `path`, created with a fresh random seed when the file does
// not exist; an empty path gives an ephemeral key. UNAVAILABLE when the
// file cannot be read or written, FAILED_PRECONDITION when it is not a key
// file or others may read it.
absl::StatusOr<std::unique_ptr<domain::Ed25519Signer>> LoadOrCreateIssuerKey(
    const std::string& path);

// Moves the key in `path` aside (to "<path>.<key id>.retired") and creates a
// new one there; returns the new key's id.
absl::StatusOr<std::string> RotateIssuerKey(const std::string& path);

}  // namespace trainhub::server

#endif  // TRAINHUB_SERVICES_SERVER_ISSUER_KEY_FILE_H_
