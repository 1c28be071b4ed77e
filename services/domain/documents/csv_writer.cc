#include "domain/documents/csv_writer.h"

#include <string_view>

#include "absl/strings/str_format.h"

namespace trainhub::domain {
namespace {

std::string CsvField(std::string text) {
  if (!text.empty() && std::string_view("=+-@\t\r").find(text[0]) != std::string_view::npos) {
    text.insert(0, "'");
  }
  if (text.find_first_of(";\"\r\n") == std::string::npos) return text;
  std::string out = "\"";
  for (char c : text) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

}  // namespace

std::string CsvLine(const std::vector<std::string>& fields) {
  std::string line;
  for (size_t i = 0; i < fields.size(); ++i) {
    if (i > 0) line += ';';
    line += CsvField(fields[i]);
  }
  return line + "\r\n";
}

std::string GermanDecimal(double value, int digits) {
  std::string text = absl::StrFormat("%.*f", digits, value);
  for (char& c : text) {
    if (c == '.') c = ',';
  }
  return text;
}

}  // namespace trainhub::domain
