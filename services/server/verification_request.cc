// What a request to the verification pages asks for: their language, and
// whether it wants JSON rather than a page (declared in verification_page.h).

#include <algorithm>
#include <string>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_split.h"
#include "server/verification_page.h"

namespace trainhub::server {

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

}  // namespace trainhub::server
