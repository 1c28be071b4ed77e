#ifndef TRAINHUB_SERVICES_DOMAIN_ATTENDANCE_ATTENDANCE_MATRIX_H_
#define TRAINHUB_SERVICES_DOMAIN_ATTENDANCE_ATTENDANCE_MATRIX_H_

// A series' attendance as people x sessions: each cell the status that
// counts, each row the person's totals; what the summary, the matrix, its
// files and the completion of a series are made of.

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "domain/model.h"
#include "domain/ports/unit_of_work.h"

namespace trainhub::domain {

struct PersonAttendance {
  Id participant_id = 0;
  std::string participant_name;
  int sessions_expected = 0;
  int sessions_held = 0;
  // Of the sessions held: present_only + late + excused + absent +
  // unrecorded = sessions_held; sessions_held + upcoming = sessions_expected.
  int present = 0;  // present and late: the sessions attended
  int present_only = 0;
  int late = 0;
  int excused = 0;
  int absent = 0;
  int unrecorded = 0;
  int upcoming = 0;
  int minutes_missed = 0;
  double teaching_units_attended = 0;
  double teaching_units_held = 0;
  double attendance_rate = 0;
};

struct MatrixColumn {
  Session session;
  double teaching_units = 0;
  bool signed_off = false;
  bool held = false;  // begun as of CountMatrix's time
};

struct MatrixCell {
  bool expected = false;  // held a seat during the session
  AttendanceStatus status = AttendanceStatus::kUnspecified;
  int minutes_missed = 0;
  bool needs_review = false;
};

struct MatrixRow {
  Id participant_id = 0;
  std::string participant_name;
  std::vector<MatrixCell> cells;  // one per column
  PersonAttendance totals;        // as of CountMatrix's time
};

struct AttendanceMatrix {
  Series series;
  std::vector<MatrixColumn> columns;  // sessions by start
  std::vector<MatrixRow> rows;        // people by name
};

// The people x sessions matrix of `series` (all of its sessions, everyone
// expected at one of them) as `r` sees it; the caller has checked access.
absl::StatusOr<AttendanceMatrix> BuildMatrix(ReadView& r, Series series);

// Marks the columns of `matrix` held that had begun at `now` and counts
// each row's totals as of then: what the summary, the matrix and its files
// show alike.
void CountMatrix(AttendanceMatrix& matrix, absl::Time now);

// The matrix (counted: CountMatrix) as CSV for German spreadsheets (UTF-8
// with byte order mark, semicolons, CRLF) and as JSON.
std::string MatrixCsv(const AttendanceMatrix& matrix);
std::string MatrixJson(const AttendanceMatrix& matrix);

}  // namespace trainhub::domain

#endif  // TRAINHUB_SERVICES_DOMAIN_ATTENDANCE_ATTENDANCE_MATRIX_H_
