#include "server/verification_page.h"

#include <nlohmann/json.hpp>

#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "absl/time/civil_time.h"
#include "domain/berlin_time.h"
#include "domain/documents/credential_proof.h"
#include "server/verification_page_text.h"

namespace trainhub::server {
namespace {

constexpr char kStyle[] = R"(
*{box-sizing:border-box}
body{margin:0;font-family:"Noto Sans","DejaVu Sans",system-ui,sans-serif;background:#f4f5f7;color:#1d2430;line-height:1.45}
main{max-width:40rem;margin:0 auto;padding:1rem}
header{display:flex;justify-content:space-between;align-items:baseline;gap:1rem}
header p{margin:.25rem 0;font-weight:600;color:#4a5568}
a{color:#1d4ed8}
.status{border-radius:.75rem;padding:1rem 1.25rem;margin:1rem 0;color:#fff}
.status h1{margin:0;font-size:1.75rem}
.status p{margin:.35rem 0 0}
.valid{background:#17683a}.revoked{background:#b42318}.superseded{background:#9a5b00}.unknown{background:#475467}.unconfirmed{background:#7a271a}
dl{background:#fff;border-radius:.75rem;padding:.5rem 1.25rem;margin:0 0 1rem}
dt{font-size:.85rem;color:#4a5568;margin-top:.75rem}
dd{margin:0 0 .5rem;font-size:1.1rem;font-weight:600;overflow-wrap:anywhere}
.mono,code{font-family:"DejaVu Sans Mono",monospace}
code{font-size:.85rem;overflow-wrap:anywhere}
section.more{background:#fff;border-radius:.75rem;padding:.25rem 1.25rem;margin-bottom:1rem}
section.more h2{font-size:1.1rem}
.nowrap{white-space:nowrap}
form{background:#fff;border-radius:.75rem;padding:1rem 1.25rem}
label{display:block;font-weight:600;margin-bottom:.5rem}
input{font:inherit;font-size:1.25rem;width:100%;padding:.6rem;border:2px solid #98a2b3;border-radius:.5rem;text-transform:uppercase}
input.name{text-transform:none}
.match{color:#067647;font-weight:600}
button{font:inherit;font-size:1.1rem;margin-top:.75rem;padding:.6rem 1.5rem;border:0;border-radius:.5rem;background:#1d4ed8;color:#fff}
.problem{color:#b42318;font-weight:600}
h1.page{font-size:1.5rem;margin:1rem 0 .5rem}
footer{font-size:.9rem;color:#4a5568;margin:1rem 0}
)";

std::string Page(const PageWords& w, const std::string& title, const std::string& switch_href,
                 const std::string& body) {
  return absl::StrCat("<!doctype html>\n<html lang=\"", w.lang, "\"><head><meta charset=\"utf-8\">",
                      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">",
                      "<meta name=\"robots\" content=\"noindex\">", "<title>", HtmlEscape(title),
                      "</title><style>", kStyle, "</style></head><body><main><header><p>", w.title,
                      "</p><a href=\"", HtmlEscape(switch_href), "\" lang=\"", w.other_lang,
                      "\" hreflang=\"", w.other_lang, "\">", w.other_lang_name, "</a></header>",
                      body, "</main></body></html>\n");
}

std::string Date(absl::Time t, PageLanguage language) {
  return language == PageLanguage::kGerman
             ? absl::FormatTime("%d.%m.%Y", t, domain::DisplayTimeZone())
             : absl::StrCat(absl::ToCivilDay(t, domain::DisplayTimeZone()).day(),
                            absl::FormatTime(" %B %Y", t, domain::DisplayTimeZone()));
}

std::string Row(const char* label, const std::string& value_html) {
  return absl::StrCat("<dt>", label, "</dt><dd>", value_html, "</dd>");
}

// User text: escaped, and isolated so that a right-to-left name does not
// reorder what is around it.
std::string UserText(const std::string& text) {
  return absl::StrCat("<bdi>", HtmlEscape(text), "</bdi>");
}

const char* StatusWord(domain::CertificateStatus status) {
  switch (status) {
    case domain::CertificateStatus::kValid:
      return "valid";
    case domain::CertificateStatus::kRevoked:
      return "revoked";
    case domain::CertificateStatus::kSuperseded:
      return "superseded";
    case domain::CertificateStatus::kUnconfirmed:
      return "unconfirmed";
    default:
      return "unknown";
  }
}

const char* StatusWord(const domain::CertificateVerification& v) {
  return v.certificate ? StatusWord(v.certificate->status) : "unknown";
}

std::string MonoText(const std::string& text) {
  return absl::StrCat("<span class=\"mono\">", HtmlEscape(text), "</span>");
}

// A link to another certificate's page, in the page's language.
std::string SerialLink(const PageWords& w, const std::string& serial) {
  return absl::StrCat("<a class=\"mono\" href=\"/c/", HtmlEscape(serial), "?lang=", w.lang, "\">",
                      HtmlEscape(serial), "</a>");
}

// The page of a number no certificate has: it reveals nothing else.
std::string UnknownNumberHtml(const PageWords& w, const std::string& serial) {
  return absl::StrCat("<section class=\"status unknown\" role=\"status\"><h1>", w.unknown,
                      "</h1><p>", w.unknown_note, "</p></section><dl>",
                      Row(w.number, MonoText(serial)), "</dl>");
}

// For a replaced certificate, what became of the one that stands for it
// now; null for any other, or when that is not known.
const domain::ReplacementState* StandingReplacement(const domain::CertificateVerification& v) {
  return v.certificate->status == domain::CertificateStatus::kSuperseded && v.replacement
             ? &*v.replacement
             : nullptr;
}

// The coloured box on top: its class, heading and note, and for a status
// the signatures do not back, the finding.
std::string StatusSectionHtml(const domain::CertificateVerification& v, const PageWords& w) {
  const domain::Certificate& c = *v.certificate;
  const char* status = StatusWord(v);
  const bool unconfirmed = c.status == domain::CertificateStatus::kUnconfirmed;
  const char* heading = c.status == domain::CertificateStatus::kRevoked      ? w.revoked
                        : c.status == domain::CertificateStatus::kSuperseded ? w.superseded
                        : unconfirmed                                        ? w.unconfirmed
                                                                             : w.valid;
  const char* note = c.status == domain::CertificateStatus::kRevoked      ? w.revoked_note
                     : c.status == domain::CertificateStatus::kSuperseded ? w.superseded_note
                     : unconfirmed                                        ? w.unconfirmed_note
                                                                          : w.valid_note;
  const domain::ReplacementState* replacement = StandingReplacement(v);
  if (replacement != nullptr && replacement->status != domain::CertificateStatus::kValid) {
    note = replacement->status == domain::CertificateStatus::kRevoked ? w.superseded_revoked_note
                                                                      : w.superseded_unknown_note;
  }
  if (!v.signature_valid) {
    status = "revoked";
    note = w.signature_broken;
  }
  std::string html =
      absl::StrCat("<section class=\"status ", status, "\" role=\"status\"><h1>",
                   v.signature_valid ? heading : w.not_confirmed, "</h1><p>", note, "</p>");
  if (unconfirmed && !v.status_problem.empty()) {
    absl::StrAppend(&html, "<p>", w.finding, ": <span lang=\"en\">", HtmlEscape(v.status_problem),
                    "</span></p>");
  }
  absl::StrAppend(&html, "</section>");
  return html;
}

// The rows of a revocation or replacement: why and when, the number that
// replaced it, and where the last replacement stands.
std::string ChangeRowsHtml(const domain::CertificateVerification& v, const PageWords& w,
                           PageLanguage language) {
  const domain::Certificate& c = *v.certificate;
  std::string rows;
  if (c.status == domain::CertificateStatus::kRevoked) {
    absl::StrAppend(&rows, Row(w.reason, UserText(c.revoke_reason)));
    if (c.revoke_time) absl::StrAppend(&rows, Row(w.revoked_on, Date(*c.revoke_time, language)));
  }
  if (c.status == domain::CertificateStatus::kSuperseded && !c.superseded_by.empty()) {
    absl::StrAppend(&rows, Row(w.replaced_by, SerialLink(w, c.superseded_by)));
  }
  const domain::ReplacementState* replacement = StandingReplacement(v);
  if (replacement == nullptr) return rows;
  if (replacement->serial != c.superseded_by) {
    absl::StrAppend(&rows, Row(w.latest_replacement, SerialLink(w, replacement->serial)));
  }
  if (replacement->status == domain::CertificateStatus::kValid) {
    absl::StrAppend(&rows, Row(w.replacement_status, absl::StrCat("<span class=\"match\">",
                                                                  w.replacement_valid, "</span>")));
  } else if (replacement->status == domain::CertificateStatus::kRevoked) {
    absl::StrAppend(
        &rows, Row(w.replacement_status,
                   absl::StrCat("<span class=\"problem\">", w.replacement_revoked_on,
                                replacement->revoke_time
                                    ? absl::StrCat(" ", Date(*replacement->revoke_time, language))
                                    : std::string(),
                                "</span>")));
  }
  return rows;
}

// What the certificate says: kind, holder (unless erased), series, issuer,
// date, teaching units and number.
std::string CertificateRowsHtml(const domain::Certificate& c, const PageWords& w,
                                PageLanguage language) {
  return absl::StrCat(
      Row(w.kind, c.content.outcome == domain::CompletionOutcome::kCertificate
                      ? w.kind_certificate
                      : w.kind_confirmation),
      Row(w.holder, c.content.holder_name_hash.empty() ? UserText(c.content.holder_name)
                                                       : std::string(w.holder_erased)),
      Row(w.series, UserText(c.content.series_title)),
      Row(w.issuer, UserText(c.content.organization_name)),
      Row(w.issued, Date(c.content.issue_time, language)),
      Row(w.units, absl::StrCat(HtmlEscape(c.content.teaching_units_attended), " UE")),
      Row(w.number, MonoText(c.content.serial)));
}

// The PDF's hash to compare a file with, and whether the signature holds.
std::string PdfAndSignatureHtml(const domain::CertificateVerification& v, const PageWords& w) {
  const domain::Certificate& c = *v.certificate;
  return absl::StrCat(
      "<section class=\"more\"><h2>", w.pdf_heading, "</h2><p>", w.pdf_note, "</p><p><code>",
      HtmlEscape(c.pdf_sha256), "</code></p><p>", w.signature, ": ",
      v.signature_valid
          ? absl::StrCat(w.signature_ok, " <code>", HtmlEscape(c.content.key_id), "</code>")
          : std::string(w.signature_bad),
      "</p></section>");
}

// The form that checks a name against an erased holder's, with the answer
// to the last check; empty while the holder's name is still stored.
std::string NameCheckFormHtml(const domain::CertificateVerification& v, const PageWords& w) {
  const domain::Certificate& c = *v.certificate;
  if (c.content.holder_name_hash.empty() && !v.holder_name_matches) return "";
  std::string form = absl::StrCat("<form method=\"get\" action=\"/c/", HtmlEscape(c.content.serial),
                                  "\"><h2>", w.name_check, "</h2><p>", w.name_check_note, "</p>");
  if (v.holder_name_matches) {
    absl::StrAppend(&form, "<p role=\"status\" class=\"",
                    *v.holder_name_matches ? "match\">" : "problem\">",
                    !*v.holder_name_matches        ? w.name_differs
                    : v.holder_name_transliterated ? w.name_matches_transliterated
                                                   : w.name_matches,
                    "</p>");
  }
  absl::StrAppend(&form, "<input type=\"hidden\" name=\"lang\" value=\"", w.lang,
                  "\"><label for=\"name\">", w.name_label,
                  "</label><input class=\"name\" id=\"name\" name=\"name\" maxlength=\"200\""
                  " autocomplete=\"off\" required><button type=\"submit\">",
                  w.check_button, "</button></form>");
  return form;
}

// The page's body for a number a certificate has.
std::string CertificateHtml(const domain::CertificateVerification& v, const PageWords& w,
                            PageLanguage language) {
  return absl::StrCat(StatusSectionHtml(v, w), "<dl>", ChangeRowsHtml(v, w, language),
                      CertificateRowsHtml(*v.certificate, w, language), "</dl>",
                      PdfAndSignatureHtml(v, w), NameCheckFormHtml(v, w));
}

}  // namespace

std::string HtmlEscape(const std::string& text) {
  std::string out;
  out.reserve(text.size());
  for (const char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      default:
        out.push_back(c);
    }
  }
  return out;
}

std::string VerificationHtml(const domain::CertificateVerification& v, const std::string& serial,
                             PageLanguage language) {
  const PageWords& w = WordsOf(language);
  const std::string self = absl::StrCat("/c/", serial);
  std::string body = v.certificate ? CertificateHtml(v, w, language) : UnknownNumberHtml(w, serial);
  absl::StrAppend(&body, "<footer><a href=\"/?lang=", w.lang, "\">", w.other_number, "</a> · ",
                  w.machine_readable, ": <a href=\"", HtmlEscape(self),
                  ".json\">JSON</a> · <a href=\"/keys?lang=", w.lang, "\">", w.keys,
                  "</a></footer>");
  return Page(w, absl::StrCat(w.title, " – ", serial), absl::StrCat(self, "?lang=", w.other_lang),
              body);
}

std::string VerificationJson(const domain::CertificateVerification& v, const std::string& serial) {
  nlohmann::json out = {{"serial", serial}, {"status", StatusWord(v)}};
  if (v.certificate) {
    const domain::Certificate& c = *v.certificate;
    out["outcome"] = domain::ToString(c.content.outcome);
    out["holder_name"] = c.content.holder_name;
    out["holder_erased"] = !c.content.holder_name_hash.empty();
    if (v.holder_name_matches) {
      out["holder_name_matches"] = *v.holder_name_matches;
      out["holder_name_transliterated"] = v.holder_name_transliterated;
    }
    out["series_title"] = c.content.series_title;
    out["organization_name"] = c.content.organization_name;
    out["issue_time"] = domain::FormatUtcSeconds(c.content.issue_time);
    out["teaching_units_attended"] = c.content.teaching_units_attended;
    out["pdf_sha256"] = c.pdf_sha256;
    out["key_id"] = c.content.key_id;
    out["signature_valid"] = v.signature_valid;
    if (c.status == domain::CertificateStatus::kRevoked) {
      out["revoke_reason"] = c.revoke_reason;
      if (c.revoke_time) out["revoke_time"] = domain::FormatUtcSeconds(*c.revoke_time);
    }
    if (!c.superseded_by.empty()) out["superseded_by"] = c.superseded_by;
    if (!v.status_problem.empty()) out["status_problem"] = v.status_problem;
    if (c.status == domain::CertificateStatus::kSuperseded && v.replacement) {
      nlohmann::json replacement = {{"serial", v.replacement->serial},
                                    {"status", StatusWord(v.replacement->status)},
                                    {"replacements", v.replacement->replacements}};
      if (v.replacement->revoke_time) {
        replacement["revoke_time"] = domain::FormatUtcSeconds(*v.replacement->revoke_time);
      }
      out["replacement"] = std::move(replacement);
    }
  }
  return out.dump(2) + "\n";
}

std::string StartHtml(PageLanguage language, const std::string& problem,
                      const std::string& entered) {
  const PageWords& w = WordsOf(language);
  std::string body = absl::StrCat("<p>", w.intro, "</p><form method=\"get\" action=\"/c\">",
                                  "<input type=\"hidden\" name=\"lang\" value=\"", w.lang, "\">",
                                  "<label for=\"serial\">", w.number_label, "</label>");
  if (!problem.empty()) {
    absl::StrAppend(&body, "<p class=\"problem\" id=\"problem\">", HtmlEscape(problem), "</p>");
  }
  absl::StrAppend(&body,
                  "<input id=\"serial\" name=\"serial\" autocomplete=\"off\" autocapitalize="
                  "\"characters\" spellcheck=\"false\" maxlength=\"40\" required value=\"",
                  HtmlEscape(entered), "\"", problem.empty() ? "" : " aria-describedby=\"problem\"",
                  "><button type=\"submit\">", w.check_button,
                  "</button></form><footer><a href=\"/keys?lang=", w.lang, "\">", w.keys,
                  "</a></footer>");
  return Page(w, w.title, absl::StrCat("/?lang=", w.other_lang), body);
}

std::string NotFoundHtml(PageLanguage language) {
  const PageWords& w = WordsOf(language);
  return Page(w, w.not_found, absl::StrCat("/?lang=", w.other_lang),
              absl::StrCat("<section class=\"status unknown\"><h1>", w.not_found, "</h1><p>",
                           w.not_found_note, "</p></section><footer><a href=\"/?lang=", w.lang,
                           "\">", w.title, "</a></footer>"));
}

std::string TooManyRequestsHtml(PageLanguage language) {
  const PageWords& w = WordsOf(language);
  return Page(w, w.too_many, absl::StrCat("/?lang=", w.other_lang),
              absl::StrCat("<section class=\"status revoked\"><h1>", w.too_many, "</h1><p>",
                           w.too_many_note, "</p></section>"));
}

std::string IssuerKeysHtml(const std::vector<domain::IssuerKey>& keys, PageLanguage language) {
  const PageWords& w = WordsOf(language);
  std::string body = absl::StrCat("<h1 class=\"page\">", w.keys, "</h1><p>", w.keys_intro, "</p>");
  if (keys.empty()) absl::StrAppend(&body, "<p>", w.no_keys, "</p>");
  for (const domain::IssuerKey& k : keys) {
    absl::StrAppend(
        &body, "<dl>", Row(w.key_id, absl::StrCat("<code>", HtmlEscape(k.key_id), "</code>")),
        Row(w.key_use, k.active ? w.key_active : w.key_retired),
        Row(w.key_since, Date(k.create_time, language)),
        Row(w.key_did,
            absl::StrCat("<code>", HtmlEscape(domain::DidKeyOf(k.public_key)), "</code>")),
        Row(w.key_public,
            absl::StrCat("<code>", HtmlEscape(absl::WebSafeBase64Escape(k.public_key)), "</code>")),
        "</dl>");
  }
  absl::StrAppend(&body, "<footer><a href=\"/?lang=", w.lang, "\">", w.title, "</a> · ",
                  w.machine_readable, ": <a href=\"/keys.json\">JSON</a></footer>");
  return Page(w, w.keys, absl::StrCat("/keys?lang=", w.other_lang), body);
}

std::string IssuerKeysJson(const std::vector<domain::IssuerKey>& keys) {
  nlohmann::json out = nlohmann::json::array();
  for (const domain::IssuerKey& k : keys) {
    out.push_back({{"key_id", k.key_id},
                   {"did", domain::DidKeyOf(k.public_key)},
                   {"public_key", absl::WebSafeBase64Escape(k.public_key)},
                   {"created", domain::FormatUtcSeconds(k.create_time)},
                   {"active", k.active}});
  }
  return nlohmann::json({{"keys", out}}).dump(2) + "\n";
}

}  // namespace trainhub::server
