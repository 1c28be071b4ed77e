#ifndef TRAINHUB_CLIENTS_CLI_FORMAT_H_
#define TRAINHUB_CLIENTS_CLI_FORMAT_H_

// Text in and out of the CLI: local times, enum words, tables.

#include <google/protobuf/timestamp.pb.h>

#include <map>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "absl/time/time.h"

// The generated enums' own declarations (protobuf gives each `: int`), so
// that this widely included header pulls in no message classes.
namespace trainhub::v1 {
enum AttendanceStatus : int;
enum BookingStatus : int;
enum EnrolmentState : int;
enum OrganizationKind : int;
enum SeriesKind : int;
enum SeriesStatus : int;
enum TargetGroup : int;
}  // namespace trainhub::v1

namespace trainhub::cli {

// Europe/Berlin (UTC if tzdata is missing).
const absl::TimeZone& LocalZone();

// Reads a time the user typed: "YYYY-MM-DD HH:MM", "YYYY-MM-DDTHH:MM",
// "DD.MM.YYYY HH:MM" (Europe/Berlin), a date alone (midnight), or RFC 3339
// with an offset. On failure returns nullopt and sets `error` (naming
// `option`).
std::optional<absl::Time> ParseUserTime(const std::string& text, const std::string& option,
                                        std::string* error);

void SetTimestamp(absl::Time t, google::protobuf::Timestamp* out);
absl::Time FromTimestamp(const google::protobuf::Timestamp& t);
// "18.01.2019 09:00"
std::string FormatLocal(const google::protobuf::Timestamp& t);
// Compact: "18.01.2019 09:00–17:00" within a day; over several days both
// ends with their dates, "14.05. 09:00 – 16.05.2020 13:00", and the full
// year on both across years.
std::string FormatRange(const google::protobuf::Timestamp& start,
                        const google::protobuf::Timestamp& end);

// Words for enum values on the command line and in tables.
const std::map<std::string, trainhub::v1::OrganizationKind>& OrganizationKindWords();
const std::map<std::string, trainhub::v1::SeriesKind>& SeriesKindWords();
const std::map<std::string, trainhub::v1::SeriesStatus>& SeriesStatusWords();
const std::map<std::string, trainhub::v1::TargetGroup>& TargetGroupWords();
const std::map<std::string, trainhub::v1::BookingStatus>& BookingStatusWords();
const std::map<std::string, trainhub::v1::EnrolmentState>& EnrolmentStateWords();
const std::map<std::string, trainhub::v1::AttendanceStatus>& AttendanceStatusWords();
// The word for `value`, or its number when it has none.
template <typename Enum>
std::string WordOf(const std::map<std::string, Enum>& words, Enum value) {
  for (const auto& [word, v] : words) {
    if (v == value) return word;
  }
  return std::to_string(static_cast<int>(value));
}

// Terminal columns `text` takes: grapheme clusters, East Asian wide ones
// count 2, combining marks 0.
size_t DisplayWidth(const std::string& text);

// `text` word-wrapped into lines of at most `width` display columns; words
// longer than a line break between grapheme clusters; "\n" starts a line.
std::vector<std::string> WrapText(const std::string& text, size_t width);

// Columns sized to their content and narrowed (widest first) to fit `width`
// terminal columns; cells that do not fit wrap onto further lines, nothing
// is cut. Widths count display columns (DisplayWidth).
class Table {
 public:
  explicit Table(std::vector<std::string> headings);
  // Column `column` keeps its full width when the table is shrunk.
  void KeepWidth(size_t column) { keep_.push_back(column); }
  void Add(std::vector<std::string> row);
  void Print(std::ostream& out, size_t width = 80) const;

 private:
  std::vector<std::string> headings_;
  std::vector<std::vector<std::string>> rows_;
  std::vector<size_t> keep_;
};

// `line` (no line break inside) word-wrapped to `width` display columns.
// Further lines are indented under the value of a "  label:   value" line
// (a label followed by two or more spaces), else two more than the line.
void PrintWrapped(std::ostream& out, const std::string& line, size_t width = 80);
// Each line of `text` as PrintWrapped prints it.
void PrintWrappedLines(std::ostream& out, const std::string& text, size_t width = 80);

// "Label:  value" lines, labels aligned, values word-wrapped to `width`.
void PrintFields(std::ostream& out, const std::vector<std::pair<std::string, std::string>>& fields,
                 size_t width = 80);

}  // namespace trainhub::cli

#endif  // TRAINHUB_CLIENTS_CLI_FORMAT_H_
