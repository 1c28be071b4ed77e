#ifndef TRAINHUB_SERVICES_DOMAIN_DOCUMENTS_CSV_TABLE_H_
#define TRAINHUB_SERVICES_DOMAIN_DOCUMENTS_CSV_TABLE_H_

// Reading spreadsheet exports (CSV) as German spreadsheet programs write
// them: semicolon separated (comma when the header row has no semicolon),
// fields quoted with '"' where needed, CRLF or LF line ends, UTF-8 with or
// without byte order mark. Parsing is strict (libcsv's CSV_STRICT): a stray
// quote or a quoted field left open is an error.

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace trainhub::domain {

struct CsvRow {
  int line = 0;  // 1-based line of the file where the row starts
  std::vector<std::string> fields;
};

struct CsvTable {
  char delimiter = ';';
  CsvRow header;
  std::vector<CsvRow> rows;  // without rows whose fields are all empty
};

// INVALID_ARGUMENT naming `field` with the line of the first problem:
// malformed UTF-8, a quote left open or misplaced, no header row, or a row
// with another number of fields than the header.
absl::StatusOr<CsvTable> ParseCsv(absl::string_view bytes, absl::string_view field);

}  // namespace trainhub::domain

#endif  // TRAINHUB_SERVICES_DOMAIN_DOCUMENTS_CSV_TABLE_H_
