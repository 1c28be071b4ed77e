#include "server/verification_page.h"

#include <algorithm>
#include <nlohmann/json.hpp>

#include "absl/strings/ascii.h"
#include "absl/strings/escaping.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/time/civil_time.h"
#include "domain/berlin_time.h"
#include "domain/documents/data_integrity.h"

namespace trainhub::server {
namespace {

// Every text of the pages, per language.
struct Words {
  const char* lang;
  const char* other_lang;
  const char* other_lang_name;
  const char* title;
  const char* intro;
  const char* number_label;
  const char* check_button;
  const char* valid;
  const char* valid_note;
  const char* revoked;
  const char* revoked_note;  // {date} {reason} follow
  const char* superseded;
  const char* superseded_note;          // the replacement is valid
  const char* superseded_revoked_note;  // the replacement was revoked
  const char* superseded_unknown_note;  // its status is on its own page
  const char* replacement_status;       // row label
  const char* latest_replacement;       // row label, when replaced more than once
  const char* replacement_valid;
  const char* replacement_revoked_on;  // a date follows
  const char* unknown;
  const char* unknown_note;
  const char* signature_broken;
  const char* not_confirmed;
  const char* kind_certificate;
  const char* kind_confirmation;
  const char* kind;
  const char* number;
  const char* holder;
  const char* series;
  const char* issuer;
  const char* issued;
  const char* units;
  const char* reason;
  const char* revoked_on;
  const char* replaced_by;
  const char* pdf_heading;
  const char* pdf_note;
  const char* signature;
  const char* signature_ok;
  const char* signature_bad;
  const char* machine_readable;
  const char* keys;
  const char* other_number;
  const char* not_found;
  const char* not_found_note;
  const char* too_many;
  const char* too_many_note;
  const char* holder_erased;
  const char* name_check;
  const char* name_check_note;
  const char* name_label;
  const char* name_matches;
  const char* name_differs;
  const char* name_matches_transliterated;
  const char* unconfirmed;
  const char* unconfirmed_note;
  const char* finding;
  const char* keys_intro;
  const char* key_id;
  const char* key_did;
  const char* key_public;
  const char* key_since;
  const char* key_use;
  const char* key_active;
  const char* key_retired;
  const char* no_keys;
};

constexpr Words kGerman = {
    "de",
    "en",
    "English",
    "Bescheinigung prüfen",
    "Geben Sie die Nummer ein, die auf dem Zertifikat oder der Teilnahmebestätigung steht "
    "(16 Zeichen, z. B. <span class=\"nowrap\">7K3M-Q9ZD-X2RT-4HNB</span>).",
    "Nummer der Bescheinigung",
    "Prüfen",
    "Gültig",
    "Diese Bescheinigung wurde so ausgestellt und ist nicht widerrufen.",
    "Widerrufen",
    "Diese Bescheinigung gilt nicht mehr.",
    "Ersetzt",
    "Diese Bescheinigung wurde durch eine neue ersetzt; die neue ist gültig.",
    "Diese Bescheinigung wurde durch eine neue ersetzt, die inzwischen ebenfalls widerrufen "
    "wurde. Damit gilt keine von ihnen.",
    "Diese Bescheinigung wurde durch eine neue ersetzt; deren Stand zeigt ihre eigene Seite.",
    "Stand der neuen Bescheinigung",
    "Zuletzt ersetzt durch",
    "gültig",
    "widerrufen am",
    "Unbekannte Nummer",
    "Keine Bescheinigung trägt diese Nummer. Prüfen Sie die Schreibweise.",
    "Die gespeicherte Bescheinigung stimmt nicht mit ihrer Signatur überein. Bitte wenden Sie "
    "sich an die ausstellende Organisation.",
    "Nicht bestätigt",
    "Zertifikat",
    "Teilnahmebestätigung",
    "Art",
    "Nummer",
    "Inhaber:in",
    "Reihe",
    "Ausgestellt von",
    "Ausgestellt am",
    "Besuchte Unterrichtseinheiten",
    "Grund",
    "Widerrufen am",
    "Ersetzt durch",
    "PDF-Datei vergleichen",
    "Eine unveränderte PDF-Datei dieser Bescheinigung hat diesen SHA-256-Wert (unter Linux: "
    "sha256sum datei.pdf):",
    "Signatur",
    "intakt, Schlüssel",
    "stimmt NICHT",
    "Maschinenlesbar",
    "Schlüssel der ausstellenden Stelle",
    "Andere Nummer prüfen",
    "Seite nicht gefunden",
    "Diese Adresse gibt es hier nicht.",
    "Zu viele Anfragen",
    "Von Ihrer Adresse kamen in kurzer Zeit zu viele Anfragen. Bitte versuchen Sie es in einer "
    "Minute noch einmal.",
    "nicht mehr gespeichert (die Daten der Person wurden nach der DSGVO gelöscht)",
    "Namen prüfen",
    "Geben Sie den Namen ein, der auf der Bescheinigung steht; geprüft wird, ob er der "
    "Inhaberin oder dem Inhaber gehört.",
    "Name auf der Bescheinigung",
    "Der Name stimmt mit der Bescheinigung überein.",
    "Der Name stimmt NICHT mit der Bescheinigung überein.",
    "Der Name stimmt in lateinischer Umschrift mit der Bescheinigung überein (verglichen werden "
    "die Konsonanten, da die arabische und die hebräische Schrift kurze Vokale nicht schreiben). "
    "Vergleichen Sie die Schreibweise mit einem Ausweis.",
    "Status nicht bestätigt",
    "Der gespeicherte Status dieser Bescheinigung ist nicht durch die Signatur der "
    "ausstellenden Stelle gedeckt: die Daten des Servers wurden außerhalb von trainhub "
    "verändert. Behandeln Sie die Bescheinigung als nicht gültig und wenden Sie sich an die "
    "ausstellende Organisation.",
    "Befund (englisch)",
    "Mit diesen öffentlichen Schlüsseln (Ed25519) signiert diese Stelle ihre Bescheinigungen und "
    "deren Open-Badges-Dateien. Wer eine Badge-Datei ohne Verbindung prüfen will, braucht den "
    "Schlüssel oder seine DID (z. B. <code>trainhub certificate verify badge.json --issuer-key "
    "…</code>). Ältere Schlüssel bleiben hier, damit früher ausgestellte "
    "Bescheinigungen prüfbar bleiben.",
    "Schlüssel",
    "DID (für Open Badges)",
    "Öffentlicher Schlüssel (base64url)",
    "Seit",
    "Verwendung",
    "signiert neue Bescheinigungen",
    "prüft früher ausgestellte Bescheinigungen",
    "Diese Stelle hat noch keinen Schlüssel.",
};

constexpr Words kEnglish = {
    "en",
    "de",
    "Deutsch",
    "Check a certificate",
    "Enter the number printed on the certificate (Zertifikat) or confirmation of participation "
    "(Teilnahmebestätigung): 16 characters, e.g. <span "
    "class=\"nowrap\">7K3M-Q9ZD-X2RT-4HNB</span>.",
    "Certificate number",
    "Check",
    "Valid",
    "This certificate was issued as shown and has not been revoked.",
    "Revoked",
    "This certificate is no longer valid.",
    "Replaced",
    "This certificate was replaced by a new one; the new one is valid.",
    "This certificate was replaced by a new one, which has since been revoked as well. None of "
    "them is valid.",
    "This certificate was replaced by a new one; the new one's page shows its status.",
    "Status of the new certificate",
    "Last replaced by",
    "valid",
    "revoked on",
    "Unknown number",
    "No certificate has this number. Please check how it is spelt.",
    "The stored certificate does not match its signature. Please contact the issuing "
    "organisation.",
    "Not confirmed",
    "Certificate (Zertifikat)",
    "Confirmation of participation (Teilnahmebestätigung)",
    "Kind",
    "Number",
    "Holder",
    "Series",
    "Issued by",
    "Issued on",
    "Teaching units attended",
    "Reason",
    "Revoked on",
    "Replaced by",
    "Compare a PDF file",
    "An unchanged PDF file of this certificate has this SHA-256 value (on Linux: sha256sum "
    "file.pdf):",
    "Signature",
    "intact, key",
    "does NOT match",
    "Machine-readable",
    "Issuer keys",
    "Check another number",
    "Page not found",
    "There is no such address here.",
    "Too many requests",
    "Too many requests came from your address in a short time. Please try again in a minute.",
    "no longer stored (the person's data was erased under the GDPR)",
    "Check a name",
    "Enter the name printed on the certificate; the page tells whether it is the holder's.",
    "Name on the certificate",
    "The name matches the certificate.",
    "The name does NOT match the certificate.",
    "The name matches the certificate in Latin transliteration (its consonants are compared, as "
    "Arabic and Hebrew script do not write short vowels). Compare the spelling with an ID.",
    "Status not confirmed",
    "The stored status of this certificate is not backed by the issuer's signature: the "
    "server's data was changed outside trainhub. Treat the certificate as not valid and contact "
    "the issuing organisation.",
    "Finding",
    "With these public keys (Ed25519) this issuer signs its certificates and their Open Badges "
    "files. To check a badge file offline you need the key or its DID (e.g. <code>trainhub "
    "certificate verify badge.json --issuer-key …</code>). Older keys "
    "stay listed so that certificates issued earlier can still be checked.",
    "Key",
    "DID (for Open Badges)",
    "Public key (base64url)",
    "Since",
    "Use",
    "signs new certificates",
    "checks certificates issued earlier",
    "This issuer has no key yet.",
};

const Words& WordsOf(PageLanguage language) {
  return language == PageLanguage::kEnglish ? kEnglish : kGerman;
}

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

std::string Page(const Words& w, const std::string& title, const std::string& switch_href,
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

PageLanguage ChooseLanguage(const char* lang, const char* accept_language) {
  if (lang != nullptr) {
    if (absl::EqualsIgnoreCase(lang, "en")) return PageLanguage::kEnglish;
    if (absl::EqualsIgnoreCase(lang, "de")) return PageLanguage::kGerman;
  }
  if (accept_language != nullptr) {
    // In the order given; weights are rarely other than falling.
    for (absl::string_view part : absl::StrSplit(accept_language, ',')) {
      const absl::string_view tag = absl::StripAsciiWhitespace(part.substr(0, part.find(';')));
      const absl::string_view primary = tag.substr(0, tag.find('-'));
      if (absl::EqualsIgnoreCase(primary, "de")) return PageLanguage::kGerman;
      if (absl::EqualsIgnoreCase(primary, "en")) return PageLanguage::kEnglish;
    }
  }
  return PageLanguage::kGerman;
}

std::string VerificationHtml(const domain::CertificateVerification& v, const std::string& serial,
                             PageLanguage language) {
  const Words& w = WordsOf(language);
  const std::string self = absl::StrCat("/c/", serial);
  std::string body;
  if (!v.certificate) {
    absl::StrAppend(
        &body, "<section class=\"status unknown\" role=\"status\"><h1>", w.unknown, "</h1><p>",
        w.unknown_note, "</p></section><dl>",
        Row(w.number, absl::StrCat("<span class=\"mono\">", HtmlEscape(serial), "</span>")),
        "</dl>");
  } else {
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
    // A replaced certificate: what became of the one that stands for it now.
    const domain::ReplacementState* replacement =
        c.status == domain::CertificateStatus::kSuperseded && v.replacement ? &*v.replacement
                                                                            : nullptr;
    if (replacement != nullptr && replacement->status != domain::CertificateStatus::kValid) {
      note = replacement->status == domain::CertificateStatus::kRevoked ? w.superseded_revoked_note
                                                                        : w.superseded_unknown_note;
    }
    if (!v.signature_valid) {
      status = "revoked";
      note = w.signature_broken;
    }
    absl::StrAppend(&body, "<section class=\"status ", status, "\" role=\"status\"><h1>",
                    v.signature_valid ? heading : w.not_confirmed, "</h1><p>", note, "</p>");
    if (unconfirmed && !v.status_problem.empty()) {
      absl::StrAppend(&body, "<p>", w.finding, ": <span lang=\"en\">", HtmlEscape(v.status_problem),
                      "</span></p>");
    }
    absl::StrAppend(&body, "</section><dl>");
    if (c.status == domain::CertificateStatus::kRevoked) {
      absl::StrAppend(&body, Row(w.reason, UserText(c.revoke_reason)));
      if (c.revoke_time) absl::StrAppend(&body, Row(w.revoked_on, Date(*c.revoke_time, language)));
    }
    auto serial_link = [&](const std::string& serial) {
      return absl::StrCat("<a class=\"mono\" href=\"/c/", HtmlEscape(serial), "?lang=", w.lang,
                          "\">", HtmlEscape(serial), "</a>");
    };
    if (c.status == domain::CertificateStatus::kSuperseded && !c.superseded_by.empty()) {
      absl::StrAppend(&body, Row(w.replaced_by, serial_link(c.superseded_by)));
    }
    if (replacement != nullptr) {
      if (replacement->serial != c.superseded_by) {
        absl::StrAppend(&body, Row(w.latest_replacement, serial_link(replacement->serial)));
      }
      if (replacement->status == domain::CertificateStatus::kValid) {
        absl::StrAppend(
            &body, Row(w.replacement_status,
                       absl::StrCat("<span class=\"match\">", w.replacement_valid, "</span>")));
      } else if (replacement->status == domain::CertificateStatus::kRevoked) {
        absl::StrAppend(
            &body,
            Row(w.replacement_status,
                absl::StrCat("<span class=\"problem\">", w.replacement_revoked_on,
                             replacement->revoke_time
                                 ? absl::StrCat(" ", Date(*replacement->revoke_time, language))
                                 : std::string(),
                             "</span>")));
      }
    }
    absl::StrAppend(
        &body,
        Row(w.kind, c.content.outcome == domain::CompletionOutcome::kCertificate
                        ? w.kind_certificate
                        : w.kind_confirmation),
        Row(w.holder, c.content.holder_name_hash.empty() ? UserText(c.content.holder_name)
                                                         : std::string(w.holder_erased)),
        Row(w.series, UserText(c.content.series_title)),
        Row(w.issuer, UserText(c.content.organization_name)),
        Row(w.issued, Date(c.content.issue_time, language)),
        Row(w.units, absl::StrCat(HtmlEscape(c.content.teaching_units_attended), " UE")),
        Row(w.number,
            absl::StrCat("<span class=\"mono\">", HtmlEscape(c.content.serial), "</span>")),
        "</dl><section class=\"more\"><h2>", w.pdf_heading, "</h2><p>", w.pdf_note, "</p><p><code>",
        HtmlEscape(c.pdf_sha256), "</code></p><p>", w.signature, ": ",
        v.signature_valid
            ? absl::StrCat(w.signature_ok, " <code>", HtmlEscape(c.content.key_id), "</code>")
            : std::string(w.signature_bad),
        "</p></section>");
    if (!c.content.holder_name_hash.empty() || v.holder_name_matches) {
      absl::StrAppend(&body, "<form method=\"get\" action=\"/c/", HtmlEscape(c.content.serial),
                      "\"><h2>", w.name_check, "</h2><p>", w.name_check_note, "</p>");
      if (v.holder_name_matches) {
        absl::StrAppend(&body, "<p role=\"status\" class=\"",
                        *v.holder_name_matches ? "match\">" : "problem\">",
                        !*v.holder_name_matches        ? w.name_differs
                        : v.holder_name_transliterated ? w.name_matches_transliterated
                                                       : w.name_matches,
                        "</p>");
      }
      absl::StrAppend(&body, "<input type=\"hidden\" name=\"lang\" value=\"", w.lang,
                      "\"><label for=\"name\">", w.name_label,
                      "</label><input class=\"name\" id=\"name\" name=\"name\" maxlength=\"200\""
                      " autocomplete=\"off\" required><button type=\"submit\">",
                      w.check_button, "</button></form>");
    }
  }
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
  const Words& w = WordsOf(language);
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
  const Words& w = WordsOf(language);
  return Page(w, w.not_found, absl::StrCat("/?lang=", w.other_lang),
              absl::StrCat("<section class=\"status unknown\"><h1>", w.not_found, "</h1><p>",
                           w.not_found_note, "</p></section><footer><a href=\"/?lang=", w.lang,
                           "\">", w.title, "</a></footer>"));
}

std::string TooManyRequestsHtml(PageLanguage language) {
  const Words& w = WordsOf(language);
  return Page(w, w.too_many, absl::StrCat("/?lang=", w.other_lang),
              absl::StrCat("<section class=\"status revoked\"><h1>", w.too_many, "</h1><p>",
                           w.too_many_note, "</p></section>"));
}

std::string IssuerKeysHtml(const std::vector<domain::IssuerKey>& keys, PageLanguage language) {
  const Words& w = WordsOf(language);
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

bool PrefersJson(const char* accept) {
  if (accept == nullptr) return false;
  double json = 0, html = 0, any_html = 0;
  for (absl::string_view range : absl::StrSplit(accept, ',')) {
    std::vector<absl::string_view> parts = absl::StrSplit(range, ';');
    const std::string type = absl::AsciiStrToLower(absl::StripAsciiWhitespace(parts[0]));
    double q = 1;
    for (size_t i = 1; i < parts.size(); ++i) {
      const absl::string_view param = absl::StripAsciiWhitespace(parts[i]);
      if (absl::StartsWithIgnoreCase(param, "q=") && !absl::SimpleAtod(param.substr(2), &q)) q = 0;
    }
    if (type == "application/json") {
      json = std::max(json, q);
    } else if (type == "text/html" || type == "application/xhtml+xml") {
      html = std::max(html, q);
    } else if (type == "text/*" || type == "*/*") {
      any_html = std::max(any_html, q);
    }
  }
  return json > 0 && json > std::max(html, any_html);
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
