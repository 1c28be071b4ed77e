#ifndef TRAINHUB_TESTS_API_ACCESS_MATRIX_H_
#define TRAINHUB_TESTS_API_ACCESS_MATRIX_H_

// The role x own/foreign access matrix: each service's test file registers
// the rows of its RPCs (TH_ACCESS_ROWS); access_test.cc runs every row as
// every role against own and foreign objects, and fails for an RPC without
// a row.

#include <google/protobuf/message.h>
#include <google/protobuf/timestamp.pb.h>

#include <array>
#include <functional>
#include <string>
#include <vector>

#include "absl/time/civil_time.h"
#include "absl/time/time.h"

namespace trainhub::api_test {

// The objects of organisation A ("own") or B ("foreign"): the coordinator
// of A, trainer A (booked in A's session) and A's participant (enrolled in
// A's series) call each RPC on both.
struct AccessObjects {
  int64_t org = 0, series = 0, module = 0, session = 0, trainer = 0, spare_session = 0,
          participant = 0, enrolment = 0, qualification = 0;
};

struct AccessRow {
  std::string rpc;  // "SeriesService/GetSeries"
  // The serialized request aimed at the objects given.
  std::function<std::string(const AccessObjects&)> request;
  // Admitted (anything but PERMISSION_DENIED) for: coordinator own/foreign,
  // trainer own/foreign, participant own/foreign. Admins are always admitted.
  std::array<bool, 6> admitted;
  // 0: runs first, in any order. Rows that end objects (withdraw, delete,
  // cancel) run after all others, by this number, so that they cannot change
  // what the rows before may see.
  int order = 0;
};

inline constexpr std::array<bool, 6> kAll = {true, true, true, true, true, true};
inline constexpr std::array<bool, 6> kPlannerOwn = {true, false, false, false, false, false};
inline constexpr std::array<bool, 6> kSeeOwn = {true, false, true, false, false, false};
// The own participant is enrolled in the own series: they see it in every status.
inline constexpr std::array<bool, 6> kSeeOwnOrEnrolled = {true, false, true, false, true, false};
inline constexpr std::array<bool, 6> kStaff = {true, true, true, true, false, false};
inline constexpr std::array<bool, 6> kPlanners = {true, true, false, false, false, false};
inline constexpr std::array<bool, 6> kAdminOnly = {false, false, false, false, false, false};
// The planners of the own series and the own participant.
inline constexpr std::array<bool, 6> kPlannerOrSelf = {true, false, false, false, true, false};

inline std::string Bytes(const google::protobuf::Message& m) { return m.SerializeAsString(); }

// 5 January 2029, `hour`:00 UTC: a time no other session of the matrix uses.
inline void SetTime(google::protobuf::Timestamp* t, int hour) {
  t->set_seconds(absl::ToUnixSeconds(
      absl::FromCivil(absl::CivilHour(2029, 1, 5, hour), absl::UTCTimeZone())));
  t->set_nanos(0);
}

// Every row registered so far.
inline std::vector<AccessRow>& AccessRows() {
  static auto* rows = new std::vector<AccessRow>();
  return *rows;
}

inline bool RegisterAccessRows(std::vector<AccessRow> rows) {
  for (AccessRow& row : rows) AccessRows().push_back(std::move(row));
  return true;
}

// Registers a service's rows at start-up: TH_ACCESS_ROWS(kSeriesRows, {...});
#define TH_ACCESS_ROWS(name, ...) \
  [[maybe_unused]] const bool name = ::trainhub::api_test::RegisterAccessRows(__VA_ARGS__)

}  // namespace trainhub::api_test

#endif  // TRAINHUB_TESTS_API_ACCESS_MATRIX_H_
