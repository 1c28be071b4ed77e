#ifndef TRAINHUB_SERVICES_STORE_SECRET_FILE_H_
#define TRAINHUB_SERVICES_STORE_SECRET_FILE_H_

// A secret of the installation kept in a file beside the database (the
// request key, the issuer key): one line "<header><base64url of the
// secret>", mode 0600, created exclusively and synced before it is used.

#include <cstddef>
#include <string>

#include "absl/status/statusor.h"

namespace trainhub::store {

struct SecretFileKind {
  const char* header;  // the line's start, e.g. "trainhub-request-key-v1 "
  const char* what;    // as messages name it, e.g. "request key"
  size_t bytes;        // the secret's length
};

// The secret in `path`, created with `kind.bytes` random bytes when the file
// does not exist (when another process creates it meanwhile, that one is
// read). UNAVAILABLE when the file cannot be read or written;
// FAILED_PRECONDITION when it is no such file or others may read it (the
// message says how to make it private). The caller wipes the secret after use.
absl::StatusOr<std::string> LoadOrCreateSecretFile(const std::string& path,
                                                   const SecretFileKind& kind);

}  // namespace trainhub::store

#endif  // TRAINHUB_SERVICES_STORE_SECRET_FILE_H_
