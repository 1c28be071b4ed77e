#ifndef TRAINHUB_SERVICES_SERVER_VERIFICATION_PAGE_H_
#define TRAINHUB_SERVICES_SERVER_VERIFICATION_PAGE_H_

// What the public verification web page shows, in German or English, as
// HTML (mobile first, no scripts, all user text escaped and isolated for
// right-to-left names) or as JSON. Pure functions; the HTTP side is
// verification_server.h.

#include <string>
#include <vector>

#include "domain/completion/certificate_verifier.h"

namespace trainhub::server {

enum class PageLanguage { kGerman, kEnglish };

// `lang` ("de" or "en", from the query) wins; else the first of German or
// English in `accept_language`; else German. Either may be null.
PageLanguage ChooseLanguage(const char* lang, const char* accept_language);

// The page for the number `serial` (normalised) and what verification found
// (an unknown number shows as such, revealing nothing).
std::string VerificationHtml(const domain::CertificateVerification& v, const std::string& serial,
                             PageLanguage language);
// The same as JSON: status "valid", "revoked", "superseded", "unconfirmed"
// (with status_problem) or "unknown"; a superseded one's "replacement" says
// where the certificate standing for it now stands (serial, status,
// revoke_time, replacements).
std::string VerificationJson(const domain::CertificateVerification& v, const std::string& serial);

// The start page: a field for the number; `problem` (may be empty) says
// what was wrong with the number entered, `entered` is shown again.
std::string StartHtml(PageLanguage language, const std::string& problem,
                      const std::string& entered);
// A page for an address that does not exist (404) or too many requests (429).
std::string NotFoundHtml(PageLanguage language);
std::string TooManyRequestsHtml(PageLanguage language);
// The issuer's public keys as JSON: key_id, did, public_key (base64url),
// created, active.
std::string IssuerKeysJson(const std::vector<domain::IssuerKey>& keys);
// The same keys as a page for people, with a link to the JSON.
std::string IssuerKeysHtml(const std::vector<domain::IssuerKey>& keys, PageLanguage language);
// Whether an Accept header asks for JSON rather than a page: application/json
// with a higher weight than text/html (or */*). Null: no.
bool PrefersJson(const char* accept);

// `text` with &, <, >, " and ' as character references.
std::string HtmlEscape(const std::string& text);

}  // namespace trainhub::server

#endif  // TRAINHUB_SERVICES_SERVER_VERIFICATION_PAGE_H_
