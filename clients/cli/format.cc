#include "clients/cli/format.h"

#include <fmt/core.h>
#include <unicode/brkiter.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <memory>
#include <regex>

#include "absl/strings/ascii.h"
#include "absl/strings/str_split.h"
#include "clients/cli/messages.h"
#include "trainhub/v1/attendance.pb.h"
#include "trainhub/v1/common.pb.h"
#include "trainhub/v1/enrolment.pb.h"
#include "trainhub/v1/organization.pb.h"
#include "trainhub/v1/series.pb.h"

namespace trainhub::cli {
namespace {

// Columns a grapheme cluster takes in a terminal: 2 for East Asian wide
// and full-width characters, 0 for a cluster of marks or format characters
// only, else 1.
size_t ClusterWidth(const icu::UnicodeString& cluster) {
  const UChar32 first = cluster.char32At(0);
  const int east_asian = u_getIntPropertyValue(first, UCHAR_EAST_ASIAN_WIDTH);
  if (east_asian == U_EA_WIDE || east_asian == U_EA_FULLWIDTH) return 2;
  const int8_t type = u_charType(first);
  if (type == U_NON_SPACING_MARK || type == U_ENCLOSING_MARK || type == U_FORMAT_CHAR) return 0;
  return 1;
}

// Splits `text` into grapheme clusters (UTF-8) with their widths.
std::vector<std::pair<std::string, size_t>> Clusters(const std::string& text) {
  std::vector<std::pair<std::string, size_t>> out;
  const icu::UnicodeString u = icu::UnicodeString::fromUTF8(text);
  UErrorCode error = U_ZERO_ERROR;
  std::unique_ptr<icu::BreakIterator> it(
      icu::BreakIterator::createCharacterInstance(icu::Locale::getRoot(), error));
  if (U_FAILURE(error)) {
    for (char c : text) out.push_back({std::string(1, c), 1});
    return out;
  }
  it->setText(u);
  for (int32_t start = it->first(), end = it->next(); end != icu::BreakIterator::DONE;
       start = end, end = it->next()) {
    const icu::UnicodeString cluster = u.tempSubStringBetween(start, end);
    std::string bytes;
    cluster.toUTF8String(bytes);
    out.push_back({std::move(bytes), ClusterWidth(cluster)});
  }
  return out;
}

}  // namespace

size_t DisplayWidth(const std::string& text) {
  size_t width = 0;
  for (const auto& [cluster, columns] : Clusters(text)) width += columns;
  return width;
}

std::vector<std::string> WrapText(const std::string& text, size_t width) {
  if (width == 0) width = 1;
  std::vector<std::string> lines;
  for (absl::string_view paragraph : absl::StrSplit(text, '\n')) {
    std::string line;
    size_t line_width = 0;
    auto flush = [&] {
      while (!line.empty() && line.back() == ' ') {
        line.pop_back();
        --line_width;
      }
      lines.push_back(std::move(line));
      line.clear();
      line_width = 0;
    };
    for (absl::string_view word : absl::StrSplit(paragraph, ' ', absl::SkipEmpty())) {
      const auto clusters = Clusters(std::string(word));
      size_t word_width = 0;
      for (const auto& c : clusters) word_width += c.second;
      if (line_width > 0 && line_width + 1 + word_width > width) flush();
      if (line_width > 0) {
        line += ' ';
        ++line_width;
      }
      // A word longer than a line breaks between grapheme clusters.
      for (const auto& [cluster, columns] : clusters) {
        if (line_width > 0 && line_width + columns > width) flush();
        line += cluster;
        line_width += columns;
      }
    }
    flush();
  }
  return lines;
}

const absl::TimeZone& LocalZone() {
  static const absl::TimeZone* zone = [] {
    auto* tz = new absl::TimeZone(absl::UTCTimeZone());
    absl::LoadTimeZone("Europe/Berlin", tz);
    return tz;
  }();
  return *zone;
}

// "04.12.27 09:00" -> "04.12.2027 09:00": a German date with a two-digit
// year means this century. Other text comes back unchanged.
std::string WithFourDigitYear(const std::string& text) {
  static const std::regex kShortYear(R"(^(\d{1,2}\.\d{1,2}\.)(\d{2})(\s.*)?$)");
  std::smatch match;
  if (!std::regex_match(text, match, kShortYear)) return text;
  return match[1].str() + "20" + match[2].str() + match[3].str();
}

namespace {

// The years the server takes sessions in (domain/limits.h): a year outside
// is a typing mistake ("28-01-18").
constexpr int kFirstYear = 2000;
constexpr int kLastYear = 2099;

// `t` when its year (in Berlin) is one the server takes, else nullopt with
// `error` saying so.
std::optional<absl::Time> InYearRange(absl::Time t, const std::string& option,
                                      const std::string& text, std::string* error) {
  const int64_t year = absl::ToCivilYear(t, LocalZone()).year();
  if (year >= kFirstYear && year <= kLastYear) return t;
  *error = fmt::format(msg::kTimeOutOfRange, option, text, year, kFirstYear, kLastYear);
  return std::nullopt;
}

}  // namespace

std::optional<absl::Time> ParseUserTime(const std::string& raw, const std::string& option,
                                        std::string* error) {
  const std::string text = WithFourDigitYear(std::string(absl::StripAsciiWhitespace(raw)));
  // With an explicit offset the zone is given.
  for (const char* format :
       {"%Y-%m-%dT%H:%M:%E*S%Ez", "%Y-%m-%dT%H:%M%Ez", "%Y-%m-%d %H:%M:%E*S%Ez"}) {
    absl::Time t;
    if (absl::ParseTime(format, text, &t, nullptr)) {
      if (t != absl::FromUnixSeconds(absl::ToUnixSeconds(t))) {
        *error = fmt::format(msg::kSubSecondTime, option, text);
        return std::nullopt;
      }
      return InYearRange(t, option, text, error);
    }
  }
  for (const char* format : {"%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M:%S",
                             "%Y-%m-%dT%H:%M:%S", "%d.%m.%Y %H:%M", "%Y-%m-%d", "%d.%m.%Y"}) {
    absl::CivilSecond civil;
    absl::Time probe;
    // Parse as UTC to get the wall-clock fields, then place them in Berlin.
    if (!absl::ParseTime(format, text, absl::UTCTimeZone(), &probe, nullptr)) {
      continue;
    }
    civil = absl::ToCivilSecond(probe, absl::UTCTimeZone());
    const absl::TimeZone::TimeInfo info = LocalZone().At(civil);
    if (info.kind == absl::TimeZone::TimeInfo::SKIPPED) {
      *error = fmt::format(msg::kSkippedTime, option, text);
      return std::nullopt;
    }
    if (info.kind == absl::TimeZone::TimeInfo::REPEATED) {
      const auto reading = [&](absl::Time t) {
        return absl::FormatTime("%Y-%m-%dT%H:%M%Ez", t, LocalZone());
      };
      *error = fmt::format(msg::kRepeatedTime, option, text, reading(info.pre), reading(info.post));
      return std::nullopt;
    }
    return InYearRange(info.pre, option, text, error);
  }
  *error = fmt::format(msg::kBadTime, option, text, msg::kTimeFormatsHelp);
  return std::nullopt;
}

void SetTimestamp(absl::Time t, google::protobuf::Timestamp* out) {
  out->set_seconds(absl::ToUnixSeconds(t));
  out->set_nanos(0);
}

absl::Time FromTimestamp(const google::protobuf::Timestamp& t) {
  return absl::FromUnixSeconds(t.seconds()) + absl::Nanoseconds(t.nanos());
}

std::string FormatLocal(const google::protobuf::Timestamp& t) {
  return absl::FormatTime("%d.%m.%Y %H:%M", FromTimestamp(t), LocalZone());
}

std::string FormatRange(const google::protobuf::Timestamp& start,
                        const google::protobuf::Timestamp& end) {
  const absl::Time s = FromTimestamp(start);
  const absl::Time e = FromTimestamp(end);
  const absl::TimeZone& zone = LocalZone();
  const absl::CivilDay first = absl::ToCivilDay(s, zone);
  const absl::CivilDay last = absl::ToCivilDay(e, zone);
  const std::string hours =
      absl::FormatTime("%H:%M", s, zone) + "–" + absl::FormatTime("%H:%M", e, zone);
  if (first == last) return absl::FormatTime("%d.%m.%Y ", s, zone) + hours;
  // Over several days each end has its date, so that 17:00 to 16:00 the
  // next day never reads like an end before the start.
  if (first.year() != last.year()) return FormatLocal(start) + " – " + FormatLocal(end);
  return absl::FormatTime("%d.%m. %H:%M", s, zone) + " – " +
         absl::FormatTime("%d.%m.%Y %H:%M", e, zone);
}

const std::map<std::string, trainhub::v1::OrganizationKind>& OrganizationKindWords() {
  using K = trainhub::v1::OrganizationKind;
  static const auto* words = new std::map<std::string, K>{
      {"ngo", trainhub::v1::ORGANIZATION_KIND_NGO},
      {"municipality", trainhub::v1::ORGANIZATION_KIND_MUNICIPALITY},
      {"university", trainhub::v1::ORGANIZATION_KIND_UNIVERSITY},
      {"federal-agency", trainhub::v1::ORGANIZATION_KIND_FEDERAL_AGENCY},
      {"network", trainhub::v1::ORGANIZATION_KIND_NETWORK},
      {"other", trainhub::v1::ORGANIZATION_KIND_OTHER}};
  return *words;
}

const std::map<std::string, trainhub::v1::SeriesKind>& SeriesKindWords() {
  using K = trainhub::v1::SeriesKind;
  static const auto* words = new std::map<std::string, K>{
      {"trainer-qualification", trainhub::v1::SERIES_KIND_TRAINER_QUALIFICATION},
      {"volunteer-course", trainhub::v1::SERIES_KIND_VOLUNTEER_COURSE},
      {"apprentice-parcours", trainhub::v1::SERIES_KIND_APPRENTICE_PARCOURS},
      {"vielfalts-montag", trainhub::v1::SERIES_KIND_VIELFALTS_MONTAG},
      {"other", trainhub::v1::SERIES_KIND_OTHER}};
  return *words;
}

const std::map<std::string, trainhub::v1::SeriesStatus>& SeriesStatusWords() {
  using S = trainhub::v1::SeriesStatus;
  static const auto* words =
      new std::map<std::string, S>{{"draft", trainhub::v1::SERIES_STATUS_DRAFT},
                                   {"planned", trainhub::v1::SERIES_STATUS_PLANNED},
                                   {"open", trainhub::v1::SERIES_STATUS_OPEN_FOR_ENROLMENT},
                                   {"running", trainhub::v1::SERIES_STATUS_RUNNING},
                                   {"completed", trainhub::v1::SERIES_STATUS_COMPLETED},
                                   {"cancelled", trainhub::v1::SERIES_STATUS_CANCELLED}};
  return *words;
}

const std::map<std::string, trainhub::v1::TargetGroup>& TargetGroupWords() {
  using G = trainhub::v1::TargetGroup;
  static const auto* words = new std::map<std::string, G>{
      {"volunteers", trainhub::v1::TARGET_GROUP_VOLUNTEERS},
      {"apprentices", trainhub::v1::TARGET_GROUP_APPRENTICES},
      {"administration-staff", trainhub::v1::TARGET_GROUP_ADMINISTRATION_STAFF},
      {"managers", trainhub::v1::TARGET_GROUP_MANAGERS},
      {"trainers", trainhub::v1::TARGET_GROUP_TRAINERS},
      {"other", trainhub::v1::TARGET_GROUP_OTHER}};
  return *words;
}

const std::map<std::string, trainhub::v1::BookingStatus>& BookingStatusWords() {
  using B = trainhub::v1::BookingStatus;
  static const auto* words =
      new std::map<std::string, B>{{"requested", trainhub::v1::BOOKING_STATUS_REQUESTED},
                                   {"confirmed", trainhub::v1::BOOKING_STATUS_CONFIRMED},
                                   {"declined", trainhub::v1::BOOKING_STATUS_DECLINED}};
  return *words;
}

const std::map<std::string, trainhub::v1::EnrolmentState>& EnrolmentStateWords() {
  using E = trainhub::v1::EnrolmentState;
  static const auto* words = new std::map<std::string, E>{
      {"pending-approval", trainhub::v1::ENROLMENT_STATE_PENDING_APPROVAL},
      {"waitlisted", trainhub::v1::ENROLMENT_STATE_WAITLISTED},
      {"enrolled", trainhub::v1::ENROLMENT_STATE_ENROLLED},
      {"confirmed", trainhub::v1::ENROLMENT_STATE_CONFIRMED},
      {"withdrawn", trainhub::v1::ENROLMENT_STATE_WITHDRAWN},
      {"rejected", trainhub::v1::ENROLMENT_STATE_REJECTED},
      {"released", trainhub::v1::ENROLMENT_STATE_RELEASED}};
  return *words;
}

const std::map<std::string, trainhub::v1::AttendanceStatus>& AttendanceStatusWords() {
  using S = trainhub::v1::AttendanceStatus;
  static const auto* words =
      new std::map<std::string, S>{{"present", trainhub::v1::ATTENDANCE_STATUS_PRESENT},
                                   {"late", trainhub::v1::ATTENDANCE_STATUS_LATE},
                                   {"excused", trainhub::v1::ATTENDANCE_STATUS_EXCUSED},
                                   {"absent", trainhub::v1::ATTENDANCE_STATUS_ABSENT}};
  return *words;
}

void PrintWrapped(std::ostream& out, const std::string& line, size_t width) {
  if (DisplayWidth(line) <= width) {
    out << line << "\n";
    return;
  }
  const size_t leading = std::min(line.find_first_not_of(' '), line.size());
  size_t indent = leading + 2;
  // "  series:    Systemische ...": further lines start under the value.
  static const std::regex kLabel(R"(^ *[^ :]+(?: [^ :]+)?: {2,})");
  std::smatch label;
  if (std::regex_search(line, label, kLabel) && DisplayWidth(label.str()) <= width / 3) {
    indent = DisplayWidth(label.str());
  }
  if (indent + 10 > width) indent = 2;
  // The first line keeps its own spacing; further lines join words by one.
  std::string current = line.substr(0, leading);
  size_t used = leading;
  bool first_line = true, line_has_word = false;
  size_t at = leading;
  while (at < line.size()) {
    const size_t word_start = line.find_first_not_of(' ', at);
    if (word_start == std::string::npos) break;
    const size_t word_end = std::min(line.find(' ', word_start), line.size());
    const std::string spaces = first_line ? line.substr(at, word_start - at) : " ";
    const std::string word = line.substr(word_start, word_end - word_start);
    at = word_end;
    const size_t gap = line_has_word ? DisplayWidth(spaces) : 0;
    const size_t word_width = DisplayWidth(word);
    if (line_has_word && used + gap + word_width > width) {
      out << current << "\n";
      current = std::string(indent, ' ');
      used = indent;
      first_line = false;
      line_has_word = false;
    }
    if (line_has_word) {
      current += first_line ? spaces : " ";
      used += first_line ? gap : 1;
    }
    // A word longer than the room breaks between grapheme clusters.
    std::vector<std::string> parts = WrapText(word, width - used);
    if (parts.size() > 1) {
      const std::string rest = word.substr(parts.front().size());
      parts.resize(1);
      for (std::string& part : WrapText(rest, width - indent)) parts.push_back(std::move(part));
    }
    for (size_t i = 0; i < parts.size(); ++i) {
      if (i > 0) {
        out << current << "\n";
        current = std::string(indent, ' ');
        used = indent;
        first_line = false;
      }
      current += parts[i];
      used += DisplayWidth(parts[i]);
    }
    line_has_word = true;
  }
  out << current << "\n";
}

void PrintWrappedLines(std::ostream& out, const std::string& text, size_t width) {
  if (text.empty()) return;
  absl::string_view rest = text;
  if (rest.back() == '\n') rest.remove_suffix(1);
  for (absl::string_view line : absl::StrSplit(rest, '\n')) {
    PrintWrapped(out, std::string(line), width);
  }
}

void PrintFields(std::ostream& out, const std::vector<std::pair<std::string, std::string>>& fields,
                 size_t width) {
  size_t label_width = 0;
  for (const auto& [label, value] : fields) {
    label_width = std::max(label_width, DisplayWidth(label));
  }
  const size_t indent = 2 + label_width + 3;
  const size_t room = width > indent + 20 ? width - indent : 20;
  for (const auto& [label, value] : fields) {
    out << "  " << label << ":" << std::string(label_width - DisplayWidth(label) + 2, ' ');
    // Word-wrap long values; explicit line breaks are kept.
    size_t column = 0;
    bool first_word = true;
    for (absl::string_view paragraph : absl::StrSplit(value, '\n')) {
      if (!first_word) {
        out << "\n" << std::string(indent, ' ');
        column = 0;
      }
      for (absl::string_view word : absl::StrSplit(paragraph, ' ', absl::SkipEmpty())) {
        const size_t length = DisplayWidth(std::string(word));
        if (length > room) {
          // A word wider than the value's column (an e-mail address, a
          // DID) gets a line of its own from column 4, so that it can be
          // copied whole; wider still, it breaks between grapheme clusters.
          constexpr size_t kOwnLineIndent = 4;
          const std::vector<std::string> parts =
              length + kOwnLineIndent <= width ? std::vector<std::string>{std::string(word)}
                                               : WrapText(std::string(word), width - kOwnLineIndent);
          for (const std::string& part : parts) {
            out << "\n" << std::string(kOwnLineIndent, ' ') << part;
          }
          column = room;  // what follows starts a line of its own
          continue;
        }
        if (column > 0 && column + 1 + length > room) {
          out << "\n" << std::string(indent, ' ');
          column = 0;
        } else if (column > 0) {
          out << ' ';
          ++column;
        }
        out << word;
        column += length;
      }
      first_word = false;
    }
    out << "\n";
  }
}

}  // namespace trainhub::cli
