#include "server/verification_page_text.h"

namespace trainhub::server {
namespace {

constexpr PageWords kGerman = {
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

constexpr PageWords kEnglish = {
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

}  // namespace

const PageWords& WordsOf(PageLanguage language) {
  return language == PageLanguage::kEnglish ? kEnglish : kGerman;
}

}  // namespace trainhub::server
