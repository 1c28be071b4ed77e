#ifndef TRAINHUB_CLIENTS_CLI_BADGE_CHECK_H_
#define TRAINHUB_CLIENTS_CLI_BADGE_CHECK_H_

// Offline verification of an exported Open Badge (trainhub certificate
// verify FILE.json --issuer-key KEY): no server is asked.

#include <string>
#include <vector>

#include "clients/cli/commands.h"

namespace trainhub::cli {

// Checks the badge file at `path`: JSON of at most 1 MB, an eddsa-jcs-2022
// proof by a did:key that is also the issuer, that key among `trusted_keys`
// (key ids "k..." or did:key identifiers), and the signature. Prints the
// outcome (table or JSON); sets the exit code to kExitRejected when the
// file is not valid.
void VerifyBadgeFile(Context& ctx, const std::string& path,
                     const std::vector<std::string>& trusted_keys);

// Whether `text` names a file to check rather than a certificate number.
bool LooksLikeBadgeFile(const std::string& text);

}  // namespace trainhub::cli

#endif  // TRAINHUB_CLIENTS_CLI_BADGE_CHECK_H_
