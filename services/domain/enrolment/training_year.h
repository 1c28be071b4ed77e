#ifndef TRAINHUB_SERVICES_DOMAIN_ENROLMENT_TRAINING_YEAR_H_
#define TRAINHUB_SERVICES_DOMAIN_ENROLMENT_TRAINING_YEAR_H_

// Apprentices' training years. A participant record keeps the start of
// training; the training year is derived for the day that matters (a
// session a report counts, a series' first day), so that it is right in any
// year and a past report never changes when the calendar year turns.

#include <optional>
#include <string>

#include "absl/strings/string_view.h"
#include "absl/time/civil_time.h"
#include "domain/errors.h"
#include "domain/model.h"

namespace trainhub::domain {

// Training years a record may state directly (the deprecated way) and that
// reports break down by; a later year counts as "not stated".
inline constexpr int kMaxTrainingYear = 3;

// The training year on `day` of someone whose training started on `start`:
// 1 during the first twelve months from the start, 2 during the next, and
// so on; 0 before the start.
int TrainingYearOn(absl::CivilDay start, absl::CivilDay day);

// The start of training of someone who was in training year `year` (>= 1)
// on `as_of`, for records that state a year only: training years are taken
// to begin on 1 August, when most apprenticeships in German public
// administration begin. TrainingYearOn(result, as_of) == year.
absl::CivilDay TrainingStartForYear(int year, absl::CivilDay as_of);

// A start of training as people write it: "2024-08-01", "1.8.2024",
// "01.08.2024"; a month alone ("2024-08", "08.2024", "8/2024") is its first
// day. The reason it cannot be read otherwise (an empty Message when it was
// read).
std::optional<absl::CivilDay> ParseTrainingStart(absl::string_view text, Message* problem);

// Turns a year stated for today (Participant::stated_training_year, the
// deprecated way) into the record's start of training, adding a violation
// at `prefix`.training_year when the year is not 1 to 3 or disagrees with a
// start given too. Leaves stated_training_year 0.
void ResolveStatedTrainingYear(Participant& p, absl::CivilDay today, absl::string_view prefix,
                               Violations& v);

}  // namespace trainhub::domain

#endif  // TRAINHUB_SERVICES_DOMAIN_ENROLMENT_TRAINING_YEAR_H_
