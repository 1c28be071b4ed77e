#ifndef TRAINHUB_SERVICES_DOMAIN_COMPLETION_CERTIFICATE_BADGE_H_
#define TRAINHUB_SERVICES_DOMAIN_COMPLETION_CERTIFICATE_BADGE_H_

// An issued certificate as an Open Badges 3.0 OpenBadgeCredential (a W3C
// Verifiable Credential 2.0): the issuer a did:key Profile named after the
// organisation, the holder an AchievementSubject identified by name, the
// series an Achievement whose criteria narrative states the completion rule
// in German. Made from the frozen document, so it says what the certificate
// says. Not a certified 1EdTech implementation.

#include <nlohmann/json.hpp>
#include <string>

#include "domain/completion/certificate_document.h"

namespace trainhub::domain {

// Without proof; `verification_url` is the credential's id (where its
// status can be looked up), `issuer_did` the did:key that signs it.
nlohmann::json OpenBadgeCredentialOf(const CertificateContent& content,
                                     const std::string& verification_url,
                                     const std::string& issuer_did);

// The criteria narrative of `content`'s outcome under the rule stored in its
// evaluation.
std::string CriteriaNarrative(const CertificateContent& content);

}  // namespace trainhub::domain

#endif  // TRAINHUB_SERVICES_DOMAIN_COMPLETION_CERTIFICATE_BADGE_H_
