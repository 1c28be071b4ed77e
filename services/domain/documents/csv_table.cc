#include "domain/documents/csv_table.h"

#include <csv.h>

#include <algorithm>
#include <memory>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "domain/errors.h"
#include "domain/text.h"

namespace trainhub::domain {
namespace {

constexpr absl::string_view kByteOrderMark = "\xEF\xBB\xBF";

// What libcsv's callbacks fill while the bytes are fed one at a time, so
// that every row knows the line it starts on.
struct Collector {
  int line = 1;              // line of the byte being fed
  bool at_row_start = true;  // no byte of the next row seen yet
  CsvRow current;
  std::vector<CsvRow> rows;
};

void OnField(void* data, size_t size, void* collector) {
  auto* c = static_cast<Collector*>(collector);
  c->current.fields.emplace_back(static_cast<const char*>(data), size);
}

void OnRowEnd(int /*terminator*/, void* collector) {
  auto* c = static_cast<Collector*>(collector);
  c->rows.push_back(std::move(c->current));
  c->current = CsvRow{};
  c->at_row_start = true;
}

// True when byte `i` ends a line: LF, CRLF (at its LF) or a CR alone (old
// Macintosh files), as libcsv ends rows.
bool EndsLine(absl::string_view bytes, size_t i) {
  return bytes[i] == '\n' || (bytes[i] == '\r' && (i + 1 == bytes.size() || bytes[i + 1] != '\n'));
}

// The 1-based line holding byte `offset`.
int LineAt(absl::string_view bytes, size_t offset) {
  int line = 1;
  for (size_t i = 0; i < offset; ++i) line += EndsLine(bytes, i) ? 1 : 0;
  return line;
}

// The offset of the first byte that is not part of valid UTF-8, or npos.
size_t FirstInvalidUtf8(absl::string_view text) {
  size_t i = 0;
  while (i < text.size()) {
    size_t end = i + 1;
    while (end < text.size() && end - i < 4 &&
           (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) {
      ++end;
    }
    if (!CountCodePoints(text.substr(i, end - i))) return i;
    i = end;
  }
  return absl::string_view::npos;
}

bool AllEmpty(const CsvRow& row) {
  return std::all_of(row.fields.begin(), row.fields.end(),
                     [](const std::string& f) { return Trimmed(f).empty(); });
}

}  // namespace

absl::StatusOr<CsvTable> ParseCsv(absl::string_view bytes, absl::string_view field) {
  const std::string name(field);
  if (absl::StartsWith(bytes, kByteOrderMark)) bytes.remove_prefix(kByteOrderMark.size());
  if (Trimmed(bytes).empty()) return InvalidField(name, Msg("the file is empty"));
  if (size_t bad = FirstInvalidUtf8(bytes); bad != absl::string_view::npos) {
    return InvalidField(name, Msg("line {line}: the file is not UTF-8 (perhaps Windows-1252); save "
                                  "it as \"CSV UTF-8\" and try again",
                                  {{"line", static_cast<int64_t>(LineAt(bytes, bad))}}));
  }
  CsvTable table;
  const absl::string_view first_line = bytes.substr(0, bytes.find_first_of("\r\n"));
  table.delimiter = absl::StrContains(first_line, ';') ? ';' : ',';

  csv_parser parser;
  if (csv_init(&parser, CSV_STRICT | CSV_STRICT_FINI) != 0) {
    return absl::InternalError("cannot start the CSV parser");
  }
  std::unique_ptr<csv_parser, void (*)(csv_parser*)> cleanup(&parser, csv_free);
  csv_set_delim(&parser, static_cast<unsigned char>(table.delimiter));
  Collector collector;
  int row_line = 1;
  std::vector<int> row_lines;
  for (size_t i = 0; i < bytes.size(); ++i) {
    const char c = bytes[i];
    if (collector.at_row_start && c != '\r' && c != '\n') {
      collector.at_row_start = false;
      row_line = collector.line;
    }
    const size_t rows_before = collector.rows.size();
    if (csv_parse(&parser, &bytes[i], 1, OnField, OnRowEnd, &collector) != 1) {
      return InvalidField(name, Msg("line {line}: a quote (\") is misplaced; quote whole fields and "
                                    "double quotes inside them",
                                    {{"line", static_cast<int64_t>(collector.line)}}));
    }
    if (collector.rows.size() != rows_before) row_lines.push_back(row_line);
    if (EndsLine(bytes, i)) ++collector.line;
  }
  const size_t rows_before = collector.rows.size();
  if (csv_fini(&parser, OnField, OnRowEnd, &collector) != 0) {
    return InvalidField(
        name, Msg("line {line}: a quoted field is not closed (a \" is missing)",
                  {{"line", static_cast<int64_t>(row_line)}}));
  }
  if (collector.rows.size() != rows_before) row_lines.push_back(row_line);
  for (size_t i = 0; i < collector.rows.size(); ++i) collector.rows[i].line = row_lines[i];

  std::vector<CsvRow> rows;
  for (CsvRow& row : collector.rows) {
    if (!AllEmpty(row)) rows.push_back(std::move(row));
  }
  if (rows.empty()) return InvalidField(name, Msg("the file has no header row"));
  table.header = std::move(rows.front());
  for (size_t i = 1; i < rows.size(); ++i) {
    if (rows[i].fields.size() != table.header.fields.size()) {
      return InvalidField(name,
                          Msg("line {line}: has {fields} fields, the header has {header} "
                              "(separator ''{separator}'')",
                              {{"line", static_cast<int64_t>(rows[i].line)},
                               {"fields", static_cast<int64_t>(rows[i].fields.size())},
                               {"header", static_cast<int64_t>(table.header.fields.size())},
                               {"separator", std::string(1, table.delimiter)}}));
    }
    table.rows.push_back(std::move(rows[i]));
  }
  return table;
}

}  // namespace trainhub::domain
