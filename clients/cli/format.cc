#include "clients/cli/format.h"

#include <fmt/core.h>

#include <algorithm>

#include "absl/strings/ascii.h"
#include "absl/strings/str_split.h"
#include "clients/cli/messages.h"

namespace trainhub::cli {
namespace {

size_t CodePoints(const std::string& s) {
  return std::count_if(s.begin(), s.end(),
                       [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; });
}

// The first `n` code points of `s`.
std::string Prefix(const std::string& s, size_t n) {
  size_t seen = 0;
  for (size_t i = 0; i < s.size(); ++i) {
    if ((static_cast<unsigned char>(s[i]) & 0xC0) != 0x80) {
      if (seen == n) return s.substr(0, i);
      ++seen;
    }
  }
  return s;
}

std::string Fit(const std::string& s, size_t width) {
  if (CodePoints(s) <= width) return s;
  if (width == 0) return "";
  return Prefix(s, width - 1) + "…";
}

}  // namespace

const absl::TimeZone& LocalZone() {
  static const absl::TimeZone* zone = [] {
    auto* tz = new absl::TimeZone(absl::UTCTimeZone());
    absl::LoadTimeZone("Europe/Berlin", tz);
    return tz;
  }();
  return *zone;
}

std::optional<absl::Time> ParseUserTime(const std::string& raw, const std::string& option,
                                        std::string* error) {
  const std::string text(absl::StripAsciiWhitespace(raw));
  // With an explicit offset the zone is given.
  for (const char* format :
       {"%Y-%m-%dT%H:%M:%E*S%Ez", "%Y-%m-%dT%H:%M%Ez", "%Y-%m-%d %H:%M:%E*S%Ez"}) {
    absl::Time t;
    if (absl::ParseTime(format, text, &t, nullptr)) return t;
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
    return info.pre;
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
  if (first.year() != last.year()) return FormatLocal(start) + " – " + FormatLocal(end);
  const std::string head = first.month() == last.month() ? absl::FormatTime("%d.", s, zone)
                                                         : absl::FormatTime("%d.%m.", s, zone);
  return head + "–" + absl::FormatTime("%d.%m.%Y ", e, zone) + hours;
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

std::string FitLine(const std::string& line, size_t width) { return Fit(line, width); }

Table::Table(std::vector<std::string> headings) : headings_(std::move(headings)) {}

void Table::Add(std::vector<std::string> row) {
  row.resize(headings_.size());
  rows_.push_back(std::move(row));
}

void Table::Print(std::ostream& out, size_t width) const {
  const size_t n = headings_.size();
  std::vector<size_t> widths(n);
  for (size_t c = 0; c < n; ++c) {
    widths[c] = CodePoints(headings_[c]);
    for (const auto& row : rows_) widths[c] = std::max(widths[c], CodePoints(row[c]));
  }
  auto total = [&] {
    size_t sum = 2 * (n - 1);
    for (size_t w : widths) sum += w;
    return sum;
  };
  while (total() > width) {
    size_t widest = n;
    for (size_t c = 0; c < n; ++c) {
      if (std::find(keep_.begin(), keep_.end(), c) != keep_.end()) continue;
      if (widest == n || widths[c] > widths[widest]) widest = c;
    }
    if (widest == n || widths[widest] <= 4) break;
    --widths[widest];
  }
  auto print_row = [&](const std::vector<std::string>& row) {
    std::string line;
    for (size_t c = 0; c < n; ++c) {
      const std::string cell = Fit(row[c], widths[c]);
      line += cell;
      if (c + 1 < n) line += std::string(widths[c] - CodePoints(cell) + 2, ' ');
    }
    while (!line.empty() && line.back() == ' ') line.pop_back();
    out << line << "\n";
  };
  print_row(headings_);
  for (const auto& row : rows_) print_row(row);
}

void PrintFields(std::ostream& out, const std::vector<std::pair<std::string, std::string>>& fields,
                 size_t width) {
  size_t label_width = 0;
  for (const auto& [label, value] : fields) {
    label_width = std::max(label_width, CodePoints(label));
  }
  const size_t indent = 2 + label_width + 3;
  const size_t room = width > indent + 20 ? width - indent : 20;
  for (const auto& [label, value] : fields) {
    out << "  " << label << ":" << std::string(label_width - CodePoints(label) + 2, ' ');
    // Word-wrap long values; explicit line breaks are kept.
    size_t column = 0;
    bool first_word = true;
    for (absl::string_view paragraph : absl::StrSplit(value, '\n')) {
      if (!first_word) {
        out << "\n" << std::string(indent, ' ');
        column = 0;
      }
      for (absl::string_view word : absl::StrSplit(paragraph, ' ', absl::SkipEmpty())) {
        const size_t length = CodePoints(std::string(word));
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
