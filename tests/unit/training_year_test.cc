// Apprentices' training years: derived from the start of training for a
// day, a stated year turned into a start, and starts read as people write
// them.

#include "domain/enrolment/training_year.h"

#include <gtest/gtest.h>

namespace trainhub::domain {
namespace {

TEST(TrainingYearTest, TheYearCountsFromTheStartOfTraining) {
  const absl::CivilDay start(2018, 9, 1);
  EXPECT_EQ(TrainingYearOn(start, absl::CivilDay(2018, 8, 31)), 0);
  EXPECT_EQ(TrainingYearOn(start, absl::CivilDay(2018, 9, 1)), 1);
  EXPECT_EQ(TrainingYearOn(start, absl::CivilDay(2019, 8, 31)), 1);
  EXPECT_EQ(TrainingYearOn(start, absl::CivilDay(2019, 9, 1)), 2);
  EXPECT_EQ(TrainingYearOn(start, absl::CivilDay(2021, 9, 1)), 4);
  // Started on 29 February: the next years begin on 1 March.
  EXPECT_EQ(TrainingYearOn(absl::CivilDay(2024, 2, 29), absl::CivilDay(2025, 2, 28)), 1);
  EXPECT_EQ(TrainingYearOn(absl::CivilDay(2024, 2, 29), absl::CivilDay(2025, 3, 1)), 2);
  // A year stated for a day becomes the 1 August that makes it so.
  EXPECT_EQ(TrainingStartForYear(1, absl::CivilDay(2019, 3, 10)), absl::CivilDay(2018, 8, 1));
  EXPECT_EQ(TrainingStartForYear(2, absl::CivilDay(2019, 8, 1)), absl::CivilDay(2018, 8, 1));
  EXPECT_EQ(TrainingStartForYear(3, absl::CivilDay(2019, 7, 31)), absl::CivilDay(2016, 8, 1));
  for (int year = 1; year <= 3; ++year) {
    for (absl::CivilDay day(2019, 1, 1); day < absl::CivilDay(2020, 1, 1); day += 17) {
      EXPECT_EQ(TrainingYearOn(TrainingStartForYear(year, day), day), year) << day;
    }
  }
}

TEST(TrainingYearTest, StartsAreReadAsPeopleWriteThem) {
  Message problem;
  for (const char* text : {"2024-08-01", "01.08.2024", "1.8.2024", " 01.08.2024 "}) {
    EXPECT_EQ(ParseTrainingStart(text, &problem), absl::CivilDay(2024, 8, 1)) << text;
    EXPECT_EQ(problem.English(), "");
  }
  for (const char* text : {"2024-08", "08.2024", "8/2024"}) {
    EXPECT_EQ(ParseTrainingStart(text, &problem), absl::CivilDay(2024, 8, 1)) << text;
  }
  EXPECT_FALSE(ParseTrainingStart("01.08.24", &problem));
  EXPECT_NE(problem.English().find("four digits"), std::string::npos) << problem.English();
  for (const char* text : {"30.02.2024", "2024-13-01"}) {
    EXPECT_FALSE(ParseTrainingStart(text, &problem)) << text;
    EXPECT_NE(problem.English().find("not a day of the calendar"), std::string::npos) << problem.English();
  }
  for (const char* text : {"", "August", "2024", "1.8.2024.5", "2024-08/01"}) {
    EXPECT_FALSE(ParseTrainingStart(text, &problem)) << text;
    EXPECT_NE(problem.English().find("01.08.2024"), std::string::npos) << problem.English();
  }
}

}  // namespace
}  // namespace trainhub::domain
