#ifndef TRAINHUB_SERVICES_DOMAIN_DOCUMENTS_CSV_WRITER_H_
#define TRAINHUB_SERVICES_DOMAIN_DOCUMENTS_CSV_WRITER_H_

// Writing CSV files for German spreadsheet programs: UTF-8 with a byte
// order mark, semicolons, CRLF line ends, decimal commas; a field a
// spreadsheet would run as a formula gets a leading apostrophe.

#include <string>
#include <vector>

namespace trainhub::domain {

// The byte order mark that tells spreadsheet programs the file is UTF-8.
inline constexpr char kUtf8Bom[] = "\xEF\xBB\xBF";

// One record: the fields separated by ';', quoted where needed, and CRLF.
std::string CsvLine(const std::vector<std::string>& fields);

// `value` with `digits` decimals and a decimal comma ("12,50").
std::string GermanDecimal(double value, int digits = 2);

}  // namespace trainhub::domain

#endif  // TRAINHUB_SERVICES_DOMAIN_DOCUMENTS_CSV_WRITER_H_
