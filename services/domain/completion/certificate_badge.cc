#include "domain/completion/certificate_badge.h"

#include <algorithm>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "domain/berlin_time.h"

namespace trainhub::domain {
namespace {

int IntField(const nlohmann::json& object, const char* name, int fallback) {
  auto it = object.find(name);
  return it != object.end() && it->is_number_integer() ? it->get<int>() : fallback;
}

bool BoolField(const nlohmann::json& object, const char* name) {
  auto it = object.find(name);
  return it != object.end() && it->is_boolean() && it->get<bool>();
}

std::string Modules(int n) { return n == 1 ? "1 Modul" : absl::StrCat(n, " Modulen"); }

bool IsCertificate(const CertificateContent& content) {
  return content.outcome == CompletionOutcome::kCertificate;
}

std::string KindName(const CertificateContent& content) {
  return IsCertificate(content) ? "Zertifikat" : "Teilnahmebestätigung";
}

}  // namespace

std::string CriteriaNarrative(const CertificateContent& content) {
  const nlohmann::json empty = nlohmann::json::object();
  const nlohmann::json& evaluation = content.evaluation.is_object() ? content.evaluation : empty;
  const nlohmann::json& rule =
      evaluation.contains("rule") && evaluation["rule"].is_object() ? evaluation["rule"] : empty;
  std::vector<std::string> parts;
  if (!IsCertificate(content)) {
    parts.push_back(absl::StrCat(
        "Teilnahme an mindestens ",
        Modules(std::max(1, IntField(rule, "confirmation_min_modules", 1))), " der Reihe"));
  } else {
    if (BoolField(rule, "all_modules")) parts.push_back("Teilnahme an allen Modulen der Reihe");
    if (const int n = IntField(rule, "min_modules", 0); n > 0) {
      parts.push_back(absl::StrCat("Teilnahme an mindestens ", Modules(n)));
    }
    if (BoolField(rule, "mandatory_modules")) parts.push_back("Teilnahme an allen Pflichtmodulen");
    if (rule.contains("max_excused") && rule["max_excused"].is_number_integer()) {
      const int k = rule["max_excused"].get<int>();
      parts.push_back(
          k == 0 ? "keine entschuldigte Fehlzeit"
                 : absl::StrCat("höchstens ", k, " entschuldigte Fehlzeit", k == 1 ? "" : "en"));
    }
    if (const int p = IntField(rule, "min_teaching_unit_percent", 0); p > 0) {
      parts.push_back(absl::StrCat("mindestens ", p, " % der Unterrichtseinheiten"));
    }
  }
  std::string narrative =
      parts.empty() ? std::string("Teilnahme an der Reihe") : absl::StrJoin(parts, "; ");
  narrative[0] = absl::ascii_toupper(static_cast<unsigned char>(narrative[0]));
  absl::StrAppend(&narrative,
                  ". Ein Modul gilt als besucht, wenn alle seine Termine besucht "
                  "wurden (anwesend oder verspätet, höchstens ",
                  IntField(rule, "allowed_minutes_missed", 45), " Minuten versäumt).");
  if (evaluation.contains("decision") && evaluation["decision"].is_object()) {
    absl::StrAppend(&narrative, " Das Ergebnis hat die Koordination festgelegt.");
  }
  return narrative;
}

nlohmann::json OpenBadgeCredentialOf(const CertificateContent& content,
                                     const std::string& verification_url,
                                     const std::string& issuer_did) {
  const std::string kind = KindName(content);
  nlohmann::json issuer = {
      {"id", issuer_did}, {"type", {"Profile"}}, {"name", content.organization_name}};
  std::vector<std::string> attended;
  for (const CertificateModuleLine& m : content.modules) {
    if (m.attended) attended.push_back(absl::StrCat(m.title, " (", m.dates, ")"));
  }
  // A Teilnahmebestätigung of a series that issues nothing else is for an
  // event (a Fachtag, a workshop).
  const bool event =
      !IsCertificate(content) && content.issued_documents == IssuedDocuments::kConfirmationOnly;
  std::string description =
      absl::StrCat(kind, event ? " der Veranstaltung „" : " der Reihe „", content.series_title,
                   "“, ", content.teaching_units_attended, " von ", content.teaching_units_total,
                   " Unterrichtseinheiten (UE) besucht.");
  if (!attended.empty()) {
    absl::StrAppend(&description, " Besuchte Module: ", absl::StrJoin(attended, "; "), ".");
  }
  if (!content.qualification.empty()) {
    absl::StrAppend(&description, " Qualifikation: ", content.qualification, ".");
  }
  if (!content.partner_names.empty()) {
    absl::StrAppend(&description, " In Kooperation mit ",
                    absl::StrJoin(content.partner_names, ", "), ".");
  }
  nlohmann::json achievement = {
      {"id", absl::StrCat(verification_url, "#achievement")},
      {"type", {"Achievement"}},
      {"achievementType", IsCertificate(content) ? "Certificate" : "Achievement"},
      {"name", content.series_title},
      {"description", description},
      {"criteria", {{"narrative", CriteriaNarrative(content)}}},
      {"creator", issuer},
      {"inLanguage", "de"}};
  nlohmann::json subject = {{"type", {"AchievementSubject"}},
                            {"identifier",
                             {{{"type", "IdentityObject"},
                               {"identityType", "name"},
                               {"hashed", false},
                               {"identityHash", content.holder_name}}}},
                            {"achievement", achievement}};
  nlohmann::json credential = {{"@context",
                                {"https://www.w3.org/ns/credentials/v2",
                                 "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"}},
                               {"id", verification_url},
                               {"type", {"VerifiableCredential", "OpenBadgeCredential"}},
                               {"name", absl::StrCat(kind, ": ", content.series_title)},
                               {"description", description},
                               {"issuer", issuer},
                               {"validFrom", FormatUtcSeconds(content.issue_time)},
                               {"credentialSubject", subject}};
  if (!content.supersedes.empty()) {
    credential["description"] =
        absl::StrCat(description, " Ersetzt die Bescheinigung ", content.supersedes, ".");
  }
  return credential;
}

}  // namespace trainhub::domain
