#include "domain/enrolment/training_year.h"

#include <vector>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"

namespace trainhub::domain {
namespace {

// The month and day training years are taken to begin on.
constexpr int kYearStartMonth = 8;
constexpr int kYearStartDay = 1;

std::string Path(absl::string_view prefix, absl::string_view field) {
  return prefix.empty() ? std::string(field) : absl::StrCat(prefix, ".", field);
}

bool Number(absl::string_view text, size_t min_digits, size_t max_digits, int* out) {
  if (text.size() < min_digits || text.size() > max_digits) return false;
  for (char c : text) {
    if (c < '0' || c > '9') return false;
  }
  return absl::SimpleAtoi(text, out);
}

// The day `year`-`month`-`day` if it exists (no 30 February).
std::optional<absl::CivilDay> ExistingDay(int year, int month, int day) {
  const absl::CivilDay d(year, month, day);
  if (d.year() != year || d.month() != month || d.day() != day) return std::nullopt;
  return d;
}

Message NotADay(absl::string_view text) {
  return Msg("\"{text}\" is not a day: write it as 01.08.2024 or 2024-08-01", {{"text", text}});
}

}  // namespace

int TrainingYearOn(absl::CivilDay start, absl::CivilDay day) {
  if (day < start) return 0;
  int full_years = static_cast<int>(day.year() - start.year());
  if (day.month() < start.month() || (day.month() == start.month() && day.day() < start.day())) {
    --full_years;
  }
  return full_years + 1;
}

absl::CivilDay TrainingStartForYear(int year, absl::CivilDay as_of) {
  const absl::CivilDay this_year_start(as_of.year(), kYearStartMonth, kYearStartDay);
  const int current_start_year =
      static_cast<int>(as_of >= this_year_start ? as_of.year() : as_of.year() - 1);
  return absl::CivilDay(current_start_year - (year - 1), kYearStartMonth, kYearStartDay);
}

std::optional<absl::CivilDay> ParseTrainingStart(absl::string_view text, Message* problem) {
  text = absl::StripAsciiWhitespace(text);
  const bool iso = text.find('-') != absl::string_view::npos;
  const bool slash = text.find('/') != absl::string_view::npos;
  std::vector<absl::string_view> parts =
      absl::StrSplit(text, iso ? '-' : (slash ? '/' : '.'), absl::SkipEmpty());
  if (text.empty() || (iso && slash)) {
    *problem = NotADay(text);
    return std::nullopt;
  }
  int year = 0, month = 0, day = 1;
  bool read = false;
  if (iso) {
    // 2024-08-01 or 2024-08
    read = (parts.size() == 3 || parts.size() == 2) && Number(parts[0], 4, 4, &year) &&
           Number(parts[1], 1, 2, &month) && (parts.size() == 2 || Number(parts[2], 1, 2, &day));
  } else if (parts.size() == 3) {
    // 1.8.2024 or 01.08.2024
    read = Number(parts[0], 1, 2, &day) && Number(parts[1], 1, 2, &month);
    if (read && !Number(parts[2], 4, 4, &year)) {
      *problem =
          Msg("\"{text}\": write the year with four digits, e.g. 01.08.2024", {{"text", text}});
      return std::nullopt;
    }
  } else if (parts.size() == 2) {
    // 08.2024 or 8/2024
    read = Number(parts[0], 1, 2, &month) && Number(parts[1], 4, 4, &year);
  }
  if (!read) {
    *problem = NotADay(text);
    return std::nullopt;
  }
  std::optional<absl::CivilDay> out;
  if (month >= 1 && month <= 12 && day >= 1 && day <= 31) out = ExistingDay(year, month, day);
  if (!out) {
    *problem = Msg("\"{text}\" is not a day of the calendar", {{"text", text}});
    return std::nullopt;
  }
  *problem = Message();
  return out;
}

void ResolveStatedTrainingYear(Participant& p, absl::CivilDay today, absl::string_view prefix,
                               Violations& v) {
  const int stated = p.stated_training_year;
  p.stated_training_year = 0;
  if (stated == 0) return;
  if (stated < 1 || stated > kMaxTrainingYear) {
    v.Add(Path(prefix, "training_year"),
          Msg("apprentices are in training year 1, 2 or 3 (better: give the start of training)"));
    return;
  }
  if (!p.training_start) {
    p.training_start = TrainingStartForYear(stated, today);
    return;
  }
  const int derived = TrainingYearOn(*p.training_start, today);
  if (derived != stated) {
    v.Add(Path(prefix, "training_year"),
          Msg("is {stated}, but the start of training {start} makes today training year "
              "{derived}; give only the start of training",
              {{"stated", stated},
               {"start", absl::FormatCivilTime(*p.training_start)},
               {"derived", derived}}));
  }
}

}  // namespace trainhub::domain
