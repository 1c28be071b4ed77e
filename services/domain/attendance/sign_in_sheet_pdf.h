#ifndef TRAINHUB_SERVICES_DOMAIN_ATTENDANCE_SIGN_IN_SHEET_PDF_H_
#define TRAINHUB_SERVICES_DOMAIN_ATTENDANCE_SIGN_IN_SHEET_PDF_H_

// The printed sign-in sheet of a session (Teilnehmer- und
// Unterschriftenliste), as funders require it with paper signatures: an A4
// PDF in German, drawn with cairo and shaped with pango (any script, right
// to left included; fonts from fonts-noto-core), one row per expected
// participant with a box to sign, the header repeated on every page.

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"

namespace trainhub::domain {

struct SignInSheetRow {
  std::string name;
  std::string organization;
  std::string remark;  // e.g. "entschuldigt" when excused in advance
};

struct SignInSheetData {
  std::string organization;           // the series' owner
  std::vector<std::string> partners;  // partner organisations
  std::string series_title;
  int module_position = 0;
  std::string module_title;
  absl::Time start;
  absl::Time end;
  std::string place;  // name and address
  std::vector<std::string> trainers;
  std::vector<SignInSheetRow> rows;
  absl::Time printed;  // shown in the footer
};

// The PDF's bytes; INTERNAL when cairo fails. Renders at most a few at once
// (a WorkGate): RESOURCE_EXHAUSTED when too many wait.
absl::StatusOr<std::string> RenderSignInSheetPdf(const SignInSheetData& data);

}  // namespace trainhub::domain

#endif  // TRAINHUB_SERVICES_DOMAIN_ATTENDANCE_SIGN_IN_SHEET_PDF_H_
